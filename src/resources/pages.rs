//! The generic pages: list, detail with tabs and history, new/edit forms with
//! optimistic locking, delete with confirmation, trash and restore, relation pickers.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DbError};
use uuid::Uuid;

use super::store::{self, Filter, ListState, Row};
use super::values::{self, Errors};
use super::{Field, Kind, Mode, OnDelete, Resource, entities};
use crate::access::catalog::EntityGroup;
use crate::access::{Access, Action, Entity};
use crate::files;
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{htmx, render, render_as, see_other};

/// How many choices a relation's select holds before typing narrows them.
const PICKER_SIZE: i64 = 100;

/// What every engine page says about its resource.
pub struct ResView {
    pub label: &'static str,
    pub singular: &'static str,
    pub path: &'static str,
    pub can_create: bool,
    pub can_update: bool,
    pub can_delete: bool,
    /// Homeroom writes these records itself; nobody adds them here.
    pub recorded: bool,
    /// Rows written once and never changed (a log).
    pub log: bool,
}

impl ResView {
    pub fn new(res: &'static Resource, access: &Access) -> ResView {
        ResView {
            label: res.label(),
            singular: res.singular,
            path: res.path(),
            can_create: res.allows(access, Action::Create),
            can_update: res.allows(access, Action::Update),
            can_delete: res.allows(access, Action::Delete),
            recorded: matches!(res.mode, Mode::TenantReadOnly | Mode::Log { .. }),
            log: !res.soft_deletes(),
        }
    }
}

pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct Column {
    pub label: &'static str,
    /// The address sorting by this column (the other way when it already sorts).
    pub sort_href: Option<String>,
    /// "ascending" / "descending" when the list is sorted by it.
    pub sorted: &'static str,
}

pub struct TableRow {
    pub href: String,
    pub title: String,
    pub cells: Vec<String>,
}

/// Rows of one resource as a table.
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<TableRow>,
}

/// The list's columns: listed fields, except the name column (it leads every row)
/// and, in a parent's tab, the link back to that parent.
fn listed<'a>(
    res: &'a Resource,
    back: Option<&'a str>,
) -> impl Iterator<Item = (usize, &'a Field)> {
    res.fields
        .iter()
        .enumerate()
        .filter(move |(_, f)| f.list && f.column != res.title && Some(f.column) != back)
}

fn table(
    res: &'static Resource,
    rows: &[Row],
    state: Option<&ListState>,
    back: Option<&str>,
    tz: chrono_tz::Tz,
) -> Table {
    let columns = listed(res, back)
        .map(|(_, f)| {
            let current = state
                .and_then(|s| s.sort)
                .filter(|(s, _)| s.column == f.column);
            let sorted = match current {
                Some((_, true)) => "descending",
                Some((_, false)) => "ascending",
                None => "",
            };
            let sort_href = state.filter(|_| f.sort).map(|s| {
                let desc = matches!(current, Some((_, false)));
                format!("{}?{}", res.path(), s.query(Some((f, desc)), 1))
            });
            Column {
                label: f.label,
                sort_href,
                sorted,
            }
        })
        .collect();
    let rows = rows
        .iter()
        .map(|row| TableRow {
            href: format!("{}/{}", res.path(), row.id),
            title: row.title.clone(),
            cells: listed(res, back)
                .map(|(i, _)| row.shown(res, i, tz))
                .collect(),
        })
        .collect();
    Table { columns, rows }
}

pub struct FilterView {
    pub name: &'static str,
    pub label: &'static str,
    /// "select", or "range" with `input` the input type of both ends.
    pub kind: &'static str,
    pub input: &'static str,
    pub options: Vec<Opt>,
    pub from: String,
    pub to: String,
}

