//! Report cards' pages: the classes of a term, a class's printable cards and their
//! PDF, issuing them, the homeroom and principal comments, the term results grid
//! and its CSV, and the subject teacher's comment saved from the gradebook.

use actix_session::Session;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use uuid::Uuid;

use super::document::{attendance_text, percent_text, term_text};
use super::queries::{self, Kind};
use super::{COMMENT_MAX, Card, ClassCards, CommentRefusal, CommentSheet};
use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::files::FileStore;
use crate::gradebook::routes::grid::{field, uuid_of};
use crate::i18n::{Lang, msg};
use crate::pdf::PageSize;
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render, render_as, see_other};

pub fn routes(r: &mut Routes) {
    let need = |action, entity| Gate::Requires(Permission::new(action, entity));
    let read = need(Action::Read, Entity::AssessmentResults);
    let write = need(Action::Update, Entity::AssessmentResults);
    // A whole school's cards: who issues them (an administrator).
    let school = need(Action::Update, Entity::Organizations);
    r.post("/report-cards/runs", school, super::runs::create)
        .get("/report-cards/runs/{run}", school, super::runs::show)
        .post(
            "/report-cards/runs/{run}/again",
            school,
            super::runs::run_again,
        )
        .get(
            "/report-cards/runs/{run}/files/{file}",
            school,
            super::runs::download,
        );
    r.get("/report-cards", read, index)
        .get("/report-cards/{class}", read, show)
        .get("/report-cards/{class}/pdf", read, pdf)
        .post("/report-cards/{class}/issue", write, issue)
        .get("/report-cards/{class}/results", read, results)
        .get("/report-cards/{class}/results.csv", read, results_csv)
        .get("/report-cards/{class}/comments/{kind}", read, comments)
        .post(
            "/report-cards/{class}/comments/{kind}",
            write,
            save_comments,
        )
        .post("/gradebook/{id}/comments", write, save_subject_comment);
    r.menu(MenuEntry {
        group: MenuGroup::Academics,
        order: 7,
        label: "rc-nav",
        href: "/report-cards",
        gate: read,
    });
}

#[derive(serde::Deserialize)]
pub struct CardsQuery {
    term: Option<String>,
    paper: Option<String>,
}

fn with_term(path: &str, term: Uuid) -> String {
    format!("{path}?term={term}")
}

struct TermOption {
    id: Uuid,
    label: String,
    selected: bool,
}

