//! Tuition fee plans, the first term's invoices and the payments received so far.

use anyhow::Context;
use bigdecimal::BigDecimal;
use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use diesel::prelude::*;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

use super::Ctx;
use super::academics::Academics;
use super::organization::Org;
use super::people::People;
use super::support::{insert_all, instant, money, new_id, stream, time, weighted};
use crate::access::roles::BuiltinRole;
use crate::db::enums::{BillingCycle, InvoiceStatus, PaymentMethod};
use crate::db::schema::{fee_plans, invoices, payments};

pub struct FinanceCounts {
    pub invoices: usize,
    pub payments: usize,
}

#[derive(Insertable)]
#[diesel(table_name = fee_plans)]
struct NewFeePlan {
    id: Uuid,
    organization_id: Uuid,
    academic_year_id: Uuid,
    grade_id: Uuid,
    name: String,
    billing_cycle: BillingCycle,
    total_amount: BigDecimal,
    active: bool,
    notes: &'static str,
    import_hash: String,
}

#[derive(Insertable)]
#[diesel(table_name = invoices)]
struct NewInvoice {
    id: Uuid,
    organization_id: Uuid,
    campus_id: Uuid,
    student_id: Uuid,
    fee_plan_id: Uuid,
    invoice_number: String,
    issue_date: NaiveDate,
    due_date: NaiveDate,
    subtotal: BigDecimal,
    discount_amount: BigDecimal,
    tax_amount: BigDecimal,
    total_amount: BigDecimal,
    balance_due: BigDecimal,
    status: InvoiceStatus,
    notes: String,
    import_hash: String,
}

#[derive(Insertable)]
#[diesel(table_name = payments)]
struct NewPayment {
    id: Uuid,
    organization_id: Uuid,
    invoice_id: Uuid,
    received_by_id: Option<Uuid>,
    receipt_number: String,
    paid_at: DateTime<Utc>,
    amount: BigDecimal,
    method: PaymentMethod,
    reference_code: Option<String>,
    notes: Option<&'static str>,
    import_hash: String,
}

/// A payment before receipt numbers are given out in the order payments came in.
struct Received {
    invoice: usize,
    paid_at: DateTime<Utc>,
    cents: i64,
    method: PaymentMethod,
    notes: Option<&'static str>,
}

#[derive(Clone, Copy)]
enum Payer {
    Nothing,
    InFull,
    InTwoInstalments,
    Partly,
    /// On the payment plan: one instalment a month from the issue date.
    Monthly,
}

/// Share of families on the monthly payment plan, in percent.
const PAYMENT_PLAN_PERCENT: u32 = 25;
const PLAN_INSTALMENTS: i64 = 5;
const INSTALMENT_NOTES: [&str; PLAN_INSTALMENTS as usize] = [
    "Payment plan, instalment 1 of 5",
    "Payment plan, instalment 2 of 5",
    "Payment plan, instalment 3 of 5",
    "Payment plan, instalment 4 of 5",
    "Payment plan, instalment 5 of 5",
];
/// The first term runs from the start of the year to mid-December.
const TERM_DAYS: i64 = 125;

/// Share of tuition taken off for a second or later child of a family, in percent.
const SIBLING_DISCOUNT_PERCENT: i64 = 10;