fn filter_views(
    conn: &mut PgConnection,
    res: &Resource,
    org: uuid::Uuid,
    state: &ListState,
) -> QueryResult<Vec<FilterView>> {
    let mut views = Vec::new();
    for column in res.filters {
        let Some(field) = res.field(column) else {
            continue;
        };
        let selected = state.equals(column).unwrap_or("");
        let (kind, input, options) = match &field.kind {
            Kind::Choice { choices, .. } => (
                "select",
                "",
                choices()
                    .into_iter()
                    .map(|(v, l)| Opt {
                        value: v.to_owned(),
                        label: l.to_owned(),
                        selected: v == selected,
                    })
                    .collect(),
            ),
            Kind::Flag => (
                "select",
                "",
                [("true", "Yes"), ("false", "No")]
                    .into_iter()
                    .map(|(v, l)| Opt {
                        value: v.to_owned(),
                        label: l.to_owned(),
                        selected: v == selected,
                    })
                    .collect(),
            ),
            Kind::Relation(target) => {
                let current = Uuid::parse_str(selected).ok();
                (
                    "select",
                    "",
                    store::choices(conn, target, org, "", current, 500)?
                        .into_iter()
                        .map(|c| Opt {
                            selected: Some(c.id) == current,
                            value: c.id.to_string(),
                            label: c.title,
                        })
                        .collect(),
                )
            }
            Kind::Date => ("range", "date", Vec::new()),
            Kind::Integer { .. } => ("range", "number", Vec::new()),
            _ => continue,
        };
        let (from, to) = state.range(column);
        views.push(FilterView {
            name: field.column,
            label: field.label,
            kind,
            input,
            options,
            from: from.unwrap_or("").to_owned(),
            to: to.unwrap_or("").to_owned(),
        });
    }
    Ok(views)
}

pub struct Results {
    pub table: Table,
    pub filtered: bool,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub export_href: String,
}

#[derive(Template)]
#[template(path = "resources/list.html")]
struct ListPage {
    layout: Layout,
    res: ResView,
    q: String,
    sort: String,
    searchable: bool,
    filters: Vec<FilterView>,
    results: Results,
}

#[derive(Template)]
#[template(path = "resources/list.html", block = "results")]
struct ListResults {
    res: ResView,
    results: Results,
}

fn parse_id(id: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(id).map_err(|_| AppError::NotFound)
}

pub async fn list(
    res: &'static Resource,
    req: HttpRequest,
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let tz = page.access.time_zone;
    let list_state = ListState {
        global: page.access.global_access,
        ..ListState::parse(res, &query, tz)
    };
    let org = page.access.organization_id;
    let fragment = htmx::wants_fragment(&req);
    let st = list_state.clone();
    let (rows, more, filters) = run_in(&state.pool, page.access.actor(), move |tenant| {
        let conn = tenant.conn();
        let (rows, more) = store::list(conn, res, org, false, &st)?;
        let filters = if fragment {
            Vec::new()
        } else {
            filter_views(conn, res, org, &st)?
        };
        Ok((rows, more, filters))
    })
    .await?;
    let link = |p: i64| format!("{}?{}", res.path(), list_state.query(list_state.sort, p));
    let results = Results {
        table: table(res, &rows, Some(&list_state), None, tz),
        filtered: list_state.is_filtered(),
        previous: (list_state.page > 1).then(|| link(list_state.page - 1)),
        next: more.then(|| link(list_state.page + 1)),
        export_href: format!(
            "{}/export.csv?{}",
            res.path(),
            list_state.query(list_state.sort, 1)
        ),
    };
    let view = ResView::new(res, &page.access);
    if fragment {
        // The address bar shows the list's own query, without the form's empty fields.
        let query = list_state.query(list_state.sort, list_state.page);
        let address = if query.is_empty() {
            res.path().to_owned()
        } else {
            format!("{}?{query}", res.path())
        };
        let mut response = render(&ListResults { res: view, results })?;
        if let Ok(value) = actix_web::http::header::HeaderValue::from_str(&address) {
            response.headers_mut().insert(
                actix_web::http::header::HeaderName::from_static("hx-push-url"),
                value,
            );
        }
        return Ok(response);
    }
    render(&ListPage {
        layout: page.layout(res.label()),
        res: view,
        q: list_state.q.clone(),
        sort: list_state
            .sort
            .map(|(f, desc)| format!("{}{}", if desc { "-" } else { "" }, f.column))
            .unwrap_or_default(),
        searchable: true,
        filters,
        results,
    })
}

pub struct Fact {
    pub label: &'static str,
    pub value: String,
    pub href: Option<String>,
}

pub struct TabLink {
    pub label: &'static str,
    pub href: String,
    pub current: bool,
}

pub struct TabView {
    pub label: &'static str,
    pub table: Table,
    pub total: i64,
    pub all_href: String,
    pub new_href: Option<String>,
}

