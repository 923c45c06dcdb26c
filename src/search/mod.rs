//! The people search in every page's header: students, staff and guardians by name,
//! number or e-mail. htmx asks as the user types and shows a short list under the box;
//! without JavaScript the same address is a full results page.

mod queries;

pub use queries::find_people;

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use crate::access::{Entity, Gate, Routes};
use crate::db::text::Whole;
use crate::files::EntityKind;
use crate::i18n::Lang;
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

/// How one kind is searched: its columns (those of its records' search) folded
/// together must hold every word, and are each compared with the whole query.
/// Ordering by `lower(…)` sorts names as people read them.
struct SearchSpec {
    table: &'static str,
    columns: &'static [&'static str],
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

    /// The person's own page (architecture.md's URL scheme); a guardian's is the
    /// person's, with all their children, not one link's.
    pub fn path(self, id: Uuid) -> String {
        match self {
            PersonKind::Guardian => format!("/guardian-people/{id}"),
            PersonKind::Student => crate::students::profile_path(id),
            _ => format!("/{}/{id}", self.entity().table()),
        }
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
                columns: &[
                    "first_name",
                    "last_name",
                    "student_number",
                    "email",
                    "phone",
                ],
                name: "first_name || ' ' || last_name",
                detail: "concat_ws(' · ', student_number, email)",
                order: "lower(last_name), lower(first_name), id",
            },
            PersonKind::Staff => SearchSpec {
                table: "staff",
                columns: &[
                    "first_name",
                    "last_name",
                    "employee_number",
                    "email",
                    "phone",
                ],
                name: "coalesce(nullif(concat_ws(' ', first_name, last_name), ''), email, 'Staff member')",
                detail: "concat_ws(' · ', employee_number, job_title, email)",
                order: "lower(last_name) NULLS LAST, lower(first_name), id",
            },
            // Each parent once, however many children they have (guardian_people).
            PersonKind::Guardian => SearchSpec {
                table: "guardian_people",
                columns: &["full_name", "email", "phone"],
                name: "full_name",
                detail: "concat_ws(' · ', email, phone)",
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

/// Fewer letters than this match too much to be useful, except in scripts written
/// without spaces, where one character is a whole surname (王, 李).
const MIN_QUERY_CHARS: usize = 2;
const DROPDOWN_LIMIT: usize = 8;
const PAGE_LIMIT: usize = 50;

#[derive(Deserialize)]
struct SearchQuery {
    q: Option<String>,
}

impl SearchQuery {
    /// What was asked: trimmed, at most 100 characters.
    fn asked(self) -> String {
        self.q
            .unwrap_or_default()
            .trim()
            .chars()
            .take(100)
            .collect()
    }
}

/// What the results list says, besides the groups.
pub struct Results {
    /// The reader's language.
    pub t: Lang,
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

/// Han, kana and Hangul: one of these is a name, or a name's first syllable.
fn is_written_without_spaces(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'       // hiragana, katakana
        | '\u{31F0}'..='\u{31FF}'     // katakana for Ainu
        | '\u{3400}'..='\u{4DBF}'     // Han, extension A
        | '\u{4E00}'..='\u{9FFF}'     // Han
        | '\u{F900}'..='\u{FAFF}'     // Han compatibility
        | '\u{FF66}'..='\u{FF9F}'     // half-width katakana
        | '\u{1100}'..='\u{11FF}'     // Hangul jamo
        | '\u{3130}'..='\u{318F}'     // Hangul compatibility jamo
        | '\u{AC00}'..='\u{D7AF}'     // Hangul syllables
        | '\u{20000}'..='\u{3134F}'   // Han, extensions B to G
    )
}

async fn search(
    page: Page,
    state: web::Data<AppState>,
    req: HttpRequest,
    query: input::Query<SearchQuery>,
) -> Result<HttpResponse, AppError> {
    let text = query.into_inner().asked();
    let dropdown = wants_fragment(&req);
    let can_search = PersonKind::ALL
        .iter()
        .any(|k| page.access.can_read(k.entity()));
    let too_short = text.chars().filter(|c| !c.is_whitespace()).count() < MIN_QUERY_CHARS
        && !text.chars().any(is_written_without_spaces);
    let groups = if can_search && !too_short {
        let (terms, whole) = (terms(&text), Whole::new(&text));
        let access = page.access.clone();
        let limit = if dropdown { DROPDOWN_LIMIT } else { PAGE_LIMIT };
        crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
            Ok(queries::search_people(
                tenant,
                &access,
                &terms,
                whole.as_ref(),
                limit,
            )?)
        })
        .await?
    } else {
        Vec::new()
    };
    let results = Results {
        t: page.t,
        query: text,
        groups,
        dropdown,
        can_search,
        too_short,
    };
    show(page, results)
}

/// The results as the dropdown under the box, or as the search page.
fn show(page: Page, results: Results) -> Result<HttpResponse, AppError> {
    if results.dropdown {
        return render(&ResultsFragment { results });
    }
    let t = page.t;
    let title = if results.query.is_empty() {
        t.text("search-title")
    } else {
        t.message("search-title-for")
            .arg("query", results.query.as_str())
            .to_string()
    };
    render(&SearchPage {
        layout: page.layout(title),
        results,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::text;

    #[test]
    fn every_word_is_matched_literally() {
        assert_eq!(terms("  Ada   LOVELACE "), vec!["ada", "lovelace"]);
        assert_eq!(text::contains_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
        assert_eq!(terms("a b c d e f g").len(), 5);
    }

    #[test]
    fn one_han_kana_or_hangul_character_is_a_search() {
        for c in ['王', '李', 'さ', 'ア', '김', '𠀋'] {
            assert!(is_written_without_spaces(c), "{c}");
        }
        for c in ['a', 'é', 'Ж', '7', '。'] {
            assert!(!is_written_without_spaces(c), "{c}");
        }
    }

    #[test]
    fn people_link_to_their_own_pages() {
        let id = Uuid::nil();
        assert_eq!(
            PersonKind::Guardian.path(id),
            format!("/guardian-people/{id}")
        );
        assert_eq!(PersonKind::Staff.path(id), format!("/staff/{id}"));
    }
}
