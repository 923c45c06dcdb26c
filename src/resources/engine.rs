//! What the pages and imports do to records, apart from how they are shown: a form's
//! fields parsed, completed and checked against other rows, then written with what
//! follows from them; a record deleted or restored. Every function runs in the
//! request's transaction, as its tenant.

use diesel::result::{DatabaseErrorKind, Error as DbError};
use uuid::Uuid;

use super::store::{self, Row, Write};
use super::{Field, Kind, OnDelete, Resource, Warning, values};
use crate::db::{Tenant, UserId};
use crate::i18n::Lang;
use crate::web::error::AppError;
use crate::web::form::FieldErrors;

/// A form's inputs as text: what was stored, or what the user sent.
pub type Given = Vec<(String, String)>;

/// The text given for `name`, empty when none was.
pub fn given_value<'a>(given: &'a [(String, String)], name: &str) -> &'a str {
    given
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// Parses a posted form: each field's canonical value, or its message.
pub fn parse_fields(
    res: &Resource,
    given: &[(String, String)],
    tz: chrono_tz::Tz,
    t: Lang,
    errors: &mut FieldErrors,
) -> Vec<Option<String>> {
    res.fields
        .iter()
        .map(|field| {
            if res.is_derived(field.column) {
                return None;
            }
            // A field no input names (an unmapped import column) takes its default.
            if let Some(default) = field.default
                && !given.iter().any(|(k, _)| k == field.column)
            {
                return Some(default.to_owned());
            }
            let mut input = given_value(given, field.column);
            // Without JavaScript a relation can be typed by name or id instead of picked.
            if matches!(field.kind, Kind::Relation(_)) && input.trim().is_empty() {
                input = given_value(given, &format!("{}__q", field.column));
            }
            match values::parse(field, input, tz, t) {
                Ok(v) => v,
                Err(message) => {
                    errors.add(field.column, message);
                    None
                }
            }
        })
        .collect()
}

/// Computes the row's derived values, when its table has any.
pub fn fill(
    tenant: &mut Tenant<'_>,
    res: &Resource,
    id: Option<Uuid>,
    values: &mut [Option<String>],
) -> diesel::QueryResult<()> {
    match res.hooks.fill {
        Some(fill) => fill(tenant, id, values),
        None => Ok(()),
    }
}

/// Checks the table's rules against other rows.
pub fn check(
    tenant: &mut Tenant<'_>,
    res: &Resource,
    id: Option<Uuid>,
    values: &[Option<String>],
    t: Lang,
    errors: &mut FieldErrors,
) -> diesel::QueryResult<()> {
    match res.hooks.check {
        Some(check) => check(tenant, id, values, t, errors),
        None => Ok(()),
    }
}

/// What to say before writing a new row that may repeat another, if anything.
pub fn warn(
    tenant: &mut Tenant<'_>,
    res: &Resource,
    values: &[Option<String>],
    t: Lang,
) -> diesel::QueryResult<Option<Warning>> {
    match res.hooks.warn {
        Some(warn) => warn(tenant, values, t),
        None => Ok(None),
    }
}

/// The tick with which a user goes on past a [`Warning`].
pub const CONFIRM_WARNING: &str = "confirm_warning";

/// Brings what depends on a written row up to date.
pub fn after_write(
    tenant: &mut Tenant<'_>,
    res: &Resource,
    id: Uuid,
    before: Option<&[Option<String>]>,
) -> diesel::QueryResult<()> {
    match res.hooks.after_write {
        Some(after) => after(tenant, id, before),
        None => Ok(()),
    }
}

/// The field a unique or check constraint guards, by its name.
fn constraint_field(res: &Resource, constraint: &str) -> Option<&'static Field> {
    let fields: &'static [Field] = res.fields;
    fields
        .iter()
        .filter(|f| constraint.contains(f.column))
        .max_by_key(|f| f.column.len())
}

