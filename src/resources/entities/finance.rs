//! Fee plans, invoices and the payments against them. An invoice's total, balance
//! and status are computed here, in the transaction of every write that moves them.

use diesel::prelude::*;
use diesel::sql_types::{Bool, Nullable, Text, Uuid as SqlUuid};
use uuid::Uuid;

use super::academics::{ACADEMIC_YEARS, GRADES};
use super::people::{CAMPUSES, STAFF, STUDENTS};
use crate::access::Entity;
use crate::choices;
use crate::db::enums::{BillingCycle, InvoiceStatus, PaymentMethod};
use crate::resources::values::Errors;
use crate::resources::{Child, Field, Hooks, Mode, Resource, Rule};

pub static FEE_PLANS: Resource = Resource {
    entity: Entity::FeePlans,
    singular: "fee plan",
    title: "name",
    fields: &[
        Field::text("name", "Name").max(200).required().sortable(),
        Field::relation("academic_year_id", "Academic year", &ACADEMIC_YEARS).listed(),
        Field::relation("grade_id", "Grade", &GRADES).listed(),
        Field::choice(
            "billing_cycle",
            "Billed",
            "billing_cycle",
            choices!(BillingCycle),
        )
        .required()
        .sortable(),
        Field::money("total_amount", "Amount").required().sortable(),
        Field::flag("active", "Active").listed(),
        Field::long_text("notes", "Notes"),
    ],
    search: &["name"],
    filters: &["billing_cycle", "active", "academic_year_id", "grade_id"],
    order: &["name"],
    natural_key: &["academic_year_id", "grade_id", "name"],
    children: &[Child::refuse(&INVOICES, "fee_plan_id")],
    rules: &[],
    hooks: &Hooks::NONE,
    mode: Mode::Tenant,
};

pub static INVOICES: Resource = Resource {
    entity: Entity::Invoices,
    singular: "invoice",
    title: "invoice_number",
    fields: &[
        Field::text("invoice_number", "Invoice number")
            .max(40)
            .sortable(),
        Field::relation("student_id", "Student", &STUDENTS)
            .required()
            .listed(),
        Field::relation("campus_id", "Campus", &CAMPUSES),
        Field::relation("fee_plan_id", "Fee plan", &FEE_PLANS),
        Field::date("issue_date", "Issued on").required().sortable(),
        Field::date("due_date", "Due on").required().sortable(),
        Field::money("subtotal", "Subtotal").required(),
        Field::money("discount_amount", "Discount"),
        Field::money("tax_amount", "Tax"),
        Field::money("total_amount", "Total").listed(),
        Field::money("balance_due", "Balance due").sortable(),
        Field::choice(
            "status",
            "Status",
            "invoice_status",
            choices!(InvoiceStatus),
        )
        .required()
        .sortable(),
        Field::long_text("notes", "Notes"),
    ],
    search: &["invoice_number", "notes"],
    filters: &[
        "status",
        "student_id",
        "campus_id",
        "issue_date",
        "due_date",
    ],
    order: &["issue_date DESC", "invoice_number DESC"],
    natural_key: &["invoice_number"],
    children: &[Child::refuse(&PAYMENTS, "invoice_id")],
    rules: &[Rule::NotBefore {
        later: "due_date",
        earlier: "issue_date",
    }],
    hooks: &Hooks {
        derived: &["total_amount", "balance_due"],
        fill: Some(fill_invoice),
        check: Some(check_invoice),
        after_write: None,
    },
    mode: Mode::Tenant,
};

pub static PAYMENTS: Resource = Resource {
    entity: Entity::Payments,
    singular: "payment",
    title: "receipt_number",
    fields: &[
        Field::text("receipt_number", "Receipt number")
            .max(40)
            .sortable(),
        Field::relation("invoice_id", "Invoice", &INVOICES)
            .required()
            .listed(),
        Field::timestamp("paid_at", "Paid at").required().sortable(),
        Field::money("amount", "Amount").required().sortable(),
        Field::choice(
            "method",
            "Method",
            "payment_method",
            choices!(PaymentMethod),
        )
        .required()
        .sortable(),
        Field::relation("received_by_id", "Received by", &STAFF),
        Field::text("reference_code", "Reference").max(100),
        Field::long_text("notes", "Notes"),
    ],
    search: &["receipt_number", "reference_code"],
    filters: &["method", "invoice_id", "paid_at"],
    order: &["paid_at DESC", "receipt_number DESC"],
    natural_key: &["receipt_number"],
    children: &[],
    rules: &[],
    hooks: &Hooks {
        derived: &[],
        fill: Some(fill_payment),
        check: Some(check_payment),
        after_write: Some(payment_written),
    },
    mode: Mode::Tenant,
};

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

