//! Budgets' reads and writes: the academic years, each fee plan's budget for a
//! year, and what the plan billed and collected to set against it.

use bigdecimal::BigDecimal;
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Numeric, Text, Uuid as SqlUuid};
use uuid::Uuid;

use crate::db::Tenant;

pub use crate::rollover::queries::Year;

/// The school's academic years, the latest first.
pub fn years(tenant: &mut Tenant<'_>) -> QueryResult<Vec<Year>> {
    diesel::sql_query(
        "SELECT id, name, start_date, end_date, current FROM academic_years \
         WHERE organization_id = $1 AND deleted_at IS NULL \
         ORDER BY start_date DESC, name, id",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .load(tenant.conn())
}

/// A fee plan of the year with its budget and what it brought in.
#[derive(QueryableByName, Clone, Debug)]
pub struct Line {
    #[diesel(sql_type = SqlUuid)]
    pub plan_id: Uuid,
    #[diesel(sql_type = Text)]
    pub plan: String,
    #[diesel(sql_type = Nullable<Numeric>)]
    pub budget: Option<BigDecimal>,
    /// The totals of the plan's invoices, neither draft nor void.
    #[diesel(sql_type = Numeric)]
    pub billed: BigDecimal,
    /// What was paid on the plan's invoices, less what was refunded.
    #[diesel(sql_type = Numeric)]
    pub collected: BigDecimal,
}

/// The fee plans of `year` (active, or with a budget), by grade and name, each
/// with its budget for the year and what its invoices billed and collected, read
/// from the running totals the database keeps (migration `finance_totals`).
pub fn lines(tenant: &mut Tenant<'_>, year: Uuid) -> QueryResult<Vec<Line>> {
    diesel::sql_query(
        "SELECT f.id AS plan_id, f.name AS plan, b.amount AS budget, \
                coalesce(t.billed, 0) AS billed, coalesce(t.collected, 0) AS collected \
         FROM fee_plans f \
         LEFT JOIN finance_budgets b ON b.fee_plan_id = f.id AND b.academic_year_id = $2 \
         LEFT JOIN finance_plan_totals t ON t.fee_plan_id = f.id \
         LEFT JOIN grades g ON g.id = f.grade_id \
         WHERE f.organization_id = $1 AND f.academic_year_id = $2 AND f.deleted_at IS NULL \
           AND (f.active OR b.id IS NOT NULL) \
         ORDER BY g.sort_order NULLS LAST, f.name, f.id",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<SqlUuid, _>(year)
    .load(tenant.conn())
}

/// Sets each plan's budget for `year` (None: no budget), all or nothing.
pub fn save(
    tenant: &mut Tenant<'_>,
    year: Uuid,
    budgets: &[(Uuid, Option<BigDecimal>)],
) -> QueryResult<()> {
    let org = tenant.organization();
    let by = tenant.user();
    tenant.transaction(|tenant| {
        for (plan, amount) in budgets {
            match amount {
                Some(amount) => diesel::sql_query(
                    "INSERT INTO finance_budgets \
                         (organization_id, academic_year_id, fee_plan_id, amount, updated_by_id) \
                     VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (academic_year_id, fee_plan_id) \
                     DO UPDATE SET amount = EXCLUDED.amount, updated_by_id = EXCLUDED.updated_by_id \
                     WHERE finance_budgets.amount <> EXCLUDED.amount",
                )
                .bind::<SqlUuid, _>(org)
                .bind::<SqlUuid, _>(year)
                .bind::<SqlUuid, _>(plan)
                .bind::<Numeric, _>(amount)
                .bind::<Nullable<SqlUuid>, _>(by)
                .execute(tenant.conn())?,
                None => diesel::sql_query(
                    "DELETE FROM finance_budgets WHERE organization_id = $1 \
                     AND academic_year_id = $2 AND fee_plan_id = $3",
                )
                .bind::<SqlUuid, _>(org)
                .bind::<SqlUuid, _>(year)
                .bind::<SqlUuid, _>(plan)
                .execute(tenant.conn())?,
            };
        }
        Ok(())
    })
}
