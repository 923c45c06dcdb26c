//! The rollover's pages: `/rollover` (the preview, the class plan of one campus at
//! a time, and the run) and `/rollover/classes/{id}` (one class's students, each
//! moving on, repeating or leaving; with htmx each choice is saved as it is made).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use uuid::Uuid;

use super::queries::{self, Campus, PlannedClass};
use super::{Choice, NextYear, NextYearText};
use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::i18n::{Lang, msg};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::form::FieldErrors;
use crate::web::layout::{Layout, Page};
use crate::web::{htmx, input, render, render_as, see_other};

pub fn routes(r: &mut Routes) {
    // Making a year is an administrator's; the office reads years but makes none.
    let gate = Gate::Requires(Permission::new(Action::Create, Entity::AcademicYears));
    r.get("/rollover", gate, show)
        .post("/rollover", gate, save)
        .get("/rollover/classes/{id}", gate, class_page)
        .post("/rollover/classes/{id}", gate, save_class);
    r.menu(MenuEntry {
        group: MenuGroup::Academics,
        order: 45,
        label: "rollover-nav",
        href: "/rollover",
        gate,
    });
}

/// An option of a select.
pub struct Choosable {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A class of the campus shown, with where it moves.
pub struct ClassRow {
    pub id: Uuid,
    pub label: String,
    pub grade: String,
    pub students: String,
    pub summary: String,
    pub options: Vec<Choosable>,
}

#[derive(Template)]
#[template(path = "rollover/index.html")]
struct IndexPage {
    layout: Layout,
    from: Option<queries::Year>,
    next: NextYearText,
    errors: FieldErrors,
    existing: Option<String>,
    copied: queries::Copied,
    totals: String,
    campuses: Vec<Campus>,
    campus: Option<Uuid>,
    rows: Vec<ClassRow>,
}

impl IndexPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.get(field)
    }

    fn shown_campus(&self, id: &Uuid) -> bool {
        self.campus.as_ref() == Some(id)
    }

    /// "This year runs from … to …".
    fn year_dates(&self, year: &queries::Year) -> String {
        let t = self.layout.t;
        t.message("rollover-from-dates")
            .arg("from", t.date(year.start_date))
            .arg("until", t.date(year.end_date))
            .to_string()
    }
}

/// What the page is asked to show: a campus, and year fields to keep.
#[derive(serde::Deserialize, Default)]
pub struct Shown {
    campus: Option<String>,
    year_name: Option<String>,
    year_start: Option<String>,
    year_end: Option<String>,
}

/// A class's name with its section, as the office reads it ("Grade 5 B").
fn class_label(name: &str, section: Option<&str>) -> String {
    match section.filter(|s| !s.is_empty() && !name.ends_with(*s)) {
        Some(section) => format!("{name} {section}"),
        None => name.to_owned(),
    }
}

fn label_of(class: &PlannedClass, from_campus: Uuid) -> String {
    let label = class_label(&class.name, class.section.as_deref());
    if class.campus_id == from_campus {
        label
    } else {
        format!("{label} · {}", class.campus)
    }
}

/// "28 move up, 1 repeats, 1 leaves" for a class or the whole school.
fn summary(t: Lang, (promoted, repeating, graduating, leaving): (i64, i64, i64, i64)) -> String {
    t.message("rollover-counts")
        .arg("promoted", promoted)
        .arg("repeating", repeating)
        .arg("graduating", graduating)
        .arg("leaving", leaving)
        .to_string()
}

fn counts_of(c: &PlannedClass) -> (i64, i64, i64, i64) {
    (c.promoted, c.repeating, c.graduating, c.leaving)
}

