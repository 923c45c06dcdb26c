//! Builders for the rows a test needs beyond the demo school: one place per table
//! that tests write to directly. Each builder starts from the fewest facts the row
//! cannot do without, fills the rest with sensible defaults (the organization's first
//! campus, today on the school calendar, an active status), and `insert` returns the
//! new row's id.
//!
//! ```ignore
//! let student = StudentBuilder::new(org).named("Ada", "Lovelace").insert(&mut conn);
//! let roll = SessionBuilder::daily(org, class).marking(&marks).insert(&mut conn);
//! ```

use bigdecimal::BigDecimal;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use diesel::prelude::*;
use homeroom::db::enums::{
    AttendanceSessionType, AttendanceStatus, AuditAction, ClassEnrollmentStatus, DeliveryStatus,
    LoginMethod, MessageAudience, MessageChannel, MessageStatus, RecipientType,
    StaffAttendanceStatus, StudentStatus, SyncStatus,
};
use homeroom::db::schema::{
    academic_years, attendance_records, attendance_sessions, audit_log, campus_attendance_config,
    campus_attendance_summaries, campuses, class_enrollments, classes, login_history,
    message_recipients, messages, organizations, permissions, personality_quiz_results, roles,
    roles_permissions, safety_quiz_results, scheduled_tasks, staff, staff_attendance_records,
    students, subjects, sync_logs, user_progress, users, walkthrough_checkins,
};
use uuid::Uuid;

// ---- Lookups in the demo school

/// An organization's first campus (the oldest).
pub fn first_campus(conn: &mut PgConnection, org: Uuid) -> Uuid {
    campuses::table
        .filter(campuses::organization_id.eq(org))
        .filter(campuses::deleted_at.is_null())
        .order((campuses::created_at, campuses::id))
        .select(campuses::id)
        .first(conn)
        .unwrap_or_else(|e| panic!("a campus of organization {org}: {e}"))
}

/// An organization's first class (the oldest).
pub fn first_class(conn: &mut PgConnection, org: Uuid) -> Uuid {
    classes::table
        .filter(classes::organization_id.eq(org))
        .filter(classes::deleted_at.is_null())
        .order((classes::created_at, classes::id))
        .select(classes::id)
        .first(conn)
        .unwrap_or_else(|e| panic!("a class of organization {org}: {e}"))
}

/// The students actively enrolled in a class, by name.
pub fn enrolled_students(conn: &mut PgConnection, class: Uuid) -> Vec<Uuid> {
    class_enrollments::table
        .inner_join(students::table)
        .filter(class_enrollments::class_id.eq(class))
        .filter(class_enrollments::deleted_at.is_null())
        .filter(class_enrollments::status.eq(ClassEnrollmentStatus::Active))
        .filter(students::deleted_at.is_null())
        .filter(students::status.eq(StudentStatus::Active))
        .order((students::last_name, students::first_name, students::id))
        .select(students::id)
        .load(conn)
        .unwrap_or_else(|e| panic!("the students of class {class}: {e}"))
}

/// A live role by name ("Administrator", "Teacher", ...).
pub fn role_id(conn: &mut PgConnection, name: &str) -> Uuid {
    roles::table
        .filter(roles::name.eq(name))
        .filter(roles::deleted_at.is_null())
        .select(roles::id)
        .first(conn)
        .unwrap_or_else(|e| panic!("role {name}: {e}"))
}

/// The organization a campus belongs to.
pub fn organization_of_campus(conn: &mut PgConnection, campus: Uuid) -> Uuid {
    campuses::table
        .find(campus)
        .select(campuses::organization_id)
        .first(conn)
        .unwrap_or_else(|e| panic!("campus {campus}: {e}"))
}

/// Today on the school calendar of an organization (its time zone, the pinned clock).
pub fn school_today(conn: &mut PgConnection, org: Uuid) -> NaiveDate {
    let time_zone: String = organizations::table
        .find(org)
        .select(organizations::time_zone)
        .first(conn)
        .unwrap_or_else(|e| panic!("organization {org}: {e}"));
    homeroom::clock::today(homeroom::clock::zone(&time_zone))
}