fn term_options(
    t: Lang,
    terms: &[(String, crate::gradebook::Term)],
    chosen: Uuid,
) -> Vec<TermOption> {
    terms
        .iter()
        .map(|(year, term)| TermOption {
            id: term.id,
            label: t
                .message("rc-term-option")
                .arg("year", year.as_str())
                .arg("term", term.name.as_str())
                .to_string(),
            selected: term.id == chosen,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "report_cards/index.html")]
struct IndexPage {
    layout: Layout,
    terms: Vec<TermOption>,
    classes: Vec<(String, String)>,
    term_id: Uuid,
    /// The campuses and grades a whole school's run may be narrowed to, when the
    /// reader may start one.
    scopes: Option<(queries::runs::Choices, queries::runs::Choices)>,
}

/// `/report-cards`: the classes of a term (`?term=`, else the current one).
pub async fn index(
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<CardsQuery>,
) -> Result<HttpResponse, AppError> {
    let asked = uuid_of(query.term.as_deref());
    let may_run = super::is_administrator(&page.access);
    let (terms, chosen, classes, scopes) =
        run_in(&state.pool, page.access.actor(), move |tenant| {
            let terms = crate::gradebook::queries::all_terms(tenant)?;
            let plain: Vec<crate::gradebook::Term> = terms.iter().map(|(_, t)| t.clone()).collect();
            let chosen = crate::gradebook::pick_term(&plain, asked, tenant.today());
            let year = match &chosen {
                Some(term) => queries::year_of_term(tenant, term.id)?,
                None => None,
            };
            let classes = match year {
                Some(year) => queries::classes_of_year(tenant, year)?,
                None => Vec::new(),
            };
            let scopes = if may_run {
                Some(queries::runs::campuses_and_grades(tenant)?)
            } else {
                None
            };
            Ok((terms, chosen, classes, scopes))
        })
        .await?;
    let t = page.t;
    let term_id = chosen.as_ref().map(|c| c.id).unwrap_or_default();
    render(&IndexPage {
        layout: page.layout(t.text("rc-index-title")),
        terms: term_options(t, &terms, term_id),
        classes: classes
            .into_iter()
            .map(|(id, name, section)| {
                (
                    with_term(&format!("/report-cards/{id}"), term_id),
                    super::class_title(&name, section.as_deref()),
                )
            })
            .collect(),
        term_id,
        scopes,
    })
}

/// One card as the printable page shows it.
struct CardView {
    student_id: Uuid,
    student: String,
    class_line: String,
    term_line: String,
    issued: Option<String>,
    subjects: Vec<LineView>,
    attendance: String,
    homeroom: String,
    principal: String,
    school: String,
    logo: Option<String>,
}

struct LineView {
    subject: String,
    teacher: String,
    average: String,
    letter: String,
    comment: String,
}

fn card_view(t: Lang, card: &Card) -> CardView {
    CardView {
        student_id: card.student_id,
        student: card.student_name(),
        class_line: t
            .message("rc-class-line")
            .arg("class", card.class.as_str())
            .to_string(),
        term_line: term_text(t, card),
        issued: card.issued_at.map(|at| {
            t.message("rc-issued-on")
                .arg("date", t.date(at.date_naive()))
                .to_string()
        }),
        subjects: card
            .subjects
            .iter()
            .map(|l| LineView {
                subject: l.subject.clone(),
                teacher: l.teacher.clone().unwrap_or_default(),
                average: percent_text(t, l.percent),
                letter: l.letter.clone().unwrap_or_else(|| "—".to_owned()),
                comment: l.comment.clone().unwrap_or_default(),
            })
            .collect(),
        attendance: attendance_text(t, card),
        homeroom: card.homeroom_comment.clone().unwrap_or_else(|| "—".into()),
        principal: card.principal_comment.clone().unwrap_or_else(|| "—".into()),
        school: card.school.clone(),
        logo: card.logo_file_id.map(crate::web::brand::logo_url),
    }
}

#[derive(Template)]
#[template(path = "report_cards/cards.html")]
struct CardsPage {
    layout: Layout,
    title: String,
    path: String,
    term_id: Uuid,
    terms: Vec<TermOption>,
    cards: Vec<CardView>,
    issued_summary: String,
    all_issued: bool,
    may_issue: bool,
}

/// A page's heading naming the class and the term: `id` takes `$class` and `$term`.
fn heading(t: Lang, id: &'static str, cards: &ClassCards) -> String {
    t.message(id)
        .arg("class", cards.title.as_str())
        .arg("term", cards.term.name.as_str())
        .to_string()
}

async fn load_cards(
    state: &AppState,
    page: &Page,
    class: Uuid,
    term: Option<Uuid>,
) -> Result<ClassCards, AppError> {
    run_in(&state.pool, page.access.actor(), move |tenant| {
        super::class_cards(tenant, class, term)
    })
    .await
}

fn plain_term_options(t: Lang, cards: &ClassCards) -> Vec<TermOption> {
    cards
        .terms
        .iter()
        .map(|term| TermOption {
            id: term.id,
            label: t
                .message("rc-term-dates")
                .arg("term", term.name.as_str())
                .arg("from", t.date(term.starts_on))
                .arg("until", t.date(term.ends_on))
                .to_string(),
            selected: term.id == cards.term.id,
        })
        .collect()
}

/// `/report-cards/{class}?term=`: the class's cards, one per printed page.
pub async fn show(
    page: Page,
    state: web::Data<AppState>,
    class: web::Path<Uuid>,
    query: input::Query<CardsQuery>,
) -> Result<HttpResponse, AppError> {
    let cards = load_cards(&state, &page, *class, uuid_of(query.term.as_deref())).await?;
    let t = page.t;
    let title = heading(t, msg("rc-class-title"), &cards);
    let issued = cards.issued();
    render(&CardsPage {
        layout: page.layout(title.clone()),
        title,
        path: format!("/report-cards/{}", cards.class.id),
        term_id: cards.term.id,
        terms: plain_term_options(t, &cards),
        cards: cards.cards.iter().map(|c| card_view(t, c)).collect(),
        issued_summary: t
            .message("rc-issued-summary")
            .arg("issued", issued)
            .arg("total", cards.cards.len())
            .to_string(),
        all_issued: issued == cards.cards.len() && issued > 0,
        may_issue: super::is_administrator(&page.access),
    })
}

pub(super) use crate::web::format::file_name;

/// `/report-cards/{class}/pdf?term=&paper=a4|letter`: the class's cards as one PDF.
pub async fn pdf(
    page: Page,
    state: web::Data<AppState>,
    class: web::Path<Uuid>,
    query: input::Query<CardsQuery>,
) -> Result<HttpResponse, AppError> {
    let t = page.t;
    let size = match query.paper.as_deref() {
        None | Some("") => PageSize::A4,
        Some(text) => {
            PageSize::parse(text).ok_or_else(|| AppError::BadRequest(t.text("rc-paper-unknown")))?
        }
    };
    let term = uuid_of(query.term.as_deref());
    let files = FileStore::new(&state.settings);
    let access = page.access.clone();
    let (cards, logo) = run_in(&state.pool, page.access.actor(), move |tenant| {
        let cards = super::class_cards(tenant, *class, term)?;
        let logo_id = cards
            .cards
            .first()
            .and_then(|c| c.logo_file_id)
            .or(access.logo_file_id);
        let logo = logo_id.and_then(|id| crate::files::routes::logo_image(tenant, &files, id).ok());
        Ok((cards, logo.map(|(_, bytes)| bytes)))
    })
    .await?;
    let name = file_name(&["report-cards", &cards.title, &cards.term.name], "pdf");
    let students = cards.cards.len();
    let bytes = web::block(move || super::class_pdf(t, &cards, logo, size))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("PDF worker: {e}")))?
        .map_err(|e| {
            tracing::warn!("report cards PDF: {e}");
            match e {
                crate::pdf::PdfError::FontMissing(_) => {
                    AppError::Unavailable(t.text("rc-pdf-unavailable"))
                }
                other => AppError::Internal(other.into()),
            }
        })?;
    Ok(pdf_download(&name, bytes, students))
}

