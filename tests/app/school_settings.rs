//! A school's own settings at /settings: its administrator (not a super
//! administrator) brands the school, and the header, a money page and the next
//! e-mail follow; refused values leave what is stored; other schools and users
//! without the permission are kept out.

use diesel::prelude::*;
use homeroom::db::schema::{
    audit_log, campus_attendance_config, email_outbox, invoices, organizations,
};
use uuid::Uuid;

use crate::common::{
    DemoUser, TestApp, csrf_token, expect_page, organization_id, spawn_app, user_id,
    wait_for_emails,
};
use crate::languages::set_user_language;

const BOUNDARY: &str = "----homeroom-settings-boundary-3kq9";

/// What the settings page stores of a school.
#[derive(Queryable, Debug, PartialEq)]
struct Stored {
    name: String,
    time_zone: String,
    currency: String,
    brand_color: Option<String>,
    email_sender_name: Option<String>,
    email_sender: Option<String>,
    logo_file_id: Option<Uuid>,
    settings: serde_json::Value,
}

fn stored(app: &TestApp, school: &str) -> Stored {
    let mut conn = app.conn();
    let id = organization_id(&mut conn, school);
    organizations::table
        .find(id)
        .select((
            organizations::name,
            organizations::time_zone,
            organizations::currency,
            organizations::brand_color,
            organizations::email_sender_name,
            organizations::email_sender,
            organizations::logo_file_id,
            organizations::settings,
        ))
        .first(&mut conn)
        .expect("the school")
}

