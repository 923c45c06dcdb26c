//! Finance's reads and writes against the tenant handle: fee plans to invoice,
//! the students a plan charges, discount rules, and the invoices and lines a
//! billing run writes.

use bigdecimal::BigDecimal;
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Array, Bool, Date, Nullable, Numeric, Text, Uuid as SqlUuid};
use uuid::Uuid;

pub mod desk;

use super::periods::{Period, Proration};
use crate::db::enums::{BillingCycle, InvoiceStatus};
use crate::db::schema::{finance_settings, invoice_lines, invoices};
use crate::db::{Tenant, UserId};

/// How the school charges a student who joins during a period (remaining months
/// until the school says otherwise).
pub fn proration(tenant: &mut Tenant<'_>) -> QueryResult<Proration> {
    let rule: Option<String> = finance_settings::table
        .filter(finance_settings::organization_id.eq(tenant.organization()))
        .select(finance_settings::proration)
        .first(tenant.conn())
        .optional()?;
    Ok(rule
        .as_deref()
        .and_then(Proration::parse)
        .unwrap_or(Proration::RemainingMonths))
}

/// A fee plan as a billing run reads it.
#[derive(QueryableByName, Clone, Debug)]
pub struct Plan {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = Text)]
    pub cycle: String,
    #[diesel(sql_type = Numeric)]
    pub amount: BigDecimal,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub grade_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub academic_year_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    pub year_name: Option<String>,
}

impl Plan {
    pub fn billing_cycle(&self) -> BillingCycle {
        self.cycle.parse().unwrap_or(BillingCycle::OneTime)
    }
}

/// The school's active fee plans, by year, grade order and name; only `ids` when given.
pub fn active_plans(tenant: &mut Tenant<'_>, ids: Option<&[Uuid]>) -> QueryResult<Vec<Plan>> {
    diesel::sql_query(
        "SELECT f.id, f.name, f.billing_cycle::text AS cycle, f.total_amount AS amount, \
                f.grade_id, f.academic_year_id, y.name AS year_name \
         FROM fee_plans f \
         LEFT JOIN academic_years y ON y.id = f.academic_year_id AND y.deleted_at IS NULL \
         LEFT JOIN grades g ON g.id = f.grade_id \
         WHERE f.organization_id = $1 AND f.deleted_at IS NULL AND f.active \
           AND ($2::uuid[] IS NULL OR f.id = ANY($2)) \
         ORDER BY y.start_date DESC NULLS LAST, g.sort_order NULLS LAST, f.name, f.id",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Nullable<Array<SqlUuid>>, _>(ids)
    .load(tenant.conn())
}

/// The active fee plans that can bill `student`: those of the grade and year of a
/// class they are actively enrolled in (or of any grade or year), the same test
/// [`candidates`] makes, so a single student's fees are worked out from their own
/// plans only.
pub fn plans_of_student(tenant: &mut Tenant<'_>, student: Uuid) -> QueryResult<Vec<Uuid>> {
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = SqlUuid)]
        id: Uuid,
    }
    let ids: Vec<Id> = diesel::sql_query(
        "SELECT f.id FROM fee_plans f \
         WHERE f.organization_id = $1 AND f.deleted_at IS NULL AND f.active \
           AND EXISTS (SELECT 1 FROM class_enrollments e JOIN classes c ON c.id = e.class_id \
                       WHERE e.student_id = $2 AND e.status = 'active' AND e.deleted_at IS NULL \
                         AND c.deleted_at IS NULL \
                         AND (f.grade_id IS NULL OR c.grade_id = f.grade_id) \
                         AND (f.academic_year_id IS NULL OR c.academic_year_id = f.academic_year_id))",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<SqlUuid, _>(student)
    .load(tenant.conn())?;
    Ok(ids.into_iter().map(|i| i.id).collect())
}

#[derive(QueryableByName)]
struct Span {
    #[diesel(sql_type = Date)]
    starts_on: NaiveDate,
    #[diesel(sql_type = Date)]
    ends_on: NaiveDate,
}

impl From<Span> for Period {
    fn from(s: Span) -> Period {
        Period {
            start: s.starts_on,
            end: s.ends_on,
        }
    }
}

