//! Attendance reports: a student's calendar (`/attendance/students/{id}`), a class
//! over a date range (`/attendance/classes/{id}`), and the chronic absence list
//! (`/attendance/chronic`); the last two also as CSV.

use std::collections::BTreeMap;

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{Datelike, Days, Months, NaiveDate};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Nullable, Text, Uuid as SqlUuid};
use serde::Deserialize;
use uuid::Uuid;

use super::filters::{self, Choice, Tally, day_status, parse_date, status_class};
use super::oversight::OVERSEE;
use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::db::enums::AttendanceStatus;
use crate::db::schema::{attendance_records, attendance_sessions, campuses, classes, students};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::render;

const READ_RECORDS: Gate = Gate::Requires(Permission::new(Action::Read, Entity::AttendanceRecords));

/// A class grid longer than a term is unreadable and slow; ask for a shorter range.
pub const MAX_RANGE_DAYS: i64 = 120;
/// The class grid opens on the last two weeks.
const DEFAULT_RANGE_DAYS: u64 = 13;
/// Absent from at least this share of sessions (percent) is chronic absence.
pub const CHRONIC_PERCENT: i64 = 10;

pub fn routes(r: &mut Routes) {
    r.get("/attendance/students/{id}", READ_RECORDS, student_calendar)
        .get("/attendance/classes/{id}", READ_RECORDS, class_grid)
        .get(
            "/attendance/classes/{id}/export.csv",
            READ_RECORDS,
            class_csv,
        )
        .get("/attendance/chronic", OVERSEE, chronic)
        .get("/attendance/chronic/export.csv", OVERSEE, chronic_csv);
    r.menu(MenuEntry {
        group: MenuGroup::Attendance,
        order: 42,
        label: "Chronic absence",
        href: "/attendance/chronic",
        gate: OVERSEE,
    });
}

pub struct Legend {
    pub class: &'static str,
    pub code: &'static str,
    pub label: &'static str,
}

pub fn legend() -> Vec<Legend> {
    AttendanceStatus::ALL
        .iter()
        .map(|s| Legend {
            class: status_class(*s),
            code: status_code(*s),
            label: s.label(),
        })
        .collect()
}

/// A status as a short code for narrow grid cells; the legend spells them out.
fn status_code(status: AttendanceStatus) -> &'static str {
    match status {
        AttendanceStatus::Present => "P",
        AttendanceStatus::Absent => "A",
        AttendanceStatus::Late => "L",
        AttendanceStatus::Excused => "E",
    }
}

// ---------------------------------------------------------------- student calendar

#[derive(Deserialize)]
pub struct MonthQuery {
    pub month: Option<String>,
}

pub struct CalendarDay {
    pub date: NaiveDate,
    pub in_month: bool,
    pub status: Option<AttendanceStatus>,
    pub detail: String,
}

impl CalendarDay {
    pub fn class(&self) -> &'static str {
        match (self.in_month, self.status) {
            (false, _) => "cal-out",
            (true, Some(s)) => status_class(s),
            (true, None) => "cal-none",
        }
    }

    pub fn label(&self) -> &'static str {
        self.status.map_or("", |s| s.label())
    }

    pub fn code(&self) -> &'static str {
        self.status.map_or("", status_code)
    }
}

#[derive(Template)]
#[template(path = "attendance/student.html")]
struct StudentPage {
    layout: Layout,
    student_name: String,
    student_number: Option<String>,
    campus_name: String,
    month: NaiveDate,
    previous: NaiveDate,
    next: NaiveDate,
    weeks: Vec<Vec<CalendarDay>>,
    month_totals: Tally,
    year: Option<(String, Tally)>,
    legend: Vec<Legend>,
}

struct StudentMark {
    date: NaiveDate,
    status: AttendanceStatus,
    minutes_late: Option<i32>,
    subject: Option<String>,
}

