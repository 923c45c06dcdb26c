//! The new and edit forms, and saving them: a form comes back with the user's values
//! and a message per field when it cannot be saved, and with both versions side by
//! side when someone else saved the record meanwhile.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use uuid::Uuid;

use super::{Opt, PICKER_SIZE, parse_id};
use crate::db::{Tenant, UserId};
use crate::forms::once::{self, Once, Owner};
use crate::forms::{Guard, kept};
use crate::i18n::Lang;
use crate::resources::engine::{self, Draft, Given, Saved, given_value};
use crate::resources::store::{self, Row};
use crate::resources::{Kind, Resource, Warning, values};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::flash::{self, Flash, Level};
use crate::web::form::FieldErrors;
use crate::web::format::Locale;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render_as, see_other};

pub struct InputView {
    pub name: &'static str,
    pub label: String,
    /// text, email, textarea, select, relation, date, time, datetime-local, number, money, checkbox, json
    pub kind: &'static str,
    pub value: String,
    pub search: String,
    pub options: Vec<Opt>,
    pub error: Option<String>,
    pub required: bool,
    pub options_href: String,
}

pub struct ConflictRow {
    pub label: String,
    pub theirs: String,
    pub yours: String,
}

#[derive(Template)]
#[template(path = "resources/form.html")]
struct FormPage {
    layout: Layout,
    heading: String,
    action: String,
    cancel: String,
    stamp: String,
    guard: Guard,
    inputs: Vec<InputView>,
    form_error: Option<String>,
    conflict: Vec<ConflictRow>,
    /// A new record that may repeat another: said above the form, with the tick to go on.
    warning: Option<Warning>,
}

/// The form's inputs, with the choices of its relations and the messages against them.
fn inputs(
    tenant: &mut Tenant<'_>,
    res: &'static Resource,
    given: &[(String, String)],
    errors: &FieldErrors,
    t: Lang,
) -> diesel::QueryResult<Vec<InputView>> {
    let mut views = Vec::new();
    for field in res.fields.iter().filter(|f| !res.is_derived(f.column)) {
        let value = given_value(given, field.column).to_owned();
        // What was typed in a relation's search box, searched like the list's `q`.
        let search = input::strip_controls(given_value(given, &format!("{}__q", field.column)));
        let (kind, options, options_href) = match &field.kind {
            Kind::Text { .. } => ("text", Vec::new(), String::new()),
            Kind::LongText => ("textarea", Vec::new(), String::new()),
            Kind::Json => ("json", Vec::new(), String::new()),
            Kind::Email => ("email", Vec::new(), String::new()),
            Kind::Date => ("date", Vec::new(), String::new()),
            Kind::Time => ("time", Vec::new(), String::new()),
            Kind::Timestamp => ("datetime-local", Vec::new(), String::new()),
            Kind::Integer { .. } => ("number", Vec::new(), String::new()),
            Kind::Money | Kind::Decimal => ("money", Vec::new(), String::new()),
            Kind::Flag => ("checkbox", Vec::new(), String::new()),
            Kind::Choice { .. } => (
                "select",
                Opt::fixed(&field.kind, &value, t).unwrap_or_default(),
                String::new(),
            ),
            Kind::Relation(target) => {
                let current = Uuid::parse_str(&value).ok();
                let options = store::choices(tenant, target, &search, current, PICKER_SIZE)?
                    .into_iter()
                    .map(|c| Opt::of(c, current))
                    .collect();
                ("relation", options, format!("{}/options", target.path()))
            }
        };
        views.push(InputView {
            name: field.column,
            label: field.label_in(t),
            kind,
            value,
            search,
            options,
            error: errors.get(field.column).map(str::to_owned),
            required: field.required,
            options_href,
        });
    }
    Ok(views)
}

/// A stored row as the form's inputs.
fn given_from_row(res: &Resource, row: &Row, tz: chrono_tz::Tz) -> Given {
    res.fields
        .iter()
        .enumerate()
        .map(|(i, f)| (f.column.to_owned(), values::input_value(f, row.raw(i), tz)))
        .collect()
}

/// A form to show: the record edited (none for a new one) and what the form holds.
#[derive(Default)]
struct FormView {
    editing: Option<(Uuid, String)>,
    /// The edited row's `updated_at` when the form was filled, for the optimistic lock.
    stamp: String,
    inputs: Vec<InputView>,
    form_error: Option<String>,
    conflict: Vec<ConflictRow>,
    /// What the form was sent with or restored from: its one-time token goes on.
    given: Given,
    /// Said above the form: its input restored after signing in, or not.
    notice: Option<Flash>,
    warning: Option<Warning>,
}

