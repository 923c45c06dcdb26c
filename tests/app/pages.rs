use crate::common::{DemoUser, spawn_app};

#[actix_web::test]
async fn unknown_pages_get_a_friendly_404() {
    let app = spawn_app().await;
    let response = app.get(&app.client(), "/no-such-page").await;
    assert_eq!(response.status(), 404);
    let html = response.text().await.expect("page");
    assert!(html.contains("Page not found"));
    assert!(html.contains(r#"href="/""#), "offers a way back");
}

#[actix_web::test]
async fn pages_carry_security_headers() {
    let app = spawn_app().await;
    let response = app.get(&app.client(), "/login").await;
    let headers = response.headers();
    let csp = headers["content-security-policy"].to_str().expect("csp");
    assert!(csp.contains("script-src 'self'"));
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "same-origin");
    assert!(headers.contains_key("permissions-policy"));
    assert!(headers.contains_key("x-request-id"));
}

#[actix_web::test]
async fn the_layout_serves_its_own_css_and_pinned_htmx() {
    let app = spawn_app().await;
    let client = app.client();
    let html = app.get(&client, "/login").await.text().await.expect("page");
    for prefix in ["/static/css/app.css?v=", "/static/js/htmx.min.js?v="] {
        let at = html
            .find(prefix)
            .unwrap_or_else(|| panic!("{prefix} is linked"));
        let url = &html[at..at + html[at..].find('"').expect("end of attribute")];
        let response = app.get(&client, url).await;
        assert_eq!(response.status(), 200, "{url}");
        assert!(
            response.headers()["cache-control"]
                .to_str()
                .expect("header")
                .contains("immutable")
        );
        let body = response.text().await.expect("asset");
        assert!(body.len() > 1000, "{url} has content");
    }
    let htmx = app
        .get(&client, "/static/js/htmx.min.js")
        .await
        .text()
        .await
        .expect("htmx");
    assert!(htmx.contains("2.0.11"), "the pinned htmx version is served");
}

#[actix_web::test]
async fn each_organization_sees_only_its_own_school() {
    let app = spawn_app().await;
    let northwind = app.signed_in(DemoUser::Admin).await;
    let riverside = app.signed_in(DemoUser::RiversideAdmin).await;
    let north_html = app
        .get(&northwind, "/")
        .await
        .text()
        .await
        .expect("dashboard");
    let river_html = app
        .get(&riverside, "/")
        .await
        .text()
        .await
        .expect("dashboard");
    assert!(north_html.contains("Northwind Academy"));
    assert!(!north_html.contains("Riverside School"));
    assert!(river_html.contains("Riverside School"));
    assert!(!river_html.contains("Northwind Academy"));

    let students = |html: &str| -> i64 {
        let at = html
            .find(r#"<div class="label">Students</div>"#)
            .expect("students stat");
        let before = &html[..at];
        let value_at = before.rfind(r#"<div class="value">"#).expect("value");
        before[value_at + r#"<div class="value">"#.len()..]
            .split('<')
            .next()
            .and_then(|v| v.trim().parse().ok())
            .expect("a number")
    };
    assert!(
        students(&north_html) > 500,
        "Northwind has its ~600 students"
    );
    assert!(students(&river_html) < 100, "Riverside counts only its own");
}

#[actix_web::test]
async fn the_menu_and_sign_out_fit_a_phone() {
    let app = spawn_app().await;
    let client = app.signed_in(DemoUser::Teacher).await;
    let html = app.get(&client, "/").await.text().await.expect("dashboard");
    assert!(html.contains(r#"name="viewport" content="width=device-width, initial-scale=1""#));
    assert!(html.contains(r#"<form method="post" action="/logout">"#));
    assert!(
        html.contains(r#"aria-current="page""#),
        "the current page is marked in the menu"
    );
}

/// A rule block left open makes every later rule apply only inside it: at one
/// screen width the page looks right, at every other it falls apart.
#[test]
fn every_block_of_the_stylesheet_is_closed_where_its_section_ends() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/static/css/app.css");
    let css = std::fs::read_to_string(path).expect("the stylesheet");
    let mut depth = 0i32;
    for (n, line) in css.lines().enumerate() {
        // Section comments start in the first column, outside every block.
        if line.starts_with("/*") {
            assert_eq!(
                depth,
                0,
                "app.css:{}: a block is still open at {line:?}",
                n + 1
            );
        }
        depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
        assert!(depth >= 0, "app.css:{}: a block is closed twice", n + 1);
    }
    assert_eq!(depth, 0, "app.css ends with {depth} blocks open");
}

/// The links of the main menu, one `label -> href` line each, `*` marking the current page.
fn menu_links(html: &str) -> Vec<String> {
    let start = html
        .find(r#"<nav aria-label="Main">"#)
        .expect("the page has a main menu");
    let menu = &html[start..start + html[start..].find("</ul>").expect("the menu's list ends")];
    menu.split("<li>")
        .skip(1)
        .map(|item| {
            let href = item
                .split(r#"href=""#)
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .expect("a link");
            let label = item
                .split('>')
                .nth(1)
                .and_then(|rest| rest.split('<').next())
                .expect("a label");
            let current = if item.contains(r#"aria-current="page""#) {
                " *"
            } else {
                ""
            };
            format!("{label} -> {href}{current}")
        })
        .collect()
}

#[actix_web::test]
async fn each_role_sees_its_own_menu_in_the_usual_order() {
    const FULL: [&str; 14] = [
        "Dashboard -> /",
        "Inbox -> /inbox",
        "Today -> /today",
        "Attendance today -> /attendance/overview",
        "Missing rolls -> /attendance/missing",
        "Chronic absence -> /attendance/chronic",
        "Staff attendance -> /attendance/staff",
        "Walkthroughs -> /walkthroughs",
        "Records -> /records",
        "Users -> /admin/users",
        "Roles -> /admin/roles",
        "Jobs -> /admin/jobs",
        "Outbox -> /admin/outbox",
        "Your profile -> /profile *",
    ];
    let app = spawn_app().await;
    for who in DemoUser::ALL {
        let shown: &[usize] = match who {
            DemoUser::Admin | DemoUser::RiversideAdmin | DemoUser::Root => {
                &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
            }
            DemoUser::Director => &[0, 1, 3, 4, 5, 6, 7, 8, 13],
            DemoUser::Teacher => &[0, 1, 2, 6, 7, 8, 13],
            DemoUser::Accountant => &[0, 1, 8, 13],
            DemoUser::Office => &[0, 1, 3, 4, 5, 6, 8, 13],
        };
        let expected: Vec<String> = shown.iter().map(|&i| FULL[i].to_owned()).collect();
        let client = app.signed_in(who).await;
        let html = app.page(&client, "/profile").await;
        assert_eq!(menu_links(&html), expected, "{who:?}");
    }

    let client = app.signed_in(DemoUser::Director).await;
    let html = app.page(&client, "/attendance/missing").await;
    let current: Vec<String> = menu_links(&html)
        .into_iter()
        .filter(|link| link.ends_with(" *"))
        .collect();
    assert_eq!(current, ["Missing rolls -> /attendance/missing *"]);
}