async fn student_calendar(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: input::Query<MonthQuery>,
) -> Result<HttpResponse, AppError> {
    let student_id = path.parse::<Uuid>().map_err(|_| AppError::NotFound)?;
    let org = page.access.organization_id;
    let today = page.access.today();
    let month = match query
        .month
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
    {
        Some(m) => filters::parse_month(m)?,
        None => today.with_day(1).unwrap_or(today),
    };
    let next_month = month + Months::new(1);
    let (student, marks, year) =
        crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
            let conn = tenant.conn();
            let student: (String, String, Option<String>, String) = students::table
                .inner_join(campuses::table)
                .filter(students::id.eq(student_id))
                .filter(students::organization_id.eq(org))
                .filter(students::deleted_at.is_null())
                .select((
                    students::first_name,
                    students::last_name,
                    students::student_number,
                    campuses::name,
                ))
                .first(conn)?;
            let marks = student_marks(conn, org, student_id, month, next_month - Days::new(1))?;
            let year = match filters::academic_year_on(conn, org, month.min(today))? {
                Some(y) => {
                    let through = y.end_date.min(today);
                    let year_marks = student_marks(conn, org, student_id, y.start_date, through)?;
                    let mut tally = Tally::default();
                    for m in &year_marks {
                        tally.add(m.status, 1);
                    }
                    Some((format!("{} to {}", y.name, through.format("%-d %B")), tally))
                }
                None => None,
            };
            Ok((student, marks, year))
        })
        .await?;

    let mut month_totals = Tally::default();
    let mut by_day: BTreeMap<NaiveDate, Vec<&StudentMark>> = BTreeMap::new();
    for m in &marks {
        month_totals.add(m.status, 1);
        by_day.entry(m.date).or_default().push(m);
    }
    let first_cell = month - Days::new(month.weekday().num_days_from_monday().into());
    let mut weeks = Vec::new();
    let mut day = first_cell;
    while day < next_month {
        let mut week = Vec::with_capacity(7);
        for _ in 0..7 {
            let day_marks = by_day.get(&day).map(Vec::as_slice).unwrap_or_default();
            let statuses: Vec<AttendanceStatus> = day_marks.iter().map(|m| m.status).collect();
            week.push(CalendarDay {
                date: day,
                in_month: day.month() == month.month(),
                status: day_status(&statuses),
                detail: describe_marks(day_marks),
            });
            day = day + Days::new(1);
        }
        weeks.push(week);
    }
    let (first, last, number, campus_name) = student;
    render(&StudentPage {
        layout: page.layout(format!("Attendance of {first} {last}")),
        student_name: format!("{first} {last}"),
        student_number: number,
        campus_name,
        month,
        previous: month - Months::new(1),
        next: next_month,
        weeks,
        month_totals,
        year,
        legend: legend(),
    })
}