/// A staff member who signs in: the people several tests give rows of their own.
#[derive(Clone, Debug)]
pub struct StaffMember {
    pub user_id: Uuid,
    pub organization_id: Uuid,
    pub staff_id: Uuid,
    pub campus_id: Option<Uuid>,
    /// The first name, or the e-mail address when there is none.
    pub name: String,
}

/// The staff records of the users with these e-mail addresses.
pub fn staff_members(conn: &mut PgConnection, emails: &[&str]) -> Vec<StaffMember> {
    #[derive(Queryable)]
    struct Row {
        user_id: Uuid,
        organization_id: Option<Uuid>,
        staff_id: Uuid,
        campus_id: Option<Uuid>,
        first_name: Option<String>,
        email: String,
    }
    let rows: Vec<Row> = users::table
        .inner_join(staff::table.on(staff::user_id.eq(users::id.nullable())))
        .filter(staff::deleted_at.is_null())
        .filter(users::email.eq_any(emails))
        .select((
            users::id,
            users::organization_id,
            staff::id,
            staff::campus_id,
            users::first_name,
            users::email,
        ))
        .load(conn)
        .unwrap_or_else(|e| panic!("the staff records of {emails:?}: {e}"));
    rows.into_iter()
        .map(|row| StaffMember {
            user_id: row.user_id,
            organization_id: row
                .organization_id
                .unwrap_or_else(|| panic!("{} belongs to an organization", row.email)),
            staff_id: row.staff_id,
            campus_id: row.campus_id,
            name: row.first_name.unwrap_or(row.email),
        })
        .collect()
}

// ---- Organizations, campuses, people and roles

/// A new organization (a school other than the demo ones).
pub struct OrganizationBuilder {
    name: String,
}

impl OrganizationBuilder {
    pub fn new(name: &str) -> Self {
        OrganizationBuilder {
            name: name.to_owned(),
        }
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        diesel::insert_into(organizations::table)
            .values(organizations::name.eq(&self.name))
            .returning(organizations::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("organization {}: {e}", self.name))
    }
}

/// A campus of an organization; active unless told otherwise.
pub struct CampusBuilder {
    org: Uuid,
    name: String,
    code: Option<String>,
    active: bool,
}

impl CampusBuilder {
    pub fn new(org: Uuid, name: &str) -> Self {
        CampusBuilder {
            org,
            name: name.to_owned(),
            code: None,
            active: true,
        }
    }

    pub fn code(mut self, code: Option<&str>) -> Self {
        self.code = code.map(str::to_owned);
        self
    }

    pub fn active(mut self, active: bool) -> Self {
        self.active = active;
        self
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        diesel::insert_into(campuses::table)
            .values((
                campuses::organization_id.eq(self.org),
                campuses::name.eq(&self.name),
                campuses::code.eq(&self.code),
                campuses::active.eq(self.active),
            ))
            .returning(campuses::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("campus {}: {e}", self.name))
    }
}

/// A user account: e-mail confirmed, no organization, role or password unless given.
pub struct UserBuilder {
    email: String,
    org: Option<Uuid>,
    role: Option<Uuid>,
    role_name: Option<String>,
    password_hash: Option<String>,
    verified: bool,
}

impl UserBuilder {
    pub fn new(email: &str) -> Self {
        UserBuilder {
            email: email.to_owned(),
            org: None,
            role: None,
            role_name: None,
            password_hash: None,
            verified: true,
        }
    }

    pub fn in_organization(mut self, org: Uuid) -> Self {
        self.org = Some(org);
        self
    }

    pub fn with_role(mut self, role: Uuid) -> Self {
        self.role = Some(role);
        self
    }

    /// A built-in or existing role, looked up by name when inserting.
    pub fn with_role_named(mut self, name: &str) -> Self {
        self.role_name = Some(name.to_owned());
        self
    }

    /// Signs in with `password` (hashed here, which takes a moment).
    pub fn password(self, password: &str) -> Self {
        let hash = homeroom::auth::password::hash(password).expect("hash a password");
        self.password_hash(&hash)
    }

    /// Signs in with the password behind an existing hash (copied from another account).
    pub fn password_hash(mut self, hash: &str) -> Self {
        self.password_hash = Some(hash.to_owned());
        self
    }

