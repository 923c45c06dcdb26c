//! The builder's pages: the list of timetables, a timetable's week grid (by class,
//! teacher, room, or a day's rooms) with its add and move forms in a side panel,
//! and the writes behind them. Each works as a plain form; htmx swaps the panel.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveTime;
use serde::Deserialize;
use uuid::Uuid;

use super::grid::{self, Column, Extras, Loaded};
use super::queries::{self, BellPeriod, ClassSubjectChoice, Lesson, Placement, View};
use super::words;
use crate::access::{Action, Entity};
use crate::db::enums::DayOfWeek;
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::{AppError, encode_query_value};
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render, render_as, see_other};

/// Which grid a request is about: the view's parameters as the URL carries them.
#[derive(Deserialize, Default, Clone)]
pub(super) struct ViewQuery {
    class: Option<Uuid>,
    teacher: Option<Uuid>,
    room: Option<String>,
    day: Option<DayOfWeek>,
    print: Option<String>,
}

impl ViewQuery {
    fn view(&self) -> Option<View> {
        pick_view(self.class, self.teacher, self.room.as_deref(), self.day)
    }
}

/// The view a form came from: the same parameters, named apart from the lesson's own
/// day and room.
#[derive(Deserialize, Default)]
pub(super) struct ViewFields {
    class: Option<Uuid>,
    teacher: Option<Uuid>,
    room_view: Option<String>,
    day_view: Option<DayOfWeek>,
}

impl ViewFields {
    fn view(&self) -> Option<View> {
        pick_view(
            self.class,
            self.teacher,
            self.room_view.as_deref(),
            self.day_view,
        )
    }
}

fn pick_view(
    class: Option<Uuid>,
    teacher: Option<Uuid>,
    room: Option<&str>,
    day: Option<DayOfWeek>,
) -> Option<View> {
    let room = room.map(str::trim).filter(|r| !r.is_empty());
    match (class, teacher, room, day) {
        (Some(c), ..) => Some(View::Class(c)),
        (_, Some(t), ..) => Some(View::Teacher(t)),
        (_, _, Some(r), _) => Some(View::Room(r.to_owned())),
        (.., Some(d)) => Some(View::Day(d)),
        _ => None,
    }
}

/// The query string that shows this view again.
pub(super) fn view_query(view: &View) -> String {
    match view {
        View::Class(id) => format!("class={id}"),
        View::Teacher(id) => format!("teacher={id}"),
        View::Room(room) => format!("room={}", encode_query_value(room)),
        View::Day(day) => format!("day={}", day.as_str()),
    }
}

/// What the side panel holds.
pub(super) enum Panel {
    Empty,
    Add(AddPanel),
    Move(MovePanel),
}

pub(super) struct AddPanel {
    day: DayOfWeek,
    starts: String,
    ends: String,
    choices: Vec<ClassSubjectChoice>,
    chosen: Option<Uuid>,
    room: String,
    error: Option<String>,
}

pub(super) struct MovePanel {
    lesson: Lesson,
    day: DayOfWeek,
    slot: String,
    room: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "timetable/grid.html")]
pub(super) struct GridPage {
    layout: Layout,
    loaded: Loaded,
    heading: String,
    query: String,
    may_edit: bool,
    may_publish: bool,
    print: bool,
    bells: Vec<BellPeriod>,
    next_monday: String,
    panel: Panel,
    script: String,
}

impl GridPage {
    fn day_name(&self, day: &DayOfWeek) -> String {
        words::day(self.layout.t, *day)
    }

    fn time(&self, at: &NaiveTime) -> String {
        self.layout.t.time(*at)
    }

    fn column_name(&self, column: &Column) -> String {
        match column {
            Column::Day(d) => self.day_name(d),
            Column::Room(r) => r.clone(),
        }
    }

    /// The add form's link for an empty cell.
    fn add_href(&self, column: &Column, row: &grid::Row) -> String {
        let (day, room) = match (column, &self.loaded.view) {
            (Column::Day(d), View::Room(r)) => (*d, Some(r.as_str())),
            (Column::Day(d), _) => (*d, None),
            (Column::Room(r), View::Day(d)) => (*d, Some(r.as_str())),
            (Column::Room(r), _) => (DayOfWeek::Monday, Some(r.as_str())),
        };
        let mut href = format!(
            "/timetable/{}/lessons/new?{}&at_day={}&at_starts={}&at_ends={}",
            self.loaded.timetable.id,
            self.query,
            day.as_str(),
            hhmm(row.starts_at),
            hhmm(row.ends_at)
        );
        if let Some(room) = room {
            href.push_str(&format!("&at_room={}", encode_query_value(room)));
        }
        href
    }

    fn slot_value(&self, bell: &BellPeriod) -> String {
        format!("{}-{}", hhmm(bell.starts_at), hhmm(bell.ends_at))
    }

    fn teacher_of(&self, c: &ClassSubjectChoice) -> String {
        words::person(c.teacher_first.as_deref(), c.teacher_last.as_deref())
    }