/// "Late 10 min (Maths)": each mark of a day, for the cell's title and the screen reader.
fn describe_marks(marks: &[&StudentMark]) -> String {
    marks
        .iter()
        .map(|m| {
            let mut s = m.status.label().to_owned();
            if let Some(min) = m.minutes_late {
                s.push_str(&format!(" {min} min"));
            }
            if let Some(subject) = &m.subject {
                s.push_str(&format!(" ({subject})"));
            }
            s
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn student_marks(
    conn: &mut PgConnection,
    org: Uuid,
    student_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<StudentMark>> {
    use crate::db::schema::{class_subjects, subjects};
    let rows = attendance_records::table
        .inner_join(attendance_sessions::table)
        .left_join(
            class_subjects::table
                .on(class_subjects::id
                    .nullable()
                    .eq(attendance_sessions::class_subject_id))
                .left_join(subjects::table),
        )
        .filter(attendance_records::organization_id.eq(org))
        .filter(attendance_records::student_id.eq(student_id))
        .filter(attendance_records::deleted_at.is_null())
        .filter(attendance_sessions::deleted_at.is_null())
        .filter(attendance_sessions::session_date.between(from, to))
        .order(attendance_sessions::session_date.asc())
        .select((
            attendance_sessions::session_date,
            attendance_records::status,
            attendance_records::minutes_late,
            subjects::name.nullable(),
        ))
        .load::<(NaiveDate, AttendanceStatus, Option<i32>, Option<String>)>(conn)?;
    Ok(rows
        .into_iter()
        .map(|(date, status, minutes_late, subject)| StudentMark {
            date,
            status,
            minutes_late,
            subject,
        })
        .collect())
}

// ---------------------------------------------------------------- class grid

#[derive(Deserialize)]
pub struct RangeQuery {
    pub from: Option<String>,
    pub to: Option<String>,
}

pub struct Range {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Range {
    /// The dates asked for, or the last two weeks; refuses a backwards or overlong range.
    pub fn parse(query: &RangeQuery, today: NaiveDate) -> Result<Range, AppError> {
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let to = match given(&query.to) {
            Some(v) => parse_date("end", &v)?,
            None => today,
        };
        let from = match given(&query.from) {
            Some(v) => parse_date("start", &v)?,
            None => to - Days::new(DEFAULT_RANGE_DAYS),
        };
        if from > to {
            return Err(AppError::BadRequest(
                "The start date must be on or before the end date.".to_owned(),
            ));
        }
        if (to - from).num_days() >= MAX_RANGE_DAYS {
            return Err(AppError::BadRequest(format!(
                "Choose at most {MAX_RANGE_DAYS} days; the grid would be too wide to read."
            )));
        }
        Ok(Range { from, to })
    }

    pub fn query(&self) -> String {
        format!("from={}&to={}", self.from, self.to)
    }
}

pub struct GridRow {
    pub student_id: Uuid,
    pub name: String,
    pub student_number: Option<String>,
    pub cells: Vec<Option<AttendanceStatus>>,
    pub tally: Tally,
}

pub struct ClassGrid {
    pub class_name: String,
    pub campus_name: String,
    pub dates: Vec<NaiveDate>,
    pub rows: Vec<GridRow>,
}

#[derive(Template)]
#[template(path = "attendance/class.html")]
struct ClassPage {
    layout: Layout,
    class_id: Uuid,
    range: Range,
    grid: ClassGrid,
    legend: Vec<Legend>,
}

impl ClassPage {
    fn code(&self, status: &Option<AttendanceStatus>) -> &'static str {
        status.map_or("", status_code)
    }

    fn cell_class(&self, status: &Option<AttendanceStatus>) -> &'static str {
        status.map_or("cal-none", status_class)
    }

    fn label(&self, status: &Option<AttendanceStatus>) -> &'static str {
        status.map_or("No mark", |s| s.label())
    }
}

async fn load_class_grid(
    page: &Page,
    state: &AppState,
    id: &str,
    query: &RangeQuery,
) -> Result<(Uuid, Range, ClassGrid), AppError> {
    let class_id = id.parse::<Uuid>().map_err(|_| AppError::NotFound)?;
    let org = page.access.organization_id;
    let range = Range::parse(query, page.access.today())?;
    let (from, to) = (range.from, range.to);
    let grid = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let conn = tenant.conn();
        Ok(class_grid_data(conn, org, class_id, from, to)?)
    })
    .await?;
    Ok((class_id, range, grid))
}

async fn class_grid(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: input::Query<RangeQuery>,
) -> Result<HttpResponse, AppError> {
    let (class_id, range, grid) = load_class_grid(&page, &state, &path, &query).await?;
    render(&ClassPage {
        layout: page.layout(format!("Attendance of {}", grid.class_name)),
        class_id,
        range,
        grid,
        legend: legend(),
    })
}

async fn class_csv(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: input::Query<RangeQuery>,
) -> Result<HttpResponse, AppError> {
    let (_, range, grid) = load_class_grid(&page, &state, &path, &query).await?;
    let mut header = vec![
        "Student number".to_owned(),
        "Last name, first name".to_owned(),
    ];
    header.extend(grid.dates.iter().map(|d| d.to_string()));
    header.extend(["Present", "Late", "Absent", "Excused"].map(str::to_owned));
    let rows = grid.rows.iter().map(|r| {
        let mut row = vec![r.student_number.clone().unwrap_or_default(), r.name.clone()];
        row.extend(
            r.cells
                .iter()
                .map(|c| c.map(|s| s.label().to_owned()).unwrap_or_default()),
        );
        row.extend(
            [
                r.tally.present,
                r.tally.late,
                r.tally.absent,
                r.tally.excused,
            ]
            .map(|n| n.to_string()),
        );
        row
    });
    let name = format!(
        "attendance-{}-{}-to-{}.csv",
        file_safe(&grid.class_name),
        range.from,
        range.to
    );
    csv_response(&name, header, rows)
}

