//! Browser tests in headless Chromium through ChromeDriver. Screenshots land in
//! `target/screenshots/`.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

use crate::common::{DEMO_PASSWORD, TestApp, spawn_app};

pub const TABLET: (u32, u32) = (820, 1180);
pub const PHONE: (u32, u32) = (390, 844);
pub const DESKTOP: (u32, u32) = (1440, 900);

/// A ChromeDriver process, stopped when dropped.
pub struct Driver {
    child: Child,
    pub url: String,
    profile: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn find_program(env: &str, candidates: &[&str]) -> String {
    if let Ok(path) = std::env::var(env) {
        return path;
    }
    for name in candidates {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {name}")])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
        if let Some(path) = found.filter(|p| !p.is_empty()) {
            return path;
        }
    }
    panic!(
        "browser tests need Chromium and ChromeDriver: run ./scripts/install-deps --browser \
         (Debian packages chromium and chromium-driver), or set {env}"
    );
}

pub fn start_driver() -> Driver {
    let chromedriver = find_program(
        "HOMEROOM_CHROMEDRIVER",
        &["chromedriver", "chromium.chromedriver"],
    );
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let profile = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("chrome-profile-{port}"));
    Driver {
        child,
        url,
        profile,
    }
}

/// A headless Chromium window of the given size (flags that work on shared CI machines).
pub async fn browser(driver: &Driver, size: (u32, u32)) -> Client {
    browser_speaking(driver, size, "en-US,en").await
}

/// A browser window whose `Accept-Language` is `languages` (`es`, `fr-FR,fr`).
pub async fn browser_speaking(
    driver: &Driver,
    (width, height): (u32, u32),
    languages: &str,
) -> Client {
    let chromium = find_program(
        "HOMEROOM_CHROMIUM",
        &["chromium", "chromium-browser", "google-chrome"],
    );
    let args = [
        "--headless=new".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-quic".to_owned(),
        "--no-first-run".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        format!("--window-size={width},{height}"),
        format!("--user-data-dir={}", driver.profile.display()),
        format!("--lang={languages}"),
    ];
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".to_owned(),
        serde_json::json!({
            "binary": chromium,
            "args": args,
            "prefs": { "intl.accept_languages": languages },
        }),
    );
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a Chromium session");
    client
        .set_window_size(width, height)
        .await
        .expect("window size");
    client
}

/// Where screenshots land: `target/screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots")
}

/// Saves what the window shows as `target/screenshots/<name>.png` (`name` may hold folders).
pub async fn screenshot(client: &Client, name: &str) -> PathBuf {
    let path = screenshot_dir().join(format!("{name}.png"));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("screenshot folder");
    }
    let png = client.screenshot().await.expect("screenshot");
    std::fs::write(&path, png).expect("write screenshot");
    path
}

/// Gives the window a new size and waits until the page's own scripts have answered
/// it (they do on the next frame).
pub async fn resize(client: &Client, (width, height): (u32, u32)) {
    client
        .set_window_size(width, height)
        .await
        .expect("window size");
    client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        )
        .await
        .expect("wait for a frame");
}

/// A number the page reports, such as a size in CSS pixels.
pub async fn measure(client: &Client, script: &str) -> f64 {
    client
        .execute(script, vec![])
        .await
        .expect("run the measuring script")
        .as_f64()
        .expect("a number")
}

/// A text the page reports, such as a heading's words.
pub async fn read_text(client: &Client, script: &str) -> String {
    client
        .execute(script, vec![])
        .await
        .expect("run the reading script")
        .as_str()
        .map(str::to_owned)
        .unwrap_or_default()
}

/// How far the page scrolls sideways, in CSS pixels (0 when it fits). Measured
/// against the width beside the scroll bar, so an overflow narrower than the bar counts.
pub async fn sideways_overflow(client: &Client) -> f64 {
    measure(
        client,
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
    )
    .await
}

