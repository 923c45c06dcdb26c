//! The people search's reads: one statement per kind of person, scoped to the
//! tenant's organization, with the photos of those found.

use diesel::prelude::*;
use uuid::Uuid;

use super::{Group, Person, PersonKind};
use crate::access::{Access, Action, Permission};
use crate::db::Tenant;
use crate::db::text::{self, Whole};

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    detail: String,
}

/// Up to `limit` people of one kind in the organization whose name, number, e-mail
/// or phone contains every term, accents and case aside; one whose number, e-mail or
/// phone is the whole query comes first.
pub fn find_people(
    tenant: &mut Tenant<'_>,
    kind: PersonKind,
    terms: &[String],
    whole: Option<&Whole>,
    limit: usize,
) -> QueryResult<Group> {
    let spec = kind.spec();
    // Text parameters after the organization ($1), numbered as they are added.
    let mut texts: Vec<String> = Vec::new();
    let mut bind = |value: String| {
        texts.push(value);
        format!("${}", texts.len() + 1)
    };
    let patterns: Vec<String> = terms
        .iter()
        .map(|t| bind(text::contains_pattern(t)))
        .collect();
    let matched = if patterns.is_empty() {
        "true".to_owned()
    } else {
        let folded = text::folded(spec.columns);
        let each: Vec<String> = patterns.iter().map(|p| text::holds(&folded, p)).collect();
        each.join(" AND ")
    };
    let first = match whole {
        Some(whole) => {
            let at = bind(whole.text.clone());
            let digits_at = whole.digits.clone().map(&mut bind);
            format!(
                "{} DESC, ",
                whole.matches(spec.columns, &at, digits_at.as_deref())
            )
        }
        None => String::new(),
    };
    let sql = format!(
        "SELECT id, {name} AS name, {detail} AS detail FROM {table} \
         WHERE organization_id = $1 AND deleted_at IS NULL AND {matched} \
         ORDER BY {first}{order} LIMIT {limit}",
        name = spec.name,
        detail = spec.detail,
        table = spec.table,
        order = spec.order,
        limit = limit + 1,
    );
    let mut query = diesel::sql_query(sql)
        .into_boxed::<diesel::pg::Pg>()
        .bind::<diesel::sql_types::Uuid, _>(tenant.organization());
    for value in texts {
        query = query.bind::<diesel::sql_types::Text, _>(value);
    }
    let mut rows: Vec<Row> = query.load(tenant.conn())?;
    let more = rows.len() > limit;
    rows.truncate(limit);
    Ok(Group {
        kind,
        people: rows
            .into_iter()
            .map(|r| Person {
                path: kind.path(r.id),
                id: r.id,
                name: r.name,
                detail: r.detail,
                photo: None,
                photo_page: None,
            })
            .collect(),
        more,
    })
}

/// Every kind the user may read, searched; students and staff with their photos.
pub fn search_people(
    tenant: &mut Tenant<'_>,
    access: &Access,
    terms: &[String],
    whole: Option<&Whole>,
    limit: usize,
) -> QueryResult<Vec<Group>> {
    let mut groups = Vec::new();
    for kind in PersonKind::ALL {
        if !access.can_read(kind.entity()) {
            continue;
        }
        let mut group = find_people(tenant, kind, terms, whole, limit)?;
        if let Some(photo_kind) = kind.photo_kind() {
            let ids: Vec<Uuid> = group.people.iter().map(|p| p.id).collect();
            let mut photos = crate::files::photo_thumbnails(tenant, photo_kind, &ids)?;
            let can_change = access.can(Permission::new(Action::Update, photo_kind.entity()));
            for person in &mut group.people {
                person.photo = photos.remove(&person.id);
                person.photo_page = can_change.then(|| {
                    format!(
                        "/files?entity_type={}&entity_id={}",
                        photo_kind.table(),
                        person.id
                    )
                });
            }
        }
        groups.push(group);
    }
    Ok(groups)
}