/// A small PNG, as a school's logo would be.
fn logo_png() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(120, 48, |x, y| {
        image::Rgb([
            u8::try_from(x % 256).unwrap_or(0),
            80,
            u8::try_from(y * 4 % 256).unwrap_or(0),
        ])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encode a PNG");
    out.into_inner()
}

/// Sends the logo form of the settings page with a file, as the browser does.
async fn upload_logo(
    app: &TestApp,
    client: &reqwest::Client,
    file_name: &str,
    bytes: &[u8],
) -> reqwest::Response {
    let page = app.page(client, "/settings").await;
    let token = csrf_token(&page).expect("the settings page carries the session's token");
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    client
        .post(app.url(&format!("/settings/logo?csrf_token={token}")))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .send()
        .await
        .expect("POST the logo")
}

async fn save(
    app: &TestApp,
    client: &reqwest::Client,
    section: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    app.submit(client, "/settings", &format!("/settings/{section}"), fields)
        .await
}

fn a_northwind_invoice(app: &TestApp) -> Uuid {
    let mut conn = app.conn();
    let northwind = organization_id(&mut conn, "Northwind Academy");
    invoices::table
        .filter(invoices::organization_id.eq(northwind))
        .filter(invoices::deleted_at.is_null())
        .order(invoices::invoice_number)
        .select(invoices::id)
        .first(&mut conn)
        .expect("a demo invoice")
}

#[actix_web::test]
async fn a_school_administrator_brands_the_school_and_the_header_invoices_and_mail_follow() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let page = app.page(&admin, "/settings").await;
    assert!(page.contains("School name") && page.contains("Header colour"));

    let sent = upload_logo(&app, &admin, "crest.png", &logo_png()).await;
    assert_eq!(sent.status(), 303, "the logo is kept");
    let logo = stored(&app, "Northwind Academy")
        .logo_file_id
        .expect("the school has a logo");
    assert_eq!(
        save(&app, &admin, "colour", &[("brand_color", "#0B5D3B")])
            .await
            .status(),
        303
    );
    let region = [("time_zone", "Europe/Madrid"), ("currency", "eur")];
    assert_eq!(save(&app, &admin, "region", &region).await.status(), 303);
    let mail = [
        ("sender_name", "Northwind Office"),
        ("reply_to", "office@northwind.test"),
    ];
    assert_eq!(save(&app, &admin, "mail", &mail).await.status(), 303);

    let now = stored(&app, "Northwind Academy");
    assert_eq!(now.brand_color.as_deref(), Some("#0b5d3b"));
    assert_eq!(
        (now.time_zone.as_str(), now.currency.as_str()),
        ("Europe/Madrid", "EUR")
    );
    assert_eq!(now.email_sender_name.as_deref(), Some("Northwind Office"));

    // The header: the school's logo and name, and its colour through a stylesheet.
    let home = app.page(&admin, "/").await;
    let logo_url = format!("/static/logo/{logo}");
    assert!(
        home.contains(&format!(r#"<img class="school-logo" src="{logo_url}""#)),
        "{home}"
    );
    assert!(home.contains(r#"<span class="school-name">Northwind Academy</span>"#));
    assert!(home.contains(r#"<link rel="stylesheet" href="/static/brand/0b5d3b.css">"#));
    let css = app.get(&admin, "/static/brand/0b5d3b.css").await;
    assert_eq!(css.status(), 200);
    assert!(css.text().await.expect("css").contains("--brand: #0b5d3b;"));
    let image = app.get(&app.client(), &logo_url).await;
    assert_eq!(
        image.status(),
        200,
        "the logo shows on the sign-in page too"
    );
    let kind = image.headers()["content-type"]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    assert!(kind.starts_with("image/"), "{kind}");
    // Every user of the school sees it.
    let teacher = app.signed_in(DemoUser::Teacher).await;
    assert!(app.page(&teacher, "/today").await.contains(&logo_url));

    // A money page shows the new currency.
    let invoice = app
        .page(&admin, &format!("/invoices/{}", a_northwind_invoice(&app)))
        .await;
    assert!(invoice.contains('€'), "the invoice is in euros");

    // The next e-mail carries the school's sender name and reply-to address.
    let visitor = app.client();
    let asked = app
        .submit(
            &visitor,
            "/password/forgot",
            "/password/forgot",
            &[("email", DemoUser::Teacher.email())],
        )
        .await;
    assert!(asked.status().is_redirection() || asked.status().is_success());
    assert_eq!(wait_for_emails(&app, DemoUser::Teacher.email(), 1).await, 1);
    let (from_name, reply_to): (Option<String>, Option<String>) = email_outbox::table
        .filter(email_outbox::to_address.eq(DemoUser::Teacher.email()))
        .order(email_outbox::created_at.desc())
        .select((email_outbox::from_name, email_outbox::reply_to))
        .first(&mut app.conn())
        .expect("the reset e-mail");
    assert_eq!(from_name.as_deref(), Some("Northwind Office"));
    assert_eq!(reply_to.as_deref(), Some("office@northwind.test"));

    // Each change is in the audit trail with who made it.
    let admin_id = user_id(&mut app.conn(), DemoUser::Admin.email());
    let northwind = organization_id(&mut app.conn(), "Northwind Academy");
    let changes: Vec<serde_json::Value> = audit_log::table
        .filter(audit_log::table_name.eq("organizations"))
        .filter(audit_log::row_id.eq(northwind))
        .filter(audit_log::user_id.eq(admin_id))
        .select(audit_log::changes)
        .load(&mut app.conn())
        .expect("the audit trail");
    for column in [
        "logo_file_id",
        "brand_color",
        "currency",
        "email_sender_name",
    ] {
        assert!(
            changes.iter().any(|c| c.get(column).is_some()),
            "{column} is audited: {changes:?}"
        );
    }
}

#[actix_web::test]
async fn a_colour_too_light_for_white_text_is_refused_and_the_stored_colour_kept() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let before = stored(&app, "Northwind Academy");
    let refused = save(&app, &admin, "colour", &[("brand_color", "#FFFF00")]).await;
    let html = expect_page(
        refused,
        422,
        "has a contrast of only 1.07:1; at least 4.5:1 is needed",
    )
    .await;
    assert!(html.contains(r##"value="#FFFF00""##), "the colour as typed");
    assert!(html.contains(r#"aria-invalid="true""#));
    assert_eq!(stored(&app, "Northwind Academy"), before);

    let refused = save(&app, &admin, "colour", &[("brand_color", "red;}body{")]).await;
    expect_page(refused, 422, "six hexadecimal digits").await;
    assert_eq!(stored(&app, "Northwind Academy"), before);
}

#[actix_web::test]
async fn a_bad_time_zone_or_currency_is_refused_beside_its_field() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let before = stored(&app, "Northwind Academy");
    let refused = save(
        &app,
        &admin,
        "region",
        &[("time_zone", "Mars/Olympus"), ("currency", "EUR")],
    )
    .await;
    let html = expect_page(refused, 422, "is not a time zone. Choose one from the list").await;
    assert!(html.contains(r#"<p class="field-error" id="time_zone-error">"#));
    assert!(
        html.contains(r#"value="Mars/Olympus""#),
        "the zone as typed"
    );

    let refused = save(
        &app,
        &admin,
        "region",
        &[("time_zone", "Europe/Madrid"), ("currency", "XYZ")],
    )
    .await;
    let html = expect_page(
        refused,
        422,
        "is not a currency code. Use a three-letter ISO 4217 code",
    )
    .await;
    assert!(html.contains(r#"<p class="field-error" id="currency-error">"#));
    assert!(!html.contains("time_zone-error"));

    let refused = save(
        &app,
        &admin,
        "mail",
        &[("sender_name", "Office"), ("reply_to", "not an address")],
    )
    .await;
    expect_page(refused, 422, "Enter an e-mail address").await;
    assert_eq!(stored(&app, "Northwind Academy"), before, "nothing changed");
}

#[actix_web::test]
async fn one_schools_settings_leave_other_schools_untouched() {
    let app = spawn_app().await;
    let riverside = stored(&app, "Riverside School");
    let admin = app.signed_in(DemoUser::Admin).await;
    assert_eq!(
        save(&app, &admin, "name", &[("name", "Northwind Primary")])
            .await
            .status(),
        303
    );
    assert_eq!(
        save(&app, &admin, "colour", &[("brand_color", "#7a1f1f")])
            .await
            .status(),
        303
    );
    assert_eq!(
        upload_logo(&app, &admin, "crest.png", &logo_png())
            .await
            .status(),
        303
    );
    assert_eq!(
        stored(&app, "Northwind Primary").brand_color.as_deref(),
        Some("#7a1f1f")
    );
    assert_eq!(stored(&app, "Riverside School"), riverside);

    // Riverside's administrator sees and changes only Riverside.
    let other = app.signed_in(DemoUser::RiversideAdmin).await;
    let page = app.page(&other, "/settings").await;
    assert!(page.contains(r#"value="Riverside School""#));
    assert!(!page.contains("Northwind") && !page.contains("7a1f1f"));
    assert!(!app.page(&other, "/").await.contains("school-logo"));

    // The super administrator's own school is as it was.
    let root = app.signed_in(DemoUser::Root).await;
    assert_eq!(app.get(&root, "/settings").await.status(), 200);
    assert_eq!(stored(&app, "Riverside School"), riverside);
}

#[actix_web::test]
async fn a_user_without_the_permission_is_refused_the_settings() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    assert_eq!(app.get(&teacher, "/settings").await.status(), 403);
    let before = stored(&app, "Northwind Academy");
    let token = csrf_token(&app.page(&teacher, "/today").await).expect("a token");
    let sent = app
        .post_form(
            &teacher,
            "/settings/colour",
            &[("csrf_token", token.as_str()), ("brand_color", "#000000")],
        )
        .await;
    assert_eq!(sent.status(), 403);
    assert_eq!(stored(&app, "Northwind Academy"), before);
    assert!(
        !app.page(&teacher, "/")
            .await
            .contains(r#"href="/settings""#),
        "no menu link"
    );
}

#[actix_web::test]
async fn the_old_settings_address_and_its_forms_move_to_settings() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let moved = app.get(&admin, "/organization/settings").await;
    assert_eq!(moved.status(), 308);
    assert_eq!(moved.headers()["location"], "/settings");
    let sent = app
        .submit(
            &admin,
            "/settings",
            "/organization/week-start",
            &[("week_start", "7")],
        )
        .await;
    assert_eq!(sent.status(), 308);
    assert_eq!(sent.headers()["location"], "/settings/week-start");
}

#[actix_web::test]
async fn a_school_names_its_walkthrough_areas_and_sets_when_each_campus_starts() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let sent = save(
        &app,
        &admin,
        "walkthrough-areas",
        &[("vibes", "Classroom climate"), ("attitude", "")],
    )
    .await;
    assert_eq!(sent.status(), 303);
    let names = stored(&app, "Northwind Academy").settings["walkthrough_areas"].clone();
    assert_eq!(names, serde_json::json!({ "vibes": "Classroom climate" }));
    let page = app.page(&admin, "/settings").await;
    assert!(page.contains(r#"value="Classroom climate""#));

    // Every walkthrough page names the area as the school does; the others keep Homeroom's names.
    let director = app.signed_in(DemoUser::Director).await;
    let form = app.page(&director, "/walkthroughs/new").await;
    assert!(
        form.contains("<legend>Classroom climate</legend>"),
        "{form}"
    );
    assert!(form.contains("<legend>Attitude</legend>"));
    assert!(!form.contains("<legend>Vibes</legend>"));
    let list = app.page(&director, "/walkthroughs").await;
    let visit = list
        .split("href=\"/walkthroughs/")
        .skip(1)
        .filter_map(|rest| rest.get(..36))
        .find(|id| Uuid::parse_str(id).is_ok())
        .expect("a visit in the director's list")
        .to_owned();
    let detail = app.page(&director, &format!("/walkthroughs/{visit}")).await;
    assert!(
        detail.contains("<strong>Classroom climate</strong>"),
        "{detail}"
    );
    assert!(!detail.contains("<strong>Vibes</strong>"));

    let northwind = organization_id(&mut app.conn(), "Northwind Academy");
    let campus: Uuid = diesel::sql_query(format!(
        "SELECT id FROM campuses WHERE organization_id = '{northwind}' AND deleted_at IS NULL ORDER BY name LIMIT 1"
    ))
    .get_result::<CampusId>(&mut app.conn())
    .expect("a campus")
    .id;
    let field = format!("start-{campus}");
    assert_eq!(
        save(&app, &admin, "school-day", &[(field.as_str(), "07:45")])
            .await
            .status(),
        303
    );
    let starts: chrono::NaiveTime = campus_attendance_config::table
        .filter(campus_attendance_config::campus_id.eq(campus))
        .filter(campus_attendance_config::deleted_at.is_null())
        .select(campus_attendance_config::school_starts_at)
        .first(&mut app.conn())
        .expect("the campus's settings");
    assert_eq!(starts.to_string(), "07:45:00");
    let refused = save(
        &app,
        &admin,
        "school-day",
        &[(field.as_str(), "quarter to eight")],
    )
    .await;
    expect_page(refused, 422, "Enter each start time as hours and minutes").await;
}

#[derive(QueryableByName)]
struct CampusId {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: Uuid,
}

#[actix_web::test]
async fn the_settings_page_and_its_refusals_speak_spanish() {
    let app = spawn_app().await;
    set_user_language(&app, DemoUser::Admin.email(), Some("es"));
    let admin = app.signed_in(DemoUser::Admin).await;
    let page = app.page(&admin, "/settings").await;
    assert!(page.contains("Nombre del centro") && page.contains("Color de la cabecera"));
    assert!(!page.contains("Header colour"));
    let refused = save(&app, &admin, "colour", &[("brand_color", "#FFFF00")]).await;
    expect_page(refused, 422, "tiene un contraste de solo 1,07:1").await;
}

#[actix_web::test]
async fn a_one_school_install_shows_its_logo_and_name_on_the_sign_in_page() {
    let app = spawn_app().await;
    let visitor = app.client();
    let two_schools = app.page(&visitor, "/login").await;
    assert!(
        !two_schools.contains("signin-school"),
        "no school is known yet"
    );

    let admin = app.signed_in(DemoUser::Admin).await;
    assert_eq!(
        upload_logo(&app, &admin, "crest.png", &logo_png())
            .await
            .status(),
        303
    );
    let logo = stored(&app, "Northwind Academy")
        .logo_file_id
        .expect("a logo");
    diesel::sql_query(
        "UPDATE organizations SET deleted_at = now() WHERE name = 'Riverside School'",
    )
    .execute(&mut app.conn())
    .expect("close the other school");
    let one_school = app.page(&visitor, "/login").await;
    assert!(one_school.contains(&format!(
        r#"<img class="school-logo" src="/static/logo/{logo}""#
    )));
    assert!(one_school.contains(r#"<p class="signin-school">Northwind Academy</p>"#));
}

#[actix_web::test]
async fn the_branded_settings_page_fits_a_desktop_a_tablet_and_a_phone() {
    use crate::browser::{
        DESKTOP, PHONE, TABLET, assert_no_sideways_scrolling, open, resize, screenshot,
        signed_in_browser,
    };
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    assert_eq!(
        upload_logo(&app, &admin, "crest.png", &logo_png())
            .await
            .status(),
        303
    );
    let colour = [("brand_color", "#0b5d3b")];
    assert_eq!(save(&app, &admin, "colour", &colour).await.status(), 303);
    let (_driver, client) =
        signed_in_browser(&app, DESKTOP, DemoUser::Admin.email(), ".topbar").await;
    open(&client, &app.url("/settings"), "#colour").await;
    let header = crate::browser::read_text(
        &client,
        "return getComputedStyle(document.querySelector('.topbar')).backgroundColor",
    )
    .await;
    assert_eq!(
        header, "rgb(11, 93, 59)",
        "the header wears the school's colour"
    );
    screenshot(&client, "settings/settings-1440").await;
    for (size, name) in [(TABLET, "settings-820"), (PHONE, "settings-390")] {
        resize(&client, size).await;
        assert_no_sideways_scrolling(&client, "/settings").await;
        screenshot(&client, &format!("settings/{name}")).await;
    }
    set_user_language(&app, DemoUser::Admin.email(), Some("es"));
    open(&client, &app.url("/settings"), "#colour").await;
    assert_no_sideways_scrolling(&client, "/settings").await;
    screenshot(&client, "settings/settings-390-es").await;
}
