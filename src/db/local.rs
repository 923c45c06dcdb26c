//! The private PostgreSQL cluster Homeroom runs under its data directory when no
//! `DATABASE_URL` is given: created with initdb on first use, then started as a child
//! process that listens on a unix socket only and is stopped with the app.
//!
//! Layout under the data directory:
//! `postgres/` (PGDATA), `run/` (socket directory), `postgres.log` (server log),
//! `homeroom.lock` (held by a running `homeroom serve`), `postgres.start.lock`
//! (serialises concurrent starts).
//!
//! As root, the server runs as the `postgres` user, which cannot enter a data
//! directory under a private home such as /root. Then the server's own files
//! (`postgres/`, `run/`) live in a directory of their own under
//! /var/lib/homeroom/clusters, and `postgres` in the data directory is a symbolic
//! link to them; everything else stays in the data directory.

use std::ffi::{CString, OsStr, OsString};
use std::fs::{self, DirBuilder, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use diesel::sql_types::Bool;
use diesel::{Connection, PgConnection, QueryableByName, RunQueryDsl};
use tracing::{debug, info, warn};

const PG_BIN_ENV: &str = "HOMEROOM_PG_BIN";
/// Where a root-run Homeroom keeps the server's files of a data directory the `postgres` user cannot reach.
const RELOCATED_ROOT: &str = "/var/lib/homeroom/clusters";
const DEBIAN_PG_ROOT: &str = "/usr/lib/postgresql";
/// The server's OS user when Homeroom runs as root, and the database superuser name.
const POSTGRES_USER: &str = "postgres";
const PORT: u16 = 5432;
const SOCKET_FILE: &str = ".s.PGSQL.5432";
/// `sun_path` holds 108 bytes including the terminating NUL.
const MAX_SOCKET_PATH: usize = 107;
const READY_TIMEOUT: Duration = Duration::from_secs(30);
const POLL_INTERVAL: Duration = Duration::from_millis(50);
const STOP_TIMEOUT: Duration = Duration::from_secs(30);
const QUIT_TIMEOUT: Duration = Duration::from_secs(10);
const LOG_TAIL_LINES: usize = 20;
/// The server log is moved aside at start once it grows past this, so it cannot grow forever.
const LOG_ROTATE_BYTES: u64 = 10 * 1024 * 1024;
/// PostgreSQL truncates longer identifiers, which would defeat the existence check.
const MAX_IDENTIFIER_BYTES: usize = 63;

/// How the cluster trades safety for speed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClusterOptions {
    /// `false` turns off fsync and friends: fine for throwaway test clusters, never for real data.
    pub durable: bool,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions { durable: true }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LocalDbError {
    #[error(
        "PostgreSQL server programs (initdb, postgres) were not found. Install them with: sudo apt-get install postgresql   (or set DATABASE_URL to use an existing server, or HOMEROOM_PG_BIN to the folder holding initdb)"
    )]
    ServerProgramsNotFound,

    #[error(
        "HOMEROOM_PG_BIN is set to {}, but that folder does not hold both initdb and postgres. Point it at the folder holding initdb (for example /usr/lib/postgresql/16/bin) or unset it.",
        .dir.display()
    )]
    PgBinInvalid { dir: PathBuf },

    #[error(
        "Homeroom is running as root and PostgreSQL refuses to run as root, so the database server runs as the `postgres` system user, but there is no such user. Install the PostgreSQL server package (sudo apt-get install postgresql), which creates it, or create the user (sudo useradd --system --home-dir /var/lib/postgresql postgres)."
    )]
    NoPostgresUser,

    #[error(
        "The `postgres` system user, which runs the database server when Homeroom runs as root, cannot reach the data directory {}: it is not allowed to enter {}. Use a data directory it can reach, for example HOMEROOM_DATA_DIR=/var/lib/homeroom, or run Homeroom as an ordinary user.",
        .data_dir.display(), .blocked.display()
    )]
    DataDirUnreachable { data_dir: PathBuf, blocked: PathBuf },

    #[error(
        "The database socket directory {} belongs to another user (uid {owner}). Remove it, or choose another data directory.",
        .dir.display()
    )]
    SocketDirNotOwned { dir: PathBuf, owner: u32 },

    #[error(
        "{} exists but holds no PostgreSQL cluster (it has no PG_VERSION file). Move it out of the way and start Homeroom again.",
        .pgdata.display()
    )]
    NotACluster { pgdata: PathBuf },

    #[error("Could not {action} {}: {cause}", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        cause: io::Error,
    },

    #[error("Could not run {}: {cause}", .program.display())]
    Spawn { program: PathBuf, cause: io::Error },

    #[error("initdb could not create the PostgreSQL cluster in {} ({status}):\n{output}", .pgdata.display())]
    InitDb {
        pgdata: PathBuf,
        status: String,
        output: String,
    },

    #[error(
        "PostgreSQL in {} did not start: {reason}. Last lines of {}:\n{tail}",
        .pgdata.display(), .log.display()
    )]
    StartFailed {
        pgdata: PathBuf,
        reason: String,
        log: PathBuf,
        tail: String,
    },

    #[error("PostgreSQL (pid {pid}) in {} did not stop, even after SIGQUIT.", .pgdata.display())]
    StopTimeout { pid: u32, pgdata: PathBuf },

    #[error("Could not connect to the local PostgreSQL through {}: {cause}", .socket_dir.display())]
    Connect {
        socket_dir: PathBuf,
        cause: diesel::ConnectionError,
    },

    #[error("{name:?} cannot be used as a database name: {reason}")]
    InvalidDatabaseName { name: String, reason: &'static str },

    #[error("Could not create the database {name:?}: {cause}")]
    CreateDatabase {
        name: String,
        cause: diesel::result::Error,
    },

    #[error(
        "The data directory {} is in use by another running Homeroom (pid {}). Stop it first, or point HOMEROOM_DATA_DIR at another directory.",
        .dir.display(), pid_text(.pid)
    )]
    DataDirInUse { dir: PathBuf, pid: Option<u32> },
}

fn pid_text(pid: &Option<u32>) -> String {
    pid.map_or_else(|| "unknown".to_owned(), |p| p.to_string())
}

