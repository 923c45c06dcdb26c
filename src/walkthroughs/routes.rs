//! The walkthrough pages: record a visit, list and read them, acknowledge one,
//! and the insight per teacher and per campus.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use uuid::Uuid;

use super::forms::{self, WalkthroughValues};
use super::insight::{self, Chart, Period, Term, Unvisited};
use super::models::{DIMENSIONS, Walkthrough, rating_badge};
use super::queries::{
    self, CampusRow, ListFilter, RoomOption, Scope, TeacherOption, Viewer, WalkthroughChanges,
};
use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::db::schema::{academic_years, walkthrough_checkins};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::form::FieldErrors;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{htmx, render, render_as, see_other};

const fn requires(action: Action) -> Gate {
    Gate::Requires(Permission::new(action, Entity::WalkthroughCheckins))
}

pub fn routes(r: &mut Routes) {
    let read = requires(Action::Read);
    let create = requires(Action::Create);
    r.get("/walkthroughs", read, list)
        .get("/walkthroughs/new", create, new_form)
        .get("/walkthroughs/new/teacher", create, suggest_teacher)
        .post("/walkthroughs", create, create_walkthrough)
        .get("/walkthroughs/teachers/{staff_id}", read, teacher_trend)
        .get("/walkthroughs/campuses/{campus_id}", read, campus_insight)
        .get("/walkthroughs/{id}", read, show)
        .get(
            "/walkthroughs/{id}/edit",
            requires(Action::Update),
            edit_form,
        )
        .post("/walkthroughs/{id}", requires(Action::Update), save_edit)
        .post(
            "/walkthroughs/{id}/delete",
            requires(Action::Delete),
            delete_walkthrough,
        )
        .post("/walkthroughs/{id}/acknowledge", read, acknowledge);
    r.menu(MenuEntry {
        group: MenuGroup::Staff,
        order: 60,
        label: "Walkthroughs",
        href: "/walkthroughs",
        gate: read,
    });
}

fn script_url() -> String {
    crate::web::assets::versioned("/static/js/walkthrough.js")
}

/// The localStorage key of a form's draft: per user, and per walkthrough when editing.
fn draft_key(user_id: Uuid, walkthrough: Option<Uuid>) -> String {
    match walkthrough {
        Some(id) => format!("walkthrough:{user_id}:{id}"),
        None => format!("walkthrough:{user_id}:new"),
    }
}

// ---------------------------------------------------------------- list

#[derive(Deserialize, Default)]
struct ListQuery {
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
    rows: Vec<Walkthrough>,
    filtered: bool,
    observer: bool,
    previous: Option<String>,
    next: Option<String>,
}

#[derive(Template)]
#[template(path = "walkthroughs/list.html")]
struct ListPage {
    layout: Layout,
    observer: bool,
    may_create: bool,
    own_trend: Option<Uuid>,
    campuses: Vec<CampusRow>,
    teachers: Vec<TeacherOption>,
    directors: Vec<(Uuid, String)>,
    campus: String,
    teacher: String,
    director: String,
    from: String,
    to: String,
    results: Results,
}

#[derive(Template)]
#[template(path = "walkthroughs/list.html", block = "results")]
struct ListResults {
    results: Results,
}

async fn list(
    req: HttpRequest,
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let filter = ListFilter::from_query(&query);
    let access = page.access.clone();
    let fragment = htmx::wants_fragment(&req);
    let (viewer, found, campuses, teachers, directors) =
        crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
            let conn = tenant.conn();
            let viewer = Viewer::load(conn, &access)?;
            let found = queries::search(conn, &viewer, &filter)?;
            let (campuses, teachers, directors) = if fragment || !viewer.is_observer() {
                Default::default()
            } else {
                (
                    queries::campuses_in_reach(conn, &viewer)?,
                    queries::teachers_in_reach(conn, &viewer, None)?,
                    queries::directors_seen(conn, &viewer)?,
                )
            };
            Ok((viewer, (filter, found), campuses, teachers, directors))
        })
        .await?;
    let (filter, (rows, more)) = found;
    let results = Results {
        rows,
        filtered: filter.is_filtered(),
        observer: viewer.is_observer(),
        previous: (filter.page > 1).then(|| filter.link(filter.page - 1)),
        next: more.then(|| filter.link(filter.page + 1)),
    };
    if fragment {
        return render(&ListResults { results });
    }
    render(&ListPage {
        layout: page.layout("Walkthroughs"),
        observer: viewer.is_observer(),
        may_create: viewer.may_create,
        own_trend: (!viewer.is_observer()).then_some(viewer.staff_id).flatten(),
        campuses,
        teachers,
        directors,
        campus: opt_value(filter.campus),
        teacher: opt_value(filter.teacher),
        director: opt_value(filter.director),
        from: opt_value(filter.from),
        to: opt_value(filter.to),
        results,
    })
}