/// Nothing on the page is wider than the window, nor anything in the side menu wider
/// than the menu.
pub async fn assert_no_sideways_scrolling(client: &Client, page: &str) {
    let overflow = sideways_overflow(client).await;
    assert!(overflow <= 0.0, "{page} scrolls sideways by {overflow}px");
    let menu = read_text(
        client,
        "const m = document.querySelector('.main-menu'); \
         if (!m || m.scrollWidth <= m.clientWidth) return ''; \
         const edge = m.getBoundingClientRect().left + m.clientWidth; \
         const wide = [...m.querySelectorAll('*')] \
           .filter(e => e.getBoundingClientRect().right > edge + 0.5) \
           .map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 30)); \
         return (m.scrollWidth - m.clientWidth) + 'px, past the edge: ' + wide.slice(0, 5).join(' | ')",
    )
    .await;
    assert!(
        menu.is_empty(),
        "{page}: the menu scrolls sideways by {menu}"
    );
}

/// Where an element shows: `[left, top, width, height]` of its box (zeros when it
/// is hidden or missing).
pub async fn box_of(client: &Client, css: &str) -> [f64; 4] {
    let script = format!(
        "const e = document.querySelector({css:?}); if (!e) return [0, 0, 0, 0]; \
         const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height];"
    );
    let value = client
        .execute(&script, vec![])
        .await
        .expect("measure a box");
    let numbers: Vec<f64> = value
        .as_array()
        .expect("four numbers")
        .iter()
        .map(|n| n.as_f64().expect("a number"))
        .collect();
    [numbers[0], numbers[1], numbers[2], numbers[3]]
}

/// A window of `size` signed in as a demo user, on the landing page once it shows
/// `css`. The driver goes with the window: keep it as long as the window.
pub async fn signed_in_browser(
    app: &TestApp,
    size: (u32, u32),
    email: &str,
    css: &str,
) -> (Driver, Client) {
    let driver = start_driver();
    let client = browser(&driver, size).await;
    sign_in(&client, &app.url("/login"), email, css).await;
    (driver, client)
}

/// Goes to `url` and waits until the page shows `css`.
pub async fn open(client: &Client, url: &str, css: &str) {
    client
        .goto(url)
        .await
        .unwrap_or_else(|e| panic!("open {url}: {e}"));
    client
        .wait()
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{url} shows {css}: {e}"));
}

/// Opens the sign-in page, signs in as a demo user and waits until the landing page shows `css`.
pub async fn sign_in(client: &Client, login_url: &str, email: &str, css: &str) {
    open(client, login_url, "#email").await;
    sign_in_with_the_form(client, email).await;
    client
        .wait()
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("signed in as {email}, the page shows {css}: {e}"));
}

/// Types a demo user's e-mail and the demo password into the open sign-in page and sends it.
pub async fn sign_in_with_the_form(client: &Client, email: &str) {
    sign_in_with_password(client, email, DEMO_PASSWORD).await;
}

/// Types an e-mail and password into the open sign-in page and sends it.
pub async fn sign_in_with_password(client: &Client, email: &str, password: &str) {
    for (field, value) in [("#email", email), ("#password", password)] {
        client
            .find(Locator::Css(field))
            .await
            .expect("a sign-in field")
            .send_keys(value)
            .await
            .expect("type into it");
    }
    client
        .find(Locator::Css("button[type=submit]"))
        .await
        .expect("sign-in button")
        .click()
        .await
        .expect("sign in");
}