/// The next number of a gap-free yearly sequence (`INV-2026-00042`), counting
/// numbers in the trash too so none is given twice; one writer at a time per table.
fn next_number(
    conn: &mut PgConnection,
    org: Uuid,
    table: &str,
    column: &str,
    prefix: &str,
) -> QueryResult<String> {
    #[derive(QueryableByName)]
    struct Next {
        #[diesel(sql_type = Text)]
        value: String,
    }
    diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext($1 || $2::text))")
        .bind::<Text, _>(table)
        .bind::<SqlUuid, _>(org)
        .execute(conn)?;
    let next: Next = diesel::sql_query(format!(
        "SELECT $2 || lpad((coalesce(max(substring({column} FROM char_length($2) + 1)::int), 0) + 1)::text, 5, '0') AS value \
         FROM {table} WHERE organization_id = $1 AND {column} ~ ('^' || $2 || '[0-9]{{1,9}}$')"
    ))
    .bind::<SqlUuid, _>(org)
    .bind::<Text, _>(prefix)
    .get_result(conn)?;
    Ok(next.value)
}

/// An invoice's figures from its form: total, what is paid on it, balance and status.
#[derive(QueryableByName)]
struct Figures {
    #[diesel(sql_type = Text)]
    total: String,
    #[diesel(sql_type = Text)]
    paid: String,
    #[diesel(sql_type = Text)]
    balance: String,
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = Bool)]
    negative: bool,
    #[diesel(sql_type = Bool)]
    overpaid: bool,
}

fn figures(
    conn: &mut PgConnection,
    org: Uuid,
    id: Option<Uuid>,
    values: &[Option<String>],
) -> QueryResult<Option<Figures>> {
    let res = &INVOICES;
    let (Some(subtotal), Some(status), Some(due)) = (
        res.value(values, "subtotal"),
        res.value(values, "status"),
        res.value(values, "due_date"),
    ) else {
        return Ok(None);
    };
    let amount = |column| res.value(values, column).unwrap_or("0").to_owned();
    let derived = status_sql("$6", "(x.total - x.paid)", "$7::date", "x.paid", "$2");
    diesel::sql_query(format!(
        "SELECT x.total::text AS total, x.paid::text AS paid, (x.total - x.paid)::text AS balance, \
         {derived} AS status, x.total < 0 AS negative, x.total < x.paid AS overpaid \
         FROM (SELECT $3::numeric - $4::numeric + $5::numeric AS total, \
               coalesce((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = $1 \
                         AND p.organization_id = $2 AND p.deleted_at IS NULL), 0) AS paid) x"
    ))
    .bind::<Nullable<SqlUuid>, _>(id)
    .bind::<SqlUuid, _>(org)
    .bind::<Text, _>(subtotal)
    .bind::<Text, _>(amount("discount_amount"))
    .bind::<Text, _>(amount("tax_amount"))
    .bind::<Text, _>(status)
    .bind::<Text, _>(due)
    .get_result(conn)
    .optional()
}

/// Total, balance and status follow the amounts and payments; the number is the
/// next of the issue year when left empty; the campus is the student's unless given.
fn fill_invoice(
    conn: &mut PgConnection,
    org: Uuid,
    id: Option<Uuid>,
    values: &mut [Option<String>],
) -> QueryResult<()> {
    let res = &INVOICES;
    for column in ["discount_amount", "tax_amount"] {
        if res.value(values, column).is_none() {
            res.set(values, column, Some("0.00".to_owned()));
        }
    }
    if let Some(f) = figures(conn, org, id, values)? {
        res.set(values, "total_amount", Some(f.total));
        res.set(values, "balance_due", Some(f.balance));
        res.set(values, "status", Some(f.status));
    }
    if res.value(values, "invoice_number").is_none()
        && let Some(year) = res.value(values, "issue_date").and_then(|d| d.get(..4))
    {
        let number = next_number(
            conn,
            org,
            "invoices",
            "invoice_number",
            &format!("INV-{year}-"),
        )?;
        res.set(values, "invoice_number", Some(number));
    }
    if res.value(values, "campus_id").is_none()
        && let Some(student) = res.value(values, "student_id").map(str::to_owned)
    {
        #[derive(QueryableByName)]
        struct Campus {
            #[diesel(sql_type = Nullable<Text>)]
            id: Option<String>,
        }
        let campus: Option<Campus> = diesel::sql_query(
            "SELECT campus_id::text AS id FROM students WHERE id = $1::uuid AND organization_id = $2",
        )
        .bind::<Text, _>(student)
        .bind::<SqlUuid, _>(org)
        .get_result(conn)
        .optional()?;
        res.set(values, "campus_id", campus.and_then(|c| c.id));
    }
    Ok(())
}

