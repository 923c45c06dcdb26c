//! The demo school: Northwind Academy (two campuses, about 600 students, a term of
//! data around today) and the small Riverside School next to it, so that tenant
//! isolation can be seen and tested.
//!
//! Everything is drawn from fixed random streams, so two runs produce the same
//! people, classes and amounts; only dates follow today. The seed runs in one
//! transaction and does nothing when Northwind already exists.

mod academics;
mod assessments;
mod attendance;
mod bell_times;
mod communication;
mod families;
mod finance;
mod names;
mod organization;
mod people;
mod plan;
mod report_cards;
mod spec;
mod staffdev_content;
mod staffdev_frame;
mod staffdev_quiz;
mod support;
mod terms;
mod timetable;
mod walkthroughs;

use std::fmt;

use anyhow::Context;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use diesel::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::access::roles::{self, BuiltinRole};
use crate::db::schema::{organizations, users};
pub use spec::Scale;
use spec::SchoolSpec;

/// The password of every demo account. It is printed on the console, so it is no secret.
pub const DEMO_PASSWORD: &str = "homeroom-demo";

/// Identifies the demo in `organizations.import_hash`.
const NORTHWIND_HASH: &str = "demo:northwind";
const ROOT_EMAIL: &str = "root@homeroom.test";
const ROOT_HASH: &str = "demo:root";

/// Serialises concurrent seeds (two servers started with `--demo` at once).
const SEED_LOCK: i64 = 0x686f_6d65_6465_6d6f; // "homedemo"

/// The accounts to sign in with, and what each can do.
const ACCOUNTS: &[(&str, &str)] = &[
    ("admin@northwind.test", "Administrator"),
    ("director@northwind.test", "Director"),
    ("teacher@northwind.test", "Teacher, with classes today"),
    ("accounts@northwind.test", "Accountant"),
    ("office@northwind.test", "Front Office"),
    ("admin@riverside.test", "Administrator of Riverside School"),
    (ROOT_EMAIL, "Super Administrator (all organizations)"),
];

/// What `seed` did, for the console.
pub struct Summary {
    /// None when the demo already existed.
    created: Option<Vec<SchoolCounts>>,
}

/// What was created for one school.
struct SchoolCounts {
    name: &'static str,
    campuses: usize,
    students: usize,
    staff: usize,
    classes: usize,
    attendance_days: usize,
    attendance_records: usize,
    assessments: usize,
    assessment_results: usize,
    invoices: usize,
    payments: usize,
    messages: usize,
    message_recipients: usize,
    events: usize,
    walkthroughs: usize,
    frames: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.created.as_deref() {
            Some([first, rest @ ..]) => {
                write!(
                    f,
                    "Demo school ready: {} ({} campuses, {} students, {} staff)",
                    first.name, first.campuses, first.students, first.staff
                )?;
                for school in rest {
                    write!(f, " and {} ({} students)", school.name, school.students)?;
                }
                writeln!(f, ".")?;
                for school in self.created.iter().flatten() {
                    let assessments = match school.assessments {
                        0 => String::new(),
                        n => format!(" {n} assessments ({} results),", school.assessment_results),
                    };
                    writeln!(
                        f,
                        "  {}: {} classes, {} school days of attendance ({} marks),{assessments} {} invoices, \
                         {} payments, {} messages to {} recipients, {} events, {} walkthroughs, {} weekly frames.",
                        school.name,
                        school.classes,
                        school.attendance_days,
                        school.attendance_records,
                        school.invoices,
                        school.payments,
                        school.messages,
                        school.message_recipients,
                        school.events,
                        school.walkthroughs,
                        school.frames
                    )?;
                }
            }
            _ => writeln!(f, "The demo school already exists; nothing changed.")?,
        }
        writeln!(
            f,
            "Sign in at the server's address with the password {DEMO_PASSWORD}:"
        )?;
        let width = ACCOUNTS
            .iter()
            .map(|(email, _)| email.len())
            .max()
            .unwrap_or(0);
        for (email, what) in ACCOUNTS {
            writeln!(f, "  {email:<width$}   {what}")?;
        }
        Ok(())
    }
}

/// True when the database holds no live organization.
pub fn database_is_empty(conn: &mut PgConnection) -> QueryResult<bool> {
    let live: i64 = organizations::table
        .filter(organizations::deleted_at.is_null())
        .count()
        .get_result(conn)?;
    Ok(live == 0)
}

/// Builds the demo school, or does nothing when it already exists. Returns what to print.
pub fn seed(conn: &mut PgConnection) -> anyhow::Result<Summary> {
    seed_at(conn, Scale::School)
}