#[actix_web::test]
async fn teacher_signs_in_on_a_tablet() {
    let app = spawn_app().await;
    let driver = start_driver();
    let client = browser(&driver, TABLET).await;

    client.goto(&app.url("/")).await.expect("open Homeroom");
    let url = client.current_url().await.expect("url");
    assert_eq!(url.path(), "/login", "signed-out visitors land on sign-in");
    screenshot(&client, "sign-in-tablet").await;

    sign_in_with_the_form(&client, "teacher@northwind.test").await;
    client
        .wait()
        .for_element(Locator::Css(".roll-cards, .empty"))
        .await
        .expect("the teacher lands on today's rolls");
    let url = client.current_url().await.expect("url");
    assert_eq!(url.path(), "/today", "teachers land on their day");
    client
        .goto(&app.url("/"))
        .await
        .expect("open the dashboard");

    let heading = client
        .wait()
        .for_element(Locator::Css("#today-classes"))
        .await
        .expect("the teacher's classes today");
    assert_eq!(heading.text().await.expect("heading"), "Your classes today");
    let periods = client
        .find_all(Locator::Css("section[aria-labelledby=today-classes] li"))
        .await
        .expect("periods");
    assert!(!periods.is_empty(), "the demo teacher has periods today");

    let button_height = measure(
        &client,
        "return document.querySelector('.menu > summary').getBoundingClientRect().height",
    )
    .await;
    assert!(
        button_height >= 44.0,
        "touch targets are at least 44px, menu is {button_height}"
    );

    let path = screenshot(&client, "teacher-dashboard-tablet").await;
    assert!(std::fs::metadata(&path).expect("screenshot file").len() > 10_000);

    // The same page on a phone: nothing wider than the screen.
    client
        .set_window_size(PHONE.0, PHONE.1)
        .await
        .expect("phone size");
    client.refresh().await.expect("reload");
    client
        .wait()
        .for_element(Locator::Css("#today-classes"))
        .await
        .expect("dashboard");
    assert_no_sideways_scrolling(&client, "the dashboard").await;
    screenshot(&client, "teacher-dashboard-phone").await;
    client.close().await.expect("close the browser");
}

#[actix_web::test]
async fn profile_and_two_step_set_up_fit_a_phone() {
    let app = spawn_app().await;
    let (_driver, client) =
        signed_in_browser(&app, PHONE, "teacher@northwind.test", ".roll-cards, .empty").await;

    for (path, ready, name) in [
        ("/profile", "#sessions-title", "profile-phone"),
        ("/profile/mfa", "img.qr", "mfa-set-up-phone"),
    ] {
        client.goto(&app.url(path)).await.expect("open the page");
        client
            .wait()
            .for_element(Locator::Css(ready))
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_no_sideways_scrolling(&client, path).await;
        screenshot(&client, name).await;
    }
    client.close().await.expect("close the browser");
}

/// The group heading above the menu link `href`.
async fn menu_group_of(client: &Client, href: &str) -> String {
    read_text(
        client,
        &format!(
            "const a = document.querySelector('#main-menu a[href=\"{href}\"]'); \
             const g = a && a.closest('.nav-group'); \
             return g ? g.querySelector('.nav-heading').textContent.trim() : '';"
        ),
    )
    .await
}

