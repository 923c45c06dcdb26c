//! Zone check-ins as `user_progress` rows (`progress_type` zone_check_in, the zone
//! in `item_id`, the private note in `value`): the only place that names them. A
//! person reads their own rows alone (the `user_progress_zone_private` policy holds
//! on every path); the campus figures are counted as Homeroom's own work and leave
//! here only as totals of days with enough people.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use crate::db::Tenant;
use crate::db::schema;

crate::live_rows!(user_progress, staff);

use schema::user_progress as p;

/// The kind of `user_progress` row a check-in is.
pub const KIND: &str = "zone_check_in";

/// One of the user's own check-ins.
#[derive(Queryable)]
pub struct CheckIn {
    pub zone: String,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

/// Serialises one person's check-ins, so two taps at once cannot both pass the
/// day's limit.
fn hold_person(tenant: &mut Tenant<'_>, user: Uuid) -> QueryResult<()> {
    diesel::sql_query(
        "SELECT pg_advisory_xact_lock(hashtext('zone-check-in:' || $1::text)::bigint)",
    )
    .bind::<SqlUuid, _>(user)
    .execute(tenant.conn())
    .map(|_| ())
}

/// The user's check-ins since `since`, oldest first.
pub fn mine_since(
    tenant: &mut Tenant<'_>,
    user: Uuid,
    since: DateTime<Utc>,
) -> QueryResult<Vec<CheckIn>> {
    user_progress::live(tenant)
        .filter(p::progress_type.eq(KIND))
        .filter(p::user_id.eq(user))
        .filter(p::created_at.ge(since))
        .order(p::created_at)
        .select((p::item_id, p::value, p::created_at))
        .load(tenant.conn())
}

/// Records a check-in unless the user already has `limit` since `day_start`; false
/// when refused.
pub fn check_in(
    tenant: &mut Tenant<'_>,
    user: Uuid,
    (zone, note): (&str, Option<&str>),
    day_start: DateTime<Utc>,
    limit: usize,
) -> QueryResult<bool> {
    hold_person(tenant, user)?;
    if mine_since(tenant, user, day_start)?.len() >= limit {
        return Ok(false);
    }
    let campus = campus_of(tenant, user)?;
    let organization = tenant.organization().uuid();
    diesel::insert_into(p::table)
        .values((
            p::organization_id.eq(organization),
            p::campus_id.eq(campus),
            p::user_id.eq(user),
            p::progress_type.eq(KIND),
            p::item_id.eq(zone),
            p::value.eq(note),
            p::created_by_id.eq(user),
            p::created_at.eq(crate::clock::now()),
        ))
        .execute(tenant.conn())?;
    Ok(true)
}

/// One campus's check-ins on one day: how many people, and check-ins per zone.
#[derive(QueryableByName)]
pub struct CampusDay {
    #[diesel(sql_type = Nullable<Text>)]
    pub campus: Option<String>,
    #[diesel(sql_type = Date)]
    pub day: NaiveDate,
    #[diesel(sql_type = BigInt)]
    pub people: i64,
    #[diesel(sql_type = BigInt)]
    pub blue: i64,
    #[diesel(sql_type = BigInt)]
    pub green: i64,
    #[diesel(sql_type = BigInt)]
    pub yellow: i64,
    #[diesel(sql_type = BigInt)]
    pub red: i64,
}

/// Every campus's check-ins per day since `since`, newest day first. Counted as
/// Homeroom's own work, since no reader may see the rows themselves.
pub fn campus_days(tenant: &mut Tenant<'_>, since: DateTime<Utc>) -> QueryResult<Vec<CampusDay>> {
    let organization = tenant.organization().uuid();
    let zone = tenant.time_zone().name().to_owned();
    tenant.as_system(|tenant| {
        diesel::sql_query(
            "SELECT x.campus_id, c.name AS campus, x.day, count(DISTINCT x.user_id) AS people, \
                    count(*) FILTER (WHERE x.item_id = 'blue') AS blue, \
                    count(*) FILTER (WHERE x.item_id = 'green') AS green, \
                    count(*) FILTER (WHERE x.item_id = 'yellow') AS yellow, \
                    count(*) FILTER (WHERE x.item_id = 'red') AS red \
             FROM (SELECT campus_id, user_id, item_id, \
                          (created_at AT TIME ZONE $3)::date AS day \
                   FROM user_progress \
                   WHERE organization_id = $1 AND deleted_at IS NULL \
                     AND progress_type = 'zone_check_in' AND created_at >= $2) x \
             LEFT JOIN campuses c ON c.id = x.campus_id \
             GROUP BY x.campus_id, c.name, x.day \
             ORDER BY x.day DESC, c.name",
        )
        .bind::<SqlUuid, _>(organization)
        .bind::<Timestamptz, _>(since)
        .bind::<Text, _>(zone)
        .load(tenant.conn())
    })
}

/// The campus of the user's first staff row, which their progress rows are counted
/// under; none for a user without one.
pub(crate) fn campus_of(tenant: &mut Tenant<'_>, user: Uuid) -> QueryResult<Option<Uuid>> {
    Ok(staff::live(tenant)
        .filter(schema::staff::user_id.eq(user))
        .order(schema::staff::created_at)
        .select(schema::staff::campus_id)
        .first::<Option<Uuid>>(tenant.conn())
        .optional()?
        .flatten())
}
