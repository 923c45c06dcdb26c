//! The catalog's rows: one live row per content type. The table is install-wide
//! (no organization), so these take a plain connection.

use diesel::prelude::*;
use uuid::Uuid;

use super::ContentKey;
use crate::db::schema::content_catalog as cc;

/// The catalog's live rows.
fn live() -> cc::BoxedQuery<'static, diesel::pg::Pg> {
    cc::table.filter(cc::deleted_at.is_null()).into_boxed()
}

/// The stored payload of a content type, if any.
pub fn payload(conn: &mut PgConnection, key: ContentKey) -> QueryResult<Option<serde_json::Value>> {
    live()
        .filter(cc::content_type.eq(key.as_str()))
        .select(cc::payload)
        .first(conn)
        .optional()
}

/// Replaces (or first stores) a content type's payload, recording who did.
pub fn store(
    conn: &mut PgConnection,
    key: ContentKey,
    value: &serde_json::Value,
    by: Option<Uuid>,
) -> QueryResult<()> {
    conn.transaction(|conn| {
        let changed = diesel::update(cc::table)
            .filter(cc::deleted_at.is_null())
            .filter(cc::content_type.eq(key.as_str()))
            .set((
                cc::payload.eq(value),
                cc::active.eq(true),
                cc::updated_by_id.eq(by),
            ))
            .execute(conn)?;
        if changed == 0 {
            diesel::insert_into(cc::table)
                .values((
                    cc::content_type.eq(key.as_str()),
                    cc::payload.eq(value),
                    cc::created_by_id.eq(by),
                    cc::updated_by_id.eq(by),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
}
