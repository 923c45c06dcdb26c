//! Rolls and their marks, each campus's attendance settings and daily figures, and
//! staff attendance.

use chrono::NaiveDate;
use diesel::QueryResult;
use uuid::Uuid;

use super::academics::{CLASS_SUBJECTS, CLASSES};
use super::people::{CAMPUSES, STAFF, STUDENTS};
use crate::access::Entity;
use crate::attendance::summary::refresh_summaries;
use crate::choices;
use crate::db::Tenant;
use crate::db::enums::{AttendanceSessionType, AttendanceStatus, StaffAttendanceStatus};
use crate::i18n::{Lang, msg};
use crate::resources::{Child, Field, Hooks, Mode, Resource, Rule, queries, store};
use crate::web::form::FieldErrors;

pub static ATTENDANCE_SESSIONS: Resource = Resource {
    entity: Entity::AttendanceSessions,
    singular: "attendance session",
    title: concat!(
        "concat_ws(' ', (SELECT ",
        class_name!("c."),
        " FROM classes c WHERE c.id = class_id), session_date::text)"
    ),
    fields: &[
        Field::relation("class_id", msg("field-class"), &CLASSES)
            .required()
            .listed(),
        Field::relation(
            "class_subject_id",
            msg("field-class-subject"),
            &CLASS_SUBJECTS,
        ),
        Field::relation("campus_id", msg("field-campus"), &CAMPUSES).listed(),
        Field::date("session_date", msg("field-date"))
            .required()
            .sortable(),
        Field::choice(
            "session_type",
            msg("field-roll"),
            "attendance_session_type",
            choices!(AttendanceSessionType),
        )
        .required()
        .sortable(),
        Field::relation("taken_by_id", msg("field-taken-by"), &STAFF).listed(),
        Field::long_text("notes", msg("field-notes")),
    ],
    search: &[],
    filters: &["session_type", "class_id", "campus_id", "session_date"],
    order: &["session_date DESC"],
    natural_key: &[
        "class_id",
        "class_subject_id",
        "session_date",
        "session_type",
    ],
    children: &[Child::cascade(&ATTENDANCE_RECORDS, "attendance_session_id")],
    rules: &[],
    hooks: &Hooks {
        derived: &["campus_id"],
        fill: Some(fill_session),
        check: Some(check_session),
        after_write: Some(session_written),
        warn: None,
    },
    mode: Mode::Tenant,
};

pub static ATTENDANCE_RECORDS: Resource = Resource {
    entity: Entity::AttendanceRecords,
    singular: "attendance record",
    title: "(SELECT concat_ws(' ', s.first_name, s.last_name) FROM students s WHERE s.id = student_id)",
    fields: &[
        Field::relation(
            "attendance_session_id",
            msg("field-session"),
            &ATTENDANCE_SESSIONS,
        )
        .required()
        .listed(),
        Field::relation("student_id", msg("field-student"), &STUDENTS)
            .required()
            .listed(),
        Field::choice(
            "status",
            msg("field-mark"),
            "attendance_status",
            choices!(AttendanceStatus),
        )
        .required()
        .sortable(),
        Field::integer("minutes_late", msg("field-minutes-late"), 0, 600).listed(),
        Field::long_text("remarks", msg("field-remarks")),
    ],
    search: &[],
    filters: &["status", "attendance_session_id", "student_id"],
    // The latest marks first, in the order an index keeps (ordering by the roll's
    // date read every mark of the school for one page).
    order: &["created_at DESC"],
    natural_key: &["attendance_session_id", "student_id"],
    children: &[],
    rules: &[],
    hooks: &Hooks {
        check: Some(check_record),
        after_write: Some(record_written),
        ..Hooks::NONE
    },
    mode: Mode::Tenant,
};

pub static CAMPUS_ATTENDANCE_CONFIG: Resource = Resource {
    entity: Entity::CampusAttendanceConfig,
    singular: "campus attendance setting",
    title: "campus_key",
    fields: &[
        Field::relation("campus_id", msg("field-campus"), &CAMPUSES)
            .required()
            .listed(),
        Field::text("campus_key", msg("field-campus-code")).sortable(),
        Field::time("school_starts_at", msg("field-school-starts-at"))
            .required()
            .listed(),
        Field::time("daily_roll_deadline", msg("field-daily-roll-due-by"))
            .required()
            .listed(),
        Field::integer(
            "period_roll_grace_minutes",
            msg("field-minutes-to-take-a-period-roll"),
            0,
            600,
        )
        .required()
        .listed(),
        Field::text("attendance_link", msg("field-attendance-link")).max(500),
    ],
    search: &["campus_key"],
    filters: &["campus_id"],
    order: &["campus_key"],
    natural_key: &["campus_id"],
    children: &[],
    rules: &[Rule::NotBefore {
        later: "daily_roll_deadline",
        earlier: "school_starts_at",
    }],
    hooks: &Hooks {
        derived: &["campus_key"],
        fill: Some(fill_config),
        ..Hooks::NONE
    },
    mode: Mode::Tenant,
};