/// Builds the demo school at the given scale, or does nothing when Northwind
/// already exists (at whichever scale). At district scale it reports its progress
/// on standard error, since it takes a few minutes.
pub fn seed_at(conn: &mut PgConnection, scale: Scale) -> anyhow::Result<Summary> {
    let progress = support::Progress::new(scale == Scale::District);
    let summary = conn.transaction(|conn| {
        diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
            .bind::<diesel::sql_types::BigInt, _>(SEED_LOCK)
            .execute(conn)
            .context("waiting for another demo seed to finish")?;
        roles::ensure_catalog(conn).context("creating the permission catalog")?;
        // Millions of generated benchmark rows would only bury the audit trail.
        if scale == Scale::District {
            crate::resources::audit::pause_for_transaction(conn)?;
        }
        if demo_exists(conn)? {
            return Ok(Summary { created: None });
        }
        let password_hash = crate::auth::password::hash(DEMO_PASSWORD)?;
        let roles = RoleIds::load(conn)?;
        let now = crate::clock::now();
        let mut created = Vec::new();
        for school in spec::schools(scale) {
            let ctx = Ctx::new(school, now, &password_hash, &roles, &progress)?;
            created.push(
                build_school(conn, &ctx).with_context(|| format!("building {}", school.name))?,
            );
        }
        create_root(conn, &password_hash, &roles)?;
        staffdev_quiz::create_content(conn, now.date_naive())?;
        staffdev_content::create(conn).context("storing the zones and the signs")?;
        Ok::<_, anyhow::Error>(Summary {
            created: Some(created),
        })
    })?;
    // Fresh rows: statistics for the planner now, rather than whenever autovacuum
    // gets to them. Without them it guesses, and a guess can send a student's
    // calendar through a whole table's index (1.5 s instead of 8 ms for the demo).
    // Millions of rows also get a visibility map for index-only scans.
    if summary.created.is_some() {
        let statement = match scale {
            Scale::District => "VACUUM (ANALYZE)",
            Scale::School => "ANALYZE",
        };
        diesel::sql_query(statement)
            .execute(conn)
            .context("analyzing the new rows")?;
        if scale == Scale::District {
            progress.say(format_args!("vacuumed and analyzed"));
        }
    }
    Ok(summary)
}

/// Draws a small picture for each demo sign without one, kept in the data directory
/// by the demo school; how many were drawn. Nothing happens without the demo.
pub fn draw_sign_pictures(
    conn: &mut PgConnection,
    files: &crate::files::FileStore,
) -> anyhow::Result<usize> {
    let northwind: Option<Uuid> = organizations::table
        .filter(organizations::import_hash.eq(NORTHWIND_HASH))
        .filter(organizations::deleted_at.is_null())
        .select(organizations::id)
        .first(conn)
        .optional()
        .context("looking for the demo organization")?;
    let root: Option<Uuid> = users::table
        .filter(users::import_hash.eq(ROOT_HASH))
        .filter(users::deleted_at.is_null())
        .select(users::id)
        .first(conn)
        .optional()
        .context("finding the demo super administrator")?;
    let (Some(northwind), Some(root)) = (northwind, root) else {
        return Ok(0);
    };
    conn.transaction(|conn| staffdev_content::draw_sign_pictures(conn, files, northwind, root))
}

/// Whether Northwind was seeded before, even if it was deleted since: its import
/// hash stays taken, and a user who deleted the demo should not get it back unasked.
fn demo_exists(conn: &mut PgConnection) -> anyhow::Result<bool> {
    let found: i64 = organizations::table
        .filter(organizations::import_hash.eq(NORTHWIND_HASH))
        .count()
        .get_result(conn)
        .context("looking for the demo organization")?;
    Ok(found > 0)
}

/// The built-in roles' ids.
struct RoleIds(Vec<(BuiltinRole, Uuid)>);

impl RoleIds {
    fn load(conn: &mut PgConnection) -> anyhow::Result<RoleIds> {
        let mut ids = Vec::new();
        for role in BuiltinRole::ALL {
            let id = roles::builtin_role_id(conn, role)
                .with_context(|| format!("finding the built-in role {}", role.name()))?;
            ids.push((role, id));
        }
        Ok(RoleIds(ids))
    }

    fn id(&self, role: BuiltinRole) -> Uuid {
        self.0
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, id)| *id)
            .unwrap_or_default()
    }
}

/// What every part of a school's builder needs to know.
struct Ctx<'a> {
    school: &'static SchoolSpec,
    today: NaiveDate,
    now: DateTime<Utc>,
    /// The current academic year: 15 August to 30 June, the one that starts this
    /// August from July on.
    year_start: NaiveDate,
    year_end: NaiveDate,
    password_hash: &'a str,
    roles: &'a RoleIds,
    progress: &'a support::Progress,
}