fn io_err(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> LocalDbError {
    let path = path.to_path_buf();
    move |cause| LocalDbError::Io {
        action,
        path,
        cause,
    }
}

/// A running cluster: started by this process (`owned`) or found already running.
#[derive(Debug)]
pub struct LocalCluster {
    data_dir: PathBuf,
    /// Holds `pgdata` and, unless its path is too long, the socket: the data
    /// directory, or the directory a root-run Homeroom keeps them in instead.
    home: PathBuf,
    pgdata: PathBuf,
    socket_dir: PathBuf,
    log_path: PathBuf,
    options: ClusterOptions,
    owned: bool,
    server: Option<Server>,
    /// The postmaster of a server found already running, which another process started.
    attached_pid: Option<libc::pid_t>,
}

impl LocalCluster {
    /// Starts the cluster under `data_dir` (creating it on first use), or attaches to
    /// the one already running there. Returns once it accepts connections.
    pub fn start(data_dir: &Path, options: ClusterOptions) -> Result<LocalCluster, LocalDbError> {
        fs::create_dir_all(data_dir).map_err(io_err("create the data directory", data_dir))?;
        let data_dir =
            fs::canonicalize(data_dir).map_err(io_err("resolve the data directory", data_dir))?;
        let home = server_home(&data_dir)?;
        let mut cluster = LocalCluster {
            pgdata: home.join("postgres"),
            socket_dir: socket_dir_for(&home),
            log_path: data_dir.join("postgres.log"),
            home,
            data_dir,
            options,
            owned: false,
            server: None,
            attached_pid: None,
        };

        // Two processes starting the same cluster at once would both initdb or spawn.
        let lock_path = cluster.data_dir.join("postgres.start.lock");
        let start_lock = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&lock_path)
            .map_err(io_err("open", &lock_path))?;
        start_lock.lock().map_err(io_err("lock", &lock_path))?;

        if cluster.attach_to_running() {
            info!(data_dir = %cluster.data_dir.display(), "using the PostgreSQL cluster that is already running");
            return Ok(cluster);
        }

        let run_as = RunAs::for_server()?;
        let bin_dir = find_bin_dir(cluster_major_version(&cluster.pgdata).as_deref())?;
        debug!(bin_dir = %bin_dir.display(), "PostgreSQL server programs");
        if run_as.switch_user {
            check_reachable(&cluster.home, &run_as)?;
        }
        prepare_private_dir(&cluster.socket_dir, &run_as)?;

        if !cluster.pgdata.join("PG_VERSION").is_file() {
            cluster.init(&bin_dir, &run_as, options)?;
        } else if run_as.switch_user {
            chown_dir(&cluster.pgdata, &run_as)?;
        }

        let log_start = cluster.open_log_for_run()?;
        info!(data_dir = %cluster.data_dir.display(), "starting PostgreSQL");
        cluster.server = Some(cluster.spawn_server(&bin_dir, &run_as, options)?);
        cluster.owned = true;

        if let Err(reason) = cluster.wait_until_ready() {
            // Read the tail before stopping, so shutdown messages do not push out the reason.
            let tail = log_tail(&cluster.log_path, log_start);
            if let Err(e) = cluster.stop() {
                warn!("{e}");
            }
            return Err(LocalDbError::StartFailed {
                pgdata: cluster.pgdata.clone(),
                reason,
                log: cluster.log_path.clone(),
                tail,
            });
        }
        drop(start_lock);
        info!(data_dir = %cluster.data_dir.display(), socket_dir = %cluster.socket_dir.display(), "PostgreSQL is ready");
        Ok(cluster)
    }

    /// A libpq URL for `database` on this cluster, usable with Diesel.
    pub fn database_url(&self, database: &str) -> String {
        format!(
            "postgres://{POSTGRES_USER}@/{}?host={}&port={PORT}",
            percent_encode(database.as_bytes()),
            percent_encode(self.socket_dir.as_os_str().as_bytes())
        )
    }

    /// Creates `database` unless it exists; another process creating it at the same time is fine.
    pub fn ensure_database(&self, database: &str) -> Result<(), LocalDbError> {
        validate_database_name(database)?;
        let mut conn = self.connect("postgres")?;
        let create_error = |cause| LocalDbError::CreateDatabase {
            name: database.to_owned(),
            cause,
        };
        if database_exists(&mut conn, database).map_err(create_error)? {
            debug!(database, "database exists");
            return Ok(());
        }
        let sql = format!("CREATE DATABASE {}", quote_identifier(database));
        match diesel::sql_query(sql).execute(&mut conn) {
            Ok(_) => {
                info!(database, data_dir = %self.data_dir.display(), "created database");
                Ok(())
            }
            // A concurrent creator wins with duplicate_database or a unique violation.
            Err(cause) => match database_exists(&mut conn, database) {
                Ok(true) => {
                    debug!(database, "database was created concurrently");
                    Ok(())
                }
                _ => Err(create_error(cause)),
            },
        }
    }

    /// Whether this process started the server (and so stops it).
    pub fn is_owned(&self) -> bool {
        self.owned
    }

    /// The options it was started with, to start it again alike.
    pub fn options(&self) -> ClusterOptions {
        self.options
    }

    /// Waits up to `wait` for the server to exit; says how it ended when it has. A
    /// server this process started is its child, so its exit status is known at once;
    /// one found running is watched through its pid.
    pub fn exited(&self, wait: Duration) -> Option<String> {
        if let Some(server) = &self.server {
            return server.exit.wait(wait);
        }
        let pid = self.attached_pid?;
        thread::sleep(wait);
        (!process_alive(pid)).then(|| format!("its process {pid} is gone"))
    }

    /// Forgets a server that has exited, so dropping this value does not try to stop it.
    pub(crate) fn forget_exited_server(&mut self) {
        if self
            .server
            .as_ref()
            .is_some_and(|server| server.exit.get().is_some())
        {
            self.server = None;
        }
    }

    /// The absolute data directory.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The directory holding the server's unix socket.
    pub fn socket_dir(&self) -> &Path {
        &self.socket_dir
    }

    /// Fast shutdown of a server this process started; nothing for an attached one.
    pub fn stop(&mut self) -> Result<(), LocalDbError> {
        let Some(server) = self.server.take() else {
            return Ok(());
        };
        if let Some(status) = server.exit.get() {
            warn!(data_dir = %self.data_dir.display(), %status, "PostgreSQL had already exited");
            return Ok(());
        }
        info!(data_dir = %self.data_dir.display(), "stopping PostgreSQL");
        server.signal(libc::SIGINT);
        if let Some(status) = server.exit.wait(STOP_TIMEOUT) {
            info!(data_dir = %self.data_dir.display(), %status, "PostgreSQL stopped");
            return Ok(());
        }
        warn!(
            pid = server.pid,
            "PostgreSQL did not stop within 30 seconds; sending SIGQUIT"
        );
        server.signal(libc::SIGQUIT);
        if server.exit.wait(QUIT_TIMEOUT).is_some() {
            return Ok(());
        }
        Err(LocalDbError::StopTimeout {
            pid: server.pid,
            pgdata: self.pgdata.clone(),
        })
    }

    fn connect(&self, database: &str) -> Result<PgConnection, LocalDbError> {
        PgConnection::establish(&self.database_url(database)).map_err(|cause| {
            LocalDbError::Connect {
                socket_dir: self.socket_dir.clone(),
                cause,
            }
        })
    }

    /// True when postmaster.pid names a live server here that accepts connections.
    fn attach_to_running(&mut self) -> bool {
        let Some(pid) = read_postmaster_pid(&self.pgdata) else {
            return false;
        };
        if !process_alive(pid) || !looks_like_postgres(pid) {
            debug!(pid, "postmaster.pid is stale");
            return false;
        }
        // A server that is still starting up or shutting down settles within the timeout.
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            if PgConnection::establish(&self.database_url("postgres")).is_ok() {
                self.attached_pid = Some(pid);
                return true;
            }
            if !process_alive(pid) {
                debug!(pid, "the running server exited; starting a new one");
                return false;
            }
            if Instant::now() >= deadline {
                debug!(
                    pid,
                    "the running server does not accept connections; trying to start"
                );
                return false;
            }
            thread::sleep(POLL_INTERVAL);
        }
    }

    fn init(
        &self,
        bin_dir: &Path,
        run_as: &RunAs,
        options: ClusterOptions,
    ) -> Result<(), LocalDbError> {
        if self.pgdata.exists() {
            let empty = fs::read_dir(&self.pgdata)
                .map_err(io_err("read", &self.pgdata))?
                .next()
                .is_none();
            if !empty {
                return Err(LocalDbError::NotACluster {
                    pgdata: self.pgdata.clone(),
                });
            }
            fs::remove_dir(&self.pgdata).map_err(io_err("remove", &self.pgdata))?;
        }
        info!(data_dir = %self.data_dir.display(), "creating the PostgreSQL cluster (initdb)");
        // initdb works in a scratch directory renamed into place, so an interrupted run leaves no half cluster.
        let scratch = self.home.join("postgres.initdb-tmp");
        let result = match self.run_initdb(bin_dir, &scratch, run_as, options, "C.UTF-8") {
            // Some systems lack the C.UTF-8 locale.
            Err(LocalDbError::InitDb { .. }) => {
                self.run_initdb(bin_dir, &scratch, run_as, options, "C")
            }
            other => other,
        };
        if result.is_err() {
            let _ = fs::remove_dir_all(&scratch);
        }
        result?;
        fs::rename(&scratch, &self.pgdata).map_err(io_err("move into place", &self.pgdata))?;
        if options.durable {
            // Makes the rename itself durable.
            File::open(&self.home)
                .and_then(|d| d.sync_all())
                .map_err(io_err("sync", &self.home))?;
        }
        Ok(())
    }

    fn run_initdb(
        &self,
        bin_dir: &Path,
        scratch: &Path,
        run_as: &RunAs,
        options: ClusterOptions,
        locale: &str,
    ) -> Result<(), LocalDbError> {
        if scratch.exists() {
            fs::remove_dir_all(scratch).map_err(io_err("remove", scratch))?;
        }
        create_private_dir(scratch, run_as)?;
        let initdb = bin_dir.join("initdb");
        let mut cmd = Command::new(&initdb);
        cmd.arg("-D")
            .arg(scratch)
            .arg("--auth=trust")
            .arg(format!("--username={POSTGRES_USER}"))
            .arg("--encoding=UTF8")
            .arg(format!("--locale={locale}"));
        if !options.durable {
            cmd.arg("--no-sync");
        }
        cmd.current_dir(&self.home).stdin(Stdio::null());
        run_as.apply(&mut cmd);
        let output = cmd.output().map_err(|cause| LocalDbError::Spawn {
            program: initdb.clone(),
            cause,
        })?;
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        if output.status.success() {
            debug!(locale, output = %text, "initdb finished");
            return Ok(());
        }
        debug!(locale, output = %text, "initdb failed");
        Err(LocalDbError::InitDb {
            pgdata: self.pgdata.clone(),
            status: output.status.to_string(),
            output: text.trim_end().to_owned(),
        })
    }

    /// Rotates an oversized log and returns where this run's output starts.
    fn open_log_for_run(&self) -> Result<u64, LocalDbError> {
        match fs::metadata(&self.log_path) {
            Ok(md) if md.len() > LOG_ROTATE_BYTES => {
                let old = self.data_dir.join("postgres.log.1");
                fs::rename(&self.log_path, &old).map_err(io_err("rotate", &self.log_path))?;
                Ok(0)
            }
            Ok(md) => Ok(md.len()),
            Err(_) => Ok(0),
        }
    }

    fn spawn_server(
        &self,
        bin_dir: &Path,
        run_as: &RunAs,
        options: ClusterOptions,
    ) -> Result<Server, LocalDbError> {
        let log = OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(&self.log_path)
            .map_err(io_err("open", &self.log_path))?;
        let log_err = log.try_clone().map_err(io_err("open", &self.log_path))?;

        let program = bin_dir.join("postgres");
        let mut cmd = Command::new(&program);
        cmd.arg("-D").arg(&self.pgdata);
        let major = cluster_major_version(&self.pgdata).and_then(|v| v.parse().ok());
        for setting in server_settings(&self.socket_dir, options, major) {
            cmd.arg("-c").arg(setting);
        }
        cmd.current_dir(&self.home)
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            // Its own process group: a terminal Ctrl-C reaches Homeroom only, which then stops it.
            .process_group(0);
        run_as.apply(&mut cmd);
        // SAFETY: getpid has no preconditions.
        let parent = unsafe { libc::getpid() };
        // SAFETY: the closure only makes async-signal-safe system calls.
        unsafe {
            cmd.pre_exec(move || {
                let mut set: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut set);
                libc::pthread_sigmask(libc::SIG_SETMASK, &set, std::ptr::null_mut());
                // If Homeroom dies, even by SIGKILL, the server does a fast shutdown.
                #[cfg(any(target_os = "linux", target_os = "android"))]
                {
                    if libc::prctl(
                        libc::PR_SET_PDEATHSIG,
                        libc::SIGINT as libc::c_ulong,
                        0,
                        0,
                        0,
                    ) != 0
                    {
                        return Err(io::Error::last_os_error());
                    }
                    // Homeroom died before prctl took effect.
                    if libc::getppid() != parent {
                        return Err(io::Error::from_raw_os_error(libc::ESRCH));
                    }
                }
                Ok(())
            });
        }
        debug!(command = ?cmd, "spawning postgres");

        // PDEATHSIG fires when the spawning *thread* exits, so a thread that lives as long as the child spawns it.
        let exit = Arc::new(ExitState::default());
        let (tx, rx) = mpsc::channel();
        let thread_exit = Arc::clone(&exit);
        thread::Builder::new()
            .name("homeroom-postgres".into())
            .spawn(move || {
                let mut child = match cmd.spawn() {
                    Ok(child) => child,
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                };
                let _ = tx.send(Ok(child.id()));
                let status = child.wait();
                thread_exit.set(match status {
                    Ok(status) => status.to_string(),
                    Err(e) => format!("waiting for it failed: {e}"),
                });
            })
            .map_err(|cause| LocalDbError::Spawn {
                program: program.clone(),
                cause,
            })?;
        let pid = rx
            .recv()
            .unwrap_or_else(|_| Err(io::Error::other("the spawning thread ended unexpectedly")))
            .map_err(|cause| LocalDbError::Spawn {
                program: program.clone(),
                cause,
            })?;
        debug!(pid, "postgres spawned");
        Ok(Server { pid, exit })
    }

    /// Err carries the reason, for the caller to combine with the log tail.
    fn wait_until_ready(&self) -> Result<(), String> {
        let Some(server) = &self.server else {
            return Err("the server was not started".into());
        };
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            if let Some(status) = server.exit.get() {
                return Err(format!("postgres exited ({status})"));
            }
            // The pid file says "ready" once it accepts connections; trying earlier only fills the log.
            let state = postmaster_state(&self.pgdata);
            let may_be_ready = match &state {
                Some((pid, status)) => {
                    *pid == server.pid && status.as_deref().is_none_or(|s| s == "ready")
                }
                None => false,
            };
            if may_be_ready && PgConnection::establish(&self.database_url("postgres")).is_ok() {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err("it did not accept connections within 30 seconds".into());
            }
            thread::sleep(POLL_INTERVAL);
        }
    }
}