/// The classes a class may move to: this grade's and the next grade's classes on
/// its campus (the next grade's on every campus when its own has none), the one
/// chosen, and "they graduate".
fn targets_for(t: Lang, class: &PlannedClass, all: &[PlannedClass]) -> Vec<Choosable> {
    let next_here = all
        .iter()
        .any(|c| c.rank == class.rank + 1 && c.campus_id == class.campus_id);
    let offered = all.iter().filter(|c| {
        let here = c.campus_id == class.campus_id;
        Some(c.id) == class.target_id
            || (here && (c.rank == class.rank || c.rank == class.rank + 1))
            || (!next_here && c.rank == class.rank + 1)
    });
    let mut options: Vec<Choosable> = offered
        .map(|c| Choosable {
            value: c.id.to_string(),
            // "Grade 7 B" names its grade already; "Blue room" does not.
            label: if c.name.contains(&c.grade) {
                label_of(c, class.campus_id)
            } else {
                t.message("rollover-target-class")
                    .arg("class", label_of(c, class.campus_id))
                    .arg("grade", c.grade.as_str())
                    .to_string()
            },
            selected: Some(c.id) == class.target_id,
        })
        .collect();
    options.push(Choosable {
        value: "graduate".to_owned(),
        label: t.text("rollover-target-graduate"),
        selected: class.target_id.is_none(),
    });
    options
}

/// Everything the preview reads, in one transaction.
struct Preview {
    from: Option<queries::Year>,
    existing: Option<String>,
    copied: queries::Copied,
    campuses: Vec<Campus>,
    classes: Vec<PlannedClass>,
}

async fn load_preview(
    state: &AppState,
    page: &Page,
    next_name: Option<String>,
) -> Result<Preview, AppError> {
    run_in(&state.pool, page.access.actor(), move |tenant| {
        let Some(from) = queries::current_year(tenant)? else {
            return Ok(Preview {
                from: None,
                existing: None,
                copied: queries::Copied::default(),
                campuses: Vec::new(),
                classes: Vec::new(),
            });
        };
        let name = next_name.unwrap_or_else(|| super::propose(&from).name);
        Ok(Preview {
            existing: queries::year_named(tenant, &name)?.map(|y| y.name),
            copied: queries::copied(tenant, from.id)?,
            campuses: queries::campuses(tenant, from.id)?,
            classes: queries::planned_classes(tenant, from.id, None)?,
            from: Some(from),
        })
    })
    .await
}

async fn index_page(
    page: &Page,
    state: &AppState,
    shown: Shown,
    sent: Option<(NextYearText, FieldErrors)>,
) -> Result<HttpResponse, AppError> {
    let t = page.t;
    let typed_name = sent.as_ref().map(|(text, _)| text.name.clone());
    let preview = load_preview(state, page, typed_name.or(shown.year_name.clone())).await?;
    let refused = sent.is_some();
    let (next, errors) = match (sent, &preview.from) {
        (Some(sent), _) => sent,
        (None, Some(from)) => {
            let mut next = NextYearText::of(&super::propose(from));
            next.name = shown.year_name.unwrap_or(next.name);
            next.starts_on = shown.year_start.unwrap_or(next.starts_on);
            next.ends_on = shown.year_end.unwrap_or(next.ends_on);
            (next, FieldErrors::default())
        }
        (None, None) => (NextYearText::default(), FieldErrors::default()),
    };
    let campus = shown
        .campus
        .and_then(|c| Uuid::parse_str(&c).ok())
        .filter(|c| preview.campuses.iter().any(|p| p.id == *c))
        .or_else(|| preview.campuses.first().map(|c| c.id));
    let all = &preview.classes;
    let rows = all
        .iter()
        .filter(|c| Some(c.campus_id) == campus)
        .map(|c| ClassRow {
            id: c.id,
            label: class_label(&c.name, c.section.as_deref()),
            grade: c.grade.clone(),
            students: t.number(c.students),
            summary: summary(t, counts_of(c)),
            options: targets_for(t, c, all),
        })
        .collect();
    let totals = all.iter().map(counts_of).fold((0, 0, 0, 0), |a, c| {
        (a.0 + c.0, a.1 + c.1, a.2 + c.2, a.3 + c.3)
    });
    let body = IndexPage {
        layout: page.layout(t.text("rollover-title")),
        from: preview.from,
        next,
        errors,
        existing: preview.existing,
        copied: preview.copied,
        totals: summary(t, totals),
        campuses: preview.campuses,
        campus,
        rows,
    };
    let status = if refused {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render_as(&body, status)
}

pub async fn show(
    page: Page,
    state: web::Data<AppState>,
    shown: input::Query<Shown>,
) -> Result<HttpResponse, AppError> {
    index_page(&page, &state, shown.into_inner(), None).await
}

fn field<'a>(fields: &'a [(String, String)], key: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// `target-{class}` fields: where each class moves (`graduate`: nowhere).
fn chosen_targets(fields: &[(String, String)]) -> Result<Vec<(Uuid, Option<Uuid>)>, ()> {
    fields
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("target-")?, v)))
        .map(|(class, target)| {
            let class = Uuid::parse_str(class).map_err(|_| ())?;
            let target = match target.as_str() {
                "graduate" => None,
                other => Some(Uuid::parse_str(other).map_err(|_| ())?),
            };
            Ok((class, target))
        })
        .collect()
}