#[derive(Template)]
#[template(path = "resources/detail.html")]
struct DetailPage {
    layout: Layout,
    res: ResView,
    id: Uuid,
    title: String,
    deleted: bool,
    facts: Vec<Fact>,
    created: String,
    updated: String,
    tabs: Vec<TabLink>,
    tab: Option<TabView>,
    history: Vec<super::audit::Change>,
    files: Option<FilesView>,
    elsewhere: Option<(&'static str, String)>,
}

/// A record's attached files on its page, with the upload form for those who may attach.
pub struct FilesView {
    pub list: Vec<files::StoredFile>,
    pub upload: Option<files::routes::UploadField>,
    /// This page, where removing a file comes back to.
    pub return_to: String,
}

/// Where the workflow that owns these records acts on this one, if it has a page.
fn elsewhere(res: &Resource, id: Uuid) -> Option<(&'static str, String)> {
    match res.entity {
        Entity::WalkthroughCheckins => {
            Some(("Open in walkthroughs", format!("/walkthroughs/{id}")))
        }
        Entity::ScheduledTasks | Entity::SyncLogs => Some((
            "Enable, disable or run tasks in Jobs",
            "/admin/jobs".to_owned(),
        )),
        _ => None,
    }
}

#[derive(Template)]
#[template(path = "resources/tab.html")]
struct TabFragment {
    tab: Option<TabView>,
}

fn facts(res: &'static Resource, row: &Row, tz: chrono_tz::Tz) -> Vec<Fact> {
    res.fields
        .iter()
        .enumerate()
        .map(|(i, f)| Fact {
            label: f.label,
            value: row.shown(res, i, tz),
            href: match f.kind {
                Kind::Relation(target) => row.raw(i).map(|id| format!("{}/{id}", target.path())),
                _ => None,
            },
        })
        .collect()
}

fn when(at: chrono::DateTime<chrono::Utc>, who: Option<&str>, tz: chrono_tz::Tz) -> String {
    let at = at.with_timezone(&tz).format("%-d %b %Y %H:%M");
    match who {
        Some(who) => format!("{at} by {who}"),
        None => at.to_string(),
    }
}

pub async fn show(
    res: &'static Resource,
    req: HttpRequest,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
    query: input::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let org = page.access.organization_id;
    let tz = page.access.time_zone;
    let readable: Vec<&'static super::Child> = res
        .children
        .iter()
        .filter(|c| c.resource.allows(&page.access, Action::Read))
        .collect();
    let asked = query
        .iter()
        .find(|(k, _)| k == "tab")
        .map(|(_, v)| v.clone());
    let current = asked
        .as_deref()
        .and_then(|t| readable.iter().position(|c| c.resource.table() == t))
        .unwrap_or(0);
    let child = readable.get(current).copied();
    let can_create_child = child.is_some_and(|c| c.resource.allows(&page.access, Action::Create));
    let fragment = htmx::wants_fragment(&req) && asked.is_some();
    let zone = tz;
    let global = page.access.global_access;
    let file_kind = files::EntityKind::from_table(res.table());
    let (row, tab, history, attached) = run_in(&state.pool, page.access.actor(), move |tenant| {
        let conn = tenant.conn();
        let row = store::find_as(conn, res, org, global, id)?;
        let attached = match file_kind {
            Some(kind) if !fragment => Some(files::files_of(conn, org, kind, id)?),
            _ => None,
        };
        let tab = match child {
            Some(child) => {
                let Some(field) = child.resource.field(child.column) else {
                    return Err(AppError::NotFound);
                };
                let st = ListState {
                    filters: vec![(field, Filter::Equals(id.to_string()))],
                    page: 1,
                    global,
                    ..ListState::default()
                };
                let (rows, _) = store::list(conn, child.resource, org, false, &st)?;
                let total = store::count_children(conn, child, org, global, id)?;
                let all_href = format!("{}?{}", child.resource.path(), st.query(None, 1));
                Some(TabView {
                    label: child.resource.label(),
                    table: table(child.resource, &rows, None, Some(child.column), zone),
                    total,
                    all_href,
                    new_href: can_create_child
                        .then(|| format!("{}/new?{}={id}", child.resource.path(), child.column)),
                })
            }
            None => None,
        };
        let history = if fragment {
            Vec::new()
        } else {
            super::audit::history(conn, res, org, id, zone)?
        };
        Ok((row, tab, history, attached))
    })
    .await?;
    if fragment {
        return render(&TabFragment { tab });
    }
    let here = format!("{}/{id}", res.path());
    let files = file_kind.zip(attached).map(|(kind, list)| FilesView {
        list,
        return_to: here.clone(),
        upload: (row.deleted_at.is_none() && res.allows(&page.access, Action::Update)).then(|| {
            files::routes::UploadField::new(
                &page.access,
                &state.settings,
                kind,
                id,
                format!("{}/{id}", res.path()),
            )
        }),
    });
    let tabs = readable
        .iter()
        .enumerate()
        .map(|(i, c)| TabLink {
            label: c.resource.label(),
            href: format!("{}/{id}?tab={}", res.path(), c.resource.table()),
            current: i == current,
        })
        .collect();
    render(&DetailPage {
        layout: page.layout(format!("{} · {}", row.title, res.label())),
        res: ResView::new(res, &page.access),
        id,
        title: row.title.clone(),
        deleted: row.deleted_at.is_some(),
        facts: facts(res, &row, tz),
        created: when(row.created_at, row.created_by.as_deref(), tz),
        updated: when(row.updated_at, row.updated_by.as_deref(), tz),
        tabs,
        tab,
        history,
        files,
        elsewhere: elsewhere(res, id),
    })
}

pub struct InputView {
    pub name: &'static str,
    pub label: &'static str,
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
    pub label: &'static str,
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
    inputs: Vec<InputView>,
    form_error: Option<String>,
    conflict: Vec<ConflictRow>,
}

/// The form's inputs as text: what was stored, or what the user sent.
type Given = Vec<(String, String)>;

fn given_value<'a>(given: &'a Given, name: &str) -> &'a str {
    given
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

