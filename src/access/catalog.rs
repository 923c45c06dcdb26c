//! The permission catalog: `${METHOD}_${ENTITY}` for every entity (domain.md).

use std::fmt;

use crate::i18n::msg;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Create,
    Read,
    Update,
    Delete,
}

impl Action {
    pub const ALL: [Action; 4] = [Action::Create, Action::Read, Action::Update, Action::Delete];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "CREATE",
            Action::Read => "READ",
            Action::Update => "UPDATE",
            Action::Delete => "DELETE",
        }
    }
}

macro_rules! entities {
    ($($variant:ident => $table:literal, $label:literal;)+) => {
        /// Everything a permission can name: one per table people or the system manage.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Entity { $($variant),+ }

        impl Entity {
            pub const ALL: &'static [Entity] = &[$(Entity::$variant),+];

            /// The table the entity lives in.
            pub fn table(self) -> &'static str {
                match self { $(Entity::$variant => $table),+ }
            }

            /// How the school calls it, for menus and the role editor.
            pub fn label(self) -> &'static str {
                match self { $(Entity::$variant => $label),+ }
            }

            /// The message id of its name in the reader's language: `entity-students`.
            pub fn message_id(self) -> &'static str {
                match self { $(Entity::$variant => concat!("entity-", $table)),+ }
            }

            /// The id of its name for the entities the menu does not name (users,
            /// roles, …): `records-entity-users`.
            fn record_message_id(self) -> &'static str {
                match self { $(Entity::$variant => concat!("records-entity-", $table)),+ }
            }
        }
    };
}

entities! {
    Organizations => "organizations", "Organizations";
    Users => "users", "Users";
    Roles => "roles", "Roles";
    Permissions => "permissions", "Permissions";
    Campuses => "campuses", "Campuses";
    Students => "students", "Students";
    Guardians => "guardians", "Guardians";
    GuardianPeople => "guardian_people", "Parents and guardians";
    Families => "families", "Families";
    Staff => "staff", "Staff";
    AcademicYears => "academic_years", "Academic years";
    Grades => "grades", "Grades";
    Subjects => "subjects", "Subjects";
    Classes => "classes", "Classes";
    ClassEnrollments => "class_enrollments", "Class enrolments";
    ClassSubjects => "class_subjects", "Class subjects";
    Timetables => "timetables", "Timetables";
    TimetablePeriods => "timetable_periods", "Timetable periods";
    Assessments => "assessments", "Assessments";
    AssessmentResults => "assessment_results", "Assessment results";
    AttendanceSessions => "attendance_sessions", "Attendance sessions";
    AttendanceRecords => "attendance_records", "Attendance records";
    CampusAttendanceConfig => "campus_attendance_config", "Campus attendance settings";
    CampusAttendanceSummaries => "campus_attendance_summaries", "Campus attendance summaries";
    StaffAttendanceRecords => "staff_attendance_records", "Staff attendance";
    FeePlans => "fee_plans", "Fee plans";
    Invoices => "invoices", "Invoices";
    Payments => "payments", "Payments";
    Messages => "messages", "Messages";
    MessageRecipients => "message_recipients", "Message recipients";
    CommunicationEvents => "communication_events", "Events";
    ContentCatalog => "content_catalog", "Content catalog";
    Documents => "documents", "Documents";
    FrameEntries => "frame_entries", "Frame posts";
    UserProgress => "user_progress", "Progress";
    SafetyQuizResults => "safety_quiz_results", "Safety quiz results";
    WalkthroughCheckins => "walkthrough_checkins", "Walkthrough check-ins";
    PersonalityQuizResults => "personality_quiz_results", "Personality quiz results";
    File => "file", "Files";
    AuthRefreshTokens => "auth_refresh_tokens", "Sessions";
    LoginHistory => "login_history", "Login history";
    AuditLog => "audit_log", "Audit log";
    ScheduledTasks => "scheduled_tasks", "Scheduled tasks";
    SyncLogs => "sync_logs", "Sync logs";
    EmailOutbox => "email_outbox", "Sent e-mail";
    AbsenceAlerts => "absence_alerts", "Absence alerts";
    AcademicTerms => "academic_terms", "Terms";
    GradingScaleBands => "grading_scale_bands", "Grading scale";
    AssessmentWeights => "assessment_weights", "Assessment weights";
    StudentHealth => "student_health", "Medical and emergency information";
    StudentStatusChanges => "student_status_changes", "Student status history";
    Admissions => "admissions", "Admissions";
    AccessLog => "access_log", "Access log";
    StudentExports => "student_exports", "Student data exports";
}

/// Where an entity sits on the role editor's grid: related records side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityGroup {
    People,
    Academics,
    Attendance,
    Finance,
    Communication,
    Modules,
    System,
}

