//! The bursar's desk against the tenant handle: whose invoices are open, payments
//! taken and refunded, invoices voided, and what a receipt and a statement show.

use bigdecimal::BigDecimal;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, Date, Nullable, Numeric, Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use crate::db::Tenant;
use crate::db::enums::PaymentMethod;
use crate::db::schema::payments;

/// Whose account a desk page, a statement or an e-mail is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Account {
    Student(Uuid),
    Family(Uuid),
}

impl Account {
    /// The path part naming it: `students/{id}` or `families/{id}`.
    pub fn path(self) -> String {
        match self {
            Account::Student(id) => format!("students/{id}"),
            Account::Family(id) => format!("families/{id}"),
        }
    }

    /// The account a path's kind (`students`, `families`) and id name.
    pub fn parse(kind: &str, id: &str) -> Option<Account> {
        let id = Uuid::parse_str(id).ok()?;
        match kind {
            "students" => Some(Account::Student(id)),
            "families" => Some(Account::Family(id)),
            _ => None,
        }
    }
}

#[derive(QueryableByName)]
struct Named {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Text)]
    name: String,
}

/// The account's name and its students (a student alone, or a family's children,
/// by name); `None` when it is not one of the school's.
pub fn holder(
    tenant: &mut Tenant<'_>,
    account: Account,
) -> QueryResult<Option<(String, Vec<Uuid>)>> {
    let org = tenant.organization();
    match account {
        Account::Student(id) => {
            let found: Option<Named> = diesel::sql_query(
                "SELECT id, first_name || ' ' || last_name AS name FROM students \
                 WHERE id = $1 AND organization_id = $2 AND deleted_at IS NULL",
            )
            .bind::<SqlUuid, _>(id)
            .bind::<SqlUuid, _>(org)
            .get_result(tenant.conn())
            .optional()?;
            Ok(found.map(|s| (s.name, vec![s.id])))
        }
        Account::Family(id) => {
            let family: Option<Named> = diesel::sql_query(
                "SELECT id, name FROM families \
                 WHERE id = $1 AND organization_id = $2 AND deleted_at IS NULL",
            )
            .bind::<SqlUuid, _>(id)
            .bind::<SqlUuid, _>(org)
            .get_result(tenant.conn())
            .optional()?;
            let Some(family) = family else {
                return Ok(None);
            };
            let children: Vec<Named> = diesel::sql_query(
                "SELECT DISTINCT s.id, s.first_name || ' ' || s.last_name AS name, \
                        s.last_name, s.first_name \
                 FROM guardian_people p \
                 JOIN guardians g ON g.person_id = p.id AND g.deleted_at IS NULL \
                 JOIN students s ON s.id = g.student_id AND s.deleted_at IS NULL \
                 WHERE p.family_id = $1 AND p.organization_id = $2 AND p.deleted_at IS NULL \
                 ORDER BY s.last_name, s.first_name, s.id",
            )
            .bind::<SqlUuid, _>(id)
            .bind::<SqlUuid, _>(org)
            .load(tenant.conn())?;
            Ok(Some((
                family.name,
                children.into_iter().map(|c| c.id).collect(),
            )))
        }
    }
}

/// An invoice still owed, as the desk lists it.
#[derive(QueryableByName, Clone, Debug)]
pub struct Owed {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = Text)]
    pub number: String,
    #[diesel(sql_type = Text)]
    pub student: String,
    #[diesel(sql_type = Date)]
    pub due_date: NaiveDate,
    #[diesel(sql_type = Numeric)]
    pub total: BigDecimal,
    #[diesel(sql_type = Numeric)]
    pub balance: BigDecimal,
    #[diesel(sql_type = Text)]
    pub status: String,
}

/// The open invoices of `students`, oldest first (by due date, then number);
/// with `lock`, held until the transaction ends so two desks cannot both take a balance.
pub fn owed(tenant: &mut Tenant<'_>, students: &[Uuid], lock: bool) -> QueryResult<Vec<Owed>> {
    let lock = if lock { " FOR UPDATE OF i" } else { "" };
    diesel::sql_query(format!(
        "SELECT i.id, i.invoice_number AS number, s.first_name || ' ' || s.last_name AS student, \
                i.due_date, i.total_amount AS total, i.balance_due AS balance, i.status::text AS status \
         FROM invoices i JOIN students s ON s.id = i.student_id \
         WHERE i.organization_id = $1 AND i.student_id = ANY($2) AND i.deleted_at IS NULL \
           AND i.status IN ('issued', 'partially_paid', 'overdue') AND i.balance_due > 0 \
         ORDER BY i.due_date, i.invoice_number, i.id{lock}"
    ))
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Array<SqlUuid>, _>(students)
    .load(tenant.conn())
}

