//! The SQL of the engine. Table and column names come only from the static
//! descriptions; every value is a bound parameter. Each query starts from the base
//! query: rows of this organization (and live, unless the trash is asked for).

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::query_builder::BoxedSqlQuery;
use diesel::sql_types::{Array, BigInt, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use crate::db::{Tenant, UserId};
use crate::i18n::{Lang, msg};
use crate::web::form::FieldErrors;
use crate::web::format::Locale;

use super::values;
use super::{Child, Field, Kind, Mode, OnDelete, Resource};
use crate::db::text::{self, Whole};

pub const PAGE_SIZE: i64 = 50;

enum Bind {
    Uuid(Uuid),
    Text(Option<String>),
    Int(i64),
}

/// SQL text with its parameters, numbered as they are added.
#[derive(Default)]
pub struct Sql {
    text: String,
    binds: Vec<Bind>,
}

impl Sql {
    pub fn new(text: impl Into<String>) -> Sql {
        Sql {
            text: text.into(),
            binds: Vec::new(),
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    fn placeholder(&mut self, bind: Bind) -> String {
        self.binds.push(bind);
        format!("${}", self.binds.len())
    }

    pub fn uuid(&mut self, v: Uuid) -> String {
        self.placeholder(Bind::Uuid(v))
    }

    pub fn text(&mut self, v: Option<String>) -> String {
        self.placeholder(Bind::Text(v))
    }

    pub fn int(&mut self, v: i64) -> String {
        self.placeholder(Bind::Int(v))
    }

    fn query(self) -> BoxedSqlQuery<'static, Pg, diesel::query_builder::SqlQuery> {
        let mut q = diesel::sql_query(self.text).into_boxed::<Pg>();
        for b in self.binds {
            q = match b {
                Bind::Uuid(v) => q.bind::<SqlUuid, _>(v),
                Bind::Text(v) => q.bind::<Nullable<Text>, _>(v),
                Bind::Int(v) => q.bind::<BigInt, _>(v),
            };
        }
        q
    }

    pub fn load<T: QueryableByName<Pg> + 'static>(
        self,
        conn: &mut PgConnection,
    ) -> QueryResult<Vec<T>> {
        self.query().load(conn)
    }

    pub fn execute(self, conn: &mut PgConnection) -> QueryResult<usize> {
        self.query().execute(conn)
    }
}

/// One record with every field as text, relations' names, and who changed it when.
#[derive(QueryableByName, Clone)]
pub struct Row {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = Array<Nullable<Text>>)]
    pub raw: Vec<Option<String>>,
    #[diesel(sql_type = Array<Nullable<Text>>)]
    pub titles: Vec<Option<String>>,
    #[diesel(sql_type = Text)]
    pub title: String,
    #[diesel(sql_type = Timestamptz)]
    pub created_at: DateTime<Utc>,
    #[diesel(sql_type = Timestamptz)]
    pub updated_at: DateTime<Utc>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub deleted_at: Option<DateTime<Utc>>,
    /// updated_at exactly as stored, for the edit form's optimistic lock.
    #[diesel(sql_type = Text)]
    pub stamp: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub created_by: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub updated_by: Option<String>,
}

impl Row {
    pub fn raw(&self, i: usize) -> Option<&str> {
        self.raw.get(i).and_then(|v| v.as_deref())
    }

    pub fn shown(&self, res: &Resource, i: usize, locale: &Locale) -> String {
        let title = self.titles.get(i).and_then(|v| v.as_deref());
        values::show(&res.fields[i], self.raw(i), title, locale)
    }
}

/// A relation's name: the target's title for the id in `t.column`.
fn relation_title(column: &str, target: &Resource) -> String {
    format!(
        "(SELECT {} FROM {} r WHERE r.id = t.{column})",
        target.title,
        target.table()
    )
}

fn user_name(column: &str) -> String {
    format!(
        "(SELECT coalesce(nullif(concat_ws(' ', u.first_name, u.last_name), ''), u.email) \
         FROM users u WHERE u.id = t.{column})"
    )
}

/// Where a [`Row`]'s relation names come from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Titles {
    /// A subquery per row and relation, for a page's few rows.
    PerRow,
    /// Left empty by the query and filled in for a whole batch (see [`next_batch`]).
    PerBatch,
}

