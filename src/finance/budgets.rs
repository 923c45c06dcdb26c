//! `/finance/budgets`: what the school expects each fee plan to bring in over an
//! academic year, edited as one table (one amount per plan, in the school's
//! currency). A cell that is not an amount keeps what was typed and says why, and
//! nothing is saved until every cell is right. Fee plans are the categories:
//! Homeroom records the school's income (its invoices and payments), not its
//! spending, so a budget is set against what a plan billed and collected.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use bigdecimal::{BigDecimal, Zero};
use chrono::NaiveDate;
use uuid::Uuid;

use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::db::Tenant;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::form::FieldErrors;
use crate::web::format::Locale;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render, render_as, see_other};

pub mod queries;

use queries::{Line, Year};

/// Who sets the budgets (and is offered the way to them).
pub const SET_BUDGETS: Permission = Permission::new(Action::Update, Entity::FeePlans);

pub fn routes(r: &mut Routes) {
    let manage = Gate::Requires(SET_BUDGETS);
    r.get("/finance/budgets", manage, budgets);
    r.post("/finance/budgets", manage, save_budgets);
    r.menu(MenuEntry {
        group: MenuGroup::Finance,
        order: 9,
        label: "fview-nav-budgets",
        href: "/finance/budgets",
        gate: manage,
    });
}

/// The year marked current, else the one holding `today`, else the latest one
/// begun, else the first listed.
pub fn year_of(years: &[Year], today: NaiveDate) -> Option<&Year> {
    years
        .iter()
        .find(|y| y.current)
        .or_else(|| {
            years
                .iter()
                .find(|y| y.start_date <= today && today <= y.end_date)
        })
        .or_else(|| years.iter().find(|y| y.start_date <= today))
        .or_else(|| years.first())
}

/// A year's budgets and what each plan brought in, with their totals.
pub struct Sheet {
    pub year: Year,
    pub lines: Vec<Line>,
    pub budget: BigDecimal,
    pub billed: BigDecimal,
    pub collected: BigDecimal,
    /// What the plans with a budget collected.
    pub collected_budgeted: BigDecimal,
}

impl Sheet {
    /// Collected as a share of the budget, when there is one.
    pub fn reached(&self, t: &Lang, line: &Line) -> Option<String> {
        share(*t, &line.collected, line.budget.as_ref()?)
    }

    pub fn reached_total(&self, t: &Lang) -> Option<String> {
        share(*t, &self.collected_budgeted, &self.budget)
    }

    /// Whether any plan has a budget.
    pub fn has_budgets(&self) -> bool {
        self.lines.iter().any(|l| l.budget.is_some())
    }
}

fn share(t: Lang, part: &BigDecimal, whole: &BigDecimal) -> Option<String> {
    use bigdecimal::ToPrimitive;
    let whole = whole.to_f64().filter(|w| *w > 0.0)?;
    Some(t.percent(part.to_f64().unwrap_or(0.0) * 100.0 / whole, 1))
}

/// The sheet of the year `chosen` (else the year holding today); None when the
/// school has no academic year.
pub fn sheet(tenant: &mut Tenant<'_>, chosen: Option<Uuid>) -> diesel::QueryResult<Option<Sheet>> {
    let years = queries::years(tenant)?;
    let year = match chosen.and_then(|id| years.iter().find(|y| y.id == id)) {
        Some(year) => year,
        None => match year_of(&years, tenant.today()) {
            Some(year) => year,
            None => return Ok(None),
        },
    };
    let lines = queries::lines(tenant, year.id)?;
    let sum = |pick: &dyn Fn(&Line) -> Option<&BigDecimal>| {
        lines
            .iter()
            .filter_map(pick)
            .fold(BigDecimal::zero(), |a, b| a + b)
    };
    Ok(Some(Sheet {
        budget: sum(&|l| l.budget.as_ref()),
        billed: sum(&|l| Some(&l.billed)),
        collected: sum(&|l| Some(&l.collected)),
        collected_budgeted: sum(&|l| l.budget.as_ref().map(|_| &l.collected)),
        year: year.clone(),
        lines,
    }))
}

#[derive(Template)]
#[template(path = "finance/budgets.html")]
struct BudgetsPage {
    layout: Layout,
    locale: Locale,
    years: Vec<Year>,
    sheet: Option<Sheet>,
    /// What each cell holds: as typed after a refusal, else the amount saved.
    typed: HashMap<Uuid, String>,
    errors: FieldErrors,
    saved: bool,
}

