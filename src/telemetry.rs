//! Logging: one line per request and whatever the code reports, filtered by `RUST_LOG`.
//!
//! Lines are coloured only when standard output is a terminal, so a file or
//! journald gets plain text; `HOMEROOM_LOG_FORMAT=json` writes one JSON object per
//! line instead, for log shippers.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable text, coloured on a terminal.
    Text,
    /// One JSON object per line: time, level, message and fields.
    Json,
}

impl LogFormat {
    /// `HOMEROOM_LOG_FORMAT`: `text` (the default) or `json`.
    pub fn from_env() -> Result<LogFormat, String> {
        let value = std::env::var("HOMEROOM_LOG_FORMAT").unwrap_or_default();
        match value.trim().to_ascii_lowercase().as_str() {
            "" | "text" => Ok(LogFormat::Text),
            "json" => Ok(LogFormat::Json),
            other => Err(format!(
                "HOMEROOM_LOG_FORMAT must be `text` or `json`, not {other:?}"
            )),
        }
    }
}

/// `default` applies when `RUST_LOG` is unset: "info" for the server, "warn" for
/// one-off commands so their own output stays readable.
pub fn init(default: &str) {
    init_as(default, LogFormat::Text);
}

/// Like [`init`], in the given format.
pub fn init_as(default: &str, format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(format!("{default},actix_server=warn,actix_web=warn")));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_ansi(std::io::stdout().is_terminal());
    // try_init: tests call this more than once.
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .try_init(),
    };
}
