//! The screen sweep: every page of the route table that a demo role can open, in
//! headless Chromium at a phone's, a tablet's and a desktop's size. On each it
//! checks that the page does not scroll sideways and that axe-core finds nothing
//! serious or critical and no two landmarks of one kind without distinct names; on
//! the pages staff work on with a finger (Today, the roll, the walkthrough form and
//! staff attendance) it checks that every control is at least 44×44 px on a phone
//! and a tablet. Each problem names the role, the size, the page and the rule. A
//! screenshot of each page and size lands in
//! `target/screenshots/sweep/<role>/<page>-<width>.png`.
//!
//! Each GET route is opened once with the ids of a row the role can read, and each
//! record page's tabs (`?tab=`) besides the one it opens with. The dashboard, the
//! inbox and the touch pages are opened as every role; any other page as the first
//! role of `ROLES` that can open it (as every role with
//! `HOMEROOM_SWEEP_EVERY_ROLE=1`, which takes about three times as long). Pages
//! reached only through a step of their own are set up here: the two-step code page
//! (an account with two-step sign-in on, signed in with its password), the page that
//! sets a password (a reset link), and an import's preview (a small CSV with two bad
//! rows, uploaded in the browser), its progress (a run still going) and its result.
//!
//! axe-core comes pinned from npm (package.json, installed by the build with htmx)
//! and is read from `node_modules` here; nothing of it is served by Homeroom.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use fantoccini::{Client, Locator};
use homeroom::access::Gate;
use homeroom::auth::tokens::{self, PasswordToken};
use homeroom::resources::parse_csv;
use homeroom::startup::route_table;
use uuid::Uuid;

use crate::browser::{
    DESKTOP, Driver, PHONE, TABLET, browser, open, read_text, resize, screenshot, screenshot_dir,
    sideways_overflow, sign_in, sign_in_with_password, signed_in_browser, start_driver,
};
use crate::common::fixtures::{SyncLogBuilder, UserBuilder};
use crate::common::{
    DEMO_PASSWORD, DemoUser, TestApp, fill_path, organization_id, spawn_app, user_id,
};
use crate::resources::csv::{commit_to, finished, upload_to, with_bad_cells};

/// The demo roles whose pages are swept, those who may do most first. Riverside's
/// administrator sees the same pages as Northwind's, only another school's rows.
const ROLES: [DemoUser; 6] = [
    DemoUser::Root,
    DemoUser::Admin,
    DemoUser::Director,
    DemoUser::Office,
    DemoUser::Accountant,
    DemoUser::Teacher,
];

/// How many browsers look at pages at once.
const LANES: usize = 2;

/// Pages anyone may open before signing in.
const SIGNED_OUT: &[&str] = &["/login", "/password/forgot"];

/// The pages a teacher taps through during a lesson: every control on them is a touch target.
fn is_touch_page(route: &str) -> bool {
    matches!(
        route,
        "/today"
            | "/roll/classes/{id}"
            | "/roll/class-subjects/{id}"
            | "/walkthroughs/new"
            | "/attendance/staff"
            | "/attendance/campuses/{id}/staff"
    )
}

/// Pages each role sees its own way: every role that opens them is shown them. Any other
/// page is the same page for everyone who may open it and is looked at once, as the
/// first role that can (all of them with `HOMEROOM_SWEEP_EVERY_ROLE` set).
fn is_per_role(route: &str) -> bool {
    route == "/" || route == "/inbox" || is_touch_page(route)
}

/// Routes that answer with something other than a page: files, CSV, the options of
/// a picker, fragments for htmx.
fn is_page_route(path: &str) -> bool {
    !(path.starts_with("/static/")
        || path.ends_with(".csv")
        || path.ends_with("/options")
        || path.ends_with("/thumbnail")
        || path == "/health"
        || path.starts_with("/files"))
}