    /// Invited but not there yet: no password, e-mail not confirmed.
    pub fn invited(mut self) -> Self {
        self.verified = false;
        self.password_hash = None;
        self
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        let role = match (self.role, &self.role_name) {
            (Some(role), _) => Some(role),
            (None, Some(name)) => Some(role_id(conn, name)),
            (None, None) => None,
        };
        diesel::insert_into(users::table)
            .values((
                users::email.eq(&self.email),
                users::organization_id.eq(self.org),
                users::app_role_id.eq(role),
                users::password.eq(&self.password_hash),
                users::email_verified.eq(self.verified),
            ))
            .returning(users::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("user {}: {e}", self.email))
    }
}

/// A role holding the named permissions (none unless granted).
pub struct RoleBuilder {
    name: String,
    permissions: Vec<String>,
}

impl RoleBuilder {
    pub fn new(name: &str) -> Self {
        RoleBuilder {
            name: name.to_owned(),
            permissions: Vec::new(),
        }
    }

    /// Grants a permission by its catalog name, e.g. `READ_ATTENDANCE_RECORDS`.
    pub fn granting(mut self, permission: &str) -> Self {
        self.permissions.push(permission.to_owned());
        self
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        let role: Uuid = diesel::insert_into(roles::table)
            .values(roles::name.eq(&self.name))
            .returning(roles::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("role {}: {e}", self.name));
        for name in &self.permissions {
            let permission: Uuid = permissions::table
                .filter(permissions::name.eq(name))
                .select(permissions::id)
                .first(conn)
                .unwrap_or_else(|e| panic!("permission {name}: {e}"));
            diesel::insert_into(roles_permissions::table)
                .values((
                    roles_permissions::role_id.eq(role),
                    roles_permissions::permission_id.eq(permission),
                ))
                .execute(conn)
                .unwrap_or_else(|e| panic!("grant {name} to {}: {e}", self.name));
        }
        role
    }
}

// ---- Academics and students

/// An active student on the organization's first campus unless placed elsewhere.
pub struct StudentBuilder {
    org: Uuid,
    first_name: String,
    last_name: String,
    campus: Option<Uuid>,
}

impl StudentBuilder {
    pub fn new(org: Uuid) -> Self {
        StudentBuilder {
            org,
            first_name: "Test".to_owned(),
            last_name: "Student".to_owned(),
            campus: None,
        }
    }

    pub fn named(mut self, first: &str, last: &str) -> Self {
        self.first_name = first.to_owned();
        self.last_name = last.to_owned();
        self
    }

    pub fn on_campus(mut self, campus: Uuid) -> Self {
        self.campus = Some(campus);
        self
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        let campus = match self.campus {
            Some(campus) => campus,
            None => first_campus(conn, self.org),
        };
        diesel::insert_into(students::table)
            .values((
                students::organization_id.eq(self.org),
                students::campus_id.eq(campus),
                students::first_name.eq(&self.first_name),
                students::last_name.eq(&self.last_name),
                students::status.eq(StudentStatus::Active),
            ))
            .returning(students::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("student {} {}: {e}", self.first_name, self.last_name))
    }
}

/// A subject of an organization.
pub struct SubjectBuilder {
    org: Uuid,
    name: String,
}

impl SubjectBuilder {
    pub fn new(org: Uuid, name: &str) -> Self {
        SubjectBuilder {
            org,
            name: name.to_owned(),
        }
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        diesel::insert_into(subjects::table)
            .values((
                subjects::organization_id.eq(self.org),
                subjects::name.eq(&self.name),
            ))
            .returning(subjects::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("subject {}: {e}", self.name))
    }
}

/// An academic year, not the current one unless told.
pub struct AcademicYearBuilder {
    org: Uuid,
    name: String,
    start: NaiveDate,
    end: NaiveDate,
    current: bool,
}

impl AcademicYearBuilder {
    pub fn new(org: Uuid, name: &str, start: NaiveDate, end: NaiveDate) -> Self {
        AcademicYearBuilder {
            org,
            name: name.to_owned(),
            start,
            end,
            current: false,
        }
    }

    pub fn current(mut self, current: bool) -> Self {
        self.current = current;
        self
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        diesel::insert_into(academic_years::table)
            .values((
                academic_years::organization_id.eq(self.org),
                academic_years::name.eq(&self.name),
                academic_years::start_date.eq(self.start),
                academic_years::end_date.eq(self.end),
                academic_years::current.eq(self.current),
            ))
            .returning(academic_years::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("academic year {}: {e}", self.name))
    }
}