/// The page again with the year and campus it showed.
fn back_to_index(fields: &[(String, String)]) -> String {
    let pairs: Vec<(&str, &str)> = ["campus", "year_name", "year_start", "year_end"]
        .into_iter()
        .filter_map(|k| Some((k, field(fields, k)?)))
        .collect();
    match serde_urlencoded::to_string(pairs) {
        Ok(query) if !query.is_empty() => format!("/rollover?{query}"),
        _ => "/rollover".to_owned(),
    }
}

/// Saves the class plan of the campus shown; with `intent=run`, also runs the
/// rollover, in the same transaction.
pub async fn save(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    form: input::Fields,
) -> Result<HttpResponse, AppError> {
    let fields = input::refuse_controls(form.into_inner())?;
    let t = page.t;
    let bad = || AppError::BadRequest(t.text("rollover-error-form"));
    let from_id = field(&fields, "from")
        .and_then(|v| Uuid::parse_str(v).ok())
        .ok_or_else(bad)?;
    let targets = chosen_targets(&fields).map_err(|()| bad())?;
    let run = field(&fields, "intent") == Some("run");
    let sent = fields.clone();
    let result = run_in(&state.pool, page.access.actor(), move |tenant| {
        let from = queries::year(tenant, from_id)?.ok_or(AppError::NotFound)?;
        let next = match super::parse_next_year(t, &sent, &from) {
            Ok(next) => Some(next),
            Err(_) if !run => None,
            Err(refused) => return Ok(Err(refused)),
        };
        tenant.transaction(|tenant| {
            super::store_targets(tenant, from.id, &targets)?;
            match next.filter(|_| run) {
                Some(next) => Ok(Ok(Some((super::run(tenant, &from, &next)?, next)))),
                None => Ok(Ok(None)),
            }
        })
    })
    .await?;
    match result {
        Err(refused) => {
            let shown = Shown {
                campus: field(&fields, "campus").map(str::to_owned),
                ..Shown::default()
            };
            index_page(&page, &state, shown, Some(refused)).await
        }
        Ok(None) => {
            flash::push(&session, Level::Success, t.text("rollover-plan-saved"));
            Ok(see_other(&back_to_index(&fields)))
        }
        Ok(Some((outcome, next))) => {
            flash::push(&session, Level::Success, ran_message(t, &outcome, &next));
            Ok(see_other("/rollover"))
        }
    }
}

fn ran_message(t: Lang, outcome: &super::Outcome, next: &NextYear) -> String {
    let moved = &outcome.moved;
    t.message(if next.make_current {
        msg("rollover-ran-current")
    } else {
        msg("rollover-ran")
    })
    .arg("year", outcome.year.name.as_str())
    .arg("enrolled", moved.enrolled)
    .arg("graduated", moved.graduated)
    .arg("left", moved.left)
    .arg("classes", outcome.added.classes)
    .to_string()
}

/// A student of the class page.
pub struct StudentRow {
    pub id: Uuid,
    pub name: String,
    pub number: String,
    pub options: Vec<Choosable>,
}

#[derive(Template)]
#[template(path = "rollover/class.html")]
struct ClassPage {
    layout: Layout,
    class_id: Uuid,
    label: String,
    grade: String,
    campus: String,
    back: String,
    moves_to: String,
    summary: String,
    students: Vec<StudentRow>,
}

