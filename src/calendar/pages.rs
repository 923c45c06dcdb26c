//! The calendar's pages: the month, week and agenda views, the event form, and
//! the `.ics` feed.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Deserialize;
use uuid::Uuid;

use super::event::{self, AUDIENCES, Event, EventKind};
use super::queries::{self, Viewer};
use super::{CREATE, READ_ALL, UPDATE};
use crate::communication::queries::{AudienceChoices, Choice};
use crate::db::enums::MessageAudience;
use crate::feeds::{self, FeedKey, FeedKind, Subscribe};
use crate::i18n::{Lang, msg};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::form::FieldErrors;
use crate::web::input::{Fields, Query};
use crate::web::layout::{Layout, Page};
use crate::web::{render, render_as, see_other};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Month,
    Week,
    Agenda,
}

impl View {
    fn parse(word: Option<&str>) -> View {
        match word {
            Some("week") => View::Week,
            Some("agenda") => View::Agenda,
            _ => View::Month,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            View::Month => "month",
            View::Week => "week",
            View::Agenda => "agenda",
        }
    }
}

#[derive(Deserialize, Default)]
pub struct CalendarQuery {
    view: Option<String>,
    date: Option<String>,
    campus: Option<String>,
}

/// An event as a day of the calendar shows it.
pub struct Chip {
    pub title: String,
    pub kind: EventKind,
    pub kind_word: String,
    /// "10:00 – 10:30", or none for all day.
    pub time: Option<String>,
    pub location: Option<String>,
    pub audience: String,
    pub edit_href: Option<String>,
}

pub struct Day {
    pub date: NaiveDate,
    /// In the month or week shown (a month's grid starts and ends on whole weeks).
    pub in_period: bool,
    pub today: bool,
    pub events: Vec<Chip>,
}

pub struct ViewLink {
    pub label: String,
    pub href: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "calendar/page.html")]
struct CalendarPage {
    layout: Layout,
    view: View,
    heading: String,
    /// The weekday heads of a grid, from the school's first weekday.
    weekdays: Vec<NaiveDate>,
    days: Vec<Day>,
    previous: String,
    next: String,
    today_href: String,
    views: Vec<ViewLink>,
    campuses: Vec<Choice>,
    campus: Option<Uuid>,
    view_word: &'static str,
    date_param: String,
    can_create: bool,
    legend: Vec<EventKind>,
    feed: Subscribe,
}

impl CalendarPage {
    fn is_grid(&self) -> bool {
        self.view != View::Agenda
    }

    fn chosen_campus(&self, id: &Uuid) -> bool {
        self.campus == Some(*id)
    }
}

/// A date asked for in the address, within the years a school calendar holds.
fn asked_date(text: Option<&str>) -> Option<NaiveDate> {
    text.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .filter(|d| (1900..=2200).contains(&d.year()))
}

/// The days a view spans and its heading, for `date`.
fn span(
    view: View,
    date: NaiveDate,
    week_of: impl Fn(NaiveDate) -> NaiveDate,
) -> (NaiveDate, NaiveDate) {
    match view {
        View::Week => {
            let first = week_of(date);
            (first, first + Days::new(6))
        }
        View::Month | View::Agenda => {
            let first = date.with_day(1).unwrap_or(date);
            let last = first
                .checked_add_months(Months::new(1))
                .and_then(|next| next.pred_opt())
                .unwrap_or(first);
            (first, last)
        }
    }
}

fn shifted(view: View, date: NaiveDate, forward: bool) -> NaiveDate {
    let step = |d: NaiveDate| match (view, forward) {
        (View::Week, true) => d.checked_add_days(Days::new(7)),
        (View::Week, false) => d.checked_sub_days(Days::new(7)),
        (_, true) => d
            .with_day(1)
            .and_then(|f| f.checked_add_months(Months::new(1))),
        (_, false) => d
            .with_day(1)
            .and_then(|f| f.checked_sub_months(Months::new(1))),
    };
    step(date).unwrap_or(date)
}

fn calendar_href(view: View, date: NaiveDate, campus: Option<Uuid>) -> String {
    let mut href = format!("/calendar?view={}&date={date}", view.as_str());
    if let Some(campus) = campus {
        href.push_str(&format!("&campus={campus}"));
    }
    href
}

fn chip(t: Lang, event: &Event, can_edit: bool) -> Chip {
    let time = event.starts_at.map(|start| match event.ends_at {
        Some(end) => t
            .message("cal-time-range")
            .arg("start", t.time(start))
            .arg("end", t.time(end))
            .to_string(),
        None => t.time(start),
    });
    Chip {
        title: event.title.clone(),
        kind: event.event_kind(),
        kind_word: event.kind_word(t),
        time,
        location: event.location.clone(),
        audience: event.audience_words(t),
        edit_href: event
            .id
            .filter(|_| can_edit)
            .map(|id| format!("/calendar/events/{id}/edit")),
    }
}

