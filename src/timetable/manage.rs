//! The timetables of the school, each campus's bell times, a draft's clash report,
//! and the two steps of a new timetable: a draft copy, then publishing it from a date.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use super::queries::{self, BellInput, BellPeriod, ClashKind, Lesson, PublishError, TimetableRow};
use super::routes::{hhmm, parse_time};
use super::words;
use crate::access::{Action, Entity};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render, render_as, see_other};

#[derive(Template)]
#[template(path = "timetable/index.html")]
struct IndexPage {
    layout: Layout,
    timetables: Vec<TimetableRow>,
    may_draft: bool,
    may_bells: bool,
}

impl IndexPage {
    fn status(&self, tt: &TimetableRow) -> String {
        self.layout.t.choice("timetable_status", tt.status.as_str())
    }

    fn date(&self, d: &Option<NaiveDate>) -> String {
        d.map(|d| self.layout.t.date(d)).unwrap_or_default()
    }

    /// One entry per campus, for the bell times links.
    fn campuses(&self) -> Vec<(Uuid, String)> {
        let mut seen: Vec<(Uuid, String)> = self
            .timetables
            .iter()
            .map(|tt| (tt.campus_id, tt.campus_name.clone()))
            .collect();
        seen.dedup_by_key(|c| c.0);
        seen
    }
}

pub(super) async fn index(
    page: Page,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let timetables = run_in(&state.pool, page.access.actor(), |tenant| {
        Ok(queries::timetables(tenant)?)
    })
    .await?;
    render(&IndexPage {
        layout: page.layout(page.t.text("tt-index-title")),
        timetables,
        may_draft: page.can(Action::Create, Entity::Timetables),
        may_bells: page.can(Action::Update, Entity::Timetables),
    })
}

/// A row of the bell times form, as typed.
#[derive(Clone, Default)]
struct BellLine {
    name: String,
    starts: String,
    ends: String,
}

#[derive(Template)]
#[template(path = "timetable/bell_times.html")]
struct BellPage {
    layout: Layout,
    campus: Uuid,
    lines: Vec<BellLine>,
    error: Option<String>,
}

/// Blank lines offered under the saved ones, for new periods.
const BLANK_LINES: usize = 3;

fn bell_page(
    page: &Page,
    campus: Uuid,
    mut lines: Vec<BellLine>,
    error: Option<String>,
) -> BellPage {
    lines.extend(std::iter::repeat_n(BellLine::default(), BLANK_LINES));
    BellPage {
        layout: page.layout(page.t.text("tt-bells-title")),
        campus,
        lines,
        error,
    }
}

pub(super) async fn bell_times(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let campus = path.into_inner();
    let bells: Vec<BellPeriod> = run_in(&state.pool, page.access.actor(), move |tenant| {
        queries::campus(tenant, campus)?;
        Ok(queries::bell_times(tenant, campus)?)
    })
    .await?;
    let lines = bells
        .into_iter()
        .map(|b| BellLine {
            name: b.name,
            starts: hhmm(b.starts_at),
            ends: hhmm(b.ends_at),
        })
        .collect();
    render(&bell_page(&page, campus, lines, None))
}

/// Reads the bell times form: each line with any text must have a name and two
/// times in order; lines left blank are dropped.
fn read_bells(
    t: crate::i18n::Lang,
    pairs: &[(String, String)],
) -> (Vec<BellLine>, Result<Vec<BellInput>, String>) {
    let field = |name: &'static str| {
        pairs
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
    };
    let lines: Vec<BellLine> = field("name")
        .zip(field("starts"))
        .zip(field("ends"))
        .map(|((name, starts), ends)| BellLine { name, starts, ends })
        .filter(|l| !(l.name.is_empty() && l.starts.is_empty() && l.ends.is_empty()))
        .collect();
    let parsed = lines
        .iter()
        .map(|l| match (parse_time(&l.starts), parse_time(&l.ends)) {
            _ if l.name.is_empty() || l.name.chars().count() > 60 => {
                Err(t.text("tt-bells-name-needed"))
            }
            (Some(s), Some(e)) if s < e => Ok(BellInput {
                name: crate::web::input::strip_controls(&l.name),
                starts_at: s,
                ends_at: e,
            }),
            _ => Err(t
                .message("tt-bells-times-invalid")
                .arg("name", l.name.as_str())
                .to_string()),
        })
        .collect::<Result<Vec<_>, _>>()
        .and_then(|rows| {
            let mut sorted: Vec<&BellInput> = rows.iter().collect();
            sorted.sort_by_key(|r| r.starts_at);
            match sorted.windows(2).find(|w| w[1].starts_at < w[0].ends_at) {
                Some(w) => Err(t
                    .message("tt-bells-overlap")
                    .arg("first", w[0].name.as_str())
                    .arg("second", w[1].name.as_str())
                    .to_string()),
                None => Ok(rows),
            }
        });
    (lines, parsed)
}