/// A write refused by the database, as a message on the form; other errors pass on.
pub fn refused_write(
    res: &Resource,
    e: DbError,
    t: Lang,
    errors: &mut FieldErrors,
) -> Result<(), DbError> {
    match &e {
        DbError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
            let field = info
                .constraint_name()
                .and_then(|c| constraint_field(res, c));
            match field {
                Some(f) => errors.add(
                    f.column,
                    t.message("engine-refused-unique")
                        .arg("record", res.singular_in(t))
                        .arg("field", f.label_in(t).to_lowercase())
                        .to_string(),
                ),
                None => errors.add(
                    "",
                    t.message("engine-refused-same")
                        .arg("record", res.singular_in(t))
                        .to_string(),
                ),
            }
            Ok(())
        }
        DbError::DatabaseError(DatabaseErrorKind::CheckViolation, info) => {
            let field = info
                .constraint_name()
                .and_then(|c| constraint_field(res, c));
            match field {
                Some(f) => errors.add(
                    f.column,
                    t.message("engine-refused-range")
                        .arg("field", f.label_in(t))
                        .to_string(),
                ),
                None => errors.add("", t.text("engine-refused-check")),
            }
            Ok(())
        }
        // An exclusion (a timetable's room, class or teacher booked twice at once).
        DbError::DatabaseError(_, info)
            if info.constraint_name().is_some_and(|c| c.ends_with("_free")) =>
        {
            errors.add("", t.text("tt-clash-record"));
            Ok(())
        }
        _ => Err(e),
    }
}

