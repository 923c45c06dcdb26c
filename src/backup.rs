//! `homeroom backup` and `homeroom restore`: one archive (tar, gzip-compressed)
//! holding a manifest, the database as `pg_dump`'s custom format and the uploaded
//! files, and the way back into an empty data directory. `serve` also makes one
//! every night when `HOMEROOM_BACKUP_AT` says when, keeping `HOMEROOM_BACKUP_KEEP`.
//!
//! Archive layout: `manifest.json` first, then `database.dump`, then `files/…`.
//! The dump and the manifest's row counts read one snapshot (exported by the
//! counting transaction and handed to `pg_dump --snapshot`), so they agree with
//! each other whatever the server writes meanwhile. Uploaded files are written
//! once under random names and never changed, so copying the folder after the
//! dump finds every file the dump refers to.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context, bail};
use chrono::{DateTime, Local, NaiveTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde::{Deserialize, Serialize};

use crate::config::Settings;
use crate::db::{self, Database};

const MANIFEST: &str = "manifest.json";
const DUMP: &str = "database.dump";
const FILES: &str = "files";
const ARCHIVE_PREFIX: &str = "homeroom-";
const ARCHIVE_SUFFIX: &str = ".tar.gz";
/// This layout; a later one that this binary cannot read says so.
const FORMAT: u32 = 1;
const DEFAULT_KEEP: usize = 7;
/// Several servers sharing one database make one nightly backup between them.
const NIGHTLY_LOCK: i64 = 7_274_715;

/// What an archive holds, written first into it as `manifest.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub format: u32,
    /// The Homeroom version that made it.
    pub homeroom_version: String,
    /// The newest migration applied to the database (`20261208000075`).
    pub migration: String,
    pub created_at: DateTime<Utc>,
    /// Rows per table, read in the dump's snapshot.
    pub tables: BTreeMap<String, i64>,
    pub files: u64,
    pub file_bytes: u64,
}

/// Where `homeroom backup` (without `--out`) and the nightly backup write, and how many they keep.
#[derive(Debug, Clone)]
pub struct BackupSettings {
    /// `HOMEROOM_BACKUP_DIR`, default `<data dir>/backups`.
    pub dir: PathBuf,
    /// `HOMEROOM_BACKUP_KEEP`: archives kept in `dir`, the newest; default 7.
    pub keep: usize,
    /// `HOMEROOM_BACKUP_AT`: the server's local time of the nightly backup (`02:30`); unset, none.
    pub nightly_at: Option<NaiveTime>,
}

impl BackupSettings {
    pub fn from_env(settings: &Settings) -> anyhow::Result<BackupSettings> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let dir = var("HOMEROOM_BACKUP_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| settings.data_dir.join("backups"));
        let keep = match var("HOMEROOM_BACKUP_KEEP") {
            None => DEFAULT_KEEP,
            Some(text) => match text.trim().parse::<usize>() {
                Ok(n) if n >= 1 => n,
                _ => {
                    bail!("HOMEROOM_BACKUP_KEEP must be a whole number of at least 1, not {text:?}")
                }
            },
        };
        let nightly_at = match var("HOMEROOM_BACKUP_AT") {
            None => None,
            Some(text) => Some(
                NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| {
                    anyhow::anyhow!(
                        "HOMEROOM_BACKUP_AT must be a time of day such as 02:30, not {text:?}"
                    )
                })?,
            ),
        };
        Ok(BackupSettings {
            dir,
            keep,
            nightly_at,
        })
    }
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Writes one archive of the database at `database_url` and of `data_dir/files` to `out`.
pub fn write_archive(database_url: &str, data_dir: &Path, out: &Path) -> anyhow::Result<Manifest> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    let partial = with_suffix(out, ".partial");
    let dump_path = with_suffix(out, ".dump-tmp");
    let result = write_archive_via(database_url, data_dir, out, &partial, &dump_path);
    let _ = fs::remove_file(&dump_path);
    if result.is_err() {
        let _ = fs::remove_file(&partial);
    }
    result
}

