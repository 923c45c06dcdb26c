//! Every route is registered here with what it needs: public, any signed-in user,
//! or one permission. The registry is what the route sweeps in the tests walk.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::{Next, from_fn};
use actix_web::web::{self, Bytes};
use actix_web::{
    Error, FromRequest, Handler, HttpMessage, HttpRequest, HttpResponse, Responder, ResponseError,
    guard,
};

use diesel::{PgConnection, QueryResult};

use super::{Access, Permission};
use crate::auth::{csrf, session};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::see_other;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    /// Sign-in, password reset, health and static files.
    Public,
    /// Any signed-in user (their own dashboard, profile, sign-out).
    SignedIn,
    /// A signed-in user holding this permission.
    Requires(Permission),
}

#[derive(Clone, Debug)]
pub struct RouteInfo {
    pub method: Method,
    pub path: &'static str,
    pub gate: Gate,
}

/// The sections of the main menu, in the order staff think of their work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MenuGroup {
    Today,
    StudentsAndFamilies,
    Attendance,
    Academics,
    Finance,
    Communication,
    Staff,
    Administration,
    /// The user's own pages, shown beside their name and the sign-out button.
    Account,
}

impl MenuGroup {
    pub const ALL: [MenuGroup; 9] = [
        MenuGroup::Today,
        MenuGroup::StudentsAndFamilies,
        MenuGroup::Attendance,
        MenuGroup::Academics,
        MenuGroup::Finance,
        MenuGroup::Communication,
        MenuGroup::Staff,
        MenuGroup::Administration,
        MenuGroup::Account,
    ];

    /// The message id of the group's heading (`locales/*/common.ftl`).
    pub fn label(self) -> &'static str {
        match self {
            MenuGroup::Today => "nav-group-today",
            MenuGroup::StudentsAndFamilies => "nav-group-students-and-families",
            MenuGroup::Attendance => "nav-group-attendance",
            MenuGroup::Academics => "nav-group-academics",
            MenuGroup::Finance => "nav-group-finance",
            MenuGroup::Communication => "nav-group-communication",
            MenuGroup::Staff => "nav-group-staff",
            MenuGroup::Administration => "nav-group-administration",
            MenuGroup::Account => "nav-group-account",
        }
    }

    /// A name for element ids: `students-and-families`.
    pub fn slug(self) -> &'static str {
        match self {
            MenuGroup::Today => "today",
            MenuGroup::StudentsAndFamilies => "students-and-families",
            MenuGroup::Attendance => "attendance",
            MenuGroup::Academics => "academics",
            MenuGroup::Finance => "finance",
            MenuGroup::Communication => "communication",
            MenuGroup::Staff => "staff",
            MenuGroup::Administration => "administration",
            MenuGroup::Account => "account",
        }
    }
}

/// One link of the main menu, added by the module that owns the page: shown to
/// users its gate admits, in its group, in ascending `order`.
#[derive(Clone, Copy, Debug)]
pub struct MenuEntry {
    pub group: MenuGroup,
    pub order: u16,
    /// The message id of the link's text (`locales/*/common.ftl`).
    pub label: &'static str,
    pub href: &'static str,
    pub gate: Gate,
}

/// The main menu every module contributed, by group and order. `register` hands
/// it to the app, where the page shell reads it.
#[derive(Clone, Debug, Default)]
pub struct Menu {
    entries: Vec<MenuEntry>,
    /// Links only users with global access may follow (install-wide records).
    global_only: Vec<&'static str>,
    /// Links to a module a school may switch off: (href, module key).
    of_module: Vec<(&'static str, &'static str)>,
}

impl Menu {
    pub fn entries(&self) -> &[MenuEntry] {
        &self.entries
    }

    /// The entries `access` may open, by group and order.
    pub fn for_user<'a>(&'a self, access: &'a Access) -> impl Iterator<Item = &'a MenuEntry> {
        self.entries.iter().filter(|entry| {
            let admitted = match entry.gate {
                Gate::Public | Gate::SignedIn => true,
                Gate::Requires(p) => access.can(p),
            };
            let switched_off = self
                .of_module
                .iter()
                .any(|(href, module)| *href == entry.href && access.modules_off.contains(module));
            admitted
                && !switched_off
                && (access.global_access || !self.global_only.contains(&entry.href))
        })
    }
}