impl Drop for LocalCluster {
    fn drop(&mut self) {
        if let Err(e) = self.stop() {
            warn!("{e}");
        }
    }
}

/// The child postgres process; the thread that spawned it waits on it and records the exit.
#[derive(Debug)]
struct Server {
    pid: u32,
    exit: Arc<ExitState>,
}

impl Server {
    fn signal(&self, signal: libc::c_int) {
        // The pid cannot be reused before the waiting thread reaps it, which records the exit first.
        if self.exit.get().is_none() {
            let Ok(pid) = libc::pid_t::try_from(self.pid) else {
                return;
            };
            // SAFETY: kill has no memory-safety preconditions.
            unsafe {
                libc::kill(pid, signal);
            }
        }
    }
}

#[derive(Debug, Default)]
struct ExitState {
    status: Mutex<Option<String>>,
    changed: Condvar,
}

impl ExitState {
    fn set(&self, status: String) {
        let mut guard = self.status.lock().unwrap_or_else(|e| e.into_inner());
        *guard = Some(status);
        self.changed.notify_all();
    }

    fn get(&self) -> Option<String> {
        self.status
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn wait(&self, timeout: Duration) -> Option<String> {
        let guard = self.status.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s.is_none())
            .unwrap_or_else(|e| e.into_inner());
        guard.clone()
    }
}

