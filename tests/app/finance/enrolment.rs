//! Fees offered when a student is enrolled mid-year: after the term is billed,
//! a student who joins a class of a billed grade is offered the term's fee,
//! pro-rated by the school's rule, and one click bills it once.

use bigdecimal::BigDecimal;
use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use diesel::sql_types::{Date, Numeric, Text, Uuid as SqlUuid};
use homeroom::web::format::Currency;
use uuid::Uuid;

use super::billing::{run, this_term, today};
use super::{assert_balances_hold, count_of, northwind};
use crate::common::{DemoUser, TestApp, spawn_app};
use crate::languages::set_user_language;

/// The termly plan a newcomer joins, its fee, and a class of its grade and year.
#[derive(QueryableByName)]
struct Joined {
    #[diesel(sql_type = SqlUuid)]
    student: Uuid,
    #[diesel(sql_type = Text)]
    plan: String,
    #[diesel(sql_type = Numeric)]
    fee: BigDecimal,
}

/// A new student, Nora Newcomer, joins today a class of the first termly plan's
/// grade and year (the class of a student that plan charges), as any enrolment
/// path leaves it: an active student with an active class enrolment.
fn enrol_newcomer(app: &TestApp) -> Joined {
    diesel::sql_query(
        "WITH plan AS ( \
             SELECT f.id, f.name, f.total_amount, f.grade_id, f.academic_year_id FROM fee_plans f \
             WHERE f.organization_id = $1 AND f.active AND f.deleted_at IS NULL \
               AND f.billing_cycle = 'termly' ORDER BY f.name LIMIT 1), \
         class AS ( \
             SELECT c.id, c.campus_id FROM classes c, plan \
             WHERE c.grade_id = plan.grade_id AND c.academic_year_id = plan.academic_year_id \
               AND c.deleted_at IS NULL ORDER BY c.name LIMIT 1), \
         student AS ( \
             INSERT INTO students (organization_id, campus_id, first_name, last_name, status, \
                                   enrollment_date) \
             SELECT $1, class.campus_id, 'Nora', 'Newcomer', 'active', $2 FROM class \
             RETURNING id), \
         enrolled AS ( \
             INSERT INTO class_enrollments (organization_id, class_id, student_id, status) \
             SELECT $1, class.id, student.id, 'active' FROM class, student) \
         SELECT student.id AS student, plan.name AS plan, plan.total_amount AS fee \
         FROM student, plan",
    )
    .bind::<SqlUuid, _>(northwind(app))
    .bind::<Date, _>(today())
    .get_result(&mut app.conn())
    .expect("a newcomer enrolled")
}

/// Calendar months from `from`'s to `to`'s, both counted.
fn months(from: NaiveDate, to: NaiveDate) -> i64 {
    i64::from(to.year() * 12 + to.month0() as i32 - (from.year() * 12 + from.month0() as i32) + 1)
}

fn invoices_of(app: &TestApp, student: Uuid) -> i64 {
    count_of(
        app,
        &format!("SELECT count(*) AS n FROM invoices WHERE student_id = '{student}'"),
    )
}