/// `SELECT … FROM table t` for [`Row`]; who changed it only when a page shows it.
fn select(res: &Resource, with_people: bool, titles: Titles) -> String {
    let raw: Vec<String> = res.fields.iter().map(values::read_sql).collect();
    let titles: Vec<String> = res
        .fields
        .iter()
        .map(|f| match f.kind {
            Kind::Relation(target) if titles == Titles::PerRow => relation_title(f.column, target),
            _ => "NULL::text".to_owned(),
        })
        .collect();
    let (created_by, updated_by) = if with_people && res.soft_deletes() {
        (user_name("created_by_id"), user_name("updated_by_id"))
    } else {
        ("NULL::text".to_owned(), "NULL::text".to_owned())
    };
    // A log row is written once: when it was written is all it has.
    let (updated_at, deleted_at) = if res.soft_deletes() {
        ("t.updated_at", "t.deleted_at")
    } else {
        ("t.created_at", "NULL::timestamptz")
    };
    format!(
        "SELECT t.id, ARRAY[{}]::text[] AS raw, ARRAY[{}]::text[] AS titles, \
         coalesce(({}), '') AS title, t.created_at, {updated_at} AS updated_at, {deleted_at} AS deleted_at, \
         (extract(epoch FROM {updated_at}) * 1000000)::bigint::text AS stamp, {created_by} AS created_by, {updated_by} AS updated_by \
         FROM {} t",
        raw.join(", "),
        titles.join(", "),
        res.title,
        res.table()
    )
}

/// A filter on the list, already parsed into the column's domain.
#[derive(Clone)]
pub enum Filter {
    Equals(String),
    Range(Option<String>, Option<String>),
}

/// The list as the address describes it.
#[derive(Clone, Default)]
pub struct ListState {
    pub q: String,
    pub filters: Vec<(&'static Field, Filter)>,
    pub sort: Option<(&'static Field, bool)>,
    pub page: i64,
    /// The reader is a global user (who also reads a log's install-wide rows).
    pub global: bool,
}

impl ListState {
    /// Reads `q`, `page`, `sort` (`-column` for descending) and one parameter per
    /// filter (`column`, or `column_from`/`column_to` for dates); unusable values are ignored.
    pub fn parse(
        res: &'static Resource,
        pairs: &[(String, String)],
        time_zone: chrono_tz::Tz,
    ) -> ListState {
        let get = |key: &str| {
            pairs
                .iter()
                .find(|(k, v)| k == key && !v.trim().is_empty())
                .map(|(_, v)| v.trim())
        };
        let q: String = get("q").unwrap_or("").chars().take(100).collect();
        let page = get("page")
            .and_then(|p| p.parse().ok())
            .filter(|p| (1..=10_000).contains(p))
            .unwrap_or(1);
        let sort = get("sort").and_then(|s| {
            let (column, desc) = match s.strip_prefix('-') {
                Some(c) => (c, true),
                None => (s, false),
            };
            res.field(column).filter(|f| f.sort).map(|f| (f, desc))
        });
        let fields: &'static [Field] = res.fields;
        let mut filters = Vec::new();
        for field in fields {
            let parsed = |v: &str| {
                values::parse(field, v, time_zone, crate::i18n::Lang::default())
                    .ok()
                    .flatten()
            };
            match field.kind {
                Kind::Date | Kind::Timestamp | Kind::Integer { .. } => {
                    let from = get(&format!("{}_from", field.column)).and_then(parsed);
                    let to = get(&format!("{}_to", field.column)).and_then(parsed);
                    if from.is_some() || to.is_some() {
                        filters.push((field, Filter::Range(from, to)));
                    }
                }
                Kind::Relation(_) => {
                    if let Some(id) = get(field.column).and_then(|v| Uuid::parse_str(v).ok()) {
                        filters.push((field, Filter::Equals(id.to_string())));
                    }
                }
                Kind::Choice { .. } | Kind::Flag => {
                    if let Some(v) = get(field.column).and_then(parsed) {
                        filters.push((field, Filter::Equals(v)));
                    }
                }
                _ => {}
            }
        }
        ListState {
            q: q.trim().to_owned(),
            filters,
            sort,
            page,
            global: false,
        }
    }

    pub fn equals(&self, column: &str) -> Option<&str> {
        self.filters.iter().find_map(|(f, v)| match v {
            Filter::Equals(v) if f.column == column => Some(v.as_str()),
            _ => None,
        })
    }

    pub fn range(&self, column: &str) -> (Option<&str>, Option<&str>) {
        self.filters
            .iter()
            .find_map(|(f, v)| match v {
                Filter::Range(a, b) if f.column == column => Some((a.as_deref(), b.as_deref())),
                _ => None,
            })
            .unwrap_or((None, None))
    }

    /// The `sort` parameter of this state (`-column` for descending), empty when unsorted.
    pub fn sort_param(&self) -> String {
        self.sort
            .map(|(f, desc)| format!("{}{}", if desc { "-" } else { "" }, f.column))
            .unwrap_or_default()
    }

    pub fn is_filtered(&self) -> bool {
        !self.q.is_empty() || !self.filters.is_empty()
    }

    /// The query string of this state, changed by `sort` and `page`.
    pub fn query(&self, sort: Option<(&Field, bool)>, page: i64) -> String {
        let mut pairs: Vec<(String, String)> = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q".into(), self.q.clone()));
        }
        for (field, filter) in &self.filters {
            match filter {
                Filter::Equals(v) => pairs.push((field.column.into(), v.clone())),
                Filter::Range(from, to) => {
                    if let Some(v) = from {
                        pairs.push((format!("{}_from", field.column), v.clone()));
                    }
                    if let Some(v) = to {
                        pairs.push((format!("{}_to", field.column), v.clone()));
                    }
                }
            }
        }
        if let Some((field, desc)) = sort {
            let sign = if desc { "-" } else { "" };
            pairs.push(("sort".into(), format!("{sign}{}", field.column)));
        }
        if page > 1 {
            pairs.push(("page".into(), page.to_string()));
        }
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }
}

/// The columns a search looks in (the title when none are named).
fn searched(res: &Resource) -> Vec<String> {
    if res.search.is_empty() {
        vec![format!("({})", res.title)]
    } else {
        res.search.iter().map(|c| format!("t.{c}")).collect()
    }
}

/// An ORDER BY lead putting first the rows with a column that is the whole query
/// (a student number or phone typed whole); nothing for a short query or none.
fn typed_whole_first(sql: &mut Sql, res: &Resource, q: &str) -> String {
    let Some(whole) = Whole::new(q) else {
        return String::new();
    };
    let at = sql.text(Some(whole.text.clone()));
    let digits_at = whole.digits.clone().map(|d| sql.text(Some(d)));
    let columns = searched(res);
    let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
    format!(
        "{} DESC, ",
        whole.matches(&columns, &at, digits_at.as_deref())
    )
}

/// The base query's conditions: this organization's rows, live or deleted, then
/// the list's search and filters.
/// The rows of `org` these pages reach, as a condition on `t` (`global`: the reader
/// is a global user, who also reads a log's install-wide rows).
fn owned(sql: &mut Sql, res: &Resource, org: Uuid, global: bool) -> String {
    match res.mode {
        Mode::InstallWide { .. } | Mode::InstallWideShown => "true".to_owned(),
        Mode::Log {
            tenant_optional: true,
        } if global => {
            format!(
                "(t.organization_id = {} OR t.organization_id IS NULL)",
                sql.uuid(org)
            )
        }
        _ => format!("t.organization_id = {}", sql.uuid(org)),
    }
}

/// Live rows (or those in the trash); a log has no trash.
fn live(res: &Resource, deleted: bool) -> &'static str {
    match (res.soft_deletes(), deleted) {
        (false, _) => "true",
        (true, false) => "t.deleted_at IS NULL",
        (true, true) => "t.deleted_at IS NOT NULL",
    }
}