/// Who looks at pages, and how far they are signed in.
#[derive(Clone, Copy)]
enum Who {
    SignedOut,
    Demo(DemoUser),
    /// Signed in with the password of an account with two-step sign-in on: its code
    /// is still to come.
    PasswordOnly(&'static str),
}

/// The pages one role looks at.
#[derive(Clone)]
struct RolePages {
    who: Who,
    role: String,
    visits: Vec<Visit>,
}

/// One page to look at: the route it stands for (with `?tab=` for a record's tab)
/// and the address with real ids.
#[derive(Clone, Debug)]
struct Visit {
    route: String,
    path: String,
    /// A CSV file to send with the import form at `path`: the page is its preview.
    upload: Option<PathBuf>,
}

impl Visit {
    fn at(route: impl Into<String>, path: impl Into<String>) -> Visit {
        Visit {
            route: route.into(),
            path: path.into(),
            upload: None,
        }
    }
}

/// An account of Northwind's with two-step sign-in on.
const TWO_STEP: &str = "two-step@northwind.test";

/// Whether `href` (a path, perhaps with a query) is `route` with ids for its parameters.
fn matches_route(route: &str, href: &str) -> bool {
    let path = href.split(['?', '#']).next().unwrap_or_default();
    let wanted: Vec<&str> = route.split('/').collect();
    let got: Vec<&str> = path.split('/').collect();
    wanted.len() == got.len()
        && wanted.iter().zip(&got).all(|(w, g)| {
            if w.starts_with('{') {
                Uuid::parse_str(g).is_ok()
            } else {
                w == g
            }
        })
}

/// The links of a page that stay on the site.
fn links(body: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(body);
    let anchors = scraper::Selector::parse("a[href]").expect("selector");
    doc.select(&anchors)
        .filter_map(|a| a.value().attr("href"))
        .filter(|h| h.starts_with('/'))
        .map(|h| h.split(['?', '#']).next().unwrap_or_default().to_owned())
        .collect()
}

/// The organization a signed-in user acts in.
fn acting_organization(conn: &mut PgConnection, user: Uuid) -> Uuid {
    use homeroom::db::schema::auth_refresh_tokens as t;
    t::table
        .filter(t::user_id.eq(user))
        .order(t::created_at.desc())
        .select(t::organization_id)
        .first::<Option<Uuid>>(conn)
        .expect("a session")
        .expect("the session acts in an organization")
}

/// A whole page of Homeroom (not a fragment, file or redirect), if `path` answers with one.
async fn page_at(app: &TestApp, client: &reqwest::Client, path: &str) -> Option<String> {
    // A kept-alive connection the server closes just as the next request goes out
    // fails without an answer; that request is sent once more on a fresh one.
    let mut response = None;
    for _ in 0..2 {
        if let Ok(r) = client.get(app.url(path)).send().await {
            response = Some(r);
            break;
        }
    }
    let response = response.unwrap_or_else(|| panic!("GET {path} answers"));
    let status = response.status().as_u16();
    assert!(status < 500, "GET {path} answered {status}");
    let html = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if status != 200 || !html {
        return None;
    }
    let body = response.text().await.ok()?;
    body.contains("<main").then_some(body)
}

/// The tabs of a record page other than the one it opens with, as visits of their own.
fn tab_visits(route: &str, body: &str) -> Vec<Visit> {
    let doc = scraper::Html::parse_document(body);
    let tabs = scraper::Selector::parse("nav.tabs a[href]:not([aria-current])").expect("selector");
    doc.select(&tabs)
        .filter_map(|a| a.value().attr("href"))
        // A tab may scroll to its panel (`#tab`); the address the browser shows has no fragment.
        .map(|href| href.split('#').next().unwrap_or(href))
        .filter_map(|href| {
            let (_, tab) = href.split_once("?tab=")?;
            Some(Visit::at(format!("{route}?tab={tab}"), href))
        })
        .collect()
}

/// The pages `who` can open: each GET route once, with ids of rows the role can read
/// (linked from its own pages where possible, else the first the database names),
/// and the tabs of each record page.
async fn pages_of(app: &TestApp, who: DemoUser) -> Vec<Visit> {
    let client = app.signed_in(who).await;
    let routes: BTreeSet<String> = route_table()
        .into_iter()
        .filter(|r| r.method.as_str() == "GET" && r.gate != Gate::Public)
        .map(|r| r.path.to_owned())
        .filter(|p| is_page_route(p))
        .collect();
    let mut visits = Vec::new();
    let mut linked: Vec<String> = Vec::new();
    for route in routes.iter().filter(|r| !r.contains('{')) {
        if let Some(body) = page_at(app, &client, route).await {
            linked.extend(links(&body));
            visits.push(Visit::at(route, route));
        }
    }
    let org = {
        let mut conn = app.conn();
        let user = user_id(&mut conn, who.email());
        acting_organization(&mut conn, user)
    };
    for route in routes.iter().filter(|r| r.contains('{')) {
        let mut tried: Vec<String> = linked
            .iter()
            .filter(|h| matches_route(route, h))
            .take(2)
            .cloned()
            .collect();
        if let Some(table) = crate::visibility::table_for(route) {
            let ids = crate::visibility::candidates(
                &mut app.conn(),
                table,
                org,
                &BTreeMap::new(),
                &BTreeMap::new(),
            );
            tried.extend(
                ids.iter()
                    .take(3)
                    .map(|id| fill_path(route, &id.to_string())),
            );
        }
        for path in tried {
            if let Some(body) = page_at(app, &client, &path).await {
                visits.push(Visit::at(route, path));
                visits.extend(tab_visits(route, &body));
                break;
            }
        }
    }
    visits
}

/// A file name for a page: `/roll/classes/{id}` → `roll-classes-id`, `/` → `home`.
fn slug(route: &str) -> String {
    let words: Vec<&str> = route
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        "home".to_owned()
    } else {
        words.join("-")
    }
}