/// The signed-in user's live staff record in the school, if they have one.
pub fn staff_of_user(tenant: &mut Tenant<'_>) -> QueryResult<Option<Uuid>> {
    use crate::db::schema::staff;
    let Some(user) = tenant.user() else {
        return Ok(None);
    };
    staff::table
        .filter(staff::organization_id.eq(tenant.organization()))
        .filter(staff::user_id.eq(Some(user)))
        .filter(staff::deleted_at.is_null())
        .order(staff::created_at)
        .select(staff::id)
        .first(tenant.conn())
        .optional()
}

/// A payment (or a refund, with a negative amount) as the desk writes it.
#[derive(Insertable)]
#[diesel(table_name = payments)]
pub struct NewPayment {
    pub organization_id: Uuid,
    pub invoice_id: Uuid,
    pub received_by_id: Option<Uuid>,
    pub receipt_number: String,
    pub paid_at: DateTime<Utc>,
    pub amount: BigDecimal,
    pub method: PaymentMethod,
    pub reference_code: Option<String>,
    pub created_by_id: Option<Uuid>,
    pub updated_by_id: Option<Uuid>,
    pub refund_of: Option<Uuid>,
    pub refund_reason: Option<String>,
    pub taken_together: Option<Uuid>,
}

/// Writes a payment under the next number of `prefix` (gap-free: numbers are
/// never deleted, and the series is locked until the transaction ends), and brings
/// its invoice's balance and status along. Returns its id.
pub fn write_payment(
    tenant: &mut Tenant<'_>,
    prefix: &str,
    mut row: NewPayment,
) -> QueryResult<Uuid> {
    row.receipt_number =
        crate::resources::queries::next_number(tenant, "payments", "receipt_number", prefix)?;
    let id = diesel::insert_into(payments::table)
        .values(&row)
        .returning(payments::id)
        .get_result(tenant.conn())?;
    crate::resources::queries::recompute_invoice(tenant, &row.invoice_id.to_string())?;
    Ok(id)
}

/// A payment a refund gives back, locked until the transaction ends.
#[derive(QueryableByName)]
pub struct Refundable {
    #[diesel(sql_type = SqlUuid)]
    pub invoice_id: Uuid,
    #[diesel(sql_type = Numeric)]
    pub amount: BigDecimal,
    #[diesel(sql_type = Text)]
    pub method: String,
    /// Already given back, or itself a refund.
    #[diesel(sql_type = diesel::sql_types::Bool)]
    pub closed: bool,
}

pub fn refundable(tenant: &mut Tenant<'_>, payment: Uuid) -> QueryResult<Option<Refundable>> {
    diesel::sql_query(
        "SELECT p.invoice_id, p.amount, p.method::text AS method, \
                (p.refund_of IS NOT NULL OR EXISTS (SELECT 1 FROM payments r \
                  WHERE r.refund_of = p.id AND r.deleted_at IS NULL)) AS closed \
         FROM payments p WHERE p.id = $1 AND p.organization_id = $2 AND p.deleted_at IS NULL \
         FOR UPDATE OF p",
    )
    .bind::<SqlUuid, _>(payment)
    .bind::<SqlUuid, _>(tenant.organization())
    .get_result(tenant.conn())
    .optional()
}

/// An invoice as voiding finds it, locked until the transaction ends.
#[derive(QueryableByName)]
pub struct Voidable {
    #[diesel(sql_type = Text)]
    pub status: String,
    /// What its live payments (less refunds) come to.
    #[diesel(sql_type = Numeric)]
    pub paid: BigDecimal,
}

pub fn voidable(tenant: &mut Tenant<'_>, invoice: Uuid) -> QueryResult<Option<Voidable>> {
    diesel::sql_query(
        "SELECT i.status::text AS status, coalesce((SELECT sum(p.amount) FROM payments p \
                  WHERE p.invoice_id = i.id AND p.deleted_at IS NULL), 0) AS paid \
         FROM invoices i WHERE i.id = $1 AND i.organization_id = $2 AND i.deleted_at IS NULL \
         FOR UPDATE OF i",
    )
    .bind::<SqlUuid, _>(invoice)
    .bind::<SqlUuid, _>(tenant.organization())
    .get_result(tenant.conn())
    .optional()
}