pub async fn calendar(
    page: Page,
    state: web::Data<AppState>,
    query: Query<CalendarQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let locale = page.locale();
    let today = page.access.today();
    let view = View::parse(query.view.as_deref());
    let date = asked_date(query.date.as_deref()).unwrap_or(today);
    let campus: Option<Uuid> = query.campus.as_deref().and_then(|c| c.parse().ok());
    let (first, last) = span(view, date, |d| locale.week_of(d));
    let (from, to) = match view {
        View::Month => (locale.week_of(first), locale.week_of(last) + Days::new(6)),
        _ => (first, last),
    };
    let reads_all = page.access.can(READ_ALL);
    let key = FeedKey::of(&state.settings)?;
    let (events, campuses, token) =
        crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
            let viewer = queries::viewer(tenant, reads_all)?;
            let events = queries::events_between(tenant, &viewer, from, to, campus)?;
            let campuses = queries::campuses(tenant)?;
            let token = feeds::link(tenant, &key, FeedKind::Calendar)?;
            Ok((events, campuses, token))
        })
        .await?;
    let t = page.t;
    let can_edit = page.access.can(UPDATE);
    let days = from
        .iter_days()
        .take_while(|d| *d <= to)
        .map(|d| Day {
            date: d,
            in_period: first <= d && d <= last,
            today: d == today,
            events: events
                .iter()
                .filter(|e| e.is_on(d))
                .map(|e| chip(t, e, can_edit))
                .collect(),
        })
        .filter(|d| view != View::Agenda || !d.events.is_empty())
        .collect();
    let heading = match view {
        View::Week => t
            .message("cal-week-of")
            .arg("date", t.long_date(first))
            .to_string(),
        _ => t.month_year(first),
    };
    let views = [View::Month, View::Week, View::Agenda]
        .into_iter()
        .map(|v| ViewLink {
            label: t.text(match v {
                View::Month => msg("cal-view-month"),
                View::Week => msg("cal-view-week"),
                View::Agenda => msg("cal-view-agenda"),
            }),
            href: calendar_href(v, date, campus),
            current: v == view,
        })
        .collect();
    let week_start = locale.week_of(today);
    render(&CalendarPage {
        layout: page.layout(t.text("cal-title")),
        view,
        heading,
        weekdays: week_start.iter_days().take(7).collect(),
        days,
        previous: calendar_href(view, shifted(view, date, false), campus),
        next: calendar_href(view, shifted(view, date, true), campus),
        today_href: calendar_href(view, today, campus),
        views,
        campuses,
        campus,
        view_word: view.as_str(),
        date_param: date.to_string(),
        can_create: page.access.can(CREATE),
        legend: EventKind::ALL.to_vec(),
        feed: Subscribe::new(&state.public_url, FeedKind::Calendar, &token, "/calendar"),
    })
}

#[derive(Template)]
#[template(path = "calendar/form.html")]
struct EventFormPage {
    layout: Layout,
    action: String,
    event: Event,
    errors: FieldErrors,
    campuses: Vec<Choice>,
    choices: AudienceChoices,
    kinds: Vec<EventKind>,
    audiences: Vec<MessageAudience>,
    remind_max: i32,
    back: String,
}

impl EventFormPage {
    fn is_kind(&self, kind: &EventKind) -> bool {
        self.event.event_kind() == *kind
    }

    fn is_audience(&self, audience: &MessageAudience) -> bool {
        self.event.audience == *audience
    }

    fn audience_label(&self, audience: &MessageAudience) -> &'static str {
        event::audience_label(*audience)
    }

    fn chosen(&self, id: &Uuid) -> bool {
        self.event.audience_ids.contains(id)
    }

    fn at_campus(&self, id: &Uuid) -> bool {
        self.event.campus_id == Some(*id)
    }

    /// The time fields' values, as the inputs read them (HH:MM).
    fn start_value(&self) -> String {
        time_value(self.event.starts_at)
    }

    fn end_value(&self) -> String {
        time_value(self.event.ends_at)
    }
}

fn time_value(time: Option<chrono::NaiveTime>) -> String {
    time.map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default()
}

#[derive(Deserialize, Default)]
pub struct NewQuery {
    date: Option<String>,
}

