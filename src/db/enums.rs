//! Rust enums for the PostgreSQL enum types created by the migrations.
//!
//! Every enum is declared once in the `db_enums!` list below as
//! `Variant = "database value" => "Label"`. The macro derives the Diesel mapping
//! (diesel-derive-enum, against the type in `schema::sql_types`), serde under the
//! database value, and adds `ALL`, `as_str` (the database value), `label` (the
//! wording shown to people), `Display` (the label) and `FromStr` (the database
//! value). Adding a value means a migration (`ALTER TYPE … ADD VALUE`) plus one
//! line here.

use std::fmt;

/// A string that is not one of an enum's database values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownEnumValue {
    /// The Rust enum that was asked for, e.g. `StudentStatus`.
    pub enum_name: &'static str,
    /// The rejected input.
    pub value: String,
    /// The accepted database values.
    pub expected: &'static [&'static str],
}

impl fmt::Display for UnknownEnumValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a valid {}; expected one of: {}",
            self.value,
            self.enum_name,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownEnumValue {}

macro_rules! db_enums {
    ($(
        $(#[$meta:meta])*
        $name:ident => $sql_name:literal in $sql_type:tt {
            $($variant:ident = $db:tt => $label:tt,)+
        }
    )+) => {
        /// Every enum's PostgreSQL type name with its database values, for the
        /// messages that word them (`choice-<type>-<value>`).
        pub const CHOICES: &[(&str, &[&str])] = &[$(($sql_name, &[$($db),+])),+];
        $(
        $(#[$meta])*
        #[derive(
            diesel_derive_enum::DbEnum,
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            serde::Serialize,
            serde::Deserialize,
        )]
        #[ExistingTypePath = $sql_type]
        pub enum $name {
            $(
                #[doc = $label]
                #[db_rename = $db]
                #[serde(rename = $db)]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in the order of the PostgreSQL enum (which is also its sort order).
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            const DB_VALUES: &'static [&'static str] = &[$($db),+];

            /// The value as stored in the database.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $(Self::$variant => $db,)+
                }
            }

            /// The English wording, for logs and machine-read text; people read
            /// [`Self::label_in`].
            pub fn label(&self) -> &'static str {
                match self {
                    $(Self::$variant => $label,)+
                }
            }

            /// The PostgreSQL type name: `student_status`.
            pub const SQL_TYPE: &'static str = $sql_name;

            /// The wording in the reader's language: `choice-<type>-<value>`.
            pub fn label_in(&self, t: crate::i18n::Lang) -> String {
                t.choice(Self::SQL_TYPE, self.as_str())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownEnumValue;

            /// Parses the database value (what forms and CSV files carry), not the label.
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                match value {
                    $($db => Ok(Self::$variant),)+
                    _ => Err(UnknownEnumValue {
                        enum_name: stringify!($name),
                        value: value.to_owned(),
                        expected: Self::DB_VALUES,
                    }),
                }
            }
        }
    )+};
}

