//! Retention and erasure of students' records. A school keeps the record of a
//! student who left (graduated, transferred, withdrawn) for the years it chose
//! ([`Retention`]); past them, `/privacy/retention` lists the student for an
//! administrator, who erases the record by typing the student's name. A deleted
//! student is erased by the scheduled task once the school's purge window is over.
//! Both go through [`erase_student`], so the same rules hold for both.
//!
//! What an erasure does, in one transaction (files removed after it commits):
//! - removes what is about the student alone: medical notes, report cards and their
//!   comments (and the printed report cards of their classes, which can be printed
//!   again), documents, every file of the student and of their invoices and
//!   payments, and the subject access exports made of the record (their archives);
//! - removes the student's guardian links, and each guardian and family no other
//!   student of the school still has: a family is the student's personal data
//!   unless a brother or sister is still at the school, then it stays theirs;
//! - keeps, without names, what the school counts and what the law asks it to
//!   keep: the student's row (named by a placeholder, never listed again), invoices,
//!   payments, attendance marks, results, enrolments, admissions and status changes
//!   (their free text dropped), message recipients (without name or address),
//!   and the access log (it holds only ids);
//! - replaces the names in free text the school wrote (messages, mail, invoice lines
//!   and notes), deletes mail waiting for or sent to an erased address, and
//!   empties the audit trail of every row it touched and any entry naming them;
//! - writes one `sync_logs` row, `student_erasure`, with its counts and never a name.
//!
//! Nothing is kept to undo it: an erased record cannot be restored.

pub mod pages;
mod queries;
pub mod retention;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use uuid::Uuid;

pub use queries::{Erasure, Standing};
pub use retention::Retention;

use crate::db::{Actor, Tenant};
use crate::files::FileStore;
use crate::i18n::{self, Lang};

/// The `sync_logs` kind of an erasure's row.
pub const ERASURE_LOG: &str = "student_erasure";

/// What erasure does with the rows of each table that names a student by
/// `student_id`: a new such table must be added here (and handled in
/// [`queries::erase`]); a test compares this list with the database's foreign keys.
pub const STUDENT_TABLES: &[(&str, Kept)] = &[
    ("absence_alerts", Kept::ForCounts),
    ("access_log", Kept::ForCounts),
    ("admissions", Kept::WithoutText),
    ("assessment_results", Kept::WithoutText),
    ("attendance_records", Kept::WithoutText),
    ("class_enrollments", Kept::ForCounts),
    ("discount_rule_students", Kept::ForCounts),
    ("guardians", Kept::Removed),
    ("invoices", Kept::WithoutText),
    ("report_card_comments", Kept::Removed),
    ("report_cards", Kept::Removed),
    ("rollover_student_choices", Kept::ForCounts),
    ("student_exports", Kept::Removed),
    ("student_health", Kept::Removed),
    ("student_status_changes", Kept::WithoutText),
];

/// What becomes of a row that names an erased student.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// Deleted with the student.
    Removed,
    /// Kept as it is: it holds ids, dates and amounts, no personal text.
    ForCounts,
    /// Kept for the school's counts and totals, its free text dropped or its
    /// names replaced.
    WithoutText,
}

/// Why a record may not be erased now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The student has not left (active, applicant, inactive).
    NotLeft,
    /// A class still has the student enrolled.
    StillEnrolled,
    /// The student left on this day, and the school keeps records until this one.
    NotPastRetention { kept_until: NaiveDate },
    /// What was typed is not the student's name.
    NameMismatch,
}

impl Refusal {
    /// The message saying so, in the reader's language.
    pub fn message(&self, t: Lang) -> String {
        match self {
            Refusal::NotLeft => t.text("priv-erase-not-left"),
            Refusal::StillEnrolled => t.text("priv-erase-enrolled"),
            Refusal::NotPastRetention { kept_until } => t
                .message("priv-erase-too-soon")
                .arg("date", t.date(*kept_until))
                .to_string(),
            Refusal::NameMismatch => t.text("priv-erase-name-mismatch"),
        }
    }
}

impl Standing {
    /// The student's full name, as the administrator types it to confirm.
    pub fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    /// Whether the record may be erased `today` under `retention`, or why not.
    pub fn erasable(&self, retention: Retention, today: NaiveDate) -> Result<(), Refusal> {
        if !self.left {
            return Err(Refusal::NotLeft);
        }
        if self.enrolled {
            return Err(Refusal::StillEnrolled);
        }
        if self.left_on > retention.left_by(today) {
            let kept_until = self
                .left_on
                .checked_add_months(chrono::Months::new(retention.years * 12))
                .unwrap_or(NaiveDate::MAX);
            return Err(Refusal::NotPastRetention { kept_until });
        }
        Ok(())
    }

    /// Whether `typed` is this student's name: spaces and letter case aside.
    pub fn confirmed_by(&self, typed: &str) -> bool {
        let fold = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        !typed.trim().is_empty() && fold(typed) == fold(&self.name())
    }
}

