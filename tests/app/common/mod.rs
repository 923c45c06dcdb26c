//! The test harness: one PostgreSQL cluster per run, a template database migrated
//! and seeded with the demo school once, and for every test its own clone of that
//! template with a real Homeroom server on a free port.

#![allow(dead_code)]

pub mod fixtures;
pub mod logs;

use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use diesel::prelude::*;
use diesel::sql_types::Text;
use homeroom::config::Settings;
use homeroom::db::local::{ClusterOptions, LocalCluster};
use homeroom::db::{self, PgPool};
use homeroom::startup::Application;

pub const DEMO_PASSWORD: &str = "homeroom-demo";

/// The demo accounts, one per seeded role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoUser {
    Admin,
    Director,
    Teacher,
    Accountant,
    Office,
    RiversideAdmin,
    Root,
}

impl DemoUser {
    pub const ALL: [DemoUser; 7] = [
        DemoUser::Admin,
        DemoUser::Director,
        DemoUser::Teacher,
        DemoUser::Accountant,
        DemoUser::Office,
        DemoUser::RiversideAdmin,
        DemoUser::Root,
    ];

    pub fn email(self) -> &'static str {
        match self {
            DemoUser::Admin => "admin@northwind.test",
            DemoUser::Director => "director@northwind.test",
            DemoUser::Teacher => "teacher@northwind.test",
            DemoUser::Accountant => "accounts@northwind.test",
            DemoUser::Office => "office@northwind.test",
            DemoUser::RiversideAdmin => "admin@riverside.test",
            DemoUser::Root => "root@homeroom.test",
        }
    }

    pub fn role(self) -> &'static str {
        match self {
            DemoUser::Admin | DemoUser::RiversideAdmin => "Administrator",
            DemoUser::Director => "Director",
            DemoUser::Teacher => "Teacher",
            DemoUser::Accountant => "Accountant",
            DemoUser::Office => "Front Office",
            DemoUser::Root => "Super Administrator",
        }
    }
}

/// Where test databases live: `HOMEROOM_TEST_DATABASE_URL` (a server URL whose user
/// may create databases) or a private cluster under the target directory.
struct Server {
    admin_url: String,
    /// A database URL with `__DB__` where the database name goes.
    url_template: String,
    _cluster: Option<LocalCluster>,
    template: String,
}

impl Server {
    fn url_for(&self, database: &str) -> String {
        self.url_template.replace("__DB__", database)
    }
}

static SERVER: OnceLock<Server> = OnceLock::new();
static NEXT_DB: AtomicU32 = AtomicU32::new(0);

/// The moment the school calendar of every test starts at: a Wednesday mid-morning
/// in the first term, after the daily roll's deadline, unless `HOMEROOM_TEST_NOW`
/// (RFC 3339, e.g. `2026-12-05T10:30:00Z` for a Saturday) chooses another. The app and the demo seed
/// both read it, so no test depends on the day or the hour it runs.
pub const DEFAULT_TEST_NOW: &str = "2026-12-02T10:30:00Z";

pub fn test_now() -> chrono::DateTime<chrono::Utc> {
    let text = std::env::var("HOMEROOM_TEST_NOW")
        .ok()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_TEST_NOW.to_owned());
    chrono::DateTime::parse_from_rfc3339(text.trim())
        .unwrap_or_else(|e| panic!("HOMEROOM_TEST_NOW={text:?} is not an RFC 3339 moment: {e}"))
        .with_timezone(&chrono::Utc)
}

/// Pins the school calendar for this test process (once).
pub fn pin_clock() {
    static PINNED: OnceLock<()> = OnceLock::new();
    PINNED.get_or_init(|| homeroom::clock::pin(test_now()));
}