impl Entity {
    /// "Students", "Alumnos": its name in the reader's language, as the menu
    /// names it, else as the record pages do.
    pub fn label_in(self, t: crate::i18n::Lang) -> String {
        if t.has(self.message_id()) {
            t.text(self.message_id())
        } else {
            t.text(self.record_message_id())
        }
    }

    /// The ids its name may have: the menu's, then the record pages' (for the coverage test).
    pub fn message_ids(self) -> [&'static str; 2] {
        [self.message_id(), self.record_message_id()]
    }
}

impl EntityGroup {
    pub const ALL: [EntityGroup; 7] = [
        EntityGroup::People,
        EntityGroup::Academics,
        EntityGroup::Attendance,
        EntityGroup::Finance,
        EntityGroup::Communication,
        EntityGroup::Modules,
        EntityGroup::System,
    ];

    /// The message id of its name: `records-group-people`.
    pub fn message_id(self) -> &'static str {
        match self {
            EntityGroup::People => msg("records-group-people"),
            EntityGroup::Academics => msg("records-group-academics"),
            EntityGroup::Attendance => msg("records-group-attendance"),
            EntityGroup::Finance => msg("records-group-finance"),
            EntityGroup::Communication => msg("records-group-communication"),
            EntityGroup::Modules => msg("records-group-modules"),
            EntityGroup::System => msg("records-group-system"),
        }
    }

    /// Its name in the reader's language.
    pub fn label_in(self, t: crate::i18n::Lang) -> String {
        t.text(self.message_id())
    }

    /// Its name in English, for logs.
    pub fn label(self) -> &'static str {
        match self {
            EntityGroup::People => "People",
            EntityGroup::Academics => "Academics",
            EntityGroup::Attendance => "Attendance",
            EntityGroup::Finance => "Finance",
            EntityGroup::Communication => "Communication",
            EntityGroup::Modules => "Product modules",
            EntityGroup::System => "System",
        }
    }

    /// The group's entities in catalog order.
    pub fn entities(self) -> impl Iterator<Item = Entity> {
        Entity::ALL
            .iter()
            .copied()
            .filter(move |e| e.group() == self)
    }
}

impl Entity {
    pub fn group(self) -> EntityGroup {
        use Entity as E;
        match self {
            E::Campuses
            | E::Students
            | E::Guardians
            | E::GuardianPeople
            | E::Families
            | E::Staff
            | E::StudentHealth
            | E::StudentStatusChanges
            | E::Admissions => EntityGroup::People,
            E::AcademicYears
            | E::Grades
            | E::Subjects
            | E::Classes
            | E::ClassEnrollments
            | E::ClassSubjects
            | E::Timetables
            | E::TimetablePeriods
            | E::Assessments
            | E::AssessmentResults
            | E::AcademicTerms
            | E::GradingScaleBands
            | E::AssessmentWeights => EntityGroup::Academics,
            E::AttendanceSessions
            | E::AttendanceRecords
            | E::CampusAttendanceConfig
            | E::CampusAttendanceSummaries
            | E::StaffAttendanceRecords
            | E::AbsenceAlerts => EntityGroup::Attendance,
            E::FeePlans | E::Invoices | E::Payments => EntityGroup::Finance,
            E::Messages | E::MessageRecipients | E::CommunicationEvents | E::Documents => {
                EntityGroup::Communication
            }
            E::ContentCatalog
            | E::FrameEntries
            | E::UserProgress
            | E::SafetyQuizResults
            | E::WalkthroughCheckins
            | E::PersonalityQuizResults => EntityGroup::Modules,
            E::Organizations
            | E::Users
            | E::Roles
            | E::Permissions
            | E::File
            | E::AuthRefreshTokens
            | E::LoginHistory
            | E::AuditLog
            | E::ScheduledTasks
            | E::SyncLogs
            | E::EmailOutbox
            | E::AccessLog
            | E::StudentExports => EntityGroup::System,
        }
    }
}

/// Tables that are links between entities, governed by the entities they join.
pub const JOIN_TABLES: &[&str] = &["roles_permissions", "users_custom_permissions"];

/// Homeroom's own bookkeeping of forms, never opened as records: each user reaches
/// only their own rows, so no permission names them.
pub const FORM_TABLES: &[&str] = &["form_tokens", "form_stashes"];
/// Each user's secret feed links, read and written only by their owner's pages and
/// found by token hash for a feed; no permission names them.
pub const FEED_TABLES: &[&str] = &["feed_links"];

/// Homeroom's own counters, written only inside the write that takes the next number
/// (a new student's), never opened as records.
pub const COUNTER_TABLES: &[&str] = &["student_number_counters"];

