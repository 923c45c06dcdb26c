//! The queries behind the entity descriptions' hooks: derived columns, checks across
//! rows and the writes that follow a record. Reads of live records build on the
//! owning domain's bases; the few that must also find a record just moved to the
//! trash (what follows a delete) say so. Ids arrive as a parsed row's text.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Date, Nullable, Text, Uuid as SqlUuid};
use uuid::Uuid;

use crate::db::{Tenant, schema};
use crate::school::queries::{campuses, class_subjects, classes, staff, students};

fn id(text: &str) -> Option<Uuid> {
    Uuid::parse_str(text).ok()
}

// ---- people and classes

/// The campus of a class.
pub fn campus_of_class(tenant: &mut Tenant<'_>, class: &str) -> QueryResult<Option<Uuid>> {
    let Some(class) = id(class) else {
        return Ok(None);
    };
    classes::live(tenant)
        .find(class)
        .select(schema::classes::campus_id)
        .first(tenant.conn())
        .optional()
}

/// The class a class subject is taught in.
pub fn class_of_subject(tenant: &mut Tenant<'_>, subject: &str) -> QueryResult<Option<Uuid>> {
    let Some(subject) = id(subject) else {
        return Ok(None);
    };
    class_subjects::live(tenant)
        .find(subject)
        .select(schema::class_subjects::class_id)
        .first(tenant.conn())
        .optional()
}

/// A campus's code, or its name when it has none.
pub fn campus_key(tenant: &mut Tenant<'_>, campus: &str) -> QueryResult<Option<String>> {
    let Some(campus) = id(campus) else {
        return Ok(None);
    };
    let found: Option<(Option<String>, String)> = campuses::live(tenant)
        .find(campus)
        .select((schema::campuses::code, schema::campuses::name))
        .first(tenant.conn())
        .optional()?;
    Ok(found.map(|(code, name)| code.unwrap_or(name)))
}

/// A staff member's name as records keep it, and their campus.
pub fn staff_name_and_campus(
    tenant: &mut Tenant<'_>,
    member: &str,
) -> QueryResult<Option<(String, Option<Uuid>)>> {
    let Some(member) = id(member) else {
        return Ok(None);
    };
    let found: Option<(Option<String>, Option<String>, Option<Uuid>)> = staff::live(tenant)
        .find(member)
        .select((
            schema::staff::first_name,
            schema::staff::last_name,
            schema::staff::campus_id,
        ))
        .first(tenant.conn())
        .optional()?;
    Ok(found.map(|(first, last, campus)| {
        let name = [first, last]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let name = if name.is_empty() {
            "Unnamed staff member".to_owned()
        } else {
            name
        };
        (name, campus)
    }))
}

/// The campus a student is enrolled at.
pub fn campus_of_student(tenant: &mut Tenant<'_>, student: &str) -> QueryResult<Option<Uuid>> {
    let Some(student) = id(student) else {
        return Ok(None);
    };
    students::live(tenant)
        .find(student)
        .select(schema::students::campus_id)
        .first(tenant.conn())
        .optional()
}

/// An assessment's highest score when `score` is above it, as text.
pub fn max_score_below(
    tenant: &mut Tenant<'_>,
    assessment: &str,
    score: &str,
) -> QueryResult<Option<String>> {
    #[derive(QueryableByName)]
    struct Over {
        #[diesel(sql_type = Nullable<Text>)]
        max: Option<String>,
    }
    let over: Option<Over> = diesel::sql_query(
        "SELECT max_score::text AS max FROM assessments \
         WHERE id = $1::uuid AND organization_id = $2 AND max_score < $3::numeric",
    )
    .bind::<Text, _>(assessment)
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Text, _>(score)
    .get_result(tenant.conn())
    .optional()?;
    Ok(over.and_then(|o| o.max))
}

// ---- attendance

/// The campus and day of a roll, also when it was just moved to the trash.
pub fn session_day(
    tenant: &mut Tenant<'_>,
    session: &str,
) -> QueryResult<Option<(Uuid, NaiveDate)>> {
    use schema::attendance_sessions as s;
    let Some(session) = id(session) else {
        return Ok(None);
    };
    s::table
        .find(session)
        .filter(s::organization_id.eq(tenant.organization()))
        .select((s::campus_id, s::session_date))
        .first(tenant.conn())
        .optional()
}