fn server() -> &'static Server {
    pin_clock();
    SERVER.get_or_init(|| {
        logs::install();
        let (admin_url, url_template, cluster) = match std::env::var("HOMEROOM_TEST_DATABASE_URL") {
            Ok(url) if !url.is_empty() => (url.clone(), with_database_placeholder(&url), None),
            _ => {
                let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("postgres");
                let cluster = LocalCluster::start(&dir, ClusterOptions { durable: false })
                    .unwrap_or_else(|e| panic!("starting the test database cluster: {e}"));
                (
                    cluster.database_url("postgres"),
                    cluster.database_url("__DB__"),
                    Some(cluster),
                )
            }
        };
        let template = build_template(&admin_url, &|db: &str| url_template.replace("__DB__", db));
        Server {
            admin_url,
            url_template,
            _cluster: cluster,
            template,
        }
    })
}

/// `postgres://u@h/db?x=y` → `postgres://u@h/__DB__?x=y`
fn with_database_placeholder(url: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let path_at = base[after_scheme..]
        .find('/')
        .map_or(base.len(), |i| after_scheme + i);
    let mut out = format!("{}/__DB__", &base[..path_at]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

/// The template's name changes whenever the test binary does, so a rebuilt
/// binary (new migrations or seed) gets a fresh template; concurrent test
/// processes build it once under an advisory lock.
fn build_template(admin_url: &str, url_for: &dyn Fn(&str) -> String) -> String {
    let exe = std::env::current_exe().expect("test binary path");
    let meta = std::fs::metadata(&exe).expect("test binary metadata");
    // The demo is seeded around the pinned day, so another day needs another template.
    let stamp = format!(
        "{}{}{}",
        test_now().date_naive(),
        meta.len(),
        meta.modified()
            .ok()
            .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos())
    );
    let digest = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        stamp.hash(&mut h);
        h.finish()
    };
    let name = format!("homeroom_tpl_{digest:016x}");

    let mut admin = PgConnection::establish(admin_url).expect("connect to the test server");
    diesel::sql_query("SELECT pg_advisory_lock(727274)")
        .execute(&mut admin)
        .expect("lock");
    drop_stale_databases(&mut admin, &name);
    let exists: Vec<Name> =
        diesel::sql_query("SELECT datname AS name FROM pg_database WHERE datname = $1")
            .bind::<Text, _>(&name)
            .load(&mut admin)
            .expect("list databases");
    if exists.is_empty() {
        let building = format!("{name}_building");
        diesel::sql_query(format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)"))
            .execute(&mut admin)
            .expect("drop a half-built template");
        diesel::sql_query(format!("CREATE DATABASE {building}"))
            .execute(&mut admin)
            .expect("create the template");
        {
            let mut conn =
                PgConnection::establish(&url_for(&building)).expect("connect to the template");
            db::migrate(&mut conn).expect("migrate the template");
            homeroom::access::roles::ensure_catalog(&mut conn).expect("permission catalog");
            homeroom::demo::seed(&mut conn).expect("seed the demo school");
        }
        diesel::sql_query(format!("ALTER DATABASE {building} RENAME TO {name}"))
            .execute(&mut admin)
            .expect("name the template");
    }
    diesel::sql_query("SELECT pg_advisory_unlock(727274)")
        .execute(&mut admin)
        .expect("unlock");
    name
}

/// Leftovers of crashed runs: test databases of processes that are gone, and old templates.
fn drop_stale_databases(admin: &mut PgConnection, current_template: &str) {
    let names: Vec<Name> = diesel::sql_query(
        "SELECT datname AS name FROM pg_database WHERE datname LIKE 'homeroom\\_test\\_%' OR datname LIKE 'homeroom\\_tpl\\_%'",
    )
    .load(admin)
    .unwrap_or_default();
    for Name { name } in names {
        let stale = if let Some(rest) = name.strip_prefix("homeroom_test_") {
            let pid: i32 = rest
                .split('_')
                .next()
                .and_then(|p| p.parse().ok())
                .unwrap_or(0);
            // SAFETY: kill with signal 0 only asks whether the process exists.
            pid != std::process::id() as i32 && unsafe { libc::kill(pid, 0) } != 0
        } else {
            name != current_template && !name.ends_with("_building")
        };
        if stale {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(admin);
        }
    }
}

/// A database of its own, cloned from the template; dropped when the value is.
pub struct TestDatabase {
    pub name: String,
    pub url: String,
}