fn inputs(
    conn: &mut PgConnection,
    res: &'static Resource,
    org: Uuid,
    given: &Given,
    errors: &Errors,
) -> QueryResult<Vec<InputView>> {
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
            Kind::Choice { choices, .. } => (
                "select",
                choices()
                    .into_iter()
                    .map(|(v, l)| Opt {
                        selected: v == value,
                        value: v.to_owned(),
                        label: l.to_owned(),
                    })
                    .collect(),
                String::new(),
            ),
            Kind::Relation(target) => {
                let current = Uuid::parse_str(&value).ok();
                let options = store::choices(conn, target, org, &search, current, PICKER_SIZE)?
                    .into_iter()
                    .map(|c| Opt {
                        selected: Some(c.id) == current,
                        value: c.id.to_string(),
                        label: c.title,
                    })
                    .collect();
                ("relation", options, format!("{}/options", target.path()))
            }
        };
        views.push(InputView {
            name: field.column,
            label: field.label,
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

pub async fn new_form(
    res: &'static Resource,
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let org = page.access.organization_id;
    // Links from a parent's tab preset the relation (`/guardians/new?student_id=…`).
    let given: Given = query
        .iter()
        .filter(|(k, _)| res.field(k).is_some())
        .cloned()
        .collect();
    let inputs = run_in(&state.pool, page.access.actor(), move |tenant| {
        let conn = tenant.conn();
        Ok(inputs(conn, res, org, &given, &Errors::default())?)
    })
    .await?;
    form_page(
        res,
        &page,
        None,
        String::new(),
        inputs,
        None,
        Vec::new(),
        StatusCode::OK,
    )
}

#[allow(clippy::too_many_arguments)]
fn form_page(
    res: &'static Resource,
    page: &Page,
    editing: Option<(Uuid, String)>,
    stamp: String,
    inputs: Vec<InputView>,
    form_error: Option<String>,
    conflict: Vec<ConflictRow>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let (heading, action, cancel) = match &editing {
        Some((id, title)) => (
            format!("Edit {title}"),
            format!("{}/{id}", res.path()),
            format!("{}/{id}", res.path()),
        ),
        None => (
            format!("New {}", res.singular),
            res.path().to_owned(),
            res.path().to_owned(),
        ),
    };
    render_as(
        &FormPage {
            layout: page.layout(heading.clone()),
            heading,
            action,
            cancel,
            stamp,
            inputs,
            form_error,
            conflict,
        },
        status,
    )
}

pub async fn edit_form(
    res: &'static Resource,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let org = page.access.organization_id;
    let tz = page.access.time_zone;
    let (row, inputs) = run_in(&state.pool, page.access.actor(), move |tenant| {
        let conn = tenant.conn();
        let row = store::find(conn, res, org, id)?;
        if row.deleted_at.is_some() {
            return Err(AppError::NotFound);
        }
        let given = given_from_row(res, &row, tz);
        let inputs = inputs(conn, res, org, &given, &Errors::default())?;
        Ok((row, inputs))
    })
    .await?;
    form_page(
        res,
        &page,
        Some((id, row.title)),
        row.stamp,
        inputs,
        None,
        Vec::new(),
        StatusCode::OK,
    )
}

/// Parses a posted form: each field's canonical value, or its message.
pub fn parse_fields(
    res: &Resource,
    given: &Given,
    tz: chrono_tz::Tz,
    errors: &mut Errors,
) -> Vec<Option<String>> {
    res.fields
        .iter()
        .map(|field| {
            if res.is_derived(field.column) {
                return None;
            }
            let mut input = given_value(given, field.column);
            // Without JavaScript a relation can be typed by name or id instead of picked.
            if matches!(field.kind, Kind::Relation(_)) && input.trim().is_empty() {
                input = given_value(given, &format!("{}__q", field.column));
            }
            match values::parse(field, input, tz) {
                Ok(v) => v,
                Err(message) => {
                    errors.add(field.column, message);
                    None
                }
            }
        })
        .collect()
}

/// Computes the row's derived values, when its table has any.
pub fn fill(
    conn: &mut PgConnection,
    res: &Resource,
    org: Uuid,
    id: Option<Uuid>,
    values: &mut [Option<String>],
) -> QueryResult<()> {
    match res.hooks.fill {
        Some(fill) => fill(conn, org, id, values),
        None => Ok(()),
    }
}

/// Checks the table's rules against other rows.
pub fn check(
    conn: &mut PgConnection,
    res: &Resource,
    org: Uuid,
    id: Option<Uuid>,
    values: &[Option<String>],
    errors: &mut Errors,
) -> QueryResult<()> {
    match res.hooks.check {
        Some(check) => check(conn, org, id, values, errors),
        None => Ok(()),
    }
}

/// Brings what depends on a written row up to date.
pub fn after_write(
    conn: &mut PgConnection,
    res: &Resource,
    org: Uuid,
    id: Uuid,
    before: Option<&[Option<String>]>,
) -> QueryResult<()> {
    match res.hooks.after_write {
        Some(after) => after(conn, org, id, before),
        None => Ok(()),
    }
}

/// The field a unique or check constraint guards, by its name.
fn constraint_field(res: &Resource, constraint: &str) -> Option<&'static Field> {
    let fields: &'static [Field] = res.fields;
    fields
        .iter()
        .filter(|f| constraint.contains(f.column))
        .max_by_key(|f| f.column.len())
}

/// A write refused by the database, as a message on the form; other errors pass on.
pub fn refused_write(res: &Resource, e: DbError, errors: &mut Errors) -> Result<(), DbError> {
    match &e {
        DbError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
            let field = info
                .constraint_name()
                .and_then(|c| constraint_field(res, c));
            match field {
                Some(f) => errors.add(
                    f.column,
                    format!(
                        "Another {} already has this {}.",
                        res.singular,
                        f.label.to_lowercase()
                    ),
                ),
                None => errors.add(
                    "",
                    format!("Another {} is the same as this one.", res.singular),
                ),
            }
            Ok(())
        }
        DbError::DatabaseError(DatabaseErrorKind::CheckViolation, info) => {
            let field = info
                .constraint_name()
                .and_then(|c| constraint_field(res, c));
            match field {
                Some(f) => errors.add(f.column, format!("{} is out of range.", f.label)),
                None => errors.add("", "Some values do not fit together. Check the form."),
            }
            Ok(())
        }
        _ => Err(e),
    }
}

