//! The bursar's invoicing pages: the bulk invoicing form with its preview, the
//! run's progress, and an invoice with its lines.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use uuid::Uuid;

use super::billing::{self, Order, Request};
use super::queries::{self, Plan};
use super::runs;
use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::db::{OrganizationId, UserId};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::form::FieldErrors;
use crate::web::format::Locale;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{htmx, render, render_as, see_other};

pub fn routes(r: &mut Routes) {
    let invoice = Gate::Requires(Permission::new(Action::Create, Entity::Invoices));
    r.get("/finance/billing", invoice, form);
    r.post("/finance/billing/preview", invoice, preview);
    r.post("/finance/billing", invoice, start);
    r.get("/finance/billing/runs/{log}", invoice, progress);
    r.post("/finance/billing/runs/{log}/again", invoice, run_again);
    r.menu(MenuEntry {
        group: MenuGroup::Finance,
        order: 5,
        label: "fin-nav-billing",
        href: "/finance/billing",
        gate: invoice,
    });
}

/// The form as typed, kept to show again.
#[derive(Default, Clone)]
pub struct Typed {
    pub plans: Vec<String>,
    pub on: String,
    pub issue: String,
    pub due: String,
    pub campus: String,
}

impl Typed {
    fn from_fields(fields: Vec<(String, String)>) -> Typed {
        let mut typed = Typed::default();
        for (name, value) in fields {
            match name.as_str() {
                "plan" => typed.plans.push(value),
                "on" => typed.on = value,
                "issue" => typed.issue = value,
                "due" => typed.due = value,
                "campus" => typed.campus = value,
                _ => {}
            }
        }
        typed
    }

    /// The request the form makes, or the fields' problems.
    fn request(&self, t: crate::i18n::Lang) -> Result<Request, FieldErrors> {
        let mut errors = FieldErrors::default();
        let date = |text: &str| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
        let plans: Vec<Uuid> = self
            .plans
            .iter()
            .filter_map(|p| Uuid::parse_str(p).ok())
            .collect();
        if plans.is_empty() {
            errors.add("plan", t.text("fin-billing-choose-plan"));
        }
        let on = date(&self.on);
        let issue = date(&self.issue);
        let due = date(&self.due);
        for (field, value) in [("on", on), ("issue", issue), ("due", due)] {
            if value.is_none() {
                errors.add(field, t.text("fin-billing-date-needed"));
            }
        }
        if let (Some(issue), Some(due)) = (issue, due)
            && due < issue
        {
            errors.add("due", t.text("fin-billing-due-before-issue"));
        }
        let campus = match self.campus.trim() {
            "" => None,
            text => match Uuid::parse_str(text) {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.add("campus", t.text("fin-billing-campus-unknown"));
                    None
                }
            },
        };
        match (on, issue, due) {
            (Some(on), Some(issue), Some(due)) if errors.is_empty() => Ok(Request {
                plans,
                on,
                issue,
                due,
                campus,
            }),
            _ => Err(errors),
        }
    }
}

pub struct Choice {
    pub id: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "finance/billing.html")]
struct BillingPage {
    layout: Layout,
    locale: Locale,
    plans: Vec<Plan>,
    campuses: Vec<Choice>,
    typed: Typed,
    errors: FieldErrors,
    order: Option<Order>,
}

impl BillingPage {
    fn chosen(&self, plan: &Plan) -> bool {
        self.typed.plans.contains(&plan.id.to_string())
    }
}

async fn page_of(
    page: &Page,
    state: &AppState,
    typed: Typed,
    errors: FieldErrors,
    request: Option<Request>,
) -> Result<BillingPage, AppError> {
    let (plans, campuses, order) = run_in(&state.pool, page.access.actor(), move |tenant| {
        let plans = queries::active_plans(tenant, None)?;
        let campuses = queries::campuses(tenant)?;
        let order = match &request {
            Some(request) => Some(billing::prepare(tenant, request)?),
            None => None,
        };
        Ok((plans, campuses, order))
    })
    .await?;
    let campuses = campuses
        .into_iter()
        .map(|(id, label)| Choice {
            id: id.to_string(),
            label,
        })
        .collect();
    Ok(BillingPage {
        layout: page.layout(page.t.text("fin-billing-title")),
        locale: page.locale(),
        plans,
        campuses,
        typed,
        errors,
        order,
    })
}

async fn form(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let today = page.access.today().to_string();
    let typed = Typed {
        on: today.clone(),
        issue: today.clone(),
        due: today,
        ..Typed::default()
    };
    render(&page_of(&page, &state, typed, FieldErrors::default(), None).await?)
}

async fn preview(
    page: Page,
    state: web::Data<AppState>,
    fields: input::Fields,
) -> Result<HttpResponse, AppError> {
    let typed = Typed::from_fields(fields.into_inner());
    match typed.request(page.t) {
        Ok(request) => {
            let view = page_of(&page, &state, typed, FieldErrors::default(), Some(request));
            render(&view.await?)
        }
        Err(errors) => {
            let view = page_of(&page, &state, typed, errors, None).await?;
            render_as(&view, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

async fn start(
    page: Page,
    state: web::Data<AppState>,
    fields: input::Fields,
) -> Result<HttpResponse, AppError> {
    let typed = Typed::from_fields(fields.into_inner());
    let request = match typed.request(page.t) {
        Ok(request) => request,
        Err(errors) => {
            let view = page_of(&page, &state, typed, errors, None).await?;
            return render_as(&view, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let org = OrganizationId::new(page.access.organization_id);
    let by = UserId::new(page.access.user_id);
    let log = runs::start(&state, page.access.actor(), org, by, request).await?;
    Ok(see_other(&format!("/finance/billing/runs/{log}")))
}

async fn progress(
    req: HttpRequest,
    page: Page,
    state: web::Data<AppState>,
    log: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let log = Uuid::parse_str(&log).map_err(|_| AppError::NotFound)?;
    let of = input::query_pairs(req.query_string())
        .into_iter()
        .find(|(k, _)| k == "of")
        .and_then(|(_, v)| v.parse().ok());
    runs::progress(&page, &state, log, of, htmx::wants_fragment(&req)).await
}

async fn run_again(
    page: Page,
    state: web::Data<AppState>,
    log: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let log = Uuid::parse_str(&log).map_err(|_| AppError::NotFound)?;
    runs::again(&page, &state, log).await
}