// ---- Attendance

/// A roll (attendance session) of a class, with the marks given: a daily roll
/// unless it is for a lesson, today on the school calendar unless dated, on the
/// class's campus. A late mark is ten minutes late.
pub struct SessionBuilder {
    org: Uuid,
    class: Uuid,
    class_subject: Option<Uuid>,
    campus: Option<Uuid>,
    date: Option<NaiveDate>,
    marks: Vec<(Uuid, AttendanceStatus)>,
}

impl SessionBuilder {
    pub fn daily(org: Uuid, class: Uuid) -> Self {
        SessionBuilder {
            org,
            class,
            class_subject: None,
            campus: None,
            date: None,
            marks: Vec::new(),
        }
    }

    /// The roll of one lesson (a class subject) of the class.
    pub fn period(org: Uuid, class: Uuid, class_subject: Uuid) -> Self {
        SessionBuilder {
            class_subject: Some(class_subject),
            ..SessionBuilder::daily(org, class)
        }
    }

    pub fn on(mut self, date: NaiveDate) -> Self {
        self.date = Some(date);
        self
    }

    pub fn on_campus(mut self, campus: Uuid) -> Self {
        self.campus = Some(campus);
        self
    }

    pub fn marking(mut self, marks: &[(Uuid, AttendanceStatus)]) -> Self {
        self.marks.extend_from_slice(marks);
        self
    }

    /// Every one of `students` marked `status`.
    pub fn marking_all(mut self, students: &[Uuid], status: AttendanceStatus) -> Self {
        self.marks.extend(students.iter().map(|s| (*s, status)));
        self
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        let campus = match self.campus {
            Some(campus) => campus,
            None => classes::table
                .find(self.class)
                .select(classes::campus_id)
                .first(conn)
                .unwrap_or_else(|e| panic!("class {}: {e}", self.class)),
        };
        let date = match self.date {
            Some(date) => date,
            None => school_today(conn, self.org),
        };
        let session: Uuid = diesel::insert_into(attendance_sessions::table)
            .values((
                attendance_sessions::organization_id.eq(self.org),
                attendance_sessions::campus_id.eq(campus),
                attendance_sessions::class_id.eq(self.class),
                attendance_sessions::class_subject_id.eq(self.class_subject),
                attendance_sessions::session_date.eq(date),
                attendance_sessions::session_type.eq(if self.class_subject.is_some() {
                    AttendanceSessionType::Period
                } else {
                    AttendanceSessionType::Daily
                }),
            ))
            .returning(attendance_sessions::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("a roll of class {} on {date}: {e}", self.class));
        let rows: Vec<_> = self
            .marks
            .iter()
            .map(|(student, status)| {
                (
                    attendance_records::organization_id.eq(self.org),
                    attendance_records::attendance_session_id.eq(session),
                    attendance_records::student_id.eq(*student),
                    attendance_records::status.eq(*status),
                    attendance_records::minutes_late
                        .eq((*status == AttendanceStatus::Late).then_some(10)),
                )
            })
            .collect();
        diesel::insert_into(attendance_records::table)
            .values(&rows)
            .execute(conn)
            .unwrap_or_else(|e| panic!("the marks of roll {session}: {e}"));
        session
    }
}

/// A campus's attendance settings: the app's defaults unless told.
pub struct CampusAttendanceConfigBuilder {
    org: Uuid,
    campus: Uuid,
    period_grace_minutes: Option<i32>,
}

impl CampusAttendanceConfigBuilder {
    pub fn new(org: Uuid, campus: Uuid) -> Self {
        CampusAttendanceConfigBuilder {
            org,
            campus,
            period_grace_minutes: None,
        }
    }

    /// How long after a lesson starts its roll is due.
    pub fn period_grace_minutes(mut self, minutes: i32) -> Self {
        self.period_grace_minutes = Some(minutes);
        self
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        diesel::insert_into(campus_attendance_config::table)
            .values((
                campus_attendance_config::organization_id.eq(self.org),
                campus_attendance_config::campus_id.eq(self.campus),
                campus_attendance_config::campus_key.eq("test"),
                self.period_grace_minutes
                    .map(|m| campus_attendance_config::period_roll_grace_minutes.eq(m)),
            ))
            .returning(campus_attendance_config::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("attendance settings of campus {}: {e}", self.campus))
    }
}

