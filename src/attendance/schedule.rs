//! The rolls a day calls for: each class's daily roll and each timetabled period,
//! from the published timetable in force, with how far each roll has been taken.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use diesel::QueryResult;
use uuid::Uuid;

use super::queries::schedule as queries;
use crate::db::Tenant;
use crate::db::enums::AttendanceSessionType;

/// Whose rolls to list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The rolls a teacher takes: their periods, and the daily rolls of classes
    /// they are homeroom teacher of (`staff.id`).
    Teacher(Uuid),
    Campus(Uuid),
    Organization,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RollState {
    NotTaken,
    Partial {
        marked: i64,
        enrolled: i64,
    },
    /// Every enrolled student is marked; `at` is the last save.
    Taken {
        at: DateTime<Utc>,
    },
}

#[derive(Clone, Debug)]
pub struct ScheduledRoll {
    pub class_id: Uuid,
    pub class_name: String,
    pub class_subject_id: Option<Uuid>,
    pub subject_name: Option<String>,
    pub campus_id: Uuid,
    pub campus_name: String,
    pub period_starts_at: Option<NaiveTime>,
    pub period_ends_at: Option<NaiveTime>,
    pub room: Option<String>,
    pub teacher_staff_id: Option<Uuid>,
    pub teacher_name: Option<String>,
    pub session_type: AttendanceSessionType,
    pub state: RollState,
}

/// The rolls of `date` for `scope`, ordered by campus, then time (daily rolls first).
pub fn scheduled_rolls(
    tenant: &mut Tenant<'_>,
    date: NaiveDate,
    scope: Scope,
) -> QueryResult<Vec<ScheduledRoll>> {
    let (teacher, campus) = match scope {
        Scope::Teacher(staff_id) => (Some(staff_id), None),
        Scope::Campus(campus_id) => (None, Some(campus_id)),
        Scope::Organization => (None, None),
    };
    let rows = queries::slots(tenant, date, queries::Who { teacher, campus })?;
    Ok(rows
        .into_iter()
        .map(|r| ScheduledRoll {
            state: roll_state(r.marked, r.enrolled, r.last_saved),
            class_id: r.class_id,
            class_name: r.class_name,
            class_subject_id: r.class_subject_id,
            subject_name: r.subject_name,
            campus_id: r.campus_id,
            campus_name: r.campus_name,
            period_starts_at: r.starts_at,
            period_ends_at: r.ends_at,
            room: r.room,
            teacher_staff_id: r.teacher_staff_id,
            teacher_name: r.teacher_name,
            session_type: r.session_type,
        })
        .collect())
}

/// A roll is taken once every enrolled student has a mark.
pub fn roll_state(marked: i64, enrolled: i64, last_saved: Option<DateTime<Utc>>) -> RollState {
    match last_saved {
        Some(at) if marked > 0 && marked >= enrolled => RollState::Taken { at },
        _ if marked > 0 => RollState::Partial { marked, enrolled },
        _ => RollState::NotTaken,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_roll_is_taken_when_everyone_is_marked() {
        let at = Utc::now();
        assert_eq!(roll_state(0, 30, None), RollState::NotTaken);
        assert_eq!(
            roll_state(12, 30, Some(at)),
            RollState::Partial {
                marked: 12,
                enrolled: 30
            }
        );
        assert_eq!(roll_state(30, 30, Some(at)), RollState::Taken { at });
    }
}