enum Saved {
    Done(Uuid),
    Invalid(Errors),
    Stale(Row),
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

async fn save(
    res: &'static Resource,
    page: Page,
    state: web::Data<AppState>,
    id: Option<Uuid>,
    given: Given,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let org = page.access.organization_id;
    let user = page.access.user_id;
    let tz = page.access.time_zone;
    let stamp = given_value(&given, "updated_at").to_owned();
    let form = given.clone();
    let zone = tz;
    let lock = stamp.clone();
    let (saved, current, inputs) = run_in(&state.pool, page.access.actor(), move |tenant| {
        let conn = tenant.conn();
        // Another organization's id is not found, whatever the form holds.
        let current = match id {
            Some(id) => {
                let row = store::find(conn, res, org, id)?;
                if row.deleted_at.is_some() {
                    return Err(AppError::NotFound);
                }
                Some(row)
            }
            None => None,
        };
        store::act_as(conn, user)?;
        let mut errors = Errors::default();
        let mut parsed = parse_fields(res, &form, zone, &mut errors);
        store::resolve_relations(conn, res, org, &mut parsed, &mut errors)?;
        if errors.is_empty() {
            fill(conn, res, org, id, &mut parsed)?;
        }
        values::check_rules(res, &parsed, &mut errors);
        if errors.is_empty() {
            check(conn, res, org, id, &parsed, &mut errors)?;
        }
        let before = current.as_ref().map(|row| row.raw.clone());
        let saved = if !errors.is_empty() {
            Saved::Invalid(errors)
        } else {
            let written = conn.transaction(|conn| {
                let written = match id {
                    None => store::insert(conn, res, org, user, &parsed, None).map(Some),
                    // A form without a readable stamp counts as stale, never as a blind overwrite.
                    Some(id) => {
                        let stamp = lock.parse().unwrap_or(0);
                        store::update(
                            conn,
                            res,
                            org,
                            user,
                            id,
                            &parsed,
                            store::Write::Form { stamp },
                        )
                        .map(|done| done.then_some(id))
                    }
                }?;
                if let Some(id) = written {
                    after_write(conn, res, org, id, before.as_deref())?;
                }
                Ok(written)
            });
            match written {
                Ok(Some(id)) => Saved::Done(id),
                Ok(None) => match &current {
                    Some(row) => Saved::Stale(store::find(conn, res, org, row.id)?),
                    None => return Err(AppError::NotFound),
                },
                Err(e) => {
                    refused_write(res, e, &mut errors)?;
                    Saved::Invalid(errors)
                }
            }
        };
        let inputs = match &saved {
            Saved::Done(_) => Vec::new(),
            Saved::Invalid(errors) => inputs(conn, res, org, &form, errors)?,
            Saved::Stale(_) => inputs(conn, res, org, &form, &Errors::default())?,
        };
        Ok((saved, current, inputs))
    })
    .await?;
    let editing = current.as_ref().map(|r| (r.id, r.title.clone()));
    match saved {
        Saved::Done(id) => {
            let what = if current.is_some() { "Saved" } else { "Added" };
            flash::push(
                &session,
                Level::Success,
                format!("{what} the {}.", res.singular),
            );
            Ok(see_other(&format!("{}/{id}", res.path())))
        }
        Saved::Invalid(errors) => form_page(
            res,
            &page,
            editing,
            stamp,
            inputs,
            errors.get("").map(str::to_owned).or_else(|| {
                Some("Some fields need your attention. Nothing was saved yet.".to_owned())
            }),
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Saved::Stale(theirs) => {
            let conflict = res
                .fields
                .iter()
                .enumerate()
                .filter(|(_, f)| !res.is_derived(f.column))
                .filter_map(|(i, f)| {
                    let theirs_shown = theirs.shown(res, i, tz);
                    let yours_input = given_value(&given, f.column);
                    let stored_input = values::input_value(f, theirs.raw(i), tz);
                    (yours_input.trim() != stored_input.trim()).then(|| ConflictRow {
                        label: f.label,
                        theirs: theirs_shown,
                        yours: inputs
                            .iter()
                            .find(|v| v.name == f.column)
                            .and_then(|v| {
                                v.options
                                    .iter()
                                    .find(|o| o.value == yours_input)
                                    .map(|o| o.label.clone())
                            })
                            .unwrap_or_else(|| yours_input.to_owned()),
                    })
                })
                .collect();
            let who = theirs
                .updated_by
                .clone()
                .unwrap_or_else(|| "Someone".to_owned());
            form_page(
                res,
                &page,
                editing,
                theirs.stamp.clone(),
                inputs,
                Some(format!(
                    "{who} changed this {} while you were editing. Compare both versions below; saving again keeps yours.",
                    res.singular
                )),
                conflict,
                StatusCode::CONFLICT,
            )
        }
    }
}

#[derive(Template)]
#[template(path = "resources/delete.html")]
struct DeletePage {
    layout: Layout,
    res: ResView,
    id: Uuid,
    title: String,
    blockers: Option<String>,
    cascades: Option<String>,
}

/// "312 students and 4 classes".
fn counted(parts: &[(i64, &Resource)]) -> Option<String> {
    let words: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, r)| {
            if *n == 1 {
                format!("1 {}", r.singular)
            } else {
                format!("{n} {}", r.label().to_lowercase())
            }
        })
        .collect();
    match words.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [rest @ .., last] => Some(format!("{} and {last}", rest.join(", "))),
    }
}