// ---------------------------------------------------------------- the form

/// What the timetable says about the classroom at the chosen time.
enum Suggestion {
    /// No classroom chosen yet.
    Nothing,
    /// The lesson in that room then, and its teacher.
    Lesson {
        teacher: String,
        class_name: String,
        subject: String,
        hours: String,
    },
    /// A timetable room with no lesson at that time.
    NoLesson { room: String },
    /// A classroom typed that the timetable does not know.
    NotOnTimetable,
}

struct AreaField {
    label: &'static str,
    key: &'static str,
    rating_field: &'static str,
    comment_field: &'static str,
    value: String,
    comment: String,
    error: Option<String>,
    comment_error: Option<String>,
}

impl AreaField {
    fn is(&self, score: &str) -> bool {
        self.value == score
    }
}

fn area_fields(values: &WalkthroughValues, errors: &FieldErrors) -> Vec<AreaField> {
    DIMENSIONS
        .iter()
        .enumerate()
        .map(|(i, d)| AreaField {
            label: d.label,
            key: d.key,
            rating_field: d.rating_field,
            comment_field: d.comment_field,
            value: values.ratings[i].trim().to_owned(),
            comment: values.comments[i].clone(),
            error: errors.get(d.rating_field).map(str::to_owned),
            comment_error: errors.get(d.comment_field).map(str::to_owned),
        })
        .collect()
}

const SCORES: [&str; 5] = ["1", "2", "3", "4", "5"];

#[derive(Template)]
#[template(path = "walkthroughs/form.html")]
struct FormPage {
    layout: Layout,
    heading: &'static str,
    action: String,
    cancel: String,
    submit_label: &'static str,
    values: WalkthroughValues,
    errors: FieldErrors,
    areas: Vec<AreaField>,
    scores: [&'static str; 5],
    rooms: Vec<RoomOption>,
    teachers: Vec<TeacherOption>,
    suggestion: Suggestion,
    draft_key: String,
    restore_draft: bool,
    script: String,
}

/// The teacher field alone, for htmx when the classroom or the time changes.
#[derive(Template)]
#[template(path = "walkthroughs/form.html", block = "teacher_field")]
struct TeacherField {
    values: WalkthroughValues,
    errors: FieldErrors,
    teachers: Vec<TeacherOption>,
    suggestion: Suggestion,
}

/// Everything the form needs besides what was typed.
struct FormData {
    viewer: Viewer,
    rooms: Vec<RoomOption>,
    teachers: Vec<TeacherOption>,
    suggestion: Suggestion,
}

/// Loads the choices and asks the timetable who teaches in the classroom at the
/// chosen time; the suggestion fills the teacher when `replace` or when it is empty.
fn form_data(
    conn: &mut diesel::PgConnection,
    access: &crate::access::Access,
    values: &mut WalkthroughValues,
    replace: bool,
) -> Result<FormData, AppError> {
    let viewer = Viewer::load(conn, access)?;
    let rooms = queries::rooms_in_reach(conn, &viewer, access.today())?;
    let teachers = queries::teachers_in_reach(conn, &viewer, None)?;
    let suggestion = suggest(conn, &viewer, &rooms, &teachers, values, replace)?;
    Ok(FormData {
        viewer,
        rooms,
        teachers,
        suggestion,
    })
}

fn suggest(
    conn: &mut diesel::PgConnection,
    viewer: &Viewer,
    rooms: &[RoomOption],
    teachers: &[TeacherOption],
    values: &mut WalkthroughValues,
    replace: bool,
) -> Result<Suggestion, AppError> {
    if values.classroom.trim().is_empty() {
        return Ok(Suggestion::Nothing);
    }
    let Some(room) = forms::find_room(rooms, &values.classroom) else {
        return Ok(Suggestion::NotOnTimetable);
    };
    let (Some(date), Some(time)) = (
        forms::parse_date(&values.check_in_date),
        forms::parse_time(&values.check_in_time),
    ) else {
        return Ok(Suggestion::Nothing);
    };
    let lesson = queries::lesson_at(conn, viewer.organization_id, room, date, time)?;
    let found = lesson.and_then(|l| {
        teachers
            .iter()
            .find(|t| t.id == l.teacher_id)
            .map(|t| (l, t))
    });
    Ok(match found {
        Some((lesson, teacher)) => {
            if replace || values.teacher.trim().is_empty() {
                values.teacher = teacher.label.clone();
            }
            Suggestion::Lesson {
                teacher: teacher.label.clone(),
                class_name: lesson.class_name,
                subject: lesson.subject,
                hours: format!(
                    "{}–{}",
                    lesson.starts_at.format("%H:%M"),
                    lesson.ends_at.format("%H:%M")
                ),
            }
        }
        None => Suggestion::NoLesson {
            room: room.label.clone(),
        },
    })
}

struct FormMode {
    heading: &'static str,
    action: String,
    cancel: String,
    submit_label: &'static str,
    walkthrough: Option<Uuid>,
}

impl FormMode {
    fn new() -> FormMode {
        FormMode {
            heading: "New walkthrough",
            action: "/walkthroughs".to_owned(),
            cancel: "/walkthroughs".to_owned(),
            submit_label: "Save walkthrough",
            walkthrough: None,
        }
    }

