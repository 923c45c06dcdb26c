//! The statements of an erasure and of the retention list. The only place of this
//! module that names tables; every statement is scoped to the tenant's school.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, Bool, Date, Integer, Nullable, Text, Timestamptz};
use uuid::Uuid;

use crate::db::Tenant;

type SqlUuid = diesel::sql_types::Uuid;

/// A student who left (or may have), as the retention rules read them.
#[derive(QueryableByName, Clone, Debug)]
pub struct Standing {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = Text)]
    pub first_name: String,
    #[diesel(sql_type = Text)]
    pub last_name: String,
    /// The status is one a student leaves with (graduated, transferred, withdrawn).
    #[diesel(sql_type = Bool)]
    pub left: bool,
    /// When the student took that status: its latest status change, else the
    /// row's last change.
    #[diesel(sql_type = Date)]
    pub left_on: NaiveDate,
    /// A live class enrolment still holds the student.
    #[diesel(sql_type = Bool)]
    pub enrolled: bool,
    #[diesel(sql_type = Bool)]
    pub erased: bool,
    #[diesel(sql_type = Bool)]
    pub deleted: bool,
}

const STANDING: &str = "
    SELECT s.id, s.first_name, s.last_name,
           s.status IN ('graduated', 'transferred', 'withdrawn') AS left,
           coalesce((SELECT max(c.on_date) FROM student_status_changes c
                      WHERE c.student_id = s.id AND c.to_status = s.status
                        AND c.deleted_at IS NULL),
                    s.updated_at::date) AS left_on,
           EXISTS (SELECT 1 FROM class_enrollments e
                    WHERE e.student_id = s.id AND e.deleted_at IS NULL
                      AND e.status = 'active') AS enrolled,
           s.erased_at IS NOT NULL AS erased,
           s.deleted_at IS NOT NULL AS deleted
    FROM students s
    WHERE s.organization_id = $1";

/// One student of the school, whatever their state.
pub fn standing(tenant: &mut Tenant<'_>, student: Uuid) -> QueryResult<Option<Standing>> {
    let organization = tenant.organization().uuid();
    diesel::sql_query(format!("{STANDING} AND s.id = $2"))
        .bind::<SqlUuid, _>(organization)
        .bind::<SqlUuid, _>(student)
        .get_result(tenant.conn())
        .optional()
}

/// The school's students who left and are neither deleted nor erased, longest gone first.
pub fn departed(tenant: &mut Tenant<'_>) -> QueryResult<Vec<Standing>> {
    let organization = tenant.organization().uuid();
    diesel::sql_query(format!(
        "SELECT * FROM ({STANDING}
             AND s.deleted_at IS NULL AND s.erased_at IS NULL
             AND s.status IN ('graduated', 'transferred', 'withdrawn')) d
         ORDER BY d.left_on, d.last_name, d.first_name, d.id"
    ))
    .bind::<SqlUuid, _>(organization)
    .load(tenant.conn())
}

/// The school's deleted students, not yet erased, deleted before `cutoff`.
pub fn deleted_before(tenant: &mut Tenant<'_>, cutoff: DateTime<Utc>) -> QueryResult<Vec<Uuid>> {
    let organization = tenant.organization().uuid();
    Ok(diesel::sql_query(
        "SELECT id FROM students
         WHERE organization_id = $1 AND erased_at IS NULL AND deleted_at < $2
         ORDER BY deleted_at, id",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<Timestamptz, _>(cutoff)
    .load::<Id>(tenant.conn())?
    .into_iter()
    .map(|r| r.id)
    .collect())
}

/// Each live school: id, settings, language and time zone, for the scheduled task.
#[derive(QueryableByName)]
pub struct School {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Jsonb)]
    pub settings: serde_json::Value,
    #[diesel(sql_type = Nullable<Text>)]
    pub language: Option<String>,
    #[diesel(sql_type = Text)]
    pub time_zone: String,
}

pub fn schools(conn: &mut PgConnection) -> QueryResult<Vec<School>> {
    diesel::sql_query(
        "SELECT id, settings, language, time_zone FROM organizations
         WHERE deleted_at IS NULL ORDER BY id",
    )
    .load(conn)
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

#[derive(QueryableByName)]
struct Personal {
    #[diesel(sql_type = Text)]
    first_name: String,
    #[diesel(sql_type = Text)]
    last_name: String,
    #[diesel(sql_type = Nullable<Text>)]
    student_number: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    email: Option<String>,
}

#[derive(QueryableByName)]
struct StoredFile {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Nullable<Text>)]
    storage_key: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    thumbnail_key: Option<String>,
}

