//! A record's page: its fields, a tab per kind of record that points at it, its
//! attached files and its history.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use uuid::Uuid;

use super::list::{Table, table};
use super::{ResView, parse_id, when};
use crate::access::{Access, Action, Entity, Permission};
use crate::db::Tenant;
use crate::files;
use crate::i18n::Lang;
use crate::resources::audit::{self, Change};
use crate::resources::store::{self, Filter, ListState, Row};
use crate::resources::{Child, Kind, Resource};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::format::Locale;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{htmx, render};

pub struct Fact {
    pub label: String,
    pub value: String,
    pub href: Option<String>,
}

pub struct TabLink {
    pub label: String,
    pub href: String,
    pub current: bool,
}

pub struct TabView {
    pub label: String,
    pub table: Table,
    pub total: i64,
    pub all_href: String,
    pub new_href: Option<String>,
}

#[derive(Template)]
#[template(path = "resources/detail.html")]
struct DetailPage {
    layout: Layout,
    t: Lang,
    res: ResView,
    id: Uuid,
    title: String,
    deleted: bool,
    facts: Vec<Fact>,
    created: String,
    updated: String,
    tabs: Vec<TabLink>,
    tab: Option<TabView>,
    history: Vec<Change>,
    files: Option<FilesView>,
    elsewhere: Option<(String, String)>,
    family: Option<crate::families::panel::Panel>,
}

/// A record's attached files on its page, with the upload form for those who may attach.
pub struct FilesView {
    pub list: Vec<files::StoredFile>,
    pub upload: Option<files::routes::UploadField>,
    /// This page, where removing a file comes back to.
    pub return_to: String,
}

/// Where the workflow that owns these records acts on this one, if it has a page.
fn elsewhere(res: &Resource, id: Uuid, access: &Access, t: Lang) -> Option<(String, String)> {
    match res.entity {
        Entity::Staff if access.can(Permission::new(Action::Update, Entity::Users)) => {
            Some((t.text("staff-open-account"), format!("/staff/{id}/account")))
        }
        Entity::WalkthroughCheckins => Some((
            t.text("engine-open-in-walkthroughs"),
            format!("/walkthroughs/{id}"),
        )),
        Entity::ScheduledTasks | Entity::SyncLogs => {
            Some((t.text("engine-open-in-jobs"), "/admin/jobs".to_owned()))
        }
        Entity::ClassSubjects => Some((t.text("grade-open-gradebook"), format!("/gradebook/{id}"))),
        Entity::Classes => Some((
            t.text("grade-open-gradebooks"),
            format!("/gradebook?class={id}"),
        )),
        _ => None,
    }
}

#[derive(Template)]
#[template(path = "resources/tab.html")]
struct TabFragment {
    t: Lang,
    tab: Option<TabView>,
}

fn facts(res: &'static Resource, row: &Row, locale: &Locale) -> Vec<Fact> {
    res.fields
        .iter()
        .enumerate()
        .map(|(i, f)| Fact {
            label: f.label_in(locale.t),
            value: row.shown(res, i, locale),
            href: match f.kind {
                Kind::Relation(target) => row.raw(i).map(|id| format!("{}/{id}", target.path())),
                _ => None,
            },
        })
        .collect()
}

/// What the page asks for: the record, which of its tabs, and whether only that tab.
struct Ask {
    id: Uuid,
    /// The tabs this reader may see, and the one open.
    readable: Vec<&'static Child>,
    current: usize,
    can_create_child: bool,
    /// Only the tab, for htmx.
    fragment: bool,
    global: bool,
    file_kind: Option<files::EntityKind>,
    locale: Locale,
    /// Whether the reader may read students, and so the family panel.
    reads_students: bool,
}

impl Ask {
    fn new(
        res: &'static Resource,
        access: &Access,
        id: Uuid,
        query: &[(String, String)],
        htmx: bool,
        locale: Locale,
    ) -> Ask {
        let readable: Vec<&'static Child> = res
            .children
            .iter()
            .filter(|c| c.resource.allows(access, Action::Read))
            .collect();
        let asked = query
            .iter()
            .find(|(k, _)| k == "tab")
            .map(|(_, v)| v.as_str());
        let current = asked
            .and_then(|t| readable.iter().position(|c| c.resource.table() == t))
            .unwrap_or(0);
        let can_create_child = readable
            .get(current)
            .is_some_and(|c| c.resource.allows(access, Action::Create));
        Ask {
            id,
            readable,
            current,
            can_create_child,
            fragment: htmx && asked.is_some(),
            global: access.global_access,
            reads_students: access.can_read(Entity::Students),
            locale,
            file_kind: files::EntityKind::from_table(res.table()),
        }
    }

    fn tabs(&self, res: &'static Resource) -> Vec<TabLink> {
        self.readable
            .iter()
            .enumerate()
            .map(|(i, c)| TabLink {
                label: c.resource.label_in(self.locale.t),
                href: format!("{}/{}?tab={}", res.path(), self.id, c.resource.table()),
                current: i == self.current,
            })
            .collect()
    }
}