/// The class's students (enrolled at some point in the range, or marked in it) and
/// every day in the range on which one of its rolls was taken.
fn class_grid_data(
    conn: &mut PgConnection,
    org: Uuid,
    class_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<ClassGrid> {
    use crate::db::schema::class_enrollments;
    let (class_name, campus_name): (String, String) = classes::table
        .inner_join(campuses::table)
        .filter(classes::id.eq(class_id))
        .filter(classes::organization_id.eq(org))
        .filter(classes::deleted_at.is_null())
        .select((classes::name, campuses::name))
        .first(conn)?;
    let marks: Vec<(Uuid, NaiveDate, AttendanceStatus)> = attendance_records::table
        .inner_join(attendance_sessions::table)
        .filter(attendance_sessions::organization_id.eq(org))
        .filter(attendance_sessions::class_id.eq(class_id))
        .filter(attendance_sessions::deleted_at.is_null())
        .filter(attendance_sessions::session_date.between(from, to))
        .filter(attendance_records::deleted_at.is_null())
        .select((
            attendance_records::student_id,
            attendance_sessions::session_date,
            attendance_records::status,
        ))
        .load(conn)?;
    let enrolled: Vec<Uuid> = class_enrollments::table
        .filter(class_enrollments::organization_id.eq(org))
        .filter(class_enrollments::class_id.eq(class_id))
        .filter(class_enrollments::deleted_at.is_null())
        .filter(
            class_enrollments::enrolled_on
                .is_null()
                .or(class_enrollments::enrolled_on.le(to)),
        )
        .filter(
            class_enrollments::ended_on
                .is_null()
                .or(class_enrollments::ended_on.ge(from)),
        )
        .select(class_enrollments::student_id)
        .load(conn)?;
    let mut ids: Vec<Uuid> = enrolled;
    ids.extend(marks.iter().map(|m| m.0));
    ids.sort_unstable();
    ids.dedup();
    let people: Vec<(Uuid, String, String, Option<String>)> = students::table
        .filter(students::organization_id.eq(org))
        .filter(students::id.eq_any(&ids))
        .filter(students::deleted_at.is_null())
        .order((students::last_name.asc(), students::first_name.asc()))
        .select((
            students::id,
            students::first_name,
            students::last_name,
            students::student_number,
        ))
        .load(conn)?;

    let mut dates: Vec<NaiveDate> = marks.iter().map(|m| m.1).collect();
    dates.sort_unstable();
    dates.dedup();
    let mut by_cell: BTreeMap<(Uuid, NaiveDate), Vec<AttendanceStatus>> = BTreeMap::new();
    for (student, date, status) in &marks {
        by_cell.entry((*student, *date)).or_default().push(*status);
    }
    let rows = people
        .into_iter()
        .map(|(id, first, last, number)| {
            let mut tally = Tally::default();
            let cells = dates
                .iter()
                .map(|d| {
                    let day = by_cell
                        .get(&(id, *d))
                        .map(Vec::as_slice)
                        .unwrap_or_default();
                    for s in day {
                        tally.add(*s, 1);
                    }
                    day_status(day)
                })
                .collect();
            GridRow {
                student_id: id,
                name: format!("{last}, {first}"),
                student_number: number,
                cells,
                tally,
            }
        })
        .collect();
    Ok(ClassGrid {
        class_name,
        campus_name,
        dates,
        rows,
    })
}

// ---------------------------------------------------------------- chronic absence

#[derive(Deserialize)]
pub struct ChronicQuery {
    pub campus: Option<String>,
    pub grade: Option<String>,
}

#[derive(QueryableByName)]
pub struct ChronicRow {
    #[diesel(sql_type = SqlUuid)]
    pub student_id: Uuid,
    #[diesel(sql_type = Nullable<Text>)]
    pub student_number: Option<String>,
    #[diesel(sql_type = Text)]
    pub first_name: String,
    #[diesel(sql_type = Text)]
    pub last_name: String,
    #[diesel(sql_type = Text)]
    pub campus_name: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub grade_name: Option<String>,
    #[diesel(sql_type = BigInt)]
    pub sessions: i64,
    #[diesel(sql_type = BigInt)]
    pub absent: i64,
    #[diesel(sql_type = BigInt)]
    pub excused: i64,
}

impl ChronicRow {
    pub fn missed(&self) -> i64 {
        self.absent + self.excused
    }

    pub fn rate(&self) -> String {
        filters::percent(self.missed(), self.sessions)
    }
}

pub struct ChronicReport {
    pub year: Option<filters::AcademicYear>,
    pub through: NaiveDate,
    pub campuses: Vec<Choice>,
    pub grades: Vec<Choice>,
    pub campus: Option<Uuid>,
    pub grade: Option<Uuid>,
    pub rows: Vec<ChronicRow>,
}

#[derive(Template)]
#[template(path = "attendance/chronic.html")]
struct ChronicPage {
    layout: Layout,
    report: ChronicReport,
    campus: String,
    grade: String,
    query: String,
    threshold: i64,
}

async fn load_chronic(
    page: &Page,
    state: &AppState,
    query: ChronicQuery,
) -> Result<ChronicReport, AppError> {
    let org = page.access.organization_id;
    let today = page.access.today();
    crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let conn = tenant.conn();
        let campuses = filters::campuses(conn, org)?;
        let grades = filters::grades(conn, org)?;
        let campus = filters::parse_choice("campus", query.campus.as_deref(), &campuses)?;
        let grade = filters::parse_choice("grade", query.grade.as_deref(), &grades)?;
        let year = filters::academic_year_on(conn, org, today)?;
        let rows = match &year {
            Some(y) => chronic_rows(conn, org, y, today, campus, grade)?,
            None => Vec::new(),
        };
        Ok(ChronicReport {
            year,
            through: today,
            campuses,
            grades,
            campus,
            grade,
            rows,
        })
    })
    .await
}

