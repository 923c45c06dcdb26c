//! The audit trail. The database writes it: triggers on every tenant table record
//! each insert, update, soft delete and restore with the changed columns (migration
//! `…000016_record_engine`). The writer is the transaction's `homeroom.user_id`
//! (set here), else the row's `created_by_id`/`updated_by_id`. A bulk load may turn
//! the trail off for its own transaction with `SET LOCAL homeroom.audit = 'off'`.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text, Timestamptz};
use uuid::Uuid;

use super::Resource;
use super::store::Sql;
use crate::db::Tenant;

/// Names the user behind the rest of this transaction's writes.
pub fn act_as(conn: &mut PgConnection, user: Uuid) -> QueryResult<()> {
    diesel::sql_query("SELECT set_config('homeroom.user_id', $1, true)")
        .bind::<Text, _>(user.to_string())
        .execute(conn)
        .map(|_| ())
}

/// Skips the trail for the rest of this transaction (a benchmark-sized seed).
pub fn pause_for_transaction(conn: &mut PgConnection) -> QueryResult<()> {
    diesel::sql_query("SELECT set_config('homeroom.audit', 'off', true)")
        .execute(conn)
        .map(|_| ())
}

#[derive(QueryableByName)]
struct Entry {
    #[diesel(sql_type = Timestamptz)]
    created_at: DateTime<Utc>,
    #[diesel(sql_type = Text)]
    action: String,
    #[diesel(sql_type = Nullable<Text>)]
    who: Option<String>,
    #[diesel(sql_type = Text)]
    changes: String,
}

/// One change to a record as its page shows it.
pub struct Change {
    pub at: String,
    pub who: String,
    pub action: &'static str,
    /// (field, before, after), in the form's order.
    pub fields: Vec<(String, String, String)>,
}

/// The latest changes to one record, newest first.
pub fn history(tenant: &mut Tenant<'_>, res: &Resource, id: Uuid) -> QueryResult<Vec<Change>> {
    let mut sql = Sql::new("");
    let table = sql.text(Some(res.table().to_owned()));
    let id = sql.uuid(id);
    // Install-wide records are written to the trail without an organization.
    let owner = if res.tenant() {
        format!("= {}", sql.uuid(tenant.organization().uuid()))
    } else {
        "IS NULL".to_owned()
    };
    sql.push(&format!(
        "SELECT a.created_at, a.action::text AS action, \
         (SELECT coalesce(nullif(concat_ws(' ', u.first_name, u.last_name), ''), u.email) \
          FROM users u WHERE u.id = a.user_id) AS who, a.changes::text AS changes \
         FROM audit_log a WHERE a.table_name = {table} AND a.row_id = {id} \
         AND a.organization_id {owner} ORDER BY a.created_at DESC, a.id LIMIT 50"
    ));
    let entries: Vec<Entry> = sql.load(tenant.conn())?;
    let tz = tenant.time_zone();
    Ok(entries
        .into_iter()
        .map(|e| {
            let changes: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&e.changes).unwrap_or_default();
            let fields = res
                .fields
                .iter()
                .filter_map(|f| {
                    let change = changes.get(f.column)?;
                    Some((
                        f.label.to_owned(),
                        plain(change.get("from")),
                        plain(change.get("to")),
                    ))
                })
                .collect();
            Change {
                at: e
                    .created_at
                    .with_timezone(&tz)
                    .format("%-d %b %Y %H:%M")
                    .to_string(),
                who: e.who.unwrap_or_else(|| "The system".to_owned()),
                action: match e.action.as_str() {
                    "create" => "Created",
                    "delete" => "Deleted",
                    "restore" => "Restored",
                    _ => "Changed",
                },
                fields,
            }
        })
        .collect())
}

fn plain(value: Option<&serde_json::Value>) -> String {
    match value {
        None | Some(serde_json::Value::Null) => "—".to_owned(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}