impl<'a> Ctx<'a> {
    fn new(
        school: &'static SchoolSpec,
        now: DateTime<Utc>,
        password_hash: &'a str,
        roles: &'a RoleIds,
        progress: &'a support::Progress,
    ) -> anyhow::Result<Self> {
        let today = now.date_naive();
        let first_year = if today.month() >= 7 {
            today.year()
        } else {
            today.year() - 1
        };
        let mut year_start = support::date(first_year, 8, 15)?;
        if school.year_holds_attendance {
            year_start = year_start.min(today - chrono::TimeDelta::days(school.attendance_days));
        }
        Ok(Ctx {
            school,
            today,
            now,
            year_start,
            year_end: support::date(first_year + 1, 6, 30)?,
            password_hash,
            roles,
            progress,
        })
    }
}

fn build_school(conn: &mut PgConnection, ctx: &Ctx) -> anyhow::Result<SchoolCounts> {
    let name = ctx.school.name;
    let plan = plan::plan(ctx.school);
    let org = organization::create(conn, ctx)?;
    let people = people::create(conn, ctx, &org, &plan)?;
    ctx.progress.say(format_args!(
        "{name}: {} staff, {} students, {} guardians",
        people.staff.len(),
        people.students.len(),
        people.guardians.len()
    ));
    let academics = academics::create(conn, ctx, &org, &plan, &people)?;
    let lessons = timetable::create(conn, ctx, &org, &plan, &people, &academics)?;
    bell_times::create(conn, &org)?;
    ctx.progress.say(format_args!(
        "{name}: {} classes and their timetable",
        plan.classes.len()
    ));
    let attendance = attendance::create(conn, ctx, &org, &plan, &people, &academics)?;
    let terms = terms::create(conn, ctx, &org, &academics)?;
    let assessments = assessments::create(conn, ctx, &org, &plan, &people, &academics, &terms)?;
    report_cards::create(conn, ctx, (&org, &plan, &people, &academics), &terms)?;
    let finance = finance::create(conn, ctx, &org, &people, &academics)?;
    ctx.progress.say(format_args!(
        "{name}: {} invoices, {} payments",
        finance.invoices, finance.payments
    ));
    let communication = communication::create(conn, ctx, &org, &plan, &people)?;
    let walkthroughs = walkthroughs::create(conn, ctx, &org, &people, &academics, &lessons)?;
    let frames = walkthroughs::create_frames(conn, ctx, &org, &people)?;
    staffdev_quiz::create(conn, ctx, &org, &people)?;
    let check_ins = staffdev_frame::create(conn, ctx, &org, &people)?;
    ctx.progress
        .say(format_args!("{name}: {check_ins} zone check-ins"));
    Ok(SchoolCounts {
        name: ctx.school.name,
        campuses: org.campuses.len(),
        students: people.students.len(),
        staff: people.staff.len(),
        classes: plan.classes.len(),
        attendance_days: attendance.days,
        attendance_records: attendance.records,
        assessments: assessments.assessments,
        assessment_results: assessments.results,
        invoices: finance.invoices,
        payments: finance.payments,
        messages: communication.messages,
        message_recipients: communication.recipients,
        events: communication.events,
        walkthroughs,
        frames,
    })
}

#[derive(Insertable)]
#[diesel(table_name = users)]
struct NewRootUser<'a> {
    id: Uuid,
    organization_id: Option<Uuid>,
    app_role_id: Uuid,
    first_name: &'a str,
    last_name: &'a str,
    email: &'a str,
    password: &'a str,
    email_verified: bool,
    import_hash: &'a str,
}

/// The install-wide administrator, belonging to no organization. Kept when an
/// account with that e-mail exists already.
fn create_root(
    conn: &mut PgConnection,
    password_hash: &str,
    roles: &RoleIds,
) -> anyhow::Result<()> {
    let taken: i64 = users::table
        .filter(
            crate::db::lower(users::email)
                .eq(ROOT_EMAIL)
                .and(users::deleted_at.is_null())
                .or(users::import_hash.eq(ROOT_HASH)),
        )
        .count()
        .get_result(conn)
        .context("looking for the demo super administrator")?;
    if taken > 0 {
        return Ok(());
    }
    diesel::insert_into(users::table)
        .values(NewRootUser {
            id: support::new_id(&mut support::stream("homeroom", "root")),
            organization_id: None,
            app_role_id: roles.id(BuiltinRole::SuperAdministrator),
            first_name: "Robin",
            last_name: "Rootwell",
            email: ROOT_EMAIL,
            password: password_hash,
            email_verified: true,
            import_hash: ROOT_HASH,
        })
        .execute(conn)
        .context("creating the demo super administrator")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_lists_every_demo_account() {
        let text = Summary { created: None }.to_string();
        assert!(text.starts_with("The demo school already exists; nothing changed."));
        for (email, _) in ACCOUNTS {
            assert!(text.contains(email), "{email}");
        }
        assert!(text.contains("homeroom-demo"));
    }
}