    fn edit(id: Uuid) -> FormMode {
        FormMode {
            heading: "Change walkthrough",
            action: format!("/walkthroughs/{id}"),
            cancel: format!("/walkthroughs/{id}"),
            submit_label: "Save changes",
            walkthrough: Some(id),
        }
    }
}

fn form_page(
    page: &Page,
    mode: FormMode,
    values: WalkthroughValues,
    errors: FieldErrors,
    data: FormData,
) -> FormPage {
    let restore_draft = errors.is_empty();
    FormPage {
        layout: page.layout(mode.heading),
        heading: mode.heading,
        action: mode.action,
        cancel: mode.cancel,
        submit_label: mode.submit_label,
        areas: area_fields(&values, &errors),
        scores: SCORES,
        values,
        errors,
        rooms: data.rooms,
        teachers: data.teachers,
        suggestion: data.suggestion,
        draft_key: draft_key(data.viewer.user_id, mode.walkthrough),
        restore_draft,
        script: script_url(),
    }
}

async fn new_form(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let access = page.access.clone();
    let mut values = WalkthroughValues::now(access.time_zone);
    let (values, data) = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let conn = tenant.conn();
        let data = form_data(conn, &access, &mut values, false)?;
        Ok((values, data))
    })
    .await?;
    render(&form_page(
        &page,
        FormMode::new(),
        values,
        FieldErrors::default(),
        data,
    ))
}

#[derive(Deserialize)]
struct SuggestQuery {
    #[serde(default)]
    classroom: String,
    #[serde(default)]
    teacher: String,
    #[serde(default)]
    check_in_date: String,
    #[serde(default)]
    check_in_time: String,
    /// The teacher suggested before; a teacher the director chose instead stays.
    #[serde(default)]
    suggested: String,
}

async fn suggest_teacher(
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<SuggestQuery>,
) -> Result<HttpResponse, AppError> {
    let access = page.access.clone();
    let query = query.into_inner();
    let replace = query.teacher.trim().is_empty() || query.teacher.trim() == query.suggested.trim();
    let mut values = WalkthroughValues {
        classroom: query.classroom,
        teacher: query.teacher,
        check_in_date: query.check_in_date,
        check_in_time: query.check_in_time,
        ..WalkthroughValues::default()
    };
    let (values, data) = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let conn = tenant.conn();
        let data = form_data(conn, &access, &mut values, replace)?;
        Ok((values, data))
    })
    .await?;
    render(&TeacherField {
        values,
        errors: FieldErrors::default(),
        teachers: data.teachers,
        suggestion: data.suggestion,
    })
}

