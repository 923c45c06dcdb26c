//! Finding every row held on one student. The database says which tables reference
//! students, directly or through a row that does (an enrolment, an invoice and its
//! payments, a guardian link): its foreign keys are read at the time of the export,
//! so a table added later is in the next export without a change here. A few
//! references the database cannot declare are listed once, in [`UNDECLARED`]: the
//! guardian behind a link, the messages sent to the student's family, the files
//! and documents filed under the student or one of their rows, and the audit trail
//! of every row found.
//!
//! Rows are gathered in passes until a pass finds nothing new, so a row reached
//! through another found later (a refund of a payment, a file of a message) is in.
//! A pass asks each table for rows whose linking column holds any id found so far:
//! ids are random UUIDs, unique across tables, so one list serves every column.
//! Only the student's own row of `students` is ever followed: a row of another
//! student never brings that student's records with it.

use std::collections::{BTreeMap, BTreeSet};

use diesel::prelude::*;
use diesel::sql_types::{Array, Text, Uuid as SqlUuid};
use uuid::Uuid;

use crate::db::Tenant;

/// The table every export starts from.
pub const STUDENTS: &str = "students";

/// How rows of a table come to be about the student.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    /// A column holds the id of a row already found (a foreign key, or a
    /// reference by id the database does not declare, as a file's owner).
    Holds(String),
    /// A found row of the table names this row in its column (a guardian link's
    /// person, a delivery's message).
    NamedBy(&'static str, &'static str),
    /// The audit trail of the rows found.
    Audits,
    /// A condition over `t`: `$1` the ids found so far, `$2` the student, `$4`
    /// the school.
    Where(&'static str),
}

/// Who the student's family is reached at: the guardians' and the student's own
/// addresses, and the school's accounts that hold one of them.
const FAMILY_ADDRESSES: &str = "
    SELECT lower(btrim(g.email)) FROM guardians g WHERE g.id = ANY($1) AND g.email IS NOT NULL
    UNION SELECT lower(btrim(p.email)) FROM guardian_people p
        WHERE p.id = ANY($1) AND p.email IS NOT NULL
    UNION SELECT lower(btrim(s.email)) FROM students s WHERE s.id = $2 AND s.email IS NOT NULL";

/// The deliveries of messages to the student's family or to the student: by
/// account or by e-mail address, as the delivery wrote them.
const FAMILY_DELIVERIES: &str = "t.recipient_type IN ('guardian', 'student') AND (
    lower(btrim(t.destination)) IN (FAMILY)
    OR t.user_id IN (SELECT u.id FROM users u
                     WHERE u.organization_id = $4 AND lower(btrim(u.email)) IN (FAMILY)))";

/// Documents filed under the student by id or by student number.
const STUDENT_DOCUMENTS: &str = "t.entity_type = 'student' AND t.entity_reference IN (
    $2::text, (SELECT s.student_number FROM students s WHERE s.id = $2))";

/// The references the database cannot declare: (table, how).
pub const UNDECLARED: &[(&str, Link)] = &[
    ("guardian_people", Link::NamedBy("guardians", "person_id")),
    ("message_recipients", Link::Where(FAMILY_DELIVERIES)),
    (
        "messages",
        Link::NamedBy("message_recipients", "message_id"),
    ),
    ("messages", Link::NamedBy("absence_alerts", "message_id")),
    ("documents", Link::Where(STUDENT_DOCUMENTS)),
    ("audit_log", Link::Audits),
];

/// The one undeclared reference by id: a file belongs to any found row.
const FILE_TABLE: &str = "file";
const FILE_OWNER: &str = "belongs_to_id";

/// A foreign key of one column onto a table's `id`.
#[derive(QueryableByName, Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    #[diesel(sql_type = Text)]
    pub child: String,
    #[diesel(sql_type = Text)]
    pub column_name: String,
    #[diesel(sql_type = Text)]
    pub parent: String,
}