fn scope(sql: &mut Sql, res: &Resource, org: Uuid, deleted: bool, state: &ListState) {
    let owned = owned(sql, res, org, state.global);
    let live = live(res, deleted);
    sql.push(&format!(" WHERE {owned} AND {live}"));
    let words: Vec<&str> = state.q.split_whitespace().take(5).collect();
    let patterns: Vec<String> = words
        .iter()
        .map(|word| sql.text(Some(text::contains_pattern(word))))
        .collect();
    let columns = searched(res);
    let folded = text::folded(&columns.iter().map(String::as_str).collect::<Vec<_>>());
    for p in &patterns {
        sql.push(&format!(" AND {}", text::holds(&folded, p)));
    }
    for (field, filter) in &state.filters {
        let cast = values::cast(field);
        let c = field.column;
        match filter {
            Filter::Equals(v) => {
                let p = sql.text(Some(v.clone()));
                sql.push(&format!(" AND t.{c} = {p}::{cast}"));
            }
            Filter::Range(from, to) => {
                if let Some(v) = from {
                    let p = sql.text(Some(v.clone()));
                    sql.push(&format!(" AND t.{c} >= {p}::{cast}"));
                }
                if let Some(v) = to {
                    let p = sql.text(Some(v.clone()));
                    sql.push(&format!(" AND t.{c} <= {p}::{cast}"));
                }
            }
        }
    }
}

/// How deep a relation's order is followed (a class subject by its class by its grade).
const ORDER_DEPTH: usize = 2;

/// The columns of `res`'s default order, each with whether it runs descending
/// (`column` or `column DESC`, see [`Resource::order`]).
fn order_entries(res: &Resource) -> Vec<(&'static str, bool)> {
    res.order
        .iter()
        .map(|entry| match entry.strip_suffix(" DESC") {
            Some(column) => (column, true),
            None => (*entry, false),
        })
        .collect()
}

/// The resource `column` of `res` points at, when it is a relation.
fn relation_of(res: &Resource, column: &str) -> Option<&'static Resource> {
    match res.field(column).map(|f| &f.kind) {
        Some(Kind::Relation(target)) => Some(*target),
        _ => None,
    }
}