/// What the checked form stores; the class is the lesson's when the timetable agrees.
fn changes_from(
    conn: &mut diesel::PgConnection,
    viewer: &Viewer,
    checked: forms::CheckedWalkthrough,
) -> Result<WalkthroughChanges, AppError> {
    let lesson = match &checked.room {
        Some(room) => queries::lesson_at(
            conn,
            viewer.organization_id,
            room,
            checked.date,
            checked.time,
        )?,
        None => None,
    };
    let class_id = lesson
        .filter(|l| l.teacher_id == checked.teacher.id)
        .map(|l| l.class_id);
    let [c0, c1, c2, c3, c4, c5, c6] = checked.comments;
    let r = checked.ratings;
    Ok(WalkthroughChanges {
        campus_id: checked
            .room
            .as_ref()
            .map(|room| room.campus_id)
            .or(checked.teacher.campus_id)
            .or(viewer.campus()),
        class_id,
        teacher_id: Some(checked.teacher.id),
        teacher_name: checked.teacher.name.clone(),
        classroom: checked.classroom,
        check_in_date: checked.date,
        check_in_time: checked.time,
        attitude_rating: r[0],
        attitude_comment: c0,
        classroom_management_rating: r[1],
        classroom_management_comment: c1,
        cleanliness_rating: r[2],
        cleanliness_comment: c2,
        vibes_rating: r[3],
        vibes_comment: c3,
        team_dynamics_rating: r[4],
        team_dynamics_comment: c4,
        emergency_exit_rating: r[5],
        emergency_exit_comment: c5,
        lesson_plan_rating: r[6],
        lesson_plan_comment: c6,
        overall_notes: checked.overall_notes,
    })
}

enum Saved {
    Done(Uuid),
    Refused(Box<(WalkthroughValues, FieldErrors, FormData)>),
}

async fn create_walkthrough(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    form: input::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let access = page.access.clone();
    let mut values = WalkthroughValues::from_fields(&form);
    let state_for_work = state.clone();
    let saved = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let conn = tenant.conn();
        let data = form_data(conn, &access, &mut values, false)?;
        let checked = match forms::check(
            &values,
            &data.rooms,
            &data.teachers,
            access.time_zone,
            crate::clock::now(),
        ) {
            Ok(checked) => checked,
            Err(errors) => return Ok(Saved::Refused(Box::new((values, errors, data)))),
        };
        let teacher = checked.teacher.clone();
        let changes = changes_from(conn, &data.viewer, checked)?;
        let id = queries::insert(conn, &data.viewer, &changes)?;
        super::notice::tell_teacher(conn, &state_for_work, &data.viewer, id, &teacher, &changes)?;
        Ok(Saved::Done(id))
    })
    .await?;
    match saved {
        Saved::Done(id) => {
            flash::push(
                &session,
                Level::Success,
                "Walkthrough saved. The teacher has been told.",
            );
            Ok(see_other(&format!("/walkthroughs/{id}?saved=new")))
        }
        Saved::Refused(refused) => {
            let (values, errors, data) = *refused;
            render_as(
                &form_page(&page, FormMode::new(), values, errors, data),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    }
}

/// The author may change a visit for a while after saving it; then it is read-only.
fn editable(viewer: &Viewer, w: &Walkthrough, hours: u32) -> bool {
    w.created_by_id == Some(viewer.user_id)
        && Utc::now() - w.created_at < chrono::Duration::hours(i64::from(hours))
}

async fn edit_form(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let access = page.access.clone();
    let hours = state.settings.walkthrough_edit_hours;
    let (values, data) = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let conn = tenant.conn();
        let viewer = Viewer::load(conn, &access)?;
        let w = queries::find(conn, &viewer, id)?;
        if !editable(&viewer, &w, hours) {
            return Err(AppError::Forbidden);
        }
        let mut values = WalkthroughValues::from_walkthrough(&w);
        let data = form_data(conn, &access, &mut values, false)?;
        Ok((values, data))
    })
    .await?;
    render(&form_page(
        &page,
        FormMode::edit(id),
        values,
        FieldErrors::default(),
        data,
    ))
}