/// Held while this process serves from a data directory; released on drop.
#[derive(Debug)]
pub struct DataDirLock {
    _file: File,
    data_dir: PathBuf,
}

impl DataDirLock {
    /// Takes `<data_dir>/homeroom.lock` without waiting, creating the directory if needed.
    pub fn acquire(data_dir: &Path) -> Result<DataDirLock, LocalDbError> {
        fs::create_dir_all(data_dir).map_err(io_err("create the data directory", data_dir))?;
        let data_dir =
            fs::canonicalize(data_dir).map_err(io_err("resolve the data directory", data_dir))?;
        let path = data_dir.join("homeroom.lock");
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o644)
            .open(&path)
            .map_err(io_err("open", &path))?;
        match file.try_lock() {
            Ok(()) => {
                file.set_len(0)
                    .and_then(|()| file.seek(SeekFrom::Start(0)))
                    .and_then(|_| writeln!(file, "{}", std::process::id()))
                    .map_err(io_err("write", &path))?;
                debug!(path = %path.display(), "data directory locked");
                Ok(DataDirLock {
                    _file: file,
                    data_dir,
                })
            }
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                Err(LocalDbError::DataDirInUse {
                    dir: data_dir,
                    pid: text.trim().parse().ok(),
                })
            }
            Err(TryLockError::Error(cause)) => Err(LocalDbError::Io {
                action: "lock",
                path,
                cause,
            }),
        }
    }

    /// The absolute data directory this lock holds.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }
}

/// Which OS user runs initdb and postgres.
#[derive(Debug, Clone)]
struct RunAs {
    uid: u32,
    gid: u32,
    /// True when Homeroom runs as root and switches to the `postgres` user for the server.
    switch_user: bool,
}

impl RunAs {
    fn for_server() -> Result<RunAs, LocalDbError> {
        // SAFETY: these calls have no preconditions.
        let (euid, egid) = unsafe { (libc::geteuid(), libc::getegid()) };
        if euid != 0 {
            return Ok(RunAs {
                uid: euid,
                gid: egid,
                switch_user: false,
            });
        }
        let (uid, gid) = lookup_user(POSTGRES_USER).ok_or(LocalDbError::NoPostgresUser)?;
        Ok(RunAs {
            uid,
            gid,
            switch_user: true,
        })
    }

