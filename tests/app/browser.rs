//! Browser tests in headless Chromium through ChromeDriver. Screenshots land in
//! `target/screenshots/`.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

use crate::common::{DEMO_PASSWORD, spawn_app};

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

pub async fn screenshot(client: &Client, name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    let path = dir.join(format!("{name}.png"));
    let png = client.screenshot().await.expect("screenshot");
    std::fs::write(&path, png).expect("write screenshot");
    path
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

/// Nothing on the page is wider than the window.
pub async fn assert_no_sideways_scrolling(client: &Client, page: &str) {
    let overflow = measure(
        client,
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
    )
    .await;
    assert!(overflow <= 0.0, "{page} scrolls sideways by {overflow}px");
}

/// Types the e-mail and the demo password into the open sign-in page and sends it.
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

pub async fn sign_in_with_the_form(client: &Client, email: &str) {
    for (field, value) in [("#email", email), ("#password", DEMO_PASSWORD)] {
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
    let driver = start_driver();
    let client = browser(&driver, PHONE).await;
    sign_in(
        &client,
        &app.url("/login"),
        "teacher@northwind.test",
        ".roll-cards, .empty",
    )
    .await;

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

/// Where a menu link shows: `[left, top, width, height]` of its box (zeros when hidden).
async fn box_of(client: &Client, css: &str) -> [f64; 4] {
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
    let driver = start_driver();
    let client = browser(&driver, DESKTOP).await;
    sign_in(
        &client,
        &app.url("/login"),
        "director@northwind.test",
        "main h1",
    )
    .await;

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

#[actix_web::test]
async fn a_phone_keeps_its_menu_button() {
    let app = spawn_app().await;
    let driver = start_driver();
    let client = browser(&driver, PHONE).await;
    sign_in(
        &client,
        &app.url("/login"),
        "teacher@northwind.test",
        ".roll-cards, .empty",
    )
    .await;

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
    let driver = start_driver();
    let client = browser(&driver, DESKTOP).await;
    sign_in(
        &client,
        &app.url("/login"),
        "admin@northwind.test",
        "main h1",
    )
    .await;

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
            let wide = measure(
                &client,
                "return document.documentElement.scrollWidth - window.innerWidth",
            )
            .await;
            assert!(
                wide <= 0.0,
                "{width}px {page}: the page scrolls sideways by {wide}px"
            );
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