async fn save_edit(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<Uuid>,
    form: input::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let access = page.access.clone();
    let hours = state.settings.walkthrough_edit_hours;
    let mut values = WalkthroughValues::from_fields(&form);
    let saved = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let conn = tenant.conn();
        let viewer = Viewer::load(conn, &access)?;
        let w = queries::find(conn, &viewer, id)?;
        if !editable(&viewer, &w, hours) {
            return Err(AppError::Forbidden);
        }
        let mut data = form_data(conn, &access, &mut values, false)?;
        // The teacher of an existing visit stays choosable even if they moved campus.
        if let Some(teacher_id) = w.teacher_id
            && !data.teachers.iter().any(|t| t.id == teacher_id)
        {
            let (name, campus_id) =
                queries::staff_member(conn, access.organization_id, teacher_id)?;
            data.teachers.push(TeacherOption {
                id: teacher_id,
                label: name.clone(),
                name,
                campus_id,
                user_id: None,
                email: None,
            });
        }
        let checked = match forms::check(
            &values,
            &data.rooms,
            &data.teachers,
            access.time_zone,
            crate::clock::now(),
        ) {
            Ok(checked) => checked,
            Err(errors) => return Ok(Saved::Refused(Box::new((values, errors, data)))),
        };
        let changes = changes_from(conn, &data.viewer, checked)?;
        queries::update(conn, &data.viewer, id, &changes)?;
        Ok(Saved::Done(id))
    })
    .await?;
    match saved {
        Saved::Done(id) => {
            flash::push(&session, Level::Success, "Changes saved.");
            Ok(see_other(&format!("/walkthroughs/{id}?saved=edit")))
        }
        Saved::Refused(refused) => {
            let (values, errors, data) = *refused;
            render_as(
                &form_page(&page, FormMode::edit(id), values, errors, data),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    }
}

// ---------------------------------------------------------------- one walkthrough

#[derive(Deserialize, Default)]
struct ShowQuery {
    saved: Option<String>,
}

#[derive(Template)]
#[template(path = "walkthroughs/detail.html")]
struct DetailPage {
    layout: Layout,
    w: Walkthrough,
    may_edit: bool,
    edit_until: String,
    may_delete: bool,
    may_acknowledge: bool,
    reply: String,
    reply_error: Option<String>,
    clear_draft: Option<String>,
    script: String,
}

impl DetailPage {
    fn badge(&self, rating: &i32) -> &'static str {
        rating_badge(*rating)
    }
}

struct Detail {
    w: Walkthrough,
    viewer: Viewer,
}

async fn load_detail(
    state: &AppState,
    access: crate::access::Access,
    id: Uuid,
) -> Result<Detail, AppError> {
    crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let conn = tenant.conn();
        let viewer = Viewer::load(conn, &access)?;
        let w = queries::find(conn, &viewer, id)?;
        Ok(Detail { w, viewer })
    })
    .await
}

fn detail_page(
    page: &Page,
    state: &AppState,
    detail: Detail,
    reply: String,
    reply_error: Option<String>,
    clear_draft: Option<String>,
) -> DetailPage {
    let Detail { w, viewer } = detail;
    let hours = state.settings.walkthrough_edit_hours;
    let may_edit =
        page.can(Action::Update, Entity::WalkthroughCheckins) && editable(&viewer, &w, hours);
    let edit_until = (w.created_at + chrono::Duration::hours(i64::from(hours)))
        .with_timezone(&page.access.time_zone)
        .format("%a %-d %b %H:%M")
        .to_string();
    DetailPage {
        layout: page.layout(format!("Walkthrough · {}", w.teacher_name)),
        may_edit,
        edit_until,
        may_delete: viewer.may_delete,
        may_acknowledge: viewer.is_observed(&w) && w.acknowledged_at.is_none(),
        reply,
        reply_error,
        clear_draft,
        script: script_url(),
        w,
    }
}

async fn show(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    query: input::Query<ShowQuery>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let detail = load_detail(&state, page.access.clone(), id).await?;
    // After a save, the page tells the script which draft is done with.
    let clear_draft = query
        .saved
        .as_deref()
        .map(|saved| draft_key(detail.viewer.user_id, (saved == "edit").then_some(id)));
    render(&detail_page(
        &page,
        &state,
        detail,
        String::new(),
        None,
        clear_draft,
    ))
}

#[derive(Deserialize)]
struct AcknowledgeForm {
    #[serde(default)]
    reply: String,
}