/// A list's order: the joins that bring in the related rows it sorts by, and the
/// sort terms over the row `t` and those joins.
///
/// A relation sorts as its target's default order (a class by its grade's sort key,
/// then its name). The related rows come in by one lateral join per relation, not a
/// subquery per sort term and row: the planner joins them once for the whole table
/// (5 ms rather than 80 for the 5,000 class subjects of the district dataset). The
/// joined columns are reached only through the lateral's own names, so the titles'
/// unqualified column names stay unambiguous.
struct Order {
    joins: String,
    terms: Vec<(String, bool)>,
}

impl Order {
    /// `res`'s default order, or its one column `sort` (descending or not).
    fn of(res: &Resource, sort: Option<(&Field, bool)>) -> Order {
        let entries = match sort {
            Some((field, desc)) => vec![(field.column, desc)],
            None => order_entries(res),
        };
        let mut order = Order {
            joins: String::new(),
            terms: Vec::new(),
        };
        for (n, (column, desc)) in entries.into_iter().enumerate() {
            let Some(target) = relation_of(res, column) else {
                order.terms.push((format!("t.{column}"), desc));
                continue;
            };
            let inner = format!("homeroom_o{n}");
            let mut joins = String::new();
            let terms = related_terms(target, &inner, 1, &mut joins);
            let lateral = format!("homeroom_order_{n}");
            let keys: Vec<String> = terms
                .iter()
                .enumerate()
                .map(|(i, (term, _))| format!("{term} AS k{i}"))
                .collect();
            order.joins.push_str(&format!(
                " LEFT JOIN LATERAL (SELECT {} FROM {} {inner}{joins} WHERE {inner}.id = t.{column}) {lateral} ON true",
                keys.join(", "),
                target.table()
            ));
            for (i, (_, inner_desc)) in terms.into_iter().enumerate() {
                order
                    .terms
                    .push((format!("{lateral}.k{i}"), inner_desc != desc));
            }
        }
        order
    }

    /// The ORDER BY list, empty values last either way, then `t.id` to break ties.
    fn list(&self, first: &str) -> String {
        let terms: String = self
            .terms
            .iter()
            .map(|(term, desc)| {
                let dir = if *desc { "DESC NULLS LAST" } else { "ASC" };
                format!("{term} {dir}, ")
            })
            .collect();
        format!(" ORDER BY {first}{terms}t.id")
    }
}

/// The sort terms of `res`'s default order over the row `alias`, at `depth` relations
/// from the listed row; a relation still within [`ORDER_DEPTH`] is joined into `joins`.
fn related_terms(
    res: &Resource,
    alias: &str,
    depth: usize,
    joins: &mut String,
) -> Vec<(String, bool)> {
    let mut terms = Vec::new();
    for (column, desc) in order_entries(res) {
        match relation_of(res, column) {
            Some(target) if depth < ORDER_DEPTH => {
                let inner = format!("{alias}_{column}");
                joins.push_str(&format!(
                    " LEFT JOIN {} {inner} ON {inner}.id = {alias}.{column}",
                    target.table()
                ));
                for (term, inner_desc) in related_terms(target, &inner, depth + 1, joins) {
                    terms.push((term, inner_desc != desc));
                }
            }
            _ => terms.push((format!("{alias}.{column}"), desc)),
        }
    }
    terms
}

/// The list's order (after the typed whole word, when nothing else is asked for).
fn order_by(sql: &mut Sql, order: &Order, res: &Resource, state: &ListState) -> String {
    let whole = match state.sort {
        Some(_) => String::new(),
        None => typed_whole_first(sql, res, &state.q),
    };
    order.list(&whole)
}

/// One page of the list, and whether another follows.
pub fn list(
    tenant: &mut Tenant<'_>,
    res: &Resource,
    deleted: bool,
    state: &ListState,
) -> QueryResult<(Vec<Row>, bool)> {
    let order = (!deleted).then(|| Order::of(res, state.sort));
    let joins = order.as_ref().map_or("", |o| o.joins.as_str());
    let mut sql = Sql::new(format!("{}{joins}", select(res, deleted, Titles::PerRow)));
    scope(&mut sql, res, tenant.organization().uuid(), deleted, state);
    let order = match &order {
        None => " ORDER BY t.deleted_at DESC, t.id".to_owned(),
        Some(order) => order_by(&mut sql, order, res, state),
    };
    sql.push(&order);
    let limit = sql.int(PAGE_SIZE + 1);
    let offset = sql.int((state.page - 1) * PAGE_SIZE);
    sql.push(&format!(" LIMIT {limit} OFFSET {offset}"));
    let mut rows: Vec<Row> = sql.load(tenant.conn())?;
    let more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    Ok((rows, more))
}

/// The cursor of the CSV export, open until its transaction ends.
const EXPORT_CURSOR: &str = "export_rows";

