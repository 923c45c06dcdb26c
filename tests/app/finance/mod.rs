//! Finance the way a bursar works: fee plans invoiced in bulk for a term, once per
//! student however often the run is repeated or cut short, with the school's
//! discount rules as lines; every test ends by checking that each invoice's
//! balance is its total less its payments.

mod aging;
mod billing;
mod budgets;
mod desk;
mod desk_browser;
mod enrolment;
mod faults;
mod overview;
mod reminders;
mod rules;
mod totals;

use bigdecimal::BigDecimal;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Numeric, Text, Uuid as SqlUuid};
use uuid::Uuid;

use crate::common::{TestApp, organization_id};

#[derive(QueryableByName)]
pub(crate) struct N {
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

/// A count from `sql`, whose one column is `n`.
pub(crate) fn count_of(app: &TestApp, sql: &str) -> i64 {
    diesel::sql_query(sql)
        .get_result::<N>(&mut app.conn())
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .n
}

pub(crate) fn northwind(app: &TestApp) -> Uuid {
    organization_id(&mut app.conn(), "Northwind Academy")
}

/// An invoice whose balance is not its total less its payments, as the failure shows it.
#[derive(QueryableByName, Debug)]
#[allow(dead_code)]
struct Broken {
    #[diesel(sql_type = Text)]
    invoice_number: String,
    #[diesel(sql_type = Numeric)]
    balance_due: BigDecimal,
    #[diesel(sql_type = Numeric)]
    owed: BigDecimal,
}

/// Every invoice's balance is its total less its live payments, and an invoice
/// with lines totals them: subtotal, discount and total as its lines add up.
pub(crate) fn assert_balances_hold(app: &TestApp) {
    let broken: Vec<Broken> = diesel::sql_query(
        "SELECT i.invoice_number, i.balance_due, \
                i.total_amount - coalesce((SELECT sum(p.amount) FROM payments p \
                    WHERE p.invoice_id = i.id AND p.deleted_at IS NULL), 0) AS owed \
         FROM invoices i \
         WHERE i.balance_due <> i.total_amount - coalesce((SELECT sum(p.amount) FROM payments p \
                    WHERE p.invoice_id = i.id AND p.deleted_at IS NULL), 0)",
    )
    .load(&mut app.conn())
    .expect("balances");
    assert!(broken.is_empty(), "balance = total − payments: {broken:?}");
    let unlike_lines = count_of(
        app,
        "SELECT count(*) AS n FROM invoices i \
         JOIN (SELECT invoice_id, sum(round(quantity * unit_amount, 2)) AS sub, \
                      sum(discount) AS off FROM invoice_lines GROUP BY invoice_id) l \
           ON l.invoice_id = i.id \
         WHERE i.subtotal <> l.sub OR i.discount_amount <> l.off \
            OR i.total_amount <> l.sub - l.off + i.tax_amount",
    );
    assert_eq!(unlike_lines, 0, "invoices total their lines");
    assert_totals_hold(app);
}

/// The running totals the database keeps are what summing the invoices and
/// payments gives: each school's months (billed by issue date, collected by the
/// day received in the school's time zone) and each fee plan's billed and collected.
pub(crate) fn assert_totals_hold(app: &TestApp) {
    let months = count_of(
        app,
        "WITH summed AS ( \
             SELECT organization_id, month, sum(billed) AS billed, sum(collected) AS collected \
             FROM (SELECT organization_id, date_trunc('month', issue_date)::date AS month, \
                          total_amount AS billed, 0 AS collected \
                   FROM invoices WHERE deleted_at IS NULL AND status NOT IN ('draft', 'void') \
                   UNION ALL \
                   SELECT p.organization_id, \
                          date_trunc('month', (p.paid_at AT TIME ZONE o.time_zone)::date)::date, \
                          0, p.amount \
                   FROM payments p JOIN organizations o ON o.id = p.organization_id \
                   WHERE p.deleted_at IS NULL) x \
             GROUP BY 1, 2), \
         kept AS (SELECT organization_id, month, billed, collected FROM finance_month_totals) \
         SELECT count(*) AS n FROM ( \
             (SELECT * FROM summed WHERE billed <> 0 OR collected <> 0 EXCEPT SELECT * FROM kept) \
             UNION ALL \
             (SELECT * FROM kept WHERE billed <> 0 OR collected <> 0 EXCEPT SELECT * FROM summed)) d",
    );
    assert_eq!(
        months, 0,
        "the months kept are the invoices and payments summed"
    );
    let plans = count_of(
        app,
        "WITH summed AS ( \
             SELECT f.id, \
                    coalesce((SELECT sum(i.total_amount) FROM invoices i \
                     WHERE i.fee_plan_id = f.id AND i.deleted_at IS NULL \
                       AND i.status NOT IN ('draft', 'void')), 0) AS billed, \
                    coalesce((SELECT sum(p.amount) FROM payments p \
                     JOIN invoices i ON i.id = p.invoice_id \
                     WHERE i.fee_plan_id = f.id AND i.deleted_at IS NULL \
                       AND p.deleted_at IS NULL), 0) AS collected \
             FROM fee_plans f), \
         kept AS (SELECT fee_plan_id, billed, collected FROM finance_plan_totals) \
         SELECT count(*) AS n FROM ( \
             (SELECT * FROM summed WHERE billed <> 0 OR collected <> 0 EXCEPT SELECT * FROM kept) \
             UNION ALL \
             (SELECT * FROM kept WHERE billed <> 0 OR collected <> 0 EXCEPT SELECT * FROM summed)) d",
    );
    assert_eq!(
        plans, 0,
        "the plans' totals kept are their invoices and payments summed"
    );
    let open = count_of(
        app,
        "WITH summed AS ( \
             SELECT organization_id, campus_id, fee_plan_id, due_date, sum(balance_due) AS owed \
             FROM invoices \
             WHERE deleted_at IS NULL AND status NOT IN ('draft', 'void') AND balance_due > 0 \
               AND fee_plan_id IS NOT NULL \
             GROUP BY 1, 2, 3, 4), \
         kept AS (SELECT organization_id, campus_id, fee_plan_id, due_date, owed \
                  FROM finance_open_balances) \
         SELECT count(*) AS n FROM ( \
             (SELECT * FROM summed EXCEPT SELECT * FROM kept) \
             UNION ALL \
             (SELECT * FROM kept WHERE owed <> 0 EXCEPT SELECT * FROM summed)) d",
    );
    assert_eq!(open, 0, "the balances kept are what the open invoices owe");
}

/// The student ids of a query's `id` column.
pub(crate) fn ids(app: &TestApp, sql: &str, org: Uuid) -> Vec<Uuid> {
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = SqlUuid)]
        id: Uuid,
    }
    diesel::sql_query(sql)
        .bind::<SqlUuid, _>(org)
        .load::<Id>(&mut app.conn())
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .into_iter()
        .map(|r| r.id)
        .collect()
}
