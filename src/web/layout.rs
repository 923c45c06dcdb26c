//! The data every full page hands to `base.html`: title, user bar, menu, flashes.

use std::future::Future;
use std::pin::Pin;

use actix_session::Session;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};

use super::assets::{ASSETS, Assets};
use super::flash::{self, Flash};
use crate::access::{Access, Action, Entity, Menu, Permission};
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
    menu: web::Data<Menu>,
}

impl Page {
    pub fn layout(&self, title: impl Into<String>) -> Layout {
        let access = &self.access;
        let nav = self
            .menu
            .for_user(access)
            .map(|entry| NavLink {
                label: entry.label,
                href: entry.href,
                current: self.path == entry.href
                    || (entry.href != "/" && self.path.starts_with(entry.href)),
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
        let menu = req.app_data::<web::Data<Menu>>().cloned();
        Box::pin(async move {
            let menu =
                menu.ok_or_else(|| AppError::Internal(anyhow::anyhow!("main menu missing")))?;
            let access = access.await?;
            let flashes = session.await.map(|s| flash::take(&s)).unwrap_or_default();
            Ok(Page {
                access,
                flashes,
                path,
                menu,
            })
        })
    }
}