/// Opens the CSV export's cursor over every live row the list's search and filters
/// select, in the list's order; returns how many rows it holds. The caller's
/// transaction is one snapshot (repeatable read), so the count and every batch read
/// from the cursor ([`next_batch`]) see the same rows, however long the download takes.
pub fn open_export(tenant: &mut Tenant<'_>, res: &Resource, state: &ListState) -> QueryResult<i64> {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let org = tenant.organization().uuid();
    let mut sql = Sql::new(format!("SELECT count(*) AS n FROM {} t", res.table()));
    scope(&mut sql, res, org, false, state);
    let count = sql.load::<Count>(tenant.conn())?.first().map_or(0, |c| c.n);
    let order = Order::of(res, state.sort);
    let mut sql = Sql::new(format!(
        "DECLARE {EXPORT_CURSOR} NO SCROLL CURSOR FOR {}{}",
        select(res, false, Titles::PerBatch),
        order.joins
    ));
    scope(&mut sql, res, org, false, state);
    let order = order_by(&mut sql, &order, res, state);
    sql.push(&order);
    sql.execute(tenant.conn())?;
    Ok(count)
}

/// The next `size` rows of the export's cursor (none at its end), with the names of
/// the records they relate to: one query per relation for the whole batch.
pub fn next_batch(tenant: &mut Tenant<'_>, res: &Resource, size: i64) -> QueryResult<Vec<Row>> {
    let mut rows: Vec<Row> =
        Sql::new(format!("FETCH {} FROM {EXPORT_CURSOR}", size.max(1))).load(tenant.conn())?;
    for (i, field) in res.fields.iter().enumerate() {
        let Kind::Relation(target) = field.kind else {
            continue;
        };
        let related = |row: &Row| row.raw(i).and_then(|v| Uuid::parse_str(v).ok());
        let ids: BTreeSet<Uuid> = rows.iter().filter_map(related).collect();
        if ids.is_empty() {
            continue;
        }
        let ids: Vec<Uuid> = ids.into_iter().collect();
        let names: HashMap<Uuid, String> = titles(tenant, target, &ids)?.into_iter().collect();
        for row in &mut rows {
            let name = related(row).and_then(|id| names.get(&id).cloned());
            if let Some(slot) = row.titles.get_mut(i) {
                *slot = name;
            }
        }
    }
    Ok(rows)
}

/// A row of this organization, live or in the trash.
pub fn find(tenant: &mut Tenant<'_>, res: &Resource, id: Uuid) -> QueryResult<Row> {
    find_as(tenant, res, false, id)
}

/// A row this reader reaches (`global`: a global user, see [`ListState::global`]).
pub fn find_as(
    tenant: &mut Tenant<'_>,
    res: &Resource,
    global: bool,
    id: Uuid,
) -> QueryResult<Row> {
    let mut sql = Sql::new(select(res, true, Titles::PerRow));
    let id = sql.uuid(id);
    let owned = owned(&mut sql, res, tenant.organization().uuid(), global);
    sql.push(&format!(" WHERE t.id = {id} AND {owned}"));
    sql.load::<Row>(tenant.conn())?
        .into_iter()
        .next()
        .ok_or(diesel::result::Error::NotFound)
}

/// Records who is writing, for the audit trail the database keeps.
pub fn act_as(tenant: &mut Tenant<'_>, by: UserId) -> QueryResult<()> {
    super::audit::act_as(tenant.conn(), by.uuid())
}

/// Inserts a parsed row; returns its id.
pub fn insert(
    tenant: &mut Tenant<'_>,
    res: &Resource,
    by: UserId,
    values: &[Option<String>],
    import_hash: Option<String>,
) -> QueryResult<Uuid> {
    let mut sql = Sql::new("");
    let org = sql.uuid(tenant.organization().uuid());
    let user = sql.uuid(by.uuid());
    let hash = sql.text(import_hash);
    let mut columns = vec!["created_by_id", "updated_by_id", "import_hash"];
    let mut args = vec![user.clone(), user, hash];
    if res.tenant() {
        columns.push("organization_id");
        args.push(org);
    }
    for (field, value) in res.fields.iter().zip(values) {
        columns.push(field.column);
        let p = sql.text(value.clone());
        args.push(format!("{p}::{}", values::cast(field)));
    }
    sql.text = format!(
        "INSERT INTO {} ({}) VALUES ({}) RETURNING id",
        res.table(),
        columns.join(", "),
        args.join(", ")
    );
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = SqlUuid)]
        id: Uuid,
    }
    sql.load::<Id>(tenant.conn())?
        .into_iter()
        .next()
        .map(|r| r.id)
        .ok_or(diesel::result::Error::NotFound)
}

