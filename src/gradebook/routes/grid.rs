//! A class subject's gradebook: the grid, a cell saved on its own (htmx), a whole
//! column from the plain form, a new assessment, its workflow, and the weights.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use bigdecimal::{BigDecimal, Zero};
use chrono::NaiveDate;
use uuid::Uuid;

use super::views::{self, CellSaved, Choice, ColumnView, RowView, TermChoice, Typed, WeightField};
use crate::db::enums::{AssessmentStatus, AssessmentType};
use crate::gradebook::queries::{Listed, NewColumn};
use crate::gradebook::report_cards::class_title;
use crate::gradebook::{self as domain, Grid, Refusal, WeightErrors, Weights};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::form::FieldErrors;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render, render_as, see_other};

/// Longest assessment name.
const NAME_MAX: usize = 200;
/// Highest maximum score the database keeps (numeric(7,2)).
const MAX_SCORE_LIMIT: i64 = 99_999;

#[derive(serde::Deserialize)]
pub struct TermQuery {
    term: Option<String>,
    class: Option<String>,
}

pub(crate) fn uuid_of(text: Option<&str>) -> Option<Uuid> {
    text.and_then(|t| t.trim().parse().ok())
}

pub(crate) fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[derive(Template)]
#[template(path = "gradebook/index.html")]
struct IndexPage {
    layout: Layout,
    stylesheet: String,
    books: Vec<(String, String)>,
    of_class: bool,
}

fn book_title(l: &Listed) -> String {
    format!(
        "{} · {}",
        class_title(&l.class_name, l.section.as_deref()),
        l.subject_name
    )
}

/// `/gradebook`: the gradebooks of the class subjects one teaches, or of a class.
pub async fn index(
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<TermQuery>,
) -> Result<HttpResponse, AppError> {
    let class = uuid_of(query.class.as_deref());
    let listed = run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok(crate::gradebook::queries::gradebooks(tenant, class)?)
    })
    .await?;
    render(&IndexPage {
        layout: page.layout(page.t.text("grade-index-title")),
        stylesheet: super::stylesheet(),
        books: listed
            .iter()
            .map(|l| (format!("/gradebook/{}", l.class_subject_id), book_title(l)))
            .collect(),
        of_class: class.is_some(),
    })
}

#[derive(Template)]
#[template(path = "gradebook/grid.html")]
struct GridPage {
    layout: Layout,
    stylesheet: String,
    title: String,
    path: String,
    term_id: String,
    terms: Vec<TermChoice>,
    columns: Vec<ColumnView>,
    rows: Vec<RowView>,
    may_write: bool,
    error: Option<String>,
    new_form: NewForm,
    kinds: Vec<Choice>,
    weights: Vec<WeightField>,
    weights_error: Option<String>,
    weights_open: bool,
    script: String,
}

impl GridPage {
    fn may_change_weights(&self) -> bool {
        self.may_write
    }
}

/// The new-assessment form's values and messages.
#[derive(Default)]
struct NewForm {
    name: String,
    kind: String,
    max_score: String,
    due: String,
    errors: FieldErrors,
    open: bool,
}

/// What a refused form sends back to the grid.
#[derive(Default)]
struct Sent {
    typed: Typed,
    error: Option<String>,
    new_form: NewForm,
    weights: Option<(Vec<String>, WeightErrors)>,
}

fn grid_title(grid: &Grid) -> String {
    let head = &grid.head;
    format!(
        "{} · {}",
        class_title(&head.class_name, head.section.as_deref()),
        head.subject_name
    )
}

