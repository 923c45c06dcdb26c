//! The audit trail. The database writes it: triggers on every tenant table record
//! each insert, update, soft delete and restore with the changed columns (migration
//! `…000016_record_engine`). The writer is the transaction's `homeroom.user_id`
//! (set here), else the row's `created_by_id`/`updated_by_id`. A bulk load may turn
//! the trail off for its own transaction with `SET LOCAL homeroom.audit = 'off'`.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text, Timestamptz};
use uuid::Uuid;

use std::collections::HashMap;

use super::store::{self, Sql};
use super::{Kind, Resource, values};
use crate::db::Tenant;
use crate::web::format::Locale;

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

/// The latest changes to one record, newest first, each value as the record's page
/// shows it: relations by name, choices by label, dates and money as the school reads them.
pub fn history(
    tenant: &mut Tenant<'_>,
    res: &Resource,
    id: Uuid,
    locale: &Locale,
) -> QueryResult<Vec<Change>> {
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
    let entries: Vec<(Entry, Changes)> = entries
        .into_iter()
        .map(|e| {
            let changes = serde_json::from_str(&e.changes).unwrap_or_default();
            (e, changes)
        })
        .collect();
    let names = related_names(tenant, res, entries.iter().map(|(_, c)| c))?;
    Ok(entries
        .into_iter()
        .map(|(e, changes)| {
            let fields = res
                .fields
                .iter()
                .filter_map(|f| {
                    let change = changes.get(f.column)?;
                    let shown = |side: &str| {
                        let raw = plain(change.get(side));
                        let title = Uuid::parse_str(raw.as_deref()?)
                            .ok()
                            .and_then(|id| names.get(&(f.column, id)))
                            .map(String::as_str);
                        let value = values::show(f, raw.as_deref(), title, locale);
                        Some(value).filter(|v| !v.is_empty())
                    };
                    Some((
                        f.label_in(locale.t),
                        shown("from").unwrap_or_else(|| "—".to_owned()),
                        shown("to").unwrap_or_else(|| "—".to_owned()),
                    ))
                })
                .collect();
            Change {
                at: locale.instant(e.created_at),
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

type Changes = serde_json::Map<String, serde_json::Value>;

/// A value of the trail as the text [`values::show`] reads; nothing for none.
fn plain(value: Option<&serde_json::Value>) -> Option<String> {
    match value? {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// The names of the records the changes point at, by (column, id), deleted ones too.
fn related_names<'a>(
    tenant: &mut Tenant<'_>,
    res: &Resource,
    changes: impl Iterator<Item = &'a Changes> + Clone,
) -> QueryResult<HashMap<(&'static str, Uuid), String>> {
    let mut names = HashMap::new();
    let fields: &'static [super::Field] = res.fields;
    for field in fields {
        let Kind::Relation(target) = field.kind else {
            continue;
        };
        let ids: Vec<Uuid> = changes
            .clone()
            .filter_map(|c| c.get(field.column))
            .flat_map(|change| [change.get("from"), change.get("to")])
            .filter_map(|v| Uuid::parse_str(&plain(v)?).ok())
            .collect();
        if ids.is_empty() {
            continue;
        }
        for (id, title) in store::titles(tenant, target, &ids)? {
            names.insert((field.column, id), title);
        }
    }
    Ok(names)
}