/// How an update writes.
#[derive(Clone, Copy)]
pub enum Write<'a> {
    /// Every field (a form), only if nobody changed the row since its `updated_at`
    /// (in microseconds) was `stamp`.
    Form { stamp: i64 },
    /// Only these fields (by position), and only when one of them differs (an import).
    Changed { columns: &'a [bool] },
}

/// Updates a live row; returns whether a row was written.
pub fn update(
    tenant: &mut Tenant<'_>,
    res: &Resource,
    by: UserId,
    id: Uuid,
    values: &[Option<String>],
    write: Write,
) -> QueryResult<bool> {
    let mut sql = Sql::new("");
    let mut sets = Vec::new();
    let mut olds = Vec::new();
    let mut news = Vec::new();
    for (i, (field, value)) in res.fields.iter().zip(values).enumerate() {
        if let Write::Changed { columns } = write
            && !columns.get(i).copied().unwrap_or(false)
        {
            continue;
        }
        let p = sql.text(value.clone());
        let new = format!("{p}::{}", values::cast(field));
        sets.push(format!("{} = {new}", field.column));
        olds.push(format!("t.{}", field.column));
        news.push(new);
    }
    let user = sql.uuid(by.uuid());
    let id = sql.uuid(id);
    let owned = owned(&mut sql, res, tenant.organization().uuid(), false);
    let mut text = format!(
        "UPDATE {} t SET {}, updated_by_id = {user} \
         WHERE t.id = {id} AND {owned} AND t.deleted_at IS NULL",
        res.table(),
        sets.join(", ")
    );
    if let Write::Form { stamp } = write {
        let p = sql.int(stamp);
        text.push_str(&format!(
            " AND (extract(epoch FROM t.updated_at) * 1000000)::bigint = {p}"
        ));
    }
    if matches!(write, Write::Changed { .. }) {
        text.push_str(&format!(
            " AND ROW({}) IS DISTINCT FROM ROW({})",
            olds.join(", "),
            news.join(", ")
        ));
    }
    sql.text = text;
    Ok(sql.execute(tenant.conn())? > 0)
}

/// How many live rows of `child` point at `id` (`global`: see [`ListState::global`]).
pub fn count_children(
    tenant: &mut Tenant<'_>,
    child: &Child,
    global: bool,
    id: Uuid,
) -> QueryResult<i64> {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let mut sql = Sql::new("");
    let owned = owned(
        &mut sql,
        child.resource,
        tenant.organization().uuid(),
        global,
    );
    let live = live(child.resource, false);
    let id = sql.uuid(id);
    sql.text = format!(
        "SELECT count(*) AS n FROM {} t WHERE {owned} AND {live} AND t.{} = {id}",
        child.resource.table(),
        child.column
    );
    Ok(sql.load::<Count>(tenant.conn())?.first().map_or(0, |c| c.n))
}

/// Whether another live row of this organization already holds these values
/// (a uniqueness rule, told as a message before the database refuses it).
pub fn taken(
    tenant: &mut Tenant<'_>,
    res: &Resource,
    id: Option<Uuid>,
    same: &[(&str, &str)],
) -> QueryResult<bool> {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let mut sql = Sql::new("");
    let owned = owned(&mut sql, res, tenant.organization().uuid(), false);
    let live = live(res, false);
    let mut text = format!(
        "SELECT count(*) AS n FROM {} t WHERE {owned} AND {live}",
        res.table()
    );
    if let Some(id) = id {
        text.push_str(&format!(" AND t.id <> {}", sql.uuid(id)));
    }
    for (column, value) in same {
        let Some(field) = res.field(column) else {
            continue;
        };
        let p = sql.text(Some((*value).to_owned()));
        text.push_str(&format!(" AND t.{column} = {p}::{}", values::cast(field)));
    }
    sql.push(&text);
    Ok(sql
        .load::<Count>(tenant.conn())?
        .first()
        .is_some_and(|c| c.n > 0))
}

/// Soft-deletes a live row and its cascading children (at one instant, so a
/// restore can bring back exactly those). Returns whether the row was live.
pub fn soft_delete(
    tenant: &mut Tenant<'_>,
    res: &Resource,
    by: UserId,
    id: Uuid,
) -> QueryResult<bool> {
    set_deleted(tenant, res, by, id, true)
}

pub fn restore(tenant: &mut Tenant<'_>, res: &Resource, by: UserId, id: Uuid) -> QueryResult<bool> {
    set_deleted(tenant, res, by, id, false)
}