/// What stands in the way of deleting a row, and what would go with it.
fn consequences(
    conn: &mut PgConnection,
    res: &'static Resource,
    org: Uuid,
    id: Uuid,
) -> QueryResult<(Option<String>, Option<String>)> {
    let mut blocking = Vec::new();
    let mut cascading = Vec::new();
    for child in res.children {
        let n = store::count_children(conn, child, org, false, id)?;
        match child.on_delete {
            OnDelete::Refuse => blocking.push((n, child.resource)),
            OnDelete::Cascade => cascading.push((n, child.resource)),
        }
    }
    Ok((
        counted(&blocking).map(|what| {
            format!(
                "This {} still has {what}. Move them elsewhere or delete them first.",
                res.singular
            )
        }),
        counted(&cascading).map(|what| {
            format!("Its {what} will be deleted with it (and come back if you restore it).")
        }),
    ))
}

pub async fn confirm_delete(
    res: &'static Resource,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let org = page.access.organization_id;
    let (row, (blockers, cascades)) = run_in(&state.pool, page.access.actor(), move |tenant| {
        let conn = tenant.conn();
        let row = store::find(conn, res, org, id)?;
        if row.deleted_at.is_some() {
            return Err(AppError::NotFound);
        }
        Ok((row, consequences(conn, res, org, id)?))
    })
    .await?;
    render(&DeletePage {
        layout: page.layout(format!("Delete {}", row.title)),
        res: ResView::new(res, &page.access),
        id,
        title: row.title,
        blockers,
        cascades,
    })
}

