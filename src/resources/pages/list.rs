//! The list of a resource's records (search, filters, sort, pages) and the choices
//! of a relation picker.

use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use uuid::Uuid;

use super::{Opt, PICKER_SIZE, ResView};
use crate::db::Tenant;
use crate::i18n::{Lang, msg};
use crate::resources::store::{self, ListState, Row};
use crate::resources::{Field, Kind, Resource};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::format::Locale;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{htmx, render};

pub struct Column {
    pub label: String,
    /// The address sorting by this column (the other way when it already sorts).
    pub sort_href: Option<String>,
    /// "ascending" / "descending" when the list is sorted by it.
    pub sorted: &'static str,
}

pub struct TableRow {
    pub href: String,
    pub title: String,
    pub cells: Vec<String>,
}

/// Rows of one resource as a table.
pub struct Table {
    /// The leading column, the record's name.
    pub name: Column,
    pub columns: Vec<Column>,
    pub rows: Vec<TableRow>,
}

/// The list's columns: listed fields, except those of the name (it leads every row)
/// and, in a parent's tab, the link back to that parent.
fn listed<'a>(
    res: &'a Resource,
    back: Option<&'a str>,
) -> impl Iterator<Item = (usize, &'a Field)> {
    res.fields.iter().enumerate().filter(move |(_, f)| {
        f.list && !f.naming && f.column != res.title && Some(f.column) != back
    })
}

/// A column's header: sortable when the list is, by `field`.
fn column(
    res: &'static Resource,
    label: String,
    field: Option<&Field>,
    state: Option<&ListState>,
) -> Column {
    let current = state
        .and_then(|s| s.sort)
        .filter(|(s, _)| field.is_some_and(|f| f.column == s.column));
    let sorted = match current {
        Some((_, true)) => "descending",
        Some((_, false)) => "ascending",
        None => "",
    };
    let sort_href = state.zip(field.filter(|f| f.sort)).map(|(s, f)| {
        let desc = matches!(current, Some((_, false)));
        format!("{}?{}", res.path(), s.query(Some((f, desc)), 1))
    });
    Column {
        label,
        sort_href,
        sorted,
    }
}

/// `rows` as a table; `state` gives sortable headers, `back` leaves out a tab's parent.
pub fn table(
    res: &'static Resource,
    rows: &[Row],
    state: Option<&ListState>,
    back: Option<&str>,
    locale: &Locale,
) -> Table {
    let fields: &'static [Field] = res.fields;
    let name_sort = fields
        .iter()
        .find(|f| f.sort && (f.naming || f.column == res.title));
    let name = column(res, locale.t.text("engine-column-name"), name_sort, state);
    let columns = listed(res, back)
        .map(|(_, f)| column(res, f.label_in(locale.t), Some(f), state))
        .collect();
    let rows = rows
        .iter()
        .map(|row| TableRow {
            href: match res.entity {
                // A student's name opens their profile; the record page stays a link away.
                crate::access::Entity::Students => crate::students::profile_path(row.id),
                _ => format!("{}/{}", res.path(), row.id),
            },
            title: row.title.clone(),
            cells: listed(res, back)
                .map(|(i, _)| row.shown(res, i, locale))
                .collect(),
        })
        .collect();
    Table {
        name,
        columns,
        rows,
    }
}

pub struct FilterView {
    pub name: &'static str,
    pub label: String,
    /// "select", or "range" with `input` the input type of both ends.
    pub kind: &'static str,
    pub input: &'static str,
    pub options: Vec<Opt>,
    /// A relation with more than [`FILTER_CHOICES`] records: what was typed to find
    /// one, and where its choices come from as one types.
    pub search: String,
    pub options_href: Option<String>,
    pub from: String,
    pub to: String,
}

/// How many records a relation's filter lists before it asks to type a name.
const FILTER_CHOICES: i64 = 25;

fn filter_views(
    tenant: &mut Tenant<'_>,
    res: &Resource,
    state: &ListState,
    query: &[(String, String)],
    t: Lang,
) -> diesel::QueryResult<Vec<FilterView>> {
    let mut views = Vec::new();
    for column in res.filters {
        let Some(field) = res.field(column) else {
            continue;
        };
        let selected = state.equals(column).unwrap_or("");
        let mut search = String::new();
        let mut options_href = None;
        let (kind, input, options) = match &field.kind {
            Kind::Choice { .. } | Kind::Flag => (
                "select",
                "",
                Opt::fixed(&field.kind, selected, t).unwrap_or_default(),
            ),
            Kind::Relation(target) => {
                let current = Uuid::parse_str(selected).ok();
                // Typed without JavaScript and sent with the form, as the record form does.
                let typed = format!("{column}__q");
                search = query
                    .iter()
                    .find(|(k, _)| *k == typed)
                    .map(|(_, v)| input::strip_controls(v.trim()))
                    .unwrap_or_default();
                let mut found =
                    store::choices(tenant, target, &search, current, FILTER_CHOICES + 1)?;
                if found.len() as i64 > FILTER_CHOICES || !search.is_empty() {
                    found.truncate(FILTER_CHOICES as usize);
                    options_href = Some(format!("{}/options?blank=Any", target.path()));
                }
                (
                    "select",
                    "",
                    found.into_iter().map(|c| Opt::of(c, current)).collect(),
                )
            }
            Kind::Date => ("range", "date", Vec::new()),
            Kind::Integer { .. } => ("range", "number", Vec::new()),
            _ => continue,
        };
        let (from, to) = state.range(column);
        views.push(FilterView {
            name: field.column,
            label: field.label_in(t),
            kind,
            input,
            options,
            search,
            options_href,
            from: from.unwrap_or("").to_owned(),
            to: to.unwrap_or("").to_owned(),
        });
    }
    Ok(views)
}

