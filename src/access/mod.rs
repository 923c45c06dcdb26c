//! Who is asking, for which organization, with which permissions. `Access` is the
//! only way a handler reaches tenant data; `gate` makes every route declare its need.

pub mod catalog;
pub mod gate;
pub mod queries;
pub mod reach;
pub mod roles;
pub mod signed_out;
pub mod switch;

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

pub use catalog::{Action, Entity, Permission, PermissionSet};
pub use gate::{Gate, Landing, Landings, Menu, MenuEntry, MenuGroup, RouteInfo, Routes};

use crate::auth::session;
use crate::db::schema::{
    auth_refresh_tokens, organizations, permissions, roles as role_rows, roles_permissions, users,
    users_custom_permissions,
};
use crate::web::error::AppError;

/// The signed-in user acting in one organization.
#[derive(Clone, Debug)]
pub struct Access {
    pub user_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role_name: Option<String>,
    pub organization_id: Uuid,
    pub organization_name: String,
    /// The school's time zone.
    pub time_zone: chrono_tz::Tz,
    /// The school's currency, for money on its pages.
    pub currency: crate::web::format::Currency,
    /// The first day of the school's week, for its calendars.
    pub week_start: chrono::Weekday,
    pub global_access: bool,
    pub permissions: PermissionSet,
    pub session_id: Uuid,
    pub csrf_token: String,
    /// The role requires two-step sign-in and the user has not set it up yet.
    pub must_enrol_mfa: bool,
    /// The language the user chose, and the school's (tags; see `i18n::choose`).
    pub language: Option<String>,
    pub school_language: Option<String>,
    /// The school's colour and logo for its header (`crate::settings::Brand`).
    pub brand_color: Option<String>,
    pub logo_file_id: Option<Uuid>,
    /// The keys of the staff-development modules the school switched off.
    pub modules_off: Vec<&'static str>,
}

impl Access {
    pub fn can(&self, permission: Permission) -> bool {
        self.permissions.contains(permission)
    }

    pub fn can_read(&self, entity: Entity) -> bool {
        self.can(Permission::new(Action::Read, entity))
    }

    /// This user's work in their organization, for [`crate::db::run_in`]: row-level
    /// security then shows them only what their role reaches.
    pub fn actor(&self) -> crate::db::Actor {
        crate::db::Actor::signed_in(
            self.organization_id,
            self.user_id,
            reach::reach(&self.permissions, self.global_access),
            self.time_zone,
        )
    }

    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        if self.can(permission) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// How the school's pages show dates and money, in the reader's language.
    pub fn locale(&self, t: crate::i18n::Lang) -> crate::web::format::Locale {
        crate::web::format::Locale::new(self.time_zone, self.currency, t)
            .with_week_start(self.week_start)
    }

    /// The organization's calendar date now; "today" for a school is local.
    pub fn today(&self) -> chrono::NaiveDate {
        local_today(self.time_zone)
    }