/// The terms of the academic year `year`, and the year's own dates.
pub fn year_and_terms(
    tenant: &mut Tenant<'_>,
    year: Uuid,
) -> QueryResult<(Option<Period>, Vec<Period>)> {
    let org = tenant.organization();
    let whole: Option<Span> = diesel::sql_query(
        "SELECT start_date AS starts_on, end_date AS ends_on FROM academic_years \
         WHERE id = $1 AND organization_id = $2 AND deleted_at IS NULL",
    )
    .bind::<SqlUuid, _>(year)
    .bind::<SqlUuid, _>(org)
    .get_result(tenant.conn())
    .optional()?;
    let terms: Vec<Span> = diesel::sql_query(
        "SELECT starts_on, ends_on FROM academic_terms \
         WHERE academic_year_id = $1 AND organization_id = $2 AND deleted_at IS NULL \
         ORDER BY starts_on",
    )
    .bind::<SqlUuid, _>(year)
    .bind::<SqlUuid, _>(org)
    .load(tenant.conn())?;
    Ok((
        whole.map(Period::from),
        terms.into_iter().map(Period::from).collect(),
    ))
}

/// A student a fee plan charges.
#[derive(QueryableByName, Clone, Debug)]
pub struct Candidate {
    #[diesel(sql_type = SqlUuid)]
    pub student_id: Uuid,
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = SqlUuid)]
    pub campus_id: Uuid,
    #[diesel(sql_type = Nullable<Date>)]
    pub enrollment_date: Option<NaiveDate>,
    /// Already invoiced on this plan for this period.
    #[diesel(sql_type = Bool)]
    pub invoiced: bool,
    /// A second or later child of a family: an active brother or sister is older
    /// (born earlier; the earlier record when neither birthday is known).
    #[diesel(sql_type = Bool)]
    pub younger_sibling: bool,
}

/// The active students enrolled in a class of the plan's grade and year (on
/// `campus` when given; only `student` when given), with whether they are invoiced for the period starting
/// `start` and whether they have an older brother or sister at the school.
pub fn candidates(
    tenant: &mut Tenant<'_>,
    plan: &Plan,
    start: NaiveDate,
    campus: Option<Uuid>,
    student: Option<Uuid>,
) -> QueryResult<Vec<Candidate>> {
    diesel::sql_query(
        "SELECT s.id AS student_id, s.first_name || ' ' || s.last_name AS name, s.campus_id, \
                s.enrollment_date, \
                EXISTS (SELECT 1 FROM invoices i WHERE i.student_id = s.id \
                        AND i.fee_plan_id = $2 AND i.billing_period_start = $5) AS invoiced, \
                EXISTS (SELECT 1 FROM guardians g \
                        JOIN guardian_people gp ON gp.id = g.person_id AND gp.family_id IS NOT NULL \
                             AND gp.deleted_at IS NULL \
                        JOIN guardian_people op ON op.family_id = gp.family_id AND op.deleted_at IS NULL \
                        JOIN guardians og ON og.person_id = op.id AND og.deleted_at IS NULL \
                        JOIN students o ON o.id = og.student_id \
                        WHERE g.student_id = s.id AND g.deleted_at IS NULL \
                          AND o.id <> s.id AND o.deleted_at IS NULL AND o.status = 'active' \
                          AND (coalesce(o.date_of_birth, 'infinity'::date), o.created_at, o.id) \
                            < (coalesce(s.date_of_birth, 'infinity'::date), s.created_at, s.id)) \
                  AS younger_sibling \
         FROM students s \
         WHERE s.organization_id = $1 AND s.deleted_at IS NULL AND s.status = 'active' \
           AND ($7::uuid IS NULL OR s.id = $7) \
           AND EXISTS (SELECT 1 FROM class_enrollments e JOIN classes c ON c.id = e.class_id \
                       WHERE e.student_id = s.id AND e.status = 'active' AND e.deleted_at IS NULL \
                         AND c.deleted_at IS NULL \
                         AND ($3::uuid IS NULL OR c.grade_id = $3) \
                         AND ($4::uuid IS NULL OR c.academic_year_id = $4) \
                         AND ($6::uuid IS NULL OR c.campus_id = $6)) \
         ORDER BY s.last_name, s.first_name, s.id",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<SqlUuid, _>(plan.id)
    .bind::<Nullable<SqlUuid>, _>(plan.grade_id)
    .bind::<Nullable<SqlUuid>, _>(plan.academic_year_id)
    .bind::<Date, _>(start)
    .bind::<Nullable<SqlUuid>, _>(campus)
    .bind::<Nullable<SqlUuid>, _>(student)
    .load(tenant.conn())
}

/// A live student's name, first name first.
pub fn student_name(tenant: &mut Tenant<'_>, student: Uuid) -> QueryResult<Option<String>> {
    use crate::db::schema::students;
    students::table
        .filter(students::organization_id.eq(tenant.organization()))
        .filter(students::id.eq(student))
        .filter(students::deleted_at.is_null())
        .select(students::first_name.concat(" ").concat(students::last_name))
        .first(tenant.conn())
        .optional()
}

/// The latest due date of the invoices others have on `plan` for the period
/// starting `start` (neither draft nor void); None when nobody else is billed.
pub fn billed_for_others(
    tenant: &mut Tenant<'_>,
    plan: Uuid,
    start: NaiveDate,
    student: Uuid,
) -> QueryResult<Option<NaiveDate>> {
    invoices::table
        .filter(invoices::organization_id.eq(tenant.organization()))
        .filter(invoices::fee_plan_id.eq(plan))
        .filter(invoices::billing_period_start.eq(start))
        .filter(invoices::student_id.ne(student))
        .filter(invoices::deleted_at.is_null())
        .filter(invoices::status.ne_all([InvoiceStatus::Draft, InvoiceStatus::Void]))
        .select(diesel::dsl::max(invoices::due_date))
        .first(tenant.conn())
}

/// A discount rule as invoicing applies it.
#[derive(QueryableByName, Clone, Debug)]
pub struct DiscountRule {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = Text)]
    pub name: String,
    /// `percentage` or `fixed`.
    #[diesel(sql_type = Text)]
    pub kind: String,
    #[diesel(sql_type = Numeric)]
    pub amount: BigDecimal,
    /// `siblings` or `listed_students`.
    #[diesel(sql_type = Text)]
    pub applies_to: String,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub fee_plan_id: Option<Uuid>,
    /// The students a `listed_students` rule names.
    #[diesel(sql_type = Array<SqlUuid>)]
    pub students: Vec<Uuid>,
}