/// A campus's attendance figures for a day, its percentage present and late over enrolled.
pub struct CampusSummaryBuilder {
    org: Uuid,
    campus: Uuid,
    date: NaiveDate,
    enrolled: i32,
    present: i32,
    absent: i32,
    tardy: i32,
}

impl CampusSummaryBuilder {
    /// A day on which all of `enrolled` were present.
    pub fn new(org: Uuid, campus: Uuid, date: NaiveDate, enrolled: i32) -> Self {
        CampusSummaryBuilder {
            org,
            campus,
            date,
            enrolled,
            present: enrolled,
            absent: 0,
            tardy: 0,
        }
    }

    pub fn counts(mut self, present: i32, absent: i32, tardy: i32) -> Self {
        self.present = present;
        self.absent = absent;
        self.tardy = tardy;
        self
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        let percentage = if self.enrolled == 0 {
            BigDecimal::from(0)
        } else {
            (BigDecimal::from((self.present + self.tardy) * 100) / BigDecimal::from(self.enrolled))
                .round(2)
        };
        diesel::insert_into(campus_attendance_summaries::table)
            .values((
                campus_attendance_summaries::organization_id.eq(self.org),
                campus_attendance_summaries::campus_id.eq(self.campus),
                campus_attendance_summaries::campus_key.eq("test"),
                campus_attendance_summaries::attendance_date.eq(self.date),
                campus_attendance_summaries::total_enrolled.eq(self.enrolled),
                campus_attendance_summaries::total_present.eq(self.present),
                campus_attendance_summaries::total_absent.eq(self.absent),
                campus_attendance_summaries::total_tardy.eq(self.tardy),
                campus_attendance_summaries::attendance_percentage.eq(percentage),
            ))
            .returning(campus_attendance_summaries::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("campus figures for {}: {e}", self.date))
    }
}

/// A staff member's attendance on a day: present unless told.
pub struct StaffAttendanceBuilder {
    person: StaffMember,
    date: NaiveDate,
    status: StaffAttendanceStatus,
}

impl StaffAttendanceBuilder {
    pub fn new(person: &StaffMember, date: NaiveDate) -> Self {
        StaffAttendanceBuilder {
            person: person.clone(),
            date,
            status: StaffAttendanceStatus::Present,
        }
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        let p = &self.person;
        diesel::insert_into(staff_attendance_records::table)
            .values((
                staff_attendance_records::organization_id.eq(p.organization_id),
                staff_attendance_records::campus_id.eq(p.campus_id),
                staff_attendance_records::user_id.eq(p.user_id),
                staff_attendance_records::staff_id.eq(p.staff_id),
                staff_attendance_records::attendance_date.eq(self.date),
                staff_attendance_records::status.eq(self.status),
                staff_attendance_records::user_name.eq(&p.name),
            ))
            .returning(staff_attendance_records::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("staff attendance of {}: {e}", p.name))
    }
}

// ---- Walkthroughs

/// A walkthrough at a campus: every area rated 3 unless rated, at 10:00 today unless dated.
pub struct WalkthroughBuilder {
    campus: Uuid,
    teacher: Option<Uuid>,
    teacher_name: String,
    classroom: String,
    director_name: String,
    date: Option<NaiveDate>,
    time: NaiveTime,
    rating: i32,
}

impl WalkthroughBuilder {
    pub fn at_campus(campus: Uuid) -> Self {
        WalkthroughBuilder {
            campus,
            teacher: None,
            teacher_name: "A teacher".to_owned(),
            classroom: "A room".to_owned(),
            director_name: "A director".to_owned(),
            date: None,
            time: NaiveTime::from_hms_opt(10, 0, 0).expect("10:00"),
            rating: 3,
        }
    }

    /// The visited teacher's staff record and the name the visit gives them.
    pub fn of_teacher(mut self, staff_id: Uuid, name: &str) -> Self {
        self.teacher = Some(staff_id);
        self.teacher_name = name.to_owned();
        self
    }

    pub fn in_classroom(mut self, classroom: &str) -> Self {
        self.classroom = classroom.to_owned();
        self
    }

    pub fn by_director(mut self, name: &str) -> Self {
        self.director_name = name.to_owned();
        self
    }

