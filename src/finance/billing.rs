//! Bulk invoicing from fee plans. `prepare` works out, for the plans chosen and a
//! day in the period to bill, the invoice each student gets (the plan's fee,
//! pro-rated by the school's rule for a student who joined during the period, and
//! a line for each discount rule that applies) and who is skipped and why; that is
//! the preview. `write` then writes them in batches, each its own transaction.
//! A student is invoiced once per plan and period: the database's unique
//! constraint holds to it, and each batch leaves out who is invoiced already, so a
//! second run, or a run again after one stopped halfway, writes only what is missing.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use bigdecimal::{BigDecimal, RoundingMode, Zero};
use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use uuid::Uuid;

use super::periods::{self, Period, Share};
use super::queries::{self, Candidate, DiscountRule, NewInvoice, NewLine, Plan};
use crate::db::enums::InvoiceStatus;
use crate::db::{Actor, OrganizationId, PgPool, Tenant, UserId};
use crate::i18n::msg;

/// Invoices written per transaction.
pub const BATCH: usize = 250;

/// What the bursar asks for (kept with the run's log, to run it again as asked).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Request {
    pub plans: Vec<Uuid>,
    /// A day in the period to bill; each plan bills the period of its cycle holding it.
    pub on: NaiveDate,
    pub issue: NaiveDate,
    pub due: NaiveDate,
    /// Only the students of this campus.
    pub campus: Option<Uuid>,
}

/// Why a student gets no invoice from a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skip {
    Invoiced,
    JoinedDuring,
    JoinsLater,
}

impl Skip {
    /// The message id that says why.
    pub fn message(self) -> &'static str {
        match self {
            Skip::Invoiced => msg("fin-skip-invoiced"),
            Skip::JoinedDuring => msg("fin-skip-joined-during"),
            Skip::JoinsLater => msg("fin-skip-joins-later"),
        }
    }
}

pub struct Skipped {
    pub student: String,
    pub plan: String,
    pub why: Skip,
}

/// One student's invoice to be.
#[derive(Clone, Debug)]
pub struct Draft {
    pub student: Uuid,
    pub campus: Uuid,
    pub subtotal: BigDecimal,
    pub discount: BigDecimal,
    pub lines: Vec<DraftLine>,
    /// The share of the period's fee charged.
    pub share: Share,
}

impl Draft {
    pub fn total(&self) -> BigDecimal {
        &self.subtotal - &self.discount
    }
}

#[derive(Clone, Debug)]
pub struct DraftLine {
    pub description: String,
    pub fee_plan_id: Option<Uuid>,
    pub discount_rule_id: Option<Uuid>,
    pub unit_amount: BigDecimal,
    pub discount: BigDecimal,
    /// `siblings` or `listed_students` for a discount: what it was given for.
    pub reason: Option<String>,
}

/// A plan's share of the run: its period and its students' invoices.
pub struct PlanRun {
    pub plan: Plan,
    /// None when no period of the plan's cycle holds the day asked for.
    pub period: Option<Period>,
    pub drafts: Vec<Draft>,
}

impl PlanRun {
    /// How many invoices the plan makes.
    pub fn invoices(&self) -> i64 {
        i64::try_from(self.drafts.len()).unwrap_or(i64::MAX)
    }
}

pub struct Order {
    pub runs: Vec<PlanRun>,
    pub skipped: Vec<Skipped>,
    pub issue: NaiveDate,
    pub due: NaiveDate,
}

impl Order {
    pub fn count(&self) -> usize {
        self.runs.iter().map(|r| r.drafts.len()).sum()
    }

    pub fn total(&self) -> BigDecimal {
        self.runs
            .iter()
            .flat_map(|r| &r.drafts)
            .fold(BigDecimal::zero(), |sum, d| sum + d.total())
    }
}

/// The invoices the request makes and who it skips.
pub fn prepare(tenant: &mut Tenant<'_>, request: &Request) -> QueryResult<Order> {
    prepare_for(tenant, request, None)
}