fn write_archive_via(
    database_url: &str,
    data_dir: &Path,
    out: &Path,
    partial: &Path,
    dump_path: &Path,
) -> anyhow::Result<Manifest> {
    let mut conn = PgConnection::establish(database_url).context("connecting to the database")?;
    tracing::info!(archive = %out.display(), "backing up the database");
    // One snapshot for the counts and the dump: this transaction exports it and stays
    // open until pg_dump has taken it over.
    let mut manifest = conn.transaction::<_, anyhow::Error, _>(|conn| {
        diesel::sql_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(conn)?;
        let snapshot: Name =
            diesel::sql_query("SELECT pg_export_snapshot() AS name").get_result(conn)?;
        let manifest = Manifest {
            format: FORMAT,
            homeroom_version: env!("CARGO_PKG_VERSION").to_owned(),
            migration: migration_level(conn)?,
            created_at: Utc::now(),
            tables: row_counts(conn)?,
            files: 0,
            file_bytes: 0,
        };
        run_pg_dump(database_url, &snapshot.name, dump_path)?;
        Ok(manifest)
    })?;
    drop(conn);

    let files_dir = data_dir.join(FILES);
    let (count, bytes) = folder_size(&files_dir)?;
    manifest.files = count;
    manifest.file_bytes = bytes;

    let file = File::create(partial).with_context(|| format!("creating {}", partial.display()))?;
    let mut tar = tar::Builder::new(GzEncoder::new(BufWriter::new(file), Compression::fast()));
    tar.follow_symlinks(false);
    let manifest_json = serde_json::to_vec_pretty(&manifest)?;
    let mut header = tar::Header::new_gnu();
    header.set_size(manifest_json.len() as u64);
    header.set_mode(0o600);
    header.set_mtime(u64::try_from(manifest.created_at.timestamp()).unwrap_or(0));
    header.set_cksum();
    tar.append_data(&mut header, MANIFEST, manifest_json.as_slice())?;
    tar.append_path_with_name(dump_path, DUMP)
        .context("adding the database dump to the archive")?;
    if files_dir.is_dir() {
        tar.append_dir_all(FILES, &files_dir)
            .with_context(|| format!("adding {} to the archive", files_dir.display()))?;
    }
    let writer = tar.into_inner()?.finish()?;
    let file = writer.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    drop(file);
    fs::rename(partial, out).with_context(|| format!("moving the archive to {}", out.display()))?;
    tracing::info!(archive = %out.display(), tables = manifest.tables.len(), files = manifest.files, "backup written");
    Ok(manifest)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The newest migration the database has applied.
fn migration_level(conn: &mut PgConnection) -> anyhow::Result<String> {
    let level: Name = diesel::sql_query(
        "SELECT coalesce(max(version), '') AS name FROM __diesel_schema_migrations",
    )
    .get_result(conn)
    .context("reading the migration level (is this a Homeroom database?)")?;
    Ok(level.name)
}

/// The tables of the `public` schema, by name.
fn tables(conn: &mut PgConnection) -> anyhow::Result<Vec<String>> {
    let names: Vec<Name> = diesel::sql_query(
        "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1",
    )
    .load(conn)?;
    Ok(names.into_iter().map(|n| n.name).collect())
}

/// Rows per table of the `public` schema.
pub fn row_counts(conn: &mut PgConnection) -> anyhow::Result<BTreeMap<String, i64>> {
    let mut counts = BTreeMap::new();
    for table in tables(conn)? {
        let sql = format!(
            "SELECT count(*) AS n FROM public.{}",
            quote_identifier(&table)
        );
        let count: Count = diesel::sql_query(sql).get_result(conn)?;
        counts.insert(table, count.n);
    }
    Ok(counts)
}

fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn run_pg_dump(database_url: &str, snapshot: &str, out: &Path) -> anyhow::Result<()> {
    let snapshot = format!("--snapshot={snapshot}");
    run_client(
        "pg_dump",
        &[
            "--format=custom".as_ref(),
            "--no-password".as_ref(),
            "--compress=6".as_ref(),
            snapshot.as_ref(),
            "--file".as_ref(),
            out.as_os_str(),
            "--dbname".as_ref(),
            database_url.as_ref(),
        ],
    )
}

/// Runs a PostgreSQL client program; its error output becomes the error.
fn run_client(name: &str, args: &[&std::ffi::OsStr]) -> anyhow::Result<()> {
    let program = db::local::client_program(name);
    let output = Command::new(&program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .with_context(|| {
            format!(
                "running {} (install the PostgreSQL client programs)",
                program.display()
            )
        })?;
    if !output.status.success() {
        bail!(
            "{name} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}

/// Files and bytes under `dir` (none when it is missing).
fn folder_size(dir: &Path) -> anyhow::Result<(u64, u64)> {
    let mut count = 0;
    let mut bytes = 0;
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e).with_context(|| format!("reading {}", dir.display())),
        };
        for entry in entries {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                pending.push(entry.path());
            } else if kind.is_file() {
                count += 1;
                bytes += entry.metadata()?.len();
            }
        }
    }
    Ok((count, bytes))
}

/// `homeroom backup`: to `out`, or a new dated archive in the backup folder, keeping
/// that folder's newest `keep`. Returns where it wrote.
pub fn backup(
    settings: &Settings,
    backups: &BackupSettings,
    out: Option<&Path>,
) -> anyhow::Result<(PathBuf, Manifest)> {
    let database = Database::open(settings)?;
    let result = backup_to(database.url(), settings, backups, out);
    database.shutdown();
    result
}

fn backup_to(
    database_url: &str,
    settings: &Settings,
    backups: &BackupSettings,
    out: Option<&Path>,
) -> anyhow::Result<(PathBuf, Manifest)> {
    let path = match out {
        Some(path) => path.to_path_buf(),
        None => backups.dir.join(format!(
            "{ARCHIVE_PREFIX}{}{ARCHIVE_SUFFIX}",
            Utc::now().format("%Y%m%dT%H%M%SZ")
        )),
    };
    let manifest = write_archive(database_url, &settings.data_dir, &path)?;
    if out.is_none() {
        prune(&backups.dir, backups.keep)?;
    }
    Ok((path, manifest))
}

/// Removes all but the newest `keep` dated archives in `dir` (their names sort by date).
pub fn prune(dir: &Path, keep: usize) -> anyhow::Result<Vec<PathBuf>> {
    let mut archives: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(ARCHIVE_PREFIX) && n.ends_with(ARCHIVE_SUFFIX))
        })
        .collect();
    archives.sort();
    let excess = archives.len().saturating_sub(keep);
    let removed: Vec<PathBuf> = archives.into_iter().take(excess).collect();
    for path in &removed {
        fs::remove_file(path)
            .with_context(|| format!("removing the old backup {}", path.display()))?;
        tracing::info!(archive = %path.display(), "removed an old backup");
    }
    Ok(removed)
}