    pub fn on(mut self, date: NaiveDate) -> Self {
        self.date = Some(date);
        self
    }

    pub fn at(mut self, time: NaiveTime) -> Self {
        self.time = time;
        self
    }

    /// Every area rated `rating` (1 to 5).
    pub fn rated(mut self, rating: i32) -> Self {
        self.rating = rating;
        self
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        let org = organization_of_campus(conn, self.campus);
        let date = match self.date {
            Some(date) => date,
            None => school_today(conn, org),
        };
        let r = self.rating;
        diesel::insert_into(walkthrough_checkins::table)
            .values((
                walkthrough_checkins::organization_id.eq(org),
                walkthrough_checkins::campus_id.eq(self.campus),
                walkthrough_checkins::teacher_id.eq(self.teacher),
                walkthrough_checkins::teacher_name.eq(&self.teacher_name),
                walkthrough_checkins::classroom.eq(&self.classroom),
                walkthrough_checkins::director_name.eq(&self.director_name),
                walkthrough_checkins::check_in_date.eq(date),
                walkthrough_checkins::check_in_time.eq(self.time),
                walkthrough_checkins::attitude_rating.eq(r),
                walkthrough_checkins::classroom_management_rating.eq(r),
                walkthrough_checkins::cleanliness_rating.eq(r),
                walkthrough_checkins::vibes_rating.eq(r),
                walkthrough_checkins::team_dynamics_rating.eq(r),
                walkthrough_checkins::emergency_exit_rating.eq(r),
                walkthrough_checkins::lesson_plan_rating.eq(r),
            ))
            .returning(walkthrough_checkins::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("a walkthrough of {}: {e}", self.teacher_name))
    }
}

// ---- Messages

/// A message an organization sent: by e-mail to guardians unless told.
pub struct MessageBuilder {
    org: Uuid,
    subject: String,
    body: String,
    channel: MessageChannel,
    audience: MessageAudience,
    status: MessageStatus,
}

impl MessageBuilder {
    pub fn new(org: Uuid, subject: &str) -> Self {
        MessageBuilder {
            org,
            subject: subject.to_owned(),
            body: "A message.".to_owned(),
            channel: MessageChannel::Email,
            audience: MessageAudience::Guardians,
            status: MessageStatus::Sent,
        }
    }

    pub fn body(mut self, body: &str) -> Self {
        self.body = body.to_owned();
        self
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        diesel::insert_into(messages::table)
            .values((
                messages::organization_id.eq(self.org),
                messages::subject.eq(&self.subject),
                messages::body.eq(&self.body),
                messages::channel.eq(self.channel),
                messages::audience.eq(self.audience),
                messages::status.eq(self.status),
            ))
            .returning(messages::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("message {}: {e}", self.subject))
    }
}

/// One delivery of a message: to a guardian, delivered, unless told.
pub struct MessageRecipientBuilder {
    org: Uuid,
    message: Uuid,
    kind: RecipientType,
    label: Option<String>,
    destination: Option<String>,
    delivery: DeliveryStatus,
}

impl MessageRecipientBuilder {
    pub fn new(org: Uuid, message: Uuid) -> Self {
        MessageRecipientBuilder {
            org,
            message,
            kind: RecipientType::Guardian,
            label: None,
            destination: None,
            delivery: DeliveryStatus::Delivered,
        }
    }

    pub fn labelled(mut self, label: &str) -> Self {
        self.label = Some(label.to_owned());
        self
    }

    pub fn to(mut self, destination: &str) -> Self {
        self.destination = Some(destination.to_owned());
        self
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        diesel::insert_into(message_recipients::table)
            .values((
                message_recipients::organization_id.eq(self.org),
                message_recipients::message_id.eq(self.message),
                message_recipients::recipient_type.eq(self.kind),
                message_recipients::recipient_label.eq(&self.label),
                message_recipients::destination.eq(&self.destination),
                message_recipients::delivery_status.eq(self.delivery),
            ))
            .returning(message_recipients::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("a recipient of message {}: {e}", self.message))
    }
}

// ---- Logs and install-wide records (no organization means the install's own)

/// A sign-in attempt: a successful password sign-in now unless told.
pub struct LoginHistoryBuilder {
    email: String,
    org: Option<Uuid>,
    user: Option<Uuid>,
    failure: Option<String>,
    ip_address: Option<String>,
    at: Option<DateTime<Utc>>,
}

