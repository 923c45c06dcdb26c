//! An upload read against a resource: its columns mapped to fields, and every row
//! parsed, resolved and checked as a form would be, with its messages.

use std::collections::HashMap;

use diesel::QueryResult;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::csv::uncell;
use crate::db::{OrganizationId, Tenant};
use crate::i18n::Lang;
use crate::resources::engine::{self, parse_fields};
use crate::resources::store::{self, Unresolved};
use crate::resources::{Kind, Resource, values};
use crate::web::form::FieldErrors;

/// One data row checked against the description.
pub struct Checked {
    /// The line of the file (the header is line 1).
    pub line: usize,
    pub inputs: Vec<String>,
    pub values: Vec<Option<String>>,
    pub errors: Vec<String>,
    /// Written all the same, but worth a look (the same student twice).
    pub warnings: Vec<String>,
    pub hash: String,
}

/// A file read against a resource.
pub struct Analysis {
    /// Each header and the field it fills ("not imported" when none).
    pub headers: Vec<(String, String)>,
    /// Which fields the file has a column for.
    pub mapped: Vec<bool>,
    pub file_errors: Vec<String>,
    pub rows: Vec<Checked>,
}

impl Analysis {
    pub fn bad(&self) -> usize {
        self.rows.iter().filter(|r| !r.errors.is_empty()).count()
    }
}

/// The import hash of a row: its organization, table and natural key.
fn import_hash(res: &Resource, org: OrganizationId, values: &[Option<String>]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(org.uuid().as_bytes());
    hasher.update(res.table().as_bytes());
    for column in res.natural_key {
        let i = res.fields.iter().position(|f| f.column == *column);
        let value = i.and_then(|i| values.get(i).cloned().flatten());
        hasher.update([0x1f]);
        hasher.update(value.unwrap_or_default().to_lowercase().as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// The file read against `res`, its messages in the reader's language `t`.
pub fn analyze(
    tenant: &mut Tenant<'_>,
    res: &'static Resource,
    records: &[Vec<String>],
    t: Lang,
) -> QueryResult<Analysis> {
    let Some((header, data)) = records.split_first() else {
        return Ok(Analysis {
            headers: Vec::new(),
            mapped: vec![false; res.fields.len()],
            file_errors: vec![t.text("engine-import-empty-file")],
            rows: Vec::new(),
        });
    };
    let targets: Vec<Option<usize>> = header
        .iter()
        .map(|h| {
            let h = h.trim();
            res.fields.iter().position(|f| f.is_named(h))
        })
        .collect();
    let headers = header
        .iter()
        .zip(&targets)
        .map(|(h, to)| {
            let to = to.map_or_else(
                || t.text("engine-import-not-imported"),
                |i| res.fields[i].label_in(t),
            );
            (h.trim().to_owned(), to)
        })
        .collect();
    let mapped: Vec<bool> = (0..res.fields.len())
        .map(|i| targets.contains(&Some(i)))
        .collect();
    let mut file_errors: Vec<String> = res
        .fields
        .iter()
        .zip(&mapped)
        .filter(|(f, m)| f.required && !**m)
        .map(|(f, _)| {
            t.message("engine-import-no-column")
                .arg("field", f.label_in(t))
                .arg("column", f.column)
                .to_string()
        })
        .collect();
    for column in res.natural_key {
        if let Some(i) = res.fields.iter().position(|f| f.column == *column)
            && !mapped[i]
        {
            file_errors.push(
                t.message("engine-import-no-key-column")
                    .arg("field", res.fields[i].label_in(t))
                    .to_string(),
            );
        }
    }
    file_errors.dedup();

    let mut resolved: HashMap<(usize, String), Result<Uuid, Unresolved>> = HashMap::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut rows = Vec::with_capacity(data.len());
    for (n, record) in data.iter().enumerate() {
        let line = n + 2;
        let given: Vec<(String, String)> = targets
            .iter()
            .zip(record)
            .filter_map(|(t, v)| t.map(|i| (res.fields[i].column.to_owned(), uncell(v).to_owned())))
            .collect();
        let mut errors = FieldErrors::default();
        let mut values = parse_fields(res, &given, tenant.time_zone(), t, &mut errors);
        for (i, field) in res.fields.iter().enumerate() {
            let (Kind::Relation(target), Some(name)) = (&field.kind, values[i].clone()) else {
                continue;
            };
            let key = (i, name.clone());
            if !resolved.contains_key(&key) {
                let found = store::resolve(tenant, target, &name)?;
                resolved.insert(key.clone(), found);
            }
            match &resolved[&key] {
                Ok(id) => values[i] = Some(id.to_string()),
                Err(why) => errors.add(field.column, why.message(t, target, &name)),
            }
        }
        values::check_rules(res, &values, t, &mut errors);
        for column in res.natural_key {
            if let Some(i) = res.fields.iter().position(|f| f.column == *column)
                && values[i].is_none()
                && mapped[i]
            {
                let message = t
                    .message("engine-import-key-needed")
                    .arg("field", res.fields[i].label_in(t));
                errors.add(res.fields[i].column, message.to_string());
            }
        }
        let hash = import_hash(res, tenant.organization(), &values);
        if errors.is_empty()
            && let Some(first) = seen.insert(hash.clone(), line)
        {
            let message = t.message("engine-import-same-as-line").arg("line", first);
            errors.add("", message.to_string());
        }
        let mut warnings = Vec::new();
        if errors.is_empty() && (res.hooks.check.is_some() || res.hooks.warn.is_some()) {
            let found = store::find_by_key(tenant, res, &hash, &values)?;
            engine::check(tenant, res, found, &values, t, &mut errors)?;
            if errors.is_empty()
                && found.is_none()
                && let Some(warning) = engine::warn(tenant, res, &values, t)?
            {
                warnings.push(warning.message);
            }
        }
        let messages = errors
            .iter()
            .map(|(column, message)| match res.field(column) {
                Some(f) => t
                    .message("engine-import-field-error")
                    .arg("field", f.label_in(t))
                    .arg("message", message)
                    .to_string(),
                None => message.to_owned(),
            })
            .collect();
        rows.push(Checked {
            line,
            inputs: res
                .fields
                .iter()
                .map(|f| {
                    given
                        .iter()
                        .find(|(c, _)| c == f.column)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default()
                })
                .collect(),
            values,
            errors: messages,
            warnings,
            hash,
        });
    }
    Ok(Analysis {
        headers,
        mapped,
        file_errors,
        rows,
    })
}