#[actix_web::test]
async fn desktop_staff_find_students_in_the_side_navigation() {
    let app = spawn_app().await;
    let (_driver, client) =
        signed_in_browser(&app, DESKTOP, "director@northwind.test", "main h1").await;

    // The menu stands beside the page, open, with no Menu button to press.
    let [_, _, button_width, button_height] = box_of(&client, ".menu > summary").await;
    assert_eq!((button_width, button_height), (0.0, 0.0), "no Menu button");
    let [nav_left, nav_top, nav_width, nav_height] = box_of(&client, "#main-menu").await;
    assert_eq!(nav_left, 0.0, "the menu is a column on the left");
    assert!(
        (200.0..=300.0).contains(&nav_width),
        "side column {nav_width}px"
    );
    let window_height = measure(&client, "return window.innerHeight").await;
    assert!(
        nav_top + nav_height >= window_height - 1.0,
        "the column reaches the window's foot ({nav_top} + {nav_height})"
    );
    let [title_left, ..] = box_of(&client, "main h1").await;
    assert!(
        title_left >= nav_left + nav_width,
        "the page starts beside the menu, not under it ({title_left} < {nav_width})"
    );

    // Students are where staff look for them, not behind a list of tables.
    assert_eq!(
        menu_group_of(&client, "/students").await,
        "Students & families"
    );
    assert_eq!(
        menu_group_of(&client, "/attendance/missing").await,
        "Attendance"
    );
    assert_eq!(
        menu_group_of(&client, "/message-recipients").await,
        "Administration"
    );
    let [_, students_top, students_width, _] =
        box_of(&client, "#main-menu a[href='/students']").await;
    assert!(
        students_width > 0.0 && students_top < f64::from(DESKTOP.1),
        "the Students link shows without scrolling"
    );
    let records = measure(
        &client,
        "return document.querySelectorAll('a[href=\"/records\"]').length",
    )
    .await;
    assert_eq!(records, 0.0, "no Records catch-all");
    let landmarks = measure(
        &client,
        "return document.querySelectorAll('nav[aria-label=\"Main\"]').length",
    )
    .await;
    assert_eq!(landmarks, 1.0, "one main navigation landmark");
    screenshot(&client, "side-navigation-desktop").await;

    // A keyboard reaches the menu from the header: the hidden Menu button is no stop.
    client
        .execute("document.querySelector('.brand').focus()", vec![])
        .await
        .expect("focus the brand");
    let mut reached = String::new();
    for _ in 0..4 {
        client
            .active_element()
            .await
            .expect("the focused element")
            .send_keys("\u{e004}")
            .await
            .expect("press Tab");
        reached = read_text(
            &client,
            "const e = document.activeElement; \
             return e.closest('#main-menu') ? e.getAttribute('href') : '';",
        )
        .await;
        if !reached.is_empty() {
            break;
        }
    }
    assert_eq!(reached, "/", "Tab goes from the header into the menu");

    client
        .find(Locator::Css("#main-menu a[href='/students']"))
        .await
        .expect("the Students link")
        .click()
        .await
        .expect("open Students");
    client
        .wait()
        .for_element(Locator::Css("table.records"))
        .await
        .expect("the students list");
    let current = read_text(
        &client,
        "return document.querySelector('#main-menu [aria-current=\"page\"]').getAttribute('href')",
    )
    .await;
    assert_eq!(current, "/students", "the menu marks where the user is");
    assert_no_sideways_scrolling(&client, "the students list").await;
    client.close().await.expect("close the browser");
}

/// The side navigation's groups as the user sees them: `Label: open` or `Label: closed`.
async fn menu_groups_shown(client: &Client) -> Vec<String> {
    read_text(
        client,
        "return [...document.querySelectorAll('#main-menu details.nav-group')] \
           .map(g => g.querySelector('summary').textContent.trim() + ': ' \
             + (g.open ? 'open' : 'closed')).join('\\n');",
    )
    .await
    .lines()
    .map(str::to_owned)
    .collect()
}

/// Whether the menu's current link shows whole, inside the menu's visible part and the window.
async fn current_link_shows(client: &Client) -> bool {
    read_text(
        client,
        "const a = document.querySelector('#main-menu [aria-current=\"page\"]'); \
         if (!a) return 'no current link'; \
         const r = a.getBoundingClientRect(); \
         const m = document.getElementById('main-menu').getBoundingClientRect(); \
         return String(r.height > 0 && r.top >= m.top && r.bottom <= m.bottom \
           && r.top >= 0 && r.bottom <= window.innerHeight);",
    )
    .await
        == "true"
}

