//! `/finance/overview`, the school's finance at a glance: what was billed and
//! collected each month of the last twelve, as a chart drawn on the server (an SVG
//! with its numbers as a table beside it, so nothing needs a script and a screen
//! reader reads the table), the collection rate over those months, and what is
//! still owed by grade.

use actix_web::{HttpResponse, web};
use askama::Template;
use bigdecimal::{BigDecimal, ToPrimitive, Zero};

use super::queries as finance;
use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::format::Locale;
use crate::web::layout::{Layout, Page};
use crate::web::render;

pub mod queries;

use queries::Month;

pub fn routes(r: &mut Routes) {
    let read = Gate::Requires(Permission::new(Action::Read, Entity::Invoices));
    r.get("/finance/overview", read, overview);
    r.menu(MenuEntry {
        group: MenuGroup::Finance,
        order: 4,
        label: "fview-nav-overview",
        href: "/finance/overview",
        gate: read,
    });
}

/// The chart's drawing area, in SVG units.
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 240.0;
/// Room at the foot for the months' names.
const FOOT: f64 = 24.0;

/// One bar of the chart.
pub struct Bar {
    pub x: String,
    pub y: String,
    pub height: String,
}

/// A month of the chart: its two bars, where its name goes, and its numbers.
pub struct Column {
    pub month: Month,
    pub billed_bar: Bar,
    pub collected_bar: Bar,
    pub label_x: String,
}

/// Draws the months as pairs of bars scaled to the largest amount.
pub fn columns(months: Vec<Month>) -> Vec<Column> {
    let top = months
        .iter()
        .flat_map(|m| [m.billed.to_f64(), m.collected.to_f64()])
        .flatten()
        .fold(0.0_f64, f64::max);
    let slot = WIDTH / months.len().max(1) as f64;
    let bar = slot * 0.36;
    let room = HEIGHT - FOOT - 8.0;
    let draw = |amount: &BigDecimal, x: f64| {
        let share = if top > 0.0 {
            amount.to_f64().unwrap_or(0.0) / top
        } else {
            0.0
        };
        let height = (share * room).max(0.0);
        Bar {
            x: format!("{x:.1}"),
            y: format!("{:.1}", HEIGHT - FOOT - height),
            height: format!("{height:.1}"),
        }
    };
    months
        .into_iter()
        .enumerate()
        .map(|(i, month)| {
            let left = i as f64 * slot + slot * 0.12;
            Column {
                billed_bar: draw(&month.billed, left),
                collected_bar: draw(&month.collected, left + bar),
                label_x: format!("{:.1}", i as f64 * slot + slot / 2.0),
                month,
            }
        })
        .collect()
}

/// What is still owed on a grade's open invoices.
pub struct Owed {
    pub grade: String,
    pub amount: BigDecimal,
}

#[derive(Template)]
#[template(path = "finance/overview.html")]
struct OverviewPage {
    layout: Layout,
    locale: Locale,
    columns: Vec<Column>,
    billed: BigDecimal,
    collected: BigDecimal,
    owed: Vec<Owed>,
    owed_total: BigDecimal,
    /// This year's budgets against what each fee plan brought in.
    budgets: Option<super::budgets::Sheet>,
    /// Whether the reader may set the budgets (and so is offered the link).
    may_set_budgets: bool,
}

impl OverviewPage {
    /// Collected over billed in the twelve months, when anything was billed.
    fn rate(&self) -> Option<String> {
        let billed = self.billed.to_f64().filter(|b| *b > 0.0)?;
        let collected = self.collected.to_f64().unwrap_or(0.0);
        Some(self.locale.t.percent(collected * 100.0 / billed, 1))
    }
}

/// The aging rows summed by grade, in the report's order.
fn owed_by_grade(rows: Vec<finance::AgingRow>) -> Vec<Owed> {
    let mut owed: Vec<Owed> = Vec::new();
    for row in rows {
        match owed.iter_mut().find(|o| o.grade == row.grade) {
            Some(o) => o.amount += row.total,
            None => owed.push(Owed {
                grade: row.grade,
                amount: row.total,
            }),
        }
    }
    owed
}

async fn overview(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let (months, aging, budgets) = run_in(&state.pool, page.access.actor(), |tenant| {
        let today = tenant.today();
        let months = queries::last_twelve_months(tenant, today)?;
        let aging = finance::aging(tenant, today)?;
        Ok::<_, AppError>((months, aging, super::budgets::sheet(tenant, None)?))
    })
    .await?;
    let billed = months.iter().fold(BigDecimal::zero(), |a, m| a + &m.billed);
    let collected = months
        .iter()
        .fold(BigDecimal::zero(), |a, m| a + &m.collected);
    let owed = owed_by_grade(aging);
    let owed_total = owed.iter().fold(BigDecimal::zero(), |a, o| a + &o.amount);
    render(&OverviewPage {
        layout: page.layout(page.t.text("fview-overview-title")),
        locale: page.locale(),
        columns: columns(months),
        billed,
        collected,
        owed,
        owed_total,
        budgets,
        may_set_budgets: page.access.can(super::budgets::SET_BUDGETS),
    })
}