db_enums! {
    /// students.gender
    StudentGender => "student_gender" in "crate::db::schema::sql_types::StudentGender" {
        Female = "female" => "Female",
        Male = "male" => "Male",
        NonBinary = "non_binary" => "Non-binary",
        Undisclosed = "undisclosed" => "Prefer not to say",
    }

    /// students.status
    StudentStatus => "student_status" in "crate::db::schema::sql_types::StudentStatus" {
        Applicant = "applicant" => "Applicant",
        Active = "active" => "Active",
        Inactive = "inactive" => "Inactive",
        Graduated = "graduated" => "Graduated",
        Transferred = "transferred" => "Transferred",
        Withdrawn = "withdrawn" => "Withdrawn",
    }

    /// guardians.relationship
    GuardianRelationship => "guardian_relationship" in "crate::db::schema::sql_types::GuardianRelationship" {
        Mother = "mother" => "Mother",
        Father = "father" => "Father",
        Guardian = "guardian" => "Guardian",
        Grandparent = "grandparent" => "Grandparent",
        Sibling = "sibling" => "Sibling",
        Other = "other" => "Other",
    }

    /// staff.staff_type
    StaffType => "staff_type" in "crate::db::schema::sql_types::StaffType" {
        Teacher = "teacher" => "Teacher",
        Director = "director" => "Director",
        Administrator = "administrator" => "Administrator",
        Counselor = "counselor" => "Counselor",
        Support = "support" => "Support staff",
    }

    /// staff.status
    StaffStatus => "staff_status" in "crate::db::schema::sql_types::StaffStatus" {
        Active = "active" => "Active",
        OnLeave = "on_leave" => "On leave",
        Inactive = "inactive" => "Inactive",
    }

    /// classes.status
    ClassStatus => "class_status" in "crate::db::schema::sql_types::ClassStatus" {
        Active = "active" => "Active",
        Archived = "archived" => "Archived",
    }

    /// class_enrollments.status
    ClassEnrollmentStatus => "class_enrollment_status" in "crate::db::schema::sql_types::ClassEnrollmentStatus" {
        Active = "active" => "Active",
        Completed = "completed" => "Completed",
        Dropped = "dropped" => "Dropped",
        Transferred = "transferred" => "Transferred",
    }

    /// class_subjects.status
    ClassSubjectStatus => "class_subject_status" in "crate::db::schema::sql_types::ClassSubjectStatus" {
        Active = "active" => "Active",
        Inactive = "inactive" => "Inactive",
    }

    /// timetables.status
    TimetableStatus => "timetable_status" in "crate::db::schema::sql_types::TimetableStatus" {
        Draft = "draft" => "Draft",
        Published = "published" => "Published",
        Archived = "archived" => "Archived",
    }

    /// timetable_periods.day_of_week
    DayOfWeek => "day_of_week" in "crate::db::schema::sql_types::DayOfWeek" {
        Monday = "monday" => "Monday",
        Tuesday = "tuesday" => "Tuesday",
        Wednesday = "wednesday" => "Wednesday",
        Thursday = "thursday" => "Thursday",
        Friday = "friday" => "Friday",
        Saturday = "saturday" => "Saturday",
        Sunday = "sunday" => "Sunday",
    }

    /// assessments.assessment_type
    AssessmentType => "assessment_type" in "crate::db::schema::sql_types::AssessmentType" {
        Homework = "homework" => "Homework",
        Quiz = "quiz" => "Quiz",
        Test = "test" => "Test",
        Exam = "exam" => "Exam",
        Project = "project" => "Project",
        Assignment = "assignment" => "Assignment",
    }

    /// assessments.status
    AssessmentStatus => "assessment_status" in "crate::db::schema::sql_types::AssessmentStatus" {
        Draft = "draft" => "Draft",
        Published = "published" => "Published",
        Graded = "graded" => "Graded",
        Closed = "closed" => "Closed",
    }

    /// assessment_results.grade_letter, best first
    GradeLetter => "grade_letter" in "crate::db::schema::sql_types::GradeLetter" {
        APlus = "A+" => "A+",
        A = "A" => "A",
        AMinus = "A-" => "A-",
        BPlus = "B+" => "B+",
        B = "B" => "B",
        BMinus = "B-" => "B-",
        CPlus = "C+" => "C+",
        C = "C" => "C",
        CMinus = "C-" => "C-",
        DPlus = "D+" => "D+",
        D = "D" => "D",
        DMinus = "D-" => "D-",
        F = "F" => "F",
    }

    /// assessment_results.mark: a result given instead of a score
    ResultMark => "result_mark" in "crate::db::schema::sql_types::ResultMark" {
        Excused = "excused" => "Excused",
        Missing = "missing" => "Missing",
    }

    /// attendance_sessions.session_type
    AttendanceSessionType => "attendance_session_type" in "crate::db::schema::sql_types::AttendanceSessionType" {
        Daily = "daily" => "Daily",
        Period = "period" => "Period",
        Event = "event" => "Event",
    }

    /// attendance_records.status
    AttendanceStatus => "attendance_status" in "crate::db::schema::sql_types::AttendanceStatus" {
        Present = "present" => "Present",
        Absent = "absent" => "Absent",
        Late = "late" => "Late",
        Excused = "excused" => "Excused",
    }

    /// staff_attendance_records.status
    StaffAttendanceStatus => "staff_attendance_status" in "crate::db::schema::sql_types::StaffAttendanceStatus" {
        Present = "present" => "Present",
        Late = "late" => "Late",
        Absent = "absent" => "Absent",
    }

    /// fee_plans.billing_cycle
    BillingCycle => "billing_cycle" in "crate::db::schema::sql_types::BillingCycle" {
        OneTime = "one_time" => "One-time",
        Monthly = "monthly" => "Monthly",
        Quarterly = "quarterly" => "Quarterly",
        Termly = "termly" => "Termly",
        Annually = "annually" => "Annually",
    }

    /// invoices.status
    InvoiceStatus => "invoice_status" in "crate::db::schema::sql_types::InvoiceStatus" {
        Draft = "draft" => "Draft",
        Issued = "issued" => "Issued",
        PartiallyPaid = "partially_paid" => "Partially paid",
        Paid = "paid" => "Paid",
        Overdue = "overdue" => "Overdue",
        Void = "void" => "Void",
    }

    /// payments.method
    PaymentMethod => "payment_method" in "crate::db::schema::sql_types::PaymentMethod" {
        Cash = "cash" => "Cash",
        Card = "card" => "Card",
        BankTransfer = "bank_transfer" => "Bank transfer",
        Cheque = "cheque" => "Cheque",
        MobileMoney = "mobile_money" => "Mobile money",
        Online = "online" => "Online",
    }

    /// messages.channel
    MessageChannel => "message_channel" in "crate::db::schema::sql_types::MessageChannel" {
        InApp = "in_app" => "In-app",
        Email = "email" => "Email",
        Sms = "sms" => "SMS",
    }

    /// messages.audience
    MessageAudience => "message_audience" in "crate::db::schema::sql_types::MessageAudience" {
        Everyone = "everyone" => "Everyone",
        Staff = "staff" => "Staff",
        Guardians = "guardians" => "Guardians",
        Students = "students" => "Students",
        Campus = "campus" => "A campus",
        Class = "class" => "A class",
        Grade = "grade" => "A grade",
        Custom = "custom" => "Chosen recipients",
    }

    /// messages.status
    MessageStatus => "message_status" in "crate::db::schema::sql_types::MessageStatus" {
        Draft = "draft" => "Draft",
        Queued = "queued" => "Queued",
        Sending = "sending" => "Sending",
        Sent = "sent" => "Sent",
        Failed = "failed" => "Failed",
    }

    /// message_recipients.recipient_type
    RecipientType => "recipient_type" in "crate::db::schema::sql_types::RecipientType" {
        User = "user" => "User",
        Staff = "staff" => "Staff member",
        Guardian = "guardian" => "Guardian",
        Student = "student" => "Student",
    }

    /// message_recipients.delivery_status
    DeliveryStatus => "delivery_status" in "crate::db::schema::sql_types::DeliveryStatus" {
        Pending = "pending" => "Pending",
        Sent = "sent" => "Sent",
        Delivered = "delivered" => "Delivered",
        Read = "read" => "Read",
        Failed = "failed" => "Failed",
    }

    /// documents.entity_type
    DocumentEntityType => "document_entity_type" in "crate::db::schema::sql_types::DocumentEntityType" {
        Organization = "organization" => "Organization",
        Campus = "campus" => "Campus",
        Student = "student" => "Student",
        Staff = "staff" => "Staff member",
        Class = "class" => "Class",
        Invoice = "invoice" => "Invoice",
    }

    /// documents.category
    DocumentCategory => "document_category" in "crate::db::schema::sql_types::DocumentCategory" {
        Enrollment = "enrollment" => "Enrollment",
        Medical = "medical" => "Medical",
        Academic = "academic" => "Academic",
        Financial = "financial" => "Financial",
        Legal = "legal" => "Legal",
        Policy = "policy" => "Policy",
        Other = "other" => "Other",
    }

    /// login_history.login_method
    LoginMethod => "login_method" in "crate::db::schema::sql_types::LoginMethod" {
        Password = "password" => "Password",
        MagicLink = "magic_link" => "Magic link",
        Sso = "sso" => "Single sign-on",
    }

    /// audit_log.action
    AuditAction => "audit_action" in "crate::db::schema::sql_types::AuditAction" {
        Create = "create" => "Created",
        Update = "update" => "Updated",
        Delete = "delete" => "Deleted",
        Restore = "restore" => "Restored",
    }

    /// scheduled_tasks.status
    TaskStatus => "task_status" in "crate::db::schema::sql_types::TaskStatus" {
        Idle = "idle" => "Idle",
        Running = "running" => "Running",
        Failed = "failed" => "Failed",
    }

    /// sync_logs.status
    SyncStatus => "sync_status" in "crate::db::schema::sql_types::SyncStatus" {
        Running = "running" => "Running",
        Success = "success" => "Succeeded",
        Failed = "failed" => "Failed",
    }

    /// `email_outbox.status`: kept for the outbox, or handed to the SMTP server.
    EmailStatus => "email_status" in "crate::db::schema::sql_types::EmailStatus" {
        Stored = "stored" => "In the outbox",
        Sent = "sent" => "Sent",
        Failed = "failed" => "Failed",
    }

    /// `absence_alerts.status`: waiting out its grace period, sent, or not needed after all.
    AbsenceAlertStatus => "absence_alert_status" in "crate::db::schema::sql_types::AbsenceAlertStatus" {
        Pending = "pending" => "Pending",
        Sent = "sent" => "Sent",
        Withdrawn = "withdrawn" => "Withdrawn",
    }

    /// `admissions.stage`: an applicant's way in.
    AdmissionStage => "admission_stage" in "crate::db::schema::sql_types::AdmissionStage" {
        Applied = "applied" => "Applied",
        Accepted = "accepted" => "Accepted",
        Enrolled = "enrolled" => "Enrolled",
        Declined = "declined" => "Declined",
    }
}

