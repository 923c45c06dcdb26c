//! Settings come from the environment, each with a default that works on a laptop.

use std::path::PathBuf;
use std::time::Duration;

/// Every setting Homeroom reads, with the environment variable that sets it.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `HOMEROOM_BIND`: address and port the web server listens on.
    pub bind: String,
    /// `DATABASE_URL`: a PostgreSQL server to use; without it Homeroom runs its own cluster.
    pub database_url: Option<String>,
    /// `HOMEROOM_DATA_DIR`: where the managed database and uploaded files live.
    pub data_dir: PathBuf,
    /// `HOMEROOM_DB_POOL_SIZE`: database connections kept per app server.
    pub pool_size: u32,
    /// `HOMEROOM_SECURE_COOKIES`: mark cookies Secure and send HSTS (set when served over https).
    pub secure_cookies: bool,
    /// `HOMEROOM_SECRET_KEY`: 128 hex characters signing short-lived cookies; generated
    /// into the data directory when unset (set it when several app servers share a load balancer).
    pub secret_key: Option<String>,
    /// `HOMEROOM_SESSION_IDLE_MINUTES`: a session unused this long ends.
    pub session_idle: Duration,
    /// `HOMEROOM_SESSION_DAYS`: how long "keep me signed in" lasts.
    pub session_max: Duration,
    /// `HOMEROOM_LOCKOUT_ATTEMPTS`: consecutive failed sign-ins that lock an account.
    pub lockout_attempts: i32,
    /// `HOMEROOM_LOCKOUT_MINUTES`: how long a locked account stays locked.
    pub lockout: Duration,
    /// `HOMEROOM_LOGIN_RATE_LIMIT`: failed sign-ins and reset requests one IP address may
    /// make for one e-mail address per window.
    pub login_failures_per_account: i64,
    /// `HOMEROOM_LOGIN_SPRAY_ACCOUNTS`: how many different e-mail addresses one IP address
    /// may fail for per window before it is refused (a password spray, not a school).
    pub login_spray_accounts: i64,
    /// `HOMEROOM_LOGIN_RATE_WINDOW_MINUTES`: the window of that limit.
    pub login_rate_window: Duration,
    /// `HOMEROOM_TRUSTED_PROXIES`: proxies (load balancers) in front of Homeroom whose
    /// `X-Forwarded-For` entries name the client; 0 uses the connection's address.
    pub trusted_proxies: usize,
    /// `HOMEROOM_WORKERS`: web worker threads (default: one per CPU core).
    pub workers: usize,
    /// `HOMEROOM_PUBLIC_URL`: the address people use, for links in e-mails
    /// (default: the address the server listens on).
    pub public_url: Option<String>,
    /// `HOMEROOM_SMTP_URL`: e.g. `smtps://user:password@smtp.example.org`; without
    /// it, e-mail stays in the outbox at /admin/outbox.
    pub smtp_url: Option<String>,
    /// `HOMEROOM_MAIL_FROM`: the sender of Homeroom's e-mail.
    pub mail_from: String,
    /// `HOMEROOM_MAX_UPLOAD_MB`: the largest file one upload may hold, in bytes.
    pub max_upload_bytes: usize,
    /// `HOMEROOM_WALKTHROUGH_EDIT_HOURS`: how long the author may still change a walkthrough.
    pub walkthrough_edit_hours: u32,
    /// `HOMEROOM_ABSENCE_ALERT_GRACE_MINUTES`: how long an absence mark waits before
    /// guardians are alerted, so a quick correction sends nothing.
    pub absence_alert_grace: Duration,
    /// `HOMEROOM_EXPORT_BATCH_ROWS`: rows a CSV export reads and sends at a time; the
    /// server holds one such batch per export in memory, whatever the list's length.
    pub export_batch_rows: i64,
}

