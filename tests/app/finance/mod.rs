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
