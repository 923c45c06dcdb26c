//! The personality quiz's rows: one `personality_quiz_results` row per attempt; a
//! person's latest counts. Only their own rows are theirs to read; the team's mix
//! is counted with Homeroom's own reach and leaves nobody's answers or type.

use std::collections::BTreeMap;

use diesel::prelude::*;
use uuid::Uuid;

use crate::db::Tenant;
use crate::db::schema::personality_quiz_results as pq;

crate::live_rows!(personality_quiz_results);

/// Records the signed-in user's result.
pub fn insert(tenant: &mut Tenant<'_>, kind: &str, answers: &serde_json::Value) -> QueryResult<()> {
    let me = tenant.user();
    let campus = crate::staffdev::quiz::queries::own_campus(tenant)?;
    let organization = tenant.organization();
    diesel::insert_into(pq::table)
        .values((
            pq::organization_id.eq(organization),
            pq::campus_id.eq(campus),
            pq::user_id.eq(me),
            pq::personality_type.eq(kind),
            pq::quiz_answers.eq(answers),
            pq::completed_at.eq(crate::clock::now()),
            pq::created_by_id.eq(me),
            pq::updated_by_id.eq(me),
        ))
        .execute(tenant.conn())?;
    Ok(())
}

/// The type of the signed-in user's latest result.
pub fn own_latest(tenant: &mut Tenant<'_>) -> QueryResult<Option<String>> {
    let me = tenant.user();
    personality_quiz_results::live(tenant)
        .filter(pq::user_id.eq(me))
        .order(pq::completed_at.desc())
        .select(pq::personality_type)
        .first(tenant.conn())
        .optional()
}

/// How many people of each campus (`None`: no campus) have each type as their
/// latest result: counts only, by campus then type key.
pub fn team_mix(tenant: &mut Tenant<'_>) -> QueryResult<BTreeMap<(Option<Uuid>, String), i64>> {
    let rows: Vec<(Option<Uuid>, Option<Uuid>, String)> = tenant.as_system(|tenant| {
        personality_quiz_results::live(tenant)
            .filter(pq::user_id.is_not_null())
            .order((pq::user_id, pq::completed_at.desc()))
            .distinct_on(pq::user_id)
            .select((pq::user_id, pq::campus_id, pq::personality_type))
            .load(tenant.conn())
    })?;
    let mut mix = BTreeMap::new();
    for (_, campus, kind) in rows {
        *mix.entry((campus, kind)).or_insert(0) += 1;
    }
    Ok(mix)
}
