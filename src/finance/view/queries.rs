//! The finance view's reads: what was billed and collected each month.

use bigdecimal::BigDecimal;
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Date, Numeric, Uuid as SqlUuid};

use crate::db::Tenant;

/// A month's invoicing and takings.
#[derive(QueryableByName, Clone, Debug)]
pub struct Month {
    #[diesel(sql_type = Date)]
    pub month: NaiveDate,
    /// The totals of the invoices issued in the month (neither draft nor void).
    #[diesel(sql_type = Numeric)]
    pub billed: BigDecimal,
    /// The payments received in the month, by the school's calendar.
    #[diesel(sql_type = Numeric)]
    pub collected: BigDecimal,
}

/// The twelve months up to and including the one holding `today`, oldest first,
/// read from the running totals the database keeps (migration `finance_totals`).
pub fn last_twelve_months(tenant: &mut Tenant<'_>, today: NaiveDate) -> QueryResult<Vec<Month>> {
    diesel::sql_query(
        "WITH months AS ( \
             SELECT generate_series(date_trunc('month', $2::date) - interval '11 months', \
                                    date_trunc('month', $2::date), interval '1 month')::date AS month) \
         SELECT m.month, coalesce(t.billed, 0) AS billed, coalesce(t.collected, 0) AS collected \
         FROM months m \
         LEFT JOIN finance_month_totals t ON t.organization_id = $1 AND t.month = m.month \
         ORDER BY m.month",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Date, _>(today)
    .load(tenant.conn())
}