/// axe-core's violations on the open page that this sweep does not allow, as
/// `rule (impact): help — where`. Rules that can only find moderate or minor
/// problems are not run (they are not asserted), except `landmark-unique`.
async fn axe_violations(client: &Client) -> Vec<String> {
    let script = r#"
        const done = arguments[arguments.length - 1];
        const rank = { minor: 1, moderate: 2, serious: 3, critical: 4 };
        const worst = rule => Math.max(rank[rule.impact] || 0,
          ...[...rule.any, ...rule.all, ...rule.none]
            .map(c => rank[(axe._audit.checks[c.id || c] || {}).impact] || 0));
        const rules = {};
        for (const rule of (axe._audit && axe._audit.rules) || []) {
          if (rule.id !== 'landmark-unique' && worst(rule) < rank.serious) {
            rules[rule.id] = { enabled: false };
          }
        }
        axe.run(document, { resultTypes: ['violations'], rules })
          .then(r => done(r.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical'
              || v.id === 'landmark-unique')
            .map(v => `${v.id} (${v.impact}): ${v.help} — `
              + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')
              + (v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''))))
          .catch(e => done([`axe-core failed: ${e}`]));
    "#;
    let found = client
        .execute_async(script, vec![])
        .await
        .expect("run axe-core");
    found
        .as_array()
        .expect("a list of violations")
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The controls on the open page smaller than 44×44 px, as `what (width×height)`.
/// A radio button or box counts by the label it is tapped through; controls not
/// shown (a closed menu, a skip link until focused) do not count.
async fn small_controls(client: &Client) -> Vec<String> {
    let script = r#"
        const shown = r => r.width > 1 && r.height > 1;
        const name = e => {
          const text = (e.textContent || e.value || e.getAttribute('aria-label') || '')
            .trim().replace(/\s+/g, ' ').slice(0, 30);
          return `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}`
            + `${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''}`
            + (text ? ` "${text}"` : '');
        };
        const small = [];
        for (const e of document.querySelectorAll('a[href], button, input, select, summary')) {
          if (e.type === 'hidden' || !e.checkVisibility({ visibilityProperty: true })) continue;
          let targets = [e];
          if (e.type === 'radio' || e.type === 'checkbox') targets = [e, ...e.labels];
          const boxes = targets.map(t => t.getBoundingClientRect()).filter(shown);
          if (boxes.length === 0) continue;
          if (boxes.some(r => r.width >= 43.5 && r.height >= 43.5)) continue;
          const r = boxes.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b));
          small.push(`${name(e)} (${Math.round(r.width)}×${Math.round(r.height)})`);
        }
        return small;
    "#;
    client
        .execute(script, vec![])
        .await
        .expect("measure the controls")
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Where the sweep's time goes, to keep it short.
#[derive(Default)]
struct Timing {
    open: Duration,
    resize: Duration,
    measure: Duration,
    axe: Duration,
    screenshot: Duration,
}