/// The roll a mark is in, also when the mark was just moved to the trash.
pub fn session_of_record(tenant: &mut Tenant<'_>, record: Uuid) -> QueryResult<Option<Uuid>> {
    use schema::attendance_records as r;
    r::table
        .find(record)
        .filter(r::organization_id.eq(tenant.organization()))
        .select(r::attendance_session_id)
        .first(tenant.conn())
        .optional()
}

/// Moves a campus's figures for a day to the trash when no daily roll of that day
/// has a live mark left.
pub fn retire_unmarked_day(
    tenant: &mut Tenant<'_>,
    campus: Uuid,
    day: NaiveDate,
) -> QueryResult<usize> {
    diesel::sql_query(
        "UPDATE campus_attendance_summaries m SET deleted_at = now() \
         WHERE m.organization_id = $1 AND m.campus_id = $2 AND m.attendance_date = $3 \
         AND m.deleted_at IS NULL AND NOT EXISTS (\
             SELECT 1 FROM attendance_sessions s JOIN attendance_records r \
               ON r.attendance_session_id = s.id AND r.deleted_at IS NULL \
             WHERE s.organization_id = $1 AND s.campus_id = $2 AND s.session_date = $3 \
               AND s.session_type = 'daily' AND s.deleted_at IS NULL)",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<SqlUuid, _>(campus)
    .bind::<Date, _>(day)
    .execute(tenant.conn())
}

// ---- finance

/// The next number of a gap-free yearly sequence (`INV-2026-00042`), counting
/// numbers in the trash too so none is given twice; one writer at a time per table.
pub fn next_number(
    tenant: &mut Tenant<'_>,
    table: &str,
    column: &str,
    prefix: &str,
) -> QueryResult<String> {
    #[derive(QueryableByName)]
    struct Next {
        #[diesel(sql_type = Text)]
        value: String,
    }
    let org = tenant.organization();
    diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext($1 || $2::text))")
        .bind::<Text, _>(table)
        .bind::<SqlUuid, _>(org)
        .execute(tenant.conn())?;
    let next: Next = diesel::sql_query(format!(
        "SELECT $2 || lpad((coalesce(max(substring({column} FROM char_length($2) + 1)::int), 0) + 1)::text, 5, '0') AS value \
         FROM {table} WHERE organization_id = $1 AND {column} ~ ('^' || $2 || '[0-9]{{1,9}}$')"
    ))
    .bind::<SqlUuid, _>(org)
    .bind::<Text, _>(prefix)
    .get_result(tenant.conn())?;
    Ok(next.value)
}

/// An invoice's status as its balance makes it: drafts and void invoices keep
/// theirs; otherwise paid, overdue past the due date, partially paid, or issued.
/// `organization` is the SQL expression of the invoice's organization, whose
/// calendar says what is past due.
fn status_sql(status: &str, balance: &str, due: &str, paid: &str, organization: &str) -> String {
    let today = crate::clock::sql_today(organization);
    format!(
        "(CASE WHEN {status} IN ('draft', 'void') THEN {status} \
         WHEN {balance} <= 0 THEN 'paid' WHEN {due} < {today} THEN 'overdue' \
         WHEN {paid} > 0 THEN 'partially_paid' ELSE 'issued' END)"
    )
}

/// What an invoice form gives for its figures, as canonical text.
pub struct InvoiceForm<'a> {
    pub subtotal: &'a str,
    pub discount: &'a str,
    pub tax: &'a str,
    pub status: &'a str,
    pub due: &'a str,
}

/// An invoice's figures from its form: total, what is paid on it, balance and status.
#[derive(QueryableByName)]
pub struct Figures {
    #[diesel(sql_type = Text)]
    pub total: String,
    #[diesel(sql_type = Text)]
    pub paid: String,
    #[diesel(sql_type = Text)]
    pub balance: String,
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = Bool)]
    pub negative: bool,
    #[diesel(sql_type = Bool)]
    pub overpaid: bool,
}

/// The figures of the invoice `invoice` (none yet for a new one) would have with this form.
pub fn invoice_figures(
    tenant: &mut Tenant<'_>,
    invoice: Option<Uuid>,
    form: &InvoiceForm<'_>,
) -> QueryResult<Option<Figures>> {
    let derived = status_sql("$6", "(x.total - x.paid)", "$7::date", "x.paid", "$2");
    diesel::sql_query(format!(
        "SELECT x.total::text AS total, x.paid::text AS paid, (x.total - x.paid)::text AS balance, \
         {derived} AS status, x.total < 0 AS negative, x.total < x.paid AS overpaid \
         FROM (SELECT $3::numeric - $4::numeric + $5::numeric AS total, \
               coalesce((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = $1 \
                         AND p.organization_id = $2 AND p.deleted_at IS NULL), 0) AS paid) x"
    ))
    .bind::<Nullable<SqlUuid>, _>(invoice)
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Text, _>(form.subtotal)
    .bind::<Text, _>(form.discount)
    .bind::<Text, _>(form.tax)
    .bind::<Text, _>(form.status)
    .bind::<Text, _>(form.due)
    .get_result(tenant.conn())
    .optional()
}

