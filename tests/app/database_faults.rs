//! When the database goes away: the managed PostgreSQL is brought back by Homeroom
//! itself, and meanwhile every request is told at once to retry in a few seconds.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{DemoUser, csrf_token, spawn_app};

const BIN: &str = env!("CARGO_BIN_EXE_homeroom");

/// `homeroom serve` on its own data directory (so with its own managed database),
/// with everything it logs kept for the test to read.
struct Served {
    child: Child,
    url: String,
    log: Arc<Mutex<String>>,
}

impl Served {
    fn start(data_dir: &Path) -> Served {
        let mut child = Command::new(BIN)
            .arg("serve")
            .env_remove("DATABASE_URL")
            .env("RUST_LOG", "warn")
            .env("HOMEROOM_DATA_DIR", data_dir)
            .env("HOMEROOM_BIND", "127.0.0.1:0")
            .env("HOMEROOM_WORKERS", "2")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start homeroom serve");
        let log = Arc::new(Mutex::new(String::new()));
        let keep = |into: Arc<Mutex<String>>, line: &str| {
            let mut log = into.lock().unwrap_or_else(|e| e.into_inner());
            log.push_str(line);
            log.push('\n');
        };
        let stderr = child.stderr.take().expect("stderr");
        let into = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                keep(Arc::clone(&into), &line);
            }
        });
        let stdout = child.stdout.take().expect("stdout");
        let into = Arc::clone(&log);
        let url = crate::common::served_address(stdout, Duration::from_secs(120), move |line| {
            keep(Arc::clone(&into), line)
        });
        Served { child, url, log }
    }

    fn log(&self) -> String {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn stop(&mut self) -> std::process::ExitStatus {
        // SAFETY: signals our own child process by its pid.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGTERM) };
        self.child.wait().expect("serve exits")
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            self.stop();
        }
    }
}

fn postmaster_pid(data_dir: &Path) -> i32 {
    let text = std::fs::read_to_string(data_dir.join("postgres/postmaster.pid"))
        .expect("the managed database's postmaster.pid");
    text.lines()
        .next()
        .and_then(|l| l.trim().parse().ok())
        .expect("a pid on the first line")
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// A wrong password sent through the sign-in form: needs the database to answer.
async fn try_to_sign_in(client: &reqwest::Client, url: &str, token: &str) -> reqwest::Response {
    client
        .post(format!("{url}/login"))
        .form(&[
            ("csrf_token", token),
            ("email", "nobody@school.example"),
            ("password", "not the password"),
        ])
        .send()
        .await
        .expect("the sign-in form is answered")
}

#[actix_web::test]
async fn a_killed_managed_database_is_restarted_and_requests_meanwhile_are_told_to_retry() {
    let data_dir = fresh_dir("killed-database");
    let mut served = Served::start(&data_dir);
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(8))
        .build()
        .expect("client");
    let health = format!("{}/health", served.url);
    assert_eq!(
        client.get(&health).send().await.expect("health").status(),
        200
    );
    let form = client
        .get(format!("{}/login", served.url))
        .send()
        .await
        .expect("the sign-in page")
        .text()
        .await
        .expect("html");
    let token = csrf_token(&form).expect("the sign-in form's token");

    let postmaster = postmaster_pid(&data_dir);
    // SAFETY: kill only sends a signal, to the database server this test started.
    assert_eq!(unsafe { libc::kill(postmaster, libc::SIGKILL) }, 0);
    let killed = Instant::now();
    std::thread::sleep(Duration::from_millis(100));

    let asked = Instant::now();
    let meanwhile = try_to_sign_in(&client, &served.url, &token).await;
    assert_eq!(
        meanwhile.status(),
        503,
        "a request while the database is down is told it is unavailable"
    );
    assert!(
        asked.elapsed() < Duration::from_secs(2),
        "and is told at once, not after waiting for a connection ({:?})",
        asked.elapsed()
    );
    let retry_after: u32 = meanwhile.headers()["retry-after"]
        .to_str()
        .expect("text")
        .parse()
        .expect("seconds");
    assert!((1..=10).contains(&retry_after), "{retry_after}");
    let page = meanwhile.text().await.expect("page");
    assert!(page.contains("Nothing was lost; please try again in a few seconds."));

    let mut said_restarting = false;
    let back_after = loop {
        assert!(
            killed.elapsed() < Duration::from_secs(10),
            "the database is back within 10 s of being killed; the log says:\n{}",
            served.log()
        );
        if let Ok(response) = client.get(&health).send().await {
            if response.status() == 200 {
                break killed.elapsed();
            }
            let body: serde_json::Value = response.json().await.unwrap_or_default();
            said_restarting |= body["database"] == "restarting";
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(said_restarting, "/health said the database was restarting");
    assert_ne!(
        postmaster_pid(&data_dir),
        postmaster,
        "a new server runs ({back_after:?} after the kill)"
    );
    let answered = try_to_sign_in(&client, &served.url, &token).await;
    assert_eq!(
        answered.status(),
        401,
        "the database answers the sign-in again, without restarting Homeroom"
    );

    let log = served.log();
    assert!(
        log.contains("PostgreSQL exited unexpectedly; restarting it") && log.contains("SIGKILL"),
        "the log says why the database was restarted:\n{log}"
    );
    assert!(served.stop().success(), "Homeroom still stops cleanly");
    assert!(
        !data_dir.join("postgres/postmaster.pid").exists(),
        "the restarted database stopped with Homeroom"
    );
    let _ = std::fs::remove_dir_all(&data_dir);
}

#[actix_web::test]
async fn a_page_asked_for_while_the_database_server_is_gone_says_to_retry_shortly() {
    let app = spawn_app().await;
    let client = app.signed_in(DemoUser::Teacher).await;
    app.db.drop_now();

    for _ in 0..2 {
        let asked = Instant::now();
        let response = app.get(&client, "/").await;
        assert_eq!(response.status(), 503);
        assert!(
            asked.elapsed() < Duration::from_secs(2),
            "the answer comes at once, not after the pool's wait ({:?})",
            asked.elapsed()
        );
        assert_eq!(response.headers()["retry-after"], "5");
        let page = response.text().await.expect("page");
        assert!(page.contains("Homeroom cannot reach its database right now."));
    }
}