impl FormView {
    fn render(
        self,
        res: &'static Resource,
        page: &Page,
        status: StatusCode,
    ) -> Result<HttpResponse, AppError> {
        let (heading, target, guard) = match &self.editing {
            Some((id, title)) => (
                page.t
                    .message("engine-edit-title")
                    .arg("title", title)
                    .to_string(),
                format!("{}/{id}", res.path()),
                Guard::edit(format!("{}/{id}/edit", res.path())),
            ),
            None => (
                res.new_in(page.t),
                res.path().to_owned(),
                Guard::new_record(format!("{}/new", res.path()), &self.given),
            ),
        };
        let mut layout = page.layout(heading.clone());
        layout.flashes.extend(self.notice);
        let page = FormPage {
            layout,
            heading,
            action: target.clone(),
            cancel: target,
            stamp: self.stamp,
            guard,
            inputs: self.inputs,
            form_error: self.form_error,
            conflict: self.conflict,
            warning: self.warning,
        };
        render_as(&page, status)
    }
}

pub async fn new_form(
    res: &'static Resource,
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    // Links from a parent's tab preset the relation (`/guardians/new?student_id=…`).
    let mut presets: Given = query
        .iter()
        .filter(|(k, _)| res.field(k).is_some())
        .cloned()
        .collect();
    for field in res.fields {
        if let Some(default) = field.default
            && !presets.iter().any(|(k, _)| k == field.column)
        {
            let shown = match field.kind {
                Kind::Flag if default == "true" => "on",
                _ => default,
            };
            presets.push((field.column.to_owned(), shown.to_owned()));
        }
    }
    let restore = crate::forms::field(&query, "restore").map(str::to_owned);
    let t = page.t;
    let (given, notice, inputs) = run_in(&state.pool, page.access.actor(), move |tenant| {
        let form_page = format!("{}/new", res.path());
        let restored = kept::restore(tenant, &form_page, restore.as_deref())?;
        let (given, notice) = restored.or(presets, t);
        let inputs = inputs(tenant, res, &given, &FieldErrors::default(), t)?;
        Ok((given, notice, inputs))
    })
    .await?;
    let view = FormView {
        inputs,
        given,
        notice,
        ..FormView::default()
    };
    view.render(res, &page, StatusCode::OK)
}

pub async fn edit_form(
    res: &'static Resource,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
    query: input::Query<crate::forms::RestoreQuery>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let restore = query.into_inner().restore;
    let t = page.t;
    let (row, given, notice, inputs) = run_in(&state.pool, page.access.actor(), move |tenant| {
        let row = engine::live(tenant, res, id)?;
        let form_page = format!("{}/{id}/edit", res.path());
        let restored = kept::restore(tenant, &form_page, restore.as_deref())?;
        let (given, notice) = restored.or(given_from_row(res, &row, tenant.time_zone()), t);
        let inputs = inputs(tenant, res, &given, &FieldErrors::default(), t)?;
        Ok((row, given, notice, inputs))
    })
    .await?;
    // A restored form keeps the version it was opened on, so a change meanwhile shows.
    let stamp = match given_value(&given, "updated_at") {
        "" => row.stamp,
        kept => kept.to_owned(),
    };
    let view = FormView {
        editing: Some((id, row.title)),
        stamp,
        inputs,
        notice,
        ..FormView::default()
    };
    view.render(res, &page, StatusCode::OK)
}

pub async fn create(
    res: &'static Resource,
    page: Page,
    state: web::Data<AppState>,
    form: input::Fields,
    session: Session,
) -> Result<HttpResponse, AppError> {
    save(res, page, state, None, form.into_inner(), session).await
}

pub async fn update(
    res: &'static Resource,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: input::Fields,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    save(res, page, state, Some(id), form.into_inner(), session).await
}

/// Where the stored record and the user's form differ, each as people read it.
fn conflict(
    res: &'static Resource,
    theirs: &Row,
    given: &Given,
    inputs: &[InputView],
    locale: &Locale,
) -> Vec<ConflictRow> {
    res.fields
        .iter()
        .enumerate()
        .filter(|(_, f)| !res.is_derived(f.column))
        .filter_map(|(i, f)| {
            let yours_input = given_value(given, f.column);
            let stored_input = values::input_value(f, theirs.raw(i), locale.time_zone);
            (yours_input.trim() != stored_input.trim()).then(|| ConflictRow {
                label: f.label_in(locale.t),
                theirs: theirs.shown(res, i, locale),
                yours: inputs
                    .iter()
                    .find(|v| v.name == f.column)
                    .and_then(|v| v.options.iter().find(|o| o.value == yours_input))
                    .map_or_else(|| yours_input.to_owned(), |o| o.label.clone()),
            })
        })
        .collect()
}