    fn weekdays(&self) -> &'static [DayOfWeek] {
        grid::weekdays()
    }

    fn teachers(&self) -> &[(Uuid, String)] {
        &self.loaded.teachers
    }

    fn classes(&self) -> &[(Uuid, String)] {
        &self.loaded.classes
    }

    fn is_view(&self, kind: &str, value: &str) -> bool {
        match &self.loaded.view {
            View::Class(id) => kind == "class" && id.to_string() == value,
            View::Teacher(id) => kind == "teacher" && id.to_string() == value,
            View::Room(r) => kind == "room" && r == value,
            View::Day(d) => kind == "day" && d.as_str() == value,
        }
    }
}

/// A time as the forms carry it ("08:30").
pub(super) fn hhmm(at: NaiveTime) -> String {
    at.format("%H:%M").to_string()
}

/// A time typed or carried by a form.
pub(super) fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        .ok()
}

/// Loads a grid and wraps it in its page.
pub(super) async fn grid_page(
    page: &Page,
    state: &AppState,
    timetable: Uuid,
    view: Option<View>,
    (print, extras): (bool, Extras),
) -> Result<GridPage, AppError> {
    let access = page.access.clone();
    let mut loaded = run_in(&state.pool, access.actor(), move |tenant| {
        grid::load(tenant, timetable, view, extras)
    })
    .await?;
    let bells = std::mem::take(&mut loaded.bells);
    let t = page.t;
    let heading = words::view_heading(t, &loaded);
    let title = t
        .message("tt-grid-title")
        .arg("view", heading.as_str())
        .to_string();
    let draft = loaded.timetable.is_draft();
    let today = crate::clock::today(page.access.time_zone);
    Ok(GridPage {
        layout: page.layout(title),
        query: view_query(&loaded.view),
        may_edit: draft && page.can(Action::Create, Entity::TimetablePeriods),
        may_publish: draft && page.can(Action::Update, Entity::Timetables),
        print,
        bells,
        next_monday: queries::next_monday(today).to_string(),
        heading,
        loaded,
        panel: Panel::Empty,
        script: crate::web::assets::versioned("/static/js/timetable.js"),
    })
}

pub(super) async fn show(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    query: input::Query<ViewQuery>,
) -> Result<HttpResponse, AppError> {
    let print = query.print.is_some();
    let grid = grid_page(
        &page,
        &state,
        path.into_inner(),
        query.view(),
        (print, Extras::Pickers),
    )
    .await?;
    render(&grid)
}

#[derive(Deserialize)]
pub(super) struct AddQuery {
    class: Option<Uuid>,
    teacher: Option<Uuid>,
    room: Option<String>,
    day: Option<DayOfWeek>,
    at_day: DayOfWeek,
    at_starts: String,
    at_ends: String,
    at_room: Option<String>,
}

/// The choices a new lesson offers: the viewed class's or teacher's subjects, or all.
fn choices_for(view: &View, all: &[ClassSubjectChoice]) -> Vec<ClassSubjectChoice> {
    all.iter()
        .filter(|c| match view {
            View::Class(id) => c.class_id == *id,
            View::Teacher(id) => c.teacher_id == Some(*id),
            _ => true,
        })
        .cloned()
        .collect()
}

pub(super) async fn new_lesson(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    query: input::Query<AddQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    let view = pick_view(q.class, q.teacher, q.room.as_deref(), q.day);
    let mut grid = grid_page(
        &page,
        &state,
        path.into_inner(),
        view,
        (false, Extras::LessonChoices),
    )
    .await?;
    if !grid.may_edit {
        return Err(AppError::Forbidden);
    }
    grid.panel = Panel::Add(AddPanel {
        day: q.at_day,
        starts: q.at_starts,
        ends: q.at_ends,
        choices: choices_for(&grid.loaded.view, &grid.loaded.choices),
        chosen: None,
        room: q.at_room.unwrap_or_default(),
        error: None,
    });
    render(&grid)
}

#[derive(Deserialize)]
pub(super) struct AddForm {
    class: Option<Uuid>,
    teacher: Option<Uuid>,
    room_view: Option<String>,
    day_view: Option<DayOfWeek>,
    day: DayOfWeek,
    starts: String,
    ends: String,
    #[serde(default)]
    class_subject: String,
    #[serde(default)]
    room: String,
}

