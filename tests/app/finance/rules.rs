//! The bursar's discount rules and finance settings, each on a page of its own.

use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};

use super::billing::run;
use super::{assert_balances_hold, count_of, northwind};
use crate::common::{DemoUser, TestApp, csrf_token, spawn_app};
use crate::languages::set_user_language;

/// Posts the new-rule form with `fields`; the status and the page.
async fn add_rule(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let html = app.page(client, "/finance/discounts").await;
    let token = csrf_token(&html).expect("the form's token");
    let mut form = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(fields);
    let response = app.post_form(client, "/finance/discounts", &form).await;
    let status = response.status().as_u16();
    (status, response.text().await.expect("the answer"))
}

fn rules(app: &TestApp) -> i64 {
    count_of(app, "SELECT count(*) AS n FROM discount_rules")
}

#[actix_web::test]
async fn accountant_adds_a_sibling_discount_that_reaches_younger_children_only() {
    let app = spawn_app().await;
    let client = app.signed_in(DemoUser::Accountant).await;
    let before = rules(&app);

    let refusals: [(&[(&str, &str)], &str); 4] = [
        (
            &[
                ("name", "Too much"),
                ("kind", "percentage"),
                ("amount", "150"),
                ("applies_to", "siblings"),
            ],
            "A percentage cannot be more than 100.",
        ),
        (
            &[
                ("name", "Nothing off"),
                ("kind", "fixed"),
                ("amount", "0"),
                ("applies_to", "siblings"),
            ],
            "The discount must be more than zero.",
        ),
        (
            &[
                ("name", ""),
                ("kind", "fixed"),
                ("amount", "20"),
                ("applies_to", "siblings"),
            ],
            "Enter a name of at most 200 characters.",
        ),
        (
            &[
                ("name", "Scholarship"),
                ("kind", "fixed"),
                ("amount", "50"),
                ("applies_to", "listed_students"),
                ("students", "NO-SUCH-1, NO-SUCH-2"),
            ],
            "No student of the school has these numbers: NO-SUCH-1, NO-SUCH-2.",
        ),
    ];
    for (fields, message) in refusals {
        let (status, html) = add_rule(&app, &client, fields).await;
        assert_eq!(status, 422, "{fields:?}");
        assert!(html.contains(message), "{message}: {html}");
        let typed = fields[0].1;
        assert!(
            html.contains(&format!("value=\"{typed}\"")),
            "the name is kept"
        );
    }
    assert_eq!(rules(&app), before, "nothing refused is stored");

    let sibling = [
        ("name", "Sibling discount"),
        ("kind", "percentage"),
        ("amount", "10"),
        ("applies_to", "siblings"),
        ("plan", ""),
    ];
    let (status, _) = add_rule(&app, &client, &sibling).await;
    assert_eq!(status, 303);
    let html = app.page(&client, "/finance/discounts").await;
    assert!(html.contains("Sibling discount"), "{html}");
    assert!(html.contains("10.00%"), "the percentage: {html}");
    assert!(
        html.contains("The second and later children of a family"),
        "{html}"
    );
    assert!(
        html.contains("the eldest pays in full"),
        "the order in words: {html}"
    );

    // Invoicing the term gives the discount to younger brothers and sisters only.
    run(&app, None);
    let discounted = count_of(
        &app,
        "SELECT count(*) AS n FROM invoice_lines l JOIN discount_rules r ON r.id = l.discount_rule_id \
         WHERE r.name = 'Sibling discount'",
    );
    assert!(discounted > 0, "some younger children are discounted");
    let eldest_discounted = count_of(
        &app,
        "SELECT count(*) AS n FROM invoice_lines l JOIN discount_rules r ON r.id = l.discount_rule_id \
         JOIN invoices i ON i.id = l.invoice_id JOIN students s ON s.id = i.student_id \
         WHERE r.name = 'Sibling discount' AND NOT EXISTS ( \
             SELECT 1 FROM guardians g JOIN guardian_people gp ON gp.id = g.person_id \
             JOIN guardian_people op ON op.family_id = gp.family_id \
             JOIN guardians og ON og.person_id = op.id AND og.deleted_at IS NULL \
             JOIN students o ON o.id = og.student_id AND o.status = 'active' AND o.deleted_at IS NULL \
             WHERE g.student_id = s.id AND g.deleted_at IS NULL AND o.id <> s.id \
               AND (coalesce(o.date_of_birth, 'infinity'::date), o.created_at, o.id) \
                 < (coalesce(s.date_of_birth, 'infinity'::date), s.created_at, s.id))",
    );
    assert_eq!(eldest_discounted, 0, "no eldest child is discounted");

    // Made inactive, the rule stays listed as such.
    let html = app.page(&client, "/finance/discounts").await;
    let token = csrf_token(&html).expect("token");
    let id = super::ids(
        &app,
        "SELECT id FROM discount_rules WHERE organization_id = $1 AND name = 'Sibling discount'",
        northwind(&app),
    )[0];
    let off = app
        .post_form(
            &client,
            &format!("/finance/discounts/{id}/active"),
            &[("csrf_token", token.as_str())],
        )
        .await;
    assert_eq!(off.status(), 303);
    let inactive = count_of(
        &app,
        &format!("SELECT count(*) AS n FROM discount_rules WHERE id = '{id}' AND NOT active"),
    );
    assert_eq!(inactive, 1);
    assert!(
        app.page(&client, "/finance/discounts")
            .await
            .contains("Inactive")
    );
    assert_balances_hold(&app);
}

