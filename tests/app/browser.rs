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
pub async fn browser(driver: &Driver, (width, height): (u32, u32)) -> Client {
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
    ];
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".to_owned(),
        serde_json::json!({ "binary": chromium, "args": args }),
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