fn grid_page(page: &Page, grid: &Grid, sent: Sent) -> Result<HttpResponse, AppError> {
    let t = page.t;
    let (columns, mut rows) = views::grid_views(t, page.access.time_zone, grid, &sent.typed);
    if let Some(term) = &grid.term {
        let cells = rows
            .iter_mut()
            .map(|r| (r.student_id, r.name.as_str(), &mut r.comment));
        crate::gradebook::report_cards::comment_cells(page, grid, term.id, cells)?;
    }
    let title = grid_title(grid);
    let status = if sent.error.is_some() || sent.weights.is_some() || sent.new_form.open {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let (weight_values, weight_errors) = match sent.weights {
        Some((values, errors)) => (values, Some(errors)),
        None => (views::weight_values(t, &grid.weights), None),
    };
    let mut new_form = sent.new_form;
    if new_form.kind.is_empty() {
        new_form.kind = AssessmentType::Quiz.as_str().to_owned();
    }
    render_as(
        &GridPage {
            layout: page.layout(title.clone()),
            stylesheet: super::stylesheet(),
            title,
            path: format!("/gradebook/{}", grid.head.class_subject_id),
            term_id: grid
                .term
                .as_ref()
                .map(|t| t.id.to_string())
                .unwrap_or_default(),
            terms: views::term_choices(t, &grid.terms, grid.term.as_ref()),
            columns,
            rows,
            may_write: grid.rights.write,
            error: sent.error,
            weights: views::weight_fields(t, &weight_values, weight_errors.as_ref()),
            weights_open: weight_errors.is_some(),
            weights_error: weight_errors.and_then(|e| e.total),
            kinds: views::kind_choices(t, Some(new_form.kind.as_str())),
            new_form,
            script: crate::web::assets::versioned("/static/js/gradebook.js"),
        },
        status,
    )
}

async fn load_grid(
    state: &AppState,
    page: &Page,
    class_subject_id: Uuid,
    term: Option<Uuid>,
) -> Result<Grid, AppError> {
    let access = page.access.clone();
    run_in(&state.pool, page.access.actor(), move |tenant| {
        domain::grid(tenant, &access, class_subject_id, term)
    })
    .await
}

/// `/gradebook/{id}`: the grid of the term asked for (`?term=`), else the current one.
pub async fn show(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    query: input::Query<TermQuery>,
) -> Result<HttpResponse, AppError> {
    let term = uuid_of(query.term.as_deref());
    let grid = load_grid(&state, &page, *id, term).await?;
    grid_page(&page, &grid, Sent::default())
}

fn back_to(class_subject_id: Uuid, term: Option<Uuid>) -> String {
    match term {
        Some(term) => format!("/gradebook/{class_subject_id}?term={term}"),
        None => format!("/gradebook/{class_subject_id}"),
    }
}

/// One cell, saved on its own: answers the cell's new content and, out of band, the
/// student's average; a refused value comes back in the cell with its message.
pub async fn save_cell(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    form: input::Fields,
) -> Result<HttpResponse, AppError> {
    let fields = input::refuse_controls(form.into_inner())?;
    let t = page.t;
    let bad = || AppError::BadRequest(t.text("grade-cell-unknown"));
    let assessment = uuid_of(field(&fields, "assessment")).ok_or_else(bad)?;
    let student = uuid_of(field(&fields, "student")).ok_or_else(bad)?;
    let text = field(&fields, "value").unwrap_or_default().to_owned();
    let term = uuid_of(field(&fields, "term"));
    let access = page.access.clone();
    let class_subject_id = *id;
    let sent = text.clone();
    // run_in's transaction holds the write and the reads after it together.
    let outcome = run_in(&state.pool, page.access.actor(), move |tenant| {
        domain::save_cell(
            tenant,
            &access,
            t,
            (class_subject_id, assessment),
            (student, text),
            term,
        )
    })
    .await?;
    let name = views::pupil_name(&outcome.pupil.first_name, &outcome.pupil.last_name);
    let (stored, error) = match &outcome.saved {
        Ok(stored) => (stored.as_ref(), None),
        Err(message) => (None, Some(message.clone())),
    };
    let mut cell = views::cell_view(
        t,
        (&outcome.column, &name),
        student,
        stored,
        !outcome.closed,
    );
    let status = match (&error, outcome.closed) {
        (None, _) => StatusCode::OK,
        (Some(_), true) => StatusCode::FORBIDDEN,
        (Some(_), false) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    if let Some(message) = error {
        cell.value = sent;
        cell.error = Some(message);
    }
    let saved = CellSaved {
        cell,
        average: views::average_view(t, student, Some(&outcome.average)),
    };
    let mut response = render_as(&saved, status)?;
    response.headers_mut().insert(
        actix_web::http::header::VARY,
        actix_web::http::header::HeaderValue::from_static("HX-Request"),
    );
    Ok(response)
}

/// A whole column from the plain form (`score-<student id>` fields): stored all
/// together, or the grid comes back with each refused cell's message.
pub async fn save_column(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(Uuid, Uuid)>,
    form: input::Fields,
) -> Result<HttpResponse, AppError> {
    let fields = input::refuse_controls(form.into_inner())?;
    let (class_subject_id, assessment) = path.into_inner();
    let term = uuid_of(field(&fields, "term"));
    let typed: Vec<(Uuid, String)> = fields
        .iter()
        .filter_map(|(name, value)| {
            let id = name.strip_prefix("score-")?.parse().ok()?;
            Some((id, value.clone()))
        })
        .collect();
    let (access, t) = (page.access.clone(), page.t);
    let sent = typed.clone();
    let result = run_in(&state.pool, page.access.actor(), move |tenant| {
        tenant.transaction(|tenant| {
            domain::save_column(tenant, &access, t, (class_subject_id, assessment), &sent)
        })
    })
    .await?;
    let refusal = match result {
        Ok(stored) => {
            let message = t.message("grade-column-saved").arg("count", stored.len());
            flash::push(&session, Level::Success, message.to_string());
            return Ok(see_other(&back_to(class_subject_id, term)));
        }
        Err(refusal) => refusal,
    };
    let grid = load_grid(&state, &page, class_subject_id, term).await?;
    let mut back = Sent::default();
    match refusal {
        Refusal::Closed(message) => back.error = Some(message),
        Refusal::Cells(messages) => {
            back.error = Some(t.text("grade-column-refused"));
            back.typed = typed
                .into_iter()
                .map(|(student, text)| {
                    (
                        (assessment, student),
                        (text, messages.get(&student).cloned()),
                    )
                })
                .collect();
        }
    }
    grid_page(&page, &grid, back)
}

/// The new assessment's values, or the form with its messages.
fn parse_new(
    t: Lang,
    fields: &[(String, String)],
    class_subject_id: Uuid,
) -> Result<NewColumn, Box<NewForm>> {
    let value = |name: &str| field(fields, name).unwrap_or_default().trim().to_owned();
    let mut form = NewForm {
        name: value("name"),
        kind: value("kind"),
        max_score: value("max_score"),
        due: value("due"),
        errors: FieldErrors::default(),
        open: true,
    };
    if form.name.is_empty() {
        form.errors.add("name", t.text("grade-new-name-required"));
    } else if form.name.chars().count() > NAME_MAX {
        let message = t.message("grade-new-name-long").arg("max", NAME_MAX as i64);
        form.errors.add("name", message.to_string());
    }
    let kind = form.kind.parse::<AssessmentType>().ok();
    if kind.is_none() {
        form.errors.add("kind", t.text("grade-new-kind-required"));
    }
    let max = domain::parse_number(&form.max_score)
        .filter(|m| *m > BigDecimal::zero() && *m <= MAX_SCORE_LIMIT);
    if max.is_none() {
        let message = t
            .message("grade-new-max-invalid")
            .arg("most", MAX_SCORE_LIMIT);
        form.errors.add("max_score", message.to_string());
    }
    let due = match form.due.as_str() {
        "" => Ok(None),
        text => NaiveDate::parse_from_str(text, "%Y-%m-%d").map(Some),
    };
    if due.is_err() {
        form.errors.add("due", t.text("grade-new-due-invalid"));
    }
    match (kind, max, due) {
        (Some(kind), Some(max_score), Ok(due_on)) if form.errors.is_empty() => Ok(NewColumn {
            class_subject_id,
            term_id: uuid_of(field(fields, "term")),
            name: form.name,
            kind,
            max_score,
            due_on,
        }),
        _ => Err(Box::new(form)),
    }
}

/// A new assessment from the grid's header: set as a draft in the grid's term.
pub async fn new_assessment(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    form: input::Fields,
) -> Result<HttpResponse, AppError> {
    let fields = input::refuse_controls(form.into_inner())?;
    let class_subject_id = *id;
    let term = uuid_of(field(&fields, "term"));
    match parse_new(page.t, &fields, class_subject_id) {
        Ok(new) => {
            let access = page.access.clone();
            run_in(&state.pool, page.access.actor(), move |tenant| {
                domain::create_assessment(tenant, &access, &new)
            })
            .await?;
            flash::push(&session, Level::Success, page.t.text("grade-new-created"));
            Ok(see_other(&back_to(class_subject_id, term)))
        }
        Err(new_form) => {
            let grid = load_grid(&state, &page, class_subject_id, term).await?;
            let sent = Sent {
                new_form: *new_form,
                ..Sent::default()
            };
            grid_page(&page, &grid, sent)
        }
    }
}

/// Moves an assessment to the state chosen in its column's header.
pub async fn change_status(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(Uuid, Uuid)>,
    form: input::Fields,
) -> Result<HttpResponse, AppError> {
    let fields = input::refuse_controls(form.into_inner())?;
    let (class_subject_id, assessment) = path.into_inner();
    let term = uuid_of(field(&fields, "term"));
    let status = field(&fields, "status")
        .and_then(|s| s.parse::<AssessmentStatus>().ok())
        .ok_or_else(|| AppError::BadRequest(page.t.text("grade-status-unknown")))?;
    let access = page.access.clone();
    let changed = run_in(&state.pool, page.access.actor(), move |tenant| {
        domain::set_status(tenant, &access, (class_subject_id, assessment), status)
    })
    .await?;
    let (level, message) = if changed {
        let label = page.t.choice("assessment_status", status.as_str());
        let text = page.t.message("grade-status-changed").arg("status", label);
        (Level::Success, text.to_string())
    } else {
        (Level::Error, page.t.text("grade-closed-refused"))
    };
    flash::push(&session, level, message);
    Ok(see_other(&back_to(class_subject_id, term)))
}

/// The class subject's own weights, from the form under the grid.
pub async fn save_weights(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    form: input::Fields,
) -> Result<HttpResponse, AppError> {
    let fields = input::refuse_controls(form.into_inner())?;
    let class_subject_id = *id;
    let term = uuid_of(field(&fields, "term"));
    let sent = views::numbered(&fields, "weight-", AssessmentType::ALL.len());
    match Weights::parse(page.t, &sent) {
        Ok(weights) => {
            let access = page.access.clone();
            run_in(&state.pool, page.access.actor(), move |tenant| {
                tenant.transaction(|tenant| {
                    domain::store_weights(tenant, &access, class_subject_id, &weights)
                })
            })
            .await?;
            flash::push(&session, Level::Success, page.t.text("grade-weights-saved"));
            Ok(see_other(&back_to(class_subject_id, term)))
        }
        Err(errors) => {
            let grid = load_grid(&state, &page, class_subject_id, term).await?;
            let back = Sent {
                weights: Some((sent, errors)),
                ..Sent::default()
            };
            grid_page(&page, &grid, back)
        }
    }
}
