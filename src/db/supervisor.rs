//! Keeps the managed PostgreSQL running while Homeroom serves: when its postmaster
//! exits unexpectedly (the OOM killer, a crash), it is started again after a short
//! wait that doubles while it keeps failing, and the status says "restarting"
//! meanwhile so requests get a 503 to retry at once instead of waiting.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::local::{ClusterOptions, LocalCluster};
use super::pool::DatabaseStatus;

/// How often the watcher looks up from waiting, to notice it should stop.
const WATCH_SLICE: Duration = Duration::from_millis(200);

/// The waits before restarting the server: half a second, doubling up to half a
/// minute while it keeps exiting, and half a second again once it has run well for a minute.
#[derive(Debug, Clone)]
pub struct Backoff {
    next: Duration,
}

impl Backoff {
    pub const FIRST: Duration = Duration::from_millis(500);
    pub const CAP: Duration = Duration::from_secs(30);
    /// A server that ran this long was healthy; its exit starts the waits afresh.
    pub const HEALTHY: Duration = Duration::from_secs(60);

    pub fn new() -> Backoff {
        Backoff { next: Self::FIRST }
    }

    /// The wait before the first attempt after a server that ran `ran_for` exited.
    pub fn after_exit(&mut self, ran_for: Duration) -> Duration {
        if ran_for >= Self::HEALTHY {
            self.next = Self::FIRST;
        }
        self.take()
    }

    /// The wait before the next attempt after one that failed.
    pub fn after_failed_start(&mut self) -> Duration {
        self.take()
    }

    fn take(&mut self) -> Duration {
        let wait = self.next;
        self.next = (self.next * 2).min(Self::CAP);
        wait
    }
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff::new()
    }
}

/// The watcher thread; it owns the cluster until [`Supervisor::stop`] hands it back.
pub(super) struct Supervisor {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<Option<LocalCluster>>>,
}

impl Supervisor {
    /// Takes the cluster and starts watching it. Should the thread not start, the
    /// cluster is stopped with it and the error returned.
    pub(super) fn start(
        cluster: LocalCluster,
        status: Arc<DatabaseStatus>,
    ) -> std::io::Result<Supervisor> {
        let stop = Arc::new(AtomicBool::new(false));
        let watch = Watch {
            data_dir: cluster.data_dir().to_path_buf(),
            options: cluster.options(),
            status,
            stop: Arc::clone(&stop),
        };
        let thread = thread::Builder::new()
            .name("homeroom-postgres-supervisor".into())
            .spawn(move || watch.run(cluster))?;
        Ok(Supervisor {
            stop,
            thread: Some(thread),
        })
    }

    /// Stops watching (an exit from now on is expected) and hands the cluster back.
    pub(super) fn stop(mut self) -> Option<LocalCluster> {
        self.stop_and_join()
    }

    fn stop_and_join(&mut self) -> Option<LocalCluster> {
        self.stop.store(true, Ordering::SeqCst);
        let thread = self.thread.take()?;
        match thread.join() {
            Ok(cluster) => cluster,
            Err(_) => {
                tracing::error!("the database supervisor panicked");
                None
            }
        }
    }
}

impl Drop for Supervisor {
    fn drop(&mut self) {
        // The cluster returned here is dropped, which stops a server this process started.
        drop(self.stop_and_join());
    }
}

struct Watch {
    data_dir: PathBuf,
    options: ClusterOptions,
    status: Arc<DatabaseStatus>,
    stop: Arc<AtomicBool>,
}

impl Watch {
    fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    fn run(self, mut cluster: LocalCluster) -> Option<LocalCluster> {
        let mut backoff = Backoff::new();
        let mut running_since = Instant::now();
        loop {
            let how = loop {
                if self.stopping() {
                    return Some(cluster);
                }
                if let Some(how) = cluster.exited(WATCH_SLICE) {
                    break how;
                }
            };
            if self.stopping() {
                return Some(cluster);
            }
            tracing::warn!(
                data_dir = %self.data_dir.display(),
                exit = %how,
                "PostgreSQL exited unexpectedly; restarting it"
            );
            self.status
                .restarting_because(format!("PostgreSQL exited: {how}"));
            cluster.forget_exited_server();
            drop(cluster);
            let down_since = Instant::now();
            let mut wait = backoff.after_exit(running_since.elapsed());
            cluster = loop {
                if !self.sleep(wait) {
                    return None;
                }
                match LocalCluster::start(&self.data_dir, self.options) {
                    Ok(started) => break started,
                    Err(e) => {
                        wait = backoff.after_failed_start();
                        tracing::warn!(
                            error = %e,
                            next_attempt_in = ?wait,
                            "PostgreSQL did not start again"
                        );
                        self.status.restarting_because(format!(
                            "PostgreSQL exited: {how}; starting it again failed, retrying"
                        ));
                    }
                }
            };
            running_since = Instant::now();
            self.status.restarted();
            tracing::warn!(
                data_dir = %self.data_dir.display(),
                down_for = ?down_since.elapsed(),
                "PostgreSQL is running again"
            );
        }
    }

    /// Sleeps `wait` unless told to stop meanwhile; false when stopping.
    fn sleep(&self, wait: Duration) -> bool {
        let until = Instant::now() + wait;
        loop {
            if self.stopping() {
                return false;
            }
            let now = Instant::now();
            if now >= until {
                return true;
            }
            thread::sleep((until - now).min(WATCH_SLICE));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restarts_wait_half_a_second_doubling_to_a_cap_and_start_afresh_after_a_healthy_minute() {
        let mut backoff = Backoff::new();
        let quick = Duration::from_secs(2);
        assert_eq!(backoff.after_exit(quick), Duration::from_millis(500));
        assert_eq!(backoff.after_failed_start(), Duration::from_secs(1));
        assert_eq!(backoff.after_failed_start(), Duration::from_secs(2));
        // A server that starts and dies again at once keeps the waits growing.
        assert_eq!(backoff.after_exit(quick), Duration::from_secs(4));
        let waits: Vec<Duration> = (0..6).map(|_| backoff.after_failed_start()).collect();
        assert_eq!(
            waits,
            [8, 16, 30, 30, 30, 30].map(Duration::from_secs).to_vec()
        );
        assert_eq!(
            backoff.after_exit(Backoff::HEALTHY),
            Duration::from_millis(500),
            "a minute of health starts again from half a second"
        );
    }
}
