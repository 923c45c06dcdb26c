//! Every described entity, grouped as the role editor groups them. Add a new
//! description to its group's file and to `ALL`.

pub mod academics;
pub mod attendance;
pub mod communication;
pub mod finance;
pub mod modules;
pub mod people;
pub mod system;

use diesel::prelude::*;
use diesel::sql_types::BigInt;
use uuid::Uuid;

use super::Resource;
use super::store::Sql;
use super::values;

/// Every resource the engine serves, in menu order.
pub static ALL: &[&Resource] = &[
    &people::CAMPUSES,
    &people::STUDENTS,
    &people::GUARDIANS,
    &people::STAFF,
    &academics::ACADEMIC_YEARS,
    &academics::GRADES,
    &academics::SUBJECTS,
    &academics::CLASSES,
    &academics::CLASS_ENROLLMENTS,
    &academics::CLASS_SUBJECTS,
    &academics::TIMETABLES,
    &academics::TIMETABLE_PERIODS,
    &academics::ASSESSMENTS,
    &academics::ASSESSMENT_RESULTS,
    &attendance::ATTENDANCE_SESSIONS,
    &attendance::ATTENDANCE_RECORDS,
    &attendance::CAMPUS_ATTENDANCE_CONFIG,
    &attendance::STAFF_ATTENDANCE_RECORDS,
    &attendance::CAMPUS_ATTENDANCE_SUMMARIES,
    &finance::FEE_PLANS,
    &finance::INVOICES,
    &finance::PAYMENTS,
    &communication::MESSAGES,
    &communication::MESSAGE_RECIPIENTS,
    &communication::COMMUNICATION_EVENTS,
    &modules::CONTENT_CATALOG,
    &modules::DOCUMENTS,
    &modules::FRAME_ENTRIES,
    &modules::USER_PROGRESS,
    &modules::SAFETY_QUIZ_RESULTS,
    &modules::PERSONALITY_QUIZ_RESULTS,
    &modules::WALKTHROUGH_CHECKINS,
    &system::ORGANIZATIONS,
    &system::LOGIN_HISTORY,
    &system::AUDIT_LOG,
    &system::SCHEDULED_TASKS,
    &system::SYNC_LOGS,
];

/// Whether another live row of this organization already holds these values
/// (a uniqueness rule, told as a message before the database refuses it).
fn taken(
    conn: &mut PgConnection,
    res: &Resource,
    org: Uuid,
    id: Option<Uuid>,
    same: &[(&str, &str)],
) -> QueryResult<bool> {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let mut sql = Sql::new("");
    let o = sql.uuid(org);
    let mut text = format!(
        "SELECT count(*) AS n FROM {} t WHERE t.organization_id = {o} AND t.deleted_at IS NULL",
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
    Ok(sql.load::<Count>(conn)?.first().is_some_and(|c| c.n > 0))
}