/// [`prepare`], for one student only when `student` is given.
pub fn prepare_for(
    tenant: &mut Tenant<'_>,
    request: &Request,
    student: Option<Uuid>,
) -> QueryResult<Order> {
    let rule = queries::proration(tenant)?;
    let discounts = queries::discount_rules(tenant)?;
    let plans = queries::active_plans(tenant, Some(&request.plans))?;
    let mut order = Order {
        runs: Vec::new(),
        skipped: Vec::new(),
        issue: request.issue,
        due: request.due,
    };
    // Plans of one year share its terms: read once per year.
    let mut years: HashMap<Uuid, (Option<Period>, Vec<Period>)> = HashMap::new();
    for plan in plans {
        let (year, terms) = match plan.academic_year_id {
            Some(id) => match years.entry(id) {
                Entry::Occupied(known) => known.get().clone(),
                Entry::Vacant(slot) => slot.insert(queries::year_and_terms(tenant, id)?).clone(),
            },
            None => (None, Vec::new()),
        };
        let period = periods::period_of(plan.billing_cycle(), request.on, &terms, year);
        let mut drafts = Vec::new();
        if let Some(period) = period {
            for c in queries::candidates(tenant, &plan, period.start, request.campus, student)? {
                let share = periods::share(rule, period, c.enrollment_date);
                let skip = match share {
                    _ if c.invoiced => Some(Skip::Invoiced),
                    Share::JoinedDuring => Some(Skip::JoinedDuring),
                    Share::JoinsLater => Some(Skip::JoinsLater),
                    Share::Whole | Share::Part { .. } => None,
                };
                match skip {
                    Some(why) => order.skipped.push(Skipped {
                        student: c.name.clone(),
                        plan: plan.name.clone(),
                        why,
                    }),
                    None => drafts.push(draft(&plan, &c, share, &discounts)),
                }
            }
        }
        order.runs.push(PlanRun {
            plan,
            period,
            drafts,
        });
    }
    Ok(order)
}

/// A student's invoice from `plan`: the fee for their share of the period, then
/// each discount that applies to them, taken off what is left so the total never
/// goes below nothing.
fn draft(plan: &Plan, student: &Candidate, share: Share, rules: &[DiscountRule]) -> Draft {
    let fee = periods::charge(&plan.amount, share);
    let mut lines = vec![DraftLine {
        description: plan.name.clone(),
        fee_plan_id: Some(plan.id),
        discount_rule_id: None,
        unit_amount: fee.clone(),
        discount: BigDecimal::zero(),
        reason: None,
    }];
    let mut left = fee.clone();
    for rule in rules {
        let for_plan = rule.fee_plan_id.is_none_or(|p| p == plan.id);
        let for_student = match rule.applies_to.as_str() {
            "siblings" => student.younger_sibling,
            _ => rule.students.contains(&student.student_id),
        };
        if !for_plan || !for_student || left <= BigDecimal::zero() {
            continue;
        }
        let off = match rule.kind.as_str() {
            "percentage" => (&fee * &rule.amount / BigDecimal::from(100))
                .with_scale_round(2, RoundingMode::HalfUp),
            _ => rule.amount.clone(),
        };
        let off = off.min(left.clone());
        left -= &off;
        lines.push(DraftLine {
            description: rule.name.clone(),
            fee_plan_id: None,
            discount_rule_id: Some(rule.id),
            unit_amount: BigDecimal::zero(),
            discount: off,
            reason: Some(rule.applies_to.clone()),
        });
    }
    Draft {
        student: student.student_id,
        campus: student.campus_id,
        discount: &fee - &left,
        subtotal: fee,
        lines,
        share,
    }
}

/// How far a run has got: drafts looked at, invoices written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Done {
    pub processed: usize,
    pub created: usize,
}

