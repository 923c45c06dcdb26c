//! The people search in every page's header: students, staff and guardians by name,
//! number or e-mail. htmx asks as the user types and shows a short list under the box;
//! without JavaScript the same address is a full results page.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use diesel::prelude::*;
use serde::Deserialize;
use uuid::Uuid;

use crate::access::{Access, Action, Entity, Gate, Permission, Routes};
use crate::files::EntityKind;
use crate::state::AppState;
use crate::web::error::{AppError, encode_query_value};
use crate::web::htmx::wants_fragment;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::render;

pub fn routes(r: &mut Routes) {
    // Each kind of person shows only to users who may read it; checked inside.
    r.get("/search", Gate::SignedIn, search);
}

/// Who the search looks through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PersonKind {
    Student,
    Staff,
    Guardian,
}

/// How one kind is searched: the matched text is exactly the expression its trigram
/// index (`<table>_search_trgm`, migration 000035) is built on, so the index serves it.
/// Ordering by `lower(…)` sorts names as people read them and, matching no b-tree
/// index, keeps the planner on the trigram index instead of walking the name index.
struct SearchSpec {
    table: &'static str,
    matched: &'static str,
    name: &'static str,
    detail: &'static str,
    order: &'static str,
}

impl PersonKind {
    pub const ALL: [PersonKind; 3] = [PersonKind::Student, PersonKind::Staff, PersonKind::Guardian];

    pub fn entity(self) -> Entity {
        match self {
            PersonKind::Student => Entity::Students,
            PersonKind::Staff => Entity::Staff,
            PersonKind::Guardian => Entity::Guardians,
        }
    }

    pub fn heading(self) -> &'static str {
        self.entity().label()
    }

    /// The person's own page (architecture.md's URL scheme).
    pub fn path(self, id: Uuid) -> String {
        format!("/{}/{id}", self.entity().table())
    }

    /// The record kind whose photo a person of this kind has.
    fn photo_kind(self) -> Option<EntityKind> {
        match self {
            PersonKind::Student => Some(EntityKind::Student),
            PersonKind::Staff => Some(EntityKind::Staff),
            PersonKind::Guardian => None,
        }
    }

    fn spec(self) -> SearchSpec {
        match self {
            PersonKind::Student => SearchSpec {
                table: "students",
                matched: "lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || \
                          coalesce(student_number, '') || ' ' || coalesce(email, ''))",
                name: "first_name || ' ' || last_name",
                detail: "concat_ws(' · ', student_number, email)",
                order: "lower(last_name), lower(first_name), id",
            },
            PersonKind::Staff => SearchSpec {
                table: "staff",
                matched: "lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || \
                          coalesce(employee_number, '') || ' ' || coalesce(email, ''))",
                name: "coalesce(nullif(concat_ws(' ', first_name, last_name), ''), email, 'Staff member')",
                detail: "concat_ws(' · ', employee_number, job_title, email)",
                order: "lower(last_name) NULLS LAST, lower(first_name), id",
            },
            PersonKind::Guardian => SearchSpec {
                table: "guardians",
                matched: "lower(coalesce(full_name, '') || ' ' || coalesce(email, '') || ' ' || \
                          coalesce(phone, ''))",
                name: "full_name",
                detail: "concat_ws(' · ', initcap(relationship::text), email, phone)",
                order: "lower(full_name), id",
            },
        }
    }
}

/// One person found.
pub struct Person {
    pub id: Uuid,
    pub name: String,
    pub detail: String,
    pub path: String,
    pub photo: Option<String>,
    /// Where the photo is changed, for users who may.
    pub photo_page: Option<String>,
}

/// The people of one kind that match, at most the limit (`more` when there are others).
pub struct Group {
    pub kind: PersonKind,
    pub people: Vec<Person>,
    pub more: bool,
}

/// The words of a query, lower-cased, each to appear somewhere in the person's text.
pub fn terms(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .take(5)
        .map(|t| t.chars().take(60).collect::<String>().to_lowercase())
        .collect()
}

/// `%term%`, with LIKE's own wildcards taken literally.
fn contains_pattern(term: &str) -> String {
    let mut out = String::with_capacity(term.len() + 2);
    out.push('%');
    for c in term.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    detail: String,
}