/// `homeroom restore`: brings `archive` back into the empty data directory (or, with
/// `DATABASE_URL`, into that empty database and the data directory's empty `files`).
pub fn restore(settings: &Settings, archive: &Path) -> anyhow::Result<Manifest> {
    refuse_unless_empty(settings)?;
    fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("creating {}", settings.data_dir.display()))?;
    let staging = settings.data_dir.join(".restore-in-progress");
    let result = restore_via(settings, archive, &staging);
    let _ = fs::remove_dir_all(&staging);
    result
}

fn restore_via(settings: &Settings, archive: &Path, staging: &Path) -> anyhow::Result<Manifest> {
    let manifest = unpack(archive, staging)?;
    let known = db::known_migrations()?;
    if known
        .last()
        .is_some_and(|newest| manifest.migration > *newest)
    {
        bail!(
            "{} was made by Homeroom {} at migration {}, newer than this Homeroom ({}) knows; restore it with that version or a later one",
            archive.display(),
            manifest.homeroom_version,
            manifest.migration,
            env!("CARGO_PKG_VERSION")
        );
    }
    let database = Database::open(settings)?;
    let result = load_database(database.url(), &staging.join(DUMP), &manifest);
    database.shutdown();
    result?;
    let files = staging.join(FILES);
    if files.is_dir() {
        let target = settings.data_dir.join(FILES);
        if target.exists() {
            fs::remove_dir(&target)
                .with_context(|| format!("replacing the empty {}", target.display()))?;
        }
        fs::rename(&files, &target)
            .with_context(|| format!("moving the files into {}", target.display()))?;
    }
    Ok(manifest)
}

