//! The readers of the access log: a student's "Who has seen this record" tab and
//! `/privacy/access`, the views of one staff member over a range of days.

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use uuid::Uuid;

use super::queries::{self, Seen, Views};
use crate::access::display_name;
use crate::db::Tenant;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::students::profile::{Row, TabPanel};
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::form::FieldErrors;
use crate::web::format::Locale;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::render;

/// Who a row names, as a reader sees them.
fn who(seen: &Seen, t: Lang) -> String {
    match &seen.user {
        Some((first, last, email)) => display_name(first.as_deref(), last.as_deref(), email),
        None => t.text("priv-someone"),
    }
}

/// The "Who has seen this record" tab: who, when and which page, newest first.
pub fn student_panel(
    tenant: &mut Tenant<'_>,
    student: Uuid,
    page: i64,
    locale: &Locale,
) -> Result<TabPanel, AppError> {
    let t = locale.t;
    let (rows, more) = queries::views(tenant, Views::OfStudent(student), page)?;
    let path = crate::students::profile_path(student);
    let link = |p: i64| format!("{path}?tab=seen&page={p}#tab");
    let mut links = Vec::new();
    if page > 1 {
        links.push((t.text("priv-newer"), link(page - 1)));
    }
    if more {
        links.push((t.text("priv-older"), link(page + 1)));
    }
    Ok(TabPanel {
        intro: Some(t.text("priv-tab-intro")),
        totals: None,
        head: vec![t.text("priv-when"), t.text("priv-who"), t.text("priv-page")],
        rows: rows
            .iter()
            .map(|seen| Row {
                cells: vec![locale.instant(seen.at), who(seen, t), seen.route.clone()],
                href: None,
            })
            .collect(),
        empty: t.text("priv-tab-none"),
        more: None,
        links,
    })
}

#[derive(Deserialize)]
pub struct StaffQuery {
    user: Option<String>,
    from: Option<String>,
    to: Option<String>,
    page: Option<String>,
}

/// What the by-staff page was asked, read and checked.
struct Filter {
    user: Option<Uuid>,
    from: NaiveDate,
    to: NaiveDate,
    page: i64,
    errors: FieldErrors,
}

impl Filter {
    fn read(q: &StaffQuery, today: NaiveDate, t: Lang) -> Filter {
        let text = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or_default().to_owned();
        let mut errors = FieldErrors::default();
        let mut day = |field: &'static str, value: &Option<String>| {
            let value = text(value);
            if value.is_empty() {
                return today;
            }
            NaiveDate::parse_from_str(&value, "%Y-%m-%d").unwrap_or_else(|_| {
                errors.add(field, t.text("priv-error-date"));
                today
            })
        };
        let from = day("from", &q.from);
        let to = day("to", &q.to);
        let user = match text(&q.user) {
            v if v.is_empty() => None,
            v => v.parse::<Uuid>().ok().or_else(|| {
                errors.add("user", t.text("priv-error-staff"));
                None
            }),
        };
        if from > to {
            errors.add("to", t.text("priv-error-range"));
        }
        let page = text(&q.page).parse::<i64>().unwrap_or(1).clamp(1, 10_000);
        Filter {
            user,
            from,
            to,
            page,
            errors,
        }
    }

    fn address(&self, page: i64) -> String {
        let user = self.user.map(|u| u.to_string()).unwrap_or_default();
        format!(
            "/privacy/access?user={user}&from={}&to={}&page={page}",
            self.from, self.to
        )
    }
}

/// The first moment of a school day, as UTC.
fn start_of(day: NaiveDate, zone: Tz) -> DateTime<Utc> {
    let midnight = day.and_time(NaiveTime::MIN);
    zone.from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |at| at.with_timezone(&Utc))
}

pub struct StaffChoice {
    pub id: String,
    pub name: String,
}

/// One view on the by-staff page.
pub struct Line {
    pub when: String,
    /// The student's name and profile, or how many students an export held.
    pub student: Option<(String, String)>,
    pub count: String,
    pub route: String,
}

#[derive(Template)]
#[template(path = "privacy/access.html")]
struct ByStaffPage {
    layout: Layout,
    staff: Vec<StaffChoice>,
    user: String,
    from: String,
    to: String,
    errors: FieldErrors,
    chosen: bool,
    lines: Vec<Line>,
    previous: Option<String>,
    next: Option<String>,
}

/// `GET /privacy/access?user=&from=&to=&page=`: what one staff member saw.
pub async fn by_staff(
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<StaffQuery>,
) -> Result<HttpResponse, AppError> {
    let (t, locale) = (page.t, page.locale());
    let filter = Filter::read(&query, page.access.today(), t);
    let (user, zone) = (filter.user, page.access.time_zone);
    let range = (
        start_of(filter.from, zone),
        start_of(filter.to.succ_opt().unwrap_or(filter.to), zone),
    );
    let asked = user.filter(|_| filter.errors.is_empty());
    let page_no = filter.page;
    let (staff, (seen, more)) = run_in(&state.pool, page.access.actor(), move |tenant| {
        let staff = queries::staff(tenant)?;
        let seen = match asked {
            Some(u) => queries::views(tenant, Views::ByUser(u, range.0, range.1), page_no)?,
            None => (Vec::new(), false),
        };
        Ok::<_, AppError>((staff, seen))
    })
    .await?;
    render(&ByStaffPage {
        layout: page.layout(t.text("priv-access-title")),
        staff: staff_choices(staff),
        user: user.map(|u| u.to_string()).unwrap_or_default(),
        from: filter.from.to_string(),
        to: filter.to.to_string(),
        chosen: asked.is_some(),
        lines: seen.iter().map(|s| line(s, &locale)).collect(),
        previous: (filter.page > 1).then(|| filter.address(filter.page - 1)),
        next: more.then(|| filter.address(filter.page + 1)),
        errors: filter.errors,
    })
}

fn staff_choices(rows: Vec<queries::StaffAccount>) -> Vec<StaffChoice> {
    rows.into_iter()
        .map(|(id, first, last, email)| StaffChoice {
            id: id.to_string(),
            name: display_name(first.as_deref(), last.as_deref(), &email),
        })
        .collect()
}

fn line(seen: &Seen, locale: &Locale) -> Line {
    let t = locale.t;
    Line {
        when: locale.instant(seen.at),
        student: seen.student.as_ref().map(|(id, first, last)| {
            (
                format!("{first} {last}"),
                crate::students::profile_path(*id),
            )
        }),
        count: t
            .message("priv-students-count")
            .arg("count", i64::from(seen.students_count))
            .to_string(),
        route: seen.route.clone(),
    }
}
