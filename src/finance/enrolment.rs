//! Fees offered when a student is enrolled mid-year. Whichever way a student came
//! into a class (enrolled with others, admitted, moved, added on a record page or
//! imported), what is offered follows from the data, not from the path: the
//! active fee plans of the student's grade and year whose current period has been
//! billed for other students already, and not for this one. Their profile shows
//! the offer to whoever may invoice ("Fees for …: Term 2 tuition 1,200.00
//! (pro-rated: 4 of 6 months) — Create invoices / Not now"), and one click bills
//! it through bulk invoicing's own code: the school's pro-rating rule, its
//! discount rules, and once per student, plan and period whatever is clicked
//! twice. Nothing is created without the click.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use bigdecimal::BigDecimal;
use chrono::TimeDelta;
use uuid::Uuid;

use super::billing::{self, Order, Request};
use super::periods::{Period, Share};
use super::queries;
use crate::access::{Action, Entity, Gate, Permission, Routes};
use crate::db::{OrganizationId, Tenant, UserId};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::format::Locale;
use crate::web::layout::Page;
use crate::web::{render, see_other};

pub fn routes(r: &mut Routes) {
    let invoice = Gate::Requires(Permission::new(Action::Create, Entity::Invoices));
    r.get("/finance/offers/students/{id}", invoice, offer_panel);
    r.post("/finance/offers/students/{id}", invoice, accept);
    r.post("/finance/offers/students/{id}/later", invoice, later);
}

/// Days given to pay a fee billed late, when the others' due date has passed.
pub const DAYS_TO_PAY: i64 = 14;

/// Students whose offer was put off in this session (kept in the session).
const LATER: &str = "fee-offers-later";
/// How many put-off offers a session remembers.
const LATER_KEPT: usize = 50;

/// A fee the offer would bill.
pub struct Fee {
    pub plan: String,
    pub period: Period,
    pub amount: BigDecimal,
    pub share: Share,
}

/// What is offered for a student: the invoices to write and when they are due.
pub struct Offer {
    pub student: Uuid,
    pub name: String,
    pub order: Order,
}

impl Offer {
    pub fn fees(&self) -> Vec<Fee> {
        self.order
            .runs
            .iter()
            .filter_map(|run| Some((run, run.period?)))
            .flat_map(|(run, period)| {
                run.drafts.iter().map(move |d| Fee {
                    plan: run.plan.name.clone(),
                    period,
                    amount: d.total(),
                    share: d.share,
                })
            })
            .collect()
    }
}

/// The fees to offer `student` today, if any: the plans that bill them (their
/// grade and year, the school's pro-rating rule) whose current period others
/// are billed for and they are not. Not found when the student is not the
/// reader's to see.
pub fn offer(tenant: &mut Tenant<'_>, student: Uuid) -> Result<Option<Offer>, AppError> {
    let name = queries::student_name(tenant, student)?.ok_or(AppError::NotFound)?;
    let today = tenant.today();
    let plans = queries::plans_of_student(tenant, student)?;
    if plans.is_empty() {
        return Ok(None);
    }
    let request = Request {
        plans,
        on: today,
        issue: today,
        due: today,
        campus: None,
    };
    let mut order = billing::prepare_for(tenant, &request, Some(student))?;
    let mut due = today + TimeDelta::days(DAYS_TO_PAY);
    let mut offered = Vec::new();
    for run in std::mem::take(&mut order.runs) {
        let Some(period) = run.period.filter(|_| !run.drafts.is_empty()) else {
            continue;
        };
        if let Some(theirs) =
            queries::billed_for_others(tenant, run.plan.id, period.start, student)?
        {
            due = due.max(theirs);
            offered.push(run);
        }
    }
    if offered.is_empty() {
        return Ok(None);
    }
    order.runs = offered;
    order.skipped.clear();
    order.due = due;
    Ok(Some(Offer {
        student,
        name,
        order,
    }))
}

#[derive(Template)]
#[template(path = "finance/offer.html")]
struct OfferPanel {
    t: Lang,
    locale: Locale,
    csrf_token: String,
    offer: Offer,
}

impl OfferPanel {
    fn period(&self, fee: &Fee) -> String {
        self.t
            .message("fview-offer-period")
            .arg("from", self.t.date(fee.period.start))
            .arg("to", self.t.date(fee.period.end))
            .to_string()
    }

    fn share(&self, fee: &Fee) -> Option<String> {
        match fee.share {
            Share::Part { months, of } => Some(
                self.t
                    .message("fview-offer-prorated")
                    .arg("months", months)
                    .arg("of", of)
                    .to_string(),
            ),
            _ => None,
        }
    }

    fn due(&self) -> String {
        self.t.date(self.offer.order.due)
    }
}

fn student_of(text: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(text).map_err(|_| AppError::NotFound)
}

/// The students whose offer was put off in this session.
fn put_off(session: &Session) -> Vec<Uuid> {
    session
        .get::<Vec<Uuid>>(LATER)
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// The student a path names and their offer, as the reader may see it.
async fn offer_of(
    page: &Page,
    state: &AppState,
    student: &str,
) -> Result<(Uuid, Option<Offer>), AppError> {
    let student = student_of(student)?;
    let offer = run_in(&state.pool, page.access.actor(), move |tenant| {
        offer(tenant, student)
    })
    .await?;
    Ok((student, offer))
}

/// The offer as a panel for the student's profile; nothing when there is none or
/// it was put off.
async fn offer_panel(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    student: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (student, offer) = offer_of(&page, &state, &student).await?;
    if put_off(&session).contains(&student) {
        return Ok(HttpResponse::Ok().finish());
    }
    match offer {
        Some(offer) => render(&OfferPanel {
            t: page.t,
            locale: page.locale(),
            csrf_token: page.access.csrf_token.clone(),
            offer,
        }),
        None => Ok(HttpResponse::Ok().finish()),
    }
}

/// Creates the invoices offered (what is still to bill at the click: a second
/// click creates nothing) and goes back to the student's profile.
async fn accept(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    student: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (student, offer) = offer_of(&page, &state, &student).await?;
    let created = match offer {
        Some(offer) => {
            let pool = state.pool.clone();
            let org = OrganizationId::new(page.access.organization_id);
            let by = UserId::new(page.access.user_id);
            web::block(move || billing::write(&pool, org, by, &offer.order, None, &|_| {}))
                .await
                .map_err(|e| AppError::Internal(anyhow::anyhow!("billing an offer: {e}")))??
                .created
        }
        None => 0,
    };
    let t = page.t;
    let message = match created {
        0 => t.text("fview-offer-nothing"),
        n => t.message("fview-offer-created").arg("count", n).to_string(),
    };
    flash::push(&session, Level::Success, message);
    Ok(see_other(&crate::students::profile_path(student)))
}

/// Puts the offer off for this session; it stays to be made later.
async fn later(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    student: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let student = student_of(&student)?;
    run_in(&state.pool, page.access.actor(), move |tenant| {
        queries::student_name(tenant, student)?.ok_or(AppError::NotFound)
    })
    .await?;
    let mut kept = put_off(&session);
    if !kept.contains(&student) {
        kept.push(student);
    }
    let from = kept.len().saturating_sub(LATER_KEPT);
    // A session that cannot keep it shows the offer again next time: nothing is lost.
    let _ = session.insert(LATER, &kept[from..]);
    Ok(see_other(&crate::students::profile_path(student)))
}