pub(super) async fn add_lesson(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    form: input::Form<AddForm>,
) -> Result<HttpResponse, AppError> {
    let timetable = path.into_inner();
    let f = form.into_inner();
    let view = pick_view(f.class, f.teacher, f.room_view.as_deref(), f.day_view);
    let placed = placement(page.t, f.day, &f.starts, &f.ends, &f.room);
    let t = page.t;
    let chosen = Uuid::parse_str(f.class_subject.trim()).ok();
    let outcome = match (placed, chosen) {
        (Err(e), _) => Err(e),
        (Ok(_), None) => Err(t.text("tt-choose-subject")),
        (Ok(at), Some(cs)) => {
            run_in(&state.pool, page.access.actor(), move |tenant| {
                if !queries::timetable(tenant, timetable)?.is_draft() {
                    return Err(AppError::Forbidden);
                }
                words::outcome(t, queries::add_lesson(tenant, timetable, cs, &at))
            })
            .await?
        }
    };
    match outcome {
        Ok(()) => Ok(back_to(timetable, view.as_ref())),
        Err(message) => {
            let mut grid = grid_page(
                &page,
                &state,
                timetable,
                view,
                (false, Extras::LessonChoices),
            )
            .await?;
            grid.panel = Panel::Add(AddPanel {
                day: f.day,
                starts: f.starts,
                ends: f.ends,
                choices: choices_for(&grid.loaded.view, &grid.loaded.choices),
                chosen,
                room: f.room,
                error: Some(message),
            });
            render_as(&grid, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

/// Where a lesson goes, from a form's fields, or the message saying what is wrong.
fn placement(
    t: crate::i18n::Lang,
    day: DayOfWeek,
    starts: &str,
    ends: &str,
    room: &str,
) -> Result<Placement, String> {
    let (Some(starts_at), Some(ends_at)) = (parse_time(starts), parse_time(ends)) else {
        return Err(t.text("tt-time-invalid"));
    };
    if ends_at <= starts_at {
        return Err(t.text("tt-time-order"));
    }
    let room = crate::web::input::strip_controls(room.trim());
    if room.chars().count() > 60 {
        return Err(t.text("tt-room-too-long"));
    }
    Ok(Placement {
        day,
        starts_at,
        ends_at,
        room: (!room.is_empty()).then_some(room),
    })
}

fn back_to(timetable: Uuid, view: Option<&View>) -> HttpResponse {
    match view {
        Some(v) => see_other(&format!("/timetable/{timetable}?{}", view_query(v))),
        None => see_other(&format!("/timetable/{timetable}")),
    }
}

pub(super) async fn move_form(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    query: input::Query<ViewQuery>,
) -> Result<HttpResponse, AppError> {
    let (timetable, id) = path.into_inner();
    let access = page.access.clone();
    let lesson = run_in(&state.pool, access.actor(), move |tenant| {
        Ok(queries::lesson(tenant, timetable, id)?)
    })
    .await?;
    let mut grid = grid_page(
        &page,
        &state,
        timetable,
        query.view(),
        (false, Extras::Pickers),
    )
    .await?;
    if !grid.may_edit {
        return Err(AppError::Forbidden);
    }
    grid.panel = Panel::Move(MovePanel {
        day: lesson.day,
        slot: format!("{}-{}", hhmm(lesson.starts_at), hhmm(lesson.ends_at)),
        room: lesson.room.clone().unwrap_or_default(),
        lesson,
        error: None,
    });
    render(&grid)
}

#[derive(Deserialize)]
pub(super) struct MoveForm {
    class: Option<Uuid>,
    teacher: Option<Uuid>,
    room_view: Option<String>,
    day_view: Option<DayOfWeek>,
    day: DayOfWeek,
    slot: String,
    #[serde(default)]
    room: String,
}

pub(super) async fn move_lesson(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    form: input::Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let (timetable, id) = path.into_inner();
    let f = form.into_inner();
    let view = pick_view(f.class, f.teacher, f.room_view.as_deref(), f.day_view);
    let (starts, ends) = f.slot.split_once('-').unwrap_or((f.slot.as_str(), ""));
    let placed = placement(page.t, f.day, starts, ends, &f.room);
    let t = page.t;
    let (lesson, outcome) = run_in(&state.pool, page.access.actor(), move |tenant| {
        let lesson = queries::lesson(tenant, timetable, id)?;
        if !queries::timetable(tenant, timetable)?.is_draft() {
            return Err(AppError::Forbidden);
        }
        let outcome = match placed {
            Ok(at) => words::outcome(t, queries::move_lesson(tenant, &lesson, &at))?,
            Err(message) => Err(message),
        };
        Ok((lesson, outcome))
    })
    .await?;
    match outcome {
        Ok(()) => Ok(back_to(timetable, view.as_ref())),
        Err(message) => {
            let mut grid =
                grid_page(&page, &state, timetable, view, (false, Extras::Pickers)).await?;
            grid.panel = Panel::Move(MovePanel {
                lesson,
                day: f.day,
                slot: f.slot,
                room: f.room,
                error: Some(message),
            });
            render_as(&grid, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

pub(super) async fn delete_lesson(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    form: input::Form<ViewFields>,
) -> Result<HttpResponse, AppError> {
    let (timetable, id) = path.into_inner();
    run_in(&state.pool, page.access.actor(), move |tenant| {
        let lesson = queries::lesson(tenant, timetable, id)?;
        if !queries::timetable(tenant, timetable)?.is_draft() {
            return Err(AppError::Forbidden);
        }
        Ok(queries::delete_lesson(tenant, &lesson)?)
    })
    .await?;
    Ok(back_to(timetable, form.view().as_ref()))
}
