//! The student pages: profile, medical notes, admissions, and the enrolment tools.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use super::admissions::{self, Application, Decision, GuardianLink};
use super::enrolment::{self, Candidate, ClassChoice, EnrolError};
use super::profile::{self, Profile};
use super::queries::{self, Health};
use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::db::enums::{GuardianRelationship, StudentStatus};
use crate::i18n::{Lang, msg};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::form::FieldErrors;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render, render_as, see_other};

const fn requires(action: Action, entity: Entity) -> Gate {
    Gate::Requires(Permission::new(action, entity))
}

pub fn routes(r: &mut Routes) {
    let read = requires(Action::Read, Entity::Students);
    let health = requires(Action::Update, Entity::StudentHealth);
    let admit_read = requires(Action::Read, Entity::Admissions);
    let admit_new = requires(Action::Create, Entity::Admissions);
    let admit = requires(Action::Update, Entity::Admissions);
    let enrol = requires(Action::Create, Entity::ClassEnrollments);
    let leave = requires(Action::Update, Entity::Students);
    r.get("/students/{id}/profile", read, show_profile)
        .get("/students/{id}/medical", health, health_form)
        .post("/students/{id}/medical", health, save_health)
        .get("/students/{id}/move", enrol, move_form)
        .post("/students/{id}/move", enrol, save_move)
        .get("/students/{id}/withdraw", leave, withdraw_form)
        .post("/students/{id}/withdraw", leave, save_withdraw)
        .get("/admissions", admit_read, list_admissions)
        .get("/admissions/new", admit_new, new_application)
        .post("/admissions", admit_new, create_application)
        .post("/admissions/{id}/accept", admit, accept)
        .post("/admissions/{id}/decline", admit, decline)
        .post("/admissions/{id}/enrol", admit, enrol_applicant)
        .get("/enrolment", enrol, bulk_form)
        .post("/enrolment", enrol, save_bulk);
    r.menu(MenuEntry {
        group: MenuGroup::StudentsAndFamilies,
        order: 200,
        label: "stu-nav-admissions",
        href: "/admissions",
        gate: admit_read,
    });
    r.menu(MenuEntry {
        group: MenuGroup::StudentsAndFamilies,
        order: 201,
        label: "stu-nav-enrolment",
        href: "/enrolment",
        gate: enrol,
    });
}

fn parse_id(text: &str) -> Result<Uuid, AppError> {
    text.parse().map_err(|_| AppError::NotFound)
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// Text typed in a form: trimmed, `None` when empty.
fn typed(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|s| !s.is_empty())
}

/// A one-line field: required or not, at most `max` characters, one line, and no
/// character that turns the text around.
fn one_line(
    errors: &mut FieldErrors,
    t: Lang,
    field: &'static str,
    label: &str,
    value: &str,
    required: bool,
    max: usize,
) -> Option<String> {
    let value = typed(value);
    let problem = match &value {
        None if required => Some(t.message("stu-required").arg("label", label).to_string()),
        None => None,
        Some(v) if v.chars().count() > max => Some(
            t.message("stu-too-long")
                .arg("label", label)
                .arg("max", max)
                .to_string(),
        ),
        Some(v) => input::unstorable(v, false)
            .map(|u| u.message_in(t, label))
            .or_else(|| input::changes_direction(v).then(|| input::direction_message_in(t, label))),
    };
    match problem {
        Some(message) => {
            errors.add(field, message);
            None
        }
        None => value,
    }
}

// ----- the profile -----

#[derive(Template)]
#[template(path = "students/profile.html")]
struct ProfilePage {
    layout: Layout,
    profile: Profile,
}

#[derive(Deserialize)]
struct TabQuery {
    tab: Option<String>,
    page: Option<String>,
}

async fn show_profile(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: input::Query<TabQuery>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path)?;
    let access = page.access.clone();
    let locale = page.locale();
    let TabQuery { tab, page: page_no } = query.into_inner();
    let page_no = page_no.and_then(|p| p.trim().parse().ok()).unwrap_or(1);
    let profile = run_in(&state.pool, access.actor(), move |tenant| {
        profile::load(tenant, &access, id, (tab.as_deref(), page_no), &locale)
    })
    .await?;
    render(&ProfilePage {
        layout: page.layout(profile.name.clone()),
        profile,
    })
}