    fn apply(&self, cmd: &mut Command) {
        if self.switch_user {
            // std drops supplementary groups when switching from root.
            cmd.uid(self.uid).gid(self.gid);
        }
    }
}

fn lookup_user(name: &str) -> Option<(u32, u32)> {
    let name = CString::new(name).ok()?;
    let mut buf: Vec<libc::c_char> = vec![0; 4096];
    loop {
        // SAFETY: passwd is plain data; getpwnam_r writes only within pwd and buf.
        let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let rc = unsafe {
            libc::getpwnam_r(
                name.as_ptr(),
                &mut pwd,
                buf.as_mut_ptr(),
                buf.len(),
                &mut result,
            )
        };
        if rc == libc::ERANGE && buf.len() < 1 << 20 {
            buf.resize(buf.len() * 2, 0);
            continue;
        }
        if rc != 0 || result.is_null() {
            debug!(rc, "user {name:?} not found");
            return None;
        }
        return Some((pwd.pw_uid, pwd.pw_gid));
    }
}

/// Fails with a clear message when the server user cannot enter every directory down to `data_dir`.
fn check_reachable(data_dir: &Path, run_as: &RunAs) -> Result<(), LocalDbError> {
    match blocked_ancestor(data_dir, run_as) {
        None => Ok(()),
        Some(blocked) => Err(LocalDbError::DataDirUnreachable {
            data_dir: data_dir.to_path_buf(),
            blocked,
        }),
    }
}

/// The first directory on the way to `dir` that the server user may not enter, if any.
fn blocked_ancestor(dir: &Path, run_as: &RunAs) -> Option<PathBuf> {
    let searchable = |dir: &Path| -> Option<bool> {
        let mut cmd = Command::new("test");
        cmd.arg("-x")
            .arg(dir)
            .current_dir("/")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        run_as.apply(&mut cmd);
        match cmd.status() {
            Ok(status) => Some(status.success()),
            Err(e) => {
                debug!("cannot check directory access with `test`: {e}");
                None
            }
        }
    };
    match searchable(dir) {
        Some(true) | None => return None,
        Some(false) => {}
    }
    let mut ancestors: Vec<&Path> = dir.ancestors().collect();
    ancestors.reverse();
    let blocked = ancestors
        .into_iter()
        .find(|d| searchable(d) == Some(false))
        .unwrap_or(dir);
    Some(blocked.to_path_buf())
}

/// Where the server's files of `data_dir` live (see the module comment): the data
/// directory itself, or, for root with a data directory the `postgres` user cannot
/// enter and no cluster in it yet, a directory under [`RELOCATED_ROOT`] named by a
/// hash of its path, linked from `<data_dir>/postgres`.
fn server_home(data_dir: &Path) -> Result<PathBuf, LocalDbError> {
    let link = data_dir.join("postgres");
    if let Ok(target) = fs::read_link(&link) {
        let target = if target.is_absolute() {
            target
        } else {
            data_dir.join(target)
        };
        return Ok(target
            .parent()
            .map_or_else(|| data_dir.to_path_buf(), Path::to_path_buf));
    }
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 || fs::symlink_metadata(&link).is_ok() {
        return Ok(data_dir.to_path_buf());
    }
    // Without a `postgres` user the start fails later with its own message.
    let Some((uid, gid)) = lookup_user(POSTGRES_USER) else {
        return Ok(data_dir.to_path_buf());
    };
    let run_as = RunAs {
        uid,
        gid,
        switch_user: true,
    };
    let Some(blocked) = blocked_ancestor(data_dir, &run_as) else {
        return Ok(data_dir.to_path_buf());
    };
    let home = Path::new(RELOCATED_ROOT)
        .join(format!("{:016x}", fnv1a64(data_dir.as_os_str().as_bytes())));
    if fs::symlink_metadata(&home).is_ok() {
        // Left by an earlier data directory at this path that was removed since: not
        // this one's data. Moved aside, never deleted.
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let aside = home.with_extension(format!("orphaned-{stamp}"));
        fs::rename(&home, &aside).map_err(io_err("move aside", &home))?;
        warn!(
            "{} held the database of an earlier data directory at {}; moved it to {}",
            home.display(),
            data_dir.display(),
            aside.display()
        );
    }
    DirBuilder::new()
        .recursive(true)
        .mode(0o755)
        .create(&home)
        .map_err(io_err("create", &home))?;
    std::os::unix::fs::symlink(home.join("postgres"), &link)
        .map_err(io_err("create the link", &link))?;
    warn!(
        "The `postgres` system user, which runs the database server for root, cannot enter {}, so the database is kept in {} (linked from {}).",
        blocked.display(),
        home.display(),
        link.display()
    );
    Ok(home)
}

/// `<data_dir>/run`, or a short directory under /tmp when the socket path would be too long.
fn socket_dir_for(data_dir: &Path) -> PathBuf {
    let run = data_dir.join("run");
    if socket_path_fits(&run) {
        run
    } else {
        PathBuf::from(format!(
            "/tmp/homeroom-{:016x}",
            fnv1a64(data_dir.as_os_str().as_bytes())
        ))
    }
}

fn socket_path_fits(dir: &Path) -> bool {
    dir.as_os_str().len() + 1 + SOCKET_FILE.len() <= MAX_SOCKET_PATH
}

/// A stable hash (unlike std's hasher, which may change between Rust releases).
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Creates `dir` (mode 0700) if missing and makes sure only the server user can use it.
fn prepare_private_dir(dir: &Path, run_as: &RunAs) -> Result<(), LocalDbError> {
    match DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(io_err("create", dir)(e)),
    }
    let md = fs::symlink_metadata(dir).map_err(io_err("inspect", dir))?;
    if !md.is_dir() {
        return Err(io_err("use as a directory", dir)(io::Error::other(
            "it is not a directory",
        )));
    }
    if md.uid() != run_as.uid {
        // Root may take over a directory it made itself; anyone else's (say in /tmp) is refused.
        if !(run_as.switch_user && md.uid() == 0) {
            return Err(LocalDbError::SocketDirNotOwned {
                dir: dir.to_path_buf(),
                owner: md.uid(),
            });
        }
        chown_dir(dir, run_as)?;
    }
    if md.permissions().mode() & 0o777 != 0o700 {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .map_err(io_err("set permissions on", dir))?;
    }
    Ok(())
}