/// Where a sign-in without a `next` lands when `applies` holds for the account
/// (its e-mail, looked up without row-level security: the user is not signed in yet).
#[derive(Clone, Copy)]
pub struct Landing {
    pub path: &'static str,
    pub applies: fn(&mut PgConnection, &str) -> QueryResult<bool>,
}

/// The landing rules every module contributed, tried in the order they were added.
#[derive(Clone, Default)]
pub struct Landings {
    rules: Vec<Landing>,
}

impl Landings {
    /// The first landing page whose rule applies to the account, else the dashboard.
    pub fn for_account(&self, conn: &mut PgConnection, email: &str) -> QueryResult<&'static str> {
        for rule in &self.rules {
            if (rule.applies)(conn, email)? {
                return Ok(rule.path);
            }
        }
        Ok("/")
    }
}

/// Collects routes with their gates; `register` hands them to actix-web.
type Registration = Box<dyn FnOnce(&mut web::ServiceConfig)>;

#[derive(Default)]
pub struct Routes {
    table: Vec<RouteInfo>,
    registrations: Vec<Registration>,
    menu: Vec<MenuEntry>,
    global_only: Vec<&'static str>,
    of_module: Vec<(&'static str, &'static str)>,
    landings: Landings,
}

impl Routes {
    pub fn new() -> Routes {
        Routes::default()
    }

    pub fn get<F, Args>(&mut self, path: &'static str, gate: Gate, handler: F) -> &mut Routes
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.add(Method::GET, path, gate, handler)
    }

    pub fn post<F, Args>(&mut self, path: &'static str, gate: Gate, handler: F) -> &mut Routes
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.add(Method::POST, path, gate, handler)
    }

    fn add<F, Args>(
        &mut self,
        method: Method,
        path: &'static str,
        gate: Gate,
        handler: F,
    ) -> &mut Routes
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.table.push(RouteInfo {
            method: method.clone(),
            path,
            gate,
        });
        self.registrations
            .push(Box::new(move |cfg: &mut web::ServiceConfig| {
                cfg.service(
                    web::resource(path)
                        .guard(guard::Method(method))
                        .app_data(gate)
                        .wrap(from_fn(enforce))
                        .route(web::route().to(handler)),
                );
            }));
        self
    }

    /// Adds a link to the main menu.
    pub fn menu(&mut self, entry: MenuEntry) -> &mut Routes {
        self.menu.push(entry);
        self
    }

    /// Adds a link only users with global access see, whatever their permissions.
    pub fn menu_for_global_users(&mut self, entry: MenuEntry) -> &mut Routes {
        self.global_only.push(entry.href);
        self.menu(entry)
    }

    /// Adds a link to a module the school may switch off (`module`, its key in the
    /// school's settings): hidden while it is off.
    pub fn menu_of_module(&mut self, entry: MenuEntry, module: &'static str) -> &mut Routes {
        self.of_module.push((entry.href, module));
        self.menu(entry)
    }

    /// Adds a landing rule for sign-ins; earlier rules win.
    pub fn landing(&mut self, landing: Landing) -> &mut Routes {
        self.landings.rules.push(landing);
        self
    }

    pub fn table(&self) -> &[RouteInfo] {
        &self.table
    }

    /// The main menu as registered so far, by group and order.
    pub fn main_menu(&self) -> Menu {
        let mut entries = self.menu.clone();
        entries.sort_by_key(|entry| (entry.group, entry.order));
        Menu {
            entries,
            global_only: self.global_only.clone(),
            of_module: self.of_module.clone(),
        }
    }

    pub fn register(self, cfg: &mut web::ServiceConfig) {
        cfg.app_data(web::Data::new(self.main_menu()));
        cfg.app_data(web::Data::new(self.landings));
        for register in self.registrations {
            register(cfg);
        }
    }
}

/// What a user whose role requires two-step sign-in may open before setting it up;
/// the first is where everything else sends them.
pub const MFA_ENROLMENT_PATHS: &[&str] = &["/profile/mfa", "/profile/mfa/confirm", "/logout"];

