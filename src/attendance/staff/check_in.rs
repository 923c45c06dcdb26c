//! A staff member checks in themselves: on time or late by the campus's start time.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use diesel::prelude::*;
use serde::Deserialize;

use super::{MyCheckIn, day_of, filters, local_time, my_check_in, queries};
use crate::access::Access;
use crate::db::Tenant;
use crate::db::enums::StaffAttendanceStatus;
use crate::i18n::{Lang, msg};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::Page;
use crate::web::{htmx, render, see_other};

#[derive(Deserialize)]
pub(super) struct CheckInForm {
    back: Option<String>,
}

#[derive(Template)]
#[template(path = "attendance/check_in.html")]
struct CheckInFragment {
    check_in: MyCheckIn,
    csrf_token: String,
    t: Lang,
}

enum CheckInOutcome {
    NotStaff,
    Recorded,
    Already,
}

/// Checks the signed-in user in now, unless they already have; returns what
/// happened and their card as it now stands.
fn check_in_now(
    tenant: &mut Tenant<'_>,
    access: &Access,
    back: &str,
) -> QueryResult<(CheckInOutcome, Option<MyCheckIn>)> {
    let Some(me) = queries::my_staff(tenant)? else {
        return Ok((CheckInOutcome::NotStaff, None));
    };
    let times = filters::times_of(tenant, me.campus_id)?;
    let now = crate::clock::now();
    let status = if local_time(tenant.time_zone(), now) > times.school_starts_at {
        StaffAttendanceStatus::Late
    } else {
        StaffAttendanceStatus::Present
    };
    let day = day_of(&me, tenant.today(), status, Some(now));
    // The first check-in of the day stands; a second tap changes nothing.
    let outcome = if queries::check_in(tenant, day)? {
        CheckInOutcome::Recorded
    } else {
        CheckInOutcome::Already
    };
    Ok((outcome, my_check_in(tenant, access, back)?))
}

pub(super) async fn check_in(
    req: HttpRequest,
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    form: input::Form<CheckInForm>,
) -> Result<HttpResponse, AppError> {
    // Only our own pages: an address from elsewhere goes to the dashboard.
    let back = form
        .back
        .as_deref()
        .and_then(crate::web::redirect::local_target)
        .unwrap_or_else(|| "/".to_owned());
    let access = page.access.clone();
    let card_back = back.clone();
    let (outcome, card) = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        Ok(check_in_now(tenant, &access, &card_back)?)
    })
    .await?;
    if htmx::wants_fragment(&req)
        && let Some(check_in) = card
    {
        let csrf_token = page.access.csrf_token.clone();
        return render(&CheckInFragment {
            check_in,
            csrf_token,
            t: page.t,
        });
    }
    say(page.t, &session, outcome);
    Ok(see_other(&back))
}

fn say(t: Lang, session: &Session, outcome: CheckInOutcome) {
    let (level, id) = match outcome {
        CheckInOutcome::NotStaff => (Level::Error, msg("check-in-not-staff")),
        CheckInOutcome::Recorded => (Level::Success, msg("check-in-recorded")),
        CheckInOutcome::Already => (Level::Info, msg("check-in-already")),
    };
    flash::push(session, level, t.text(id));
}