/// The discount cannot take the total below zero, nor a change below what is paid.
fn check_invoice(
    conn: &mut PgConnection,
    org: Uuid,
    id: Option<Uuid>,
    values: &[Option<String>],
    errors: &mut Errors,
) -> QueryResult<()> {
    let Some(f) = figures(conn, org, id, values)? else {
        return Ok(());
    };
    if f.negative {
        errors.add(
            "discount_amount",
            "The discount cannot be more than the subtotal plus tax.",
        );
    } else if f.overpaid {
        errors.add(
            "subtotal",
            format!(
                "Payments of {} are recorded on this invoice, more than its new total of {}.",
                f.paid, f.total
            ),
        );
    }
    Ok(())
}

/// The receipt number is the next of the payment's year when left empty.
fn fill_payment(
    conn: &mut PgConnection,
    org: Uuid,
    _id: Option<Uuid>,
    values: &mut [Option<String>],
) -> QueryResult<()> {
    let res = &PAYMENTS;
    if res.value(values, "receipt_number").is_none()
        && let Some(year) = res.value(values, "paid_at").and_then(|d| d.get(..4))
    {
        let number = next_number(
            conn,
            org,
            "payments",
            "receipt_number",
            &format!("RCT-{year}-"),
        )?;
        res.set(values, "receipt_number", Some(number));
    }
    Ok(())
}

/// A payment is more than nothing, on an issued invoice, and within its balance.
/// The invoice stays locked until the write commits, so two payments cannot both
/// take the same balance.
fn check_payment(
    conn: &mut PgConnection,
    org: Uuid,
    id: Option<Uuid>,
    values: &[Option<String>],
    errors: &mut Errors,
) -> QueryResult<()> {
    let res = &PAYMENTS;
    let (Some(invoice), Some(amount)) =
        (res.value(values, "invoice_id"), res.value(values, "amount"))
    else {
        return Ok(());
    };
    #[derive(QueryableByName)]
    struct Open {
        #[diesel(sql_type = Text)]
        status: String,
        #[diesel(sql_type = Text)]
        balance: String,
        #[diesel(sql_type = Bool)]
        nothing: bool,
        #[diesel(sql_type = Bool)]
        over: bool,
    }
    let open: Option<Open> = diesel::sql_query(
        "SELECT i.status::text AS status, b.balance::text AS balance, \
         $4::numeric <= 0 AS nothing, $4::numeric > b.balance AS over \
         FROM invoices i CROSS JOIN LATERAL (SELECT i.total_amount - coalesce(( \
             SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id \
             AND p.deleted_at IS NULL AND p.id IS DISTINCT FROM $3), 0) AS balance) b \
         WHERE i.id = $1::uuid AND i.organization_id = $2 FOR UPDATE OF i",
    )
    .bind::<Text, _>(invoice)
    .bind::<SqlUuid, _>(org)
    .bind::<Nullable<SqlUuid>, _>(id)
    .bind::<Text, _>(amount)
    .get_result(conn)
    .optional()?;
    let Some(open) = open else {
        return Ok(());
    };
    if open.nothing {
        errors.add("amount", "Amount must be more than 0.");
    } else if open.status == "draft" {
        errors.add(
            "invoice_id",
            "This invoice is still a draft. Issue it before recording payments.",
        );
    } else if open.status == "void" {
        errors.add("invoice_id", "This invoice is void and takes no payments.");
    } else if open.over {
        errors.add(
            "amount",
            format!(
                "The invoice's balance is {}. A payment cannot be more than that.",
                open.balance
            ),
        );
    }
    Ok(())
}

/// Brings an invoice's balance and status in line with its live payments.
fn recompute(conn: &mut PgConnection, org: Uuid, invoice: &str) -> QueryResult<()> {
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
    .bind::<SqlUuid, _>(org)
    .execute(conn)?;
    Ok(())
}

/// The invoice a payment is on, and the one it was on, follow it.
fn payment_written(
    conn: &mut PgConnection,
    org: Uuid,
    id: Uuid,
    before: Option<&[Option<String>]>,
) -> QueryResult<()> {
    #[derive(QueryableByName)]
    struct On {
        #[diesel(sql_type = Text)]
        invoice: String,
    }
    let on: Option<On> = diesel::sql_query(
        "SELECT invoice_id::text AS invoice FROM payments WHERE id = $1 AND organization_id = $2",
    )
    .bind::<SqlUuid, _>(id)
    .bind::<SqlUuid, _>(org)
    .get_result(conn)
    .optional()?;
    if let Some(on) = &on {
        recompute(conn, org, &on.invoice)?;
    }
    if let Some(old) = before.and_then(|b| PAYMENTS.value(b, "invoice_id"))
        && on.as_ref().map(|o| o.invoice.as_str()) != Some(old)
    {
        recompute(conn, org, old)?;
    }
    Ok(())
}
