//! The record engine's pages in the reader's language: the student list, an
//! invoice's page, the new-student form and an import, in English, Spanish and
//! French (which reads this area's words in English, on a French page).

use diesel::prelude::*;

use crate::browser::{
    DESKTOP, PHONE, TABLET, assert_no_sideways_scrolling, open, resize, screenshot,
    signed_in_browser,
};
use crate::common::{DemoUser, TestApp, count, expect_page, spawn_app};
use crate::languages::set_user_language;
use crate::resources::csv::{commit_to, send_upload, upload_to};
use crate::resources::id_of;

const NW: &str = "(SELECT id FROM organizations WHERE name = 'Northwind Academy')";

/// The administrator, signed in reading `language` (English when none).
async fn admin_reading(app: &TestApp, language: Option<&str>) -> reqwest::Client {
    set_user_language(app, DemoUser::Admin.email(), language);
    app.signed_in(DemoUser::Admin).await
}

fn northwind_students(app: &TestApp) -> i64 {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query(format!(
        "SELECT count(*) AS n FROM students WHERE organization_id = {NW} AND deleted_at IS NULL"
    ))
    .get_result::<N>(&mut app.conn())
    .expect("the students")
    .n
}

#[actix_web::test]
async fn the_student_list_reads_in_english_spanish_and_french() {
    let app = spawn_app().await;
    let english = [
        ">Import CSV<",
        ">Export CSV<",
        ">Trash<",
        ">Search<",
        ">Filter<",
        ">Any<",
        ">Records<",
    ];

    let admin = admin_reading(&app, None).await;
    let html = app.page(&admin, "/students").await;
    assert!(html.contains(r#"<html lang="en""#));
    for phrase in english {
        assert!(html.contains(phrase), "the English list says {phrase}");
    }
    // Northwind's students fill more than one page.
    let paged = html.contains(">Next<");
    assert!(paged || northwind_students(&app) <= 50, "the pager");

    let admin = admin_reading(&app, Some("es")).await;
    let html = app.page(&admin, "/students").await;
    assert!(html.contains(r#"<html lang="es" dir="ltr">"#));
    for phrase in [
        "<h1>Alumnos</h1>",
        ">Importar CSV<",
        ">Exportar CSV<",
        ">Papelera<",
        ">Buscar<",
        ">Filtrar<",
        ">Cualquiera<",
        ">Registros<",
        r#"aria-label="Páginas""#,
    ] {
        assert!(html.contains(phrase), "the Spanish list says {phrase}");
    }
    for phrase in english {
        assert!(!html.contains(phrase), "no English {phrase} is left");
    }
    assert!(!html.contains(r#"aria-label="Pages""#));
    assert_eq!(html.contains(">Siguiente<"), paged, "the pager");
    assert!(!html.contains(">Next<"));

    // A search that finds no one says so in Spanish.
    let html = app.page(&admin, "/students?q=zzqxv").await;
    assert!(
        html.contains("Ningún resultado en alumnos. Prueba con menos palabras."),
        "the empty state"
    );
    assert!(html.contains(">Quitar los filtros<"));
    assert!(!html.contains("No students match"));

    // The trash reads in Spanish too.
    let html = app.page(&admin, "/students/trash").await;
    assert!(html.contains("<h1>Papelera: Alumnos</h1>"), "{html}");
    assert!(!html.contains("Trash:"));

    // French ships no words for this area yet: a French page with English words.
    let admin = admin_reading(&app, Some("fr")).await;
    let response = app.get(&admin, "/students").await;
    let html = expect_page(response, 200, r#"<html lang="fr" dir="ltr">"#).await;
    assert!(html.contains("<h1>Élèves</h1>"), "the menu's word for them");
    assert!(
        html.contains(">Import CSV<"),
        "this area falls back to English"
    );
}

#[actix_web::test]
async fn an_invoice_reads_in_english_spanish_and_french() {
    let app = spawn_app().await;
    let id = id_of(
        &mut app.conn(),
        &format!(
            "SELECT id FROM invoices WHERE organization_id = {NW} AND deleted_at IS NULL \
             ORDER BY id LIMIT 1"
        ),
    );
    let page = format!("/invoices/{id}");
    // A school that bills in euros, and an invoice with an amount and a date to read.
    diesel::sql_query(format!(
        "UPDATE organizations SET currency = 'EUR' WHERE id = {NW}"
    ))
    .execute(&mut app.conn())
    .expect("bill in euros");
    diesel::sql_query(format!(
        "UPDATE invoices SET subtotal = 1234.50, discount_amount = 0, tax_amount = 0, total_amount = 1234.50, issue_date = '2026-12-06', due_date = '2027-01-06' WHERE id = '{id}'"
    ))
    .execute(&mut app.conn())
    .expect("an invoice of 1234.50 issued on 6 December");
    let english = [
        ">Details<",
        ">History<",
        ">Edit<",
        ">Delete<",
        ">Last changed<",
        ">Files<",
        ">Upload<",
        ">Add a file<",
    ];

    let admin = admin_reading(&app, None).await;
    let html = app.page(&admin, &page).await;
    for phrase in english {
        assert!(html.contains(phrase), "the English invoice says {phrase}");
    }
    assert!(html.contains("€1,234.50"), "English money");
    assert!(html.contains("6 Dec 2026"), "English date");

    let admin = admin_reading(&app, Some("es")).await;
    let html = app.page(&admin, &page).await;
    assert!(html.contains(r#"<html lang="es" dir="ltr">"#));
    for phrase in [
        ">Facturas<",
        ">Datos<",
        ">Historial<",
        ">Editar<",
        ">Eliminar<",
        ">Último cambio<",
        ">Archivos<",
        ">Subir<",
        ">Añadir un archivo<",
        "Una foto, un PDF, un archivo de texto o CSV, o un documento de ofimática, de hasta",
    ] {
        assert!(html.contains(phrase), "the Spanish invoice says {phrase}");
    }
    for phrase in english {
        assert!(!html.contains(phrase), "no English {phrase} is left");
    }
    assert!(html.contains("1234,50\u{a0}€"), "Spanish money");
    assert!(html.contains("6 dic 2026"), "Spanish date");

    // Deleting asks in Spanish, naming the invoice rather than a gendered noun.
    let html = app.page(&admin, &format!("{page}/delete")).await;
    assert!(html.contains("¿Eliminar «"), "{html}");
    assert!(
        html.contains(">Conservar<") || html.contains(">Volver a «"),
        "{html}"
    );
    assert!(!html.contains(">Keep it<") && !html.contains(">Back to "));

    let admin = admin_reading(&app, Some("fr")).await;
    let response = app.get(&admin, &page).await;
    let html = expect_page(response, 200, r#"<html lang="fr" dir="ltr">"#).await;
    assert!(html.contains(">Factures<"), "the menu's word for them");
    assert!(
        html.contains(">Details<"),
        "this area falls back to English"
    );
    assert!(html.contains("1\u{202f}234,50\u{a0}€"), "French money");
    assert!(html.contains("6 déc. 2026"), "French date");
}

#[actix_web::test]
async fn a_new_student_without_a_last_name_comes_back_in_spanish_with_what_was_typed() {
    let app = spawn_app().await;
    let admin = admin_reading(&app, Some("es")).await;
    let before = count(&mut app.conn(), "students");
    let form = app.page(&admin, "/students/new").await;
    for phrase in [">Guardar<", ">Cancelar<", ">Volver<", "(opcional)"] {
        assert!(form.contains(phrase), "the Spanish form says {phrase}");
    }
    for phrase in [">Save<", ">Cancel<", "(optional)", "Type to find…"] {
        assert!(!form.contains(phrase), "no English {phrase} is left");
    }
    let response = app
        .submit(
            &admin,
            "/students/new",
            "/students",
            &[("first_name", "Marisol"), ("last_name", "")],
        )
        .await;
    let html = expect_page(
        response,
        422,
        "Revisa los campos marcados. Todavía no se ha guardado nada.",
    )
    .await;
    assert!(!html.contains("Some fields need your attention"));
    assert!(
        html.contains(r#"value="Marisol""#),
        "what was typed is kept"
    );
    assert!(
        html.contains(r#"aria-describedby="last_name-error""#),
        "the empty last name is marked"
    );
    assert_eq!(count(&mut app.conn(), "students"), before, "nothing stored");
}

#[actix_web::test]
async fn a_campus_typed_that_the_school_does_not_have_is_refused_in_spanish() {
    let app = spawn_app().await;
    let admin = admin_reading(&app, Some("es")).await;
    let before = count(&mut app.conn(), "students");
    let response = app
        .submit(
            &admin,
            "/students/new",
            "/students",
            &[
                ("first_name", "Marisol"),
                ("last_name", "Quiroga"),
                ("status", "active"),
                ("campus_id__q", "Atlantis Campus"),
            ],
        )
        .await;
    let html = expect_page(response, 422, "No hay ningún registro «Atlantis Campus»").await;
    assert!(!html.contains("No campus"), "no English refusal");
    assert!(
        html.contains(r#"value="Quiroga""#),
        "what was typed is kept"
    );
    assert_eq!(count(&mut app.conn(), "students"), before, "nothing stored");
}

#[actix_web::test]
async fn an_import_preview_in_spanish_counts_its_rows_with_the_right_plural() {
    let app = spawn_app().await;
    let admin = admin_reading(&app, Some("es")).await;
    let form = app.page(&admin, "/students/import").await;
    assert!(form.contains("<h1>Importar alumnos</h1>"), "{form}");
    assert!(form.contains(">Vista previa<"));
    assert!(!form.contains("Upload a CSV file"));

    let csv = "student_number,first_name,last_name,campus_id,status\r\n\
               NW-990001,Ada,Quince,North Campus,active\r\n\
               NW-990002,Bo,Quince,Nowhere Campus,active\r\n";
    let (status, preview) = upload_to(&app, &admin, "/students", csv).await;
    assert_eq!(status, 200);
    assert!(preview.contains("2 filas, 1 con problemas"), "{preview}");
    assert!(preview.contains("Importar la única fila correcta y dejar fuera las demás"));
    assert!(preview.contains("<strong>Línea 3</strong>"));
    assert!(preview.contains(">Primeras filas<"));
    assert!(!preview.contains("with problems"));
    assert!(!preview.contains("<strong>Line 3</strong>"));

    let csv = "student_number,first_name,last_name,campus_id,status\r\n\
               NW-990003,Cy,Quince,North Campus,active\r\n";
    let (_, preview) = upload_to(&app, &admin, "/students", csv).await;
    assert!(preview.contains("1 fila, 0 con problemas"), "{preview}");
    assert!(!preview.contains("1 filas"));

    // A file that is no CSV is refused in Spanish, and nothing is imported.
    let refused = send_upload(&app, &admin, "/students", "a,b\r\n\"open").await;
    expect_page(
        refused,
        422,
        "El archivo termina dentro de una celda entre comillas: falta la comilla de cierre.",
    )
    .await;
}

#[actix_web::test]
async fn the_spanish_record_pages_fit_a_phone_a_tablet_and_a_desktop() {
    let app = spawn_app().await;
    set_user_language(&app, DemoUser::Admin.email(), Some("es"));
    let invoice = id_of(
        &mut app.conn(),
        &format!("SELECT id FROM invoices WHERE organization_id = {NW} ORDER BY id LIMIT 1"),
    );
    let (_driver, client) = signed_in_browser(&app, PHONE, DemoUser::Admin.email(), "h1").await;
    let pages = [
        ("students", "/students".to_owned()),
        ("student-form", "/students/new".to_owned()),
        ("student-import", "/students/import".to_owned()),
        ("invoice", format!("/invoices/{invoice}")),
    ];
    for size in [PHONE, TABLET, DESKTOP] {
        resize(&client, size).await;
        for (name, path) in &pages {
            open(&client, &app.url(path), "h1").await;
            screenshot(&client, &format!("records-es/{name}-{}", size.0)).await;
            assert_no_sideways_scrolling(&client, &format!("{path} at {}px", size.0)).await;
        }
    }
}

#[actix_web::test]
async fn a_student_with_invoices_is_kept_from_the_trash_in_spanish() {
    let app = spawn_app().await;
    let id = id_of(
        &mut app.conn(),
        &format!(
            "SELECT s.id FROM students s WHERE s.organization_id = {NW} AND s.deleted_at IS NULL \
             AND EXISTS (SELECT 1 FROM invoices i WHERE i.student_id = s.id AND i.deleted_at IS NULL) \
             ORDER BY s.id LIMIT 1"
        ),
    );
    let page = format!("/students/{id}/delete");

    let admin = admin_reading(&app, None).await;
    let html = app.page(&admin, &page).await;
    assert!(html.contains("This student still has "), "{html}");
    assert!(html.contains("Move them elsewhere or delete them first."));

    let admin = admin_reading(&app, Some("es")).await;
    let html = app.page(&admin, &page).await;
    assert!(
        html.contains("todavía tiene registros vinculados: "),
        "{html}"
    );
    assert!(html.contains("facturas ("), "the invoices are counted");
    assert!(html.contains("Muévelos a otro sitio o elimínalos primero."));
    assert!(!html.contains("Move them elsewhere"));

    // Asking anyway is refused in Spanish, and the student stays.
    let refused = app.submit(&admin, &page, &page, &[]).await;
    expect_page(refused, 409, "Muévelos a otro sitio o elimínalos primero.").await;
    let live = crate::resources::value_of(
        &mut app.conn(),
        &format!("SELECT (deleted_at IS NULL)::text AS value FROM students WHERE id = '{id}'"),
    );
    assert_eq!(
        live.as_deref(),
        Some("true"),
        "the student is not in the trash"
    );
}

#[actix_web::test]
async fn a_guardian_whose_student_is_in_the_trash_stays_there_with_a_spanish_reason() {
    let app = spawn_app().await;
    let admin = admin_reading(&app, Some("es")).await;
    // Marks, results and invoices keep a student from being deleted; guardians go along.
    let guardian = id_of(
        &mut app.conn(),
        &format!(
            "SELECT g.id FROM guardians g WHERE g.organization_id = {NW} \
             AND g.deleted_at IS NULL \
             AND NOT EXISTS (SELECT 1 FROM attendance_records r WHERE r.student_id = g.student_id AND r.deleted_at IS NULL) \
             AND NOT EXISTS (SELECT 1 FROM assessment_results r WHERE r.student_id = g.student_id AND r.deleted_at IS NULL) \
             AND NOT EXISTS (SELECT 1 FROM invoices r WHERE r.student_id = g.student_id AND r.deleted_at IS NULL) \
             ORDER BY g.id LIMIT 1"
        ),
    );
    let student = crate::resources::value_of(
        &mut app.conn(),
        &format!("SELECT student_id::text AS value FROM guardians WHERE id = '{guardian}'"),
    )
    .expect("the guardian's student");
    let warning = app
        .page(&admin, &format!("/students/{student}/delete"))
        .await;
    assert!(
        warning.contains("También se eliminarán sus registros vinculados: "),
        "{warning}"
    );
    let deleted = app
        .submit(&admin, "/", &format!("/students/{student}/delete"), &[])
        .await;
    assert_eq!(deleted.status(), 303);
    let list = app.page(&admin, "/students").await;
    assert!(list.contains("Está en la papelera, desde donde puedes restaurarlo."));

    let refused = app
        .submit(&admin, "/", &format!("/guardians/{guardian}/restore"), &[])
        .await;
    assert_eq!(refused.status(), 303);
    let trash = app.page(&admin, "/guardians/trash").await;
    assert!(
        trash.contains(
            "Primero restaura el registro de Alumnos al que pertenece: está en la papelera."
        ),
        "{trash}"
    );
    assert!(!trash.contains("Restore its"));
    let stays = crate::resources::value_of(
        &mut app.conn(),
        &format!(
            "SELECT (deleted_at IS NOT NULL)::text AS value FROM guardians WHERE id = '{guardian}'"
        ),
    );
    assert_eq!(
        stays.as_deref(),
        Some("true"),
        "the guardian stays in the trash"
    );
}

#[actix_web::test]
async fn an_invoice_given_another_invoices_number_is_refused_in_spanish_and_kept() {
    let app = spawn_app().await;
    let admin = admin_reading(&app, Some("es")).await;
    let ids = |n: i64| {
        id_of(
            &mut app.conn(),
            &format!(
                "SELECT id FROM invoices WHERE organization_id = {NW} AND deleted_at IS NULL \
                 ORDER BY id OFFSET {n} LIMIT 1"
            ),
        )
    };
    let (first, second) = (ids(0), ids(1));
    let taken = crate::resources::value_of(
        &mut app.conn(),
        &format!("SELECT invoice_number AS value FROM invoices WHERE id = '{second}'"),
    )
    .expect("the second invoice's number");
    let own = crate::resources::value_of(
        &mut app.conn(),
        &format!("SELECT invoice_number AS value FROM invoices WHERE id = '{first}'"),
    );
    let record = format!("/invoices/{first}");
    let fields =
        crate::resources::form_fields(&app, &admin, &format!("{record}/edit"), &record).await;
    let fields = crate::resources::with(fields, "invoice_number", &taken);
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let response = app.post_form(&admin, &record, &refs).await;
    let html = expect_page(response, 422, "Ya existe otro registro con este valor de").await;
    assert!(!html.contains("Another invoice"), "no English refusal");
    assert!(html.contains(&taken), "what was typed is kept");
    let stored = crate::resources::value_of(
        &mut app.conn(),
        &format!("SELECT invoice_number AS value FROM invoices WHERE id = '{first}'"),
    );
    assert_eq!(stored, own, "nothing stored");
}

#[actix_web::test]
async fn an_import_that_stops_at_a_row_says_why_in_the_importers_language() {
    let app = spawn_app().await;
    let admin = admin_reading(&app, Some("es")).await;
    let found = crate::resources::value_of(
        &mut app.conn(),
        &format!(
            "SELECT invoice_number || ' ' || round(balance_due * 0.6, 2)::text AS value \
             FROM invoices WHERE organization_id = {NW} AND status = 'issued' \
             AND balance_due > 10 AND deleted_at IS NULL ORDER BY invoice_number LIMIT 1"
        ),
    )
    .expect("an issued invoice");
    let (invoice, part) = found.split_once(' ').expect("number and amount");
    // Each payment fits the balance alone, so the preview passes both; together they
    // are more than it, so the run stops at the second.
    let csv = format!(
        "receipt_number,invoice_id,paid_at,amount,method\r\n\
         RCPT-STOP-1,{invoice},2026-12-01 09:00,{part},cash\r\n\
         RCPT-STOP-2,{invoice},2026-12-01 09:05,{part},cash\r\n"
    );
    let (status, preview) = upload_to(&app, &admin, "/payments", &csv).await;
    assert_eq!(status, 200);
    assert!(preview.contains("2 filas, 0 con problemas"), "{preview}");
    let started = commit_to(&app, &admin, "/payments", &preview, false).await;
    assert_eq!(started.status(), 303, "the import starts");
    let location = started.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let mut page = String::new();
    for _ in 0..300 {
        page = app.page(&admin, &location).await;
        if !page.contains("every 1s") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        page.contains("La importación se detuvo y no se guardó nada: Línea 3, Importe: "),
        "{page}"
    );
    assert!(page.contains("Un pago no puede superarlo."), "{page}");
    assert!(!page.contains("Line 3"), "{page}");
    let receipts = count(
        &mut app.conn(),
        "payments WHERE receipt_number LIKE 'RCPT-STOP-%'",
    );
    assert_eq!(receipts, 0, "nothing was saved");
}
