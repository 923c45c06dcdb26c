//! Files sent with a message: kept with the draft, e-mailed as attachments that
//! arrive with their bytes, and downloaded by the message's recipients alone.

use diesel::prelude::*;
use diesel::sql_types::{Text, Uuid as SqlUuid};
use uuid::Uuid;

use super::{app_with_smtp, deliver, newest_message};
use crate::common::{DemoUser, TestApp, csrf_token, spawn_app};

const BOUNDARY: &str = "----homeroom-message-boundary-4f7c";

/// A small PDF with bytes that are not text, as a scanner writes one.
pub fn timetable_pdf() -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj << /Type /Catalog >> endobj\n".to_vec();
    bytes.extend((0u8..=255).collect::<Vec<u8>>());
    bytes.extend_from_slice(b"\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    bytes
}

/// The compose form as a browser sends it with files: multipart, its token in the
/// action's query.
pub async fn post_with_files(
    app: &TestApp,
    client: &reqwest::Client,
    action: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &[u8])],
) -> reqwest::Response {
    let page = app.page(client, "/messages/new").await;
    let token = csrf_token(&page).expect("the compose form's token");
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (file_name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    client
        .post(app.url(&format!("{action}?csrf_token={token}")))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .send()
        .await
        .expect("the compose form's post")
}

#[derive(QueryableByName)]
pub struct Guardian {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = Text)]
    pub email: String,
}

/// A guardian person of the school, with an address, who receives messages for an
/// active student.
pub fn a_guardian(app: &TestApp, school: &str) -> Guardian {
    diesel::sql_query(
        "SELECT p.id, p.full_name AS name, p.email FROM guardian_people p
         JOIN organizations o ON o.id = p.organization_id
         WHERE o.name = $1 AND p.deleted_at IS NULL AND p.email IS NOT NULL
           AND EXISTS (SELECT 1 FROM guardians g JOIN students s ON s.id = g.student_id
                       WHERE g.person_id = p.id AND g.deleted_at IS NULL AND g.receives_messages
                         AND s.status = 'active' AND s.deleted_at IS NULL)
         ORDER BY p.full_name, p.id LIMIT 1",
    )
    .bind::<Text, _>(school)
    .get_result(&mut app.conn())
    .expect("a guardian with an address")
}

/// The account of a demo user.
pub fn user_id(app: &TestApp, who: DemoUser) -> Uuid {
    super::id_of(app, "SELECT id FROM users WHERE email = $1", who.email())
}

/// Standard base64, as mail carries an attachment.
fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut bits, mut held) = (0u32, 0u32);
    for c in text.bytes() {
        let Some(value) = ALPHABET.iter().position(|a| *a == c) else {
            continue;
        };
        bits = (bits << 6) | value as u32;
        held += 6;
        if held >= 8 {
            held -= 8;
            out.push((bits >> held) as u8);
        }
    }
    out
}

/// The named attachment of a mail as sent: its part's headers and decoded bytes.
fn attachment_in(data: &str, file_name: &str) -> Option<(String, Vec<u8>)> {
    let at = data.find(&format!("filename=\"{file_name}\""))?;
    let part_start = data[..at].rfind("\r\n--")?;
    let rest = &data[part_start..];
    let (head, body) = rest.split_once("\r\n\r\n")?;
    let body = &body[..body.find("\r\n--").unwrap_or(body.len())];
    let bytes = if head.to_lowercase().contains("base64") {
        base64_decode(body)
    } else {
        body.as_bytes().to_vec()
    };
    Some((head.to_owned(), bytes))
}