/// Marks the invoice void, with when, by whom and why; its number stays.
pub fn void_invoice(tenant: &mut Tenant<'_>, invoice: Uuid, reason: &str) -> QueryResult<()> {
    diesel::sql_query(
        "UPDATE invoices SET status = 'void', voided_at = $5, voided_by_id = $3, \
                void_reason = $4, updated_by_id = $3 \
         WHERE id = $1 AND organization_id = $2",
    )
    .bind::<SqlUuid, _>(invoice)
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Nullable<SqlUuid>, _>(tenant.user().map(|u| u.uuid()))
    .bind::<Text, _>(reason)
    // The school's calendar moment, the one its payments are dated by.
    .bind::<diesel::sql_types::Timestamptz, _>(crate::clock::now())
    .execute(tenant.conn())?;
    Ok(())
}

/// Why and when an invoice was voided, when it was.
#[derive(QueryableByName, Clone, Debug)]
pub struct Voided {
    #[diesel(sql_type = Timestamptz)]
    pub at: DateTime<Utc>,
    #[diesel(sql_type = Text)]
    pub reason: String,
}

pub fn voided(tenant: &mut Tenant<'_>, invoice: Uuid) -> QueryResult<Option<Voided>> {
    diesel::sql_query(
        "SELECT voided_at AS at, void_reason AS reason FROM invoices \
         WHERE id = $1 AND organization_id = $2 AND voided_at IS NOT NULL",
    )
    .bind::<SqlUuid, _>(invoice)
    .bind::<SqlUuid, _>(tenant.organization())
    .get_result(tenant.conn())
    .optional()
}

/// A payment as its receipt shows it.
#[derive(QueryableByName, Clone, Debug)]
pub struct Paid {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = Text)]
    pub number: String,
    #[diesel(sql_type = Numeric)]
    pub amount: BigDecimal,
    #[diesel(sql_type = Text)]
    pub method: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub reference: Option<String>,
    #[diesel(sql_type = Timestamptz)]
    pub paid_at: DateTime<Utc>,
    #[diesel(sql_type = SqlUuid)]
    pub invoice_id: Uuid,
    #[diesel(sql_type = Text)]
    pub invoice: String,
    /// What the invoice still owes now.
    #[diesel(sql_type = Numeric)]
    pub invoice_balance: BigDecimal,
    #[diesel(sql_type = SqlUuid)]
    pub student_id: Uuid,
    #[diesel(sql_type = Text)]
    pub student: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub campus: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub campus_address: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub received_by: Option<String>,
    /// For a refund: the receipt it gives back, and why.
    #[diesel(sql_type = Nullable<Text>)]
    pub refund_of: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub refund_reason: Option<String>,
    /// For a payment given back: the refund's number.
    #[diesel(sql_type = Nullable<Text>)]
    pub refunded_by: Option<String>,
}

