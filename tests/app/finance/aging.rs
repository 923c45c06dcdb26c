//! The aging report against a hand count of seeded invoices.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Date, Numeric, Text, Uuid as SqlUuid};

use super::{assert_balances_hold, ids, northwind};
use crate::common::{DemoUser, TestApp, spawn_app};
use crate::languages::set_user_language;

/// Northwind's invoices replaced by one per bucket, and a paid and a void one
/// that owe nothing.
fn seed(app: &TestApp) {
    let org = northwind(app);
    diesel::sql_query("UPDATE invoices SET deleted_at = now() WHERE organization_id = $1")
        .bind::<SqlUuid, _>(org)
        .execute(&mut app.conn())
        .expect("the demo's invoices put aside");
    let student = ids(
        app,
        "SELECT id FROM students WHERE organization_id = $1 AND status = 'active' \
         ORDER BY id LIMIT 1",
        org,
    )[0];
    let today: NaiveDate = homeroom::clock::now().date_naive();
    // (days past due, amount, balance, status)
    let rows: [(i64, &str, &str, &str); 7] = [
        (-5, "100.00", "100.00", "issued"),
        (0, "200.00", "200.00", "issued"),
        (31, "350.00", "300.00", "partially_paid"),
        (75, "400.00", "400.00", "overdue"),
        (91, "500.00", "500.00", "overdue"),
        (120, "900.00", "0.00", "paid"),
        (45, "700.00", "700.00", "void"),
    ];
    for (n, (late, total, balance, status)) in rows.into_iter().enumerate() {
        let due = today - chrono::Duration::days(late);
        diesel::sql_query(
            "INSERT INTO invoices (organization_id, campus_id, student_id, invoice_number, \
                 issue_date, due_date, subtotal, total_amount, balance_due, status) \
             SELECT $1, s.campus_id, s.id, $3, $4 - 30, $4, $5, $5, $6, $7::invoice_status \
             FROM students s WHERE s.id = $2",
        )
        .bind::<SqlUuid, _>(org)
        .bind::<SqlUuid, _>(student)
        .bind::<Text, _>(format!("AGE-{n}"))
        .bind::<Date, _>(due)
        .bind::<Numeric, _>(total.parse::<bigdecimal::BigDecimal>().expect("an amount"))
        .bind::<Numeric, _>(
            balance
                .parse::<bigdecimal::BigDecimal>()
                .expect("an amount"),
        )
        .bind::<Text, _>(status)
        .execute(&mut app.conn())
        .expect("a seeded invoice");
    }
    // What is paid on the partly paid and the paid ones.
    diesel::sql_query(
        "INSERT INTO payments (organization_id, invoice_id, receipt_number, paid_at, amount, method) \
         SELECT i.organization_id, i.id, v.receipt, now(), v.amount, 'cash' \
         FROM (VALUES ('AGE-2', 'AGE-R1', 50), ('AGE-5', 'AGE-R2', 900)) v(invoice, receipt, amount) \
         JOIN invoices i ON i.invoice_number = v.invoice",
    )
    .execute(&mut app.conn())
    .expect("the payments");
}

#[actix_web::test]
async fn the_aging_buckets_match_a_hand_count() {
    let app = spawn_app().await;
    seed(&app);
    let client = app.signed_in(DemoUser::Accountant).await;
    let csv = app.page(&client, "/finance/aging.csv").await;
    let last = csv.lines().last().expect("a total row");
    // Not yet due 100, 0–30 days 200, 31–60 days 300, 61–90 days 400, over 90 days
    // 500: the paid and the void invoices owe nothing.
    assert_eq!(
        last, "All campuses,,100.00,200.00,300.00,400.00,500.00,1500.00",
        "{csv}"
    );
    assert!(
        csv.starts_with(
            "Campus,Grade,Not yet due,0–30 days,31–60 days,61–90 days,Over 90 days,Total"
        ),
        "{csv}"
    );
    let html = app.page(&client, "/finance/aging").await;
    assert!(html.contains("Over 90 days"), "{html}");
    assert!(html.contains("$1,500.00"), "{html}");

    set_user_language(&app, DemoUser::Accountant.email(), Some("es"));
    let client = app.signed_in(DemoUser::Accountant).await;
    let html = app.page(&client, "/finance/aging").await;
    assert!(
        html.contains("Antigüedad de los saldos pendientes"),
        "{html}"
    );
    assert!(html.contains("Más de 90 días"), "{html}");
    assert_balances_hold(&app);
}

#[derive(QueryableByName)]
struct Named {
    #[diesel(sql_type = Text)]
    name: String,
}