#[actix_web::test]
async fn a_student_enrolled_mid_term_is_offered_the_pro_rated_fee_and_one_click_bills_it_once() {
    let app = spawn_app().await;
    run(&app, None);
    let joined = enrol_newcomer(&app);
    let client = app.signed_in(DemoUser::Accountant).await;

    // The profile asks for the offer; the offer names the fee and its share.
    let profile = app
        .page(&client, &format!("/students/{}/profile", joined.student))
        .await;
    let panel = format!("/finance/offers/students/{}", joined.student);
    assert!(
        profile.contains(&format!("hx-get=\"{panel}\"")),
        "{profile}"
    );
    let offer = app.page(&client, &panel).await;
    assert!(offer.contains("Fees for Nora Newcomer"), "{offer}");
    assert!(offer.contains(&joined.plan), "{offer}");
    // By hand: the months left of the term, counting this one, of the term's months.
    let (start, end) = this_term(&app);
    let (left, of) = (months(today(), end), months(start, end));
    assert!(left < of, "today is after the term's first month");
    let expected = (&joined.fee * BigDecimal::from(left) / BigDecimal::from(of)).round(2);
    let shown = homeroom::i18n::Lang::default().money(&expected, Currency::DEFAULT);
    assert!(offer.contains(&shown), "{shown} in {offer}");
    assert!(
        offer.contains(&format!("(pro-rated: {left} of {of} months)")),
        "{offer}"
    );
    assert!(offer.contains("Create invoices") && offer.contains("Not now"));
    assert_eq!(
        invoices_of(&app, joined.student),
        0,
        "nothing before the click"
    );

    // One click creates the invoice, for the term, at the pro-rated amount.
    let created = app.submit(&client, &panel, &panel, &[]).await;
    assert_eq!(created.status(), 303);
    let back = app
        .page(&client, &format!("/students/{}/profile", joined.student))
        .await;
    assert!(back.contains("One invoice was created."), "{back}");
    assert_eq!(invoices_of(&app, joined.student), 1);
    let total = count_of(
        &app,
        &format!(
            "SELECT count(*) AS n FROM invoices WHERE student_id = '{}' \
             AND billing_period_start = '{start}' AND total_amount = {expected}",
            joined.student
        ),
    );
    assert_eq!(total, 1, "the invoice charges {expected} for the term");

    // The offer is gone, and a second click (a stale page) creates nothing.
    let after = app.page(&client, &panel).await;
    assert!(!after.contains("Fees for"), "{after}");
    let token = crate::common::csrf_token(&offer).expect("the offer's token");
    let again = app
        .post_form(&client, &panel, &[("csrf_token", token.as_str())])
        .await;
    assert_eq!(again.status(), 303);
    let back = app
        .page(&client, &format!("/students/{}/profile", joined.student))
        .await;
    assert!(back.contains("No invoice was created"), "{back}");
    assert_eq!(invoices_of(&app, joined.student), 1);
    assert_balances_hold(&app);
}

#[actix_web::test]
async fn nothing_is_offered_before_the_term_is_billed_for_others_and_not_now_puts_it_off() {
    let app = spawn_app().await;
    let joined = enrol_newcomer(&app);
    let client = app.signed_in(DemoUser::Accountant).await;
    let panel = format!("/finance/offers/students/{}", joined.student);
    // Nobody is billed for this term yet: the bursar's run will bill them all.
    let offer = app.page(&client, &panel).await;
    assert!(!offer.contains("Fees for"), "{offer}");

    run(&app, None);
    // The run billed the newcomer too (they were enrolled when it ran). (Signed
    // in again: the server closed the idle connection while the run wrote.)
    let client = app.signed_in(DemoUser::Accountant).await;
    assert_eq!(invoices_of(&app, joined.student), 1);
    assert!(!app.page(&client, &panel).await.contains("Fees for"));

    // Another newcomer after the run is offered the fee; "Not now" puts it off.
    diesel::sql_query("UPDATE students SET first_name = 'Otto' WHERE id = $1")
        .bind::<SqlUuid, _>(joined.student)
        .execute(&mut app.conn())
        .expect("rename");
    let late = enrol_newcomer(&app);
    let panel = format!("/finance/offers/students/{}", late.student);
    assert!(app.page(&client, &panel).await.contains("Fees for Nora"));
    let later = app
        .submit(&client, &panel, &format!("{panel}/later"), &[])
        .await;
    assert_eq!(later.status(), 303);
    assert!(!app.page(&client, &panel).await.contains("Fees for"));
    assert_eq!(invoices_of(&app, late.student), 0, "nothing was created");

    // A teacher may not invoice: no offer, and the profile does not ask for one.
    let teacher = app.signed_in(DemoUser::Teacher).await;
    assert_eq!(app.get(&teacher, &panel).await.status(), 403);
    assert_balances_hold(&app);
}

#[actix_web::test]
async fn the_fee_offer_speaks_spanish() {
    let app = spawn_app().await;
    run(&app, None);
    let joined = enrol_newcomer(&app);
    set_user_language(&app, DemoUser::Accountant.email(), Some("es"));
    let client = app.signed_in(DemoUser::Accountant).await;
    let offer = app
        .page(
            &client,
            &format!("/finance/offers/students/{}", joined.student),
        )
        .await;
    assert!(offer.contains("Cuotas de Nora Newcomer"), "{offer}");
    assert!(offer.contains("Crear facturas"), "{offer}");
}