/// A PDF of `students` students' cards to download under `name`, kept by no
/// cache; the access log counts them.
pub(super) fn pdf_download(name: &str, bytes: Vec<u8>, students: usize) -> HttpResponse {
    let response = HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(bytes);
    crate::privacy::mark(response, crate::privacy::Subject::Students(students))
}

/// `POST /report-cards/{class}/issue`: an administrator issues the term's cards.
pub async fn issue(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    class: web::Path<Uuid>,
    form: input::Fields,
) -> Result<HttpResponse, AppError> {
    let fields = input::refuse_controls(form.into_inner())?;
    let term = uuid_of(field(&fields, "term"));
    let access = page.access.clone();
    let class_id = *class;
    let stored = run_in(&state.pool, page.access.actor(), move |tenant| {
        tenant.transaction(|tenant| super::issue(tenant, &access, class_id, term))
    })
    .await?;
    let message = page.t.message("rc-issued-count").arg("count", stored);
    flash::push(&session, Level::Success, message.to_string());
    let path = format!("/report-cards/{class_id}");
    Ok(see_other(&match term {
        Some(term) => with_term(&path, term),
        None => path,
    }))
}

#[derive(Template)]
#[template(path = "report_cards/results.html")]
struct ResultsPage {
    layout: Layout,
    title: String,
    back: String,
    csv: String,
    subjects: Vec<String>,
    rows: Vec<(String, Vec<(String, String)>)>,
}

/// `/report-cards/{class}/results?term=`: students × subjects, average and letter.
pub async fn results(
    page: Page,
    state: web::Data<AppState>,
    class: web::Path<Uuid>,
    query: input::Query<CardsQuery>,
) -> Result<HttpResponse, AppError> {
    let cards = load_cards(&state, &page, *class, uuid_of(query.term.as_deref())).await?;
    let t = page.t;
    let title = heading(t, msg("rc-results-title"), &cards);
    let subjects = cards.subjects();
    let rows = cards
        .cards
        .iter()
        .map(|card| {
            let cells = subjects
                .iter()
                .map(|s| {
                    let line = card.subjects.iter().find(|l| &l.subject == s);
                    (
                        percent_text(t, line.and_then(|l| l.percent)),
                        line.and_then(|l| l.letter.clone()).unwrap_or_default(),
                    )
                })
                .collect();
            (format!("{}, {}", card.last_name, card.first_name), cells)
        })
        .collect();
    let path = format!("/report-cards/{}", cards.class.id);
    render(&ResultsPage {
        layout: page.layout(title.clone()),
        title,
        back: with_term(&path, cards.term.id),
        csv: with_term(&format!("{path}/results.csv"), cards.term.id),
        subjects,
        rows,
    })
}

