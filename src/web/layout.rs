//! The data every full page hands to `base.html`: title, user bar, menu, flashes.

use std::future::Future;
use std::pin::Pin;

use actix_session::Session;
use actix_web::{FromRequest, HttpRequest, dev::Payload};

use super::assets::{ASSETS, Assets};
use super::flash::{self, Flash};
use crate::access::{Access, Action, Entity, Gate, Permission};
use crate::web::error::AppError;

pub struct UserBar {
    pub name: String,
    pub role: String,
    pub organization: String,
    /// Global users may switch organization from the header.
    pub can_switch: bool,
    /// The header's people search shows to users who may read students, staff or guardians.
    pub can_search: bool,
}

pub struct NavLink {
    pub label: &'static str,
    pub href: &'static str,
    pub current: bool,
}

pub struct Layout {
    pub title: String,
    pub user: Option<UserBar>,
    pub nav: Vec<NavLink>,
    pub flashes: Vec<Flash>,
    pub csrf_token: String,
    pub assets: &'static Assets,
}

/// The menu: each entry shows only to users its gate admits.
const MENU: &[(&str, &str, Gate)] = &[
    ("Dashboard", "/", Gate::SignedIn),
    ("Inbox", "/inbox", Gate::SignedIn),
    (
        "Today",
        "/today",
        Gate::Requires(Permission::new(Action::Create, Entity::AttendanceRecords)),
    ),
    (
        "Attendance today",
        "/attendance/overview",
        crate::attendance::oversight::OVERSEE,
    ),
    (
        "Missing rolls",
        "/attendance/missing",
        crate::attendance::oversight::OVERSEE,
    ),
    (
        "Chronic absence",
        "/attendance/chronic",
        crate::attendance::oversight::OVERSEE,
    ),
    (
        "Staff attendance",
        "/attendance/staff",
        Gate::Requires(Permission::new(
            Action::Create,
            Entity::StaffAttendanceRecords,
        )),
    ),
    (
        "Walkthroughs",
        "/walkthroughs",
        Gate::Requires(Permission::new(Action::Read, Entity::WalkthroughCheckins)),
    ),
    ("Records", "/records", Gate::SignedIn),
    (
        "Users",
        "/admin/users",
        Gate::Requires(Permission::new(Action::Read, Entity::Users)),
    ),
    (
        "Roles",
        "/admin/roles",
        Gate::Requires(Permission::new(Action::Read, Entity::Roles)),
    ),
    (
        "Jobs",
        "/admin/jobs",
        Gate::Requires(Permission::new(Action::Read, Entity::ScheduledTasks)),
    ),
    (
        "Outbox",
        "/admin/outbox",
        Gate::Requires(Permission::new(Action::Read, Entity::EmailOutbox)),
    ),
    ("Your profile", "/profile", Gate::SignedIn),
];

fn admits(access: &Access, gate: Gate) -> bool {
    match gate {
        Gate::Public | Gate::SignedIn => true,
        Gate::Requires(p) => access.can(p),
    }
}

impl Layout {
    pub fn public(title: impl Into<String>, csrf_token: String, flashes: Vec<Flash>) -> Layout {
        Layout {
            title: title.into(),
            user: None,
            nav: Vec::new(),
            flashes,
            csrf_token,
            assets: &ASSETS,
        }
    }
}

/// A signed-in page: the access, the flashes waiting for it, and the path (for the menu).
pub struct Page {
    pub access: Access,
    flashes: Vec<Flash>,
    path: String,
}

impl Page {
    pub fn layout(&self, title: impl Into<String>) -> Layout {
        let access = &self.access;
        let nav = MENU
            .iter()
            .filter(|(_, _, gate)| admits(access, *gate))
            .map(|&(label, href, _)| NavLink {
                label,
                href,
                current: self.path == href || (href != "/" && self.path.starts_with(href)),
            })
            .collect();
        Layout {
            title: title.into(),
            user: Some(UserBar {
                name: access.display_name.clone(),
                role: access
                    .role_name
                    .clone()
                    .unwrap_or_else(|| "No role".to_owned()),
                organization: access.organization_name.clone(),
                can_switch: access.global_access,
                can_search: [Entity::Students, Entity::Staff, Entity::Guardians]
                    .into_iter()
                    .any(|e| access.can_read(e)),
            }),
            nav,
            flashes: self.flashes.clone(),
            csrf_token: access.csrf_token.clone(),
            assets: &ASSETS,
        }
    }

    pub fn can(&self, action: Action, entity: Entity) -> bool {
        self.access.can(Permission::new(action, entity))
    }
}

impl FromRequest for Page {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Page, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let access = Access::from_request(req, payload);
        let session = Session::from_request(req, payload);
        let path = req.path().to_owned();
        Box::pin(async move {
            let access = access.await?;
            let flashes = session.await.map(|s| flash::take(&s)).unwrap_or_default();
            Ok(Page {
                access,
                flashes,
                path,
            })
        })
    }
}
