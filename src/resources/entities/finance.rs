//! Fee plans, invoices and the payments against them. An invoice's total, balance
//! and status are computed here, in the transaction of every write that moves them.

use diesel::QueryResult;
use uuid::Uuid;

use super::academics::{ACADEMIC_YEARS, GRADES};
use super::people::{CAMPUSES, STAFF, STUDENTS};
use crate::access::Entity;
use crate::choices;
use crate::db::Tenant;
use crate::db::enums::{BillingCycle, InvoiceStatus, PaymentMethod};
use crate::i18n::{Lang, msg};
use crate::resources::queries::{self, Figures, InvoiceForm};
use crate::resources::{Child, Field, Hooks, Mode, Resource, Rule};
use crate::web::form::FieldErrors;

pub static FEE_PLANS: Resource = Resource {
    entity: Entity::FeePlans,
    singular: "fee plan",
    title: "name",
    fields: &[
        Field::text("name", msg("field-name"))
            .max(200)
            .required()
            .sortable(),
        Field::relation(
            "academic_year_id",
            msg("field-academic-year"),
            &ACADEMIC_YEARS,
        )
        .listed(),
        Field::relation("grade_id", msg("field-grade"), &GRADES).listed(),
        Field::choice(
            "billing_cycle",
            msg("field-billed"),
            "billing_cycle",
            choices!(BillingCycle),
        )
        .required()
        .sortable(),
        Field::money("total_amount", msg("field-amount"))
            .required()
            .sortable(),
        Field::flag("active", msg("field-active")).listed(),
        Field::long_text("notes", msg("field-notes")),
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
        Field::text("invoice_number", msg("field-invoice-number"))
            .max(40)
            .sortable(),
        Field::relation("student_id", msg("field-student"), &STUDENTS)
            .required()
            .listed(),
        Field::relation("campus_id", msg("field-campus"), &CAMPUSES),
        Field::relation("fee_plan_id", msg("field-fee-plan"), &FEE_PLANS),
        Field::date("issue_date", msg("field-issued-on"))
            .required()
            .sortable(),
        Field::date("due_date", msg("field-due-on"))
            .required()
            .sortable(),
        Field::money("subtotal", msg("field-subtotal")).required(),
        Field::money("discount_amount", msg("field-discount")),
        Field::money("tax_amount", msg("field-tax")),
        Field::money("total_amount", msg("field-total")).listed(),
        Field::money("balance_due", msg("field-balance-due")).sortable(),
        Field::choice(
            "status",
            msg("field-status"),
            "invoice_status",
            choices!(InvoiceStatus),
        )
        .required()
        .sortable(),
        Field::long_text("notes", msg("field-notes")),
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
        warn: None,
    },
    mode: Mode::Tenant,
};

pub static PAYMENTS: Resource = Resource {
    entity: Entity::Payments,
    singular: "payment",
    title: "receipt_number",
    fields: &[
        Field::text("receipt_number", msg("field-receipt-number"))
            .max(40)
            .sortable(),
        Field::relation("invoice_id", msg("field-invoice"), &INVOICES)
            .required()
            .listed(),
        Field::timestamp("paid_at", msg("field-paid-at"))
            .required()
            .sortable(),
        Field::money("amount", msg("field-amount"))
            .required()
            .sortable(),
        Field::choice(
            "method",
            msg("field-method"),
            "payment_method",
            choices!(PaymentMethod),
        )
        .required()
        .sortable(),
        Field::relation("received_by_id", msg("field-received-by"), &STAFF),
        Field::text("reference_code", msg("field-reference")).max(100),
        Field::long_text("notes", msg("field-notes")),
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
        warn: None,
    },
    mode: Mode::Tenant,
};

/// An invoice's figures from its form, when it gives what they need.
fn figures(
    tenant: &mut Tenant<'_>,
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
    let form = InvoiceForm {
        subtotal,
        discount: res.value(values, "discount_amount").unwrap_or("0"),
        tax: res.value(values, "tax_amount").unwrap_or("0"),
        status,
        due,
    };
    queries::invoice_figures(tenant, id, &form)
}

