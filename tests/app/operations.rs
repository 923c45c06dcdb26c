//! Running Homeroom for real, as an operator does: backups and their restore, logs
//! that a file or a log shipper can read, an older binary meeting a newer
//! database, and root with a clone under a private home.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use diesel::prelude::*;
use diesel::sql_types::Text;
use homeroom::db::local::{ClusterOptions, LocalCluster};

use crate::common::{DemoUser, TestDatabase, spawn_app};
use crate::files::{a_student, upload};

const BIN: &str = env!("CARGO_BIN_EXE_homeroom");

/// The command with nothing of the caller's environment that says where data is.
fn homeroom() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_remove("DATABASE_URL")
        .env_remove("HOMEROOM_LOG_FORMAT")
        .env_remove("HOMEROOM_BACKUP_DIR")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null());
    cmd
}

/// A fresh directory under the target directory, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("operations")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn succeeded(out: &Output) {
    assert!(
        out.status.success(),
        "stdout:\n{}\nstderr:\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

/// Every table of the schema and a digest of all its rows.
fn digest(conn: &mut PgConnection) -> BTreeMap<String, String> {
    let tables: Vec<Name> = diesel::sql_query(
        "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1",
    )
    .load(conn)
    .expect("list the tables");
    tables
        .into_iter()
        .map(|t| {
            let sql = format!(
                "SELECT md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '')) AS name \
                 FROM public.\"{}\" r",
                t.name
            );
            let digest: Name = diesel::sql_query(sql)
                .get_result(conn)
                .expect("digest a table");
            (t.name, digest.name)
        })
        .collect()
}

/// Every file under `dir`, by its path inside it, with its bytes.
fn files_under(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).expect("read a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let inside = path.strip_prefix(dir).expect("inside").to_path_buf();
                found.insert(inside, std::fs::read(&path).expect("read a file"));
            }
        }
    }
    found
}

#[actix_web::test]
async fn a_backup_of_the_demo_school_and_its_uploads_restores_into_a_new_data_directory() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let (student, _) = a_student(&app, "Northwind Academy");
    let photo = crate::files::png(64, 48);
    let uploaded = upload(&app, &admin, "students", student, "photo.png", &photo).await;
    assert_eq!(uploaded.status(), 303);
    let invoice: uuid::Uuid = homeroom::db::schema::invoices::table
        .select(homeroom::db::schema::invoices::id)
        .order(homeroom::db::schema::invoices::id)
        .first(&mut app.db.connect())
        .expect("a demo invoice");
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
    let uploaded = upload(&app, &admin, "invoices", invoice, "statement.pdf", pdf).await;
    assert_eq!(uploaded.status(), 303);
    let files = files_under(&app.data_dir.join("files"));
    assert!(files.len() >= 2, "the two uploads are stored");

    let work = scratch("backup");
    let archive = work.join("school.tar.gz");
    let out = homeroom()
        .env("DATABASE_URL", &app.db.url)
        .env("HOMEROOM_DATA_DIR", &app.data_dir)
        .args(["backup", "--out"])
        .arg(&archive)
        .output()
        .expect("run homeroom backup");
    succeeded(&out);
    let counted = format!("{} files", files.len());
    assert!(
        text(&out.stdout).contains(&counted),
        "{}",
        text(&out.stdout)
    );
    assert!(archive.is_file());

    let restored = work.join("restored-data");
    let restore = || {
        homeroom()
            .env("HOMEROOM_DATA_DIR", &restored)
            .arg("restore")
            .arg(&archive)
            .output()
            .expect("run homeroom restore")
    };
    let out = restore();
    succeeded(&out);
    assert!(text(&out.stdout).contains("Restored the backup"));

    // The same rows in every table, and the same bytes in every file.
    let original = digest(&mut app.db.connect());
    assert!(original.len() > 40, "every table is compared");
    let cluster = LocalCluster::start(&restored, ClusterOptions::default())
        .expect("start the restored cluster");
    let mut conn =
        PgConnection::establish(&cluster.database_url("homeroom")).expect("the restored database");
    let copy = digest(&mut conn);
    let differ: Vec<&String> = original
        .keys()
        .filter(|t| copy.get(*t) != original.get(*t))
        .collect();
    assert!(differ.is_empty(), "tables that differ: {differ:?}");
    assert_eq!(copy.len(), original.len());
    drop(conn);
    drop(cluster);
    assert_eq!(files_under(&restored.join("files")), files);

    // A data directory that holds something is never restored over.
    let again = restore();
    assert!(!again.status.success());
    let said = text(&again.stderr);
    assert!(
        said.contains("is not empty") && said.contains("restore only into an empty or new one"),
        "{said}"
    );
    assert_eq!(
        files_under(&restored.join("files")),
        files,
        "nothing was touched"
    );
    let _ = std::fs::remove_dir_all(&work);
}