    /// Loads the access of a session key, or `None` when the session is unknown,
    /// revoked, expired, idle too long, still waiting for its second step, or its
    /// user is disabled.
    pub fn load(
        conn: &mut PgConnection,
        session_key: &str,
        idle: std::time::Duration,
    ) -> QueryResult<Option<Access>> {
        let now = Utc::now();
        let idle_since =
            now - chrono::Duration::from_std(idle).unwrap_or(chrono::Duration::hours(8));
        let row = auth_refresh_tokens::table
            .inner_join(users::table.on(users::id.eq(auth_refresh_tokens::user_id)))
            .left_join(
                role_rows::table.on(role_rows::id
                    .nullable()
                    .eq(users::app_role_id)
                    .and(role_rows::deleted_at.is_null())),
            )
            .inner_join(
                organizations::table.on(organizations::id
                    .nullable()
                    .eq(auth_refresh_tokens::organization_id)
                    .and(organizations::deleted_at.is_null())),
            )
            .filter(auth_refresh_tokens::token_hash.eq(session::hash_key(session_key)))
            .filter(auth_refresh_tokens::revoked_at.is_null())
            .filter(auth_refresh_tokens::expires_at.gt(now))
            .filter(auth_refresh_tokens::last_seen_at.gt(idle_since))
            .filter(auth_refresh_tokens::mfa_pending.eq(false))
            .filter(users::disabled.eq(false))
            .filter(users::deleted_at.is_null())
            .select((
                auth_refresh_tokens::id,
                auth_refresh_tokens::csrf_token,
                auth_refresh_tokens::last_seen_at,
                users::id,
                users::email,
                users::first_name,
                users::last_name,
                users::app_role_id,
                role_rows::name.nullable(),
                role_rows::global_access.nullable(),
                role_rows::require_mfa.nullable(),
                users::mfa_enabled,
                organizations::id,
                organizations::name,
                organizations::time_zone,
                organizations::currency,
                organizations::week_start,
                users::language,
                organizations::language,
                organizations::brand_color,
                organizations::logo_file_id,
                organizations::settings,
            ))
            .first::<SessionRow>(conn)
            .optional()?;
        let Some(row) = row else { return Ok(None) };

        let permissions = load_permissions(conn, row.user_id, row.role_id)?;
        // One write a minute at most keeps the idle clock without a write per request.
        if now - row.last_seen_at > chrono::Duration::minutes(1) {
            diesel::update(auth_refresh_tokens::table.find(row.session_id))
                .set(auth_refresh_tokens::last_seen_at.eq(now))
                .execute(conn)?;
        }
        let display_name = display_name(
            row.first_name.as_deref(),
            row.last_name.as_deref(),
            &row.email,
        );
        Ok(Some(Access {
            user_id: row.user_id,
            email: row.email,
            display_name,
            role_name: row.role_name,
            organization_id: row.organization_id,
            organization_name: row.organization_name,
            time_zone: crate::clock::zone(&row.time_zone),
            currency: crate::web::format::Currency::or_default(&row.currency),
            week_start: crate::web::format::iso_weekday(row.week_start)
                .unwrap_or(chrono::Weekday::Mon),
            global_access: row.global_access.unwrap_or(false),
            permissions,
            session_id: row.session_id,
            csrf_token: row.csrf_token,
            must_enrol_mfa: row.require_mfa == Some(true) && !row.mfa_enabled,
            language: row.language,
            school_language: row.school_language,
            brand_color: row.brand_color,
            logo_file_id: row.logo_file_id,
            modules_off: crate::staffdev::switched_off(&row.school_settings),
        }))
    }
}

#[derive(Queryable)]
struct SessionRow {
    session_id: Uuid,
    csrf_token: String,
    last_seen_at: DateTime<Utc>,
    user_id: Uuid,
    email: String,
    first_name: Option<String>,
    last_name: Option<String>,
    role_id: Option<Uuid>,
    role_name: Option<String>,
    global_access: Option<bool>,
    require_mfa: Option<bool>,
    mfa_enabled: bool,
    organization_id: Uuid,
    organization_name: String,
    time_zone: String,
    currency: String,
    week_start: i16,
    language: Option<String>,
    school_language: Option<String>,
    brand_color: Option<String>,
    logo_file_id: Option<Uuid>,
    school_settings: serde_json::Value,
}

/// The role's permissions together with the user's own custom ones.
pub fn load_permissions(
    conn: &mut PgConnection,
    user_id: Uuid,
    role_id: Option<Uuid>,
) -> QueryResult<PermissionSet> {
    let from_role = permissions::table
        .inner_join(
            roles_permissions::table.on(roles_permissions::permission_id.eq(permissions::id)),
        )
        .filter(roles_permissions::role_id.nullable().eq(role_id))
        .filter(roles_permissions::deleted_at.is_null())
        .filter(permissions::deleted_at.is_null())
        .select(permissions::name);
    let custom = permissions::table
        .inner_join(
            users_custom_permissions::table
                .on(users_custom_permissions::permission_id.eq(permissions::id)),
        )
        .filter(users_custom_permissions::user_id.eq(user_id))
        .filter(users_custom_permissions::deleted_at.is_null())
        .filter(permissions::deleted_at.is_null())
        .select(permissions::name);
    let names: Vec<String> = from_role.union(custom).load(conn)?;
    Ok(names.iter().filter_map(|n| Permission::parse(n)).collect())
}

pub fn display_name(first: Option<&str>, last: Option<&str>, email: &str) -> String {
    let name = [first, last]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() {
        email.to_owned()
    } else {
        name
    }
}

pub fn local_today(time_zone: chrono_tz::Tz) -> chrono::NaiveDate {
    crate::clock::today(time_zone)
}

impl FromRequest for Access {
    type Error = AppError;
    type Future = Ready<Result<Access, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // The route's gate has already loaded it; a handler on a public route gets none.
        ready(
            req.extensions()
                .get::<Access>()
                .cloned()
                .ok_or(AppError::SignedOut { next: None }),
        )
    }
}