/// A record that is not in the trash; another organization's id is not found either.
pub fn live(tenant: &mut Tenant<'_>, res: &Resource, id: Uuid) -> Result<Row, AppError> {
    let row = store::find(tenant, res, id)?;
    if row.deleted_at.is_some() {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

/// A form sent for a new record (`id` is `None`) or an edit, by the user `by`,
/// who reads its messages in `t`.
pub struct Draft<'a> {
    pub id: Option<Uuid>,
    pub given: &'a [(String, String)],
    pub by: UserId,
    pub t: Lang,
}

impl<'a> Draft<'a> {
    pub fn new(id: Option<Uuid>, given: &'a [(String, String)], by: UserId, t: Lang) -> Draft<'a> {
        Draft { id, given, by, t }
    }
}

/// What became of a form.
pub enum Saved {
    Done(Uuid),
    Invalid(FieldErrors),
    /// Someone else changed the record since the form was opened: theirs, as it is now.
    Stale(Row),
    /// A new record that may repeat another, sent without the confirming tick.
    Unconfirmed(Warning),
}

/// Parses, completes and checks a form's record, then writes it with what follows
/// from it, all or nothing. Returns the outcome and the record as it was before.
pub fn save(
    tenant: &mut Tenant<'_>,
    res: &'static Resource,
    draft: Draft<'_>,
) -> Result<(Saved, Option<Row>), AppError> {
    let current = match draft.id {
        Some(id) => Some(live(tenant, res, id)?),
        None => None,
    };
    store::act_as(tenant, draft.by)?;
    let mut errors = FieldErrors::default();
    let mut parsed = parse_fields(res, draft.given, tenant.time_zone(), draft.t, &mut errors);
    store::resolve_relations(tenant, res, &mut parsed, &mut errors, draft.t)?;
    if errors.is_empty() {
        fill(tenant, res, draft.id, &mut parsed)?;
    }
    values::check_rules(res, &parsed, draft.t, &mut errors);
    if errors.is_empty() {
        check(tenant, res, draft.id, &parsed, draft.t, &mut errors)?;
    }
    if !errors.is_empty() {
        return Ok((Saved::Invalid(errors), current));
    }
    if draft.id.is_none()
        && given_value(draft.given, CONFIRM_WARNING).is_empty()
        && let Some(warning) = warn(tenant, res, &parsed, draft.t)?
    {
        return Ok((Saved::Unconfirmed(warning), current));
    }
    let before = current.as_ref().map(|row| row.raw.clone());
    // A form without a readable stamp counts as stale, never as a blind overwrite.
    let stamp = given_value(draft.given, "updated_at").parse().unwrap_or(0);
    let written = tenant.transaction(|tenant| {
        let written = match draft.id {
            None => store::insert(tenant, res, draft.by, &parsed, None).map(Some),
            Some(id) => store::update(tenant, res, draft.by, id, &parsed, Write::Form { stamp })
                .map(|done| done.then_some(id)),
        }?;
        if let Some(id) = written {
            after_write(tenant, res, id, before.as_deref())?;
        }
        Ok(written)
    });
    let saved = match (written, &current) {
        (Ok(Some(id)), _) => Saved::Done(id),
        (Ok(None), Some(row)) => Saved::Stale(store::find(tenant, res, row.id)?),
        (Ok(None), None) => return Err(AppError::NotFound),
        (Err(e), _) => {
            refused_write(res, e, draft.t, &mut errors)?;
            Saved::Invalid(errors)
        }
    };
    Ok((saved, current))
}

/// What stands in the way of deleting a record, and what would go with it: how
/// many live records of each kind point at it (only kinds with some).
pub struct Consequences {
    pub blocking: Vec<(i64, &'static Resource)>,
    pub cascading: Vec<(i64, &'static Resource)>,
}

/// The live records that point at this one, told as what deleting it would do.
pub fn consequences(
    tenant: &mut Tenant<'_>,
    res: &'static Resource,
    id: Uuid,
) -> diesel::QueryResult<Consequences> {
    let mut found = Consequences {
        blocking: Vec::new(),
        cascading: Vec::new(),
    };
    for child in res.children {
        let n = store::count_children(tenant, child, false, id)?;
        if n == 0 {
            continue;
        }
        match child.on_delete {
            OnDelete::Refuse => found.blocking.push((n, child.resource)),
            OnDelete::Cascade => found.cascading.push((n, child.resource)),
        }
    }
    Ok(found)
}

/// A delete asked for: the record, what stands in its way, and whether it went.
pub struct Deletion {
    pub row: Row,
    pub consequences: Consequences,
    pub deleted: bool,
}

/// Moves a live record (and its cascading children) to the trash, unless records
/// that refuse it still point at it.
pub fn delete(
    tenant: &mut Tenant<'_>,
    res: &'static Resource,
    by: UserId,
    id: Uuid,
) -> Result<Deletion, AppError> {
    let row = live(tenant, res, id)?;
    let consequences = consequences(tenant, res, id)?;
    if !consequences.blocking.is_empty() {
        return Ok(Deletion {
            row,
            consequences,
            deleted: false,
        });
    }
    store::act_as(tenant, by)?;
    let deleted = store::soft_delete(tenant, res, by, id)?;
    if deleted {
        after_write(tenant, res, id, None)?;
    }
    Ok(Deletion {
        row,
        consequences,
        deleted,
    })
}

/// Why a record cannot come back from the trash.
pub enum NotRestored {
    /// The record it belongs to, of this kind, is in the trash.
    ParentInTrash(&'static Resource),
    /// It breaks a rule against the rows now live: the rule's message, if any.
    Refused(Option<String>),
}

/// Brings a record back from the trash: its title, or why it cannot come back
/// (its parent is in the trash, or it breaks a rule against the rows now live).
pub fn restore(
    tenant: &mut Tenant<'_>,
    res: &'static Resource,
    by: UserId,
    id: Uuid,
    t: Lang,
) -> Result<Result<String, NotRestored>, AppError> {
    let row = store::find(tenant, res, id)?;
    if row.deleted_at.is_none() {
        return Ok(Ok(row.title));
    }
    // A record whose parent is in the trash would point at nothing live.
    let mut links = row.raw.clone();
    let mut errors = FieldErrors::default();
    store::resolve_relations(tenant, res, &mut links, &mut errors, t)?;
    if let Some((column, _)) = errors.first()
        && let Some(Kind::Relation(target)) = res.field(column).map(|f| &f.kind)
    {
        return Ok(Err(NotRestored::ParentInTrash(target)));
    }
    check(tenant, res, Some(id), &row.raw, t, &mut errors)?;
    if let Some((_, message)) = errors.first() {
        return Ok(Err(NotRestored::Refused(Some(message.to_owned()))));
    }
    store::act_as(tenant, by)?;
    let restored = tenant.transaction(|tenant| {
        store::restore(tenant, res, by, id)?;
        after_write(tenant, res, id, None)
    });
    match restored {
        Ok(_) => Ok(Ok(row.title)),
        Err(e) => {
            refused_write(res, e, t, &mut errors)?;
            Ok(Err(NotRestored::Refused(
                errors.first().map(|(_, m)| m.to_owned()),
            )))
        }
    }
}