/// Unpacks `archive` into `staging` and reads its manifest.
fn unpack(archive: &Path, staging: &Path) -> anyhow::Result<Manifest> {
    let _ = fs::remove_dir_all(staging);
    fs::create_dir_all(staging).with_context(|| format!("creating {}", staging.display()))?;
    let mut file = File::open(archive).with_context(|| format!("opening {}", archive.display()))?;
    let mut magic = [0u8; 2];
    let gzip = file.read(&mut magic)? == 2 && magic == [0x1f, 0x8b];
    file.seek(SeekFrom::Start(0))?;
    let reader: Box<dyn Read> = if gzip {
        Box::new(GzDecoder::new(BufReader::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    // unpack refuses entries that would land outside `staging` (`..`, absolute paths).
    tar::Archive::new(reader).unpack(staging).with_context(|| {
        format!(
            "{} is not a Homeroom backup archive (tar)",
            archive.display()
        )
    })?;
    let text = fs::read(staging.join(MANIFEST)).with_context(|| {
        format!(
            "{} holds no {MANIFEST}: it is not a Homeroom backup",
            archive.display()
        )
    })?;
    let manifest: Manifest = serde_json::from_slice(&text)
        .with_context(|| format!("reading the manifest of {}", archive.display()))?;
    if manifest.format > FORMAT {
        bail!(
            "{} uses backup format {}, newer than this Homeroom reads ({FORMAT})",
            archive.display(),
            manifest.format
        );
    }
    if !staging.join(DUMP).is_file() {
        bail!("{} holds no {DUMP}", archive.display());
    }
    Ok(manifest)
}

/// The role every request runs as, which a dump grants to but does not create.
const APP_ROLE: &str = "DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'homeroom_app') THEN
        CREATE ROLE homeroom_app NOLOGIN;
    END IF;
    IF NOT pg_has_role(current_user, 'homeroom_app', 'MEMBER') THEN
        EXECUTE format('GRANT homeroom_app TO %I', current_user);
    END IF;
END
$$";

fn load_database(database_url: &str, dump: &Path, manifest: &Manifest) -> anyhow::Result<()> {
    let mut conn = PgConnection::establish(database_url).context("connecting to the database")?;
    if !tables(&mut conn)?.is_empty() {
        bail!("the database is not empty: restore only into an empty database");
    }
    diesel::sql_query(APP_ROLE).execute(&mut conn).context(
        "creating the role homeroom_app (it needs CREATEROLE, or a superuser to create it)",
    )?;
    tracing::info!("restoring the database");
    run_client(
        "pg_restore",
        &[
            "--no-owner".as_ref(),
            "--exit-on-error".as_ref(),
            "--single-transaction".as_ref(),
            "--no-password".as_ref(),
            "--dbname".as_ref(),
            database_url.as_ref(),
            dump.as_os_str(),
        ],
    )?;
    let counts = row_counts(&mut conn)?;
    if counts != manifest.tables {
        let differ: Vec<&String> = manifest
            .tables
            .keys()
            .chain(counts.keys())
            .filter(|t| counts.get(*t) != manifest.tables.get(*t))
            .collect();
        bail!("the restored database's row counts differ from the backup's in: {differ:?}");
    }
    Ok(())
}

/// Restore writes only where nothing is: a missing or empty data directory; with
/// `DATABASE_URL`, no uploaded files yet (the database is checked when connected).
fn refuse_unless_empty(settings: &Settings) -> anyhow::Result<()> {
    let dir = &settings.data_dir;
    let (checked, what) = match settings.database_url {
        None => (dir.clone(), "data directory"),
        Some(_) => (dir.join(FILES), "files folder"),
    };
    let held: Vec<String> = match fs::read_dir(&checked) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e).with_context(|| format!("reading {}", checked.display())),
    };
    if !held.is_empty() {
        let mut shown = held;
        shown.sort();
        shown.truncate(5);
        bail!(
            "the {what} {} is not empty (it holds {}); restore only into an empty or new one, e.g. HOMEROOM_DATA_DIR=/var/lib/homeroom-restored homeroom restore FILE",
            checked.display(),
            shown.join(", ")
        );
    }
    Ok(())
}

/// Starts the nightly backup of a running server, when `HOMEROOM_BACKUP_AT` is set.
pub fn start_nightly(database_url: String, settings: Settings, backups: BackupSettings) {
    let Some(at) = backups.nightly_at else {
        return;
    };
    tracing::info!(at = %at, dir = %backups.dir.display(), keep = backups.keep, "nightly backups on");
    let spawned = std::thread::Builder::new()
        .name("homeroom-backup".into())
        .spawn(move || {
            loop {
                std::thread::sleep(until_next(Local::now(), at));
                if let Err(e) = nightly_once(&database_url, &settings, &backups) {
                    tracing::warn!("the nightly backup failed: {e:#}");
                }
            }
        });
    if let Err(e) = spawned {
        tracing::warn!("could not start the nightly backup: {e}");
    }
}

/// Only the server holding the database's advisory lock backs up; the others skip.
fn nightly_once(
    database_url: &str,
    settings: &Settings,
    backups: &BackupSettings,
) -> anyhow::Result<()> {
    let mut conn = PgConnection::establish(database_url).context("connecting to the database")?;
    #[derive(QueryableByName)]
    struct Claimed {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        claimed: bool,
    }
    let lock: Claimed = diesel::sql_query(format!(
        "SELECT pg_try_advisory_lock({NIGHTLY_LOCK}) AS claimed"
    ))
    .get_result(&mut conn)?;
    if !lock.claimed {
        return Ok(());
    }
    let result = backup_to(database_url, settings, backups, None);
    let _ =
        diesel::sql_query(format!("SELECT pg_advisory_unlock({NIGHTLY_LOCK})")).execute(&mut conn);
    let (path, manifest) = result?;
    tracing::info!(archive = %path.display(), files = manifest.files, "nightly backup written");
    Ok(())
}

/// How long from `now` until the next `at` (tomorrow's when today's has passed).
fn until_next(now: DateTime<Local>, at: NaiveTime) -> Duration {
    let today = now.date_naive().and_time(at);
    let next = if today > now.naive_local() {
        today
    } else {
        today + chrono::Duration::days(1)
    };
    (next - now.naive_local())
        .to_std()
        .unwrap_or(Duration::from_secs(60))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_nightly_backup_waits_for_the_next_time_of_day() {
        let at = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
        let evening = Local.with_ymd_and_hms(2026, 12, 2, 22, 0, 0).unwrap();
        assert_eq!(
            until_next(evening, at),
            Duration::from_secs(4 * 3600 + 30 * 60)
        );
        let early = Local.with_ymd_and_hms(2026, 12, 2, 1, 30, 0).unwrap();
        assert_eq!(until_next(early, at), Duration::from_secs(3600));
    }

    #[test]
    fn pruning_keeps_the_newest_archives_only() {
        let dir = std::env::temp_dir().join(format!("homeroom-prune-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        for stamp in ["20261201T020000Z", "20261202T020000Z", "20261203T020000Z"] {
            fs::write(dir.join(format!("homeroom-{stamp}.tar.gz")), b"x").unwrap();
        }
        fs::write(dir.join("notes.txt"), b"kept").unwrap();
        let removed = prune(&dir, 2).unwrap();
        assert_eq!(removed, vec![dir.join("homeroom-20261201T020000Z.tar.gz")]);
        assert!(dir.join("homeroom-20261203T020000Z.tar.gz").is_file());
        assert!(dir.join("notes.txt").is_file());
        fs::remove_dir_all(&dir).unwrap();
    }
}
