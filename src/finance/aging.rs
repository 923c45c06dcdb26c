//! The aging report: what is owed on open invoices by campus and grade, in buckets
//! of days past due (0–30, 31–60, 61–90, over 90, and not yet due), with each
//! campus's total and the school's, on the page and as CSV.

use actix_web::{HttpResponse, web};
use askama::Template;
use bigdecimal::{BigDecimal, Zero};

use super::queries::{self, AgingRow};
use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::attendance::reports::csv::csv_response;
use crate::i18n::{Lang, msg};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::format::Locale;
use crate::web::layout::{Layout, Page};
use crate::web::render;

pub fn routes(r: &mut Routes) {
    let read = Gate::Requires(Permission::new(Action::Read, Entity::Invoices));
    r.get("/finance/aging", read, page);
    r.get("/finance/aging.csv", read, csv);
    r.menu(MenuEntry {
        group: MenuGroup::Finance,
        order: 6,
        label: "fin-nav-aging",
        href: "/finance/aging",
        gate: read,
    });
}

/// The buckets' message ids, in the columns' order.
const BUCKETS: [&str; 6] = [
    msg("fin-aging-not-due"),
    msg("fin-aging-0-30"),
    msg("fin-aging-31-60"),
    msg("fin-aging-61-90"),
    msg("fin-aging-over-90"),
    msg("fin-aging-total"),
];

/// A row's amounts in the columns' order.
fn amounts(row: &AgingRow) -> [&BigDecimal; 6] {
    [
        &row.not_due,
        &row.days_0_30,
        &row.days_31_60,
        &row.days_61_90,
        &row.days_over_90,
        &row.total,
    ]
}

/// The sum of `rows`, column by column.
fn sum<'a>(rows: impl Iterator<Item = &'a AgingRow>) -> [BigDecimal; 6] {
    let mut out: [BigDecimal; 6] = Default::default();
    for row in rows {
        for (total, amount) in out.iter_mut().zip(amounts(row)) {
            *total += amount;
        }
    }
    out
}

/// A campus's grades and its total.
pub struct CampusAging {
    pub campus: String,
    pub rows: Vec<AgingRow>,
    pub total: [BigDecimal; 6],
}

pub struct Report {
    pub campuses: Vec<CampusAging>,
    pub total: [BigDecimal; 6],
}

impl Report {
    fn of(rows: Vec<AgingRow>) -> Report {
        let total = sum(rows.iter());
        let mut campuses: Vec<CampusAging> = Vec::new();
        for row in rows {
            match campuses.last_mut() {
                Some(c) if c.campus == row.campus => c.rows.push(row),
                _ => campuses.push(CampusAging {
                    campus: row.campus.clone(),
                    rows: vec![row],
                    total: Default::default(),
                }),
            }
        }
        for c in &mut campuses {
            c.total = sum(c.rows.iter());
        }
        Report { campuses, total }
    }

    fn is_empty(&self) -> bool {
        self.total[5].is_zero()
    }
}

#[derive(Template)]
#[template(path = "finance/aging.html")]
struct AgingPage {
    layout: Layout,
    locale: Locale,
    report: Report,
    today: chrono::NaiveDate,
    buckets: [&'static str; 6],
}

impl AgingPage {
    fn cells(&self, row: &AgingRow) -> Vec<String> {
        amounts(row)
            .into_iter()
            .map(|a| self.locale.money(a))
            .collect()
    }

    fn totals(&self, total: &[BigDecimal; 6]) -> Vec<String> {
        total.iter().map(|a| self.locale.money(a)).collect()
    }
}

async fn report(page: &Page, state: &AppState) -> Result<Report, AppError> {
    let today = page.access.today();
    let rows = run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok(queries::aging(tenant, today)?)
    })
    .await?;
    Ok(Report::of(rows))
}

async fn page(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let report = report(&page, &state).await?;
    render(&AgingPage {
        layout: page.layout(page.t.text("fin-aging-title")),
        locale: page.locale(),
        report,
        today: page.access.today(),
        buckets: BUCKETS,
    })
}

/// Plain amounts (`1234.50`) for a spreadsheet, headed in the reader's language.
async fn csv(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let report = report(&page, &state).await?;
    let t: Lang = page.t;
    let mut header = vec![t.text("fin-aging-campus"), t.text("fin-aging-grade")];
    header.extend(BUCKETS.iter().map(|b| t.text(b)));
    let plain = |a: &BigDecimal| a.with_scale(2).to_string();
    let rows = report.campuses.iter().flat_map(|c| {
        c.rows.iter().map(|r| {
            let mut cells = vec![r.campus.clone(), r.grade.clone()];
            cells.extend(amounts(r).into_iter().map(plain));
            cells
        })
    });
    let mut all: Vec<Vec<String>> = rows.collect();
    let mut total = vec![t.text("fin-aging-all-campuses"), String::new()];
    total.extend(report.total.iter().map(plain));
    all.push(total);
    csv_response("aging.csv", header, all.into_iter())
}