#[derive(QueryableByName)]
struct Chosen {
    #[diesel(sql_type = Text)]
    proration: String,
    #[diesel(sql_type = Integer)]
    reminder_every_days: i32,
}

#[actix_web::test]
async fn accountant_chooses_the_pro_rating_rule_and_reminder_interval() {
    let app = spawn_app().await;
    let client = app.signed_in(DemoUser::Accountant).await;
    let html = app.page(&client, "/finance/settings").await;
    assert!(
        html.contains("value=\"remaining_months\" checked"),
        "{html}"
    );
    assert!(html.contains("value=\"14\""), "{html}");
    assert!(html.contains("USD"), "the currency shown: {html}");
    let token = csrf_token(&html).expect("token");

    let refused = app
        .post_form(
            &client,
            "/finance/settings",
            &[
                ("csrf_token", &token),
                ("proration", "full"),
                ("reminder_every_days", "0"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let refused = refused.text().await.expect("the form again");
    assert!(
        refused.contains("Enter a whole number of days from 1 to 365."),
        "{refused}"
    );
    assert_eq!(
        count_of(&app, "SELECT count(*) AS n FROM finance_settings"),
        0
    );

    let saved = app
        .post_form(
            &client,
            "/finance/settings",
            &[
                ("csrf_token", &token),
                ("proration", "full"),
                ("reminder_every_days", "7"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let chosen: Chosen = diesel::sql_query(
        "SELECT proration, reminder_every_days FROM finance_settings WHERE organization_id = $1",
    )
    .bind::<diesel::sql_types::Uuid, _>(northwind(&app))
    .get_result(&mut app.conn())
    .expect("the settings");
    assert_eq!(
        (chosen.proration.as_str(), chosen.reminder_every_days),
        ("full", 7)
    );
    let html = app.page(&client, "/finance/settings?saved").await;
    assert!(html.contains("value=\"full\" checked"), "{html}");
    assert!(html.contains("The finance settings are saved."), "{html}");
    assert_balances_hold(&app);
}

#[actix_web::test]
async fn discount_rules_and_finance_settings_speak_spanish() {
    let app = spawn_app().await;
    set_user_language(&app, DemoUser::Accountant.email(), Some("es"));
    let client = app.signed_in(DemoUser::Accountant).await;
    let html = app.page(&client, "/finance/discounts").await;
    assert!(html.contains("Nueva regla de descuento"), "{html}");
    assert!(
        html.contains("El segundo hijo y siguientes de una familia"),
        "{html}"
    );
    let (status, html) = add_rule(
        &app,
        &client,
        &[
            ("name", "Beca"),
            ("kind", "percentage"),
            ("amount", "120"),
            ("applies_to", "siblings"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        html.contains("Un porcentaje no puede ser mayor que 100."),
        "{html}"
    );
    let html = app.page(&client, "/finance/settings").await;
    assert!(html.contains("Ajustes de finanzas"), "{html}");
    assert!(html.contains("Los meses que quedan"), "{html}");
    assert_balances_hold(&app);
}