async fn acknowledge(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<Uuid>,
    form: input::Form<AcknowledgeForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let reply = form.into_inner().reply;
    let checked = forms::notes(&reply, "Your reply", 2_000);
    let access = page.access.clone();
    let stored_reply = checked.clone().ok().flatten();
    let outcome = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let conn = tenant.conn();
        let viewer = Viewer::load(conn, &access)?;
        let w = queries::find(conn, &viewer, id)?;
        if !viewer.is_observed(&w) {
            return Err(AppError::Forbidden);
        }
        if w.acknowledged_at.is_some() || checked.is_err() {
            return Ok((false, Detail { w, viewer }));
        }
        queries::acknowledge(conn, &viewer, id, stored_reply.as_deref())?;
        Ok((true, Detail { w, viewer }))
    })
    .await?;
    match outcome {
        (true, _) => {
            flash::push(
                &session,
                Level::Success,
                "Thank you. The director can see that you have read it.",
            );
            Ok(see_other(&format!("/walkthroughs/{id}")))
        }
        (false, detail) if detail.w.acknowledged_at.is_some() => {
            flash::push(
                &session,
                Level::Info,
                "You had already acknowledged this walkthrough.",
            );
            Ok(see_other(&format!("/walkthroughs/{id}")))
        }
        (false, detail) => {
            let message = forms::notes(&reply, "Your reply", 2_000).err();
            render_as(
                &detail_page(&page, &state, detail, reply, message, None),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    }
}

async fn delete_walkthrough(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let access = page.access.clone();
    crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let conn = tenant.conn();
        let viewer = Viewer::load(conn, &access)?;
        queries::find(conn, &viewer, id)?;
        queries::soft_delete(conn, &viewer, id)?;
        Ok(())
    })
    .await?;
    flash::push(
        &session,
        Level::Success,
        "Walkthrough deleted. It no longer shows anywhere; the record itself is kept.",
    );
    Ok(see_other("/walkthroughs"))
}

// ---------------------------------------------------------------- insight

struct Comment {
    date: NaiveDate,
    area: &'static str,
    text: String,
    director: String,
    walkthrough: Uuid,
}

#[derive(Template)]
#[template(path = "walkthroughs/teacher.html")]
struct TeacherPage {
    layout: Layout,
    name: String,
    visits: Vec<Walkthrough>,
    overall: Option<Vec<String>>,
    labels: Vec<&'static str>,
    periods: Vec<Period>,
    chart: Chart,
    comments: Vec<Comment>,
    observer: bool,
}

async fn teacher_trend(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let staff_id = path.into_inner();
    let access = page.access.clone();
    let (name, observer, mut visits) =
        crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
            let conn = tenant.conn();
            use diesel::prelude::*;
            let viewer = Viewer::load(conn, &access)?;
            let (name, campus) = queries::staff_member(conn, access.organization_id, staff_id)?;
            let within_reach = match &viewer.scope {
                Scope::Organization | Scope::Authored => true,
                Scope::Campus(c) => campus == Some(*c),
                Scope::Observed(ids) => ids.contains(&staff_id),
            };
            if !within_reach {
                return Err(AppError::NotFound);
            }
            let visits: Vec<Walkthrough> = queries::visible(&viewer)
                .filter(walkthrough_checkins::teacher_id.eq(staff_id))
                .order((
                    walkthrough_checkins::check_in_date.asc(),
                    walkthrough_checkins::check_in_time.asc(),
                ))
                .select(Walkthrough::as_select())
                .load(conn)?;
            Ok((name, viewer.is_observer(), visits))
        })
        .await?;
    let periods = insight::periods(&visits);
    let chart = insight::chart(&periods);
    let all: Vec<&Walkthrough> = visits.iter().collect();
    let overall =
        insight::averages(&all).map(|a| a.iter().map(|v| insight::one_decimal(*v)).collect());
    let mut comments = Vec::new();
    for w in visits.iter().rev() {
        for (d, comment) in DIMENSIONS.iter().zip(w.comments()) {
            if let Some(text) = comment {
                comments.push(Comment {
                    date: w.check_in_date,
                    area: d.label,
                    text: text.clone(),
                    director: w.director_name.clone(),
                    walkthrough: w.id,
                });
            }
        }
        if let Some(notes) = &w.overall_notes {
            comments.push(Comment {
                date: w.check_in_date,
                area: "Overall",
                text: notes.clone(),
                director: w.director_name.clone(),
                walkthrough: w.id,
            });
        }
    }
    comments.truncate(10);
    visits.reverse();
    render(&TeacherPage {
        layout: page.layout(format!("Walkthroughs · {name}")),
        name,
        visits,
        overall,
        labels: DIMENSIONS.iter().map(|d| d.label).collect(),
        periods,
        chart,
        comments,
        observer,
    })
}

#[derive(Deserialize, Default)]
struct CampusQuery {
    days: Option<String>,
}

struct TermColumn {
    term: Term,
    visits: usize,
    averages: Option<[f64; 7]>,
}

struct TermRow {
    label: &'static str,
    this: String,
    last: String,
    change: String,
    trend: &'static str,
}