/// Total, balance and status follow the amounts and payments; the number is the
/// next of the issue year when left empty; the campus is the student's unless given.
fn fill_invoice(
    tenant: &mut Tenant<'_>,
    id: Option<Uuid>,
    values: &mut [Option<String>],
) -> QueryResult<()> {
    let res = &INVOICES;
    for column in ["discount_amount", "tax_amount"] {
        if res.value(values, column).is_none() {
            res.set(values, column, Some("0.00".to_owned()));
        }
    }
    if let Some(f) = figures(tenant, id, values)? {
        res.set(values, "total_amount", Some(f.total));
        res.set(values, "balance_due", Some(f.balance));
        res.set(values, "status", Some(f.status));
    }
    if res.value(values, "invoice_number").is_none()
        && let Some(year) = res.value(values, "issue_date").and_then(|d| d.get(..4))
    {
        let prefix = format!("INV-{year}-");
        let number = queries::next_number(tenant, "invoices", "invoice_number", &prefix)?;
        res.set(values, "invoice_number", Some(number));
    }
    if res.value(values, "campus_id").is_none()
        && let Some(student) = res.value(values, "student_id")
    {
        let campus = queries::campus_of_student(tenant, student)?;
        res.set(values, "campus_id", campus.map(|c| c.to_string()));
    }
    Ok(())
}

/// The discount cannot take the total below zero, nor a change below what is paid.
fn check_invoice(
    tenant: &mut Tenant<'_>,
    id: Option<Uuid>,
    values: &[Option<String>],
    t: Lang,
    errors: &mut FieldErrors,
) -> QueryResult<()> {
    let Some(f) = figures(tenant, id, values)? else {
        return Ok(());
    };
    if f.negative {
        errors.add("discount_amount", t.text("record-check-discount"));
    } else if f.overpaid {
        let message = t
            .message("record-check-overpaid")
            .arg("paid", &f.paid)
            .arg("total", &f.total);
        errors.add("subtotal", message.to_string());
    }
    Ok(())
}

/// The receipt number is the next of the payment's year when left empty.
fn fill_payment(
    tenant: &mut Tenant<'_>,
    _id: Option<Uuid>,
    values: &mut [Option<String>],
) -> QueryResult<()> {
    let res = &PAYMENTS;
    if res.value(values, "receipt_number").is_none()
        && let Some(year) = res.value(values, "paid_at").and_then(|d| d.get(..4))
    {
        let prefix = format!("RCT-{year}-");
        let number = queries::next_number(tenant, "payments", "receipt_number", &prefix)?;
        res.set(values, "receipt_number", Some(number));
    }
    Ok(())
}

/// A payment is more than nothing, on an issued invoice, and within its balance.
/// The invoice stays locked until the write commits, so two payments cannot both
/// take the same balance.
fn check_payment(
    tenant: &mut Tenant<'_>,
    id: Option<Uuid>,
    values: &[Option<String>],
    t: Lang,
    errors: &mut FieldErrors,
) -> QueryResult<()> {
    let res = &PAYMENTS;
    let (Some(invoice), Some(amount)) =
        (res.value(values, "invoice_id"), res.value(values, "amount"))
    else {
        return Ok(());
    };
    let Some(open) = queries::open_invoice(tenant, invoice, id, amount)? else {
        return Ok(());
    };
    if open.nothing {
        errors.add("amount", t.text("record-check-amount-zero"));
    } else if open.status == "draft" {
        errors.add("invoice_id", t.text("record-check-invoice-draft"));
    } else if open.status == "void" {
        errors.add("invoice_id", t.text("record-check-invoice-void"));
    } else if open.over {
        // The balance as the amount field takes it, ready to type.
        let message = t
            .message("record-check-over-balance")
            .arg("balance", &open.balance);
        errors.add("amount", message.to_string());
    }
    Ok(())
}

/// The invoice a payment is on, and the one it was on, follow it.
fn payment_written(
    tenant: &mut Tenant<'_>,
    id: Uuid,
    before: Option<&[Option<String>]>,
) -> QueryResult<()> {
    let on = queries::invoice_of_payment(tenant, id)?.map(|i| i.to_string());
    if let Some(on) = &on {
        queries::recompute_invoice(tenant, on)?;
    }
    if let Some(old) = before.and_then(|b| PAYMENTS.value(b, "invoice_id"))
        && on.as_deref() != Some(old)
    {
        queries::recompute_invoice(tenant, old)?;
    }
    Ok(())
}