pub async fn delete(
    res: &'static Resource,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let org = page.access.organization_id;
    let user = page.access.user_id;
    let (row, (blockers, cascades), deleted) =
        run_in(&state.pool, page.access.actor(), move |tenant| {
            let conn = tenant.conn();
            let row = store::find(conn, res, org, id)?;
            if row.deleted_at.is_some() {
                return Err(AppError::NotFound);
            }
            let found = consequences(conn, res, org, id)?;
            if found.0.is_some() {
                return Ok((row, found, false));
            }
            store::act_as(conn, user)?;
            let deleted = store::soft_delete(conn, res, org, user, id)?;
            if deleted {
                after_write(conn, res, org, id, None)?;
            }
            Ok((row, found, deleted))
        })
        .await?;
    if !deleted {
        return render_as(
            &DeletePage {
                layout: page.layout(format!("Delete {}", row.title)),
                res: ResView::new(res, &page.access),
                id,
                title: row.title,
                blockers,
                cascades,
            },
            StatusCode::CONFLICT,
        );
    }
    flash::push(
        &session,
        Level::Success,
        format!(
            "Deleted {}. It is in the trash, where you can restore it.",
            row.title
        ),
    );
    Ok(see_other(res.path()))
}

pub async fn restore(
    res: &'static Resource,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let org = page.access.organization_id;
    let user = page.access.user_id;
    let outcome = run_in(&state.pool, page.access.actor(), move |tenant| {
        let conn = tenant.conn();
        let row = store::find(conn, res, org, id)?;
        if row.deleted_at.is_none() {
            return Ok(Ok(row.title));
        }
        // A record whose parent is in the trash would point at nothing live.
        let mut links = row.raw.clone();
        let mut errors = Errors::default();
        store::resolve_relations(conn, res, org, &mut links, &mut errors)?;
        if let Some((column, _)) = errors.0.first()
            && let Some(Kind::Relation(target)) = res.field(column).map(|f| &f.kind)
        {
            return Ok(Err(format!(
                "Restore its {} first: it is in the trash.",
                target.singular
            )));
        }
        check(conn, res, org, Some(id), &row.raw, &mut errors)?;
        if let Some((_, message)) = errors.0.first() {
            return Ok(Err(format!("It could not be restored: {message}")));
        }
        store::act_as(conn, user)?;
        let restored = conn.transaction(|conn| {
            store::restore(conn, res, org, user, id)?;
            after_write(conn, res, org, id, None)
        });
        match restored {
            Ok(_) => Ok(Ok(row.title)),
            Err(e) => {
                refused_write(res, e, &mut errors)?;
                Ok(Err(errors.0.first().map_or_else(
                    || "It could not be restored.".to_owned(),
                    |(_, m)| format!("It could not be restored: {m}"),
                )))
            }
        }
    })
    .await?;
    match outcome {
        Ok(title) => {
            flash::push(&session, Level::Success, format!("Restored {title}."));
            Ok(see_other(&format!("{}/{id}", res.path())))
        }
        Err(message) => {
            flash::push(&session, Level::Error, message);
            Ok(see_other(&format!("{}/trash", res.path())))
        }
    }
}

