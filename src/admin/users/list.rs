//! The list of users: search by name or e-mail, filter by role and status, page.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::UserStatus;
use crate::access::{Action, Entity};
use crate::admin::queries::{self, RoleRow, UserRow, UserSearch};
use crate::db::Tenant;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::format::Locale;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{htmx, render};

const PAGE_SIZE: i64 = 50;

#[derive(Deserialize, Default)]
pub(super) struct ListQuery {
    q: Option<String>,
    role: Option<String>,
    status: Option<String>,
    page: Option<String>,
}

/// The list's state as the address holds it; unusable values are ignored.
struct Filter {
    q: String,
    role: Option<Uuid>,
    status: Option<UserStatus>,
    page: i64,
}

impl Filter {
    fn from_query(query: &ListQuery) -> Filter {
        let q: String = query
            .q
            .as_deref()
            .unwrap_or("")
            .trim()
            .chars()
            .take(100)
            .collect();
        Filter {
            q,
            role: query.role.as_deref().and_then(|r| Uuid::parse_str(r).ok()),
            status: query.status.as_deref().and_then(UserStatus::parse),
            page: query
                .page
                .as_deref()
                .and_then(|p| p.parse().ok())
                .filter(|p| (1..=10_000).contains(p))
                .unwrap_or(1),
        }
    }

    fn role_value(&self) -> String {
        self.role.map(|r| r.to_string()).unwrap_or_default()
    }

    fn status_value(&self) -> &'static str {
        self.status.map_or("", UserStatus::as_str)
    }

    /// The address of another page of this same list.
    fn link(&self, page: i64) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        if let Some(role) = self.role {
            pairs.push(("role", role.to_string()));
        }
        if let Some(status) = self.status {
            pairs.push(("status", status.as_str().to_owned()));
        }
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        if query.is_empty() {
            "/admin/users".to_owned()
        } else {
            format!("/admin/users?{query}")
        }
    }

    fn is_filtered(&self) -> bool {
        !self.q.is_empty() || self.role.is_some() || self.status.is_some()
    }

    /// The search this filter asks for.
    fn search(&self) -> UserSearch<'_> {
        let (disabled, has_password) = match self.status {
            None => (None, None),
            Some(UserStatus::Disabled) => (Some(true), None),
            Some(UserStatus::Active) => (Some(false), Some(true)),
            Some(UserStatus::Invited) => (Some(false), Some(false)),
        };
        UserSearch {
            words: &self.q,
            role: self.role,
            has_password,
            disabled,
            offset: (self.page - 1) * PAGE_SIZE,
            limit: PAGE_SIZE,
        }
    }

    /// The page of users this filter finds.
    fn results(&self, tenant: &mut Tenant<'_>) -> diesel::QueryResult<Results> {
        let (users, more) = queries::search_users(tenant, &self.search())?;
        Ok(Results {
            users,
            filtered: self.is_filtered(),
            previous: (self.page > 1).then(|| self.link(self.page - 1)),
            next: more.then(|| self.link(self.page + 1)),
        })
    }
}

struct Results {
    users: Vec<UserRow>,
    filtered: bool,
    previous: Option<String>,
    next: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    layout: Layout,
    t: Lang,
    locale: Locale,
    organization: String,
    q: String,
    role: String,
    status: &'static str,
    statuses: [UserStatus; 3],
    roles: Vec<RoleRow>,
    may_invite: bool,
    results: Results,
}

/// Only the results, for htmx as the search and filters change.
#[derive(Template)]
#[template(path = "admin/users.html", block = "results")]
struct UsersResults {
    locale: Locale,
    results: Results,
}

pub(super) async fn list(
    req: HttpRequest,
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let filter = Filter::from_query(&query);
    let fragment = htmx::wants_fragment(&req);
    let (filter, results, roles) =
        crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
            let results = filter.results(tenant)?;
            let roles = match fragment {
                true => Vec::new(),
                false => queries::live_roles(tenant.conn())?,
            };
            Ok((filter, results, roles))
        })
        .await?;
    if fragment {
        return render(&UsersResults {
            locale: page.locale(),
            results,
        });
    }
    render(&UsersPage {
        layout: page.layout(page.t.text("admin-users-title")),
        t: page.t,
        locale: page.locale(),
        organization: page.access.organization_name.clone(),
        role: filter.role_value(),
        status: filter.status_value(),
        q: filter.q,
        statuses: UserStatus::ALL,
        roles,
        may_invite: page.can(Action::Create, Entity::Users),
        results,
    })
}