/// An invoice a payment is recorded on, locked until the write commits.
#[derive(QueryableByName)]
pub struct OpenInvoice {
    #[diesel(sql_type = Text)]
    pub status: String,
    /// What is left to pay, not counting the payment being written.
    #[diesel(sql_type = Text)]
    pub balance: String,
    /// The amount is nothing (or less).
    #[diesel(sql_type = Bool)]
    pub nothing: bool,
    /// The amount is more than the balance.
    #[diesel(sql_type = Bool)]
    pub over: bool,
}

/// The invoice `invoice` as a payment of `amount` (the payment `payment` when edited) finds it.
pub fn open_invoice(
    tenant: &mut Tenant<'_>,
    invoice: &str,
    payment: Option<Uuid>,
    amount: &str,
) -> QueryResult<Option<OpenInvoice>> {
    diesel::sql_query(
        "SELECT i.status::text AS status, b.balance::text AS balance, \
         $4::numeric <= 0 AS nothing, $4::numeric > b.balance AS over \
         FROM invoices i CROSS JOIN LATERAL (SELECT i.total_amount - coalesce(( \
             SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id \
             AND p.deleted_at IS NULL AND p.id IS DISTINCT FROM $3), 0) AS balance) b \
         WHERE i.id = $1::uuid AND i.organization_id = $2 FOR UPDATE OF i",
    )
    .bind::<Text, _>(invoice)
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Nullable<SqlUuid>, _>(payment)
    .bind::<Text, _>(amount)
    .get_result(tenant.conn())
    .optional()
}

/// Brings an invoice's balance and status in line with its live payments.
pub fn recompute_invoice(tenant: &mut Tenant<'_>, invoice: &str) -> QueryResult<()> {
    let status = status_sql(
        "i.status::text",
        "(i.total_amount - x.paid)",
        "i.due_date",
        "x.paid",
        "$2",
    );
    diesel::sql_query(format!(
        "UPDATE invoices i SET balance_due = i.total_amount - x.paid, status = {status}::invoice_status \
         FROM (SELECT coalesce(sum(amount), 0) AS paid FROM payments \
               WHERE invoice_id = $1::uuid AND deleted_at IS NULL) x \
         WHERE i.id = $1::uuid AND i.organization_id = $2 \
         AND (i.balance_due, i.status::text) IS DISTINCT FROM (i.total_amount - x.paid, {status})"
    ))
    .bind::<Text, _>(invoice)
    .bind::<SqlUuid, _>(tenant.organization())
    .execute(tenant.conn())?;
    Ok(())
}

/// The invoice a payment is on, also when the payment was just moved to the trash.
pub fn invoice_of_payment(tenant: &mut Tenant<'_>, payment: Uuid) -> QueryResult<Option<Uuid>> {
    use schema::payments as p;
    p::table
        .find(payment)
        .filter(p::organization_id.eq(tenant.organization()))
        .select(p::invoice_id)
        .first(tenant.conn())
        .optional()
}

// ---- imports

/// An import's log in sync_logs. The run writes it on a connection of its own,
/// outside row-level security (sync_logs is not under it, and the run's lock must
/// outlive a transaction), so these take the organization as given.
pub mod imports {
    use diesel::prelude::*;
    use uuid::Uuid;

    use crate::db::enums::SyncStatus;
    use crate::db::schema::sync_logs;
    use crate::db::{OrganizationId, Tenant};
    use crate::resources::import::RunName;

    /// The log of an upload's run, if it has one.
    pub fn log_of(
        conn: &mut PgConnection,
        org: OrganizationId,
        hash: &str,
    ) -> QueryResult<Option<Uuid>> {
        sync_logs::table
            .filter(sync_logs::import_hash.eq(hash))
            .filter(sync_logs::organization_id.eq(org))
            .select(sync_logs::id)
            .first::<Uuid>(conn)
            .optional()
    }

