//! The data every full page hands to `base.html`: title, user bar, menu, flashes,
//! and the reader's language (`layout.t`, see `crate::i18n`).

use std::future::Future;
use std::pin::Pin;

use actix_session::Session;
use actix_web::http::header::ACCEPT_LANGUAGE;
use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload, web};

use super::assets::{ASSETS, Assets};
use super::brand::Brand;
use super::flash::{self, Flash};
use crate::access::{Access, Action, Entity, Menu, MenuEntry, MenuGroup, Permission};
use crate::i18n::{self, Lang};
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
    pub label: String,
    pub href: &'static str,
    pub current: bool,
}

/// One section of the main menu with the links the user may open (never empty).
pub struct NavGroup {
    pub label: String,
    pub slug: &'static str,
    pub links: Vec<NavLink>,
    /// Shown open; a closed group shows its heading, which opens it.
    pub open: bool,
}

/// A menu with more links than this is hard to scan in one column: its long groups
/// start closed, except the one holding the current page.
const LONG_MENU: usize = 24;

/// A group of at most this many links stays open in any menu: closing it would save
/// a line or two and cost a tap.
const SHORT_GROUP: usize = 4;

/// Groups that start open in any menu, whatever their length: the day's pages, and the
/// students and families an office opens all day long.
const ALWAYS_OPEN: [MenuGroup; 2] = [MenuGroup::Today, MenuGroup::StudentsAndFamilies];

/// Whether a group starts open, in a menu of `menu_links` links in all.
fn starts_open(group_links: &[NavLink], menu_links: usize) -> bool {
    menu_links <= LONG_MENU
        || group_links.len() <= SHORT_GROUP
        || group_links.iter().any(|link| link.current)
}

pub struct Layout {
    pub title: String,
    pub user: Option<UserBar>,
    /// The menu's sections in order; the user's own pages are in `account`.
    pub nav: Vec<NavGroup>,
    pub account: Vec<NavLink>,
    pub flashes: Vec<Flash>,
    pub csrf_token: String,
    pub assets: &'static Assets,
    /// The reader's language: templates write `{% let t = layout.t %}` then `t.text("…")`.
    pub t: Lang,
    /// The school's name, logo and colour in the header, when the school is known.
    pub brand: Option<Brand>,
}

impl Layout {
    pub fn public(
        t: Lang,
        title: impl Into<String>,
        csrf_token: String,
        flashes: Vec<Flash>,
    ) -> Layout {
        Layout {
            t,
            title: title.into(),
            user: None,
            nav: Vec::new(),
            account: Vec::new(),
            flashes,
            csrf_token,
            assets: &ASSETS,
            brand: None,
        }
    }
}

/// The language of a request: the signed-in user's choice, their school's, then
/// the browser's `Accept-Language`; a visitor's from the browser alone.
pub fn lang_of(req: &HttpRequest) -> Lang {
    let browser = req
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    match req.extensions().get::<Access>() {
        Some(a) => i18n::choose(a.language.as_deref(), a.school_language.as_deref(), browser),
        None => i18n::choose(None, None, browser),
    }
}

/// A signed-in page: the access, the flashes waiting for it, and the path (for the menu).
pub struct Page {
    pub access: Access,
    /// The user's language, for what the handler says besides the template.
    pub t: Lang,
    flashes: Vec<Flash>,
    path: String,
    menu: web::Data<Menu>,
}

impl Page {
    /// How this page shows dates and money: the school's zone and currency in the
    /// reader's language.
    pub fn locale(&self) -> crate::web::format::Locale {
        self.access.locale(self.t)
    }

