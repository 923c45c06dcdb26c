//! Sign learning: a teacher marks signs learned or names them in the self-test and
//! sees the progress bar move; directors see each campus's average; the vocabulary's
//! editor refuses a sign it cannot show; a sign's video seeks (206); a school that
//! switches signs off sees none of it. Also the zones guide's editor, and the record
//! pages that only show the content catalog.

use diesel::prelude::*;
use homeroom::db::schema::{content_catalog, staff, user_progress};
use homeroom::i18n::Lang;
use homeroom::staffdev::content::{self, ContentKey};
use homeroom::staffdev::signs::vocabulary::SignVocabulary;
use homeroom::staffdev::zones::guide::ZoneGuide;
use uuid::Uuid;

use crate::common::{DemoUser, TestApp, spawn_app, user_id};
use crate::files::{BOUNDARY, a_student, multipart, png, upload};
use crate::languages::set_user_language;

const SIGNS: &str = "/staff-development/signs";
const VOCABULARY: &str = "/staff-development/signs/vocabulary";

fn vocabulary(app: &TestApp) -> SignVocabulary {
    content::load(&mut app.conn()).expect("the vocabulary")
}

fn stored_payload(app: &TestApp, key: ContentKey) -> serde_json::Value {
    content_catalog::table
        .filter(content_catalog::content_type.eq(key.as_str()))
        .filter(content_catalog::deleted_at.is_null())
        .select(content_catalog::payload)
        .first(&mut app.conn())
        .expect("the stored payload")
}

/// The user's sign-learning rows: (sign id, how it was learned).
fn learned_by(app: &TestApp, email: &str) -> Vec<(String, Option<String>)> {
    let user = user_id(&mut app.conn(), email);
    user_progress::table
        .filter(user_progress::user_id.eq(user))
        .filter(user_progress::progress_type.eq("sign_learning"))
        .filter(user_progress::deleted_at.is_null())
        .select((user_progress::item_id, user_progress::value))
        .load(&mut app.conn())
        .expect("the progress rows")
}

async fn mark_learned(app: &TestApp, client: &reqwest::Client, sign: Uuid) -> reqwest::Response {
    let action = format!("{SIGNS}/{sign}/learned");
    app.submit(client, SIGNS, &action, &[]).await
}