/// A timetable's day for a calendar date's weekday.
impl From<chrono::Weekday> for DayOfWeek {
    fn from(day: chrono::Weekday) -> DayOfWeek {
        use chrono::Weekday;
        match day {
            Weekday::Mon => DayOfWeek::Monday,
            Weekday::Tue => DayOfWeek::Tuesday,
            Weekday::Wed => DayOfWeek::Wednesday,
            Weekday::Thu => DayOfWeek::Thursday,
            Weekday::Fri => DayOfWeek::Friday,
            Weekday::Sat => DayOfWeek::Saturday,
            Weekday::Sun => DayOfWeek::Sunday,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    /// Round-trips every value of the given enums through as_str/from_str and serde,
    /// and checks the values are distinct and labelled.
    macro_rules! check_enums {
        ($($name:ident),+ $(,)?) => {$(
            {
                let mut seen = std::collections::HashSet::new();
                for value in $name::ALL {
                    assert_eq!($name::from_str(value.as_str()), Ok(*value));
                    assert!(seen.insert(value.as_str()), "duplicate value {}", value.as_str());
                    assert!(!value.label().is_empty());
                    assert_eq!(value.to_string(), value.label());
                    let json = serde_json::to_string(value).expect("serialize");
                    assert_eq!(json, format!("\"{}\"", value.as_str()));
                    assert_eq!(serde_json::from_str::<$name>(&json).expect("deserialize"), *value);
                }
                let err = $name::from_str("no such value").expect_err("unknown value accepted");
                assert_eq!(err.enum_name, stringify!($name));
                assert_eq!(err.expected.len(), $name::ALL.len());
            }
        )+};
    }

    #[test]
    fn every_value_round_trips_through_its_database_string() {
        check_enums!(
            StudentGender,
            StudentStatus,
            GuardianRelationship,
            StaffType,
            StaffStatus,
            ClassStatus,
            ClassEnrollmentStatus,
            ClassSubjectStatus,
            TimetableStatus,
            DayOfWeek,
            AssessmentType,
            AssessmentStatus,
            GradeLetter,
            ResultMark,
            AttendanceSessionType,
            AttendanceStatus,
            StaffAttendanceStatus,
            BillingCycle,
            InvoiceStatus,
            PaymentMethod,
            MessageChannel,
            MessageAudience,
            MessageStatus,
            RecipientType,
            DeliveryStatus,
            DocumentEntityType,
            DocumentCategory,
            LoginMethod,
            AuditAction,
            TaskStatus,
            SyncStatus,
            AbsenceAlertStatus,
            AdmissionStage,
        );
    }

    #[test]
    fn grade_letters_keep_their_signs() {
        assert_eq!(GradeLetter::APlus.as_str(), "A+");
        assert_eq!(GradeLetter::from_str("B-"), Ok(GradeLetter::BMinus));
        assert_eq!(GradeLetter::ALL.first(), Some(&GradeLetter::APlus));
        assert_eq!(GradeLetter::ALL.last(), Some(&GradeLetter::F));
    }

    #[test]
    fn labels_use_human_wording() {
        assert_eq!(StudentGender::NonBinary.to_string(), "Non-binary");
        assert_eq!(PaymentMethod::BankTransfer.to_string(), "Bank transfer");
        assert_eq!(StaffStatus::OnLeave.to_string(), "On leave");
    }

    #[test]
    fn parsing_takes_the_database_value_not_the_label() {
        assert!(StaffStatus::from_str("On leave").is_err());
        let err = StaffStatus::from_str("on-leave").expect_err("accepted a typo");
        assert_eq!(
            err.to_string(),
            "\"on-leave\" is not a valid StaffStatus; expected one of: active, on_leave, inactive"
        );
    }
}
