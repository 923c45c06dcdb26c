//! In Chromium at desktop size: a role made and granted with the grid (htmx), a
//! person invited with it, and the invitation in the outbox.

use fantoccini::{Client, Locator};

use super::{role_grants, role_id};
use crate::browser::{PHONE, browser, measure, screenshot, start_driver};
use crate::common::{DEMO_PASSWORD, TestApp, spawn_app};

const DESKTOP: (u32, u32) = (1440, 900);

async fn fill(client: &Client, css: &str, text: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("typing into {css}: {e}"));
}

async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
}

async fn sign_in(app: &TestApp, client: &Client, email: &str) {
    sign_in_with(app, client, email, DEMO_PASSWORD).await;
}

async fn sign_in_with(app: &TestApp, client: &Client, email: &str, password: &str) {
    client.goto(&app.url("/login")).await.expect("sign-in page");
    fill(client, "#email", email).await;
    fill(client, "#password", password).await;
    click(client, "button[type=submit]").await;
    client
        .wait()
        .for_element(Locator::Css(r#"form[action="/logout"]"#))
        .await
        .expect("signed in: the page has a sign-out button");
}

#[actix_web::test]
async fn super_administrator_makes_a_librarian_role_and_invites_a_librarian() {
    let app = spawn_app().await;
    let driver = start_driver();
    let client = browser(&driver, DESKTOP).await;

    sign_in(&app, &client, "root@homeroom.test").await;

    client.goto(&app.url("/admin/roles")).await.expect("roles");
    click(&client, r#"a[href="/admin/roles/new"]"#).await;
    client
        .wait()
        .for_element(Locator::Css("#name"))
        .await
        .expect("the new-role form");
    fill(&client, "#name", "Librarian").await;
    fill(&client, "#description", "Runs the library and its loans").await;
    click(&client, "form.form button[type=submit]").await;

    client
        .wait()
        .for_element(Locator::Css("#cell-READ_STUDENTS input"))
        .await
        .expect("the permission grid");
    click(&client, "#cell-READ_STUDENTS input").await;
    // The swapped cell comes back marked as saved.
    client
        .wait()
        .for_element(Locator::Css("#cell-READ_STUDENTS.saved input:checked"))
        .await
        .expect("the box saved by htmx");
    let librarian = role_id(&app, "Librarian");
    assert_eq!(role_grants(&app, librarian), vec!["READ_STUDENTS"]);
    // The grid, not the form above it, is what the picture is for.
    client
        .execute(
            "const head = document.getElementById('permissions-head'); \
             window.scrollTo(0, head.getBoundingClientRect().top + window.scrollY - 76);",
            vec![],
        )
        .await
        .expect("scroll to the grid");
    let path = screenshot(&client, "admin-role-grid").await;
    assert!(std::fs::metadata(&path).expect("screenshot").len() > 10_000);

    client
        .goto(&app.url("/admin/users/new"))
        .await
        .expect("invite form");
    fill(&client, "#first_name", "Lena").await;
    fill(&client, "#last_name", "Booker").await;
    fill(&client, "#email", "lena.booker@northwind.test").await;
    client
        .find(Locator::Css("#role"))
        .await
        .expect("role select")
        .select_by_label("Librarian")
        .await
        .expect("choose Librarian");
    screenshot(&client, "admin-invite").await;
    click(&client, "form.form button[type=submit]").await;
    client
        .wait()
        .for_element(Locator::XPath(
            "//p[contains(@class,'flash')][contains(., 'Invitation sent to lena.booker@northwind.test.')]",
        ))
        .await
        .expect("the invitation is confirmed");

    client
        .goto(&app.url("/admin/outbox"))
        .await
        .expect("outbox");
    let subject = client
        .wait()
        .for_element(Locator::XPath(
            "//strong[contains(., 'invited to Homeroom at Northwind Academy')]",
        ))
        .await
        .expect("the invitation in the outbox");
    assert_eq!(
        subject.text().await.expect("subject"),
        "You're invited to Homeroom at Northwind Academy"
    );

    // Lena opens the link from the e-mail, chooses a password and signs in.
    subject.click().await.expect("open the e-mail");
    let link = client
        .wait()
        .for_element(Locator::Css(".email-body a[href*='/password/set/']"))
        .await
        .expect("the link in the invitation");
    let href = link.attr("href").await.expect("href").expect("a link");
    client
        .delete_all_cookies()
        .await
        .expect("a fresh browser for Lena");
    client.goto(&href).await.expect("open the invitation link");
    fill(&client, "#password", "quiet shelves in spring").await;
    fill(&client, "#password_again", "quiet shelves in spring").await;
    screenshot(&client, "invitation-set-password").await;
    click(&client, "form button[type=submit]").await;
    client
        .wait()
        .for_element(Locator::Css("#email"))
        .await
        .expect("back at sign-in");
    sign_in_with(
        &app,
        &client,
        "lena.booker@northwind.test",
        "quiet shelves in spring",
    )
    .await;

    // The Librarian role reads students and nothing else.
    let html = client.source().await.expect("dashboard");
    assert!(
        html.contains("Students"),
        "she sees the students she may read"
    );
    for hidden in ["/admin/users", "/admin/roles", "/admin/outbox", "/staff"] {
        assert!(
            !html.contains(&format!(r#"href="{hidden}""#)),
            "{hidden} is not in her menu"
        );
    }
    // Her dashboard counts students only: not the staff, not the fees.
    let tiles = client
        .find_all(Locator::Css(".card.stat .label"))
        .await
        .expect("the dashboard's counts");
    let mut labels = Vec::new();
    for tile in tiles {
        labels.push(tile.text().await.expect("a count's label"));
    }
    assert_eq!(labels, ["Students"]);
    client
        .goto(&app.url("/admin/users"))
        .await
        .expect("try the users page");
    let refused = client.source().await.expect("page");
    assert!(
        refused.contains("Not allowed"),
        "the server refuses what the role does not permit"
    );
    screenshot(&client, "librarian-refused").await;
    client.close().await.expect("close the browser");
}

#[actix_web::test]
async fn administration_pages_fit_a_phone_and_a_desktop() {
    let app = spawn_app().await;
    let teacher = super::user_id(&app, "teacher@northwind.test");
    let role = role_id(&app, "Teacher");
    let driver = start_driver();
    let client = browser(&driver, DESKTOP).await;
    sign_in(&app, &client, "admin@northwind.test").await;

    let pages = [
        ("admin-users", "/admin/users".to_owned()),
        ("admin-user", format!("/admin/users/{teacher}")),
        ("admin-roles", "/admin/roles".to_owned()),
        ("admin-role", format!("/admin/roles/{role}")),
    ];
    for (size, suffix) in [(DESKTOP, "desktop"), (PHONE, "phone")] {
        client.set_window_size(size.0, size.1).await.expect("size");
        for (name, path) in &pages {
            client.goto(&app.url(path)).await.expect("page");
            client
                .wait()
                .for_element(Locator::Css("h1"))
                .await
                .expect("heading");
            let overflow = measure(
                &client,
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
            )
            .await;
            assert!(
                overflow <= 0.0,
                "{path} is {overflow}px too wide at {suffix} size"
            );
            screenshot(&client, &format!("{name}-{suffix}")).await;
        }
    }
    client.close().await.expect("close the browser");
}