    /// A new running log for the upload, unless it has one already.
    pub fn open_log(conn: &mut PgConnection, run: &RunName) -> QueryResult<Option<Uuid>> {
        diesel::insert_into(sync_logs::table)
            .values((
                sync_logs::organization_id.eq(run.organization),
                sync_logs::sync_type.eq(&run.sync_type),
                sync_logs::status.eq(SyncStatus::Running),
                sync_logs::import_hash.eq(&run.hash),
                sync_logs::created_by_id.eq(run.by),
            ))
            .on_conflict_do_nothing()
            .returning(sync_logs::id)
            .get_result::<Uuid>(conn)
            .optional()
    }

    /// The upload's failed log, running again from nothing; none when it did not fail.
    pub fn reopen_failed_log(conn: &mut PgConnection, run: &RunName) -> QueryResult<Option<Uuid>> {
        diesel::update(
            sync_logs::table
                .filter(sync_logs::import_hash.eq(&run.hash))
                .filter(sync_logs::organization_id.eq(run.organization))
                .filter(sync_logs::status.eq(SyncStatus::Failed)),
        )
        .set((
            sync_logs::status.eq(SyncStatus::Running),
            sync_logs::records_processed.eq(0),
            sync_logs::records_created.eq(0),
            sync_logs::records_updated.eq(0),
            sync_logs::started_at.eq(diesel::dsl::now),
            sync_logs::completed_at.eq(None::<chrono::DateTime<chrono::Utc>>),
            sync_logs::error_message.eq(None::<String>),
            sync_logs::created_by_id.eq(run.by),
        ))
        .returning(sync_logs::id)
        .get_result::<Uuid>(conn)
        .optional()
    }

    /// Opens the log of a background run (running) under the id its worker
    /// knows it by, as the signed-in user.
    pub fn open_run(tenant: &mut Tenant<'_>, id: Uuid, sync_type: &str) -> QueryResult<usize> {
        let by = tenant.user().map(|u| u.uuid());
        diesel::insert_into(sync_logs::table)
            .values((
                sync_logs::id.eq(id),
                sync_logs::organization_id.eq(tenant.organization()),
                sync_logs::sync_type.eq(sync_type),
                sync_logs::status.eq(SyncStatus::Running),
                sync_logs::created_by_id.eq(by),
            ))
            .execute(tenant.conn())
    }

    /// Rows a run has processed, created and updated.
    #[derive(Clone, Copy, Default)]
    pub struct Counts {
        pub processed: usize,
        pub created: usize,
        pub updated: usize,
    }

    /// A running import's progress so far.
    pub fn report(conn: &mut PgConnection, log: Uuid, counts: Counts) -> QueryResult<usize> {
        diesel::update(sync_logs::table.find(log))
            .set((
                sync_logs::records_processed.eq(counts.processed as i32),
                sync_logs::records_created.eq(counts.created as i32),
                sync_logs::records_updated.eq(counts.updated as i32),
            ))
            .execute(conn)
    }

    /// A run's outcome.
    pub fn finish(
        conn: &mut PgConnection,
        log: Uuid,
        status: SyncStatus,
        counts: Counts,
        error: Option<String>,
    ) -> QueryResult<usize> {
        diesel::update(sync_logs::table.find(log))
            .set((
                sync_logs::status.eq(status),
                sync_logs::records_processed.eq(counts.processed as i32),
                sync_logs::records_created.eq(counts.created as i32),
                sync_logs::records_updated.eq(counts.updated as i32),
                sync_logs::completed_at.eq(diesel::dsl::now),
                sync_logs::error_message.eq(error),
            ))
            .execute(conn)
    }

    /// A run's log as its page shows it.
    #[derive(Queryable)]
    pub struct LogRow {
        pub status: SyncStatus,
        pub processed: i32,
        pub created: i32,
        pub updated: i32,
        pub error: Option<String>,
        pub hash: Option<String>,
    }

    /// The log of this organization's run `log`, of an import of `sync_type`.
    pub fn read(tenant: &mut Tenant<'_>, log: Uuid, sync_type: &str) -> QueryResult<LogRow> {
        sync_logs::table
            .filter(sync_logs::id.eq(log))
            .filter(sync_logs::organization_id.eq(tenant.organization()))
            .filter(sync_logs::sync_type.eq(sync_type))
            .select((
                sync_logs::status,
                sync_logs::records_processed,
                sync_logs::records_created,
                sync_logs::records_updated,
                sync_logs::error_message,
                sync_logs::import_hash,
            ))
            .first::<LogRow>(tenant.conn())
    }
}