    pub fn layout(&self, title: impl Into<String>) -> Layout {
        let access = &self.access;
        let entries: Vec<&MenuEntry> = self.menu.for_user(access).collect();
        let current = current_href(&self.path, entries.iter().map(|e| e.href));
        let links = |group: MenuGroup| -> Vec<NavLink> {
            entries
                .iter()
                .filter(|e| e.group == group)
                .map(|e| NavLink {
                    label: self.t.text(e.label),
                    href: e.href,
                    current: Some(e.href) == current,
                })
                .collect()
        };
        let menu_links = entries
            .iter()
            .filter(|e| e.group != MenuGroup::Account)
            .count();
        let nav = MenuGroup::ALL
            .into_iter()
            .filter(|g| *g != MenuGroup::Account)
            .map(|g| {
                let links = links(g);
                NavGroup {
                    label: self.t.text(g.label()),
                    slug: g.slug(),
                    open: ALWAYS_OPEN.contains(&g) || starts_open(&links, menu_links),
                    links,
                }
            })
            .filter(|g| !g.links.is_empty())
            .collect();
        let account = links(MenuGroup::Account);
        Layout {
            t: self.t,
            title: title.into(),
            user: Some(UserBar {
                name: access.display_name.clone(),
                role: access
                    .role_name
                    .clone()
                    .unwrap_or_else(|| self.t.text("layout-no-role")),
                organization: access.organization_name.clone(),
                can_switch: access.global_access,
                can_search: [Entity::Students, Entity::Staff, Entity::Guardians]
                    .into_iter()
                    .any(|e| access.can_read(e)),
            }),
            nav,
            account,
            flashes: self.flashes.clone(),
            csrf_token: access.csrf_token.clone(),
            assets: &ASSETS,
            brand: Some(Brand::new(
                &access.organization_name,
                access.brand_color.as_deref(),
                access.logo_file_id,
            )),
        }
    }

    pub fn can(&self, action: Action, entity: Entity) -> bool {
        self.access.can(Permission::new(action, entity))
    }

    /// The language a form picked (`None` for none), or a bad request saying so.
    pub fn chosen_language(&self, form: &LanguageForm) -> Result<Option<&'static str>, AppError> {
        i18n::parse_choice(&form.language)
            .map_err(|_| AppError::BadRequest(self.t.text("language-unknown")))
    }
}

/// A form with a language picker (`language=es`; empty for "none chosen").
#[derive(serde::Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    pub language: String,
}

/// The menu link of the page at `path`: the longest link that is the path or one of
/// its parents (`/students/…` is under Students, `/staff-attendance-records` is not
/// under Staff).
fn current_href<'a>(path: &str, hrefs: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    hrefs
        .filter(|href| {
            path == *href
                || (*href != "/"
                    && path
                        .strip_prefix(href)
                        .is_some_and(|rest| rest.starts_with('/')))
        })
        .max_by_key(|href| href.len())
}

impl FromRequest for Page {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Page, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let access = Access::from_request(req, payload);
        let t = lang_of(req);
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
                t,
                flashes,
                path,
                menu,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{LONG_MENU, NavLink, current_href, starts_open};

    fn group(size: usize, current: Option<usize>) -> Vec<NavLink> {
        (0..size)
            .map(|i| NavLink {
                label: "A page".to_owned(),
                href: "/a-page",
                current: Some(i) == current,
            })
            .collect()
    }

    #[test]
    fn a_long_menu_closes_its_long_groups_but_the_current_one() {
        let long = LONG_MENU + 1;
        assert!(!starts_open(&group(10, None), long), "a long group closes");
        assert!(
            starts_open(&group(10, Some(9)), long),
            "the current page shows"
        );
        assert!(
            starts_open(&group(3, None), long),
            "a short group stays open"
        );
        assert!(
            starts_open(&group(10, None), LONG_MENU),
            "a short menu is all open"
        );
    }

    const MENU: [&str; 5] = [
        "/",
        "/staff",
        "/staff-attendance-records",
        "/attendance/staff",
        "/admin/users",
    ];

    #[test]
    fn a_record_page_marks_its_list_and_no_neighbour_sharing_its_first_letters() {
        let current = |path| current_href(path, MENU.into_iter());
        assert_eq!(current("/"), Some("/"));
        assert_eq!(current("/staff/1f0c"), Some("/staff"));
        assert_eq!(
            current("/staff-attendance-records"),
            Some("/staff-attendance-records")
        );
        assert_eq!(current("/attendance/staff"), Some("/attendance/staff"));
        assert_eq!(current("/admin/users/7/edit"), Some("/admin/users"));
        assert_eq!(current("/roll/classes/9"), None);
    }
}