impl Timing {
    fn add(&mut self, other: &Timing) {
        self.open += other.open;
        self.resize += other.resize;
        self.measure += other.measure;
        self.axe += other.axe;
        self.screenshot += other.screenshot;
    }
}

/// Signs in as each role in turn and looks at its pages; returns the problems found.
async fn sweep_lane(
    driver: &Driver,
    app: &TestApp,
    axe: &str,
    plan: &[RolePages],
) -> (Vec<String>, Timing) {
    let client = browser(driver, PHONE).await;
    let mut problems = Vec::new();
    let mut timing = Timing::default();
    for RolePages { who, role, visits } in plan {
        if visits.is_empty() {
            continue;
        }
        client.delete_all_cookies().await.expect("sign out");
        resize(&client, PHONE).await;
        match who {
            Who::SignedOut => {}
            Who::Demo(who) => sign_in(&client, &app.url("/login"), who.email(), "main").await,
            Who::PasswordOnly(email) => {
                open(&client, &app.url("/login"), "#email").await;
                sign_in_with_password(&client, email, DEMO_PASSWORD).await;
                client
                    .wait()
                    .for_element(Locator::Css("#code"))
                    .await
                    .unwrap_or_else(|e| panic!("{email} is asked for a code: {e}"));
            }
        }
        for visit in visits {
            look_at(&client, app, axe, role, visit, &mut problems, &mut timing).await;
        }
    }
    client.close().await.expect("close the browser");
    (problems, timing)
}

/// Brings the browser to the visit's page; returns where it is (the path, with the
/// query when the visit has one).
async fn arrive(client: &Client, app: &TestApp, role: &str, visit: &Visit) -> String {
    let where_now = if visit.path.contains('?') {
        "return location.pathname + location.search"
    } else {
        "return location.pathname"
    };
    if let Some(csv) = &visit.upload {
        open(client, &app.url(&visit.path), "#file").await;
        client
            .find(Locator::Css("#file"))
            .await
            .expect("the file field")
            .send_keys(&csv.display().to_string())
            .await
            .expect("choose the file");
        client
            .find(Locator::Css(
                "form[enctype='multipart/form-data'] [type=submit]",
            ))
            .await
            .expect("the Preview button")
            .click()
            .await
            .expect("send the file");
        client
            .wait()
            .for_element(Locator::Css("#check-head"))
            .await
            .unwrap_or_else(|e| panic!("{role} sees the preview of {}: {e}", csv.display()));
        return read_text(client, "return location.pathname").await;
    }
    // A script of the page before (a roll's queued save, a poll) may still move the
    // browser on just after it arrives; a page that sends it on does so every time.
    let mut shown = String::new();
    for _ in 0..2 {
        client
            .goto(&app.url(&visit.path))
            .await
            .unwrap_or_else(|e| panic!("{role} opens {}: {e}", visit.path));
        shown = read_text(client, where_now).await;
        if shown == visit.path {
            break;
        }
    }
    // A tab's screenshots show the tab, further down its record's page.
    if visit.route.contains("?tab=") {
        client
            .execute(
                "const tab = document.getElementById('tab-panel'); \
                 if (tab) tab.scrollIntoView(); return true;",
                vec![],
            )
            .await
            .expect("scroll to the tab");
    }
    shown
}