/// The school's students past retention `today`: left, not enrolled, and gone
/// longer than the school keeps records.
pub fn past_retention(
    tenant: &mut Tenant<'_>,
    retention: Retention,
    today: NaiveDate,
) -> QueryResult<Vec<Standing>> {
    Ok(queries::departed(tenant)?
        .into_iter()
        .filter(|s| s.erasable(retention, today).is_ok())
        .collect())
}

/// One student of the school, whatever their state; `None` when not the school's.
pub fn standing(tenant: &mut Tenant<'_>, student: Uuid) -> QueryResult<Option<Standing>> {
    queries::standing(tenant, student)
}

/// The placeholders an erasure leaves, in the school's language `t`.
fn placeholders(t: Lang) -> queries::Placeholders {
    queries::Placeholders {
        first_name: t.text("priv-erase-first-name"),
        last_name: t.text("priv-erase-last-name"),
        in_text: t.text("priv-erase-in-text"),
        recipient: t.text("priv-erase-recipient"),
    }
}

/// Erases one student's record in the caller's transaction (its own savepoint)
/// and logs it; answers the stored files to remove once the transaction commits,
/// or `None` when the record was erased already. The caller has checked that the
/// record may go.
pub fn erase_student(
    tenant: &mut Tenant<'_>,
    student: Uuid,
    t: Lang,
) -> QueryResult<Option<Erasure>> {
    let started = Utc::now();
    tenant.transaction(|tenant| {
        tenant.as_system(|tenant| {
            let erasure = queries::erase(tenant, student, &placeholders(t), started)?;
            if let Some(erasure) = &erasure {
                queries::log_erasure(tenant, erasure, started)?;
            }
            Ok(erasure)
        })
    })
}

/// Removes the stored files of a committed erasure.
pub fn remove_files(store: &FileStore, erasure: &Erasure) {
    for key in &erasure.files {
        store.remove(key);
    }
}

/// What the scheduled task did: students past retention it found (for the
/// administrators to confirm) and deleted students it erased.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Review {
    pub past_retention: usize,
    pub purged: usize,
}

/// The scheduled review of every school: counts its students past retention and
/// erases the students deleted longer ago than its purge window. Each erasure is
/// a savepoint of the task's transaction; its files go once the savepoint is
/// released, since the task writes nothing after it that could undo it.
pub fn review_schools(
    conn: &mut PgConnection,
    store: &FileStore,
    now: DateTime<Utc>,
) -> QueryResult<Review> {
    let mut review = Review::default();
    for school in queries::schools(conn)? {
        let retention = Retention::of_school(&school.settings);
        let t = i18n::choose(None, school.language.as_deref(), None);
        // Read before entering: a school's row is the only one its tenant sees.
        let today = crate::clock::today(crate::clock::zone(&school.time_zone));
        let tenant = &mut crate::db::enter(conn, &Actor::system(school.id))?;
        review.past_retention += tenant
            .as_system(|tenant| past_retention(tenant, retention, today))?
            .len();
        let cutoff = now - chrono::Duration::days(i64::from(retention.purge_days));
        let deleted = tenant.as_system(|tenant| queries::deleted_before(tenant, cutoff))?;
        for student in deleted {
            if let Some(erasure) = erase_student(tenant, student, t)? {
                remove_files(store, &erasure);
                review.purged += 1;
            }
        }
    }
    Ok(review)
}

/// Whether the student's record was erased.
pub fn is_erased(tenant: &mut Tenant<'_>, student: Uuid) -> QueryResult<bool> {
    use crate::db::schema::students;
    Ok(students::table
        .find(student)
        .select(students::erased_at.is_not_null())
        .first::<bool>(tenant.conn())
        .optional()?
        .unwrap_or(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn left(on: NaiveDate) -> Standing {
        Standing {
            id: Uuid::nil(),
            first_name: "Ana María".into(),
            last_name: "López".into(),
            left: true,
            left_on: on,
            enrolled: false,
            erased: false,
            deleted: false,
        }
    }

    #[test]
    fn only_a_student_who_left_longer_ago_than_the_school_keeps_records_may_go() {
        let keep = Retention {
            years: 5,
            purge_days: 90,
        };
        let today = day(2026, 12, 2);
        assert_eq!(left(day(2021, 12, 2)).erasable(keep, today), Ok(()));
        assert_eq!(
            left(day(2021, 12, 3)).erasable(keep, today),
            Err(Refusal::NotPastRetention {
                kept_until: day(2026, 12, 3)
            })
        );
        let active = Standing {
            left: false,
            ..left(day(2010, 1, 1))
        };
        assert_eq!(active.erasable(keep, today), Err(Refusal::NotLeft));
        let enrolled = Standing {
            enrolled: true,
            ..left(day(2010, 1, 1))
        };
        assert_eq!(enrolled.erasable(keep, today), Err(Refusal::StillEnrolled));
    }

    #[test]
    fn the_confirmation_is_the_full_name_spaces_and_case_aside() {
        let student = left(day(2020, 1, 1));
        assert!(student.confirmed_by("  ana  maría LÓPEZ "));
        assert!(!student.confirmed_by("Ana López"));
        assert!(!student.confirmed_by(""));
    }
}