pub static STAFF_ATTENDANCE_RECORDS: Resource = Resource {
    entity: Entity::StaffAttendanceRecords,
    singular: "staff attendance record",
    title: "concat_ws(' ', user_name, attendance_date::text)",
    fields: &[
        Field::relation("staff_id", msg("field-staff-member"), &STAFF).required(),
        Field::text("user_name", msg("field-name")).sortable(),
        Field::date("attendance_date", msg("field-date"))
            .required()
            .sortable(),
        Field::choice(
            "status",
            msg("field-status"),
            "staff_attendance_status",
            choices!(StaffAttendanceStatus),
        )
        .required()
        .sortable(),
        Field::relation("campus_id", msg("field-campus"), &CAMPUSES).listed(),
        Field::timestamp("checked_in_at", msg("field-checked-in-at")).listed(),
        Field::long_text("note", msg("field-note")),
    ],
    search: &["user_name", "note"],
    filters: &["status", "staff_id", "campus_id", "attendance_date"],
    order: &["attendance_date DESC", "user_name"],
    natural_key: &["staff_id", "attendance_date"],
    children: &[],
    rules: &[],
    hooks: &Hooks {
        derived: &["user_name"],
        fill: Some(fill_staff_record),
        check: Some(check_staff_record),
        ..Hooks::NONE
    },
    mode: Mode::Tenant,
};

/// Computed from the daily rolls' marks whenever they change; never edited.
pub static CAMPUS_ATTENDANCE_SUMMARIES: Resource = Resource {
    entity: Entity::CampusAttendanceSummaries,
    singular: "campus attendance summary",
    title: "concat_ws(' ', campus_key, attendance_date::text)",
    fields: &[
        Field::relation("campus_id", msg("field-campus"), &CAMPUSES).listed(),
        Field::text("campus_key", msg("field-campus-code")),
        Field::date("attendance_date", msg("field-date")).sortable(),
        Field::integer("total_enrolled", msg("field-marked"), 0, i32::MAX as i64).listed(),
        Field::integer("total_present", msg("field-present"), 0, i32::MAX as i64).listed(),
        Field::integer("total_absent", msg("field-absent"), 0, i32::MAX as i64).listed(),
        Field::integer("total_tardy", msg("field-late"), 0, i32::MAX as i64).listed(),
        Field::decimal("attendance_percentage", msg("field-attendance-percent")).sortable(),
        Field::long_text("notes", msg("field-notes")),
    ],
    search: &["campus_key"],
    filters: &["campus_id", "attendance_date"],
    order: &["attendance_date DESC", "campus_key"],
    natural_key: &["campus_id", "attendance_date"],
    children: &[],
    rules: &[],
    mode: Mode::TenantReadOnly,
    hooks: &Hooks::NONE,
};

/// A session is on its class's campus.
fn fill_session(
    tenant: &mut Tenant<'_>,
    _id: Option<Uuid>,
    values: &mut [Option<String>],
) -> QueryResult<()> {
    let res = &ATTENDANCE_SESSIONS;
    let campus = match res.value(values, "class_id") {
        Some(class) => queries::campus_of_class(tenant, class)?,
        None => None,
    };
    res.set(values, "campus_id", campus.map(|c| c.to_string()));
    Ok(())
}

/// A period roll's subject is one the class takes.
fn check_session(
    tenant: &mut Tenant<'_>,
    _id: Option<Uuid>,
    values: &[Option<String>],
    t: Lang,
    errors: &mut FieldErrors,
) -> QueryResult<()> {
    let res = &ATTENDANCE_SESSIONS;
    if let (Some(class), Some(subject)) = (
        res.value(values, "class_id"),
        res.value(values, "class_subject_id"),
    ) {
        let of = queries::class_of_subject(tenant, subject)?;
        if of.map(|c| c.to_string()).as_deref() != Some(class) {
            errors.add(
                "class_subject_id",
                t.text("record-check-subject-not-in-class"),
            );
        }
    }
    Ok(())
}

