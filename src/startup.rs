//! Builds the web application: state, middleware and every module's routes.

use std::net::TcpListener;
use std::path::Path;

use actix_session::SessionMiddleware;
use actix_session::config::CookieContentSecurity;
use actix_session::storage::CookieSessionStore;
use actix_web::cookie::{Key, SameSite};
use actix_web::dev::Server;
use actix_web::middleware::{Compress, DefaultHeaders, from_fn};
use actix_web::{App, HttpServer, web};
use anyhow::Context;

use crate::access::{RouteInfo, Routes};
use crate::config::Settings;
use crate::db::PgPool;
use crate::state::AppState;

/// Every route of the application, each with its gate.
pub fn routes() -> Routes {
    let mut r = Routes::new();
    crate::web::assets::routes(&mut r);
    crate::web::health::routes(&mut r);
    crate::auth::routes::routes(&mut r);
    crate::dashboard::routes(&mut r);
    crate::access::switch::routes(&mut r);
    crate::settings::routes(&mut r);
    crate::staffdev::routes(&mut r);
    crate::admin::routes(&mut r);
    crate::communication::routes(&mut r);
    crate::jobs::routes(&mut r);
    crate::files::routes(&mut r);
    crate::search::routes(&mut r);
    crate::attendance::oversight_routes(&mut r);
    crate::walkthroughs::routes(&mut r);
    crate::staffdev::frame::routes(&mut r);
    crate::staffdev::zones::routes(&mut r);
    crate::staffdev::signs::routes(&mut r);
    crate::students::routes(&mut r);
    crate::timetable::routes(&mut r);
    crate::resources::routes(&mut r);
    crate::attendance::routes(&mut r);
    crate::gradebook::routes(&mut r);
    crate::rollover::routes(&mut r);
    crate::finance::routes(&mut r);
    crate::feeds::routes(&mut r);
    crate::calendar::routes(&mut r);
    crate::privacy::routes(&mut r);
    r
}

/// The route table, for the sweeps that walk every route.
pub fn route_table() -> Vec<RouteInfo> {
    routes().table().to_vec()
}

pub struct Application {
    port: u16,
    server: Server,
    access_log: crate::privacy::AccessLog,
}

impl Application {
    /// Binds the listener (port 0 picks a free port) and prepares the server.
    pub fn build(settings: Settings, pool: PgPool) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(&settings.bind)
            .with_context(|| format!("cannot listen on {}", settings.bind))?;
        let port = listener.local_addr()?.port();
        let key = cookie_key(&settings)?;
        let secure = settings.secure_cookies;
        let workers = settings.workers;
        let public_url = settings.public_url.clone().unwrap_or_else(|| {
            let ip = listener
                .local_addr()
                .map(|a| a.ip().to_string())
                .unwrap_or_default();
            let host = if ip == "0.0.0.0" || ip == "::" {
                "localhost".to_owned()
            } else {
                ip
            };
            format!("http://{host}:{port}")
        });
        let mailer = crate::mail::Mailer::from_settings(&settings)?;
        let access_log = crate::privacy::AccessLog::start(pool.clone());
        let access_log_data = web::Data::new(access_log.clone());
        let state = web::Data::new(AppState {
            pool,
            settings,
            mailer,
            public_url,
        });

        let server = HttpServer::new(move || {
            let flash_store =
                SessionMiddleware::builder(CookieSessionStore::default(), key.clone())
                    .cookie_name("homeroom_flash".to_owned())
                    .cookie_secure(secure)
                    .cookie_http_only(true)
                    .cookie_same_site(SameSite::Lax)
                    .cookie_content_security(CookieContentSecurity::Private)
                    .build();
            App::new()
                .app_data(state.clone())
                .app_data(access_log_data.clone())
                .app_data(
                    web::FormConfig::default()
                        .limit(256 * 1024)
                        .error_handler(|err, _| crate::web::input::unreadable_form(&err).into()),
                )
                .configure(|cfg| routes().register(cfg))
                .default_service(web::to(|req, state| async {
                    Err::<actix_web::HttpResponse, _>(
                        crate::access::gate::unmatched(req, state).await,
                    )
                }))
                .wrap(from_fn(crate::privacy::record_views))
                .wrap(from_fn(crate::web::error::speak_errors))
                .wrap(flash_store)
                .wrap(from_fn(crate::web::limits::refuse_oversized))
                .wrap(Compress::default())
                .wrap(security_headers(secure))
                .wrap(from_fn(crate::web::request_log::log_requests))
        })
        .workers(workers)
        .listen(listener)?
        .run();
        Ok(Application {
            port,
            server,
            access_log,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn server(self) -> Server {
        self.server
    }

    /// The access log's writer, to flush when the server stops.
    pub fn access_log(&self) -> crate::privacy::AccessLog {
        self.access_log.clone()
    }
}

fn security_headers(secure: bool) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add((
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
        ))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), payment=()",
        ));
    if secure {
        headers.add((
            "Strict-Transport-Security",
            "max-age=31536000; includeSubDomains",
        ))
    } else {
        headers
    }
}

/// The key that encrypts the flash-message cookie: from `HOMEROOM_SECRET_KEY`, or
/// generated once into the data directory.
fn cookie_key(settings: &Settings) -> anyhow::Result<Key> {
    let hex_key = match &settings.secret_key {
        Some(k) => k.trim().to_owned(),
        None => load_or_create_secret(&settings.data_dir)?,
    };
    let bytes = hex::decode(&hex_key).context("HOMEROOM_SECRET_KEY must be hexadecimal")?;
    if bytes.len() < 64 {
        anyhow::bail!("HOMEROOM_SECRET_KEY must be at least 128 hexadecimal characters (64 bytes)");
    }
    Ok(Key::from(&bytes))
}

fn load_or_create_secret(data_dir: &Path) -> anyhow::Result<String> {
    let path = data_dir.join("secret.key");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        return Ok(existing.trim().to_owned());
    }
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("creating the data directory {}", data_dir.display()))?;
    let secret = format!(
        "{}{}",
        crate::auth::session::random_key(),
        crate::auth::session::random_key()
    );
    write_private(&path, &secret).with_context(|| format!("writing {}", path.display()))?;
    Ok(secret)
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(contents.as_bytes())
}
