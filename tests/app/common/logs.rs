//! Everything the servers of this test run write to their log, kept in memory as
//! well as shown: the log's own filter (`RUST_LOG`, else warnings) decides what is
//! shown, while everything from `info` up (Homeroom's own lines from `debug`) is
//! kept, so a test can read what an operator's log would hold.

use std::sync::{Mutex, OnceLock};

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, fmt};

static KEPT: OnceLock<Mutex<Vec<u8>>> = OnceLock::new();

fn kept() -> &'static Mutex<Vec<u8>> {
    KEPT.get_or_init(|| Mutex::new(Vec::new()))
}

struct Keeper;

impl std::io::Write for Keeper {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        kept()
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs the log for this test process (once; later calls do nothing).
pub fn install() {
    let shown = fmt::layer().with_target(false).with_filter(
        EnvFilter::try_from_default_env()
            .unwrap_or_else(|_| EnvFilter::new("warn,actix_server=warn,actix_web=warn")),
    );
    let kept = fmt::layer()
        .with_ansi(false)
        .with_writer(|| Keeper)
        .with_filter(EnvFilter::new("info,homeroom=debug"));
    let _ = tracing_subscriber::registry()
        .with(shown)
        .with(kept)
        .try_init();
}

/// The log written so far by every server of this test process.
pub fn text() -> String {
    let bytes = kept()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    String::from_utf8_lossy(&bytes).into_owned()
}