impl Settings {
    pub fn from_env() -> Result<Settings, String> {
        Ok(Settings {
            bind: var("HOMEROOM_BIND").unwrap_or_else(|| "127.0.0.1:8080".to_owned()),
            database_url: var("DATABASE_URL"),
            data_dir: PathBuf::from(
                var("HOMEROOM_DATA_DIR").unwrap_or_else(|| "./data".to_owned()),
            ),
            pool_size: parse("HOMEROOM_DB_POOL_SIZE", 10)?,
            secure_cookies: parse_bool("HOMEROOM_SECURE_COOKIES", false)?,
            secret_key: var("HOMEROOM_SECRET_KEY"),
            session_idle: Duration::from_secs(
                60 * parse::<u64>("HOMEROOM_SESSION_IDLE_MINUTES", 8 * 60)?,
            ),
            session_max: Duration::from_secs(24 * 3600 * parse::<u64>("HOMEROOM_SESSION_DAYS", 7)?),
            lockout_attempts: parse("HOMEROOM_LOCKOUT_ATTEMPTS", 5)?,
            lockout: Duration::from_secs(60 * parse::<u64>("HOMEROOM_LOCKOUT_MINUTES", 15)?),
            login_failures_per_account: parse("HOMEROOM_LOGIN_RATE_LIMIT", 20)?,
            login_spray_accounts: parse("HOMEROOM_LOGIN_SPRAY_ACCOUNTS", 50)?,
            login_rate_window: Duration::from_secs(
                60 * parse::<u64>("HOMEROOM_LOGIN_RATE_WINDOW_MINUTES", 5)?,
            ),
            trusted_proxies: parse("HOMEROOM_TRUSTED_PROXIES", 0)?,
            workers: parse("HOMEROOM_WORKERS", default_workers())?,
            public_url: var("HOMEROOM_PUBLIC_URL").map(|u| u.trim_end_matches('/').to_owned()),
            smtp_url: var("HOMEROOM_SMTP_URL"),
            mail_from: var("HOMEROOM_MAIL_FROM")
                .unwrap_or_else(|| "Homeroom <homeroom@localhost>".to_owned()),
            max_upload_bytes: parse::<usize>("HOMEROOM_MAX_UPLOAD_MB", 10)?
                .saturating_mul(1024 * 1024),
            walkthrough_edit_hours: parse("HOMEROOM_WALKTHROUGH_EDIT_HOURS", 24)?,
            absence_alert_grace: Duration::from_secs(
                60 * parse::<u64>("HOMEROOM_ABSENCE_ALERT_GRACE_MINUTES", 15)?,
            ),
            export_batch_rows: parse::<i64>("HOMEROOM_EXPORT_BATCH_ROWS", 1000)?.max(1),
        })
    }

    /// Settings for tests: everything default, nothing read from the environment.
    pub fn for_tests(data_dir: PathBuf) -> Settings {
        Settings {
            bind: "127.0.0.1:0".to_owned(),
            database_url: None,
            data_dir,
            pool_size: 4,
            secure_cookies: false,
            secret_key: Some("0".repeat(128)),
            session_idle: Duration::from_secs(8 * 3600),
            session_max: Duration::from_secs(7 * 24 * 3600),
            lockout_attempts: 5,
            lockout: Duration::from_secs(15 * 60),
            login_failures_per_account: 20,
            login_spray_accounts: 50,
            login_rate_window: Duration::from_secs(5 * 60),
            trusted_proxies: 0,
            workers: 2,
            public_url: None,
            smtp_url: None,
            mail_from: "Homeroom <homeroom@localhost>".to_owned(),
            max_upload_bytes: 10 * 1024 * 1024,
            walkthrough_edit_hours: 24,
            absence_alert_grace: Duration::from_secs(15 * 60),
            export_batch_rows: 1000,
        }
    }
}

fn default_workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parse<T: std::str::FromStr>(name: &str, default: T) -> Result<T, String> {
    match var(name) {
        None => Ok(default),
        Some(v) => v
            .trim()
            .parse()
            .map_err(|_| format!("{name}={v:?} is not a valid number")),
    }
}

fn parse_bool(name: &str, default: bool) -> Result<bool, String> {
    match var(name).map(|v| v.trim().to_ascii_lowercase()) {
        None => Ok(default),
        Some(v) if matches!(v.as_str(), "1" | "true" | "yes" | "on") => Ok(true),
        Some(v) if matches!(v.as_str(), "0" | "false" | "no" | "off") => Ok(false),
        Some(v) => Err(format!("{name}={v:?} should be true or false")),
    }
}