pub fn create(
    conn: &mut PgConnection,
    ctx: &Ctx,
    org: &Org,
    people: &People,
    academics: &Academics,
) -> anyhow::Result<FinanceCounts> {
    let school = ctx.school;
    let key = school.key;
    let mut rng = stream(key, "finance");

    // Fee plans, one per grade.
    let mut plan_rows = Vec::new();
    let mut plan_index: Vec<Vec<(usize, i64)>> = Vec::new(); // by campus and grade: (row, cents)
    for (c, campus) in school.campuses.iter().enumerate() {
        let mut by_grade = Vec::new();
        for (g, grade) in campus.grades.iter().enumerate() {
            let cents =
                school.tuition_base_cents + i64::from(grade.level) * school.tuition_step_cents;
            // Campuses teaching the same grade share its fee plan.
            let grade_id = academics.grade_ids[c][g];
            if let Some(row) = plan_rows
                .iter()
                .position(|p: &NewFeePlan| p.grade_id == grade_id)
            {
                by_grade.push((row, cents));
                continue;
            }
            by_grade.push((plan_rows.len(), cents));
            plan_rows.push(NewFeePlan {
                id: new_id(&mut rng),
                organization_id: org.id,
                academic_year_id: academics.year_id,
                grade_id,
                name: format!("{} tuition", grade.name),
                billing_cycle: BillingCycle::Termly,
                total_amount: money(cents),
                active: true,
                notes: "Charged at the start of each of the three terms.",
                import_hash: format!("demo:{key}:fee-plan:{}:{}", academics.year_name, grade.code),
            });
        }
        plan_index.push(by_grade);
    }
    insert_all!(conn, fee_plans::table, plan_rows, "fee plans");

    // Term 1 invoices go out two weeks before school starts, due two weeks after;
    // families on the payment plan pay monthly and owe the rest by the end of term.
    let issue_date = (ctx.year_start - TimeDelta::days(14)).min(ctx.today);
    let standard_due = issue_date + TimeDelta::days(28);
    let plan_due = ctx.year_start + TimeDelta::days(TERM_DAYS);
    let days_since_issue = (ctx.today - issue_date).num_days().max(0);
    let received_by = people
        .with_role(BuiltinRole::Accountant)
        .or_else(|| people.with_role(BuiltinRole::Administrator))
        .map(|s| s.id);

    let mut invoice_rows = Vec::new();
    let mut received = Vec::new();
    for (n, (_, pupil)) in people.active_students().enumerate() {
        let (plan_row, subtotal) = plan_index[pupil.campus][pupil.grade];
        let discount = if pupil.sibling_rank > 0 {
            subtotal * SIBLING_DISCOUNT_PERCENT / 100
        } else {
            0
        };
        let total = subtotal - discount;
        let on_payment_plan = rng.random_range(0..100) < PAYMENT_PLAN_PERCENT;
        let pays = rng.random_range(0..100) < school.paying_percent;
        let payer = match (pays, on_payment_plan) {
            (false, _) => Payer::Nothing,
            (true, true) => Payer::Monthly,
            (true, false) => weighted(
                &mut rng,
                &[
                    (Payer::InFull, 80),
                    (Payer::InTwoInstalments, 8),
                    (Payer::Partly, 12),
                ],
            ),
        };
        let due_date = if on_payment_plan {
            plan_due
        } else {
            standard_due
        };

        // Records a payment `day` days after the invoice was issued (never after today).
        let mut pay =
            |rng: &mut ChaCha8Rng, day: i64, cents: i64, notes| -> anyhow::Result<Option<i64>> {
                if day > days_since_issue {
                    return Ok(None);
                }
                let at = time(rng.random_range(8..17), rng.random_range(0..60))?;
                received.push(Received {
                    invoice: invoice_rows.len(),
                    paid_at: instant(issue_date + TimeDelta::days(day), at, ctx.now),
                    cents,
                    method: weighted(
                        rng,
                        &[
                            (PaymentMethod::BankTransfer, 35),
                            (PaymentMethod::Card, 25),
                            (PaymentMethod::Online, 20),
                            (PaymentMethod::Cash, 8),
                            (PaymentMethod::Cheque, 7),
                            (PaymentMethod::MobileMoney, 5),
                        ],
                    ),
                    notes,
                });
                Ok(Some(cents))
            };
        let soon = |rng: &mut ChaCha8Rng| rng.random_range(0..=20).min(days_since_issue);
        let mut paid = 0;
        match payer {
            Payer::Nothing => {}
            Payer::InFull => {
                let day = soon(&mut rng);
                paid += pay(&mut rng, day, total, None)?.unwrap_or(0);
            }
            Payer::InTwoInstalments => {
                let first = total / 2 / 100 * 100;
                let day = soon(&mut rng);
                paid += pay(&mut rng, day, first, Some("First instalment"))?.unwrap_or(0);
                let later = day + rng.random_range(20..50);
                paid +=
                    pay(&mut rng, later, total - first, Some("Second instalment"))?.unwrap_or(0);
            }
            Payer::Partly => {
                let part =
                    (total * rng.random_range(30..=80) / 100 / 100 * 100).clamp(100, total - 100);
                let day = soon(&mut rng);
                paid += pay(&mut rng, day, part, Some("Part payment"))?.unwrap_or(0);
            }
            Payer::Monthly => {
                let instalment = total / PLAN_INSTALMENTS / 100 * 100;
                for (i, note) in INSTALMENT_NOTES.iter().enumerate() {
                    let cents = if i + 1 == INSTALMENT_NOTES.len() {
                        total - paid
                    } else {
                        instalment
                    };
                    let day = 30 * i as i64 + rng.random_range(0..5);
                    // Now and then a family misses a month, and stops paying for now.
                    if i > 0 && rng.random_range(0..100) < 8 {
                        break;
                    }
                    match pay(&mut rng, day, cents, Some(note))? {
                        Some(cents) => paid += cents,
                        None => break,
                    }
                }
            }
        }
        let balance = total - paid;
        let status = if balance == 0 {
            InvoiceStatus::Paid
        } else if due_date < ctx.today {
            InvoiceStatus::Overdue
        } else if balance < total {
            InvoiceStatus::PartiallyPaid
        } else {
            InvoiceStatus::Issued
        };
        let mut notes = format!("Term 1 tuition {}", academics.year_name);
        if discount > 0 {
            notes.push_str(&format!(", sibling discount {SIBLING_DISCOUNT_PERCENT}%"));
        }
        if on_payment_plan {
            notes.push_str(&format!(
                ", payment plan in {PLAN_INSTALMENTS} monthly instalments"
            ));
        }
        let number = format!("INV-{}-{:05}", issue_date.year(), n + 1);
        invoice_rows.push(NewInvoice {
            id: new_id(&mut rng),
            organization_id: org.id,
            campus_id: org.campuses[pupil.campus].id,
            student_id: pupil.id,
            fee_plan_id: plan_rows[plan_row].id,
            issue_date,
            due_date,
            subtotal: money(subtotal),
            discount_amount: money(discount),
            tax_amount: money(0),
            total_amount: money(total),
            balance_due: money(balance),
            status,
            notes,
            import_hash: format!("demo:{key}:invoice:{number}"),
            invoice_number: number,
        });
    }

    // Receipt numbers follow the order payments came in, without gaps, per year.
    received.sort_by_key(|r| (r.paid_at, r.invoice));
    let mut payment_rows = Vec::with_capacity(received.len());
    let mut year = 0;
    let mut sequence = 0;
    for r in &received {
        if r.paid_at.year() != year {
            year = r.paid_at.year();
            sequence = 0;
        }
        sequence += 1;
        let number = format!("RCT-{year}-{sequence:05}");
        let reference_code = match r.method {
            PaymentMethod::Cash => None,
            PaymentMethod::Cheque => {
                Some(format!("CHQ {:06}", rng.random_range(100_000..1_000_000)))
            }
            _ => Some(format!("TX{:010}", rng.random_range(0..10_000_000_000u64))),
        };
        payment_rows.push(NewPayment {
            id: new_id(&mut rng),
            organization_id: org.id,
            invoice_id: invoice_rows[r.invoice].id,
            received_by_id: received_by,
            paid_at: r.paid_at,
            amount: money(r.cents),
            method: r.method,
            reference_code,
            notes: r.notes,
            import_hash: format!("demo:{key}:payment:{number}"),
            receipt_number: number,
        });
    }

    insert_all!(conn, invoices::table, invoice_rows, "invoices");
    insert_all!(conn, payments::table, payment_rows, "payments");
    // The first term's invoices name the term they bill, as bulk invoicing does,
    // so invoicing that term again finds every student invoiced.
    diesel::sql_query(
        "UPDATE invoices i SET billing_period_start = t.starts_on, billing_period_end = t.ends_on \
         FROM fee_plans f, academic_terms t \
         WHERE i.organization_id = $1 AND f.id = i.fee_plan_id AND f.billing_cycle = 'termly' \
           AND t.academic_year_id = f.academic_year_id AND t.deleted_at IS NULL \
           AND t.starts_on = (SELECT min(x.starts_on) FROM academic_terms x \
                              WHERE x.academic_year_id = f.academic_year_id AND x.deleted_at IS NULL)",
    )
    .bind::<diesel::sql_types::Uuid, _>(org.id)
    .execute(conn)
    .context("naming the first term's billing period")?;
    Ok(FinanceCounts {
        invoices: invoice_rows.len(),
        payments: payment_rows.len(),
    })
}