/// Up to `limit` people of one kind in the organization whose name, number or
/// e-mail contains every term.
pub fn find_people(
    conn: &mut PgConnection,
    organization_id: Uuid,
    kind: PersonKind,
    terms: &[String],
    limit: usize,
) -> QueryResult<Group> {
    let spec = kind.spec();
    let mut sql = format!(
        "SELECT id, {name} AS name, {detail} AS detail FROM {table} \
         WHERE organization_id = $1 AND deleted_at IS NULL",
        name = spec.name,
        detail = spec.detail,
        table = spec.table,
    );
    for n in 0..terms.len() {
        sql.push_str(&format!(" AND {} LIKE ${}", spec.matched, n + 2));
    }
    sql.push_str(&format!(" ORDER BY {} LIMIT {}", spec.order, limit + 1));
    let mut query = diesel::sql_query(sql)
        .into_boxed::<diesel::pg::Pg>()
        .bind::<diesel::sql_types::Uuid, _>(organization_id);
    for term in terms {
        query = query.bind::<diesel::sql_types::Text, _>(contains_pattern(term));
    }
    let mut rows: Vec<Row> = query.load(conn)?;
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
    conn: &mut PgConnection,
    access: &Access,
    terms: &[String],
    limit: usize,
) -> QueryResult<Vec<Group>> {
    let org = access.organization_id;
    let mut groups = Vec::new();
    for kind in PersonKind::ALL {
        if !access.can_read(kind.entity()) {
            continue;
        }
        let mut group = find_people(conn, org, kind, terms, limit)?;
        if let Some(photo_kind) = kind.photo_kind() {
            let ids: Vec<Uuid> = group.people.iter().map(|p| p.id).collect();
            let mut photos = crate::files::photo_thumbnails(conn, org, photo_kind, &ids)?;
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

/// Fewer letters than this match too much to be useful.
const MIN_QUERY_CHARS: usize = 2;
const DROPDOWN_LIMIT: usize = 8;
const PAGE_LIMIT: usize = 50;

#[derive(Deserialize)]
struct SearchQuery {
    q: Option<String>,
}

/// What the results list says, besides the groups.
pub struct Results {
    pub query: String,
    pub groups: Vec<Group>,
    /// The list under the header's box, rather than the full page.
    pub dropdown: bool,
    pub can_search: bool,
    pub too_short: bool,
}

impl Results {
    pub fn is_empty(&self) -> bool {
        self.groups.iter().all(|g| g.people.is_empty())
    }

    pub fn all_results_url(&self) -> String {
        format!("/search?q={}", encode_query_value(&self.query))
    }
}

#[derive(Template)]
#[template(path = "search/search.html")]
struct SearchPage {
    layout: Layout,
    results: Results,
}

#[derive(Template)]
#[template(path = "search/results.html")]
struct ResultsFragment {
    results: Results,
}

async fn search(
    page: Page,
    state: web::Data<AppState>,
    req: HttpRequest,
    query: input::Query<SearchQuery>,
) -> Result<HttpResponse, AppError> {
    let text: String = query
        .into_inner()
        .q
        .unwrap_or_default()
        .trim()
        .chars()
        .take(100)
        .collect();
    let dropdown = wants_fragment(&req);
    let can_search = PersonKind::ALL
        .iter()
        .any(|k| page.access.can_read(k.entity()));
    let too_short = text.chars().filter(|c| !c.is_whitespace()).count() < MIN_QUERY_CHARS;
    let groups = if can_search && !too_short {
        let terms = terms(&text);
        let access = page.access.clone();
        let limit = if dropdown { DROPDOWN_LIMIT } else { PAGE_LIMIT };
        crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
            let conn = tenant.conn();
            Ok(search_people(conn, &access, &terms, limit)?)
        })
        .await?
    } else {
        Vec::new()
    };
    let results = Results {
        query: text,
        groups,
        dropdown,
        can_search,
        too_short,
    };
    if dropdown {
        render(&ResultsFragment { results })
    } else {
        let title = if results.query.is_empty() {
            "Search".to_owned()
        } else {
            format!("Search: {}", results.query)
        };
        render(&SearchPage {
            layout: page.layout(title),
            results,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_matched_literally() {
        assert_eq!(terms("  Ada   LOVELACE "), vec!["ada", "lovelace"]);
        assert_eq!(contains_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
        assert_eq!(terms("a b c d e f g").len(), 5);
    }

    #[test]
    fn people_link_to_their_own_pages() {
        let id = Uuid::nil();
        assert_eq!(PersonKind::Guardian.path(id), format!("/guardians/{id}"));
        assert_eq!(PersonKind::Staff.path(id), format!("/staff/{id}"));
    }
}