/// Loads the session for gated routes, checks the permission, and checks the CSRF
/// token of every unsafe request, before the handler runs. A refusal is answered
/// here, with the request, so its page reads in the user's language.
async fn enforce(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    match check(&mut req).await {
        Ok(None) => next
            .call(req)
            .await
            .map(ServiceResponse::map_into_left_body),
        Ok(Some(answer)) => Ok(req.into_response(answer).map_into_right_body()),
        // Built whole, as `into_response` would drop the error the page is made from.
        Err(refused) => {
            let (request, _) = req.into_parts();
            let answer = HttpResponse::from_error(refused);
            Ok(ServiceResponse::new(request, answer).map_into_right_body())
        }
    }
}

/// What to answer instead of the page, if anything: sign-in, setting up two-step
/// sign-in, or a refusal.
async fn check(req: &mut ServiceRequest) -> Result<Option<HttpResponse>, Error> {
    let gate = req.app_data::<Gate>().copied().unwrap_or(Gate::SignedIn);
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("application state missing")))?;

    let expected_csrf = match gate {
        Gate::Public => csrf::cookie_token(req.request()),
        Gate::SignedIn | Gate::Requires(_) => match admit(req, &state, gate).await? {
            Ok(token) => Some(token),
            Err(answer) => return Ok(Some(answer)),
        },
    };

    if !is_safe(req.method()) {
        let presented = presented_csrf(req).await?;
        if !csrf::matches(expected_csrf.as_deref(), presented.as_deref()) {
            return Err(AppError::CsrfRejected.into());
        }
    }
    Ok(None)
}

/// Loads the session of a gated route and checks its permission: the session's CSRF
/// token, or what to answer instead of the page (sign-in, or setting up two-step sign-in).
async fn admit(
    req: &mut ServiceRequest,
    state: &AppState,
    gate: Gate,
) -> Result<Result<String, HttpResponse>, Error> {
    let Some(access) = load_access(req, state).await? else {
        let signed_out = super::signed_out::sign_in_first(req, state).await?;
        return Ok(Err(signed_out.error_response()));
    };
    if access.must_enrol_mfa && !MFA_ENROLMENT_PATHS.contains(&req.path()) {
        return Ok(Err(see_other(MFA_ENROLMENT_PATHS[0])));
    }
    let forbidden = matches!(gate, Gate::Requires(permission) if !access.can(permission));
    // A page of a staff-development module the school switched off is not there.
    let switched_off = crate::staffdev::is_switched_off_page(req.path(), &access.modules_off);
    let token = access.csrf_token.clone();
    // Kept even when refused, so the refusal reads in the user's language.
    req.extensions_mut().insert(access);
    if forbidden {
        return Err(AppError::Forbidden.into());
    }
    if switched_off {
        return Err(AppError::NotFound.into());
    }
    Ok(Ok(token))
}

async fn load_access(req: &ServiceRequest, state: &AppState) -> Result<Option<Access>, AppError> {
    load_access_of(req.request(), state).await
}

async fn load_access_of(req: &HttpRequest, state: &AppState) -> Result<Option<Access>, AppError> {
    let Some(key) = session::key_from_request(req) else {
        return Ok(None);
    };
    let idle = state.settings.session_idle;
    // Who is asking decides the organization, so this runs before any: no row-level security.
    crate::web::db::run(&state.pool, move |conn| Ok(Access::load(conn, &key, idle)?)).await
}

/// The answer to a path no route serves: "not found", in the language of whoever is
/// signed in (their own, else their school's), else the browser's.
pub async fn unmatched(req: HttpRequest, state: web::Data<AppState>) -> AppError {
    // A session that cannot be read leaves the browser's language; the answer stays 404.
    if let Ok(Some(access)) = load_access_of(&req, &state).await {
        req.extensions_mut().insert(access);
    }
    AppError::NotFound
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The token from the `X-CSRF-Token` header (htmx), else the `csrf_token` field of
/// a url-encoded form, whose body is put back for the handler, or the query of an upload.
async fn presented_csrf(req: &mut ServiceRequest) -> Result<Option<String>, Error> {
    if let Some(value) = req.headers().get(csrf::HEADER) {
        return Ok(value.to_str().ok().map(str::to_owned));
    }
    let content_type = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    // An upload's body is streamed to its handler, so its form carries the token in its action URL.
    if content_type.starts_with("multipart/form-data") {
        return Ok(csrf::form_field(req.query_string().as_bytes()));
    }
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return Ok(None);
    }
    let body = req.extract::<Bytes>().await?;
    let token = csrf::form_field(&body);
    req.set_payload(body.into());
    Ok(token)
}