/// The open tab: the first page of the child records pointing at this one.
fn tab(tenant: &mut Tenant<'_>, ask: &Ask, child: &'static Child) -> Result<TabView, AppError> {
    let id = ask.id;
    let Some(field) = child.resource.field(child.column) else {
        return Err(AppError::NotFound);
    };
    let st = ListState {
        filters: vec![(field, Filter::Equals(id.to_string()))],
        page: 1,
        global: ask.global,
        ..ListState::default()
    };
    let (rows, _) = store::list(tenant, child.resource, false, &st)?;
    Ok(TabView {
        label: child.resource.label_in(ask.locale.t),
        table: table(child.resource, &rows, None, Some(child.column), &ask.locale),
        total: store::count_children(tenant, child, ask.global, id)?,
        all_href: format!("{}?{}", child.resource.path(), st.query(None, 1)),
        new_href: ask
            .can_create_child
            .then(|| format!("{}/new?{}={id}", child.resource.path(), child.column)),
    })
}

/// Everything the page shows from the database.
struct Record {
    row: Row,
    tab: Option<TabView>,
    history: Vec<Change>,
    attached: Option<Vec<files::StoredFile>>,
    family: Option<crate::families::panel::Panel>,
}

fn read(tenant: &mut Tenant<'_>, res: &'static Resource, ask: &Ask) -> Result<Record, AppError> {
    let row = store::find_as(tenant, res, ask.global, ask.id)?;
    let attached = match ask.file_kind {
        Some(kind) if !ask.fragment => Some(files::files_of(tenant, kind, ask.id)?),
        _ => None,
    };
    let tab = match ask.readable.get(ask.current) {
        Some(child) => Some(tab(tenant, ask, child)?),
        None => None,
    };
    let history = if ask.fragment {
        Vec::new()
    } else {
        audit::history(tenant, res, ask.id, &ask.locale)?
    };
    let family = if ask.fragment || !ask.reads_students {
        None
    } else {
        crate::families::panel::of_record(tenant, res.entity, ask.id, ask.locale.t)?
    };
    Ok(Record {
        row,
        tab,
        history,
        attached,
        family,
    })
}

/// The files attached to the record, and the upload form while it may be changed.
fn files_view(
    res: &'static Resource,
    page: &Page,
    state: &AppState,
    ask: &Ask,
    record: &mut Record,
) -> Option<FilesView> {
    let (kind, list) = ask.file_kind.zip(record.attached.take())?;
    let here = format!("{}/{}", res.path(), ask.id);
    let may_attach = record.row.deleted_at.is_none() && res.allows(&page.access, Action::Update);
    Some(FilesView {
        list,
        upload: may_attach.then(|| {
            files::routes::UploadField::new(
                &page.access,
                &state.settings,
                kind,
                ask.id,
                here.clone(),
                page.t,
            )
        }),
        return_to: here,
    })
}

pub async fn show(
    res: &'static Resource,
    req: HttpRequest,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
    query: input::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let fragment = htmx::wants_fragment(&req);
    let ask = Ask::new(
        res,
        &page.access,
        parse_id(&id)?,
        &query,
        fragment,
        page.locale(),
    );
    let (mut record, ask) = run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok((read(tenant, res, &ask)?, ask))
    })
    .await?;
    let t = page.t;
    if ask.fragment {
        return render(&TabFragment { t, tab: record.tab });
    }
    let locale = ask.locale;
    let files = files_view(res, &page, &state, &ask, &mut record);
    let (row, tab, history, family) = (record.row, record.tab, record.history, record.family);
    let view = ResView::new(res, &page.access, t);
    let student = student_of(res, &row);
    let page = render(&DetailPage {
        layout: page.layout(format!("{} · {}", row.title, view.label)),
        t,
        res: view,
        id: ask.id,
        title: row.title.clone(),
        deleted: row.deleted_at.is_some(),
        facts: facts(res, &row, &locale),
        created: when(row.created_at, row.created_by.as_deref(), &locale),
        updated: when(row.updated_at, row.updated_by.as_deref(), &locale),
        tabs: ask.tabs(res),
        files,
        tab,
        history,
        elsewhere: elsewhere(res, ask.id, &page.access, t),
        family,
    })?;
    Ok(match student {
        Some(id) => crate::privacy::mark(page, crate::privacy::Subject::Student(id)),
        None => page,
    })
}

/// The student a record belongs to, for the access log: its first field naming a
/// student (an attendance mark's, a result's, an invoice's, a document's).
fn student_of(res: &'static Resource, row: &Row) -> Option<Uuid> {
    res.fields
        .iter()
        .position(|f| matches!(f.kind, Kind::Relation(target) if target.entity == Entity::Students))
        .and_then(|i| row.raw(i))
        .and_then(|id| id.parse().ok())
}