/// `/report-cards/{class}/results.csv?term=`: the results grid as CSV, a row per student.
pub async fn results_csv(
    page: Page,
    state: web::Data<AppState>,
    class: web::Path<Uuid>,
    query: input::Query<CardsQuery>,
) -> Result<HttpResponse, AppError> {
    let cards = load_cards(&state, &page, *class, uuid_of(query.term.as_deref())).await?;
    let (header, rows) = super::results_table(page.t, &cards);
    let name = file_name(&["results", &cards.title, &cards.term.name], "csv");
    crate::attendance::reports::csv::csv_response(&name, header, rows.into_iter())
}

fn kind_of(t: Lang, text: &str) -> Result<Kind, AppError> {
    match Kind::parse(text) {
        Some(kind @ (Kind::Homeroom | Kind::Principal)) => Ok(kind),
        _ => Err(AppError::BadRequest(t.text("rc-comment-kind-unknown"))),
    }
}

#[derive(Template)]
#[template(path = "report_cards/comments.html")]
struct CommentsPage {
    layout: Layout,
    title: String,
    action: String,
    back: String,
    term_id: Uuid,
    may_write: bool,
    max: usize,
    error: Option<String>,
    rows: Vec<CommentRow>,
}

struct CommentRow {
    student_id: Uuid,
    name: String,
    value: String,
    error: Option<String>,
}

/// What a refused comments form sent (student, text), and whose comment was too long.
type Sent<'a> = (&'a [(Uuid, String)], &'a [Uuid]);

fn comments_page(
    page: &Page,
    sheet: &CommentSheet,
    kind: Kind,
    sent: Option<Sent<'_>>,
) -> Result<HttpResponse, AppError> {
    let t = page.t;
    let cards = &sheet.cards;
    let id = match kind {
        Kind::Principal => msg("rc-comments-title-principal"),
        _ => msg("rc-comments-title-homeroom"),
    };
    let title = heading(t, id, cards);
    let path = format!("/report-cards/{}", cards.class.id);
    let rows = cards
        .cards
        .iter()
        .map(|card| {
            let typed = sent.and_then(|(typed, _)| {
                typed
                    .iter()
                    .find(|(s, _)| *s == card.student_id)
                    .map(|(_, v)| v.clone())
            });
            let long = sent.is_some_and(|(_, long)| long.contains(&card.student_id));
            CommentRow {
                student_id: card.student_id,
                name: format!("{}, {}", card.last_name, card.first_name),
                value: typed
                    .or_else(|| sheet.stored.get(&card.student_id).cloned())
                    .unwrap_or_default(),
                error: long.then(|| {
                    t.message("rc-comment-too-long")
                        .arg("max", COMMENT_MAX)
                        .to_string()
                }),
            }
        })
        .collect();
    let status = if sent.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render_as(
        &CommentsPage {
            layout: page.layout(title.clone()),
            title,
            action: format!("{path}/comments/{}", kind.as_str()),
            back: with_term(&path, cards.term.id),
            term_id: cards.term.id,
            may_write: sheet.may_write,
            max: COMMENT_MAX,
            error: sent.map(|_| t.text("rc-comments-refused")),
            rows,
        },
        status,
    )
}

/// `/report-cards/{class}/comments/{homeroom|principal}?term=`: a comment per student.
pub async fn comments(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, String)>,
    query: input::Query<CardsQuery>,
) -> Result<HttpResponse, AppError> {
    let (class, kind) = path.into_inner();
    let kind = kind_of(page.t, &kind)?;
    let term = uuid_of(query.term.as_deref());
    let access = page.access.clone();
    let sheet = run_in(&state.pool, page.access.actor(), move |tenant| {
        super::comment_sheet(tenant, &access, (class, term), kind)
    })
    .await?;
    comments_page(&page, &sheet, kind, None)
}