/// Opens a page once and looks at it at each size, writing down what is wrong.
async fn look_at(
    client: &Client,
    app: &TestApp,
    axe: &str,
    role: &str,
    visit: &Visit,
    problems: &mut Vec<String>,
    timing: &mut Timing,
) {
    let clock = Instant::now();
    let shown = arrive(client, app, role, visit).await;
    let expected = visit.path.split('?').next().unwrap_or_default();
    if shown != visit.path && !(visit.upload.is_some() && shown == expected) {
        problems.push(format!(
            "{role} {}: the browser was sent on to {shown}",
            visit.path
        ));
        return;
    }
    client
        .execute(&format!("{axe}\n;return true;"), vec![])
        .await
        .expect("load axe-core into the page");
    timing.open += clock.elapsed();
    for (width, height) in [PHONE, TABLET, DESKTOP] {
        let clock = Instant::now();
        resize(client, (width, height)).await;
        timing.resize += clock.elapsed();
        let at = format!("{role} {width}px {}", visit.path);
        let touch = width < DESKTOP.0 && is_touch_page(&visit.route);
        problems.extend(problems_at(client, &at, touch, timing).await);
        let clock = Instant::now();
        screenshot(
            client,
            &format!("sweep/{role}/{}-{width}", slug(&visit.route)),
        )
        .await;
        timing.screenshot += clock.elapsed();
    }
}

/// What is wrong with the open page at its present size, each problem as
/// `<at>: <rule>: <what>`; tap targets are measured when `touch` holds.
async fn problems_at(client: &Client, at: &str, touch: bool, timing: &mut Timing) -> Vec<String> {
    let mut problems = Vec::new();
    let clock = Instant::now();
    let wide = sideways_overflow(client).await;
    if wide > 0.0 {
        problems.push(format!(
            "{at}: no sideways scrolling: the page scrolls sideways by {wide}px"
        ));
    }
    if touch {
        for control in small_controls(client).await {
            problems.push(format!(
                "{at}: 44×44 tap targets: {control} is smaller than 44×44"
            ));
        }
    }
    timing.measure += clock.elapsed();
    let clock = Instant::now();
    for violation in axe_violations(client).await {
        problems.push(format!("{at}: axe {violation}"));
    }
    timing.axe += clock.elapsed();
    problems
}

fn axe_source() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} ({e}): the build installs the pinned axe-core with `npm ci`",
            path.display()
        )
    })
}

/// Turns two-step sign-in on for a new Northwind teacher and sends them a link to set
/// a new password; returns the link's token.
fn two_step_account_with_a_reset_link(app: &TestApp) -> String {
    use homeroom::db::schema::users;
    let mut conn = app.conn();
    let northwind = organization_id(&mut conn, "Northwind Academy");
    let user = UserBuilder::new(TWO_STEP)
        .in_organization(northwind)
        .with_role_named("Teacher")
        .password(DEMO_PASSWORD)
        .insert(&mut conn);
    diesel::update(users::table.find(user))
        .set((
            users::mfa_enabled.eq(true),
            users::mfa_totp_secret.eq("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
        ))
        .execute(&mut conn)
        .expect("two-step sign-in on");
    tokens::issue_password_token(&mut conn, user, PasswordToken::Reset).expect("a reset link")
}

/// The lock of an import run said to be going: held as long as this connection lives,
/// so its page shows the run in progress (not interrupted).
struct RunningImport {
    _holder: PgConnection,
}

/// An import's three pages as the administrator sees them: the preview of a small CSV
/// of Northwind's students with two bad rows, a run still going, and a finished run.
async fn import_visits(app: &TestApp) -> (Vec<Visit>, RunningImport) {
    let admin = app.signed_in(DemoUser::Admin).await;
    let export = app.page(&admin, "/students/export.csv").await;
    let mut records = parse_csv(&export).expect("the students' CSV");
    records.truncate(7);
    let csv = with_bad_cells(
        &records,
        &[
            (2, "date_of_birth", "2014-13-45"),
            (3, "status", "expelled"),
        ],
    );
    let file = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("sweep-students-{}.csv", app.db.name));
    std::fs::write(&file, &csv).expect("write the CSV");

    // The good rows imported: the run's result page.
    let (status, preview) = upload_to(app, &admin, "/students", &csv).await;
    assert_eq!(status, 200, "the preview of the sweep's CSV");
    let started = commit_to(app, &admin, "/students", &preview, true).await;
    let result = started.headers()["location"]
        .to_str()
        .expect("the run's page")
        .to_owned();
    finished(app, &admin, started).await;

    // A run 40 rows into 120, its lock held by a connection of the test's own.
    let northwind = organization_id(&mut app.conn(), "Northwind Academy");
    let mut holder = app.db.connect();
    let log = SyncLogBuilder::new(Some(northwind), "import:students")
        .running(40)
        .created(40)
        .import_hash(&format!("import:{}", Uuid::new_v4()))
        .insert(&mut holder);
    diesel::sql_query(format!(
        "SELECT pg_advisory_lock({}, hashtext('{log}'))",
        0x494d_5052
    ))
    .execute(&mut holder)
    .expect("hold the run's lock");

    let visits = vec![
        Visit {
            upload: Some(file),
            ..Visit::at("/students/import (preview)", "/students/import")
        },
        Visit::at(
            "/students/import/{job} (running)",
            format!("/students/import/{log}?rows=120"),
        ),
        Visit::at("/students/import/{job}", result),
    ];
    (visits, RunningImport { _holder: holder })
}