/// `homeroom backup` of a demo database with `RUST_LOG=info`, its output read through a pipe.
fn backup_logged(format: Option<&str>) -> String {
    let db = TestDatabase::new();
    let work = scratch(&format!("logs-{}", format.unwrap_or("text")));
    let mut cmd = homeroom();
    cmd.env("DATABASE_URL", &db.url)
        .env("HOMEROOM_DATA_DIR", work.join("data"))
        .env("RUST_LOG", "info")
        .args(["backup", "--out"])
        .arg(work.join("b.tar.gz"));
    if let Some(format) = format {
        cmd.env("HOMEROOM_LOG_FORMAT", format);
    }
    let out = cmd.output().expect("run homeroom backup");
    succeeded(&out);
    let _ = std::fs::remove_dir_all(&work);
    format!("{}{}", text(&out.stdout), text(&out.stderr))
}

#[test]
fn logs_written_to_a_file_or_journald_carry_no_colour_codes() {
    let output = backup_logged(None);
    assert!(
        output.contains("backing up the database"),
        "the log lines are there: {output}"
    );
    assert!(
        !output.contains("\x1b["),
        "no ANSI escape codes: {output:?}"
    );
}

#[test]
fn json_logs_give_a_log_shipper_one_object_per_line() {
    let output = backup_logged(Some("json"));
    let mut messages = Vec::new();
    for line in output.lines().filter(|l| !l.starts_with("Wrote ")) {
        let event: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{line:?} is not JSON: {e}"));
        assert!(event["timestamp"].is_string(), "{line}");
        messages.push((
            event["level"].as_str().unwrap_or_default().to_owned(),
            event["message"].as_str().unwrap_or_default().to_owned(),
        ));
    }
    assert!(
        messages.contains(&("INFO".to_owned(), "backing up the database".to_owned())),
        "{messages:?}"
    );
    assert!(!output.contains("\x1b["));

    let refused = homeroom()
        .env("HOMEROOM_LOG_FORMAT", "xml")
        .arg("migrate")
        .output()
        .expect("run homeroom");
    assert!(!refused.status.success());
    assert!(text(&refused.stderr).contains("HOMEROOM_LOG_FORMAT must be `text` or `json`"));
}

#[test]
fn an_older_homeroom_refuses_a_database_that_a_newer_one_migrated() {
    let db = TestDatabase::new();
    diesel::sql_query("INSERT INTO __diesel_schema_migrations (version) VALUES ('29990101000001')")
        .execute(&mut db.connect())
        .expect("a migration from the future");
    let out = homeroom()
        .env("DATABASE_URL", &db.url)
        .arg("migrate")
        .output()
        .expect("run homeroom migrate");
    assert!(!out.status.success(), "{}", text(&out.stdout));
    let said = text(&out.stderr);
    assert!(
        said.contains("migrated by a newer Homeroom") && said.contains("29990101000001"),
        "{said}"
    );
}

#[test]
fn root_with_the_data_directory_under_a_private_home_still_gets_its_database() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 || !Path::new("/usr/lib/postgresql").exists() {
        eprintln!("skipped: only root runs the server as the postgres user");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let home = scratch("private-home");
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o700)).expect("chmod 700");
    let data = home.join("homeroom").join("data");

    let cluster = LocalCluster::start(&data, ClusterOptions { durable: false })
        .unwrap_or_else(|e| panic!("the cluster starts for root under a private home: {e}"));
    cluster.ensure_database("homeroom").expect("a database");
    let mut conn =
        PgConnection::establish(&cluster.database_url("homeroom")).expect("connect to it");
    let one: Name = diesel::sql_query("SELECT 'reached' AS name")
        .get_result(&mut conn)
        .expect("a query");
    assert_eq!(one.name, "reached");
    drop(conn);
    drop(cluster);

    let kept =
        std::fs::read_link(data.join("postgres")).expect("postgres/ links to the server's files");
    assert!(
        kept.starts_with("/var/lib/homeroom/clusters/"),
        "{}",
        kept.display()
    );
    assert!(kept.join("PG_VERSION").is_file());
    if let Some(parent) = kept.parent() {
        let _ = std::fs::remove_dir_all(parent);
    }
    let _ = std::fs::remove_dir_all(&home);
}
