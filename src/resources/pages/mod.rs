//! The generic pages: list, detail with tabs and history, new/edit forms with
//! optimistic locking, delete with confirmation, trash and restore, relation pickers.
//! Each handler parses the request, calls the engine or the store, and renders.

mod delete;
mod form;
mod list;
mod show;

pub use delete::{confirm_delete, delete, restore, trash};
pub use form::{create, edit_form, new_form, update};
pub use list::{list, options};
pub use show::show;

use actix_web::HttpResponse;
use askama::Template;
use uuid::Uuid;

use super::{Kind, Mode, Resource, entities};
use crate::access::catalog::EntityGroup;
use crate::access::{Access, Action};
use crate::i18n::{Lang, msg};
use crate::web::error::AppError;
use crate::web::format::Locale;
use crate::web::layout::{Layout, Page};
use crate::web::render;

/// How many choices a relation's select holds before typing narrows them.
const PICKER_SIZE: i64 = 100;

/// What every engine page says about its resource, in the reader's language.
pub struct ResView {
    /// "Students".
    pub label: String,
    /// "student", for the English sentences that name one record.
    pub singular: String,
    /// "New student".
    pub new_label: String,
    pub path: &'static str,
    pub can_create: bool,
    pub can_update: bool,
    pub can_delete: bool,
    /// Homeroom writes these records itself; nobody adds them here.
    pub recorded: bool,
    /// Rows written once and never changed (a log).
    pub log: bool,
    /// A workflow over the whole list, if its owner offers one: (label, address).
    pub list_workflow: Option<(String, String)>,
    /// Its import may invite the staff it adds or changes to sign in.
    pub invites_on_import: bool,
}

impl ResView {
    pub fn new(res: &'static Resource, access: &Access, t: Lang) -> ResView {
        ResView {
            label: res.label_in(t),
            singular: res.singular_in(t),
            new_label: res.new_in(t),
            path: res.path(),
            can_create: res.allows(access, Action::Create),
            can_update: res.allows(access, Action::Update),
            can_delete: res.allows(access, Action::Delete),
            recorded: matches!(
                res.mode,
                Mode::TenantReadOnly | Mode::Log { .. } | Mode::InstallWideShown
            ),
            log: !res.soft_deletes(),
            list_workflow: list_workflow(res, access, t),
            invites_on_import: invites_staff(res, access),
        }
    }
}

/// The staff list offers to invite everyone on it without an account; the content
/// catalog leads its editors to the typed editors that change it.
fn list_workflow(res: &Resource, access: &Access, t: Lang) -> Option<(String, String)> {
    if let Some(editors) = crate::staffdev::content::editors_for(res.entity, access) {
        return Some((t.text(editors.0), editors.1.to_owned()));
    }
    invites_staff(res, access).then(|| (t.text("staff-bulk-open"), "/staff/invitations".to_owned()))
}

/// Whether `res` is the staff and its reader may invite them to sign in.
pub fn invites_staff(res: &Resource, access: &Access) -> bool {
    use crate::access::{Entity, Permission};
    res.entity == Entity::Staff && access.can(Permission::new(Action::Update, Entity::Users))
}

pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Opt {
    /// A record offered in a select, chosen when it is `current`.
    fn of(choice: super::store::Choice, current: Option<Uuid>) -> Opt {
        Opt {
            selected: Some(choice.id) == current,
            value: choice.id.to_string(),
            label: choice.title,
        }
    }

    /// A fixed `(value, label)` pair, chosen when it is `current`.
    fn pair(value: &str, label: &str, current: &str) -> Opt {
        Opt {
            value: value.to_owned(),
            label: label.to_owned(),
            selected: value == current,
        }
    }

    /// The choices of a field that takes one of a fixed list (a stored choice, or
    /// yes/no), worded in the reader's language; `None` for any other field.
    fn fixed(kind: &Kind, current: &str, t: Lang) -> Option<Vec<Opt>> {
        match kind {
            Kind::Choice { sql_type, choices } => Some(
                choices()
                    .into_iter()
                    .map(|(v, l)| {
                        Opt::pair(
                            v,
                            &crate::resources::values::choice_label(t, sql_type, v, l),
                            current,
                        )
                    })
                    .collect(),
            ),
            Kind::Flag => Some(
                [("true", msg("engine-yes")), ("false", msg("engine-no"))]
                    .into_iter()
                    .map(|(v, id)| Opt::pair(v, &t.text(id), current))
                    .collect(),
            ),
            _ => None,
        }
    }
}

fn parse_id(id: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(id).map_err(|_| AppError::NotFound)
}

/// "3 Nov 2026 14:05 by Ada Lovelace", in the school's time zone and the reader's language.
fn when(at: chrono::DateTime<chrono::Utc>, who: Option<&str>, locale: &Locale) -> String {
    let at = locale.instant(at);
    match who {
        Some(who) => locale
            .t
            .message("engine-when-by")
            .arg("at", at)
            .arg("who", who)
            .to_string(),
        None => at,
    }
}

pub struct IndexGroup {
    pub label: String,
    pub links: Vec<(String, &'static str)>,
}

/// A group of the records index in the reader's language.
fn group_label(group: EntityGroup, t: Lang) -> String {
    t.text(match group {
        EntityGroup::People => msg("engine-group-people"),
        EntityGroup::Academics => msg("engine-group-academics"),
        EntityGroup::Attendance => msg("engine-group-attendance"),
        EntityGroup::Finance => msg("engine-group-finance"),
        EntityGroup::Communication => msg("engine-group-communication"),
        EntityGroup::Modules => msg("engine-group-modules"),
        EntityGroup::System => msg("engine-group-system"),
    })
}

#[derive(Template)]
#[template(path = "resources/index.html")]
struct IndexPage {
    layout: Layout,
    groups: Vec<IndexGroup>,
}

/// Every kind of record the user may read, grouped as the role editor groups them.
pub async fn index(page: Page) -> Result<HttpResponse, AppError> {
    let t = page.t;
    let groups = EntityGroup::ALL
        .iter()
        .map(|g| IndexGroup {
            label: group_label(*g, t),
            links: entities::ALL
                .iter()
                .filter(|r| r.entity.group() == *g && r.allows(&page.access, Action::Read))
                .map(|r| (r.label_in(t), r.path()))
                .collect(),
        })
        .filter(|g| !g.links.is_empty())
        .collect();
    render(&IndexPage {
        layout: page.layout(t.text("engine-records")),
        groups,
    })
}