/// Opens `page` at 1440 and 1024 px and checks the side navigation: the groups open
/// and closed as `expected`, the current page's link in sight, nothing sideways.
async fn check_side_navigation(
    client: &Client,
    app: &TestApp,
    who: &str,
    page: &str,
    expected: &[&str],
) {
    for (width, height) in [DESKTOP, (1024, 768)] {
        resize(client, (width, height)).await;
        open(client, &app.url(page), "main h1").await;
        let groups = menu_groups_shown(client).await;
        for group in expected {
            assert!(
                groups.iter().any(|g| g == group),
                "{who} {width}px {page}: {group} in {groups:?}"
            );
        }
        assert!(
            current_link_shows(client).await,
            "{who} {width}px: the link of {page} shows without scrolling the menu"
        );
        let sideways = measure(
            client,
            "const m = document.getElementById('main-menu'); return m.scrollWidth - m.clientWidth",
        )
        .await;
        assert!(
            sideways <= 0.0,
            "{who} {width}px {page}: the menu scrolls sideways by {sideways}px"
        );
        assert_no_sideways_scrolling(client, &format!("{who} {width}px {page}")).await;
        let name = page.trim_start_matches('/').replace('/', "-");
        screenshot(client, &format!("side-navigation/{who}-{name}-{width}")).await;
    }
}

#[actix_web::test]
async fn a_long_menu_opens_the_group_of_the_page_and_shows_its_link() {
    let app = spawn_app().await;
    let (_driver, client) =
        signed_in_browser(&app, DESKTOP, "admin@northwind.test", "main h1").await;
    // The page furthest down the administrator's menu: the last link of Administration.
    let last = read_text(
        &client,
        "const links = document.querySelectorAll('#nav-administration + ul a'); \
         return links.length ? links[links.length - 1].getAttribute('href') : '';",
    )
    .await;
    assert!(
        !last.is_empty(),
        "the administrator has Administration links"
    );
    // Long groups start closed unless they hold the page; short ones stay open.
    let closed = ["Attendance: closed", "Academics: closed", "Staff: closed"];
    let short = ["Today: open", "Students & families: open"];
    let administration = [&short[..], &closed[..], &["Administration: open"]].concat();
    check_side_navigation(&client, &app, "administrator", &last, &administration).await;
    let dashboard = [&short[..], &closed[..], &["Administration: closed"]].concat();
    check_side_navigation(&client, &app, "administrator", "/", &dashboard).await;

    // A closed group opens from the keyboard: its heading takes focus and Enter opens it.
    let academics_shown =
        "return String(document.querySelector('#nav-academics + ul a').checkVisibility())";
    assert_eq!(
        read_text(&client, academics_shown).await,
        "false",
        "Academics starts closed"
    );
    client
        .execute("document.getElementById('nav-academics').focus()", vec![])
        .await
        .expect("focus the Academics heading");
    client
        .active_element()
        .await
        .expect("the focused heading")
        .send_keys("\u{e007}")
        .await
        .expect("press Enter");
    assert_eq!(
        read_text(&client, academics_shown).await,
        "true",
        "Enter on the heading opens Academics"
    );

    // A teacher's menu is long too: their day is open, the walkthroughs' group when there.
    client.delete_all_cookies().await.expect("sign out");
    sign_in(
        &client,
        &app.url("/login"),
        "teacher@northwind.test",
        "main h1",
    )
    .await;
    let teacher_day = [
        "Today: open",
        "Students & families: open",
        "Academics: closed",
        "Staff: closed",
    ];
    check_side_navigation(&client, &app, "teacher", "/today", &teacher_day).await;
    let walkthroughs = ["Today: open", "Academics: closed", "Staff: open"];
    check_side_navigation(&client, &app, "teacher", "/walkthroughs", &walkthroughs).await;
    client.close().await.expect("close the browser");
}