impl LoginHistoryBuilder {
    pub fn new(email: &str) -> Self {
        LoginHistoryBuilder {
            email: email.to_owned(),
            org: None,
            user: None,
            failure: None,
            ip_address: None,
            at: None,
        }
    }

    pub fn in_organization(mut self, org: Option<Uuid>) -> Self {
        self.org = org;
        self
    }

    pub fn of_user(mut self, user: Uuid) -> Self {
        self.user = Some(user);
        self
    }

    /// A failed attempt, for `reason` (e.g. `unknown_email`).
    pub fn failed(mut self, reason: &str) -> Self {
        self.failure = Some(reason.to_owned());
        self
    }

    pub fn by_address(mut self, ip: &str) -> Self {
        self.ip_address = Some(ip.to_owned());
        self
    }

    /// When it happened (the database's `now()` otherwise).
    pub fn at(mut self, at: DateTime<Utc>) -> Self {
        self.at = Some(at);
        self
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        diesel::insert_into(login_history::table)
            .values((
                login_history::email.eq(&self.email),
                login_history::organization_id.eq(self.org),
                login_history::user_id.eq(self.user),
                login_history::success.eq(self.failure.is_none()),
                login_history::failure_reason.eq(&self.failure),
                login_history::ip_address.eq(&self.ip_address),
                login_history::login_method.eq(LoginMethod::Password),
                self.at.map(|at| login_history::created_at.eq(at)),
            ))
            .returning(login_history::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("a sign-in of {}: {e}", self.email))
    }
}

/// An entry of the audit trail: an update of a row of `table` with no changes listed.
pub struct AuditLogBuilder {
    org: Option<Uuid>,
    table: String,
    action: AuditAction,
}

impl AuditLogBuilder {
    pub fn new(org: Option<Uuid>, table: &str) -> Self {
        AuditLogBuilder {
            org,
            table: table.to_owned(),
            action: AuditAction::Update,
        }
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        diesel::insert_into(audit_log::table)
            .values((
                audit_log::organization_id.eq(self.org),
                audit_log::table_name.eq(&self.table),
                audit_log::row_id.eq(Uuid::new_v4()),
                audit_log::action.eq(self.action),
            ))
            .returning(audit_log::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("an audit entry for {}: {e}", self.table))
    }
}

/// A scheduled task, daily unless told.
pub struct ScheduledTaskBuilder {
    org: Option<Uuid>,
    task_type: String,
    description: Option<String>,
    interval_minutes: i32,
}

impl ScheduledTaskBuilder {
    pub fn new(org: Option<Uuid>, task_type: &str) -> Self {
        ScheduledTaskBuilder {
            org,
            task_type: task_type.to_owned(),
            description: None,
            interval_minutes: 1440,
        }
    }

    pub fn described(mut self, description: &str) -> Self {
        self.description = Some(description.to_owned());
        self
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        diesel::insert_into(scheduled_tasks::table)
            .values((
                scheduled_tasks::organization_id.eq(self.org),
                scheduled_tasks::task_type.eq(&self.task_type),
                scheduled_tasks::description.eq(&self.description),
                scheduled_tasks::interval_minutes.eq(self.interval_minutes),
            ))
            .returning(scheduled_tasks::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("scheduled task {}: {e}", self.task_type))
    }
}

/// The log of a sync or import run: a finished, empty run unless told.
pub struct SyncLogBuilder {
    org: Option<Uuid>,
    sync_type: String,
    status: SyncStatus,
    import_hash: Option<String>,
    processed: i32,
    created: i32,
}

impl SyncLogBuilder {
    pub fn new(org: Option<Uuid>, sync_type: &str) -> Self {
        SyncLogBuilder {
            org,
            sync_type: sync_type.to_owned(),
            status: SyncStatus::Success,
            import_hash: None,
            processed: 0,
            created: 0,
        }
    }

    /// A run still going (or whose server died), `processed` rows in.
    pub fn running(mut self, processed: i32) -> Self {
        self.status = SyncStatus::Running;
        self.processed = processed;
        self
    }

    pub fn created(mut self, created: i32) -> Self {
        self.created = created;
        self
    }