fn set_deleted(
    tenant: &mut Tenant<'_>,
    res: &Resource,
    by: UserId,
    id: Uuid,
    delete: bool,
) -> QueryResult<bool> {
    let (org, user) = (tenant.organization().uuid(), by.uuid());
    #[derive(QueryableByName)]
    struct Stamp {
        #[diesel(sql_type = Nullable<Text>)]
        at: Option<String>,
    }
    let mut sql = Sql::new("");
    let u = sql.uuid(user);
    let i = sql.uuid(id);
    let owned = owned(&mut sql, res, org, false);
    // The old deleted_at is what a restore matches its cascaded children by.
    let (set, was) = if delete {
        ("now()", "NULL")
    } else {
        ("NULL", "NOT NULL")
    };
    sql.text = format!(
        "UPDATE {table} t SET deleted_at = {set}, updated_by_id = {u} \
         FROM (SELECT id, deleted_at FROM {table} WHERE id = {i} FOR UPDATE) old \
         WHERE t.id = old.id AND {owned} AND t.deleted_at IS {was} \
         RETURNING coalesce(t.deleted_at, old.deleted_at)::text AS at",
        table = res.table()
    );
    let Some(Stamp { at: Some(at) }) = sql.load::<Stamp>(tenant.conn())?.into_iter().next() else {
        return Ok(false);
    };
    for child in res.children {
        if child.on_delete != OnDelete::Cascade {
            continue;
        }
        let mut sql = Sql::new("");
        let u = sql.uuid(user);
        let i = sql.uuid(id);
        let o = sql.uuid(org);
        let at = sql.text(Some(at.clone()));
        let (set, matches) = if delete {
            (
                format!("{at}::timestamptz"),
                "deleted_at IS NULL".to_owned(),
            )
        } else {
            ("NULL".to_owned(), format!("deleted_at = {at}::timestamptz"))
        };
        sql.text = format!(
            "UPDATE {} SET deleted_at = {set}, updated_by_id = {u} \
             WHERE organization_id = {o} AND {} = {i} AND {matches}",
            child.resource.table(),
            child.column
        );
        sql.execute(tenant.conn())?;
    }
    Ok(true)
}

/// Resolves each relation typed by name to its record's id, its messages in the
/// reader's language `t`.
pub fn resolve_relations(
    tenant: &mut Tenant<'_>,
    res: &Resource,
    values: &mut [Option<String>],
    errors: &mut FieldErrors,
    t: Lang,
) -> QueryResult<()> {
    for (field, value) in res.fields.iter().zip(values.iter_mut()) {
        let (Kind::Relation(target), Some(given)) = (&field.kind, value.as_ref()) else {
            continue;
        };
        match resolve(tenant, target, given)? {
            Ok(id) => *value = Some(id.to_string()),
            Err(why) => errors.add(field.column, why.message(t, target, given)),
        }
    }
    Ok(())
}

/// The live record of `target` in this organization with this id or exact name.
pub fn resolve(
    tenant: &mut Tenant<'_>,
    target: &Resource,
    given: &str,
) -> QueryResult<Result<Uuid, Unresolved>> {
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = SqlUuid)]
        id: Uuid,
    }
    let mut sql = Sql::new("");
    let owned = owned(&mut sql, target, tenant.organization().uuid(), false);
    let live = live(target, false);
    let condition = match Uuid::parse_str(given) {
        Ok(id) => format!("t.id = {}", sql.uuid(id)),
        Err(_) => format!(
            "lower(({})) = lower({})",
            target.title,
            sql.text(Some(given.to_owned()))
        ),
    };
    sql.text = format!(
        "SELECT t.id FROM {} t WHERE {owned} AND {live} AND {condition} LIMIT 2",
        target.table()
    );
    let found: Vec<Uuid> = sql
        .load::<Id>(tenant.conn())?
        .into_iter()
        .map(|r| r.id)
        .collect();
    Ok(match found.as_slice() {
        [id] => Ok(*id),
        [] => Err(Unresolved::None),
        _ => Err(Unresolved::Many),
    })
}

/// Why a name typed for a relation names no one record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unresolved {
    /// No record of the target is called that.
    None,
    /// More than one is.
    Many,
}

impl Unresolved {
    /// What the form or the import says about `given`, in the reader's language.
    pub fn message(self, t: Lang, target: &Resource, given: &str) -> String {
        let id = match self {
            Unresolved::None => msg("engine-relation-none"),
            Unresolved::Many => msg("engine-relation-many"),
        };
        t.message(id)
            .arg("record", target.singular_in(t))
            .arg("records", target.label_in(t))
            .arg("given", given)
            .to_string()
    }
}

#[derive(QueryableByName)]
pub struct Choice {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = Text)]
    pub title: String,
}