fn create_private_dir(dir: &Path, run_as: &RunAs) -> Result<(), LocalDbError> {
    DirBuilder::new()
        .mode(0o700)
        .create(dir)
        .map_err(io_err("create", dir))?;
    if run_as.switch_user {
        chown_dir(dir, run_as)?;
    }
    Ok(())
}

fn chown_dir(dir: &Path, run_as: &RunAs) -> Result<(), LocalDbError> {
    std::os::unix::fs::chown(dir, Some(run_as.uid), Some(run_as.gid))
        .map_err(io_err("change the owner of", dir))
}

/// The `-c` settings the server is started with.
fn server_settings(
    socket_dir: &Path,
    options: ClusterOptions,
    major_version: Option<u32>,
) -> Vec<OsString> {
    let mut dirs = OsString::from("unix_socket_directories=");
    dirs.push(quote_socket_dir(socket_dir));
    let mut settings = vec![
        OsString::from("listen_addresses="),
        dirs,
        OsString::from("unix_socket_permissions=0700"),
        OsString::from(format!("port={PORT}")),
        OsString::from("max_connections=200"),
        OsString::from("shared_buffers=128MB"),
    ];
    if !options.durable {
        for s in [
            "fsync=off",
            "synchronous_commit=off",
            "full_page_writes=off",
        ] {
            settings.push(OsString::from(s));
        }
    } else if major_version.is_some_and(|v| v >= 14) {
        // After a crash, one syncfs of the data directory's file system instead of an
        // fsync of every file: seconds sooner back on a busy disk (PostgreSQL 14 on).
        settings.push(OsString::from("recovery_init_sync_method=syncfs"));
    }
    settings
}

/// unix_socket_directories is a comma-separated list; double quotes keep commas and spaces in a path.
fn quote_socket_dir(dir: &Path) -> OsString {
    let mut bytes = vec![b'"'];
    for &b in dir.as_os_str().as_bytes() {
        if b == b'"' {
            bytes.push(b'"');
        }
        bytes.push(b);
    }
    bytes.push(b'"');
    OsStr::from_bytes(&bytes).to_owned()
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn percent_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn validate_database_name(name: &str) -> Result<(), LocalDbError> {
    let reason = if name.is_empty() {
        "it is empty"
    } else if name.len() > MAX_IDENTIFIER_BYTES {
        "it is longer than 63 bytes"
    } else if name.contains('\0') {
        "it contains a NUL character"
    } else {
        return Ok(());
    };
    Err(LocalDbError::InvalidDatabaseName {
        name: name.to_owned(),
        reason,
    })
}

#[derive(QueryableByName)]
struct Found {
    #[diesel(sql_type = Bool)]
    found: bool,
}

fn database_exists(conn: &mut PgConnection, name: &str) -> Result<bool, diesel::result::Error> {
    diesel::sql_query("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS found")
        .bind::<diesel::sql_types::Text, _>(name)
        .get_result::<Found>(conn)
        .map(|row| row.found)
}

/// The server programs' folder, by the rules in `locate_bin_dir`.
/// A PostgreSQL client program (`pg_dump`, `pg_restore`) from the newest server
/// programs found as for the managed cluster, else its bare name, found on `PATH`.
pub fn client_program(name: &str) -> PathBuf {
    find_bin_dir(None)
        .ok()
        .map(|dir| dir.join(name))
        .filter(|path| path.is_file())
        .unwrap_or_else(|| PathBuf::from(name))
}

fn find_bin_dir(cluster_major: Option<&str>) -> Result<PathBuf, LocalDbError> {
    let explicit = std::env::var_os(PG_BIN_ENV)
        .filter(|v| !v.is_empty())
        .map(|v| std::path::absolute(&v).unwrap_or_else(|_| PathBuf::from(v)));
    locate_bin_dir(
        explicit,
        Path::new(DEBIAN_PG_ROOT),
        cluster_major,
        pg_config_bindir,
        std::env::var_os("PATH"),
    )
}

/// HOMEROOM_PG_BIN; else the Debian/Ubuntu layout (the version that made an existing
/// cluster, else the highest); else `pg_config --bindir`; else `initdb` on PATH.
fn locate_bin_dir(
    explicit: Option<PathBuf>,
    debian_root: &Path,
    cluster_major: Option<&str>,
    pg_config: impl FnOnce() -> Option<PathBuf>,
    path_var: Option<OsString>,
) -> Result<PathBuf, LocalDbError> {
    if let Some(dir) = explicit {
        return if has_server_programs(&dir) {
            Ok(dir)
        } else {
            Err(LocalDbError::PgBinInvalid { dir })
        };
    }
    // A cluster only runs under the major version that created it.
    if let Some(major) = cluster_major {
        let dir = debian_root.join(major).join("bin");
        if has_server_programs(&dir) {
            return Ok(dir);
        }
    }
    if let Some(dir) = newest_debian_bin_dir(debian_root) {
        return Ok(dir);
    }
    if let Some(dir) = pg_config().filter(|d| has_server_programs(d)) {
        return Ok(dir);
    }
    for entry in path_var.iter().flat_map(std::env::split_paths) {
        if entry.as_os_str().is_empty() || !is_executable_file(&entry.join("initdb")) {
            continue;
        }
        if has_server_programs(&entry) {
            return Ok(entry);
        }
        // A symlinked initdb (e.g. /usr/local/bin) points at the real folder, where postgres lives.
        if let Some(real) = fs::canonicalize(entry.join("initdb"))
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .filter(|p| has_server_programs(p))
        {
            return Ok(real);
        }
    }
    Err(LocalDbError::ServerProgramsNotFound)
}

fn newest_debian_bin_dir(root: &Path) -> Option<PathBuf> {
    fs::read_dir(root)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version = parse_version(entry.file_name().to_str()?)?;
            let bin = entry.path().join("bin");
            has_server_programs(&bin).then_some((version, bin))
        })
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, bin)| bin)
}

/// "16" → [16], "9.6" → [9, 6]; anything else is not a version folder.
fn parse_version(name: &str) -> Option<Vec<u32>> {
    name.split('.').map(|part| part.parse().ok()).collect()
}

fn has_server_programs(dir: &Path) -> bool {
    is_executable_file(&dir.join("initdb")) && is_executable_file(&dir.join("postgres"))
}

fn is_executable_file(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|md| md.is_file() && md.permissions().mode() & 0o111 != 0)
}

