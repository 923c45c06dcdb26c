//! `/attendance/staff`: the signed-in person's check-in, and for those who mark
//! staff attendance, each campus with how many of its staff have a record today.

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use diesel::prelude::*;
use uuid::Uuid;

use super::{MARK, MyCheckIn, filters, my_check_in, queries};
use crate::db::Tenant;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::layout::{Layout, Page};
use crate::web::render;

pub struct CampusLine {
    pub id: Uuid,
    pub name: String,
    pub staff: i64,
    pub marked: i64,
}

#[derive(Template)]
#[template(path = "attendance/staff_overview.html")]
struct OverviewPage {
    layout: Layout,
    today: NaiveDate,
    check_in: Option<MyCheckIn>,
    campuses: Option<Vec<CampusLine>>,
    /// What to say, and the link to fix it, when the school has no campus yet.
    no_campuses: Option<crate::setup::Notice>,
}

pub(super) async fn overview(
    page: Page,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let access = page.access.clone();
    let today = access.today();
    let may_mark = access.can(MARK);
    let (check_in, campuses) = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let check_in = my_check_in(tenant, &access, "/attendance/staff")?;
        let campuses = if may_mark {
            Some(campus_lines(tenant, today)?)
        } else {
            None
        };
        Ok((check_in, campuses))
    })
    .await?;
    let no_campuses = campuses
        .as_ref()
        .is_some_and(Vec::is_empty)
        .then(|| crate::setup::NO_CAMPUSES.notice(page.t, &page.access));
    render(&OverviewPage {
        layout: page.layout(page.t.text("attrep-staff-title")),
        today,
        check_in,
        campuses,
        no_campuses,
    })
}

fn campus_lines(tenant: &mut Tenant<'_>, today: NaiveDate) -> QueryResult<Vec<CampusLine>> {
    let campuses = filters::campuses(tenant)?;
    let counts = queries::staff_by_campus(tenant)?;
    let marked = queries::marked_by_campus(tenant, today)?;
    let of = |rows: &[(Option<Uuid>, i64)], id: Uuid| {
        rows.iter()
            .find(|(c, _)| *c == Some(id))
            .map_or(0, |(_, n)| *n)
    };
    Ok(campuses
        .into_iter()
        .map(|c| CampusLine {
            staff: of(&counts, c.id),
            marked: of(&marked, c.id),
            id: c.id,
            name: c.name,
        })
        .collect())
}