/// The school's active discount rules, by name.
pub fn discount_rules(tenant: &mut Tenant<'_>) -> QueryResult<Vec<DiscountRule>> {
    diesel::sql_query(
        "SELECT r.id, r.name, r.kind, r.amount, r.applies_to, r.fee_plan_id, \
                coalesce(array_agg(ds.student_id) FILTER (WHERE ds.student_id IS NOT NULL), \
                         '{}'::uuid[]) AS students \
         FROM discount_rules r \
         LEFT JOIN discount_rule_students ds ON ds.discount_rule_id = r.id \
         WHERE r.organization_id = $1 AND r.active \
         GROUP BY r.id ORDER BY r.name, r.id",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .load(tenant.conn())
}

/// Of `students`, those invoiced on `plan` for the period starting `start`.
pub fn invoiced_already(
    tenant: &mut Tenant<'_>,
    plan: Uuid,
    start: NaiveDate,
    students: &[Uuid],
) -> QueryResult<Vec<Uuid>> {
    invoices::table
        .filter(invoices::organization_id.eq(tenant.organization()))
        .filter(invoices::fee_plan_id.eq(plan))
        .filter(invoices::billing_period_start.eq(start))
        .filter(invoices::student_id.eq_any(students))
        .select(invoices::student_id)
        .load(tenant.conn())
}

#[derive(Insertable)]
#[diesel(table_name = invoices)]
pub struct NewInvoice {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub campus_id: Uuid,
    pub student_id: Uuid,
    pub fee_plan_id: Uuid,
    pub invoice_number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub subtotal: BigDecimal,
    pub discount_amount: BigDecimal,
    pub tax_amount: BigDecimal,
    pub total_amount: BigDecimal,
    pub balance_due: BigDecimal,
    pub status: InvoiceStatus,
    pub billing_period_start: NaiveDate,
    pub billing_period_end: NaiveDate,
    pub created_by_id: Option<UserId>,
    pub updated_by_id: Option<UserId>,
}

#[derive(Insertable, Clone)]
#[diesel(table_name = invoice_lines)]
pub struct NewLine {
    pub organization_id: Uuid,
    pub invoice_id: Uuid,
    pub position: i32,
    pub description: String,
    pub fee_plan_id: Option<Uuid>,
    pub discount_rule_id: Option<Uuid>,
    pub quantity: BigDecimal,
    pub unit_amount: BigDecimal,
    pub discount: BigDecimal,
    pub reason: Option<String>,
}

/// Writes the invoices not written yet (one per student, plan and period, which
/// the database holds to) and the lines of those it wrote. Returns how many it wrote.
pub fn insert_invoices(
    tenant: &mut Tenant<'_>,
    rows: &[NewInvoice],
    lines: &[NewLine],
) -> QueryResult<usize> {
    if rows.is_empty() {
        return Ok(0);
    }
    let written: Vec<Uuid> = diesel::insert_into(invoices::table)
        .values(rows)
        .on_conflict((
            invoices::student_id,
            invoices::fee_plan_id,
            invoices::billing_period_start,
        ))
        .do_nothing()
        .returning(invoices::id)
        .get_results(tenant.conn())?;
    let kept: Vec<NewLine> = lines
        .iter()
        .filter(|l| written.contains(&l.invoice_id))
        .cloned()
        .collect();
    for chunk in kept.chunks(2000) {
        diesel::insert_into(invoice_lines::table)
            .values(chunk)
            .execute(tenant.conn())?;
    }
    Ok(written.len())
}

/// An invoice line as the invoice shows it.
#[derive(Queryable, Clone, Debug)]
pub struct Line {
    pub description: String,
    pub quantity: BigDecimal,
    pub unit_amount: BigDecimal,
    pub discount: BigDecimal,
    pub reason: Option<String>,
}

/// The lines of `invoice`, in order.
pub fn lines_of(tenant: &mut Tenant<'_>, invoice: Uuid) -> QueryResult<Vec<Line>> {
    invoice_lines::table
        .filter(invoice_lines::organization_id.eq(tenant.organization()))
        .filter(invoice_lines::invoice_id.eq(invoice))
        .order(invoice_lines::position)
        .select((
            invoice_lines::description,
            invoice_lines::quantity,
            invoice_lines::unit_amount,
            invoice_lines::discount,
            invoice_lines::reason,
        ))
        .load(tenant.conn())
}

/// The school's campuses, by name.
pub fn campuses(tenant: &mut Tenant<'_>) -> QueryResult<Vec<(Uuid, String)>> {
    use crate::school::queries::campuses;
    campuses::live(tenant)
        .order((
            crate::db::schema::campuses::name,
            crate::db::schema::campuses::id,
        ))
        .select((
            crate::db::schema::campuses::id,
            crate::db::schema::campuses::name,
        ))
        .load(tenant.conn())
}

/// A new billing run's log, running, written by the process `worker`, with the
/// number of invoices it has to write and what it was asked; its id.
pub fn open_run(
    tenant: &mut Tenant<'_>,
    by: UserId,
    worker: Uuid,
    total: usize,
    request: serde_json::Value,
) -> QueryResult<Uuid> {
    use crate::db::enums::SyncStatus;
    use crate::db::schema::sync_logs;
    diesel::insert_into(sync_logs::table)
        .values((
            sync_logs::organization_id.eq(tenant.organization()),
            sync_logs::sync_type.eq(super::runs::SYNC_TYPE),
            sync_logs::status.eq(SyncStatus::Running),
            sync_logs::created_by_id.eq(by),
            sync_logs::worker_id.eq(worker),
            sync_logs::records_total.eq(i32::try_from(total).unwrap_or(i32::MAX)),
            sync_logs::request.eq(request),
        ))
        .returning(sync_logs::id)
        .get_result(tenant.conn())
}

/// The organization named `organization` and its live user with the e-mail `email`.
pub fn organization_and_user(
    conn: &mut PgConnection,
    organization: &str,
    email: &str,
) -> QueryResult<Option<(Uuid, UserId)>> {
    #[derive(QueryableByName)]
    struct Found {
        #[diesel(sql_type = SqlUuid)]
        organization: Uuid,
        #[diesel(sql_type = SqlUuid)]
        user_id: Uuid,
    }
    let found: Option<Found> = diesel::sql_query(
        "SELECT o.id AS organization, u.id AS user_id FROM organizations o \
         JOIN users u ON u.organization_id = o.id AND u.deleted_at IS NULL \
         WHERE o.name = $1 AND o.deleted_at IS NULL AND lower(u.email) = lower($2) LIMIT 1",
    )
    .bind::<Text, _>(organization)
    .bind::<Text, _>(email)
    .get_result(conn)
    .optional()?;
    Ok(found.map(|f| (f.organization, UserId::new(f.user_id))))
}

/// A billing run's log as its page reads it.
#[derive(QueryableByName)]
pub struct RunRow {
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    pub processed: i32,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    pub created: i32,
    #[diesel(sql_type = Nullable<diesel::sql_types::Integer>)]
    pub total: Option<i32>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub worker: Option<Uuid>,
    /// Not written to for `quiet_seconds`: its writer has stopped saying it is alive.
    #[diesel(sql_type = Bool)]
    pub quiet: bool,
    #[diesel(sql_type = Nullable<diesel::sql_types::Jsonb>)]
    pub request: Option<serde_json::Value>,
}

/// The school's billing run `log`, with whether it has been quiet for `quiet_seconds`.
pub fn run_log(
    tenant: &mut Tenant<'_>,
    log: Uuid,
    quiet_seconds: i32,
) -> QueryResult<Option<RunRow>> {
    diesel::sql_query(
        "SELECT status::text AS status, records_processed AS processed, \
                records_created AS created, records_total AS total, worker_id AS worker, \
                updated_at < now() - make_interval(secs => $4) AS quiet, request \
         FROM sync_logs WHERE id = $1 AND organization_id = $2 AND sync_type = $3",
    )
    .bind::<SqlUuid, _>(log)
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Text, _>(super::runs::SYNC_TYPE)
    .bind::<diesel::sql_types::Integer, _>(quiet_seconds)
    .get_result(tenant.conn())
    .optional()
}

/// Closes a run still marked running whose process is gone, saying so; whether it did.
pub fn close_interrupted(tenant: &mut Tenant<'_>, log: Uuid, why: &str) -> QueryResult<bool> {
    diesel::sql_query(
        "UPDATE sync_logs SET status = 'failed', completed_at = now(), error_message = $3 \
         WHERE id = $1 AND organization_id = $2 AND status = 'running'",
    )
    .bind::<SqlUuid, _>(log)
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Text, _>(why)
    .execute(tenant.conn())
    .map(|n| n > 0)
}

/// An invoice as its printed document shows it.
#[derive(QueryableByName, Clone, Debug)]
pub struct InvoiceHead {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = Text)]
    pub number: String,
    #[diesel(sql_type = Text)]
    pub student: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub student_number: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub campus: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub campus_address: Option<String>,
    #[diesel(sql_type = Date)]
    pub issue_date: NaiveDate,
    #[diesel(sql_type = Date)]
    pub due_date: NaiveDate,
    #[diesel(sql_type = Nullable<Date>)]
    pub period_start: Option<NaiveDate>,
    #[diesel(sql_type = Nullable<Date>)]
    pub period_end: Option<NaiveDate>,
    #[diesel(sql_type = Numeric)]
    pub subtotal: BigDecimal,
    #[diesel(sql_type = Numeric)]
    pub discount: BigDecimal,
    #[diesel(sql_type = Numeric)]
    pub tax: BigDecimal,
    #[diesel(sql_type = Numeric)]
    pub total: BigDecimal,
    #[diesel(sql_type = Numeric)]
    pub paid: BigDecimal,
    #[diesel(sql_type = Numeric)]
    pub balance: BigDecimal,
    #[diesel(sql_type = Text)]
    pub status: String,
}