fn pg_config_bindir() -> Option<PathBuf> {
    let output = Command::new("pg_config")
        .arg("--bindir")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let dir = output.stdout.trim_ascii();
    (!dir.is_empty()).then(|| PathBuf::from(OsStr::from_bytes(dir)))
}

/// The major version recorded in an existing cluster's PG_VERSION.
fn cluster_major_version(pgdata: &Path) -> Option<String> {
    let text = fs::read_to_string(pgdata.join("PG_VERSION")).ok()?;
    let version = text.trim();
    (!version.is_empty() && !version.contains('/')).then(|| version.to_owned())
}

fn read_postmaster_pid(pgdata: &Path) -> Option<libc::pid_t> {
    let text = fs::read_to_string(pgdata.join("postmaster.pid")).ok()?;
    parse_postmaster_pid(&text).map(|(pid, _)| pid)
}

/// The pid and status ("starting", "ready", "stopping"…) from postmaster.pid, if it is complete.
fn postmaster_state(pgdata: &Path) -> Option<(u32, Option<String>)> {
    let text = fs::read_to_string(pgdata.join("postmaster.pid")).ok()?;
    let (pid, status) = parse_postmaster_pid(&text)?;
    Some((u32::try_from(pid).ok()?, status))
}

fn parse_postmaster_pid(text: &str) -> Option<(libc::pid_t, Option<String>)> {
    let mut lines = text.lines();
    let pid: libc::pid_t = lines.next()?.trim().parse().ok()?;
    if pid <= 0 {
        return None;
    }
    let status = lines
        .nth(6)
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    Some((pid, status))
}