/// The schema's foreign keys onto `id` columns, from the catalog.
pub fn references(tenant: &mut Tenant<'_>) -> QueryResult<Vec<Reference>> {
    diesel::sql_query(
        "SELECT ch.relname::text AS child, a.attname::text AS column_name,
                pa.relname::text AS parent
         FROM pg_constraint c
         JOIN pg_class ch ON ch.oid = c.conrelid
         JOIN pg_class pa ON pa.oid = c.confrelid
         JOIN pg_namespace n ON n.oid = ch.relnamespace AND n.nspname = 'public'
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         JOIN pg_attribute k ON k.attrelid = c.confrelid AND k.attnum = c.confkey[1]
         WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1 AND k.attname = 'id'
         ORDER BY 1, 2",
    )
    .load(tenant.conn())
}

#[derive(QueryableByName)]
struct TableName {
    #[diesel(sql_type = Text)]
    table_name: String,
}

/// The tables that carry a school's id (every tenant table does).
fn tenant_tables(tenant: &mut Tenant<'_>) -> QueryResult<BTreeSet<String>> {
    let rows: Vec<TableName> = diesel::sql_query(
        "SELECT table_name::text AS table_name FROM information_schema.columns
         WHERE table_schema = 'public' AND column_name = 'organization_id'",
    )
    .load(tenant.conn())?;
    Ok(rows.into_iter().map(|r| r.table_name).collect())
}

/// The tables an export reads, in the order found, each with its links; the
/// students table first (only the student's own row). Foreign keys are followed
/// only between tables reached through them from the student: a message found as
/// sent to the family does not bring every other recipient of it.
pub fn plan(references: &[Reference]) -> Vec<(String, Vec<Link>)> {
    let mut order: Vec<String> = vec![STUDENTS.to_owned()];
    let mut next = 0;
    while next < order.len() {
        let parent = order[next].clone();
        next += 1;
        for r in references.iter().filter(|r| r.parent == parent) {
            if !order.contains(&r.child) {
                order.push(r.child.clone());
            }
        }
    }
    let declared = order.clone();
    for table in UNDECLARED.iter().map(|(t, _)| *t).chain([FILE_TABLE]) {
        if !order.iter().any(|t| t == table) {
            order.push(table.to_owned());
        }
    }
    order
        .into_iter()
        .map(|table| {
            let mut links: Vec<Link> = references
                .iter()
                .filter(|r| r.child == table && table != STUDENTS)
                .filter(|r| declared.contains(&r.child) && declared.contains(&r.parent))
                .map(|r| Link::Holds(r.column_name.clone()))
                .collect();
            links.extend(
                UNDECLARED
                    .iter()
                    .filter(|(t, _)| *t == table)
                    .map(|(_, link)| link.clone()),
            );
            if table == FILE_TABLE {
                links.push(Link::Holds(FILE_OWNER.to_owned()));
            }
            links.dedup();
            (table, links)
        })
        .collect()
}

/// `name` as a quoted SQL identifier.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

impl Link {
    /// The link as SQL over the row `t`.
    fn condition(&self) -> String {
        match self {
            Link::Holds(column) => format!("t.{} = ANY($1)", ident(column)),
            Link::NamedBy(table, column) => format!(
                "t.id IN (SELECT x.{} FROM {} x WHERE x.id = ANY($1))",
                ident(column),
                ident(table)
            ),
            Link::Audits => "t.table_name = ANY($3) AND t.row_id = ANY($1)".to_owned(),
            Link::Where(sql) => sql.replace("FAMILY", FAMILY_ADDRESSES),
        }
    }
}

/// The ids of rows found so far, by table.
#[derive(Debug, Default)]
pub struct Found {
    pub by_table: BTreeMap<String, BTreeSet<Uuid>>,
}

impl Found {
    fn all(&self) -> Vec<Uuid> {
        let all: BTreeSet<Uuid> = self.by_table.values().flatten().copied().collect();
        all.into_iter().collect()
    }

