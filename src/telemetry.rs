//! Logging: one line per request and whatever the code reports, filtered by `RUST_LOG`.

use tracing_subscriber::EnvFilter;

/// `default` applies when `RUST_LOG` is unset: "info" for the server, "warn" for
/// one-off commands so their own output stays readable.
pub fn init(default: &str) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(format!("{default},actix_server=warn,actix_web=warn")));
    // try_init: tests call this more than once.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .try_init();
}