/// Saves the comments form (`comment-<student id>` fields), all or nothing.
pub async fn save_comments(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(Uuid, String)>,
    form: input::Fields,
) -> Result<HttpResponse, AppError> {
    let (class, kind) = path.into_inner();
    let t = page.t;
    let kind = kind_of(t, &kind)?;
    let fields = input::refuse_controls(form.into_inner())?;
    let term = uuid_of(field(&fields, "term"));
    let sent: Vec<(Uuid, String)> = fields
        .iter()
        .filter_map(|(name, value)| {
            Some((name.strip_prefix("comment-")?.parse().ok()?, value.clone()))
        })
        .collect();
    let access = page.access.clone();
    let typed = sent.clone();
    let outcome = run_in(&state.pool, page.access.actor(), move |tenant| {
        tenant.transaction(|tenant| {
            super::save_comments(tenant, &access, (class, term), kind, &typed)
        })
    })
    .await?;
    let long = match outcome {
        Ok(count) => {
            let message = t.message("rc-comments-saved").arg("count", count);
            flash::push(&session, Level::Success, message.to_string());
            let back = format!("/report-cards/{class}/comments/{}", kind.as_str());
            return Ok(see_other(&match term {
                Some(term) => with_term(&back, term),
                None => back,
            }));
        }
        Err(CommentRefusal::TooLong(long)) => long,
    };
    let access = page.access.clone();
    let sheet = run_in(&state.pool, page.access.actor(), move |tenant| {
        super::comment_sheet(tenant, &access, (class, term), kind)
    })
    .await?;
    comments_page(&page, &sheet, kind, Some((&sent, &long)))
}

/// The gradebook's report card comment cell of one student.
#[derive(Template)]
#[template(path = "gradebook/comment_cell.html")]
struct CommentCell {
    t: Lang,
    path: String,
    csrf_token: String,
    term_id: String,
    student_id: Uuid,
    student: String,
    value: String,
    error: Option<String>,
    saved: bool,
    editable: bool,
    max: usize,
}

/// Fills each gradebook row's comment cell: (student, name, the cell's HTML).
pub fn comment_cells<'a>(
    page: &Page,
    grid: &crate::gradebook::Grid,
    term: Uuid,
    rows: impl Iterator<Item = (Uuid, &'a str, &'a mut String)>,
) -> Result<(), AppError> {
    for (student_id, name, html) in rows {
        *html = CommentCell {
            t: page.t,
            path: format!("/gradebook/{}/comments", grid.head.class_subject_id),
            csrf_token: page.access.csrf_token.clone(),
            term_id: term.to_string(),
            student_id,
            student: name.to_owned(),
            value: grid.comments.get(&student_id).cloned().unwrap_or_default(),
            error: None,
            saved: false,
            editable: grid.rights.write,
            max: COMMENT_MAX,
        }
        .render()?;
    }
    Ok(())
}

/// `POST /gradebook/{id}/comments`: a subject teacher's comment for one student's
/// term; htmx swaps the cell, a plain form goes back to the grid.
pub async fn save_subject_comment(
    page: Page,
    state: web::Data<AppState>,
    req: actix_web::HttpRequest,
    id: web::Path<Uuid>,
    form: input::Fields,
) -> Result<HttpResponse, AppError> {
    let t = page.t;
    let fields = input::refuse_controls(form.into_inner())?;
    let bad = || AppError::BadRequest(t.text("rc-comment-unknown"));
    let student = uuid_of(field(&fields, "student")).ok_or_else(bad)?;
    let term = uuid_of(field(&fields, "term")).ok_or_else(bad)?;
    let body = field(&fields, "comment").unwrap_or_default().to_owned();
    let access = page.access.clone();
    let class_subject = *id;
    let typed = body.clone();
    let outcome = run_in(&state.pool, page.access.actor(), move |tenant| {
        tenant.transaction(|tenant| {
            super::save_subject_comment(tenant, &access, (class_subject, term), (student, &typed))
        })
    })
    .await?;
    let (name, outcome) = outcome;
    let error = outcome.err().map(|_| {
        t.message("rc-comment-too-long")
            .arg("max", COMMENT_MAX)
            .to_string()
    });
    if req.headers().get("HX-Request").is_none() && error.is_none() {
        return Ok(see_other(&format!(
            "/gradebook/{class_subject}?term={term}"
        )));
    }
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render_as(
        &CommentCell {
            t,
            path: format!("/gradebook/{class_subject}/comments"),
            csrf_token: page.access.csrf_token.clone(),
            term_id: term.to_string(),
            student_id: student,
            student: name,
            saved: error.is_none(),
            value: body.trim().to_owned(),
            error,
            editable: true,
            max: COMMENT_MAX,
        },
        status,
    )
}