/// A subject access export: its row, and its archive in the file store.
#[derive(QueryableByName)]
struct StoredExport {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Nullable<Text>)]
    storage_key: Option<String>,
}

#[derive(QueryableByName)]
struct Link {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    other: Option<Uuid>,
    #[diesel(sql_type = Text)]
    full_name: String,
    #[diesel(sql_type = Nullable<Text>)]
    email: Option<String>,
}

/// What an erasure wrote: the rows it removed and those it anonymized (every
/// row id, so their audit trail goes too), and the stored files to remove once
/// the transaction has committed.
#[derive(Default, Debug)]
pub struct Erasure {
    pub removed: usize,
    pub anonymized: usize,
    pub files: Vec<String>,
    touched: Vec<Uuid>,
}

impl Erasure {
    fn removed(&mut self, ids: Vec<Uuid>) -> Vec<Uuid> {
        self.removed += ids.len();
        self.touched.extend(&ids);
        ids
    }

    fn anonymized(&mut self, ids: Vec<Uuid>) -> Vec<Uuid> {
        self.anonymized += ids.len();
        self.touched.extend(&ids);
        ids
    }
}

/// The words an erasure leaves in place of a name, in the school's language.
pub struct Placeholders {
    pub first_name: String,
    pub last_name: String,
    /// Put where a name stood in free text (a message, an invoice's notes).
    pub in_text: String,
    /// Names a recipient of a message whose person is gone.
    pub recipient: String,
}

/// Free text that may name a student or a guardian among other words: the names
/// are replaced and the rest is kept (messages sent, invoices' notes).
const FREE_TEXT: &[(&str, &str)] = &[
    ("messages", "subject"),
    ("messages", "body"),
    ("email_outbox", "subject"),
    ("email_outbox", "body_text"),
    ("invoices", "notes"),
    ("invoices", "void_reason"),
    ("invoice_lines", "description"),
    ("invoice_lines", "reason"),
    ("payments", "notes"),
    ("payments", "reference_code"),
    ("payments", "refund_reason"),
    ("communication_events", "title"),
    ("communication_events", "description"),
    ("documents", "name"),
    ("documents", "notes"),
    ("families", "name"),
    ("families", "notes"),
    ("attendance_sessions", "notes"),
    ("campus_attendance_summaries", "notes"),
    ("sync_logs", "error_message"),
];

/// Runs `sql` (a statement `RETURNING id` on the school `$1` and the student `$2`)
/// and answers the ids.
fn returning(tenant: &mut Tenant<'_>, sql: &str, student: Uuid) -> QueryResult<Vec<Uuid>> {
    let organization = tenant.organization().uuid();
    Ok(diesel::sql_query(sql)
        .bind::<SqlUuid, _>(organization)
        .bind::<SqlUuid, _>(student)
        .load::<Id>(tenant.conn())?
        .into_iter()
        .map(|r| r.id)
        .collect())
}

/// Runs `sql` on the school `$1` and the ids `$2`, answering the ids it returns.
fn returning_among(tenant: &mut Tenant<'_>, sql: &str, ids: &[Uuid]) -> QueryResult<Vec<Uuid>> {
    let organization = tenant.organization().uuid();
    Ok(diesel::sql_query(sql)
        .bind::<SqlUuid, _>(organization)
        .bind::<Array<SqlUuid>, _>(ids)
        .load::<Id>(tenant.conn())?
        .into_iter()
        .map(|r| r.id)
        .collect())
}

