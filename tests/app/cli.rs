//! The `homeroom` command as a newcomer or an operator runs it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use diesel::prelude::*;
use homeroom::db::schema::{roles, users};

use crate::common::{TestDatabase, csrf_token};

const BIN: &str = env!("CARGO_BIN_EXE_homeroom");

fn homeroom() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_remove("DATABASE_URL").env("RUST_LOG", "warn");
    cmd
}

#[test]
fn every_command_explains_itself() {
    let top = homeroom()
        .arg("--help")
        .output()
        .expect("run homeroom --help");
    assert!(top.status.success());
    let text = String::from_utf8_lossy(&top.stdout);
    for command in [
        "serve",
        "migrate",
        "seed-demo",
        "create-admin",
        "backup",
        "restore",
    ] {
        assert!(text.contains(command), "--help lists {command}");
        let help = homeroom()
            .args([command, "--help"])
            .output()
            .expect("subcommand help");
        assert!(help.status.success(), "{command} --help");
        assert!(
            String::from_utf8_lossy(&help.stdout).contains("Usage: homeroom"),
            "{command} --help"
        );
    }
}

pub(crate) fn create_admin(
    url: &str,
    email: &str,
    organization: &str,
    password: &str,
) -> std::process::Output {
    create_admin_where(
        ("DATABASE_URL", url.as_ref()),
        &["--email", email, "--organization", organization],
        password,
    )
}

/// Runs `create-admin` with one setting that says where the database is.
fn create_admin_where(
    (variable, value): (&str, &std::ffi::OsStr),
    arguments: &[&str],
    password: &str,
) -> std::process::Output {
    let mut child = homeroom()
        .env(variable, value)
        .arg("create-admin")
        .args(arguments)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run create-admin");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{password}\n").as_bytes())
        .expect("write the password");
    child.wait_with_output().expect("create-admin finishes")
}

#[test]
fn create_admin_reads_the_password_from_stdin_and_makes_an_administrator() {
    let db = TestDatabase::empty();
    let out = create_admin(
        &db.url,
        "Head@Lakeside.example",
        "Lakeside School",
        "a long enough secret",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("Created the administrator head@lakeside.example")
    );

    let mut conn = db.connect();
    let (hash, role): (Option<String>, String) = users::table
        .inner_join(roles::table.on(roles::id.nullable().eq(users::app_role_id)))
        .filter(users::email.eq("head@lakeside.example"))
        .select((users::password, roles::name))
        .first(&mut conn)
        .expect("the new administrator");
    assert_eq!(role, "Administrator");
    assert!(homeroom::auth::password::verify(
        hash.as_deref(),
        "a long enough secret"
    ));

    let again = create_admin(
        &db.url,
        "head@lakeside.example",
        "Lakeside School",
        "a long enough secret",
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn create_admin_can_make_the_super_administrator_who_edits_roles() {
    let db = TestDatabase::empty();
    let out = create_admin_where(
        ("DATABASE_URL", db.url.as_ref()),
        &[
            "--email",
            "it@district.example",
            "--organization",
            "Lakeside District",
            "--super-admin",
        ],
        "district wide secret",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (role, global): (String, bool) = users::table
        .inner_join(roles::table.on(roles::id.nullable().eq(users::app_role_id)))
        .filter(users::email.eq("it@district.example"))
        .select((roles::name, roles::global_access))
        .first(&mut db.connect())
        .expect("the new account");
    assert_eq!(role, "Super Administrator");
    assert!(global);
}

#[test]
fn create_admin_refuses_a_short_password_and_stores_nothing() {
    let db = TestDatabase::empty();
    let out = create_admin(&db.url, "head@lakeside.example", "Lakeside School", "short");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 10 characters"));
    let mut conn = db.connect();
    homeroom::db::migrate(&mut conn).expect("migrate");
    assert_eq!(crate::common::count(&mut conn, "users"), 0);
}

/// A `homeroom serve` on a managed data directory, with its printed URL.
struct Served {
    child: Child,
    url: String,
}

fn serve(data_dir: &Path) -> Served {
    let mut child = homeroom()
        .args(["serve"])
        .env("HOMEROOM_DATA_DIR", data_dir)
        .env("HOMEROOM_BIND", "127.0.0.1:0")
        .env("HOMEROOM_WORKERS", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start homeroom serve");
    let stdout = child.stdout.take().expect("stdout");
    let url = crate::common::served_address(stdout, Duration::from_secs(60), |_| {});
    Served { child, url }
}

fn terminate(served: &mut Served) -> std::process::ExitStatus {
    // SAFETY: signals our own child process by its pid.
    unsafe { libc::kill(served.child.id() as i32, libc::SIGTERM) };
    served.child.wait().expect("serve exits")
}

async fn sign_in_works(url: &str, email: &str, password: &str) -> bool {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let form = client
        .get(format!("{url}/login"))
        .send()
        .await
        .expect("form")
        .text()
        .await
        .expect("html");
    let token = csrf_token(&form).expect("token");
    let response = client
        .post(format!("{url}/login"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", email),
            ("password", password),
        ])
        .send()
        .await
        .expect("sign in");
    response.status() == 303
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[actix_web::test]
async fn serve_keeps_its_data_across_restarts_and_refuses_a_second_server() {
    let data_dir = fresh_dir("serve-lifecycle");
    let mut first = serve(&data_dir);
    let health: serde_json::Value = reqwest::get(format!("{}/health", first.url))
        .await
        .expect("health")
        .json()
        .await
        .expect("json");
    assert_eq!(
        health,
        serde_json::json!({"status": "ok", "database": "ok"})
    );

    // Other commands use the same default database while the server runs.
    let created = create_admin_where(
        ("HOMEROOM_DATA_DIR", data_dir.as_os_str()),
        &[
            "--email",
            "head@harbor.example",
            "--organization",
            "Harbor Prep",
        ],
        "harbor-secret-123",
    );
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(sign_in_works(&first.url, "head@harbor.example", "harbor-secret-123").await);

    let second = homeroom()
        .args(["serve"])
        .env("HOMEROOM_DATA_DIR", &data_dir)
        .env("HOMEROOM_BIND", "127.0.0.1:0")
        .output()
        .expect("second serve");
    assert!(
        !second.status.success(),
        "a second server on the same data directory is refused"
    );
    assert!(
        String::from_utf8_lossy(&second.stderr).contains("is in use by another running Homeroom")
    );
    assert!(
        sign_in_works(&first.url, "head@harbor.example", "harbor-secret-123").await,
        "the first one is unharmed"
    );

    assert!(
        terminate(&mut first).success(),
        "SIGTERM stops the server cleanly"
    );
    assert!(
        !data_dir.join("postgres/postmaster.pid").exists(),
        "the managed database stopped with the server"
    );

    let mut again = serve(&data_dir);
    assert!(
        sign_in_works(&again.url, "head@harbor.example", "harbor-secret-123").await,
        "the account survived the restart"
    );
    assert!(terminate(&mut again).success());
    let _ = std::fs::remove_dir_all(&data_dir);
}
