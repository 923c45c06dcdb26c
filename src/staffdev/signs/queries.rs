//! Sign-learning progress as `user_progress` rows (`progress_type` sign_learning,
//! the sign's id in `item_id`, one row per user and sign): the only place that
//! names them. The campus averages are counted as Homeroom's own work and leave
//! here only as averages.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Uuid as SqlUuid};
use uuid::Uuid;

use crate::db::Tenant;
use crate::db::schema;

crate::live_rows!(user_progress);

use schema::user_progress as p;

pub const KIND: &str = "sign_learning";

/// The signs the user has learned (their ids as stored).
pub fn learned(tenant: &mut Tenant<'_>, user: Uuid) -> QueryResult<Vec<String>> {
    user_progress::live(tenant)
        .filter(p::progress_type.eq(KIND))
        .filter(p::user_id.eq(user))
        .select(p::item_id)
        .load(tenant.conn())
}

/// Records that the user learned `sign` (`how`: marked or practised); learning it
/// again changes nothing.
pub fn mark_learned(tenant: &mut Tenant<'_>, user: Uuid, sign: Uuid, how: &str) -> QueryResult<()> {
    let campus = crate::staffdev::zones::campus_of(tenant, user)?;
    let organization = tenant.organization().uuid();
    diesel::insert_into(p::table)
        .values((
            p::organization_id.eq(organization),
            p::campus_id.eq(campus),
            p::user_id.eq(user),
            p::progress_type.eq(KIND),
            p::item_id.eq(sign.to_string()),
            p::value.eq(how),
            p::created_by_id.eq(user),
        ))
        .on_conflict_do_nothing()
        .execute(tenant.conn())
        .map(|_| ())
}

/// A campus's staff and the signs they have learned between them.
#[derive(QueryableByName)]
pub struct CampusLearning {
    #[diesel(sql_type = Nullable<Text>)]
    pub campus: Option<String>,
    #[diesel(sql_type = BigInt)]
    pub staff: i64,
    #[diesel(sql_type = BigInt)]
    pub learned: i64,
}

/// For each campus, its active staff with an account and the signs they learned
/// (of those still in the vocabulary, `signs`).
pub fn campus_learning(
    tenant: &mut Tenant<'_>,
    signs: &[Uuid],
) -> QueryResult<Vec<CampusLearning>> {
    let organization = tenant.organization().uuid();
    let signs: Vec<String> = signs.iter().map(Uuid::to_string).collect();
    tenant.as_system(|tenant| {
        diesel::sql_query(
            "SELECT c.name AS campus, count(DISTINCT s.user_id) AS staff, \
                    count(DISTINCT p.id) AS learned \
             FROM campuses c \
             JOIN staff s ON s.campus_id = c.id AND s.deleted_at IS NULL \
                  AND s.status = 'active' AND s.user_id IS NOT NULL \
             LEFT JOIN user_progress p ON p.user_id = s.user_id AND p.deleted_at IS NULL \
                  AND p.progress_type = 'sign_learning' AND p.item_id = ANY($2) \
                  AND p.organization_id = c.organization_id \
             WHERE c.organization_id = $1 AND c.deleted_at IS NULL \
             GROUP BY c.id, c.name ORDER BY c.name",
        )
        .bind::<SqlUuid, _>(organization)
        .bind::<diesel::sql_types::Array<Text>, _>(signs)
        .load(tenant.conn())
    })
}