    /// The key of the upload an import run commits (`import:<upload>`).
    pub fn import_hash(mut self, hash: &str) -> Self {
        self.import_hash = Some(hash.to_owned());
        self
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        diesel::insert_into(sync_logs::table)
            .values((
                sync_logs::organization_id.eq(self.org),
                sync_logs::sync_type.eq(&self.sync_type),
                sync_logs::status.eq(self.status),
                sync_logs::import_hash.eq(&self.import_hash),
                sync_logs::records_processed.eq(self.processed),
                sync_logs::records_created.eq(self.created),
            ))
            .returning(sync_logs::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("a {} log: {e}", self.sync_type))
    }
}

// ---- A staff member's own answers and progress

/// A zone check-in (user progress) of a staff member.
pub struct UserProgressBuilder {
    person: StaffMember,
    progress_type: String,
    item: String,
}

impl UserProgressBuilder {
    pub fn zone_checkin(person: &StaffMember, zone: &str) -> Self {
        UserProgressBuilder {
            person: person.clone(),
            progress_type: "zone_checkin".to_owned(),
            item: zone.to_owned(),
        }
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        let p = &self.person;
        diesel::insert_into(user_progress::table)
            .values((
                user_progress::organization_id.eq(p.organization_id),
                user_progress::campus_id.eq(p.campus_id),
                user_progress::user_id.eq(p.user_id),
                user_progress::progress_type.eq(&self.progress_type),
                user_progress::item_id.eq(&self.item),
                user_progress::created_by_id.eq(p.user_id),
            ))
            .returning(user_progress::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("progress of {}: {e}", p.name))
    }
}

/// A staff member's answers to a safety quiz, completed now: 4 of 5 right.
pub struct SafetyQuizResultBuilder {
    person: StaffMember,
    quiz_id: String,
    title: String,
    week_of: String,
}

impl SafetyQuizResultBuilder {
    pub fn new(person: &StaffMember, quiz_id: &str, title: &str, week_of: NaiveDate) -> Self {
        SafetyQuizResultBuilder {
            person: person.clone(),
            quiz_id: quiz_id.to_owned(),
            title: title.to_owned(),
            week_of: week_of.to_string(),
        }
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        let p = &self.person;
        diesel::insert_into(safety_quiz_results::table)
            .values((
                safety_quiz_results::organization_id.eq(p.organization_id),
                safety_quiz_results::campus_id.eq(p.campus_id),
                safety_quiz_results::user_id.eq(p.user_id),
                safety_quiz_results::quiz_id.eq(&self.quiz_id),
                safety_quiz_results::quiz_title.eq(&self.title),
                safety_quiz_results::week_of.eq(&self.week_of),
                safety_quiz_results::score.eq(4),
                safety_quiz_results::total_questions.eq(5),
                safety_quiz_results::answers.eq(serde_json::json!({})),
                safety_quiz_results::user_name.eq(&p.name),
                safety_quiz_results::user_role.eq("staff"),
                safety_quiz_results::completed_at.eq(homeroom::clock::now()),
                safety_quiz_results::created_by_id.eq(p.user_id),
            ))
            .returning(safety_quiz_results::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("safety quiz of {}: {e}", p.name))
    }
}

/// A staff member's personality quiz, completed now.
pub struct PersonalityQuizResultBuilder {
    person: StaffMember,
    personality: String,
}

impl PersonalityQuizResultBuilder {
    pub fn new(person: &StaffMember, personality: &str) -> Self {
        PersonalityQuizResultBuilder {
            person: person.clone(),
            personality: personality.to_owned(),
        }
    }

    pub fn insert(self, conn: &mut PgConnection) -> Uuid {
        let p = &self.person;
        diesel::insert_into(personality_quiz_results::table)
            .values((
                personality_quiz_results::organization_id.eq(p.organization_id),
                personality_quiz_results::campus_id.eq(p.campus_id),
                personality_quiz_results::user_id.eq(p.user_id),
                personality_quiz_results::personality_type.eq(&self.personality),
                personality_quiz_results::quiz_answers.eq(serde_json::json!({})),
                personality_quiz_results::completed_at.eq(homeroom::clock::now()),
                personality_quiz_results::created_by_id.eq(p.user_id),
            ))
            .returning(personality_quiz_results::id)
            .get_result(conn)
            .unwrap_or_else(|e| panic!("personality quiz of {}: {e}", p.name))
    }
}