impl TestDatabase {
    /// A copy of the template: migrated, with the demo school.
    pub fn new() -> TestDatabase {
        let template = server().template.clone();
        TestDatabase::create(Some(&template))
    }

    /// A bare database: no migrations, no data.
    pub fn empty() -> TestDatabase {
        TestDatabase::create(None)
    }

    fn create(template: Option<&str>) -> TestDatabase {
        let server = server();
        let name = format!(
            "homeroom_test_{}_{}",
            std::process::id(),
            NEXT_DB.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin =
            PgConnection::establish(&server.admin_url).expect("connect to the test server");
        let from = template
            .map(|t| format!(" TEMPLATE {t}"))
            .unwrap_or_default();
        diesel::sql_query(format!("CREATE DATABASE {name}{from}"))
            .execute(&mut admin)
            .expect("create the test database");
        TestDatabase {
            url: server.url_for(&name),
            name,
        }
    }

    pub fn connect(&self) -> PgConnection {
        PgConnection::establish(&self.url).expect("connect to the test database")
    }

    /// Removes the database now, closing every connection to it.
    pub fn drop_now(&self) {
        if let Ok(mut admin) = PgConnection::establish(&server().admin_url) {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut admin);
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        self.drop_now();
    }
}

/// A running Homeroom on its own database.
pub struct TestApp {
    pub address: String,
    pub pool: PgPool,
    pub db: TestDatabase,
    pub data_dir: PathBuf,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_on(TestDatabase::new())
}

pub fn spawn_app_on(db: TestDatabase) -> TestApp {
    spawn_app_configured(db, |_| {})
}

/// A running Homeroom whose test settings `configure` changes first (a small upload limit, say).
pub fn spawn_app_configured(db: TestDatabase, configure: impl FnOnce(&mut Settings)) -> TestApp {
    let data_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("apps")
        .join(&db.name);
    let mut settings = Settings::for_tests(data_dir.clone());
    configure(&mut settings);
    // The app's own pool, which notices (once, quietly) when a test takes the database away.
    let pool = homeroom::db::build_pool(&db.url, 4).expect("pool");
    let app = Application::build(settings, pool.clone()).expect("build the app");
    let address = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.server());
    TestApp {
        address,
        pool,
        db,
        data_dir,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// A browser-like client: keeps cookies, does not follow redirects (tests look at them).
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("http client")
    }

    pub async fn get(&self, client: &reqwest::Client, path: &str) -> reqwest::Response {
        client.get(self.url(path)).send().await.expect("GET")
    }

    /// Posts a form the way a browser does, with the CSRF token the page gave.
    pub async fn post_form(
        &self,
        client: &reqwest::Client,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(path))
            .form(fields)
            .send()
            .await
            .expect("POST")
    }

    /// Opens `page`, takes the CSRF token of its form, and posts `fields` with it to `action`.
    pub async fn submit(
        &self,
        client: &reqwest::Client,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let html = self
            .get(client, page)
            .await
            .text()
            .await
            .expect("the form page");
        let token =
            csrf_token(&html).unwrap_or_else(|| panic!("{page} has a form with a CSRF token"));
        let mut all = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_form(client, action, &all).await
    }

    /// Signs in through the sign-in form; returns the response to the form post.
    pub async fn sign_in(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        self.submit(
            client,
            "/login",
            "/login",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// A client signed in as one of the demo accounts.
    pub async fn signed_in(&self, who: DemoUser) -> reqwest::Client {
        let client = self.client();
        let response = self.sign_in(&client, who.email(), DEMO_PASSWORD).await;
        assert_eq!(
            response.status(),
            303,
            "{} should be able to sign in",
            who.email()
        );
        client
    }

    /// The HTML of a page.
    pub async fn page(&self, client: &reqwest::Client, path: &str) -> String {
        self.get(client, path).await.text().await.expect("a page")
    }

    pub fn conn(&self) -> homeroom::db::PgConn {
        self.pool.get().expect("a connection to the test database")
    }
}

/// Checks a response's status and that its page says `text`; returns the page.
pub async fn expect_page(response: reqwest::Response, status: u16, text: &str) -> String {
    let url = response.url().path().to_owned();
    assert_eq!(response.status(), status, "{url}");
    let html = response.text().await.expect("a page");
    assert!(html.contains(text), "{url} should say {text:?}");
    html
}

/// The value of the first `csrf_token` field of a page.
pub fn csrf_token(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf_token\" value=\"")?;
    let rest = &html[at + "name=\"csrf_token\" value=\"".len()..];
    Some(rest[..rest.find('"')?].to_owned())
}