/// The year rollover's plan while the office reviews it, read and written only by
/// the rollover's pages (gated by creating academic years), never opened as records.
pub const PLAN_TABLES: &[&str] = &["rollover_class_targets", "rollover_student_choices"];
/// Parts of the assessment results' records, governed by their permissions: a term's
/// report card comments, the issued report cards, and the runs that make a whole
/// school's cards with the PDF of each class they keep.
pub const RESULT_TABLES: &[&str] = &[
    "report_card_comments",
    "report_cards",
    "report_card_runs",
    "report_card_files",
];
/// Finance's own rows, read and written only with the invoices they belong to or
/// shape (an invoice's lines, discount rules, the school's finance settings, the
/// running totals the database keeps of invoices and payments), under the
/// invoices' permissions.
pub const FINANCE_TABLES: &[&str] = &[
    "invoice_lines",
    "discount_rules",
    "discount_rule_students",
    "finance_settings",
    "finance_budgets",
    "finance_month_totals",
    "finance_plan_totals",
    "finance_open_balances",
];
/// Each campus's bell times, the rows of its timetable grid, read and written under
/// the timetables' permissions.
pub const TIMETABLE_TABLES: &[&str] = &["bell_periods"];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Permission {
    pub action: Action,
    pub entity: Entity,
}

impl Permission {
    pub const fn new(action: Action, entity: Entity) -> Permission {
        Permission { action, entity }
    }

    /// `READ_STUDENTS`, `UPDATE_ATTENDANCE_RECORDS`, …
    pub fn name(self) -> String {
        format!(
            "{}_{}",
            self.action.as_str(),
            self.entity.table().to_ascii_uppercase()
        )
    }

    pub fn parse(name: &str) -> Option<Permission> {
        let (action, table) = name.split_once('_')?;
        let action = Action::ALL.into_iter().find(|a| a.as_str() == action)?;
        let entity = Entity::ALL
            .iter()
            .copied()
            .find(|e| e.table().eq_ignore_ascii_case(table))?;
        Some(Permission { action, entity })
    }

    /// Every permission in the catalog.
    pub fn all() -> impl Iterator<Item = Permission> {
        Entity::ALL
            .iter()
            .flat_map(|&e| Action::ALL.into_iter().map(move |a| Permission::new(a, e)))
    }

    fn bit(self) -> usize {
        self.entity as usize * 4 + self.action as usize
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

const WORDS: usize = (Entity::ALL.len() * 4).div_ceil(64);

/// A set of permissions as a bitset: checking one is a shift and a mask.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct PermissionSet([u64; WORDS]);

impl PermissionSet {
    pub fn everything() -> PermissionSet {
        Permission::all().collect()
    }

    pub fn insert(&mut self, p: Permission) {
        let bit = p.bit();
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    pub fn contains(&self, p: Permission) -> bool {
        let bit = p.bit();
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }

    pub fn iter(&self) -> impl Iterator<Item = Permission> + '_ {
        Permission::all().filter(|p| self.contains(*p))
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl FromIterator<Permission> for PermissionSet {
    fn from_iter<I: IntoIterator<Item = Permission>>(iter: I) -> Self {
        let mut set = PermissionSet::default();
        for p in iter {
            set.insert(p);
        }
        set
    }
}

impl fmt::Debug for PermissionSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set()
            .entries(self.iter().map(|p| p.name()))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_method_underscore_table() {
        let p = Permission::new(Action::Update, Entity::AttendanceRecords);
        assert_eq!(p.name(), "UPDATE_ATTENDANCE_RECORDS");
        assert_eq!(Permission::parse("UPDATE_ATTENDANCE_RECORDS"), Some(p));
        assert_eq!(
            Permission::parse("READ_CAMPUSES").map(|p| p.entity),
            Some(Entity::Campuses)
        );
        assert_eq!(Permission::parse("FLY_STUDENTS"), None);
        assert_eq!(Permission::parse("READ_NOTHING"), None);
    }

    #[test]
    fn every_permission_round_trips_through_its_name() {
        for p in Permission::all() {
            assert_eq!(Permission::parse(&p.name()), Some(p), "{p}");
        }
    }

    #[test]
    fn every_entity_sits_in_exactly_one_group() {
        let grouped: usize = EntityGroup::ALL.iter().map(|g| g.entities().count()).sum();
        assert_eq!(grouped, Entity::ALL.len());
        assert_eq!(Entity::Students.group(), EntityGroup::People);
        assert_eq!(Entity::Roles.group(), EntityGroup::System);
    }

    #[test]
    fn a_set_holds_exactly_what_was_inserted() {
        let read = Permission::new(Action::Read, Entity::Students);
        let write = Permission::new(Action::Update, Entity::Students);
        let set: PermissionSet = [read].into_iter().collect();
        assert!(set.contains(read));
        assert!(!set.contains(write));
        assert_eq!(set.len(), 1);
        assert_eq!(PermissionSet::everything().len(), Entity::ALL.len() * 4);
    }
}