/// A student's campus and the grade of their class, by name.
#[derive(QueryableByName)]
struct Placed {
    #[diesel(sql_type = SqlUuid)]
    id: uuid::Uuid,
    #[diesel(sql_type = Text)]
    campus: String,
    #[diesel(sql_type = Text)]
    grade: String,
}

#[actix_web::test]
async fn an_invoice_counts_in_its_plans_grade_else_its_students_class_grade() {
    let app = spawn_app().await;
    let org = northwind(&app);
    diesel::sql_query("UPDATE invoices SET deleted_at = now() WHERE organization_id = $1")
        .bind::<SqlUuid, _>(org)
        .execute(&mut app.conn())
        .expect("the demo's invoices put aside");
    // Two students of one campus in classes of different grades.
    let placed: Vec<Placed> = diesel::sql_query(
        "SELECT DISTINCT ON (g.id) s.id, ca.name AS campus, g.name AS grade \
         FROM students s JOIN campuses ca ON ca.id = s.campus_id \
         JOIN class_enrollments e ON e.student_id = s.id AND e.status = 'active' \
              AND e.deleted_at IS NULL \
         JOIN classes c ON c.id = e.class_id JOIN grades g ON g.id = c.grade_id \
         WHERE s.organization_id = $1 AND s.status = 'active' AND s.deleted_at IS NULL \
           AND s.campus_id = (SELECT campus_id FROM students WHERE organization_id = $1 \
                              AND campus_id IS NOT NULL ORDER BY id LIMIT 1) \
           AND (SELECT count(*) FROM class_enrollments o WHERE o.student_id = s.id \
                AND o.status = 'active' AND o.deleted_at IS NULL) = 1 \
         ORDER BY g.id, s.id",
    )
    .bind::<SqlUuid, _>(org)
    .load(&mut app.conn())
    .expect("students placed in classes");
    let [first, second] = &placed[..2] else {
        panic!("two grades on one campus");
    };
    // A fee plan with a grade: its invoices count in that grade, whatever the class.
    let plan = ids(
        &app,
        "SELECT f.id FROM fee_plans f WHERE f.organization_id = $1 AND f.deleted_at IS NULL \
           AND f.grade_id IS NOT NULL ORDER BY f.id LIMIT 1",
        org,
    )[0];
    let plan_grade = diesel::sql_query(
        "SELECT g.name FROM fee_plans f JOIN grades g ON g.id = f.grade_id WHERE f.id = $1",
    )
    .bind::<SqlUuid, _>(plan)
    .get_result::<Named>(&mut app.conn())
    .expect("the plan's grade")
    .name;
    let today: NaiveDate = homeroom::clock::now().date_naive();
    // (student, plan, amount): two without a plan, one on the plan.
    let rows = [
        (first.id, None, "100.00"),
        (second.id, None, "200.00"),
        (first.id, Some(plan), "40.00"),
    ];
    for (n, (student, plan, amount)) in rows.into_iter().enumerate() {
        diesel::sql_query(
            "INSERT INTO invoices (organization_id, campus_id, student_id, fee_plan_id, \
                 invoice_number, issue_date, due_date, subtotal, total_amount, balance_due, status) \
             SELECT $1, s.campus_id, s.id, $3, $4, $5 - 30, $5, $6, $6, $6, 'issued' \
             FROM students s WHERE s.id = $2",
        )
        .bind::<SqlUuid, _>(org)
        .bind::<SqlUuid, _>(student)
        .bind::<diesel::sql_types::Nullable<SqlUuid>, _>(plan)
        .bind::<Text, _>(format!("AGE-G{n}"))
        .bind::<Date, _>(today - chrono::Duration::days(10))
        .bind::<Numeric, _>(amount.parse::<bigdecimal::BigDecimal>().expect("an amount"))
        .execute(&mut app.conn())
        .expect("a seeded invoice");
    }
    let client = app.signed_in(DemoUser::Accountant).await;
    let csv = app.page(&client, "/finance/aging.csv").await;
    // Every amount is 10 days past due; the empty buckets read 0.
    let row =
        |grade: &str, amount: &str| format!("{},{grade},0,{amount},0,0,0,{amount}", first.campus);
    let expected: Vec<String> = if plan_grade == first.grade {
        vec![row(&first.grade, "140.00"), row(&second.grade, "200.00")]
    } else if plan_grade == second.grade {
        vec![row(&first.grade, "100.00"), row(&second.grade, "240.00")]
    } else {
        vec![
            row(&first.grade, "100.00"),
            row(&second.grade, "200.00"),
            row(&plan_grade, "40.00"),
        ]
    };
    for line in &expected {
        assert!(csv.lines().any(|l| l == line), "{line} in {csv}");
    }
    assert_eq!(
        csv.lines().last(),
        Some("All campuses,,0,340.00,0,0,0,340.00"),
        "{csv}"
    );
}