pub(super) async fn save_bell_times(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    form: input::Fields,
) -> Result<HttpResponse, AppError> {
    let campus = path.into_inner();
    let (lines, parsed) = read_bells(page.t, &form.into_inner());
    let rows = match parsed {
        Ok(rows) => rows,
        Err(message) => {
            return render_as(
                &bell_page(&page, campus, lines, Some(message)),
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    run_in(&state.pool, page.access.actor(), move |tenant| {
        queries::campus(tenant, campus)?;
        Ok(queries::save_bell_times(tenant, campus, &rows)?)
    })
    .await?;
    Ok(see_other(&format!(
        "/timetable/bell-times/{campus}?saved=1"
    )))
}

#[derive(Template)]
#[template(path = "timetable/clashes.html")]
struct ClashPage {
    layout: Layout,
    timetable: TimetableRow,
    lines: Vec<String>,
}

pub(super) async fn clash_report(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (timetable, clashes): (TimetableRow, Vec<(ClashKind, Lesson, Lesson)>) =
        run_in(&state.pool, page.access.actor(), move |tenant| {
            Ok((
                queries::timetable(tenant, id)?,
                queries::clashes(tenant, id)?,
            ))
        })
        .await?;
    let t = page.t;
    let lines = clashes
        .iter()
        .map(|(kind, a, b)| words::report_line(t, *kind, a, b))
        .collect();
    render(&ClashPage {
        layout: page.layout(
            t.message("tt-clashes-title")
                .arg("name", timetable.name.as_str())
                .to_string(),
        ),
        timetable,
        lines,
    })
}

pub(super) async fn make_draft(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let draft = run_in(&state.pool, page.access.actor(), move |tenant| {
        let source = queries::timetable(tenant, id)?;
        Ok(queries::copy_as_draft(tenant, &source)?)
    })
    .await?;
    Ok(see_other(&format!("/timetable/{draft}")))
}

#[derive(Deserialize)]
pub(super) struct PublishForm {
    from: String,
}

pub(super) async fn publish(
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    form: input::Form<PublishForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let t = page.t;
    let Ok(from) = NaiveDate::parse_from_str(form.from.trim(), "%Y-%m-%d") else {
        flash::push(&session, Level::Error, t.text("tt-publish-date-invalid"));
        return Ok(see_other(&format!("/timetable/{id}")));
    };
    let outcome = run_in(&state.pool, page.access.actor(), move |tenant| {
        let draft = queries::timetable(tenant, id)?;
        match queries::publish(tenant, &draft, from) {
            Ok(()) => Ok(Ok(())),
            Err(PublishError::Db(e)) => Err(e.into()),
            Err(refused) => Ok(Err(refused)),
        }
    })
    .await?;
    let (level, message) = match outcome {
        Ok(()) => (
            Level::Success,
            t.message("tt-published")
                .arg("date", t.date(from))
                .to_string(),
        ),
        Err(PublishError::Clashes(n)) => (
            Level::Error,
            t.message("tt-publish-clashes")
                .arg("count", n as i64)
                .to_string(),
        ),
        Err(PublishError::BeforeToday) => (Level::Error, t.text("tt-publish-past")),
        Err(_) => (Level::Error, t.text("tt-publish-not-draft")),
    };
    flash::push(&session, level, message);
    Ok(see_other(&format!("/timetable/{id}")))
}
