//! The connection pool, and what Homeroom knows of its database's health: up,
//! restarting (the managed server exited and is being brought back), or unreachable
//! (connecting failed). While the database is known to be down a request gets its
//! answer at once, a 503 to retry, instead of waiting for a connection that will not come.

use std::ops::Deref;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use diesel::PgConnection;
use diesel::r2d2::{ConnectionManager, HandleError, Pool, PooledConnection};

pub type PgConn = PooledConnection<ConnectionManager<PgConnection>>;

/// How long a request waits for a free connection when the database is up but busy.
const WAIT_FOR_A_FREE_CONNECTION: Duration = Duration::from_secs(5);
/// How long a request tries while the database is known to be unreachable.
const TRY_WHILE_UNREACHABLE: Duration = Duration::from_millis(500);
/// Waits are cut into slices, so a request notices the database going down meanwhile.
const SLICE: Duration = Duration::from_millis(250);
/// The pool's own timeout: its first connections at start, and the cap of its retry
/// backoff (half of it), which bounds how long the pool takes to notice a database back.
const POOL_TIMEOUT: Duration = Duration::from_secs(3);

/// How a checkout refused while the managed server restarts begins.
pub const RESTARTING: &str = "the database is restarting";

/// What Homeroom knows of its database, shared by the pool, the supervisor of a
/// managed server and `/health`.
#[derive(Debug, Default)]
pub struct DatabaseStatus {
    /// Why the managed server is being restarted, while it is.
    restarting: Mutex<Option<String>>,
    /// The last connection attempt failed (and none has succeeded since).
    unreachable: AtomicBool,
}

/// The database's state, as `/health` tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseState {
    Up,
    /// The managed server exited; this says what was seen.
    Restarting(String),
    Unreachable,
}

impl DatabaseStatus {
    pub fn state(&self) -> DatabaseState {
        if let Some(reason) = self.restarting() {
            DatabaseState::Restarting(reason)
        } else if self.unreachable.load(Ordering::Relaxed) {
            DatabaseState::Unreachable
        } else {
            DatabaseState::Up
        }
    }

    pub fn restarting(&self) -> Option<String> {
        self.restarting
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The managed server exited: requests fail at once until [`Self::restarted`].
    pub fn restarting_because(&self, reason: String) {
        *self.restarting.lock().unwrap_or_else(|e| e.into_inner()) = Some(reason);
    }

    pub fn restarted(&self) {
        *self.restarting.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    fn connect_failed(&self, error: &dyn std::fmt::Display) {
        if !self.unreachable.swap(true, Ordering::Relaxed) {
            tracing::warn!(%error, "the database cannot be reached");
        }
    }

    fn connected(&self) {
        if self.unreachable.swap(false, Ordering::Relaxed) {
            tracing::info!("the database can be reached again");
        }
    }
}

/// The r2d2 pool with the status of its database. Derefs to the pool, so `get()`
/// works as before; requests take connections through [`PgPool::checkout`].
#[derive(Clone)]
pub struct PgPool {
    pool: Pool<ConnectionManager<PgConnection>>,
    status: Arc<DatabaseStatus>,
}

impl Deref for PgPool {
    type Target = Pool<ConnectionManager<PgConnection>>;

    fn deref(&self) -> &Self::Target {
        &self.pool
    }
}

impl std::fmt::Debug for PgPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgPool")
            .field("state", &self.pool.state())
            .field("status", &self.status)
            .finish()
    }
}

/// Records failed connection attempts (not failed checks of pooled connections, which
/// a database that restarted leaves behind) in the status.
#[derive(Debug)]
struct WatchConnects(Arc<DatabaseStatus>);

impl HandleError<diesel::r2d2::Error> for WatchConnects {
    fn handle_error(&self, error: diesel::r2d2::Error) {
        match error {
            diesel::r2d2::Error::ConnectionError(e) => self.0.connect_failed(&e),
            other => tracing::debug!(error = %other, "a pooled connection was broken"),
        }
    }
}

impl PgPool {
    /// A pool of `size` connections to `url`, reporting into `status`.
    pub fn build(url: &str, size: u32, status: Arc<DatabaseStatus>) -> anyhow::Result<PgPool> {
        let manager = ConnectionManager::<PgConnection>::new(url);
        let pool = Pool::builder()
            .max_size(size)
            .min_idle(Some(1))
            .connection_timeout(POOL_TIMEOUT)
            .error_handler(Box::new(WatchConnects(Arc::clone(&status))))
            .build(manager)?;
        Ok(PgPool { pool, status })
    }

    pub fn status(&self) -> &Arc<DatabaseStatus> {
        &self.status
    }

    /// A connection for a request, or why there is none: at once while the managed
    /// server restarts, within half a second while the database is unreachable, and
    /// within a few seconds when every connection is busy.
    pub fn checkout(&self) -> Result<PgConn, String> {
        let started = Instant::now();
        let mut last = String::from("no connection became free in time");
        loop {
            if let Some(reason) = self.status.restarting() {
                return Err(format!("{RESTARTING} ({reason})"));
            }
            let limit = if self.status.unreachable.load(Ordering::Relaxed) {
                TRY_WHILE_UNREACHABLE
            } else {
                WAIT_FOR_A_FREE_CONNECTION
            };
            let left = limit.saturating_sub(started.elapsed());
            if left.is_zero() {
                return Err(last);
            }
            match self.pool.get_timeout(left.min(SLICE)) {
                Ok(conn) => {
                    self.status.connected();
                    return Ok(conn);
                }
                Err(e) => last = e.to_string(),
            }
        }
    }
}