/// Students whose absences (excused or not) reach the threshold of their marked
/// sessions this academic year so far, worst first. Their grade is the grade of
/// their class this year.
fn chronic_rows(
    conn: &mut PgConnection,
    org: Uuid,
    year: &filters::AcademicYear,
    through: NaiveDate,
    campus: Option<Uuid>,
    grade: Option<Uuid>,
) -> QueryResult<Vec<ChronicRow>> {
    diesel::sql_query(
        "WITH marks AS (
            SELECT r.student_id, count(*) AS sessions,
                   count(*) FILTER (WHERE r.status = 'absent') AS absent,
                   count(*) FILTER (WHERE r.status = 'excused') AS excused
            FROM attendance_sessions se
            JOIN attendance_records r ON r.attendance_session_id = se.id AND r.deleted_at IS NULL
            WHERE se.organization_id = $1 AND se.deleted_at IS NULL
              AND se.session_date BETWEEN $2 AND $3
              AND ($5::uuid IS NULL OR se.campus_id = $5)
            GROUP BY r.student_id
            HAVING count(*) FILTER (WHERE r.status IN ('absent', 'excused')) * 100 >= $7 * count(*)
         )
         SELECT s.id AS student_id, s.student_number, s.first_name, s.last_name,
                campus.name AS campus_name, g.name AS grade_name,
                m.sessions, m.absent, m.excused
         FROM marks m
         JOIN students s ON s.id = m.student_id AND s.deleted_at IS NULL
         JOIN campuses campus ON campus.id = s.campus_id
         LEFT JOIN LATERAL (
            SELECT gr.id, gr.name FROM class_enrollments ce
            JOIN classes c ON c.id = ce.class_id AND c.deleted_at IS NULL
            JOIN grades gr ON gr.id = c.grade_id
            WHERE ce.student_id = s.id AND ce.deleted_at IS NULL AND c.academic_year_id = $4
            ORDER BY (ce.status = 'active') DESC, ce.enrolled_on DESC NULLS LAST
            LIMIT 1
         ) g ON true
         WHERE ($5::uuid IS NULL OR s.campus_id = $5) AND ($6::uuid IS NULL OR g.id = $6)
         ORDER BY (m.absent + m.excused)::numeric / m.sessions DESC, s.last_name, s.first_name",
    )
    .bind::<SqlUuid, _>(org)
    .bind::<Date, _>(year.start_date)
    .bind::<Date, _>(through.min(year.end_date))
    .bind::<SqlUuid, _>(year.id)
    .bind::<Nullable<SqlUuid>, _>(campus)
    .bind::<Nullable<SqlUuid>, _>(grade)
    .bind::<BigInt, _>(CHRONIC_PERCENT)
    .load(conn)
}