#[actix_web::test]
async fn teacher_marks_a_sign_learned_and_the_bar_says_one_of_twenty() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let signs = vocabulary(&app).signs;
    assert_eq!(signs.len(), 20, "the demo has twenty signs");

    let page = app.page(&teacher, SIGNS).await;
    assert!(page.contains("0 of 20 signs learned"), "{page}");
    assert!(page.contains(&signs[0].word));

    let response = mark_learned(&app, &teacher, signs[0].id).await;
    assert_eq!(response.status(), 303);
    let again = mark_learned(&app, &teacher, signs[0].id).await;
    assert_eq!(again.status(), 303);

    let page = app.page(&teacher, SIGNS).await;
    assert!(page.contains("1 of 20 signs learned"), "{page}");
    assert!(page.contains(r#"max="100" value="5""#), "the bar is at 5%");
    assert_eq!(
        learned_by(&app, DemoUser::Teacher.email()),
        vec![(signs[0].id.to_string(), Some("marked".to_owned()))],
        "one row, however often the sign is marked"
    );
    let unknown = mark_learned(&app, &teacher, Uuid::new_v4()).await;
    assert_eq!(unknown.status(), 404);
}

#[actix_web::test]
async fn the_self_test_records_a_right_answer_and_not_a_wrong_one() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let signs = vocabulary(&app).signs;
    let practice = format!("{SIGNS}/practice");
    let page = app.page(&teacher, &practice).await;
    assert!(page.contains("Which word is this sign?"), "{page}");
    assert_eq!(
        page.matches(r#"name="word""#).count(),
        4,
        "four words to choose from"
    );

    let sign = &signs[3];
    let id = sign.id.to_string();
    let wrong = &signs[4].word;
    let response = app
        .submit(
            &teacher,
            &practice,
            &practice,
            &[("sign", &id), ("word", wrong)],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert!(learned_by(&app, DemoUser::Teacher.email()).is_empty());
    let page = app.page(&teacher, &practice).await;
    assert!(page.contains(&format!("Not quite: that sign is “{}”", sign.word)));

    let response = app
        .submit(
            &teacher,
            &practice,
            &practice,
            &[("sign", &id), ("word", &sign.word)],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        learned_by(&app, DemoUser::Teacher.email()),
        vec![(id, Some("practised".to_owned()))]
    );
    let page = app.page(&teacher, SIGNS).await;
    assert!(page.contains("1 of 20 signs learned"));
}

/// Posts the vocabulary editor's multipart form.
async fn send_sign(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
    file_name: &str,
    bytes: &[u8],
) -> reqwest::Response {
    let html = app.page(client, VOCABULARY).await;
    let token = crate::common::csrf_token(&html).expect("the editor's token");
    client
        .post(app.url(&format!("{VOCABULARY}?csrf_token={token}")))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(multipart(fields, file_name, bytes))
        .send()
        .await
        .expect("POST the sign")
}

#[actix_web::test]
async fn a_sign_without_a_word_or_with_another_schools_file_is_refused() {
    let app = spawn_app().await;
    let root = app.signed_in(DemoUser::Root).await;
    let before = stored_payload(&app, ContentKey::SignVocabulary);

    let response = send_sign(
        &app,
        &root,
        &[
            ("sign", ""),
            ("word", "  "),
            ("description", "Both hands wave."),
        ],
        "",
        b"",
    )
    .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.expect("the form");
    assert!(
        page.contains("Write the sign"),
        "the word's message: {page}"
    );
    assert!(page.contains("Both hands wave."), "what was typed stays");
    let response = send_sign(
        &app,
        &root,
        &[
            ("sign", ""),
            ("word", "Library"),
            ("description", "A book opens."),
        ],
        "page.html",
        b"<html><script>alert(1)</script></html>",
    )
    .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.expect("the form");
    assert!(
        page.contains("A sign is shown with a picture (JPEG, PNG, WebP or GIF) or a video"),
        "{page}"
    );
    assert!(
        !page.contains("office documents"),
        "no offer of files a sign cannot use"
    );
    assert_eq!(stored_payload(&app, ContentKey::SignVocabulary), before);

    // A payload pointing at another school's file (a Riverside student's photo).
    let riverside = app.signed_in(DemoUser::RiversideAdmin).await;
    let (student, _) = a_student(&app, "Riverside School");
    let uploaded = upload(
        &app,
        &riverside,
        "students",
        student,
        "face.png",
        &png(20, 20),
    )
    .await;
    assert_eq!(uploaded.status(), 303);
    let photo: Uuid = homeroom::db::schema::file::table
        .filter(homeroom::db::schema::file::belongs_to_id.eq(student))
        .select(homeroom::db::schema::file::id)
        .first(&mut app.conn())
        .expect("the photo");
    let mut bad = vocabulary(&app);
    bad.signs[2].media = Some(photo);
    bad.signs[2].media_type = Some("image/png".to_owned());
    let mut conn = app.conn();
    let refused = content::save(&mut conn, &bad, None, Lang::default()).expect("the database");
    let errors = refused.expect_err("refused");
    assert_eq!(
        errors.get("signs[2].media"),
        Some("Choose a picture or video kept for this sign; that file cannot be used here.")
    );
    assert_eq!(stored_payload(&app, ContentKey::SignVocabulary), before);
}

/// The first bytes of an MP4 file, enough to be recognised as one.
fn tiny_mp4() -> Vec<u8> {
    let mut bytes = vec![0, 0, 0, 0x18];
    bytes.extend_from_slice(b"ftypisom\0\0\x02\0isommp41");
    bytes.extend((0..200u8).map(|n| n.wrapping_mul(7)));
    bytes
}

#[actix_web::test]
async fn a_range_of_a_signs_video_answers_206_with_those_bytes() {
    let app = spawn_app().await;
    let root = app.signed_in(DemoUser::Root).await;
    let sign = vocabulary(&app).signs[0].clone();
    let id = sign.id.to_string();
    let video = tiny_mp4();
    let response = send_sign(
        &app,
        &root,
        &[
            ("sign", &id),
            ("word", &sign.word),
            ("description", &sign.description),
        ],
        "hello.mp4",
        &video,
    )
    .await;
    assert_eq!(response.status(), 303);
    let changed = vocabulary(&app);
    assert_eq!(changed.signs[0].media_type.as_deref(), Some("video/mp4"));

    let teacher = app.signed_in(DemoUser::Teacher).await;
    let page = app.page(&teacher, SIGNS).await;
    let url = format!("{SIGNS}/{id}/media");
    assert!(page.contains(&format!(r#"<video src="{url}""#)), "{page}");
    let part = teacher
        .get(app.url(&url))
        .header("Range", "bytes=10-29")
        .send()
        .await
        .expect("a range");
    assert_eq!(part.status(), 206);
    let header = |r: &reqwest::Response, name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(
        header(&part, "content-range"),
        format!("bytes 10-29/{}", video.len())
    );
    assert_eq!(header(&part, "content-type"), "video/mp4");
    assert_eq!(part.bytes().await.expect("bytes").as_ref(), &video[10..30]);

    let whole = teacher.get(app.url(&url)).send().await.expect("the video");
    let etag = header(&whole, "etag");
    let repeat = teacher
        .get(app.url(&url))
        .header("If-None-Match", &etag)
        .send()
        .await
        .expect("a repeat");
    assert_eq!(repeat.status(), 304);

    let other = format!("{SIGNS}/{}/media", vocabulary(&app).signs[1].id);
    assert_eq!(app.get(&teacher, &other).await.status(), 404, "no file yet");
}

#[actix_web::test]
async fn directors_see_how_many_signs_each_campus_has_learned_on_average() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let signs = vocabulary(&app).signs;
    for sign in &signs[..3] {
        assert_eq!(mark_learned(&app, &teacher, sign.id).await.status(), 303);
    }
    let mut conn = app.conn();
    let teacher_id = user_id(&mut conn, DemoUser::Teacher.email());
    let campus: Uuid = staff::table
        .filter(staff::user_id.eq(teacher_id))
        .select(staff::campus_id)
        .first::<Option<Uuid>>(&mut conn)
        .expect("the teacher's staff row")
        .expect("a campus");
    let people: i64 = staff::table
        .filter(staff::campus_id.eq(campus))
        .filter(staff::user_id.is_not_null())
        .filter(staff::deleted_at.is_null())
        .filter(staff::status.eq(homeroom::db::enums::StaffStatus::Active))
        .count()
        .get_result(&mut conn)
        .expect("the campus's staff");
    let campus_name: String = homeroom::db::schema::campuses::table
        .find(campus)
        .select(homeroom::db::schema::campuses::name)
        .first(&mut conn)
        .expect("the campus");
    let tenths = 30 / people;
    let average = format!("{}.{} of 20 on average", tenths / 10, tenths % 10);

    let director = app.signed_in(DemoUser::Director).await;
    let page = app.page(&director, &format!("{SIGNS}/campuses")).await;
    let row = page
        .split("<li>")
        .find(|row| row.contains(&campus_name))
        .unwrap_or_else(|| panic!("a row for {campus_name}: {page}"));
    assert!(row.contains(&average), "{average} in {row}");
    let refused = app.get(&teacher, &format!("{SIGNS}/campuses")).await;
    assert_eq!(refused.status(), 403, "a teacher sees no averages");
}

#[actix_web::test]
async fn signs_are_not_found_and_leave_the_menu_when_the_school_switches_them_off() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let today = app.page(&teacher, "/today").await;
    assert!(today.contains(&format!(r#"href="{SIGNS}""#)));
    let admin = app.signed_in(DemoUser::Admin).await;
    let response = app
        .submit(
            &admin,
            "/settings",
            "/settings/staff-development",
            &[("frame", "on"), ("zones", "on"), ("safety_quiz", "on")],
        )
        .await;
    assert_eq!(response.status(), 303);

    let today = app.page(&teacher, "/today").await;
    assert!(!today.contains(&format!(r#"href="{SIGNS}""#)));
    let sign = vocabulary(&app).signs[0].id;
    for path in [
        SIGNS.to_owned(),
        format!("{SIGNS}/practice"),
        format!("{SIGNS}/{sign}/media"),
    ] {
        assert_eq!(app.get(&teacher, &path).await.status(), 404, "{path}");
    }
    let token = crate::common::csrf_token(&today).expect("a token");
    let response = app
        .post_form(
            &teacher,
            &format!("{SIGNS}/{sign}/learned"),
            &[("csrf_token", &token)],
        )
        .await;
    assert_eq!(response.status(), 404);
    assert!(learned_by(&app, DemoUser::Teacher.email()).is_empty());
    let director = app.signed_in(DemoUser::Director).await;
    let response = app.get(&director, &format!("{SIGNS}/campuses")).await;
    assert_eq!(response.status(), 404);
}

#[actix_web::test]
async fn the_signs_speak_spanish() {
    let app = spawn_app().await;
    set_user_language(&app, DemoUser::Teacher.email(), Some("es"));
    set_user_language(&app, DemoUser::Director.email(), Some("es"));
    set_user_language(&app, DemoUser::Root.email(), Some("es"));
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let page = app.page(&teacher, SIGNS).await;
    assert!(page.contains("0 de 20 señas aprendidas"), "{page}");
    assert!(page.contains("Marcar como aprendida"));
    let page = app.page(&teacher, &format!("{SIGNS}/practice")).await;
    assert!(page.contains("¿Qué palabra es esta seña?"));
    let director = app.signed_in(DemoUser::Director).await;
    let page = app.page(&director, &format!("{SIGNS}/campuses")).await;
    assert!(page.contains("de 20 de media"), "{page}");
    let root = app.signed_in(DemoUser::Root).await;
    let page = app.page(&root, VOCABULARY).await;
    assert!(page.contains("Vocabulario de señas"));
    let page = app.page(&root, "/staff-development/zones/guide").await;
    assert!(page.contains("Qué ayuda"));
}

#[actix_web::test]
async fn the_zones_guide_refuses_a_bad_colour_and_staff_read_what_helps() {
    let app = spawn_app().await;
    let root = app.signed_in(DemoUser::Root).await;
    let guide = "/staff-development/zones/guide";
    let before = stored_payload(&app, ContentKey::Zones);
    let page = app.page(&root, guide).await;
    assert!(
        page.contains("Take a short walk"),
        "the stored guide fills the form"
    );

    let mut fields: Vec<(String, String)> = Vec::new();
    let stored: ZoneGuide = content::load(&mut app.conn()).expect("the guide");
    for zone in &stored.zones {
        fields.push((format!("{}_colour", zone.zone), zone.colour.clone()));
        fields.push((
            format!("{}_description", zone.zone),
            zone.description.clone(),
        ));
        fields.push((
            format!("{}_strategies", zone.zone),
            zone.strategies.join("\n"),
        ));
    }
    fields[0].1 = "navy".to_owned();
    let sent: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let response = app.submit(&root, guide, guide, &sent).await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.expect("the form");
    assert!(page.contains("Enter the colour as # and six hexadecimal digits"));
    assert_eq!(stored_payload(&app, ContentKey::Zones), before);

    fields[0].1 = "#123456".to_owned();
    fields[2].1 = "Stretch for a minute\nDrink some water".to_owned();
    let sent: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let response = app.submit(&root, guide, guide, &sent).await;
    assert_eq!(response.status(), 303);
    let saved: ZoneGuide = content::load(&mut app.conn()).expect("the guide");
    assert_eq!(saved.zones[0].colour, "#123456");
    assert_eq!(
        saved.zones[0].strategies,
        ["Stretch for a minute", "Drink some water"]
    );

    let teacher = app.signed_in(DemoUser::Teacher).await;
    let zones = "/staff-development/zones";
    let response = app
        .submit(
            &teacher,
            zones,
            "/staff-development/zones/check-in",
            &[("zone", "blue")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = app.page(&teacher, zones).await;
    assert!(page.contains("What helps in the Blue zone"), "{page}");
    assert!(page.contains("Stretch for a minute"));
    let refused = app.get(&teacher, guide).await;
    assert_eq!(
        refused.status(),
        403,
        "only super administrators edit the guide"
    );
}

#[actix_web::test]
async fn the_record_pages_show_the_catalog_but_never_store_a_raw_payload() {
    let app = spawn_app().await;
    let root = app.signed_in(DemoUser::Root).await;
    let before_signs = stored_payload(&app, ContentKey::SignVocabulary);
    let row: Uuid = content_catalog::table
        .filter(content_catalog::content_type.eq(ContentKey::SignVocabulary.as_str()))
        .filter(content_catalog::deleted_at.is_null())
        .select(content_catalog::id)
        .first(&mut app.conn())
        .expect("the row");
    let rows_before = crate::common::count(&mut app.conn(), "content_catalog");

    let list = app.page(&root, "/content-catalog").await;
    assert!(list.contains("Edit the content in its editors"), "{list}");
    assert!(list.contains(r#"href="/staff-development/content/safety-quizzes""#));
    assert!(!list.contains(r#"href="/content-catalog/new""#));
    let shown = app.get(&root, &format!("/content-catalog/{row}")).await;
    assert_eq!(shown.status(), 200, "the row is still shown");
    for path in [
        "/content-catalog/new".to_owned(),
        format!("/content-catalog/{row}/edit"),
    ] {
        let response = app.get(&root, &path).await;
        assert!(
            response.status() == 404 || response.status() == 405,
            "{path}: {}",
            response.status()
        );
    }

    let bad =
        r#"{"signs":[{"id":"00000000-0000-0000-0000-000000000000","word":"","description":""}]}"#;
    let html = app.page(&root, "/content-catalog").await;
    let token = crate::common::csrf_token(&html).expect("a token");
    for path in [
        "/content-catalog".to_owned(),
        format!("/content-catalog/{row}"),
    ] {
        let response = app
            .post_form(
                &root,
                &path,
                &[
                    ("csrf_token", &token),
                    ("content_type", "sign_vocabulary"),
                    ("payload", bad),
                    ("active", "on"),
                ],
            )
            .await;
        assert!(
            response.status().is_client_error(),
            "{path}: {}",
            response.status()
        );
    }
    assert_eq!(
        stored_payload(&app, ContentKey::SignVocabulary),
        before_signs
    );
    assert_eq!(
        crate::common::count(&mut app.conn(), "content_catalog"),
        rows_before
    );
}