// ----- medical notes -----

#[derive(Template)]
#[template(path = "students/health.html")]
struct HealthPage {
    layout: Layout,
    id: Uuid,
    name: String,
    back: String,
    fields: Vec<(&'static str, String, String)>,
    errors: FieldErrors,
}

#[derive(Deserialize, Default)]
struct HealthForm {
    #[serde(default)]
    allergies: String,
    #[serde(default)]
    medical_notes: String,
    #[serde(default)]
    emergency_contacts: String,
}

fn health_page(
    page: &Page,
    id: Uuid,
    name: String,
    form: &HealthForm,
    errors: FieldErrors,
) -> HealthPage {
    let t = page.t;
    HealthPage {
        layout: page.layout(
            t.message("stu-health-title")
                .arg("name", name.as_str())
                .to_string(),
        ),
        id,
        back: format!("{}#medical", super::profile_path(id)),
        name,
        fields: vec![
            ("allergies", t.text("stu-allergies"), form.allergies.clone()),
            (
                "medical_notes",
                t.text("stu-medical-notes"),
                form.medical_notes.clone(),
            ),
            (
                "emergency_contacts",
                t.text("stu-emergency-contacts"),
                form.emergency_contacts.clone(),
            ),
        ],
        errors,
    }
}

/// The student's name, or not found.
fn name_of(tenant: &mut crate::db::Tenant<'_>, id: Uuid) -> Result<String, AppError> {
    let s = queries::student(tenant, id)?.ok_or(AppError::NotFound)?;
    Ok(format!("{} {}", s.first_name, s.last_name))
}

async fn health_form(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path)?;
    let (name, h) = run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok((name_of(tenant, id)?, queries::health(tenant, id)?))
    })
    .await?;
    let form = HealthForm {
        allergies: h.allergies.unwrap_or_default(),
        medical_notes: h.medical_notes.unwrap_or_default(),
        emergency_contacts: h.emergency_contacts.unwrap_or_default(),
    };
    render(&health_page(&page, id, name, &form, FieldErrors::default()))
}

fn long_text(
    errors: &mut FieldErrors,
    t: Lang,
    field: &'static str,
    value: &str,
    max: usize,
) -> Option<String> {
    let value = typed(value);
    if value.as_ref().is_some_and(|v| v.chars().count() > max) {
        let label = t.text(match field {
            "allergies" => msg("stu-allergies"),
            "medical_notes" => msg("stu-medical-notes"),
            _ => msg("stu-emergency-contacts"),
        });
        errors.add(
            field,
            t.message("stu-too-long")
                .arg("label", label)
                .arg("max", max)
                .to_string(),
        );
    }
    value
}

async fn save_health(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<String>,
    form: input::Form<HealthForm>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path)?;
    let form = form.into_inner();
    let t = page.t;
    let mut errors = FieldErrors::default();
    let h = Health {
        allergies: long_text(&mut errors, t, "allergies", &form.allergies, 2000),
        medical_notes: long_text(&mut errors, t, "medical_notes", &form.medical_notes, 4000),
        emergency_contacts: long_text(
            &mut errors,
            t,
            "emergency_contacts",
            &form.emergency_contacts,
            2000,
        ),
    };
    let ok = errors.is_empty();
    let name = run_in(&state.pool, page.access.actor(), move |tenant| {
        let name = name_of(tenant, id)?;
        if ok {
            queries::save_health(tenant, id, &h)?;
        }
        Ok(name)
    })
    .await?;
    if !ok {
        return render_as(
            &health_page(&page, id, name, &form, errors),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    flash::push(&session, Level::Success, t.text("stu-health-saved"));
    Ok(see_other(&format!("{}#medical", super::profile_path(id))))
}

// ----- admissions -----

#[derive(Template)]
#[template(path = "students/admissions.html")]
struct AdmissionsPage {
    layout: Layout,
    rows: Vec<admissions::Applicant>,
    classes: Vec<ClassChoice>,
    may_create: bool,
    may_decide: bool,
    may_enrol: bool,
    /// A refused action: the admission, its message, and whether a tick confirms it.
    problem: Option<(Uuid, String, bool)>,
}

impl AdmissionsPage {
    fn stage(&self, a: &admissions::Applicant) -> String {
        self.layout.t.choice("admission_stage", a.stage.as_str())
    }
    fn stage_key(&self, a: &admissions::Applicant) -> &'static str {
        a.stage.as_str()
    }
    fn date(&self, d: &NaiveDate) -> String {
        self.layout.t.date(*d)
    }
    fn problem_for(&self, id: &Uuid) -> Option<(&str, bool)> {
        self.problem
            .as_ref()
            .filter(|(p, ..)| p == id)
            .map(|(_, m, tick)| (m.as_str(), *tick))
    }
}