pub struct TrashRow {
    pub id: Uuid,
    pub title: String,
    pub deleted: String,
}

#[derive(Template)]
#[template(path = "resources/trash.html")]
struct TrashPage {
    layout: Layout,
    res: ResView,
    rows: Vec<TrashRow>,
    previous: Option<String>,
    next: Option<String>,
}

pub async fn trash(
    res: &'static Resource,
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let tz = page.access.time_zone;
    let st = ListState::parse(res, &query, tz);
    let org = page.access.organization_id;
    let at = st.page;
    let (rows, more) = run_in(&state.pool, page.access.actor(), move |tenant| {
        let conn = tenant.conn();
        Ok(store::list(conn, res, org, true, &st)?)
    })
    .await?;
    let rows = rows
        .into_iter()
        .map(|r| TrashRow {
            id: r.id,
            title: r.title,
            deleted: r
                .deleted_at
                .map(|d| when(d, r.updated_by.as_deref(), tz))
                .unwrap_or_default(),
        })
        .collect();
    let link = |p: i64| format!("{}/trash?page={p}", res.path());
    render(&TrashPage {
        layout: page.layout(format!("Trash · {}", res.label())),
        res: ResView::new(res, &page.access),
        rows,
        previous: (at > 1).then(|| link(at - 1)),
        next: more.then(|| link(at + 1)),
    })
}

#[derive(Template)]
#[template(path = "resources/options.html")]
struct OptionsFragment {
    options: Vec<Opt>,
}

/// Choices for a relation picker: `…__q` is what was typed, a uuid value the current choice.
pub async fn options(
    res: &'static Resource,
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let org = page.access.organization_id;
    let q: String = query
        .iter()
        .find(|(k, _)| k == "q" || k.ends_with("__q"))
        .map(|(_, v)| v.trim().chars().take(100).collect())
        .unwrap_or_default();
    let current = query.iter().find_map(|(_, v)| Uuid::parse_str(v).ok());
    let found = run_in(&state.pool, page.access.actor(), move |tenant| {
        let conn = tenant.conn();
        Ok(store::choices(conn, res, org, &q, current, PICKER_SIZE)?)
    })
    .await?;
    render(&OptionsFragment {
        options: found
            .into_iter()
            .map(|c| Opt {
                selected: Some(c.id) == current,
                value: c.id.to_string(),
                label: c.title,
            })
            .collect(),
    })
}

pub struct IndexGroup {
    pub label: &'static str,
    pub links: Vec<(&'static str, &'static str)>,
}

#[derive(Template)]
#[template(path = "resources/index.html")]
struct IndexPage {
    layout: Layout,
    groups: Vec<IndexGroup>,
}

/// Every kind of record the user may read, grouped as the role editor groups them.
pub async fn index(page: Page) -> Result<HttpResponse, AppError> {
    let groups = EntityGroup::ALL
        .iter()
        .map(|g| IndexGroup {
            label: g.label(),
            links: entities::ALL
                .iter()
                .filter(|r| r.entity.group() == *g && r.allows(&page.access, Action::Read))
                .map(|r| (r.label(), r.path()))
                .collect(),
        })
        .filter(|g| !g.links.is_empty())
        .collect();
    render(&IndexPage {
        layout: page.layout("Records"),
        groups,
    })
}