#[derive(Template)]
#[template(path = "walkthroughs/campus.html")]
struct CampusPage {
    layout: Layout,
    campus: CampusRow,
    this_term: Option<TermColumn>,
    last_term: Option<TermColumn>,
    rows: Vec<TermRow>,
    days: i64,
    days_error: Option<String>,
    unvisited: Vec<Unvisited>,
    teacher_count: usize,
}

async fn campus_insight(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    query: input::Query<CampusQuery>,
) -> Result<HttpResponse, AppError> {
    let campus_id = path.into_inner();
    let (days, days_error) = match query.days.as_deref().map(str::trim) {
        None | Some("") => (30, None),
        Some(text) => match text.parse::<i64>() {
            Ok(d) if (1..=730).contains(&d) => (d, None),
            _ => (
                30,
                Some("Enter a number of days from 1 to 730; showing 30.".to_owned()),
            ),
        },
    };
    let access = page.access.clone();
    let today = access.today();
    let (campus, years, visits, teachers) =
        crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
            let conn = tenant.conn();
            use diesel::prelude::*;
            let viewer = Viewer::load(conn, &access)?;
            let campus = queries::campus(conn, access.organization_id, campus_id)?;
            match &viewer.scope {
                Scope::Organization | Scope::Authored => {}
                Scope::Campus(c) if *c == campus_id => {}
                Scope::Campus(_) => return Err(AppError::NotFound),
                Scope::Observed(_) => return Err(AppError::Forbidden),
            }
            let years: Vec<(String, NaiveDate, NaiveDate)> = academic_years::table
                .filter(academic_years::organization_id.eq(access.organization_id))
                .filter(academic_years::deleted_at.is_null())
                .select((
                    academic_years::name,
                    academic_years::start_date,
                    academic_years::end_date,
                ))
                .load(conn)?;
            let visits: Vec<Walkthrough> = queries::visible(&viewer)
                .filter(walkthrough_checkins::campus_id.eq(campus_id))
                .select(Walkthrough::as_select())
                .load(conn)?;
            let teachers = queries::teachers_in_reach(conn, &viewer, Some(campus_id))?;
            Ok((campus, years, visits, teachers))
        })
        .await?;
    let terms = insight::terms(&years);
    let (this, last) = insight::this_and_last(&terms, today);
    let column = |term: Option<&Term>| {
        term.map(|t| {
            let within: Vec<&Walkthrough> = visits
                .iter()
                .filter(|w| w.check_in_date >= t.start && w.check_in_date <= t.end)
                .collect();
            TermColumn {
                term: t.clone(),
                visits: within.len(),
                averages: insight::averages(&within),
            }
        })
    };
    let this_term = column(this);
    let last_term = column(last);
    let averages_of = |c: &Option<TermColumn>| c.as_ref().and_then(|c| c.averages);
    let (now, before) = (averages_of(&this_term), averages_of(&last_term));
    let rows = DIMENSIONS
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let this = now.map(|a| a[i]);
            let last = before.map(|a| a[i]);
            let (change, trend) = match (this, last) {
                (Some(t), Some(l)) => {
                    let delta = (t - l) * 10.0;
                    let delta = delta.round() / 10.0;
                    if delta > 0.0 {
                        (format!("+{delta:.1}"), "up")
                    } else if delta < 0.0 {
                        (format!("{delta:.1}"), "down")
                    } else {
                        ("0.0".to_owned(), "same")
                    }
                }
                _ => ("—".to_owned(), "same"),
            };
            TermRow {
                label: d.label,
                this: this.map_or_else(|| "—".to_owned(), insight::one_decimal),
                last: last.map_or_else(|| "—".to_owned(), insight::one_decimal),
                change,
                trend,
            }
        })
        .collect();
    let last_visits: Vec<(Uuid, NaiveDate)> = visits
        .iter()
        .filter_map(|w| w.teacher_id.map(|t| (t, w.check_in_date)))
        .collect();
    let teacher_count = teachers.len();
    let unvisited = insight::coverage(
        teachers.into_iter().map(|t| (t.id, t.name)).collect(),
        &last_visits,
        today,
        days,
    );
    render(&CampusPage {
        layout: page.layout(format!("Walkthroughs · {}", campus.name)),
        campus,
        this_term,
        last_term,
        rows,
        days,
        days_error,
        unvisited,
        teacher_count,
    })
}