async fn chronic(
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<ChronicQuery>,
) -> Result<HttpResponse, AppError> {
    let report = load_chronic(&page, &state, query.into_inner()).await?;
    let campus = report.campus.map(|c| c.to_string()).unwrap_or_default();
    let grade = report.grade.map(|g| g.to_string()).unwrap_or_default();
    let query =
        serde_urlencoded::to_string([("campus", &campus), ("grade", &grade)]).unwrap_or_default();
    render(&ChronicPage {
        layout: page.layout("Chronic absence"),
        report,
        campus,
        grade,
        query,
        threshold: CHRONIC_PERCENT,
    })
}

async fn chronic_csv(
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<ChronicQuery>,
) -> Result<HttpResponse, AppError> {
    let report = load_chronic(&page, &state, query.into_inner()).await?;
    let header = [
        "Student number",
        "Last name",
        "First name",
        "Campus",
        "Grade",
        "Sessions",
        "Absent",
        "Excused",
        "Absence rate",
    ]
    .map(str::to_owned)
    .to_vec();
    let rows = report.rows.iter().map(|r| {
        vec![
            r.student_number.clone().unwrap_or_default(),
            r.last_name.clone(),
            r.first_name.clone(),
            r.campus_name.clone(),
            r.grade_name.clone().unwrap_or_default(),
            r.sessions.to_string(),
            r.absent.to_string(),
            r.excused.to_string(),
            r.rate(),
        ]
    });
    csv_response(
        &format!("chronic-absence-{}.csv", report.through),
        header,
        rows,
    )
}

// ---------------------------------------------------------------- CSV

/// A CSV download. Cells that a spreadsheet would run as a formula are quoted with
/// a leading apostrophe, so a name like `=HYPERLINK(...)` stays text.
fn csv_response(
    file_name: &str,
    header: Vec<String>,
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<HttpResponse, AppError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| AppError::Internal(e.into());
    out.write_record(&header).map_err(failed)?;
    for row in rows {
        out.write_record(row.iter().map(|c| defuse(c)))
            .map_err(failed)?;
    }
    let body = out
        .into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("writing CSV: {e}")))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .body(body))
}

fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

fn file_safe(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    s.split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(from: Option<&str>, to: Option<&str>) -> Result<Range, AppError> {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
        Range::parse(
            &RangeQuery {
                from: from.map(str::to_owned),
                to: to.map(str::to_owned),
            },
            today,
        )
    }

    #[test]
    fn the_class_range_defaults_to_two_weeks_and_refuses_nonsense() {
        let r = range(None, None).expect("default");
        assert_eq!(r.query(), "from=2026-11-07&to=2026-11-20");
        assert!(range(Some("2026-11-21"), Some("2026-11-20")).is_err());
        assert!(range(Some("2026-01-01"), Some("2026-11-20")).is_err());
        assert!(range(Some("yesterday"), None).is_err());
        assert!(range(Some(""), Some("")).is_ok());
    }

    #[test]
    fn spreadsheet_formulas_are_kept_as_text() {
        assert_eq!(defuse("=1+1"), "'=1+1");
        assert_eq!(defuse("-5"), "'-5");
        assert_eq!(defuse("O'Neil"), "O'Neil");
        assert_eq!(file_safe("Grade 7 – B"), "grade-7-b");
    }
}
