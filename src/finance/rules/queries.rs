//! The discount rules' and finance settings' reads and writes, against the tenant handle.

use bigdecimal::BigDecimal;
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Bool, Integer, Nullable, Numeric, Text, Uuid as SqlUuid};
use uuid::Uuid;

use crate::db::Tenant;
use crate::finance::periods::Proration;

/// A discount rule as its page lists it.
#[derive(QueryableByName)]
pub struct RuleRow {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = Text)]
    pub kind: String,
    #[diesel(sql_type = Numeric)]
    pub amount: BigDecimal,
    #[diesel(sql_type = Text)]
    pub applies_to: String,
    /// The one fee plan it is for; every plan when none.
    #[diesel(sql_type = Nullable<Text>)]
    pub plan: Option<String>,
    #[diesel(sql_type = BigInt)]
    pub students: i64,
    #[diesel(sql_type = Bool)]
    pub active: bool,
}

/// The school's discount rules, active ones first, by name.
pub fn rules(tenant: &mut Tenant<'_>) -> QueryResult<Vec<RuleRow>> {
    diesel::sql_query(
        "SELECT r.id, r.name, r.kind, r.amount, r.applies_to, f.name AS plan, \
                (SELECT count(*) FROM discount_rule_students ds WHERE ds.discount_rule_id = r.id) \
                  AS students, r.active \
         FROM discount_rules r LEFT JOIN fee_plans f ON f.id = r.fee_plan_id \
         WHERE r.organization_id = $1 ORDER BY r.active DESC, r.name, r.id",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .load(tenant.conn())
}

/// A new discount rule.
pub struct NewRule {
    pub name: String,
    pub kind: &'static str,
    pub amount: BigDecimal,
    pub applies_to: &'static str,
    pub fee_plan_id: Option<Uuid>,
}

/// Why a rule was not added.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// The student numbers the school has no live student for.
    UnknownStudents(Vec<String>),
    UnknownPlan,
}

#[derive(QueryableByName)]
struct Found {
    #[diesel(sql_type = Text)]
    number: String,
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

/// Adds the rule with the students of `numbers`; its id, or why not.
pub fn add_rule(
    tenant: &mut Tenant<'_>,
    rule: &NewRule,
    numbers: &[String],
) -> QueryResult<Result<Uuid, Refused>> {
    let org = tenant.organization();
    let found: Vec<Found> = diesel::sql_query(
        "SELECT student_number AS number, id FROM students \
         WHERE organization_id = $1 AND deleted_at IS NULL AND student_number = ANY($2)",
    )
    .bind::<SqlUuid, _>(org)
    .bind::<Array<Text>, _>(numbers)
    .load(tenant.conn())?;
    let unknown: Vec<String> = numbers
        .iter()
        .filter(|n| !found.iter().any(|f| &f.number == *n))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Ok(Err(Refused::UnknownStudents(unknown)));
    }
    let added: Option<Id> = diesel::sql_query(
        "INSERT INTO discount_rules (organization_id, name, kind, amount, applies_to, fee_plan_id) \
         SELECT $1, $2, $3, $4, $5, $6 \
         WHERE $6::uuid IS NULL OR EXISTS (SELECT 1 FROM fee_plans WHERE id = $6 \
               AND organization_id = $1 AND deleted_at IS NULL) \
         RETURNING id",
    )
    .bind::<SqlUuid, _>(org)
    .bind::<Text, _>(&rule.name)
    .bind::<Text, _>(rule.kind)
    .bind::<Numeric, _>(&rule.amount)
    .bind::<Text, _>(rule.applies_to)
    .bind::<Nullable<SqlUuid>, _>(rule.fee_plan_id)
    .get_result(tenant.conn())
    .optional()?;
    let Some(Id { id }) = added else {
        return Ok(Err(Refused::UnknownPlan));
    };
    let students: Vec<Uuid> = found.iter().map(|f| f.id).collect();
    diesel::sql_query(
        "INSERT INTO discount_rule_students (organization_id, discount_rule_id, student_id) \
         SELECT $1, $2, s FROM unnest($3::uuid[]) s ON CONFLICT DO NOTHING",
    )
    .bind::<SqlUuid, _>(org)
    .bind::<SqlUuid, _>(id)
    .bind::<Array<SqlUuid>, _>(&students)
    .execute(tenant.conn())?;
    Ok(Ok(id))
}

/// Makes an active rule inactive and an inactive one active; whether the school has it.
pub fn switch_rule(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<bool> {
    diesel::sql_query(
        "UPDATE discount_rules SET active = NOT active WHERE id = $1 AND organization_id = $2",
    )
    .bind::<SqlUuid, _>(id)
    .bind::<SqlUuid, _>(tenant.organization())
    .execute(tenant.conn())
    .map(|n| n == 1)
}

/// The school's finance settings.
pub struct Settings {
    pub proration: Proration,
    pub reminder_every_days: i32,
}

#[derive(QueryableByName)]
struct SettingsRow {
    #[diesel(sql_type = Text)]
    proration: String,
    #[diesel(sql_type = Integer)]
    reminder_every_days: i32,
}

/// The school's finance settings, the defaults where it has chosen none.
pub fn settings(tenant: &mut Tenant<'_>) -> QueryResult<Settings> {
    let row: Option<SettingsRow> = diesel::sql_query(
        "SELECT proration, reminder_every_days FROM finance_settings WHERE organization_id = $1",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .get_result(tenant.conn())
    .optional()?;
    Ok(Settings {
        proration: row
            .as_ref()
            .and_then(|r| Proration::parse(&r.proration))
            .unwrap_or(Proration::RemainingMonths),
        reminder_every_days: row.map_or(14, |r| r.reminder_every_days),
    })
}

/// Stores the school's finance settings.
pub fn save_settings(tenant: &mut Tenant<'_>, chosen: &Settings) -> QueryResult<usize> {
    diesel::sql_query(
        "INSERT INTO finance_settings (organization_id, proration, reminder_every_days) \
         VALUES ($1, $2, $3) ON CONFLICT (organization_id) \
         DO UPDATE SET proration = EXCLUDED.proration, \
                       reminder_every_days = EXCLUDED.reminder_every_days",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Text, _>(chosen.proration.as_str())
    .bind::<Integer, _>(chosen.reminder_every_days)
    .execute(tenant.conn())
}