impl BudgetsPage {
    fn typed_for(&self, plan: &Uuid) -> &str {
        self.typed.get(plan).map(String::as_str).unwrap_or_default()
    }

    fn cell_of(&self, plan: &Uuid) -> String {
        cell(plan)
    }

    fn error_for(&self, plan: &Uuid) -> Option<&str> {
        self.errors.get(&cell(plan))
    }
}

/// A plan's cell in the form.
fn cell(plan: &Uuid) -> String {
    format!("budget-{plan}")
}

/// The page for `year` with the cells `typed` (the saved amounts when None).
async fn budgets_page(
    page: &Page,
    state: &AppState,
    year: Option<Uuid>,
    typed: Option<HashMap<Uuid, String>>,
    errors: FieldErrors,
) -> Result<BudgetsPage, AppError> {
    let (years, sheet) = run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok::<_, AppError>((queries::years(tenant)?, sheet(tenant, year)?))
    })
    .await?;
    let typed = typed.unwrap_or_else(|| {
        let lines = sheet.iter().flat_map(|s| &s.lines);
        lines
            .filter_map(|l| Some((l.plan_id, l.budget.as_ref()?.to_plain_string())))
            .collect()
    });
    Ok(BudgetsPage {
        layout: page.layout(page.t.text("fview-budgets-title")),
        locale: page.locale(),
        years,
        sheet,
        typed,
        errors,
        saved: false,
    })
}

fn chosen_year(text: &str) -> Option<Uuid> {
    Uuid::parse_str(text.trim()).ok()
}

/// The page's query: the year shown, and `saved` after a save.
#[derive(serde::Deserialize)]
struct Shown {
    year: Option<String>,
    saved: Option<String>,
}

async fn budgets(
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<Shown>,
) -> Result<HttpResponse, AppError> {
    let shown = query.into_inner();
    let year = shown.year.as_deref().and_then(chosen_year);
    let mut view = budgets_page(&page, &state, year, None, FieldErrors::default()).await?;
    view.saved = shown.saved.is_some();
    render(&view)
}

/// The cells as typed, the amounts to save (None: an empty cell), and why not.
type Cells = (
    HashMap<Uuid, String>,
    Vec<(Uuid, Option<BigDecimal>)>,
    FieldErrors,
);

/// Each cell of the form: the amount, None for an empty cell, or why not.
fn read_cells(fields: &[(String, String)], lines: &[Line], t: Lang) -> Cells {
    let mut typed = HashMap::new();
    let mut amounts = Vec::new();
    let mut errors = FieldErrors::default();
    for line in lines {
        let name = cell(&line.plan_id);
        let text = fields
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let amount = match text.trim() {
            "" => Ok(None),
            typed => super::rules::money(typed, t).and_then(|a| {
                if a < BigDecimal::zero() {
                    Err(t.text("fview-budget-negative"))
                } else {
                    Ok(Some(a))
                }
            }),
        };
        match amount {
            Ok(amount) => amounts.push((line.plan_id, amount)),
            Err(message) => errors.add(name, message),
        }
        typed.insert(line.plan_id, text);
    }
    (typed, amounts, errors)
}

async fn save_budgets(
    page: Page,
    state: web::Data<AppState>,
    fields: input::Fields,
) -> Result<HttpResponse, AppError> {
    let fields = fields.into_inner();
    let year = crate::forms::field(&fields, "year")
        .and_then(chosen_year)
        .ok_or(AppError::NotFound)?;
    let t = page.t;
    let outcome = run_in(&state.pool, page.access.actor(), move |tenant| {
        let years = queries::years(tenant)?;
        if !years.iter().any(|y| y.id == year) {
            return Err(AppError::NotFound);
        }
        let lines = queries::lines(tenant, year)?;
        let (typed, amounts, errors) = read_cells(&fields, &lines, t);
        if !errors.is_empty() {
            return Ok(Err((typed, errors)));
        }
        queries::save(tenant, year, &amounts)?;
        Ok(Ok(()))
    })
    .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!("/finance/budgets?year={year}&saved"))),
        Err((typed, errors)) => {
            let view = budgets_page(&page, &state, Some(year), Some(typed), errors).await?;
            render_as(&view, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}