#[actix_web::test]
async fn a_file_kept_with_a_draft_arrives_by_email_with_its_name_and_bytes() {
    let (app, smtp) = app_with_smtp();
    let guardian = a_guardian(&app, "Northwind Academy");
    let admin = app.signed_in(DemoUser::Admin).await;
    let person = guardian.id.to_string();
    let pdf = timetable_pdf();
    let kept = post_with_files(
        &app,
        &admin,
        "/messages/new",
        &[
            ("subject", "Exam timetable"),
            ("body", "The timetable is attached."),
            ("audience", "custom"),
            ("person", &person),
            ("email", "on"),
            ("intent", "keep"),
        ],
        &[("exam-timetable.pdf", &pdf)],
    )
    .await;
    assert_eq!(kept.status(), 303);
    let message = newest_message(&app, DemoUser::Admin.email()).expect("the draft");

    // The draft holds the file: editing it shows the file, and sending it (a plain
    // form, no file chosen again) keeps it.
    let edit = format!("/messages/{message}/edit");
    let form = app.page(&admin, &edit).await;
    assert!(form.contains("exam-timetable.pdf"), "{form}");
    assert!(form.contains(&guardian.name), "the chosen guardian's chip");
    let sent = app
        .submit(
            &admin,
            &edit,
            &edit,
            &[
                ("subject", "Exam timetable"),
                ("body", "The timetable is attached."),
                ("audience", "custom"),
                ("person", &person),
                ("email", "on"),
                ("intent", "send"),
            ],
        )
        .await;
    assert_eq!(sent.status(), 303);
    let run = deliver(&app, &smtp, homeroom::clock::now());
    assert_eq!(run.sent, 1, "{run:?}");

    let arrived = smtp.to(&guardian.email);
    assert_eq!(arrived.len(), 1, "one e-mail to the guardian");
    let (head, bytes) = attachment_in(&arrived[0].data, "exam-timetable.pdf")
        .unwrap_or_else(|| panic!("the attachment in {}", arrived[0].data));
    assert!(head.contains("application/pdf"), "{head}");
    assert_eq!(bytes, pdf, "the file's bytes as uploaded");
    assert!(arrived[0].data.contains("The timetable is attached."));
}

#[actix_web::test]
async fn a_recipient_downloads_the_attachment_and_nobody_else_can() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let teacher_account = user_id(&app, DemoUser::Teacher).to_string();
    let pdf = timetable_pdf();
    let sent = post_with_files(
        &app,
        &admin,
        "/messages/new",
        &[
            ("subject", "Cover rota"),
            ("body", "Next week's cover rota."),
            ("audience", "custom"),
            ("person", &teacher_account),
            ("in_app", "on"),
            ("intent", "send"),
        ],
        &[("cover-rota.pdf", &pdf)],
    )
    .await;
    assert_eq!(sent.status(), 303);
    let file = super::id_of(
        &app,
        "SELECT f.id FROM file f JOIN messages m ON m.id = f.belongs_to_id
         WHERE f.belongs_to = 'messages' AND m.subject = $1 AND f.deleted_at IS NULL",
        "Cover rota",
    );

    let teacher = app.signed_in(DemoUser::Teacher).await;
    let copy = super::id_of(
        &app,
        "SELECT r.id FROM message_recipients r JOIN messages m ON m.id = r.message_id
         JOIN users u ON u.id = r.user_id WHERE u.email = $1 AND m.subject = 'Cover rota'",
        DemoUser::Teacher.email(),
    );
    let read = app.page(&teacher, &format!("/inbox/{copy}")).await;
    assert!(read.contains(&format!("href=\"/files/{file}\"")), "{read}");
    assert!(read.contains("cover-rota.pdf"));
    let download = app.get(&teacher, &format!("/files/{file}")).await;
    assert_eq!(download.status(), 200);
    assert_eq!(download.bytes().await.expect("the file").to_vec(), pdf);

    for who in [DemoUser::Accountant, DemoUser::RiversideAdmin] {
        let other = app.signed_in(who).await;
        let refused = app.get(&other, &format!("/files/{file}")).await;
        assert!(
            matches!(refused.status().as_u16(), 403 | 404),
            "{} must not download it: {}",
            who.email(),
            refused.status()
        );
    }
}

#[actix_web::test]
async fn a_file_the_school_does_not_accept_is_refused_beside_its_field_and_nothing_is_kept() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let teacher_account = user_id(&app, DemoUser::Teacher).to_string();
    let refused = post_with_files(
        &app,
        &admin,
        "/messages/new",
        &[
            ("subject", "Forms"),
            ("body", "See the page."),
            ("audience", "custom"),
            ("person", &teacher_account),
            ("in_app", "on"),
            ("intent", "send"),
        ],
        &[(
            "form.html",
            b"<!doctype html><html><script>alert(1)</script></html>",
        )],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("the form again");
    assert!(html.contains("id=\"attachment-error\""), "{html}");
    assert!(html.contains("value=\"Forms\""), "the subject is kept");
    assert_eq!(newest_message(&app, DemoUser::Admin.email()), None);
}
