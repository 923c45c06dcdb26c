//! The finance view's reads: what was billed and collected each month.

use bigdecimal::BigDecimal;
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Date, Numeric, Text, Uuid as SqlUuid};

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

/// The twelve months up to and including the one holding `today`, oldest first.
pub fn last_twelve_months(tenant: &mut Tenant<'_>, today: NaiveDate) -> QueryResult<Vec<Month>> {
    let zone = tenant.time_zone().name().to_owned();
    diesel::sql_query(
        "WITH months AS ( \
             SELECT generate_series(date_trunc('month', $2::date) - interval '11 months', \
                                    date_trunc('month', $2::date), interval '1 month')::date AS month), \
         span AS (SELECT min(month) AS first FROM months), \
         billed AS ( \
             SELECT date_trunc('month', i.issue_date)::date AS month, sum(i.total_amount) AS amount \
             FROM invoices i, span \
             WHERE i.organization_id = $1 AND i.deleted_at IS NULL \
               AND i.status NOT IN ('draft', 'void') \
               AND i.issue_date >= span.first AND i.issue_date <= $2 \
             GROUP BY 1), \
         collected AS ( \
             SELECT date_trunc('month', (p.paid_at AT TIME ZONE $3)::date)::date AS month, \
                    sum(p.amount) AS amount \
             FROM payments p, span \
             WHERE p.organization_id = $1 AND p.deleted_at IS NULL \
               AND p.paid_at >= (span.first::timestamp AT TIME ZONE $3) \
               AND p.paid_at < (($2::date + 1)::timestamp AT TIME ZONE $3) \
             GROUP BY 1) \
         SELECT m.month, coalesce(b.amount, 0) AS billed, coalesce(c.amount, 0) AS collected \
         FROM months m LEFT JOIN billed b USING (month) LEFT JOIN collected c USING (month) \
         ORDER BY m.month",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Date, _>(today)
    .bind::<Text, _>(zone)
    .load(tenant.conn())
}