impl FormView {
    /// The form again with its messages: nothing was saved.
    fn invalid(
        mut self,
        res: &'static Resource,
        page: &Page,
        errors: &FieldErrors,
    ) -> Result<HttpResponse, AppError> {
        self.form_error = Some(
            errors
                .get("")
                .map_or_else(|| page.t.text("engine-form-invalid"), str::to_owned),
        );
        self.render(res, page, StatusCode::UNPROCESSABLE_ENTITY)
    }

    /// The form again beside `theirs`, saved by someone else meanwhile; saving again keeps yours.
    fn stale(
        mut self,
        res: &'static Resource,
        page: &Page,
        given: &Given,
        theirs: Row,
    ) -> Result<HttpResponse, AppError> {
        self.conflict = conflict(res, &theirs, given, &self.inputs, &page.locale());
        let t = page.t;
        let who = theirs
            .updated_by
            .clone()
            .unwrap_or_else(|| t.text("engine-someone"));
        self.form_error = Some(
            t.message("engine-form-stale")
                .arg("who", who)
                .arg("record", res.singular_in(t))
                .arg("title", &theirs.title)
                .to_string(),
        );
        self.stamp = theirs.stamp;
        self.render(res, page, StatusCode::CONFLICT)
    }
}

/// What a save came to, the record as it was before, and the form's inputs to show again.
type Outcome = (Saved, Option<Row>, Vec<InputView>);

/// Saves the form; a new record's form creates once per token.
fn save_once(
    tenant: &mut Tenant<'_>,
    res: &'static Resource,
    draft: Draft<'_>,
) -> Result<Once<Outcome>, AppError> {
    let token = match draft.id {
        None => once::token_in(draft.given),
        Some(_) => None,
    };
    let (form, t) = (draft.given, draft.t);
    let made = once::create_once(
        tenant,
        Owner::of(tenant),
        token,
        |tenant| engine::save(tenant, res, draft),
        |(saved, _)| match saved {
            Saved::Done(id) => Some(format!("{}/{id}", res.path())),
            _ => None,
        },
    )?;
    let (saved, current) = match made {
        Once::Created(made) => made,
        Once::AlreadySaved(record) => return Ok(Once::AlreadySaved(record)),
    };
    let inputs = match &saved {
        Saved::Done(_) => Vec::new(),
        Saved::Invalid(errors) => inputs(tenant, res, form, errors, t)?,
        Saved::Stale(_) | Saved::Unconfirmed(_) => {
            inputs(tenant, res, form, &FieldErrors::default(), t)?
        }
    };
    Ok(Once::Created((saved, current, inputs)))
}

async fn save(
    res: &'static Resource,
    page: Page,
    state: web::Data<AppState>,
    id: Option<Uuid>,
    given: Given,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let by = UserId::new(page.access.user_id);
    let form = given.clone();
    let t = page.t;
    let made = run_in(&state.pool, page.access.actor(), move |tenant| {
        save_once(tenant, res, Draft::new(id, &form, by, t))
    })
    .await?;
    let (saved, current, inputs) = match made {
        Once::Created(made) => made,
        Once::AlreadySaved(record) => return Ok(once::already_saved(&session, &record, t)),
    };
    let records = res.label_in(t);
    let done = match &current {
        Some(row) => t.message("engine-saved-record").arg("title", &row.title),
        None => t.message("engine-added-record"),
    }
    .arg("record", res.singular_in(t))
    .arg("records", records)
    .to_string();
    let view = FormView {
        editing: current.map(|r| (r.id, r.title)),
        stamp: given_value(&given, "updated_at").to_owned(),
        inputs,
        given: given.clone(),
        ..FormView::default()
    };
    match saved {
        Saved::Done(id) => {
            flash::push(&session, Level::Success, done);
            Ok(see_other(&format!("{}/{id}", res.path())))
        }
        Saved::Invalid(errors) => view.invalid(res, &page, &errors),
        Saved::Stale(theirs) => view.stale(res, &page, &given, theirs),
        Saved::Unconfirmed(warning) => FormView {
            warning: Some(warning),
            ..view
        }
        .render(res, &page, StatusCode::UNPROCESSABLE_ENTITY),
    }
}