#[derive(Template)]
#[template(path = "rollover/class.html", block = "summary")]
struct ClassSummary {
    summary: String,
}

type ClassPlan = (
    PlannedClass,
    Vec<PlannedClass>,
    Vec<queries::PlannedStudent>,
);

async fn load_class(state: &AppState, page: &Page, id: Uuid) -> Result<ClassPlan, AppError> {
    run_in(&state.pool, page.access.actor(), move |tenant| {
        let from = queries::current_year(tenant)?.ok_or(AppError::NotFound)?;
        let all = queries::planned_classes(tenant, from.id, None)?;
        let class = all
            .iter()
            .find(|c| c.id == id)
            .cloned()
            .ok_or(AppError::NotFound)?;
        let students = queries::planned_students(tenant, from.id, id)?;
        Ok((class, all, students))
    })
    .await
}

fn choice_options(t: Lang, decision: &str, moves_to: &str) -> Vec<Choosable> {
    let chosen = Choice::of_decision(decision);
    Choice::ALL
        .into_iter()
        .map(|choice| Choosable {
            value: choice.as_str().to_owned(),
            label: match choice {
                Choice::Promote => moves_to.to_owned(),
                Choice::Repeat => t.text("rollover-choice-repeat"),
                Choice::Leave => t.text("rollover-choice-leave"),
            },
            selected: choice == chosen,
        })
        .collect()
}

pub async fn class_page(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let t = page.t;
    let (class, all, students) = load_class(&state, &page, *id).await?;
    let moves_to = match all.iter().find(|c| Some(c.id) == class.target_id) {
        Some(target) => t
            .message("rollover-choice-promote")
            .arg("class", label_of(target, class.campus_id))
            .to_string(),
        None => t.text("rollover-choice-graduate"),
    };
    let students = students
        .into_iter()
        .map(|s| StudentRow {
            id: s.id,
            name: format!("{} {}", s.first_name, s.last_name),
            number: s.student_number.unwrap_or_default(),
            options: choice_options(t, &s.decision, &moves_to),
        })
        .collect();
    let label = class_label(&class.name, class.section.as_deref());
    render(&ClassPage {
        layout: page.layout(
            t.message("rollover-class-title")
                .arg("class", label.as_str())
                .to_string(),
        ),
        class_id: class.id,
        back: format!("/rollover?campus={}", class.campus_id),
        grade: class.grade.clone(),
        campus: class.campus.clone(),
        summary: summary(t, counts_of(&class)),
        label,
        moves_to,
        students,
    })
}

/// `choice-{student}` fields: what each student does.
fn chosen_choices(fields: &[(String, String)]) -> Option<Vec<(Uuid, Choice)>> {
    fields
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("choice-")?, v)))
        .map(|(student, choice)| Some((Uuid::parse_str(student).ok()?, Choice::parse(choice)?)))
        .collect()
}

/// Saves the choices sent for a class's students (all of them from the form, one
/// from htmx, which gets the class's new counts back).
pub async fn save_class(
    req: HttpRequest,
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    form: input::Fields,
) -> Result<HttpResponse, AppError> {
    let t = page.t;
    let fields = input::refuse_controls(form.into_inner())?;
    let chosen = chosen_choices(&fields)
        .ok_or_else(|| AppError::BadRequest(t.text("rollover-error-form")))?;
    let class_id = *id;
    let class = run_in(&state.pool, page.access.actor(), move |tenant| {
        let from = queries::current_year(tenant)?.ok_or(AppError::NotFound)?;
        tenant.transaction(|tenant| super::store_choices(tenant, from.id, class_id, &chosen))?;
        let class = queries::planned_classes(tenant, from.id, Some(class_id))?;
        class.into_iter().next().ok_or(AppError::NotFound)
    })
    .await?;
    if htmx::wants_fragment(&req) {
        return render(&ClassSummary {
            summary: summary(t, counts_of(&class)),
        });
    }
    flash::push(&session, Level::Success, t.text("rollover-choices-saved"));
    Ok(see_other(&format!("/rollover/classes/{class_id}")))
}