fn process_alive(pid: libc::pid_t) -> bool {
    // SAFETY: signal 0 only checks for existence and permission.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Guards against a reused pid in a stale postmaster.pid; unknown counts as yes.
fn looks_like_postgres(pid: libc::pid_t) -> bool {
    match fs::read_to_string(format!("/proc/{pid}/comm")) {
        Ok(comm) => matches!(comm.trim(), "postgres" | "postmaster"),
        Err(_) => true,
    }
}

/// The last lines the server wrote since `from` (a byte offset in the log).
fn log_tail(path: &Path, from: u64) -> String {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return format!("(could not read the log: {e})"),
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let start = from.max(len.saturating_sub(64 * 1024)).min(len);
    let mut bytes = Vec::new();
    if file
        .seek(SeekFrom::Start(start))
        .and_then(|_| file.read_to_end(&mut bytes))
        .is_err()
    {
        return "(could not read the log)".to_owned();
    }
    let text = String::from_utf8_lossy(&bytes);
    let lines: Vec<&str> = text.lines().collect();
    if lines.is_empty() {
        return "(the log is empty)".to_owned();
    }
    lines[lines.len().saturating_sub(LOG_TAIL_LINES)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A fresh scratch directory, removed on drop.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new() -> Scratch {
            static COUNTER: AtomicUsize = AtomicUsize::new(0);
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let dir = std::env::temp_dir()
                .join(format!("homeroom-local-test-{}-{n}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).expect("scratch dir");
            Scratch(dir)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn fake_bin(dir: &Path, programs: &[&str]) -> PathBuf {
        fs::create_dir_all(dir).expect("bin dir");
        for p in programs {
            let path = dir.join(p);
            fs::write(&path, "#!/bin/sh\n").expect("program");
            fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).expect("chmod");
        }
        dir.to_path_buf()
    }

    fn no_pg_config() -> Option<PathBuf> {
        None
    }

    #[test]
    fn explicit_bin_dir_wins_and_must_be_complete() {
        let s = Scratch::new();
        let debian = s.0.join("debian");
        fake_bin(&debian.join("16/bin"), &["initdb", "postgres"]);
        let custom = fake_bin(&s.0.join("custom"), &["initdb", "postgres"]);
        let found = locate_bin_dir(Some(custom.clone()), &debian, None, no_pg_config, None);
        assert_eq!(found.expect("explicit"), custom);

        let partial = fake_bin(&s.0.join("partial"), &["initdb"]);
        let err = locate_bin_dir(Some(partial), &debian, None, no_pg_config, None)
            .expect_err("incomplete");
        assert!(matches!(err, LocalDbError::PgBinInvalid { .. }));
    }

    #[test]
    fn debian_layout_picks_highest_complete_version() {
        let s = Scratch::new();
        let debian = s.0.join("debian");
        fake_bin(&debian.join("9.6/bin"), &["initdb", "postgres"]);
        fake_bin(&debian.join("10/bin"), &["initdb", "postgres"]);
        let v15 = fake_bin(&debian.join("15/bin"), &["initdb", "postgres"]);
        fake_bin(&debian.join("16/bin"), &["initdb"]);
        fake_bin(&debian.join("notes/bin"), &["initdb", "postgres"]);
        let found = locate_bin_dir(None, &debian, None, || panic!("pg_config not needed"), None);
        assert_eq!(found.expect("debian"), v15);
    }

    #[test]
    fn existing_cluster_version_is_preferred() {
        let s = Scratch::new();
        let debian = s.0.join("debian");
        let v14 = fake_bin(&debian.join("14/bin"), &["initdb", "postgres"]);
        fake_bin(&debian.join("16/bin"), &["initdb", "postgres"]);
        let found = locate_bin_dir(None, &debian, Some("14"), no_pg_config, None);
        assert_eq!(found.expect("cluster version"), v14);
        let found = locate_bin_dir(None, &debian, Some("13"), no_pg_config, None);
        assert_eq!(found.expect("fallback to newest"), debian.join("16/bin"));
    }

    #[test]
    fn pg_config_then_path() {
        let s = Scratch::new();
        let debian = s.0.join("no-debian");
        let from_pg_config = fake_bin(&s.0.join("pgc"), &["initdb", "postgres"]);
        let on_path = fake_bin(&s.0.join("path"), &["initdb", "postgres"]);
        let path_var = std::env::join_paths([s.0.join("empty"), on_path.clone()]).ok();

        let pgc = from_pg_config.clone();
        let found = locate_bin_dir(None, &debian, None, move || Some(pgc), path_var.clone());
        assert_eq!(found.expect("pg_config"), from_pg_config);

        let found = locate_bin_dir(None, &debian, None, no_pg_config, path_var);
        assert_eq!(found.expect("PATH"), on_path);
    }

    #[test]
    fn symlinked_initdb_on_path_resolves_to_real_folder() {
        let s = Scratch::new();
        let real = fake_bin(&s.0.join("real"), &["initdb", "postgres"]);
        let links = s.0.join("links");
        fs::create_dir_all(&links).expect("links");
        std::os::unix::fs::symlink(real.join("initdb"), links.join("initdb")).expect("symlink");
        let found = locate_bin_dir(
            None,
            &s.0.join("none"),
            None,
            no_pg_config,
            Some(links.into_os_string()),
        );
        assert_eq!(
            found.expect("symlink"),
            fs::canonicalize(&real).expect("canonical")
        );
    }

    #[test]
    fn nothing_found_says_what_to_install() {
        let s = Scratch::new();
        let err =
            locate_bin_dir(None, &s.0.join("none"), None, no_pg_config, None).expect_err("none");
        assert_eq!(
            err.to_string(),
            "PostgreSQL server programs (initdb, postgres) were not found. Install them with: sudo apt-get install postgresql   (or set DATABASE_URL to use an existing server, or HOMEROOM_PG_BIN to the folder holding initdb)"
        );
    }

    #[test]
    fn short_data_dir_uses_run_subdirectory() {
        assert_eq!(
            socket_dir_for(Path::new("/srv/homeroom")),
            PathBuf::from("/srv/homeroom/run")
        );
    }

    #[test]
    fn long_data_dir_falls_back_to_tmp() {
        // "/run" + "/.s.PGSQL.5432" is 18 bytes, so an 89-byte data dir is the longest that fits.
        let fits = format!("/{}", "a".repeat(88));
        assert_eq!(
            socket_dir_for(Path::new(&fits)),
            Path::new(&fits).join("run")
        );

        let long = format!("/{}", "a".repeat(89));
        let dir = socket_dir_for(Path::new(&long));
        assert!(dir.starts_with("/tmp"), "{dir:?}");
        assert!(socket_path_fits(&dir));
        assert_eq!(dir, socket_dir_for(Path::new(&long)), "stable");
        assert_ne!(
            dir,
            socket_dir_for(Path::new(&format!("{long}b"))),
            "distinct per data dir"
        );
    }

    #[test]
    fn fnv_matches_reference_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    fn cluster_with_socket(dir: &str) -> LocalCluster {
        LocalCluster {
            data_dir: PathBuf::from("/x"),
            home: PathBuf::from("/x"),
            pgdata: PathBuf::from("/x/postgres"),
            socket_dir: PathBuf::from(dir),
            log_path: PathBuf::from("/x/postgres.log"),
            options: ClusterOptions::default(),
            owned: false,
            server: None,
            attached_pid: None,
        }
    }

    #[test]
    fn url_percent_encodes_socket_dir_and_database() {
        let cluster = cluster_with_socket("/home/ann/my school/data,1/run");
        assert_eq!(
            cluster.database_url("homeroom"),
            "postgres://postgres@/homeroom?host=%2Fhome%2Fann%2Fmy%20school%2Fdata%2C1%2Frun&port=5432"
        );
        assert_eq!(
            cluster.database_url("test db/1?x"),
            "postgres://postgres@/test%20db%2F1%3Fx?host=%2Fhome%2Fann%2Fmy%20school%2Fdata%2C1%2Frun&port=5432"
        );
    }

    #[test]
    fn identifiers_and_settings_are_quoted() {
        assert_eq!(quote_identifier("homeroom"), "\"homeroom\"");
        assert_eq!(quote_identifier("a\"b"), "\"a\"\"b\"");
        assert_eq!(
            quote_socket_dir(Path::new("/a,b \"c\"")),
            OsString::from("\"/a,b \"\"c\"\"\"")
        );
        assert!(validate_database_name("").is_err());
        assert!(validate_database_name(&"x".repeat(64)).is_err());
        assert!(validate_database_name("homeroom_test_1").is_ok());
    }

    #[test]
    fn settings_depend_on_durability() {
        let durable = server_settings(
            Path::new("/d/run"),
            ClusterOptions { durable: true },
            Some(16),
        );
        assert!(durable.contains(&OsString::from("recovery_init_sync_method=syncfs")));
        let older = server_settings(
            Path::new("/d/run"),
            ClusterOptions { durable: true },
            Some(13),
        );
        assert!(!older.iter().any(|s| s.to_string_lossy().contains("syncfs")));
        assert!(durable.contains(&OsString::from("listen_addresses=")));
        assert!(durable.contains(&OsString::from("unix_socket_directories=\"/d/run\"")));
        assert!(!durable.contains(&OsString::from("fsync=off")));
        let fast = server_settings(
            Path::new("/d/run"),
            ClusterOptions { durable: false },
            Some(16),
        );
        for s in [
            "fsync=off",
            "synchronous_commit=off",
            "full_page_writes=off",
        ] {
            assert!(fast.contains(&OsString::from(s)), "{s}");
        }
    }

    #[test]
    fn postmaster_pid_parsing() {
        let ready = "4242\n/d/postgres\n1700000000\n5432\n/d/run\n\n  1234567   98304\nready   \n";
        assert_eq!(
            parse_postmaster_pid(ready),
            Some((4242, Some("ready".to_owned())))
        );
        assert_eq!(
            parse_postmaster_pid("4242\n/d/postgres\n"),
            Some((4242, None))
        );
        assert_eq!(parse_postmaster_pid(""), None);
        assert_eq!(parse_postmaster_pid("garbage\n"), None);
    }

    #[test]
    fn second_lock_on_same_data_dir_is_refused() {
        let s = Scratch::new();
        let data = s.0.join("data");
        let first = DataDirLock::acquire(&data).expect("first lock");
        let err = DataDirLock::acquire(&data).expect_err("second lock");
        let dir = fs::canonicalize(&data).expect("canonical");
        assert_eq!(
            err.to_string(),
            format!(
                "The data directory {} is in use by another running Homeroom (pid {}). Stop it first, or point HOMEROOM_DATA_DIR at another directory.",
                dir.display(),
                std::process::id()
            )
        );
        drop(first);
        DataDirLock::acquire(&data).expect("lock after release");
    }

    #[test]
    fn error_is_send_sync() {
        fn assert_send_sync<T: Send + Sync + 'static>() {}
        assert_send_sync::<LocalDbError>();
        assert_send_sync::<LocalCluster>();
    }
}