async fn admissions_page(
    page: &Page,
    state: &AppState,
    problem: Option<(Uuid, String, bool)>,
) -> Result<AdmissionsPage, AppError> {
    let (rows, classes) = run_in(&state.pool, page.access.actor(), |tenant| {
        Ok((
            admissions::list(tenant)?,
            enrolment::classes_this_year(tenant)?,
        ))
    })
    .await?;
    Ok(AdmissionsPage {
        layout: page.layout(page.t.text("stu-admissions-title")),
        rows,
        classes,
        may_create: page.can(Action::Create, Entity::Admissions),
        may_decide: page.can(Action::Update, Entity::Admissions),
        may_enrol: page.can(Action::Update, Entity::Admissions)
            && page.can(Action::Create, Entity::ClassEnrollments),
        problem,
    })
}

async fn list_admissions(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    render(&admissions_page(&page, &state, None).await?)
}

#[derive(Template)]
#[template(path = "students/application.html")]
struct ApplicationPage {
    layout: Layout,
    form: ApplicationForm,
    errors: FieldErrors,
    /// A live student with the applicant's name and birthday, and the tick to go on.
    warning: Option<crate::resources::Warning>,
    campuses: Vec<(Uuid, String)>,
    grades: Vec<(Uuid, String)>,
    relationships: Vec<(&'static str, String)>,
}

#[derive(Deserialize, Default)]
struct ApplicationForm {
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    date_of_birth: String,
    #[serde(default)]
    campus_id: String,
    #[serde(default)]
    grade_id: String,
    #[serde(default)]
    applied_on: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    guardian_name: String,
    #[serde(default)]
    guardian_relationship: String,
    #[serde(default)]
    guardian_email: String,
    #[serde(default)]
    guardian_phone: String,
    /// Ticked when the office has seen the duplicate warning and goes on.
    #[serde(default)]
    confirm_warning: Option<String>,
}

async fn application_page(
    page: &Page,
    state: &AppState,
    form: ApplicationForm,
    errors: FieldErrors,
) -> Result<ApplicationPage, AppError> {
    let (grades, campuses) = run_in(&state.pool, page.access.actor(), |tenant| {
        Ok(admissions::choices(tenant)?)
    })
    .await?;
    let t = page.t;
    Ok(ApplicationPage {
        layout: page.layout(t.text("stu-application-title")),
        form,
        errors,
        warning: None,
        campuses,
        grades,
        relationships: GuardianRelationship::ALL
            .iter()
            .map(|r| (r.as_str(), t.choice("guardian_relationship", r.as_str())))
            .collect(),
    })
}

async fn new_application(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let form = ApplicationForm {
        applied_on: page.access.today().to_string(),
        ..ApplicationForm::default()
    };
    render(&application_page(&page, &state, form, FieldErrors::default()).await?)
}

/// The application as typed, checked; the errors per field otherwise.
fn check_application(f: &ApplicationForm, t: Lang) -> Result<Application, FieldErrors> {
    let mut e = FieldErrors::default();
    let first_name = one_line(
        &mut e,
        t,
        "first_name",
        &t.text("stu-first-name"),
        &f.first_name,
        true,
        100,
    );
    let last_name = one_line(
        &mut e,
        t,
        "last_name",
        &t.text("stu-last-name"),
        &f.last_name,
        true,
        100,
    );
    let date_of_birth = match typed(&f.date_of_birth) {
        None => None,
        Some(d) => {
            match parse_date(&d).filter(|d| *d > NaiveDate::MIN && d.to_string().len() == 10) {
                Some(d) => Some(d),
                None => {
                    e.add("date_of_birth", t.text("stu-date-invalid"));
                    None
                }
            }
        }
    };
    let applied_on = parse_date(&f.applied_on);
    if applied_on.is_none() {
        e.add("applied_on", t.text("stu-date-invalid"));
    }
    let campus_id = f.campus_id.parse::<Uuid>().ok();
    if campus_id.is_none() {
        e.add("campus_id", t.text("stu-pick-campus"));
    }
    let grade_id = f.grade_id.parse::<Uuid>().ok();
    let notes = typed(&f.notes);
    if notes.as_ref().is_some_and(|n| n.chars().count() > 4000) {
        e.add(
            "notes",
            t.message("stu-too-long")
                .arg("label", t.text("stu-notes"))
                .arg("max", 4000)
                .to_string(),
        );
    }
    let g_name = one_line(
        &mut e,
        t,
        "guardian_name",
        &t.text("stu-guardian-name"),
        &f.guardian_name,
        false,
        200,
    );
    let email = one_line(
        &mut e,
        t,
        "guardian_email",
        &t.text("stu-guardian-email"),
        &f.guardian_email,
        false,
        200,
    );
    if email.as_ref().is_some_and(|m| !m.contains('@')) {
        e.add("guardian_email", t.text("stu-email-invalid"));
    }
    let phone = one_line(
        &mut e,
        t,
        "guardian_phone",
        &t.text("stu-guardian-phone"),
        &f.guardian_phone,
        false,
        50,
    );
    let relationship = GuardianRelationship::ALL
        .iter()
        .copied()
        .find(|r| r.as_str() == f.guardian_relationship);
    if g_name.is_none() && (email.is_some() || phone.is_some()) {
        e.add(
            "guardian_name",
            t.message("stu-required")
                .arg("label", t.text("stu-guardian-name"))
                .to_string(),
        );
    }
    match (first_name, last_name, applied_on, campus_id) {
        (Some(first_name), Some(last_name), Some(applied_on), Some(campus_id)) if e.is_empty() => {
            Ok(Application {
                first_name,
                last_name,
                date_of_birth,
                campus_id,
                grade_id,
                applied_on,
                notes,
                guardian: g_name.map(|name| GuardianLink {
                    name,
                    relationship,
                    email,
                    phone,
                }),
            })
        }
        _ => Err(e),
    }
}

async fn create_application(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    form: input::Form<ApplicationForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let application = match check_application(&form, page.t) {
        Ok(a) => a,
        Err(errors) => {
            let shown = application_page(&page, &state, form, errors).await?;
            return render_as(&shown, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let confirmed = (form.confirm_warning.is_some(), page.t);
    let stored = run_in(&state.pool, page.access.actor(), move |tenant| {
        admissions::apply(tenant, &application, confirmed)
    })
    .await?;
    let refused = |errors, warning| async {
        let mut shown = application_page(&page, &state, form, errors).await?;
        shown.warning = warning;
        render_as(&shown, StatusCode::UNPROCESSABLE_ENTITY)
    };
    match stored {
        admissions::Applied::Stored(_) => {}
        admissions::Applied::UnknownChoice => {
            let mut errors = FieldErrors::default();
            errors.add("campus_id", page.t.text("stu-pick-campus"));
            return refused(errors, None).await;
        }
        admissions::Applied::Duplicate(warning) => {
            return refused(FieldErrors::default(), Some(warning)).await;
        }
    }
    flash::push(
        &session,
        Level::Success,
        page.t.text("stu-application-saved"),
    );
    Ok(see_other("/admissions"))
}

#[derive(Deserialize, Default)]
struct DecisionForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    class_id: String,
    #[serde(default)]
    confirm_capacity: Option<String>,
}

async fn accept(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path)?;
    let done = run_in(&state.pool, page.access.actor(), move |tenant| {
        admissions::decide(tenant, id, Decision::Accept)
    })
    .await?;
    let said = if done {
        msg("stu-accepted")
    } else {
        msg("stu-decision-stale")
    };
    flash::push(
        &session,
        if done { Level::Success } else { Level::Info },
        page.t.text(said),
    );
    Ok(see_other("/admissions"))
}

async fn decline(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<String>,
    form: input::Form<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path)?;
    let mut errors = FieldErrors::default();
    let t = page.t;
    let reason = one_line(
        &mut errors,
        t,
        "reason",
        &t.text("stu-reason"),
        &form.reason,
        true,
        1000,
    );
    let Some(reason) = reason else {
        let message = errors
            .first()
            .map(|(_, m)| m.to_owned())
            .unwrap_or_default();
        let shown = admissions_page(&page, &state, Some((id, message, false))).await?;
        return render_as(&shown, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let done = run_in(&state.pool, page.access.actor(), move |tenant| {
        admissions::decide(tenant, id, Decision::Decline(reason))
    })
    .await?;
    let said = if done {
        msg("stu-declined")
    } else {
        msg("stu-decision-stale")
    };
    flash::push(
        &session,
        if done { Level::Success } else { Level::Info },
        t.text(said),
    );
    Ok(see_other("/admissions"))
}

async fn enrol_applicant(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<String>,
    form: input::Form<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path)?;
    let t = page.t;
    let class = form.class_id.parse::<Uuid>().unwrap_or(Uuid::nil());
    let confirmed = form.confirm_capacity.is_some();
    let outcome = run_in(&state.pool, page.access.actor(), move |tenant| {
        attempt(tenant.transaction(|tenant| admissions::enrol(tenant, id, class, confirmed, t)))
    })
    .await?;
    match outcome {
        Ok(number) => {
            let said = t
                .message("stu-enrolled")
                .arg("number", number.unwrap_or_default());
            flash::push(&session, Level::Success, said.to_string());
            Ok(see_other("/admissions"))
        }
        Err(r) => {
            let tick = matches!(r, enrolment::Refusal::OverCapacity { .. });
            let shown = admissions_page(&page, &state, Some((id, r.message(t), tick))).await?;
            render_as(&shown, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

/// A refusal stays an answer for the form (its savepoint undone); a failure fails.
fn attempt<T>(outcome: Result<T, EnrolError>) -> Result<Result<T, enrolment::Refusal>, AppError> {
    match outcome {
        Ok(done) => Ok(Ok(done)),
        Err(EnrolError::Refused(r)) => Ok(Err(r)),
        Err(EnrolError::Failed(e)) => Err(e),
    }
}

// ----- enrolment tools -----

#[derive(Template)]
#[template(path = "students/enrol.html")]
struct BulkPage {
    layout: Layout,
    grades: Vec<(Uuid, String)>,
    campuses: Vec<(Uuid, String)>,
    grade: String,
    campus: String,
    classes: Vec<ClassChoice>,
    class_id: String,
    candidates: Vec<Candidate>,
    chosen: Vec<Uuid>,
    on: String,
    errors: FieldErrors,
    warn_capacity: bool,
}

#[derive(Deserialize, Default)]
struct BulkQuery {
    #[serde(default)]
    grade: String,
    #[serde(default)]
    campus: String,
}

async fn bulk_page(
    page: &Page,
    state: &AppState,
    q: BulkQuery,
    form: Option<(String, Vec<Uuid>, String)>,
    errors: FieldErrors,
    warn_capacity: bool,
) -> Result<BulkPage, AppError> {
    let grade = q.grade.parse::<Uuid>().ok();
    let campus = q.campus.parse::<Uuid>().ok();
    let ((grades, campuses), classes, candidates) =
        run_in(&state.pool, page.access.actor(), move |tenant| {
            Ok((
                enrolment::filters(tenant)?,
                enrolment::classes_this_year(tenant)?,
                enrolment::candidates(tenant, campus, grade)?,
            ))
        })
        .await?;
    let (class_id, chosen, on) =
        form.unwrap_or_else(|| (String::new(), Vec::new(), page.access.today().to_string()));
    Ok(BulkPage {
        layout: page.layout(page.t.text("stu-enrol-title")),
        grades,
        campuses,
        grade: q.grade,
        campus: q.campus,
        classes,
        class_id,
        candidates,
        chosen,
        on,
        errors,
        warn_capacity,
    })
}

async fn bulk_form(
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<BulkQuery>,
) -> Result<HttpResponse, AppError> {
    let shown = bulk_page(
        &page,
        &state,
        query.into_inner(),
        None,
        FieldErrors::default(),
        false,
    )
    .await?;
    render(&shown)
}

async fn save_bulk(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    form: input::Fields,
) -> Result<HttpResponse, AppError> {
    let pairs = form.into_inner();
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let students: Vec<Uuid> = pairs
        .iter()
        .filter(|(k, _)| k == "student")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let (class_text, on_text) = (value("class_id"), value("on"));
    let class = class_text.parse::<Uuid>().unwrap_or(Uuid::nil());
    let confirmed = !value("confirm_capacity").is_empty();
    let t = page.t;
    let on = parse_date(&on_text);
    let chosen = students.clone();
    let outcome = match on {
        None => Err(enrolment::Refusal::Invalid(
            "on",
            t.text("stu-date-invalid"),
        )),
        Some(on) => {
            run_in(&state.pool, page.access.actor(), move |tenant| {
                attempt(tenant.transaction(|tenant| {
                    enrolment::enrol_many(tenant, class, &students, on, confirmed, t)
                }))
            })
            .await?
        }
    };
    match outcome {
        Ok(n) => {
            flash::push(
                &session,
                Level::Success,
                t.message("stu-bulk-enrolled")
                    .arg("count", n as i64)
                    .to_string(),
            );
            Ok(see_other("/enrolment"))
        }
        Err(r) => {
            let mut errors = FieldErrors::default();
            errors.add(r.field(), r.message(t));
            let tick = matches!(r, enrolment::Refusal::OverCapacity { .. });
            let q = BulkQuery {
                grade: value("grade"),
                campus: value("campus"),
            };
            let shown = bulk_page(
                &page,
                &state,
                q,
                Some((class_text, chosen, on_text)),
                errors,
                tick,
            )
            .await?;
            render_as(&shown, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

#[derive(Template)]
#[template(path = "students/move.html")]
struct MovePage {
    layout: Layout,
    id: Uuid,
    name: String,
    current: Option<String>,
    classes: Vec<ClassChoice>,
    class_id: String,
    on: String,
    errors: FieldErrors,
    warn_capacity: bool,
}

#[derive(Deserialize, Default)]
struct MoveForm {
    #[serde(default)]
    class_id: String,
    #[serde(default)]
    on: String,
    #[serde(default)]
    confirm_capacity: Option<String>,
}

async fn move_page(
    page: &Page,
    state: &AppState,
    id: Uuid,
    form: MoveForm,
    errors: FieldErrors,
    warn_capacity: bool,
) -> Result<MovePage, AppError> {
    let (name, current, classes) = run_in(&state.pool, page.access.actor(), move |tenant| {
        let name = name_of(tenant, id)?;
        let enrolments = queries::enrolments(tenant, id)?;
        let current = profile::current_enrolment(tenant, &enrolments)?;
        Ok((
            name,
            current.map(|e| format!("{} · {}", e.grade, e.class_name)),
            enrolment::classes_this_year(tenant)?,
        ))
    })
    .await?;
    let on = if form.on.is_empty() {
        page.access.today().to_string()
    } else {
        form.on
    };
    Ok(MovePage {
        layout: page.layout(
            page.t
                .message("stu-move-title")
                .arg("name", name.as_str())
                .to_string(),
        ),
        id,
        name,
        current,
        classes,
        class_id: form.class_id,
        on,
        errors,
        warn_capacity,
    })
}

async fn move_form(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path)?;
    render(
        &move_page(
            &page,
            &state,
            id,
            MoveForm::default(),
            FieldErrors::default(),
            false,
        )
        .await?,
    )
}

async fn save_move(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<String>,
    form: input::Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path)?;
    let form = form.into_inner();
    let t = page.t;
    let class = form.class_id.parse::<Uuid>().unwrap_or(Uuid::nil());
    let confirmed = form.confirm_capacity.is_some();
    let outcome = match parse_date(&form.on) {
        None => Err(enrolment::Refusal::Invalid(
            "on",
            t.text("stu-date-invalid"),
        )),
        Some(on) => {
            run_in(&state.pool, page.access.actor(), move |tenant| {
                attempt(tenant.transaction(|tenant| {
                    enrolment::move_student(tenant, id, class, on, confirmed, t)
                }))
            })
            .await?
        }
    };
    if let Err(r) = outcome {
        let mut errors = FieldErrors::default();
        errors.add(r.field(), r.message(t));
        let tick = matches!(r, enrolment::Refusal::OverCapacity { .. });
        let shown = move_page(&page, &state, id, form, errors, tick).await?;
        return render_as(&shown, StatusCode::UNPROCESSABLE_ENTITY);
    }
    flash::push(&session, Level::Success, t.text("stu-moved"));
    Ok(see_other(&super::profile_path(id)))
}

#[derive(Template)]
#[template(path = "students/withdraw.html")]
struct WithdrawPage {
    layout: Layout,
    id: Uuid,
    name: String,
    statuses: Vec<(&'static str, String)>,
    form: WithdrawForm,
    errors: FieldErrors,
}

#[derive(Deserialize, Default)]
struct WithdrawForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    on: String,
    #[serde(default)]
    reason: String,
}

const LEAVING: [StudentStatus; 2] = [StudentStatus::Withdrawn, StudentStatus::Transferred];

async fn withdraw_page(
    page: &Page,
    state: &AppState,
    id: Uuid,
    mut form: WithdrawForm,
    errors: FieldErrors,
) -> Result<WithdrawPage, AppError> {
    let name = run_in(&state.pool, page.access.actor(), move |tenant| {
        name_of(tenant, id)
    })
    .await?;
    if form.on.is_empty() {
        form.on = page.access.today().to_string();
    }
    let t = page.t;
    Ok(WithdrawPage {
        layout: page.layout(
            t.message("stu-withdraw-title")
                .arg("name", name.as_str())
                .to_string(),
        ),
        id,
        name,
        statuses: LEAVING
            .iter()
            .map(|s| (s.as_str(), t.choice("student_status", s.as_str())))
            .collect(),
        form,
        errors,
    })
}

async fn withdraw_form(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path)?;
    render(
        &withdraw_page(
            &page,
            &state,
            id,
            WithdrawForm::default(),
            FieldErrors::default(),
        )
        .await?,
    )
}

async fn save_withdraw(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<String>,
    form: input::Form<WithdrawForm>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path)?;
    let form = form.into_inner();
    let t = page.t;
    let mut errors = FieldErrors::default();
    let status = LEAVING.into_iter().find(|s| s.as_str() == form.status);
    if status.is_none() {
        errors.add("status", t.text("stu-pick-status"));
    }
    let on = parse_date(&form.on);
    if on.is_none() {
        errors.add("on", t.text("stu-date-invalid"));
    }
    let reason = one_line(
        &mut errors,
        t,
        "reason",
        &t.text("stu-reason"),
        &form.reason,
        true,
        1000,
    );
    let (Some(status), Some(on), Some(reason), true) = (status, on, reason, errors.is_empty())
    else {
        let shown = withdraw_page(&page, &state, id, form, errors).await?;
        return render_as(&shown, StatusCode::UNPROCESSABLE_ENTITY);
    };
    run_in(&state.pool, page.access.actor(), move |tenant| {
        enrolment::leave(tenant, id, status, on, &reason)
    })
    .await?;
    flash::push(&session, Level::Success, t.text("stu-left"));
    Ok(see_other(&super::profile_path(id)))
}