/// Writes the order's invoices in batches of [`BATCH`], each batch one
/// transaction on a connection from `pool`; `report` hears after each. `batches`
/// stops the run after that many (a run cut short, as by a crash).
pub fn write(
    pool: &PgPool,
    organization: OrganizationId,
    by: UserId,
    order: &Order,
    batches: Option<usize>,
    report: &dyn Fn(Done),
) -> Result<Done, crate::db::DbError> {
    write_in(pool, organization, by, order, BATCH, batches, report)
}

/// [`write`] in batches of `size` invoices.
pub fn write_in(
    pool: &PgPool,
    organization: OrganizationId,
    by: UserId,
    order: &Order,
    size: usize,
    batches: Option<usize>,
    report: &dyn Fn(Done),
) -> Result<Done, crate::db::DbError> {
    let mut done = Done::default();
    let mut left = batches.unwrap_or(usize::MAX);
    for run in &order.runs {
        let Some(period) = run.period else { continue };
        for chunk in run.drafts.chunks(size.max(1)) {
            if left == 0 {
                return Ok(done);
            }
            left -= 1;
            let mut conn = pool
                .get()
                .map_err(|e| crate::db::DbError::Unavailable(e.to_string()))?;
            let created = conn.transaction(|conn| {
                let tenant = &mut crate::db::enter(conn, &Actor::system(organization.uuid()))?;
                crate::resources::store::act_as(tenant, by)?;
                write_batch(tenant, by, order, &run.plan, period, chunk)
            })?;
            done.processed += chunk.len();
            done.created += created;
            report(done);
        }
    }
    Ok(done)
}

/// Writes one batch: under the lock on invoice numbers, leaves out the students
/// invoiced already and numbers the rest one after another, so numbers stay
/// gap-free; returns how many it wrote.
fn write_batch(
    tenant: &mut Tenant<'_>,
    by: UserId,
    order: &Order,
    plan: &Plan,
    period: Period,
    drafts: &[Draft],
) -> QueryResult<usize> {
    let prefix = format!("INV-{}-", order.issue.year());
    let next =
        crate::resources::queries::next_number(tenant, "invoices", "invoice_number", &prefix)?;
    let first: u64 = next
        .strip_prefix(&prefix)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let students: Vec<Uuid> = drafts.iter().map(|d| d.student).collect();
    let done: HashSet<Uuid> = queries::invoiced_already(tenant, plan.id, period.start, &students)?
        .into_iter()
        .collect();
    let status = if order.due < tenant.today() {
        InvoiceStatus::Overdue
    } else {
        InvoiceStatus::Issued
    };
    let org = tenant.organization().uuid();
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    let fresh = drafts.iter().filter(|d| !done.contains(&d.student));
    for (d, number) in fresh.zip(first..) {
        let id = Uuid::new_v4();
        rows.push(NewInvoice {
            id,
            organization_id: org,
            campus_id: d.campus,
            student_id: d.student,
            fee_plan_id: plan.id,
            invoice_number: format!("{prefix}{number:05}"),
            issue_date: order.issue,
            due_date: order.due,
            subtotal: d.subtotal.clone(),
            discount_amount: d.discount.clone(),
            tax_amount: BigDecimal::zero(),
            total_amount: d.total(),
            balance_due: d.total(),
            status,
            billing_period_start: period.start,
            billing_period_end: period.end,
            created_by_id: Some(by),
            updated_by_id: Some(by),
        });
        for (n, l) in d.lines.iter().enumerate() {
            lines.push(NewLine {
                organization_id: org,
                invoice_id: id,
                position: i32::try_from(n + 1).unwrap_or(i32::MAX),
                description: l.description.clone(),
                fee_plan_id: l.fee_plan_id,
                discount_rule_id: l.discount_rule_id,
                quantity: BigDecimal::from(1),
                unit_amount: l.unit_amount.clone(),
                discount: l.discount.clone(),
                reason: l.reason.clone(),
            });
        }
    }
    queries::insert_invoices(tenant, &rows, &lines)
}