/// Removes or anonymizes every piece of the student's personal data, in the
/// caller's transaction and without an audit trail of its own (the trail would
/// hold what is being erased). See the module's header for what goes and what stays.
pub fn erase(
    tenant: &mut Tenant<'_>,
    student: Uuid,
    words: &Placeholders,
    at: DateTime<Utc>,
) -> QueryResult<Option<Erasure>> {
    let organization = tenant.organization().uuid();
    let mut done = Erasure::default();
    // Locked, so a second erasure at the same moment waits and then finds it erased.
    let Some(person) = diesel::sql_query(
        "SELECT first_name, last_name, student_number, email FROM students
         WHERE organization_id = $1 AND id = $2 AND erased_at IS NULL FOR UPDATE",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(student)
    .get_result::<Personal>(tenant.conn())
    .optional()?
    else {
        return Ok(None);
    };
    let audit_before = pause_audit(tenant.conn())?;

    // Documents filed under the student (by id or number) and every file of theirs.
    let mut references = vec![student.to_string()];
    references.extend(person.student_number.clone());
    let documents: Vec<Uuid> = diesel::sql_query(
        "DELETE FROM documents WHERE organization_id = $1 AND entity_type = 'student'
           AND entity_reference = ANY($2) RETURNING id",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<Array<Text>, _>(&references)
    .load::<Id>(tenant.conn())?
    .into_iter()
    .map(|r| r.id)
    .collect();
    let documents = done.removed(documents);
    let files: Vec<StoredFile> = diesel::sql_query(
        "DELETE FROM file f WHERE f.organization_id = $1 AND (
             (f.belongs_to = 'students' AND f.belongs_to_id = $2)
          OR (f.belongs_to = 'documents' AND f.belongs_to_id = ANY($3))
          OR (f.belongs_to = 'invoices' AND f.belongs_to_id IN
                (SELECT i.id FROM invoices i WHERE i.student_id = $2))
          OR (f.belongs_to = 'payments' AND f.belongs_to_id IN
                (SELECT p.id FROM payments p JOIN invoices i ON i.id = p.invoice_id
                  WHERE i.student_id = $2)))
         RETURNING f.id, f.storage_key, f.thumbnail_key",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(student)
    .bind::<Array<SqlUuid>, _>(&documents)
    .load(tenant.conn())?;
    for file in files {
        done.removed(vec![file.id]);
        done.files.extend(file.storage_key);
        done.files.extend(file.thumbnail_key);
    }
    // Subject access exports of the student: each archive holds all of the above.
    let exports: Vec<StoredExport> = diesel::sql_query(
        "DELETE FROM student_exports WHERE organization_id = $1 AND student_id = $2
         RETURNING id, storage_key",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(student)
    .load(tenant.conn())?;
    for export in exports {
        done.removed(vec![export.id]);
        done.files.extend(export.storage_key);
    }

    // The family: the student's guardian links, then each person and family no
    // other student of the school still holds.
    let links: Vec<Link> = diesel::sql_query(
        "DELETE FROM guardians WHERE organization_id = $1 AND student_id = $2
         RETURNING id, person_id AS other, full_name, email",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(student)
    .load(tenant.conn())?;
    let people: Vec<Uuid> = links.iter().filter_map(|l| l.other).collect();
    // Every name the student went by: text written before a change still holds the old one.
    let (firsts, lasts, mut emails) = former_names(tenant, student, &person)?;
    let mut names = Vec::new();
    for first in &firsts {
        for last in &lasts {
            names.push(format!("{first} {last}"));
            names.push(format!("{last}, {first}"));
            names.push(format!("{last} {first}"));
        }
    }
    // A link without a person of its own is the student's alone.
    for link in links.iter().filter(|l| l.other.is_none()) {
        names.push(link.full_name.clone());
        emails.extend(link.email.clone());
    }
    done.removed(links.iter().map(|l| l.id).collect());
    let gone: Vec<Link> = diesel::sql_query(
        "DELETE FROM guardian_people p WHERE p.organization_id = $1 AND p.id = ANY($2)
           AND NOT EXISTS (SELECT 1 FROM guardians g WHERE g.person_id = p.id)
         RETURNING p.id, p.family_id AS other, p.full_name, p.email",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<Array<SqlUuid>, _>(&people)
    .load(tenant.conn())?;
    let families: Vec<Uuid> = gone.iter().filter_map(|p| p.other).collect();
    for p in &gone {
        names.push(p.full_name.clone());
        emails.extend(p.email.clone());
    }
    done.removed(gone.iter().map(|p| p.id).collect());
    let families = returning_among(
        tenant,
        "DELETE FROM families f WHERE f.organization_id = $1 AND f.id = ANY($2)
           AND NOT EXISTS (SELECT 1 FROM guardian_people p WHERE p.family_id = f.id)
         RETURNING f.id",
        &families,
    )?;
    done.removed(families);

    // Rows about the student alone: health, report cards and their comments, and
    // the printed report cards of the student's classes (they can be printed again).
    for sql in [
        "DELETE FROM student_health WHERE organization_id = $1 AND student_id = $2 RETURNING id",
        "DELETE FROM report_card_comments WHERE organization_id = $1 AND student_id = $2
         RETURNING id",
        "DELETE FROM report_card_files WHERE organization_id = $1 AND class_id IN
           (SELECT class_id FROM report_cards WHERE student_id = $2) RETURNING id",
        "DELETE FROM report_cards WHERE organization_id = $1 AND student_id = $2 RETURNING id",
        "DELETE FROM form_stashes WHERE organization_id = $1
           AND strpos(form_page, $2::text) > 0 RETURNING id",
    ] {
        let ids = returning(tenant, sql, student)?;
        done.removed(ids);
    }
    // Rows kept for the school's counts, their free text dropped.
    for sql in [
        "UPDATE admissions SET reason = NULL, notes = NULL
         WHERE organization_id = $1 AND student_id = $2 RETURNING id",
        "UPDATE student_status_changes SET reason = NULL
         WHERE organization_id = $1 AND student_id = $2 RETURNING id",
        "UPDATE assessment_results SET remarks = NULL
         WHERE organization_id = $1 AND student_id = $2 AND remarks IS NOT NULL RETURNING id",
        "UPDATE attendance_records SET remarks = NULL
         WHERE organization_id = $1 AND student_id = $2 AND remarks IS NOT NULL RETURNING id",
        "UPDATE messages SET audience_ids = array_remove(audience_ids, $2)
         WHERE organization_id = $1 AND $2 = ANY(audience_ids) RETURNING id",
        "UPDATE communication_events SET audience_ids = array_remove(audience_ids, $2)
         WHERE organization_id = $1 AND $2 = ANY(audience_ids) RETURNING id",
    ] {
        let ids = returning(tenant, sql, student)?;
        done.anonymized(ids);
    }

    let names: Vec<String> = names
        .into_iter()
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    let emails: Vec<String> = emails
        .iter()
        .map(|e| e.trim().to_lowercase())
        .filter(|e| !e.is_empty())
        .collect();
    let pattern = names_pattern(&names);

    // Mail: what waits for or was sent to an erased address goes; messages keep
    // their recipients (for their counts) without name or address.
    let mail = diesel::sql_query(
        "DELETE FROM email_outbox WHERE organization_id = $1 AND lower(to_address) = ANY($2)
         RETURNING id",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<Array<Text>, _>(&emails)
    .load::<Id>(tenant.conn())?;
    done.removed(mail.into_iter().map(|r| r.id).collect());
    let recipients = diesel::sql_query(
        "UPDATE message_recipients SET recipient_label = $4, destination = NULL
         WHERE organization_id = $1
           AND (lower(destination) = ANY($2) OR recipient_label = ANY($3)
                OR (recipient_type = 'student' AND recipient_label ~* $5))
         RETURNING id",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<Array<Text>, _>(&emails)
    .bind::<Array<Text>, _>(&names)
    .bind::<Text, _>(&words.recipient)
    .bind::<Text, _>(&pattern)
    .load::<Id>(tenant.conn())?;
    done.anonymized(recipients.into_iter().map(|r| r.id).collect());
    let replacement = words.in_text.replace('\\', "\\\\");
    for (table, column) in FREE_TEXT {
        let ids = diesel::sql_query(format!(
            "UPDATE {table} SET {column} = regexp_replace({column}, $2, $3, 'gi')
             WHERE organization_id = $1 AND {column} ~* $2 RETURNING id"
        ))
        .bind::<SqlUuid, _>(organization)
        .bind::<Text, _>(&pattern)
        .bind::<Text, _>(&replacement)
        .load::<Id>(tenant.conn())?;
        done.anonymized(ids.into_iter().map(|r| r.id).collect());
    }

    // The student's own row stays, for the invoices, marks and counts that name it.
    let own = diesel::sql_query(
        "UPDATE students SET first_name = $3, last_name = $4, student_number = NULL,
             gender = NULL, date_of_birth = NULL, email = NULL, phone = NULL,
             address = NULL, import_hash = NULL, deleted_at = coalesce(deleted_at, $5),
             erased_at = $5, updated_by_id = $6
         WHERE organization_id = $1 AND id = $2 RETURNING id",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(student)
    .bind::<Text, _>(&words.first_name)
    .bind::<Text, _>(&words.last_name)
    .bind::<Timestamptz, _>(at)
    .bind::<Nullable<SqlUuid>, _>(tenant.user().map(|u| u.uuid()))
    .load::<Id>(tenant.conn())?;
    done.anonymized(own.into_iter().map(|r| r.id).collect());

    // The audit trail of every row above, and any entry still naming the student,
    // a guardian gone with them, or their addresses.
    diesel::sql_query(
        "UPDATE audit_log SET changes = '{}'::jsonb
         WHERE organization_id = $1 AND changes <> '{}'::jsonb
           AND (row_id = ANY($2) OR changes::text ~* $3
                OR EXISTS (SELECT 1 FROM unnest($4::text[]) e
                            WHERE strpos(lower(changes::text), e) > 0))",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<Array<SqlUuid>, _>(&done.touched)
    .bind::<Text, _>(&pattern)
    .bind::<Array<Text>, _>(&emails)
    .execute(tenant.conn())?;
    resume_audit(tenant.conn(), &audit_before)?;
    Ok(Some(done))
}

#[derive(QueryableByName)]
struct Changes {
    #[diesel(sql_type = diesel::sql_types::Jsonb)]
    changes: serde_json::Value,
}

/// The student's first names, last names and e-mail addresses, now and as the
/// audit trail of their row remembers them.
fn former_names(
    tenant: &mut Tenant<'_>,
    student: Uuid,
    person: &Personal,
) -> QueryResult<(Vec<String>, Vec<String>, Vec<String>)> {
    let organization = tenant.organization().uuid();
    let trail: Vec<Changes> = diesel::sql_query(
        "SELECT changes FROM audit_log
         WHERE organization_id = $1 AND table_name = 'students' AND row_id = $2",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(student)
    .load(tenant.conn())?;
    let mut firsts = vec![person.first_name.clone()];
    let mut lasts = vec![person.last_name.clone()];
    let mut emails: Vec<String> = person.email.iter().cloned().collect();
    for entry in &trail {
        for (column, into) in [
            ("first_name", &mut firsts),
            ("last_name", &mut lasts),
            ("email", &mut emails),
        ] {
            for side in ["from", "to"] {
                let value = entry.changes.get(column).and_then(|c| c.get(side));
                if let Some(text) = value.and_then(serde_json::Value::as_str)
                    && !into.iter().any(|known| known == text)
                {
                    into.push(text.to_owned());
                }
            }
        }
    }
    Ok((firsts, lasts, emails))
}

/// Records that a student record was erased, with its counts and never its name.
pub fn log_erasure(
    tenant: &mut Tenant<'_>,
    erasure: &Erasure,
    started: DateTime<Utc>,
) -> QueryResult<()> {
    let organization = tenant.organization().uuid();
    let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    diesel::sql_query(
        "INSERT INTO sync_logs (organization_id, sync_type, status, records_processed,
             records_created, records_updated, started_at, completed_at, created_by_id)
         VALUES ($1, $2, 'success', $3, 0, $4, $5, now(), $6)",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<Text, _>(super::ERASURE_LOG)
    .bind::<Integer, _>(count(erasure.removed + erasure.anonymized))
    .bind::<Integer, _>(count(erasure.anonymized))
    .bind::<Timestamptz, _>(started)
    .bind::<Nullable<SqlUuid>, _>(tenant.user().map(|u| u.uuid()))
    .execute(tenant.conn())
    .map(drop)
}

#[derive(QueryableByName)]
struct Setting {
    #[diesel(sql_type = Text)]
    value: String,
}

/// Turns the audit trail off for the rest of the transaction; answers how it was.
fn pause_audit(conn: &mut PgConnection) -> QueryResult<String> {
    diesel::sql_query(
        "SELECT coalesce(current_setting('homeroom.audit', true), '') AS value,
                set_config('homeroom.audit', 'off', true)",
    )
    .get_result::<Setting>(conn)
    .map(|s| s.value)
}

fn resume_audit(conn: &mut PgConnection, before: &str) -> QueryResult<()> {
    diesel::sql_query("SELECT set_config('homeroom.audit', $1, true)")
        .bind::<Text, _>(before)
        .execute(conn)
        .map(drop)
}

/// A case-blind regular expression (PostgreSQL's) matching any of `names`, each
/// letter for letter with any run of spaces between words.
pub fn names_pattern(names: &[String]) -> String {
    let alternatives: Vec<String> = names
        .iter()
        .map(|name| {
            name.split_whitespace()
                .map(|word| {
                    word.chars()
                        .map(|c| {
                            if c.is_alphanumeric() {
                                c.to_string()
                            } else {
                                format!("\\{c}")
                            }
                        })
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join("\\s+")
        })
        .filter(|a| !a.is_empty())
        .collect();
    if alternatives.is_empty() {
        // Matches nothing: a name is never empty, but an empty pattern would match all.
        return "[^\\s\\S]".to_owned();
    }
    format!("({})", alternatives.join("|"))
}

#[cfg(test)]
mod tests {
    use super::names_pattern;

    #[test]
    fn a_name_is_matched_letter_for_letter_whatever_it_holds() {
        let names = vec!["Ana  Lopez".to_owned(), "O'Brien, J. (Jr)".to_owned()];
        assert_eq!(
            names_pattern(&names),
            "(Ana\\s+Lopez|O\\'Brien\\,\\s+J\\.\\s+\\(Jr\\))"
        );
        assert_eq!(names_pattern(&[" ".to_owned()]), "[^\\s\\S]");
    }
}