#[actix_web::test]
async fn every_page_fits_each_size_and_passes_axe_for_every_demo_role() {
    let started = Instant::now();
    let app = spawn_app().await;
    let axe = axe_source();
    let every_role = std::env::var_os("HOMEROOM_SWEEP_EVERY_ROLE").is_some();
    let reset_token = two_step_account_with_a_reset_link(&app);
    let mut signed_out: Vec<Visit> = SIGNED_OUT.iter().map(|p| Visit::at(*p, *p)).collect();
    signed_out.push(Visit::at(
        "/password/set/{token}",
        format!("/password/set/{reset_token}"),
    ));
    let mut plan = vec![
        RolePages {
            who: Who::SignedOut,
            role: "signed-out".to_owned(),
            visits: signed_out,
        },
        RolePages {
            who: Who::PasswordOnly(TWO_STEP),
            role: "two-step".to_owned(),
            visits: vec![Visit::at("/login/mfa", "/login/mfa")],
        },
    ];
    let (imports, _running) = import_visits(&app).await;
    let mut swept: BTreeSet<String> = BTreeSet::new();
    for who in ROLES {
        let mut visits = pages_of(&app, who).await;
        assert!(
            visits.iter().any(|v| v.route == "/"),
            "{who:?} opens the dashboard"
        );
        if who == DemoUser::Teacher {
            for route in ["/today", "/roll/classes/{id}", "/attendance/staff"] {
                assert!(
                    visits.iter().any(|v| v.route == route),
                    "the teacher's sweep reaches {route}"
                );
            }
        }
        if who == DemoUser::Admin {
            visits.extend(imports.iter().cloned());
        }
        let visits: Vec<Visit> = visits
            .into_iter()
            .filter(|v| {
                let new = swept.insert(v.route.clone());
                new || every_role || is_per_role(&v.route)
            })
            .collect();
        plan.push(RolePages {
            who: Who::Demo(who),
            role: who.role().to_lowercase().replace(' ', "-"),
            visits,
        });
    }
    // The tap-target check means something only if it meets each of the touch pages.
    for route in [
        "/today",
        "/roll/classes/{id}",
        "/walkthroughs/new",
        "/attendance/staff",
    ] {
        assert!(
            swept.contains(route),
            "the sweep reaches the touch page {route}"
        );
    }
    let pages: usize = plan.iter().map(|p| p.visits.len()).sum();
    let routes = plan
        .iter()
        .flat_map(|p| p.visits.iter().map(|v| v.route.as_str()))
        .collect::<BTreeSet<_>>()
        .len();
    let tabs = swept.iter().filter(|r| r.contains("?tab=")).count();
    let planned = started.elapsed();
    // Only this run's screenshots stay.
    let _ = std::fs::remove_dir_all(screenshot_dir().join("sweep"));

    // Two browsers share the pages of each role, so one waits while the other works.
    let lanes: Vec<Vec<RolePages>> = (0..LANES)
        .map(|lane| {
            plan.iter()
                .map(|pages| RolePages {
                    visits: pages
                        .visits
                        .iter()
                        .skip(lane)
                        .step_by(LANES)
                        .cloned()
                        .collect(),
                    ..pages.clone()
                })
                .collect()
        })
        .collect();
    let drivers: Vec<_> = (0..LANES).map(|_| start_driver()).collect();
    let results = futures_util::future::join_all(
        lanes
            .iter()
            .zip(&drivers)
            .map(|(lane, driver)| sweep_lane(driver, &app, &axe, lane)),
    )
    .await;
    let mut problems = Vec::new();
    let mut timing = Timing::default();
    for (found, spent) in results {
        problems.extend(found);
        timing.add(&spent);
    }
    eprintln!(
        "screen sweep: {pages} pages × 3 sizes ({routes} routes, {tabs} of them record tabs) \
         over {} roles, two-step and signed out in {:.0?} (finding pages {planned:.0?}; in \
         {LANES} browsers opening {:.0?}, resizing {:.0?}, measuring {:.0?}, axe-core {:.0?}, \
         screenshots {:.0?})",
        ROLES.len(),
        started.elapsed(),
        timing.open,
        timing.resize,
        timing.measure,
        timing.axe,
        timing.screenshot,
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The sweep's checks find what they look for: a control too small to tap, two
/// landmarks of one kind with one name, and a page a little wider than the window
/// (by less than the scroll bar) are each reported with the role, the size, the page
/// and the rule.
#[actix_web::test]
async fn the_sweep_names_the_role_size_page_and_rule_of_each_problem() {
    let app = spawn_app().await;
    let (_driver, client) = signed_in_browser(
        &app,
        PHONE,
        DemoUser::Teacher.email(),
        ".roll-cards, .empty",
    )
    .await;
    open(&client, &app.url("/today"), "main h1").await;
    // Styles set through the page's script: the content security policy refuses inline ones.
    client
        .execute(
            &format!(
                "{}\n;const main = document.querySelector('main'); \
                 main.insertAdjacentHTML('beforeend', '<nav><p>One</p></nav><nav><p>Two</p></nav>\
                 <button type=\"button\" id=\"tiny\">x</button><div id=\"wide\"></div>'); \
                 Object.assign(document.getElementById('tiny').style, \
                   {{ minHeight: '0', width: '20px', height: '20px', padding: '0' }}); \
                 Object.assign(document.getElementById('wide').style, \
                   {{ position: 'absolute', left: '0', top: '0', width: 'calc(100vw - 5px)', height: '3000px' }}); \
                 return true;",
                axe_source()
            ),
            vec![],
        )
        .await
        .expect("spoil the page");
    let mut timing = Timing::default();
    for (width, height) in [PHONE, TABLET, DESKTOP] {
        resize(&client, (width, height)).await;
        let at = format!("teacher {width}px /today");
        let touch = width < DESKTOP.0 && is_touch_page("/today");
        let found = problems_at(&client, &at, touch, &mut timing).await;
        let has = |rule: &str| {
            found
                .iter()
                .any(|p| p.starts_with(&format!("{at}: {rule}")))
        };
        assert!(has("no sideways scrolling"), "{width}px: {found:?}");
        assert!(has("axe landmark-unique"), "{width}px: {found:?}");
        assert_eq!(
            found
                .iter()
                .any(|p| p.starts_with(&format!("{at}: 44×44 tap targets: button#tiny"))),
            width < DESKTOP.0,
            "{width}px: the small button counts on a phone and a tablet only: {found:?}"
        );
    }
    client.close().await.expect("close the browser");
}