pub struct Results {
    pub table: Table,
    pub filtered: bool,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub export_href: String,
}

impl Results {
    fn new(
        res: &'static Resource,
        rows: &[Row],
        more: bool,
        state: &ListState,
        locale: &Locale,
    ) -> Results {
        let link = |p: i64| format!("{}?{}", res.path(), state.query(state.sort, p));
        Results {
            table: table(res, rows, Some(state), None, locale),
            filtered: state.is_filtered(),
            previous: (state.page > 1).then(|| link(state.page - 1)),
            next: more.then(|| link(state.page + 1)),
            export_href: format!("{}/export.csv?{}", res.path(), state.query(state.sort, 1)),
        }
    }
}

#[derive(Template)]
#[template(path = "resources/list.html")]
struct ListPage {
    layout: Layout,
    t: Lang,
    res: ResView,
    q: String,
    sort: String,
    searchable: bool,
    filters: Vec<FilterView>,
    results: Results,
}

#[derive(Template)]
#[template(path = "resources/list.html", block = "results")]
struct ListResults {
    t: Lang,
    res: ResView,
    results: Results,
}

/// The results alone, for htmx; the address bar shows the list's own query,
/// without the form's empty fields.
fn results_fragment(
    res: &'static Resource,
    view: ResView,
    results: Results,
    state: &ListState,
    t: Lang,
) -> Result<HttpResponse, AppError> {
    let query = state.query(state.sort, state.page);
    let address = if query.is_empty() {
        res.path().to_owned()
    } else {
        format!("{}?{query}", res.path())
    };
    let mut response = render(&ListResults {
        t,
        res: view,
        results,
    })?;
    if let Ok(value) = HeaderValue::from_str(&address) {
        response
            .headers_mut()
            .insert(HeaderName::from_static("hx-push-url"), value);
    }
    Ok(response)
}

pub async fn list(
    res: &'static Resource,
    req: HttpRequest,
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let tz = page.access.time_zone;
    let list_state = ListState {
        global: page.access.global_access,
        ..ListState::parse(res, &query, tz)
    };
    let fragment = htmx::wants_fragment(&req);
    let st = list_state.clone();
    let pairs = query.into_inner();
    let t = page.t;
    let (rows, more, filters) = run_in(&state.pool, page.access.actor(), move |tenant| {
        let (rows, more) = store::list(tenant, res, false, &st)?;
        let filters = (!fragment).then(|| filter_views(tenant, res, &st, &pairs, t));
        Ok((rows, more, filters.transpose()?.unwrap_or_default()))
    })
    .await?;
    let results = Results::new(res, &rows, more, &list_state, &page.locale());
    let view = ResView::new(res, &page.access, t);
    if fragment {
        return results_fragment(res, view, results, &list_state, t);
    }
    render(&ListPage {
        layout: page.layout(view.label.clone()),
        t,
        res: view,
        q: list_state.q.clone(),
        sort: list_state.sort_param(),
        searchable: true,
        filters,
        results,
    })
}

#[derive(Template)]
#[template(path = "resources/options.html")]
struct OptionsFragment {
    /// The empty choice: "Choose…" in a form, "Any" in a list's filter.
    blank: String,
    options: Vec<Opt>,
}

/// Choices for a relation picker: `…__q` is what was typed, a uuid value the current choice.
pub async fn options(
    res: &'static Resource,
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let q: String = query
        .iter()
        .find(|(k, _)| k == "q" || k.ends_with("__q"))
        .map(|(_, v)| v.trim().chars().take(100).collect())
        .unwrap_or_default();
    let current = query.iter().find_map(|(_, v)| Uuid::parse_str(v).ok());
    let filter = query.iter().any(|(k, v)| k == "blank" && v == "Any");
    let found = run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok(store::choices(tenant, res, &q, current, PICKER_SIZE)?)
    })
    .await?;
    render(&OptionsFragment {
        blank: page.t.text(if filter {
            msg("engine-filter-any")
        } else {
            msg("engine-choose")
        }),
        options: found.into_iter().map(|c| Opt::of(c, current)).collect(),
    })
}
