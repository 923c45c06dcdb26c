//! `/walkthroughs`: the list, its filters, and the page of results htmx swaps.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use uuid::Uuid;

use crate::i18n::Lang;
use crate::state::AppState;
use crate::walkthroughs::forms;
use crate::walkthroughs::listing::{Listing, listing};
use crate::walkthroughs::models::Walkthrough;
use crate::walkthroughs::queries::{CampusRow, ListFilter};
use crate::web::error::AppError;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{htmx, render};

#[derive(Deserialize, Default)]
pub(super) struct ListQuery {
    campus: Option<String>,
    teacher: Option<String>,
    director: Option<String>,
    from: Option<String>,
    to: Option<String>,
    page: Option<String>,
}

fn uuid_of(value: &Option<String>) -> Option<Uuid> {
    value
        .as_deref()
        .and_then(|v| Uuid::parse_str(v.trim()).ok())
}

fn date_of(value: &Option<String>) -> Option<NaiveDate> {
    value.as_deref().and_then(forms::parse_date)
}

impl ListFilter {
    fn from_query(q: &ListQuery) -> ListFilter {
        ListFilter {
            campus: uuid_of(&q.campus),
            teacher: uuid_of(&q.teacher),
            director: uuid_of(&q.director),
            from: date_of(&q.from),
            to: date_of(&q.to),
            page: q
                .page
                .as_deref()
                .and_then(|p| p.trim().parse().ok())
                .filter(|p| (1..=10_000).contains(p))
                .unwrap_or(1),
        }
    }

    fn link(&self, page: i64) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let mut add = |k, v: Option<String>| {
            if let Some(v) = v {
                pairs.push((k, v));
            }
        };
        add("campus", self.campus.map(|v| v.to_string()));
        add("teacher", self.teacher.map(|v| v.to_string()));
        add("director", self.director.map(|v| v.to_string()));
        add("from", self.from.map(|v| v.to_string()));
        add("to", self.to.map(|v| v.to_string()));
        add("page", (page > 1).then(|| page.to_string()));
        let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        if query.is_empty() {
            "/walkthroughs".to_owned()
        } else {
            format!("/walkthroughs?{query}")
        }
    }

    fn is_filtered(&self) -> bool {
        self.campus.is_some()
            || self.teacher.is_some()
            || self.director.is_some()
            || self.from.is_some()
            || self.to.is_some()
    }
}

fn opt_value<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

struct Results {
    /// The reader's language and time zone, also for the rows htmx swaps alone.
    t: Lang,
    time_zone: chrono_tz::Tz,
    rows: Vec<Walkthrough>,
    filtered: bool,
    observer: bool,
    previous: Option<String>,
    next: Option<String>,
}

impl Results {
    fn of(page: &Page, filter: &ListFilter, listing: &mut Listing) -> Results {
        Results {
            t: page.t,
            time_zone: page.access.time_zone,
            rows: std::mem::take(&mut listing.rows),
            filtered: filter.is_filtered(),
            observer: listing.viewer.is_observer(),
            previous: (filter.page > 1).then(|| filter.link(filter.page - 1)),
            next: listing.more.then(|| filter.link(filter.page + 1)),
        }
    }

    /// The day of an instant at the school.
    fn on_day(&self, at: &DateTime<Utc>) -> String {
        self.t.date(at.with_timezone(&self.time_zone).date_naive())
    }
}

#[derive(Template)]
#[template(path = "walkthroughs/list.html")]
struct ListPage {
    layout: Layout,
    observer: bool,
    may_create: bool,
    own_trend: Option<Uuid>,
    campuses: Vec<CampusRow>,
    teachers: Vec<(Uuid, String)>,
    directors: Vec<(Uuid, String)>,
    campus: String,
    teacher: String,
    director: String,
    from: String,
    to: String,
    results: Results,
}

impl ListPage {
    fn new(layout: Layout, filter: &ListFilter, listing: Listing, results: Results) -> ListPage {
        let viewer = listing.viewer;
        ListPage {
            layout,
            observer: viewer.is_observer(),
            may_create: viewer.may_create,
            own_trend: (!viewer.is_observer()).then_some(viewer.staff_id).flatten(),
            campuses: listing.campuses,
            teachers: listing.teachers,
            directors: listing.directors,
            campus: opt_value(filter.campus),
            teacher: opt_value(filter.teacher),
            director: opt_value(filter.director),
            from: opt_value(filter.from),
            to: opt_value(filter.to),
            results,
        }
    }
}

#[derive(Template)]
#[template(path = "walkthroughs/list.html", block = "results")]
struct ListResults {
    results: Results,
}

pub(super) async fn list(
    req: HttpRequest,
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let filter = ListFilter::from_query(&query);
    let access = page.access.clone();
    let fragment = htmx::wants_fragment(&req);
    let (filter, mut listing) =
        crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
            let listing = listing(tenant, &access, &filter, !fragment)?;
            Ok((filter, listing))
        })
        .await?;
    let results = Results::of(&page, &filter, &mut listing);
    if fragment {
        return render(&ListResults { results });
    }
    render(&ListPage::new(
        page.layout(page.t.text("walk-list-title")),
        &filter,
        listing,
        results,
    ))
}