/// Live records of `target` whose name contains every word of `q`, by name, for pickers;
/// `also` (the current choice) comes first when it still exists.
pub fn choices(
    tenant: &mut Tenant<'_>,
    target: &Resource,
    q: &str,
    also: Option<Uuid>,
    limit: i64,
) -> QueryResult<Vec<Choice>> {
    let order = Order::of(target, None);
    let mut sql = Sql::new(format!(
        "SELECT t.id, coalesce(({}), '') AS title FROM {} t{}",
        target.title,
        target.table(),
        order.joins
    ));
    let state = ListState {
        q: q.to_owned(),
        ..ListState::default()
    };
    let org = tenant.organization().uuid();
    scope(&mut sql, target, org, false, &state);
    let first = match also {
        Some(id) => format!("t.id = {} DESC, ", sql.uuid(id)),
        None => String::new(),
    };
    let whole = typed_whole_first(&mut sql, target, q.trim());
    let order = order.list(&format!("{first}{whole}"));
    let limit = sql.int(limit);
    sql.push(&format!("{order} LIMIT {limit}"));
    let mut found: Vec<Choice> = sql.load(tenant.conn())?;
    if let Some(id) = also
        && !found.iter().any(|c| c.id == id)
    {
        let mut sql = Sql::new(format!(
            "SELECT t.id, coalesce(({}), '') AS title FROM {} t",
            target.title,
            target.table()
        ));
        let owned = owned(&mut sql, target, org, false);
        let live = live(target, false);
        let i = sql.uuid(id);
        sql.push(&format!(" WHERE {owned} AND t.id = {i} AND {live}"));
        let mut current: Vec<Choice> = sql.load(tenant.conn())?;
        current.append(&mut found);
        found = current;
    }
    Ok(found)
}

/// The names of these rows of `target` (live or in the trash), for the audit trail.
pub fn titles(
    tenant: &mut Tenant<'_>,
    target: &Resource,
    ids: &[Uuid],
) -> QueryResult<Vec<(Uuid, String)>> {
    let mut sql = Sql::new(format!(
        "SELECT t.id, coalesce(({}), '') AS title FROM {} t",
        target.title,
        target.table()
    ));
    let owned = owned(&mut sql, target, tenant.organization().uuid(), false);
    let list: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    let ids = sql.text(Some(list.join(",")));
    sql.push(&format!(
        " WHERE {owned} AND t.id = ANY(string_to_array({ids}, ',')::uuid[])"
    ));
    let found: Vec<Choice> = sql.load(tenant.conn())?;
    Ok(found.into_iter().map(|c| (c.id, c.title)).collect())
}

/// An existing live row with this import hash or the same natural key.
pub fn find_by_key(
    tenant: &mut Tenant<'_>,
    res: &Resource,
    hash: &str,
    values: &[Option<String>],
) -> QueryResult<Option<Uuid>> {
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = SqlUuid)]
        id: Uuid,
    }
    let mut sql = Sql::new("");
    let owned = owned(&mut sql, res, tenant.organization().uuid(), false);
    let h = sql.text(Some(hash.to_owned()));
    let mut same = Vec::new();
    for column in res.natural_key {
        let Some(i) = res.fields.iter().position(|f| f.column == *column) else {
            continue;
        };
        // Equality, not IS NOT DISTINCT FROM, so the key's index can serve it.
        same.push(match values.get(i).cloned().flatten() {
            Some(value) => {
                let p = sql.text(Some(value));
                format!("t.{column} = {p}::{}", values::cast(&res.fields[i]))
            }
            None => format!("t.{column} IS NULL"),
        });
    }
    let key = if same.is_empty() {
        "false".to_owned()
    } else {
        same.join(" AND ")
    };
    sql.text = format!(
        "SELECT t.id FROM {} t WHERE {owned} AND t.deleted_at IS NULL \
         AND (t.import_hash = {h} OR ({key})) ORDER BY (t.import_hash = {h}) DESC LIMIT 1",
        res.table()
    );
    Ok(sql
        .load::<Id>(tenant.conn())?
        .into_iter()
        .next()
        .map(|r| r.id))
}

/// Sets the import hash of a row that an import matched by its natural key.
pub fn set_import_hash(
    tenant: &mut Tenant<'_>,
    res: &Resource,
    id: Uuid,
    hash: &str,
) -> QueryResult<()> {
    let mut sql = Sql::new("");
    let h = sql.text(Some(hash.to_owned()));
    let i = sql.uuid(id);
    sql.text = format!(
        "UPDATE {} SET import_hash = {h} WHERE id = {i} AND import_hash IS DISTINCT FROM {h}",
        res.table()
    );
    sql.execute(tenant.conn()).map(|_| ())
}

/// Frees an import hash held by a row in the trash, so the record can be imported anew.
pub fn release_import_hash(tenant: &mut Tenant<'_>, res: &Resource, hash: &str) -> QueryResult<()> {
    let mut sql = Sql::new("");
    let h = sql.text(Some(hash.to_owned()));
    sql.text = format!(
        "UPDATE {} SET import_hash = NULL WHERE import_hash = {h} AND deleted_at IS NOT NULL",
        res.table()
    );
    sql.execute(tenant.conn()).map(|_| ())
}