/// The live invoice `id` of the tenant's school, with its student and campus.
pub fn invoice_head(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<Option<InvoiceHead>> {
    diesel::sql_query(
        "SELECT i.id, i.invoice_number AS number, s.first_name || ' ' || s.last_name AS student, \
                s.student_number, c.name AS campus, c.address AS campus_address, \
                i.issue_date, i.due_date, i.billing_period_start AS period_start, \
                i.billing_period_end AS period_end, i.subtotal, i.discount_amount AS discount, \
                i.tax_amount AS tax, i.total_amount AS total, i.total_amount - i.balance_due AS paid, \
                i.balance_due AS balance, i.status::text AS status \
         FROM invoices i JOIN students s ON s.id = i.student_id \
         LEFT JOIN campuses c ON c.id = i.campus_id \
         WHERE i.id = $1 AND i.organization_id = $2 AND i.deleted_at IS NULL",
    )
    .bind::<SqlUuid, _>(id)
    .bind::<SqlUuid, _>(tenant.organization())
    .get_result(tenant.conn())
    .optional()
}

/// A campus and grade's outstanding balances by how long past due.
#[derive(QueryableByName, Clone, Debug)]
pub struct AgingRow {
    #[diesel(sql_type = Text)]
    pub campus: String,
    #[diesel(sql_type = Text)]
    pub grade: String,
    #[diesel(sql_type = Numeric)]
    pub not_due: BigDecimal,
    #[diesel(sql_type = Numeric)]
    pub days_0_30: BigDecimal,
    #[diesel(sql_type = Numeric)]
    pub days_31_60: BigDecimal,
    #[diesel(sql_type = Numeric)]
    pub days_61_90: BigDecimal,
    #[diesel(sql_type = Numeric)]
    pub days_over_90: BigDecimal,
    #[diesel(sql_type = Numeric)]
    pub total: BigDecimal,
}

/// What is owed on the school's open invoices on `today`, by campus and grade (the
/// fee plan's grade, or the student's class's), in buckets of days past due. The
/// invoices of plans with a grade are read as the running totals the database keeps
/// per campus, plan and due date (migration `finance_totals`); the others are
/// summed by campus, student and due date, and the class's grade is looked up once
/// per such student, not per invoice.
pub fn aging(tenant: &mut Tenant<'_>, today: NaiveDate) -> QueryResult<Vec<AgingRow>> {
    diesel::sql_query(
        "WITH open AS ( \
             SELECT t.campus_id, f.grade_id AS plan_grade, NULL::uuid AS student_id, \
                    $2 - t.due_date AS late, sum(t.owed) AS owed \
             FROM finance_open_balances t JOIN fee_plans f ON f.id = t.fee_plan_id \
             WHERE t.organization_id = $1 AND t.owed <> 0 AND f.grade_id IS NOT NULL \
             GROUP BY 1, 2, 4 \
             UNION ALL \
             SELECT i.campus_id, NULL, i.student_id, $2 - i.due_date, sum(i.balance_due) \
             FROM invoices i \
             WHERE i.organization_id = $1 AND i.deleted_at IS NULL \
               AND i.status NOT IN ('draft', 'void') AND i.balance_due > 0 \
               AND (i.fee_plan_id IS NULL OR i.fee_plan_id IN ( \
                   SELECT id FROM fee_plans WHERE organization_id = $1 AND grade_id IS NULL)) \
             GROUP BY 1, 3, 4), \
         class_grade AS ( \
             SELECT DISTINCT ON (e.student_id) e.student_id, c.grade_id \
             FROM class_enrollments e JOIN classes c ON c.id = e.class_id \
             WHERE e.organization_id = $1 AND e.status = 'active' AND e.deleted_at IS NULL \
               AND e.student_id IN (SELECT student_id FROM open) \
             ORDER BY e.student_id, e.enrolled_on DESC NULLS LAST) \
         SELECT coalesce(ca.name, '') AS campus, coalesce(g.name, '') AS grade, \
                coalesce(sum(owed) FILTER (WHERE late < 0), 0) AS not_due, \
                coalesce(sum(owed) FILTER (WHERE late BETWEEN 0 AND 30), 0) AS days_0_30, \
                coalesce(sum(owed) FILTER (WHERE late BETWEEN 31 AND 60), 0) AS days_31_60, \
                coalesce(sum(owed) FILTER (WHERE late BETWEEN 61 AND 90), 0) AS days_61_90, \
                coalesce(sum(owed) FILTER (WHERE late > 90), 0) AS days_over_90, \
                sum(owed) AS total \
         FROM open \
         LEFT JOIN class_grade cg ON cg.student_id = open.student_id \
         LEFT JOIN campuses ca ON ca.id = open.campus_id \
         LEFT JOIN grades g ON g.id = coalesce(open.plan_grade, cg.grade_id) \
         GROUP BY ca.name, g.name, g.sort_order \
         ORDER BY ca.name NULLS LAST, g.sort_order NULLS LAST, g.name NULLS LAST",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Date, _>(today)
    .load(tenant.conn())
}