/// The value a response sets for a cookie.
pub fn set_cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    let prefix = format!("{name}=");
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix(prefix.as_str()))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
}

/// Counts rows of a table, for "nothing changed" assertions.
pub fn count(conn: &mut PgConnection, table: &str) -> i64 {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query(format!("SELECT count(*) AS n FROM {table}"))
        .get_result::<Count>(conn)
        .map(|c| c.n)
        .unwrap_or_else(|e| panic!("counting {table}: {e}"))
}

/// The id of a demo organization by name ("Northwind Academy", "Riverside School").
pub fn organization_id(conn: &mut PgConnection, name: &str) -> uuid::Uuid {
    use homeroom::db::schema::organizations;
    organizations::table
        .filter(organizations::name.eq(name))
        .select(organizations::id)
        .first(conn)
        .unwrap_or_else(|e| panic!("organization {name}: {e}"))
}

/// The id of a user by e-mail.
pub fn user_id(conn: &mut PgConnection, email: &str) -> uuid::Uuid {
    use homeroom::db::schema::users;
    users::table
        .filter(users::email.eq(email))
        .select(users::id)
        .first(conn)
        .unwrap_or_else(|e| panic!("user {email}: {e}"))
}

/// Waits (up to ten seconds) until at least `n` e-mails to `to` are in the outbox:
/// sign-in and "Forgot your password?" send theirs after the answer has gone.
/// Returns how many there are then.
pub async fn wait_for_emails(app: &TestApp, to: &str, n: i64) -> i64 {
    use homeroom::db::schema::email_outbox;
    let mut seen = 0;
    for _ in 0..100 {
        seen = email_outbox::table
            .filter(email_outbox::to_address.eq(to))
            .count()
            .get_result(&mut app.conn())
            .expect("count e-mails");
        if seen >= n {
            break;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    seen
}

/// A route's path with every `{param}` replaced by `id`.
pub fn fill_path(path: &str, id: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find('}')
            .map_or(rest.len(), |e| start + e + 1);
        out.push_str(id);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// What a browser sends for a `<select>`: its selected option, else the first
/// option with a value.
pub fn chosen_option(select: scraper::ElementRef) -> String {
    let option_selector = scraper::Selector::parse("option").expect("selector");
    let options: Vec<_> = select.select(&option_selector).collect();
    options
        .iter()
        .find(|o| o.value().attr("selected").is_some())
        .or(options
            .iter()
            .find(|o| !o.value().attr("value").unwrap_or_default().is_empty()))
        .and_then(|o| o.value().attr("value"))
        .unwrap_or_default()
        .to_owned()
}

/// Reads a started `homeroom serve`'s standard output on a thread, handing every
/// line to `on_line`, and returns the address it says it is running at.
pub fn served_address(
    stdout: std::process::ChildStdout,
    wait: std::time::Duration,
    on_line: impl Fn(&str) + Send + 'static,
) -> String {
    use std::io::{BufRead, BufReader};
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            on_line(&line);
            let _ = tx.send(line);
        }
    });
    loop {
        let line = rx
            .recv_timeout(wait)
            .unwrap_or_else(|_| panic!("homeroom serve prints its URL within {wait:?}"));
        if let Some(rest) = line.strip_prefix("Homeroom is running at ") {
            return rest
                .split_whitespace()
                .next()
                .expect("url")
                .trim_end_matches('/')
                .to_owned();
        }
    }
}