#[actix_web::test]
async fn a_phone_keeps_its_menu_button() {
    let app = spawn_app().await;
    let (_driver, client) =
        signed_in_browser(&app, PHONE, "teacher@northwind.test", ".roll-cards, .empty").await;

    for (width, height) in [PHONE, TABLET] {
        client
            .set_window_size(width, height)
            .await
            .expect("window size");
        client.refresh().await.expect("reload");
        client
            .wait()
            .for_element(Locator::Css("main h1"))
            .await
            .expect("today's page");
        let [_, _, nav_width, nav_height] = box_of(&client, "#main-menu").await;
        assert_eq!(
            (nav_width, nav_height),
            (0.0, 0.0),
            "{width}px: the menu waits"
        );
        let [_, _, button_width, button_height] = box_of(&client, ".menu > summary").await;
        assert!(
            button_width >= 44.0 && button_height >= 44.0,
            "{width}px: Menu button {button_width}x{button_height}"
        );

        client
            .find(Locator::Css(".menu > summary"))
            .await
            .expect("the Menu button")
            .click()
            .await
            .expect("open the menu");
        let [nav_left, _, nav_width, nav_height] = box_of(&client, "#main-menu").await;
        assert!(
            nav_height > 200.0,
            "{width}px: the menu opens ({nav_height}px)"
        );
        assert!(
            nav_left >= 0.0 && nav_left + nav_width <= f64::from(width),
            "{width}px: the open menu fits the screen ({nav_left} + {nav_width})"
        );
        assert_eq!(
            menu_group_of(&client, "/students").await,
            "Students & families"
        );
        let [_, _, link_width, link_height] = box_of(&client, "#main-menu a[href='/today']").await;
        assert!(
            link_width > 0.0 && link_height >= 44.0,
            "{width}px: menu links are touch targets ({link_height}px)"
        );
        assert_no_sideways_scrolling(&client, "today with the menu open").await;
        screenshot(&client, &format!("menu-open-{width}")).await;
    }
    client.close().await.expect("close the browser");
}

#[actix_web::test]
async fn a_hundred_character_name_does_not_widen_the_record_page() {
    let app = spawn_app().await;
    let long = "Wolfeschlegelsteinhausenbergerdorff".repeat(3)[..100].to_owned();
    let mut conn = app.conn();
    let northwind = crate::common::organization_id(&mut conn, "Northwind Academy");
    let id = crate::resources::id_of(
        &mut conn,
        &format!(
            "UPDATE students SET first_name = '{long}' WHERE id = (SELECT id FROM students \
             WHERE organization_id = '{northwind}' AND deleted_at IS NULL \
             ORDER BY last_name, first_name LIMIT 1) RETURNING id"
        ),
    );
    let (_driver, client) =
        signed_in_browser(&app, DESKTOP, "admin@northwind.test", "main h1").await;

    for (width, height) in [DESKTOP, TABLET, PHONE] {
        client
            .set_window_size(width, height)
            .await
            .expect("window size");
        for (page, name) in [
            (format!("/students/{id}"), "long-name-record"),
            (format!("/students?q={long}"), "long-name-list"),
        ] {
            open(&client, &app.url(&page), "main h1").await;
            let shown =
                read_text(&client, "return document.querySelector('main').textContent").await;
            assert!(shown.contains(&long), "{page} shows the whole name");
            assert_no_sideways_scrolling(&client, &format!("{width}px {page}")).await;
            let [title_left, _, title_width, _] = box_of(&client, "main h1").await;
            assert!(
                title_left + title_width <= f64::from(width),
                "{width}px {page}: the title ends at {}",
                title_left + title_width
            );
            screenshot(&client, &format!("{name}-{width}")).await;
        }

        // A table wider than the screen scrolls in its own labelled box a keyboard can reach.
        let unreachable = read_text(
            &client,
            "return [...document.querySelectorAll('.table-scroll')] \
               .filter(b => b.scrollWidth > b.clientWidth + 1) \
               .filter(b => b.getAttribute('tabindex') !== '0' || !b.getAttribute('aria-label')) \
               .length.toString()",
        )
        .await;
        assert_eq!(
            unreachable, "0",
            "{width}px: every scrolling table is focusable and named"
        );
    }
    client.close().await.expect("close the browser");
}