fn form_page(
    page: &Page,
    action: String,
    event: Event,
    errors: FieldErrors,
    (campuses, choices): (Vec<Choice>, AudienceChoices),
) -> EventFormPage {
    let t = page.t;
    let title = if event.id.is_some() {
        t.text("cal-edit-title")
    } else {
        t.text("cal-new-title")
    };
    let back = calendar_href(View::Month, event.date, None);
    EventFormPage {
        layout: page.layout(title),
        action,
        event,
        errors,
        campuses,
        choices,
        kinds: EventKind::ALL.to_vec(),
        audiences: AUDIENCES.to_vec(),
        remind_max: event::REMIND_MAX,
        back,
    }
}

fn form_choices(
    tenant: &mut crate::db::Tenant<'_>,
) -> diesel::QueryResult<(Vec<Choice>, AudienceChoices)> {
    Ok((
        queries::campuses(tenant)?,
        crate::communication::queries::audience_choices(tenant, None)?,
    ))
}

pub async fn new_form(
    page: Page,
    state: web::Data<AppState>,
    query: Query<NewQuery>,
) -> Result<HttpResponse, AppError> {
    let date = asked_date(query.date.as_deref()).unwrap_or_else(|| page.access.today());
    let choices = crate::web::db::run_in(&state.pool, page.access.actor(), |tenant| {
        Ok(form_choices(tenant)?)
    })
    .await?;
    let form = form_page(
        &page,
        "/calendar/new".to_owned(),
        Event::on(date),
        FieldErrors::default(),
        choices,
    );
    render(&form)
}

pub async fn edit_form(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (event, choices) =
        crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
            let event = queries::load(tenant, id)?.ok_or(AppError::NotFound)?;
            Ok((event, form_choices(tenant)?))
        })
        .await?;
    let action = format!("/calendar/events/{id}/edit");
    render(&form_page(
        &page,
        action,
        event,
        FieldErrors::default(),
        choices,
    ))
}

pub async fn create(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    fields: Fields,
) -> Result<HttpResponse, AppError> {
    let start = Event::on(page.access.today());
    submit(page, state, session, start, fields.into_inner()).await
}

pub async fn update(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<Uuid>,
    fields: Fields,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let mut start = Event::on(page.access.today());
    start.id = Some(id);
    submit(page, state, session, start, fields.into_inner()).await
}

/// Checks the form and stores the event, or shows the form again with what is wrong.
async fn submit(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    start: Event,
    pairs: Vec<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (event, errors) = event::read_form(page.t, start, pairs);
    let action = match event.id {
        Some(id) => format!("/calendar/events/{id}/edit"),
        None => "/calendar/new".to_owned(),
    };
    if !errors.is_empty() {
        let choices = crate::web::db::run_in(&state.pool, page.access.actor(), |tenant| {
            Ok(form_choices(tenant)?)
        })
        .await?;
        let form = form_page(&page, action, event, errors, choices);
        return render_as(&form, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let stored = event.clone();
    let saved = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok(queries::save(tenant, &stored)?)
    })
    .await?;
    if saved.is_none() {
        return Err(AppError::NotFound);
    }
    flash::push(
        &session,
        Level::Success,
        page.t
            .message("cal-saved")
            .arg("title", event.title.as_str())
            .to_string(),
    );
    Ok(see_other(&calendar_href(View::Month, event.date, None)))
}

/// `/calendar/feed/{token}.ics`: the events the link's owner may see, from two
/// months back to a year ahead. An unknown or reset link is not found.
pub async fn feed(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let file = path.into_inner();
    let token = feeds::token_of_file(&file)
        .ok_or(AppError::NotFound)?
        .to_owned();
    let reader = crate::web::db::run(&state.pool, move |conn| {
        Ok(feeds::resolve(conn, FeedKind::Calendar, &token)?)
    })
    .await?
    .ok_or(AppError::NotFound)?;
    let reads_all = reader.permissions.contains(READ_ALL);
    let t = reader.lang();
    let zone = reader.time_zone;
    let organization = reader.organization;
    let (school, events) = crate::web::db::run_in(&state.pool, reader.actor(), move |tenant| {
        let today = tenant.today();
        let viewer: Viewer = queries::viewer(tenant, reads_all)?;
        let from = today.checked_sub_days(Days::new(62)).unwrap_or(today);
        let to = today.checked_add_days(Days::new(400)).unwrap_or(today);
        let events = queries::events_between(tenant, &viewer, from, to, None)?;
        let school = crate::access::queries::organization_name(tenant.conn(), organization)?
            .unwrap_or_default();
        Ok((school, events))
    })
    .await?;
    let host = url::Url::parse(&state.public_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "homeroom".to_owned());
    Ok(feeds::ics_response(super::ics::feed(
        t, &school, zone, &events, &host,
    )))
}
