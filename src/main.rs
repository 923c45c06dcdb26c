use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use homeroom::backup::{self, BackupSettings};
use homeroom::config::Settings;
use homeroom::db::{self, Database, local::DataDirLock};
use homeroom::{access, auth, demo, startup, telemetry};

/// Homeroom: school management for organizations with many campuses.
///
/// Without DATABASE_URL, every command uses Homeroom's own PostgreSQL cluster
/// under HOMEROOM_DATA_DIR (default ./data), starting it when needed.
#[derive(Parser)]
#[command(name = "homeroom", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (applies pending migrations first).
    ///
    /// Listens on HOMEROOM_BIND (default 127.0.0.1:8080). Stop it with Ctrl-C.
    Serve {
        /// Create the demo school when the database holds no organization yet.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations.
    Migrate,
    /// Create the demo school (Northwind Academy and Riverside School). Running it again changes nothing.
    SeedDemo {
        /// `district` grows Northwind to ten campuses, 20,000 students and a full
        /// school year of attendance (millions of rows, a few minutes): the
        /// benchmark dataset.
        #[arg(long, value_enum, default_value_t)]
        scale: demo::Scale,
    },
    /// Create the first administrator of an install.
    ///
    /// The password is asked for on the terminal, or read from the first line
    /// of standard input when that is not a terminal.
    CreateAdmin {
        /// The administrator's e-mail address, used to sign in.
        #[arg(long)]
        email: String,
        /// The organization's name; it is created if no organization has that name.
        #[arg(long)]
        organization: String,
        /// Make a Super Administrator: edits roles, and acts in every organization of the install.
        #[arg(long)]
        super_admin: bool,
    },
    /// Write one archive of the database and the uploaded files.
    ///
    /// Without --out, a dated archive goes into HOMEROOM_BACKUP_DIR (default
    /// <data dir>/backups), which keeps the newest HOMEROOM_BACKUP_KEEP (default 7).
    Backup {
        /// The archive to write (a .tar.gz).
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Rehearse a school's year rollover into the proposed next year: the whole run
    /// in one transaction, timed, then rolled back (nothing changes).
    Rollover {
        /// The organization's name.
        #[arg(long)]
        organization: String,
    },
    /// Invoice a school's fee plans for the billing period holding a day, as the
    /// invoicing page does: once per student, plan and period, so running it again
    /// (after it was stopped halfway, say) writes only what is missing.
    Bill {
        /// The organization's name.
        #[arg(long)]
        organization: String,
        /// The e-mail of the user the invoices are written by.
        #[arg(long = "as")]
        by: String,
        /// A day in the period to bill (YYYY-MM-DD); each plan bills the period of its cycle holding it.
        #[arg(long)]
        on: chrono::NaiveDate,
        /// The invoices' due date (default: 30 days after `on`).
        #[arg(long)]
        due: Option<chrono::NaiveDate>,
        /// A fee plan's name; every active plan when none is given.
        #[arg(long)]
        plan: Vec<String>,
        /// Invoices written per transaction.
        #[arg(long, default_value_t = homeroom::finance::billing::BATCH)]
        batch: usize,
        /// Write only the first this many invoices (a trial run; the rest stay for the next).
        #[arg(long)]
        students: Option<usize>,
    },
    /// Bring an archive made by `backup` back into an empty data directory.
    ///
    /// With DATABASE_URL, into that empty database (and the data directory's files).
    Restore {
        /// The archive made by `homeroom backup`.
        file: std::path::PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let log_format = match telemetry::LogFormat::from_env() {
        Ok(format) => format,
        Err(message) => {
            eprintln!("homeroom: {message}");
            return ExitCode::FAILURE;
        }
    };
    telemetry::init_as(
        match cli.command {
            Command::Serve { .. } => "info",
            _ => "warn",
        },
        log_format,
    );
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(message) => {
            eprintln!("homeroom: {message}");
            return ExitCode::FAILURE;
        }
    };
    let result = match cli.command {
        Command::Serve { demo } => serve(settings, demo),
        Command::Migrate => migrate(settings),
        Command::SeedDemo { scale } => seed_demo(settings, scale),
        Command::CreateAdmin {
            email,
            organization,
            super_admin,
        } => create_admin(settings, &email, &organization, super_admin),
        Command::Backup { out } => backup(settings, out.as_deref()),
        Command::Rollover { organization } => rehearse_rollover(settings, &organization),
        Command::Restore { file } => restore(settings, &file),
        Command::Bill {
            organization,
            by,
            on,
            due,
            plan,
            batch,
            students,
        } => bill(
            settings,
            &organization,
            &by,
            on,
            due,
            &plan,
            (batch, students),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("homeroom: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the database, applies migrations and makes sure the permission catalog exists.
fn prepare(settings: &Settings) -> anyhow::Result<(Database, db::PgPool)> {
    let database = Database::open(settings)?;
    let pool = database.pool(settings.pool_size)?;
    let mut conn = pool.get().context("connecting to the database")?;
    for name in db::migrate(&mut conn)? {
        tracing::info!(migration = %name, "applied migration");
    }
    access::roles::ensure_catalog(&mut conn).context("creating the permission catalog")?;
    drop(conn);
    Ok((database, pool))
}

fn serve(settings: Settings, with_demo: bool) -> anyhow::Result<()> {
    return_large_allocations_to_the_system();
    // Only one server may manage a data directory's database at a time.
    let _lock = match settings.database_url {
        None => Some(DataDirLock::acquire(&settings.data_dir)?),
        Some(_) => None,
    };
    let backups = BackupSettings::from_env(&settings)?;
    let (mut database, pool) = prepare(&settings)?;
    if with_demo {
        let mut conn = pool.get()?;
        if demo::database_is_empty(&mut conn)? {
            println!("Creating the demo school (this takes a few seconds)…");
            let summary = demo::seed(&mut conn)?;
            print!("{summary}");
        }
        demo::draw_sign_pictures(&mut conn, &homeroom::files::FileStore::new(&settings))?;
    }
    // From here on, a managed database that dies is brought back while requests get 503s.
    database.supervise()?;
    backup::start_nightly(database.url().to_owned(), settings.clone(), backups);
    let shown = display_url(&settings.bind);
    homeroom::jobs::start_scheduler(
        pool.clone(),
        homeroom::mail::Mailer::from_settings(&settings)?,
        settings.data_dir.clone(),
        std::time::Duration::from_secs(30),
    );
    let result = actix_web::rt::System::new().block_on(async move {
        let app = startup::Application::build(settings, pool)?;
        println!(
            "Homeroom is running at {}  (press Ctrl-C to stop)",
            shown(app.port())
        );
        let access_log = app.access_log();
        let served = app.server().await.context("running the web server");
        // The views noted in the last second are written before the database stops.
        access_log.flush(std::time::Duration::from_secs(5));
        served
    });
    database.shutdown();
    result
}

/// Each password check allocates argon2's 19 MiB on whichever blocking thread runs
/// it. glibc raises its mmap threshold after such a block is freed, and then keeps
/// the next ones in per-thread arenas, so memory grew by 19 MiB per thread that
/// ever checked a password. A fixed threshold returns them to the system at once.
fn return_large_allocations_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator settings; it is called before the
    // server starts its threads.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1024 * 1024);
    }
}

fn display_url(bind: &str) -> impl Fn(u16) -> String + use<> {
    let host = bind
        .rsplit_once(':')
        .map(|(h, _)| h.to_owned())
        .unwrap_or_else(|| bind.to_owned());
    let host = match host.as_str() {
        "0.0.0.0" | "" => "localhost".to_owned(),
        "[::]" => "localhost".to_owned(),
        _ => host,
    };
    move |port| format!("http://{host}:{port}/")
}

fn migrate(settings: Settings) -> anyhow::Result<()> {
    let database = Database::open(&settings)?;
    let pool = database.pool(1)?;
    let mut conn = pool.get()?;
    let applied = db::migrate(&mut conn)?;
    access::roles::ensure_catalog(&mut conn)?;
    if applied.is_empty() {
        println!("The database is up to date.");
    } else {
        for name in &applied {
            println!("Applied {name}");
        }
    }
    drop(conn);
    drop(pool);
    database.shutdown();
    Ok(())
}

fn seed_demo(settings: Settings, scale: demo::Scale) -> anyhow::Result<()> {
    let (database, pool) = prepare(&settings)?;
    let mut conn = pool.get()?;
    let started = std::time::Instant::now();
    let summary = demo::seed_at(&mut conn, scale)?;
    print!("{summary}");
    if scale == demo::Scale::District {
        println!("Built in {:.1} s.", started.elapsed().as_secs_f64());
    }
    drop(conn);
    drop(pool);
    database.shutdown();
    Ok(())
}

fn rehearse_rollover(settings: Settings, organization: &str) -> anyhow::Result<()> {
    let (database, pool) = prepare(&settings)?;
    let mut conn = pool.get()?;
    let (outcome, took) = homeroom::rollover::rehearse(&mut conn, organization)?;
    let moved = &outcome.moved;
    println!(
        "Rollover of {organization} into {} rehearsed in one transaction in {:.2} s and rolled back: \
         {} classes copied, {} students enrolled ({} promoted, {} repeating), {} graduated, {} enrolments closed.",
        outcome.year.name,
        took.as_secs_f64(),
        outcome.added.classes,
        moved.enrolled,
        moved.promoted,
        moved.repeating,
        moved.graduated,
        moved.closed,
    );
    drop(conn);
    drop(pool);
    database.shutdown();
    Ok(())
}

fn bill(
    settings: Settings,
    organization: &str,
    by: &str,
    on: chrono::NaiveDate,
    due: Option<chrono::NaiveDate>,
    plans: &[String],
    (batch, students): (usize, Option<usize>),
) -> anyhow::Result<()> {
    let (database, pool) = prepare(&settings)?;
    let started = std::time::Instant::now();
    let asked = homeroom::finance::runs::Asked {
        organization,
        by,
        on,
        due,
        plans,
        size: batch,
        limit: students,
    };
    let billed = homeroom::finance::runs::from_command_line(&pool, &asked)?;
    println!(
        "Invoiced {organization} for the period holding {on} in {:.2} s: {} invoices written of {} looked at, {} students skipped (run {}).",
        started.elapsed().as_secs_f64(),
        billed.done.created,
        billed.done.processed,
        billed.skipped,
        billed.log,
    );
    drop(pool);
    database.shutdown();
    Ok(())
}

fn create_admin(
    settings: Settings,
    email: &str,
    organization: &str,
    super_admin: bool,
) -> anyhow::Result<()> {
    let password = read_password()?;
    auth::password::check_new(&password).map_err(|m| anyhow::anyhow!("password refused: {m}"))?;
    let hash = auth::password::hash(&password)?;
    let (database, pool) = prepare(&settings)?;
    let mut conn = pool.get()?;
    let created =
        auth::accounts::create_administrator(&mut conn, email, organization, &hash, super_admin)?;
    if created.organization_created {
        println!("Created the organization {organization:?}.");
    }
    println!(
        "Created the administrator {}. Sign in with that e-mail and the password you chose.",
        email.trim().to_lowercase()
    );
    drop(conn);
    drop(pool);
    database.shutdown();
    Ok(())
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 10 characters): ")?;
        let second = rpassword::prompt_password("Repeat the password: ")?;
        if first != second {
            anyhow::bail!("the two passwords differ");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

fn backup(settings: Settings, out: Option<&std::path::Path>) -> anyhow::Result<()> {
    let backups = BackupSettings::from_env(&settings)?;
    let (path, manifest) = backup::backup(&settings, &backups, out)?;
    let rows: i64 = manifest.tables.values().sum();
    println!(
        "Wrote {}: {} tables, {rows} rows, {} files ({} bytes), migration {}.",
        path.display(),
        manifest.tables.len(),
        manifest.files,
        manifest.file_bytes,
        manifest.migration
    );
    Ok(())
}

fn restore(settings: Settings, file: &std::path::Path) -> anyhow::Result<()> {
    let manifest = backup::restore(&settings, file)?;
    let rows: i64 = manifest.tables.values().sum();
    println!(
        "Restored the backup of {} (Homeroom {}): {} tables, {rows} rows, {} files into {}. `homeroom serve` applies any newer migrations at start.",
        manifest.created_at.to_rfc3339(),
        manifest.homeroom_version,
        manifest.tables.len(),
        manifest.files,
        settings.data_dir.display()
    );
    Ok(())
}