/// The payment `id` and those taken with it at the desk, by number.
pub fn receipt(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<Vec<Paid>> {
    diesel::sql_query(
        "SELECT p.id, p.receipt_number AS number, p.amount, p.method::text AS method, \
                p.reference_code AS reference, p.paid_at, i.id AS invoice_id, \
                i.invoice_number AS invoice, i.balance_due AS invoice_balance, \
                s.id AS student_id, s.first_name || ' ' || s.last_name AS student, \
                c.name AS campus, c.address AS campus_address, \
                coalesce(nullif(btrim(concat_ws(' ', st.first_name, st.last_name)), ''), \
                         nullif(btrim(concat_ws(' ', u.first_name, u.last_name)), '')) AS received_by, \
                o.receipt_number AS refund_of, p.refund_reason, \
                (SELECT r.receipt_number FROM payments r WHERE r.refund_of = p.id \
                   AND r.deleted_at IS NULL) AS refunded_by \
         FROM payments p JOIN invoices i ON i.id = p.invoice_id \
         JOIN students s ON s.id = i.student_id \
         LEFT JOIN campuses c ON c.id = i.campus_id \
         LEFT JOIN staff st ON st.id = p.received_by_id \
         LEFT JOIN users u ON u.id = p.created_by_id \
         LEFT JOIN payments o ON o.id = p.refund_of \
         WHERE p.organization_id = $1 AND p.deleted_at IS NULL \
           AND (p.id = $2 OR p.taken_together = (SELECT q.taken_together FROM payments q \
                WHERE q.id = $2 AND q.organization_id = $1)) \
         ORDER BY p.receipt_number, p.id",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<SqlUuid, _>(id)
    .load(tenant.conn())
}

/// What `students` owe altogether on their open invoices.
pub fn outstanding(tenant: &mut Tenant<'_>, students: &[Uuid]) -> QueryResult<BigDecimal> {
    #[derive(QueryableByName)]
    struct Sum {
        #[diesel(sql_type = Numeric)]
        owed: BigDecimal,
    }
    let sum: Sum = diesel::sql_query(
        "SELECT coalesce(sum(balance_due), 0) AS owed FROM invoices \
         WHERE organization_id = $1 AND student_id = ANY($2) AND deleted_at IS NULL \
           AND status IN ('issued', 'partially_paid', 'overdue')",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Array<SqlUuid>, _>(students)
    .get_result(tenant.conn())?;
    Ok(sum.owed)
}

/// One entry of a statement: what it is, on which day, and what it does to the
/// balance (an invoice adds, a payment or a void takes off, a refund adds back).
#[derive(QueryableByName, Clone, Debug)]
pub struct Entry {
    #[diesel(sql_type = Date)]
    pub day: NaiveDate,
    /// `invoice`, `payment`, `refund` or `void`.
    #[diesel(sql_type = Text)]
    pub kind: String,
    /// The invoice's or the receipt's number.
    #[diesel(sql_type = Text)]
    pub number: String,
    /// The invoice a payment, refund or void is about.
    #[diesel(sql_type = Text)]
    pub invoice: String,
    #[diesel(sql_type = SqlUuid)]
    pub invoice_id: Uuid,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub payment_id: Option<Uuid>,
    #[diesel(sql_type = Text)]
    pub student: String,
    #[diesel(sql_type = Numeric)]
    pub amount: BigDecimal,
}

/// Every entry of `students`' account up to `through` (in the school's time zone),
/// by day. Drafts are left out, and so is an invoice marked void without being
/// voided at the desk (it was never owed).
pub fn entries(
    tenant: &mut Tenant<'_>,
    students: &[Uuid],
    through: NaiveDate,
) -> QueryResult<Vec<Entry>> {
    let zone = tenant.time_zone().name().to_owned();
    diesel::sql_query(
        "WITH owed AS ( \
             SELECT i.*, s.first_name || ' ' || s.last_name AS student FROM invoices i \
             JOIN students s ON s.id = i.student_id \
             WHERE i.organization_id = $1 AND i.student_id = ANY($2) AND i.deleted_at IS NULL \
               AND i.status <> 'draft' AND (i.status <> 'void' OR i.voided_at IS NOT NULL)), \
         entries AS ( \
             SELECT i.issue_date AS day, 'invoice' AS kind, i.invoice_number AS number, \
                    i.invoice_number AS invoice, i.id AS invoice_id, NULL::uuid AS payment_id, \
                    i.student, i.total_amount AS amount, 1 AS \"order\" FROM owed i \
             UNION ALL \
             SELECT (p.paid_at AT TIME ZONE $3)::date, \
                    CASE WHEN p.refund_of IS NULL THEN 'payment' ELSE 'refund' END, \
                    p.receipt_number, i.invoice_number, i.id, p.id, i.student, -p.amount, 2 \
             FROM payments p JOIN owed i ON i.id = p.invoice_id WHERE p.deleted_at IS NULL \
             UNION ALL \
             SELECT (i.voided_at AT TIME ZONE $3)::date, 'void', i.invoice_number, \
                    i.invoice_number, i.id, NULL, i.student, -i.total_amount, 3 \
             FROM owed i WHERE i.voided_at IS NOT NULL) \
         SELECT day, kind, number, invoice, invoice_id, payment_id, student, amount \
         FROM entries WHERE day <= $4 ORDER BY day, \"order\", number",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Array<SqlUuid>, _>(students)
    .bind::<Text, _>(zone)
    .bind::<Date, _>(through)
    .load(tenant.conn())
}

/// The school's name and logo file, for a document's head.
pub fn school(tenant: &mut Tenant<'_>) -> QueryResult<(String, Option<Uuid>)> {
    use crate::db::schema::organizations;
    organizations::table
        .find(tenant.organization().uuid())
        .select((organizations::name, organizations::logo_file_id))
        .first(tenant.conn())
}