    fn tables(&self) -> Vec<String> {
        self.by_table
            .iter()
            .filter(|(_, ids)| !ids.is_empty())
            .map(|(t, _)| t.clone())
            .collect()
    }
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

/// Every row about `student` of the planned tables, found pass after pass until a
/// pass finds nothing new.
pub fn find(
    tenant: &mut Tenant<'_>,
    student: Uuid,
    plan: &[(String, Vec<Link>)],
) -> QueryResult<Found> {
    let school = tenant.organization().uuid();
    let scoped = tenant_tables(tenant)?;
    let mut found = Found::default();
    found
        .by_table
        .insert(STUDENTS.to_owned(), BTreeSet::from([student]));
    loop {
        let mut grew = false;
        for (table, links) in plan {
            let conditions: Vec<String> = links.iter().map(Link::condition).collect();
            if conditions.is_empty() {
                continue;
            }
            let school_only = if scoped.contains(table) {
                "AND t.organization_id = $4"
            } else {
                ""
            };
            let sql = format!(
                "SELECT t.id FROM {} t WHERE (({})) {school_only}",
                ident(table),
                conditions.join(") OR (")
            );
            let rows: Vec<Id> = diesel::sql_query(sql)
                .bind::<Array<SqlUuid>, _>(found.all())
                .bind::<SqlUuid, _>(student)
                .bind::<Array<Text>, _>(found.tables())
                .bind::<SqlUuid, _>(school)
                .load(tenant.conn())?;
            let ids = found.by_table.entry(table.clone()).or_default();
            for row in rows {
                grew |= ids.insert(row.id);
            }
        }
        if !grew {
            return Ok(found);
        }
    }
}

#[derive(QueryableByName)]
struct Json {
    #[diesel(sql_type = Text)]
    row: String,
}

/// The rows of `table` with these ids as JSON objects (column names as keys),
/// oldest first.
pub fn rows(
    tenant: &mut Tenant<'_>,
    table: &str,
    ids: &BTreeSet<Uuid>,
) -> QueryResult<Vec<serde_json::Value>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = ids.iter().copied().collect();
    let rows: Vec<Json> = diesel::sql_query(format!(
        "SELECT row_to_json(t)::text AS row FROM {} t WHERE t.id = ANY($1) ORDER BY t.created_at, t.id",
        ident(table)
    ))
    .bind::<Array<SqlUuid>, _>(ids)
    .load(tenant.conn())?;
    rows.into_iter()
        .map(|r| {
            serde_json::from_str(&r.row)
                .map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fk(child: &str, column: &str, parent: &str) -> Reference {
        Reference {
            child: child.to_owned(),
            column_name: column.to_owned(),
            parent: parent.to_owned(),
        }
    }

    #[test]
    fn the_plan_follows_references_down_from_the_student_and_never_back_up() {
        let references = [
            fk("invoices", "student_id", "students"),
            fk("payments", "invoice_id", "invoices"),
            fk("payments", "refund_of", "payments"),
            fk("invoices", "campus_id", "campuses"),
            fk("students", "campus_id", "campuses"),
            fk("classes", "campus_id", "campuses"),
            fk("students", "sibling_id", "students"),
            fk("message_recipients", "message_id", "messages"),
            fk("absence_alerts", "student_id", "students"),
            fk("absence_alerts", "message_id", "messages"),
        ];
        let plan = plan(&references);
        let tables: Vec<&str> = plan.iter().map(|(t, _)| t.as_str()).collect();
        let at = |table: &str| tables.iter().position(|t| *t == table);
        assert_eq!(at("students"), Some(0));
        assert!(at("invoices") < at("payments") && at("payments").is_some());
        assert!(
            !tables.contains(&"classes"),
            "a parent's other children stay out"
        );
        assert!(!tables.contains(&"campuses"));
        let links = |table: &str| {
            plan.iter()
                .find(|(t, _)| t == table)
                .map(|(_, l)| l.clone())
        };
        assert_eq!(
            links("students"),
            Some(Vec::new()),
            "only the student's own row"
        );
        assert_eq!(
            links("payments"),
            Some(vec![
                Link::Holds("invoice_id".to_owned()),
                Link::Holds("refund_of".to_owned())
            ])
        );
        assert_eq!(
            links("invoices"),
            Some(vec![Link::Holds("student_id".to_owned())]),
            "a campus is not the student's"
        );
        assert_eq!(
            links("absence_alerts"),
            Some(vec![Link::Holds("student_id".to_owned())])
        );
        assert_eq!(
            links("message_recipients"),
            Some(vec![Link::Where(FAMILY_DELIVERIES)]),
            "a message sent to the family brings no other family's delivery"
        );
        assert_eq!(
            links("file"),
            Some(vec![Link::Holds("belongs_to_id".to_owned())])
        );
        assert!(tables.contains(&"audit_log") && tables.contains(&"messages"));
    }

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(ident("file"), "\"file\"");
        assert_eq!(ident("we\"ird"), "\"we\"\"ird\"");
    }
}
