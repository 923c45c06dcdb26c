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

use super::{Mode, Resource, entities};
use crate::access::catalog::EntityGroup;
use crate::access::{Access, Action};
use crate::web::error::AppError;
use crate::web::format::Locale;
use crate::web::layout::{Layout, Page};
use crate::web::render;

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
}

fn parse_id(id: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(id).map_err(|_| AppError::NotFound)
}

/// "3 Nov 2026 14:05 by Ada Lovelace", in the school's time zone.
fn when(at: chrono::DateTime<chrono::Utc>, who: Option<&str>, locale: &Locale) -> String {
    let at = locale.instant(at);
    match who {
        Some(who) => format!("{at} by {who}"),
        None => at.to_string(),
    }
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