/// Recomputes the campus's daily figures for the day of a session; a day left
/// without marks has no figures.
fn refresh_day(tenant: &mut Tenant<'_>, session: &str) -> QueryResult<()> {
    let Some((campus, day)) = queries::session_day(tenant, session)? else {
        return Ok(());
    };
    let org = tenant.organization().uuid();
    refresh_summaries(tenant.conn(), org, Some(campus), day, day)?;
    queries::retire_unmarked_day(tenant, campus, day)?;
    Ok(())
}

/// The days a session was and is on both get fresh figures.
fn session_written(
    tenant: &mut Tenant<'_>,
    id: Uuid,
    before: Option<&[Option<String>]>,
) -> QueryResult<()> {
    refresh_day(tenant, &id.to_string())?;
    if let Some(before) = before {
        let res = &ATTENDANCE_SESSIONS;
        if let (Some(campus), Some(date)) = (
            res.value(before, "campus_id"),
            res.value(before, "session_date"),
        ) && let (Ok(campus), Ok(date)) = (
            Uuid::parse_str(campus),
            NaiveDate::parse_from_str(date, "%Y-%m-%d"),
        ) {
            let org = tenant.organization().uuid();
            refresh_summaries(tenant.conn(), org, Some(campus), date, date)?;
        }
    }
    Ok(())
}

/// Minutes late only on a late mark; one mark per student per session.
fn check_record(
    tenant: &mut Tenant<'_>,
    id: Option<Uuid>,
    values: &[Option<String>],
    t: Lang,
    errors: &mut FieldErrors,
) -> QueryResult<()> {
    let res = &ATTENDANCE_RECORDS;
    if res.value(values, "minutes_late").is_some() && res.value(values, "status") != Some("late") {
        errors.add("minutes_late", t.text("record-check-minutes-late"));
    }
    if let (Some(session), Some(student)) = (
        res.value(values, "attendance_session_id"),
        res.value(values, "student_id"),
    ) && store::taken(
        tenant,
        res,
        id,
        &[("attendance_session_id", session), ("student_id", student)],
    )? {
        errors.add("student_id", t.text("record-check-mark-taken"));
    }
    Ok(())
}

/// The day's figures follow every mark written, on the session it was and is in.
fn record_written(
    tenant: &mut Tenant<'_>,
    id: Uuid,
    before: Option<&[Option<String>]>,
) -> QueryResult<()> {
    let session = queries::session_of_record(tenant, id)?.map(|s| s.to_string());
    if let Some(session) = &session {
        refresh_day(tenant, session)?;
    }
    if let Some(old) = before.and_then(|b| ATTENDANCE_RECORDS.value(b, "attendance_session_id"))
        && session.as_deref() != Some(old)
    {
        refresh_day(tenant, old)?;
    }
    Ok(())
}

/// The campus's code names its settings.
fn fill_config(
    tenant: &mut Tenant<'_>,
    _id: Option<Uuid>,
    values: &mut [Option<String>],
) -> QueryResult<()> {
    let res = &CAMPUS_ATTENDANCE_CONFIG;
    let key = match res.value(values, "campus_id") {
        Some(campus) => queries::campus_key(tenant, campus)?,
        None => None,
    };
    res.set(values, "campus_key", key);
    Ok(())
}

/// The record keeps the staff member's name, and their campus unless another is given.
fn fill_staff_record(
    tenant: &mut Tenant<'_>,
    _id: Option<Uuid>,
    values: &mut [Option<String>],
) -> QueryResult<()> {
    let res = &STAFF_ATTENDANCE_RECORDS;
    let Some(staff) = res.value(values, "staff_id") else {
        return Ok(());
    };
    let found = queries::staff_name_and_campus(tenant, staff)?;
    let (name, campus) = found.map_or((None, None), |(name, campus)| (Some(name), campus));
    res.set(values, "user_name", name);
    if res.value(values, "campus_id").is_none() {
        res.set(values, "campus_id", campus.map(|c| c.to_string()));
    }
    Ok(())
}

/// One record per staff member per day.
fn check_staff_record(
    tenant: &mut Tenant<'_>,
    id: Option<Uuid>,
    values: &[Option<String>],
    t: Lang,
    errors: &mut FieldErrors,
) -> QueryResult<()> {
    let res = &STAFF_ATTENDANCE_RECORDS;
    if let (Some(staff), Some(date)) = (
        res.value(values, "staff_id"),
        res.value(values, "attendance_date"),
    ) && store::taken(
        tenant,
        res,
        id,
        &[("staff_id", staff), ("attendance_date", date)],
    )? {
        errors.add("attendance_date", t.text("record-check-staff-day-taken"));
    }
    Ok(())
}
