// @generated automatically by Diesel CLI.

pub mod sql_types {
    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "absence_alert_status"))]
    pub struct AbsenceAlertStatus;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "admission_stage"))]
    pub struct AdmissionStage;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "assessment_status"))]
    pub struct AssessmentStatus;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "assessment_type"))]
    pub struct AssessmentType;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "attendance_session_type"))]
    pub struct AttendanceSessionType;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "attendance_status"))]
    pub struct AttendanceStatus;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "audit_action"))]
    pub struct AuditAction;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "billing_cycle"))]
    pub struct BillingCycle;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "class_enrollment_status"))]
    pub struct ClassEnrollmentStatus;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "class_status"))]
    pub struct ClassStatus;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "class_subject_status"))]
    pub struct ClassSubjectStatus;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "day_of_week"))]
    pub struct DayOfWeek;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "delivery_status"))]
    pub struct DeliveryStatus;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "document_category"))]
    pub struct DocumentCategory;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "document_entity_type"))]
    pub struct DocumentEntityType;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "email_status"))]
    pub struct EmailStatus;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "grade_letter"))]
    pub struct GradeLetter;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "guardian_relationship"))]
    pub struct GuardianRelationship;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "invoice_status"))]
    pub struct InvoiceStatus;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "login_method"))]
    pub struct LoginMethod;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "message_audience"))]
    pub struct MessageAudience;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "message_channel"))]
    pub struct MessageChannel;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "message_status"))]
    pub struct MessageStatus;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "payment_method"))]
    pub struct PaymentMethod;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "recipient_type"))]
    pub struct RecipientType;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "result_mark"))]
    pub struct ResultMark;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "staff_attendance_status"))]
    pub struct StaffAttendanceStatus;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "staff_status"))]
    pub struct StaffStatus;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "staff_type"))]
    pub struct StaffType;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "student_gender"))]
    pub struct StudentGender;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "student_status"))]
    pub struct StudentStatus;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "sync_status"))]
    pub struct SyncStatus;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "task_status"))]
    pub struct TaskStatus;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "timetable_status"))]
    pub struct TimetableStatus;
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::AbsenceAlertStatus;

    absence_alerts (id) {
        id -> Uuid,
        organization_id -> Uuid,
        campus_id -> Uuid,
        student_id -> Uuid,
        alert_date -> Date,
        status -> AbsenceAlertStatus,
        due_at -> Timestamptz,
        sent_at -> Nullable<Timestamptz>,
        message_id -> Nullable<Uuid>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::AdmissionStage;

    admissions (id) {
        id -> Uuid,
        organization_id -> Uuid,
        student_id -> Uuid,
        stage -> AdmissionStage,
        applied_on -> Date,
        grade_id -> Nullable<Uuid>,
        decided_on -> Nullable<Date>,
        decided_by_id -> Nullable<Uuid>,
        reason -> Nullable<Text>,
        notes -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    academic_terms (id) {
        id -> Uuid,
        organization_id -> Uuid,
        academic_year_id -> Uuid,
        name -> Text,
        starts_on -> Date,
        ends_on -> Date,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    academic_years (id) {
        id -> Uuid,
        organization_id -> Uuid,
        name -> Text,
        start_date -> Date,
        end_date -> Date,
        current -> Bool,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::GradeLetter;
    use super::sql_types::ResultMark;

    assessment_results (id) {
        id -> Uuid,
        organization_id -> Uuid,
        assessment_id -> Uuid,
        student_id -> Uuid,
        score -> Nullable<Numeric>,
        grade_letter -> Nullable<GradeLetter>,
        remarks -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
        mark -> Nullable<ResultMark>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::AssessmentType;

    assessment_weights (id) {
        id -> Uuid,
        organization_id -> Uuid,
        class_subject_id -> Nullable<Uuid>,
        assessment_type -> AssessmentType,
        weight_percent -> Numeric,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::AssessmentType;
    use super::sql_types::AssessmentStatus;

    assessments (id) {
        id -> Uuid,
        organization_id -> Uuid,
        class_subject_id -> Uuid,
        name -> Text,
        assessment_type -> AssessmentType,
        assigned_at -> Nullable<Timestamptz>,
        due_at -> Nullable<Timestamptz>,
        max_score -> Nullable<Numeric>,
        status -> AssessmentStatus,
        instructions -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,        academic_term_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::AttendanceStatus;

    attendance_records (id) {
        id -> Uuid,
        organization_id -> Uuid,
        attendance_session_id -> Uuid,
        student_id -> Uuid,
        status -> AttendanceStatus,
        minutes_late -> Nullable<Int4>,
        remarks -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
        marked_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::AttendanceSessionType;

    attendance_sessions (id) {
        id -> Uuid,
        organization_id -> Uuid,
        campus_id -> Uuid,
        class_id -> Uuid,
        class_subject_id -> Nullable<Uuid>,
        taken_by_id -> Nullable<Uuid>,
        session_date -> Date,
        session_type -> AttendanceSessionType,
        notes -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::AuditAction;

    audit_log (id) {
        id -> Uuid,
        organization_id -> Nullable<Uuid>,
        user_id -> Nullable<Uuid>,
        table_name -> Text,
        row_id -> Uuid,
        action -> AuditAction,
        changes -> Jsonb,
        ip_address -> Nullable<Text>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    auth_refresh_tokens (id) {
        id -> Uuid,
        user_id -> Uuid,
        organization_id -> Nullable<Uuid>,
        token_hash -> Text,
        family_id -> Uuid,
        previous_token_id -> Nullable<Uuid>,
        user_agent -> Nullable<Text>,
        ip_address -> Nullable<Text>,
        csrf_token -> Text,
        keep_signed_in -> Bool,
        expires_at -> Timestamptz,
        last_seen_at -> Timestamptz,
        revoked_at -> Nullable<Timestamptz>,
        replaced_by_token_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        mfa_pending -> Bool,
    }
}

diesel::table! {
    bell_periods (id) {
        id -> Uuid,
        organization_id -> Uuid,
        campus_id -> Uuid,
        name -> Text,
        starts_at -> Time,
        ends_at -> Time,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    campus_attendance_config (id) {
        id -> Uuid,
        organization_id -> Uuid,
        campus_id -> Nullable<Uuid>,
        campus_key -> Text,
        attendance_link -> Nullable<Text>,
        updated_by_label -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
        school_starts_at -> Time,
        daily_roll_deadline -> Time,
        period_roll_grace_minutes -> Int4,
    }
}

diesel::table! {
    campus_attendance_summaries (id) {
        id -> Uuid,
        organization_id -> Uuid,
        campus_id -> Nullable<Uuid>,
        campus_key -> Text,
        attendance_date -> Date,
        total_enrolled -> Int4,
        total_present -> Int4,
        total_absent -> Int4,
        total_tardy -> Int4,
        attendance_percentage -> Numeric,
        recorded_by_label -> Nullable<Text>,
        notes -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
        total_excused -> Int4,
        students_enrolled -> Int4,
        rolls_due -> Int4,
        rolls_taken -> Int4,
    }
}

diesel::table! {
    campuses (id) {
        id -> Uuid,
        organization_id -> Uuid,
        name -> Text,
        code -> Nullable<Text>,
        address -> Nullable<Text>,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        mascot -> Nullable<Text>,
        color -> Nullable<Text>,
        bg_gradient -> Nullable<Text>,
        border_color -> Nullable<Text>,
        text_color -> Nullable<Text>,
        bg_light -> Nullable<Text>,
        description -> Nullable<Text>,
        is_online -> Bool,
        active -> Bool,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::ClassEnrollmentStatus;

    class_enrollments (id) {
        id -> Uuid,
        organization_id -> Uuid,
        class_id -> Uuid,
        student_id -> Uuid,
        enrolled_on -> Nullable<Date>,
        ended_on -> Nullable<Date>,
        status -> ClassEnrollmentStatus,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::ClassSubjectStatus;

    class_subjects (id) {
        id -> Uuid,
        organization_id -> Uuid,
        class_id -> Uuid,
        subject_id -> Uuid,
        teacher_id -> Nullable<Uuid>,
        status -> ClassSubjectStatus,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::ClassStatus;

    classes (id) {
        id -> Uuid,
        organization_id -> Uuid,
        campus_id -> Uuid,
        academic_year_id -> Uuid,
        grade_id -> Uuid,
        homeroom_teacher_id -> Nullable<Uuid>,
        name -> Text,
        section -> Nullable<Text>,
        capacity -> Nullable<Int4>,
        status -> ClassStatus,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::MessageAudience;

    communication_events (id) {
        id -> Uuid,
        organization_id -> Uuid,
        campus_id -> Nullable<Uuid>,
        title -> Text,
        event_date -> Date,
        event_type -> Text,
        roles -> Jsonb,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
        audience -> MessageAudience,
        audience_ids -> Array<Uuid>,
        reach_staff -> Bool,
        reach_guardians -> Bool,
        reach_students -> Bool,
        ends_on -> Nullable<Date>,
        starts_at -> Nullable<Time>,
        ends_at -> Nullable<Time>,
        description -> Nullable<Text>,
        location -> Nullable<Text>,
        remind_days_before -> Int4,
        reminder_sent_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    content_catalog (id) {
        id -> Uuid,
        content_type -> Text,
        payload -> Jsonb,
        active -> Bool,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::DocumentEntityType;
    use super::sql_types::DocumentCategory;

    documents (id) {
        id -> Uuid,
        organization_id -> Uuid,
        campus_id -> Nullable<Uuid>,
        entity_type -> DocumentEntityType,
        entity_reference -> Nullable<Text>,
        name -> Text,
        category -> DocumentCategory,
        uploaded_at -> Nullable<Timestamptz>,
        notes -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::EmailStatus;

    email_outbox (id) {
        id -> Uuid,
        organization_id -> Nullable<Uuid>,
        to_address -> Text,
        subject -> Text,
        body_text -> Text,
        status -> EmailStatus,
        error -> Nullable<Text>,
        sent_at -> Nullable<Timestamptz>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
        from_name -> Nullable<Text>,
        reply_to -> Nullable<Text>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::BillingCycle;

    fee_plans (id) {
        id -> Uuid,
        organization_id -> Uuid,
        academic_year_id -> Nullable<Uuid>,
        grade_id -> Nullable<Uuid>,
        name -> Text,
        billing_cycle -> BillingCycle,
        total_amount -> Numeric,
        active -> Bool,
        notes -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    families (id) {
        id -> Uuid,
        organization_id -> Uuid,
        name -> Text,
        address -> Nullable<Text>,
        notes -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    feed_links (id) {
        id -> Uuid,
        organization_id -> Uuid,
        user_id -> Uuid,
        kind -> Text,
        nonce -> Text,
        token_hash -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    file (id) {
        id -> Uuid,
        organization_id -> Uuid,
        belongs_to -> Nullable<Text>,
        belongs_to_id -> Nullable<Uuid>,
        belongs_to_column -> Nullable<Text>,
        name -> Text,
        content_type -> Nullable<Text>,
        size_in_bytes -> Nullable<Int4>,
        storage_key -> Nullable<Text>,
        private_url -> Nullable<Text>,
        public_url -> Text,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
        thumbnail_key -> Nullable<Text>,
    }
}

diesel::table! {
    form_stashes (id) {
        id -> Uuid,
        organization_id -> Nullable<Uuid>,
        user_id -> Nullable<Uuid>,
        form_page -> Text,
        fields -> Text,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
    }
}

diesel::table! {
    form_tokens (id) {
        id -> Uuid,
        organization_id -> Uuid,
        user_id -> Uuid,
        token -> Text,
        record_page -> Nullable<Text>,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
    }
}

diesel::table! {
    frame_entries (id) {
        id -> Uuid,
        organization_id -> Uuid,
        campus_id -> Nullable<Uuid>,
        week_of -> Text,
        posted_date -> Text,
        formal -> Text,
        recognition -> Text,
        application -> Text,
        management -> Text,
        emotional -> Text,
        author -> Text,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    author_id -> Nullable<Uuid>,
        published_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::GradeLetter;

    grading_scale_bands (id) {
        id -> Uuid,
        organization_id -> Uuid,
        grade_letter -> GradeLetter,
        min_percent -> Numeric,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    grades (id) {
        id -> Uuid,
        organization_id -> Uuid,
        name -> Text,
        code -> Nullable<Text>,
        sort_order -> Nullable<Int4>,
        description -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    guardian_people (id) {
        id -> Uuid,
        organization_id -> Uuid,
        family_id -> Nullable<Uuid>,
        full_name -> Text,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        address -> Nullable<Text>,
        language -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::GuardianRelationship;

    guardians (id) {
        id -> Uuid,
        organization_id -> Uuid,
        student_id -> Uuid,
        full_name -> Text,
        relationship -> Nullable<GuardianRelationship>,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        address -> Nullable<Text>,
        primary_contact -> Bool,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
        language -> Nullable<Text>,
        person_id -> Nullable<Uuid>,
        lives_with -> Bool,
        emergency_contact -> Bool,
        receives_invoices -> Bool,
        receives_messages -> Bool,
        pickup_allowed -> Bool,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::InvoiceStatus;

    invoices (id) {
        id -> Uuid,
        organization_id -> Uuid,
        campus_id -> Nullable<Uuid>,
        student_id -> Uuid,
        fee_plan_id -> Nullable<Uuid>,
        invoice_number -> Text,
        issue_date -> Date,
        due_date -> Date,
        subtotal -> Numeric,
        discount_amount -> Numeric,
        tax_amount -> Numeric,
        total_amount -> Numeric,
        balance_due -> Numeric,
        status -> InvoiceStatus,
        notes -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
        billing_period_start -> Nullable<Date>,
        billing_period_end -> Nullable<Date>,
        last_reminded_at -> Nullable<Timestamptz>,
        voided_at -> Nullable<Timestamptz>,
        voided_by_id -> Nullable<Uuid>,
        void_reason -> Nullable<Text>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::LoginMethod;

    login_history (id) {
        id -> Uuid,
        organization_id -> Nullable<Uuid>,
        user_id -> Nullable<Uuid>,
        email -> Text,
        success -> Bool,
        failure_reason -> Nullable<Text>,
        ip_address -> Nullable<Text>,
        user_agent -> Nullable<Text>,
        login_method -> LoginMethod,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::RecipientType;
    use super::sql_types::DeliveryStatus;

    message_recipients (id) {
        id -> Uuid,
        organization_id -> Uuid,
        message_id -> Uuid,
        recipient_type -> RecipientType,
        recipient_label -> Nullable<Text>,
        destination -> Nullable<Text>,
        delivery_status -> DeliveryStatus,
        delivered_at -> Nullable<Timestamptz>,
        read_at -> Nullable<Timestamptz>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
        user_id -> Nullable<Uuid>,
        email_attempts -> Int4,
        email_next_at -> Nullable<Timestamptz>,
        email_error -> Nullable<Text>,
        email_sent_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::MessageChannel;
    use super::sql_types::MessageAudience;
    use super::sql_types::MessageStatus;

    messages (id) {
        id -> Uuid,
        organization_id -> Uuid,
        campus_id -> Nullable<Uuid>,
        sent_by_id -> Nullable<Uuid>,
        subject -> Text,
        body -> Text,
        channel -> MessageChannel,
        audience -> MessageAudience,
        status -> MessageStatus,
        sent_at -> Nullable<Timestamptz>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
        personal -> Bool,
        audience_ids -> Array<Uuid>,
        reach_guardians -> Bool,
        reach_students -> Bool,
        reach_staff -> Bool,
        send_in_app -> Bool,
        send_email -> Bool,
        scheduled_for -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    organizations (id) {
        id -> Uuid,
        name -> Text,
        time_zone -> Text,
        email_sender -> Nullable<Text>,
        brand_color -> Nullable<Text>,
        settings -> Jsonb,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
        currency -> Text,
        language -> Nullable<Text>,
        week_start -> Int2,
        student_number_pattern -> Text,
        email_sender_name -> Nullable<Text>,
        logo_file_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::PaymentMethod;

    payments (id) {
        id -> Uuid,
        organization_id -> Uuid,
        invoice_id -> Uuid,
        received_by_id -> Nullable<Uuid>,
        receipt_number -> Text,
        paid_at -> Timestamptz,
        amount -> Numeric,
        method -> PaymentMethod,
        reference_code -> Nullable<Text>,
        notes -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
        refund_of -> Nullable<Uuid>,
        refund_reason -> Nullable<Text>,
        taken_together -> Nullable<Uuid>,
    }
}

diesel::table! {
    permissions (id) {
        id -> Uuid,
        name -> Text,
        description -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    personality_quiz_results (id) {
        id -> Uuid,
        organization_id -> Uuid,
        campus_id -> Nullable<Uuid>,
        user_id -> Nullable<Uuid>,
        personality_type -> Text,
        quiz_answers -> Jsonb,
        completed_at -> Timestamptz,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    roles (id) {
        id -> Uuid,
        name -> Text,
        description -> Nullable<Text>,
        global_access -> Bool,
        require_mfa -> Bool,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    roles_permissions (id) {
        id -> Uuid,
        role_id -> Uuid,
        permission_id -> Uuid,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    rollover_class_targets (id) {
        id -> Uuid,
        organization_id -> Uuid,
        class_id -> Uuid,
        target_class_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    rollover_student_choices (id) {
        id -> Uuid,
        organization_id -> Uuid,
        class_id -> Uuid,
        student_id -> Uuid,
        choice -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    safety_quiz_results (id) {
        id -> Uuid,
        organization_id -> Uuid,
        campus_id -> Nullable<Uuid>,
        user_id -> Nullable<Uuid>,
        quiz_id -> Text,
        quiz_title -> Text,
        week_of -> Text,
        score -> Int4,
        total_questions -> Int4,
        answers -> Jsonb,
        user_name -> Text,
        user_role -> Text,
        completed_at -> Timestamptz,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::TaskStatus;

    scheduled_tasks (id) {
        id -> Uuid,
        organization_id -> Nullable<Uuid>,
        task_type -> Text,
        description -> Nullable<Text>,
        enabled -> Bool,
        interval_minutes -> Int4,
        last_run_at -> Nullable<Timestamptz>,
        next_run_at -> Timestamptz,
        status -> TaskStatus,
        config -> Jsonb,
        locked_by -> Nullable<Text>,
        locked_at -> Nullable<Timestamptz>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
        quiet_runs -> Int4,
        quiet_since -> Nullable<Timestamptz>,
        last_quiet_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::StaffType;
    use super::sql_types::StaffStatus;

    staff (id) {
        id -> Uuid,
        organization_id -> Uuid,
        campus_id -> Nullable<Uuid>,
        user_id -> Nullable<Uuid>,
        employee_number -> Nullable<Text>,
        first_name -> Nullable<Text>,
        last_name -> Nullable<Text>,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        job_title -> Nullable<Text>,
        staff_type -> StaffType,
        hire_date -> Nullable<Date>,
        status -> StaffStatus,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::StaffAttendanceStatus;

    staff_attendance_records (id) {
        id -> Uuid,
        organization_id -> Uuid,
        campus_id -> Nullable<Uuid>,
        user_id -> Nullable<Uuid>,
        attendance_date -> Date,
        status -> StaffAttendanceStatus,
        note -> Nullable<Text>,
        user_name -> Text,
        user_role -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
        staff_id -> Nullable<Uuid>,
        checked_in_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    student_health (id) {
        id -> Uuid,
        organization_id -> Uuid,
        student_id -> Uuid,
        medical_notes -> Nullable<Text>,
        allergies -> Nullable<Text>,
        emergency_contacts -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    student_number_counters (id) {
        id -> Uuid,
        organization_id -> Uuid,
        year -> Int4,
        last_value -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::StudentStatus;

    student_status_changes (id) {
        id -> Uuid,
        organization_id -> Uuid,
        student_id -> Uuid,
        from_status -> Nullable<StudentStatus>,
        to_status -> StudentStatus,
        on_date -> Date,
        reason -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::StudentGender;
    use super::sql_types::StudentStatus;

    students (id) {
        id -> Uuid,
        organization_id -> Uuid,
        campus_id -> Uuid,
        student_number -> Nullable<Text>,
        first_name -> Text,
        last_name -> Text,
        gender -> Nullable<StudentGender>,
        date_of_birth -> Nullable<Date>,
        enrollment_date -> Nullable<Date>,
        status -> StudentStatus,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        address -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
        erased_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    subjects (id) {
        id -> Uuid,
        organization_id -> Uuid,
        name -> Text,
        code -> Nullable<Text>,
        description -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::SyncStatus;

    sync_logs (id) {
        id -> Uuid,
        organization_id -> Nullable<Uuid>,
        scheduled_task_id -> Nullable<Uuid>,
        sync_type -> Text,
        status -> SyncStatus,
        records_processed -> Int4,
        records_created -> Int4,
        records_updated -> Int4,
        started_at -> Timestamptz,
        completed_at -> Nullable<Timestamptz>,
        error_message -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        worker_id -> Nullable<Uuid>,
        records_total -> Nullable<Int4>,
        request -> Nullable<Jsonb>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::DayOfWeek;

    timetable_periods (id) {
        id -> Uuid,
        organization_id -> Uuid,
        timetable_id -> Uuid,
        class_subject_id -> Uuid,
        day_of_week -> DayOfWeek,
        starts_at -> Time,
        ends_at -> Time,
        room -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
        class_id -> Uuid,
        clash_exempt -> Bool,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::TimetableStatus;

    timetables (id) {
        id -> Uuid,
        organization_id -> Uuid,
        campus_id -> Uuid,
        academic_year_id -> Uuid,
        name -> Text,
        effective_from -> Nullable<Date>,
        effective_to -> Nullable<Date>,
        status -> TimetableStatus,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    user_progress (id) {
        id -> Uuid,
        organization_id -> Uuid,
        campus_id -> Nullable<Uuid>,
        user_id -> Nullable<Uuid>,
        progress_type -> Text,
        item_id -> Text,
        value -> Nullable<Text>,
        score -> Nullable<Int4>,
        metadata -> Nullable<Jsonb>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    users (id) {
        id -> Uuid,
        organization_id -> Nullable<Uuid>,
        app_role_id -> Nullable<Uuid>,
        first_name -> Nullable<Text>,
        last_name -> Nullable<Text>,
        phone_number -> Nullable<Text>,
        email -> Text,
        disabled -> Bool,
        password -> Nullable<Text>,
        email_verified -> Bool,
        email_verification_token -> Nullable<Text>,
        email_verification_token_expires_at -> Nullable<Timestamptz>,
        password_reset_token -> Nullable<Text>,
        password_reset_token_expires_at -> Nullable<Timestamptz>,
        provider -> Nullable<Text>,
        failed_login_count -> Int4,
        locked_until -> Nullable<Timestamptz>,
        last_login_at -> Nullable<Timestamptz>,
        mfa_enabled -> Bool,
        mfa_totp_secret -> Nullable<Text>,
        mfa_recovery_codes -> Jsonb,
        notes -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
        mfa_totp_last_step -> Nullable<Int8>,
        language -> Nullable<Text>,
    }
}

diesel::table! {
    users_custom_permissions (id) {
        id -> Uuid,
        user_id -> Uuid,
        permission_id -> Uuid,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    walkthrough_checkins (id) {
        id -> Uuid,
        organization_id -> Uuid,
        campus_id -> Nullable<Uuid>,
        class_id -> Nullable<Uuid>,
        teacher_id -> Nullable<Uuid>,
        director_id -> Nullable<Uuid>,
        teacher_name -> Text,
        classroom -> Text,
        director_name -> Text,
        check_in_date -> Date,
        check_in_time -> Time,
        attitude_rating -> Int4,
        attitude_comment -> Nullable<Text>,
        classroom_management_rating -> Int4,
        classroom_management_comment -> Nullable<Text>,
        cleanliness_rating -> Int4,
        cleanliness_comment -> Nullable<Text>,
        vibes_rating -> Int4,
        vibes_comment -> Nullable<Text>,
        team_dynamics_rating -> Int4,
        team_dynamics_comment -> Nullable<Text>,
        emergency_exit_rating -> Int4,
        emergency_exit_comment -> Nullable<Text>,
        lesson_plan_rating -> Int4,
        lesson_plan_comment -> Nullable<Text>,
        overall_notes -> Nullable<Text>,
        import_hash -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
        acknowledged_at -> Nullable<Timestamptz>,
        acknowledgement_reply -> Nullable<Text>,
    }
}

diesel::table! {
    report_card_comments (id) {
        id -> Uuid,
        organization_id -> Uuid,
        academic_term_id -> Uuid,
        student_id -> Uuid,
        class_subject_id -> Nullable<Uuid>,
        kind -> Text,
        body -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    report_cards (id) {
        id -> Uuid,
        organization_id -> Uuid,
        academic_term_id -> Uuid,
        student_id -> Uuid,
        class_id -> Uuid,
        content -> Jsonb,
        issued_at -> Timestamptz,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        created_by_id -> Nullable<Uuid>,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::joinable!(bell_periods -> campuses (campus_id));
diesel::joinable!(absence_alerts -> campuses (campus_id));
diesel::joinable!(absence_alerts -> messages (message_id));
diesel::joinable!(absence_alerts -> organizations (organization_id));
diesel::joinable!(absence_alerts -> students (student_id));
diesel::joinable!(admissions -> grades (grade_id));
diesel::joinable!(admissions -> organizations (organization_id));
diesel::joinable!(admissions -> students (student_id));
diesel::joinable!(academic_terms -> academic_years (academic_year_id));
diesel::joinable!(academic_terms -> organizations (organization_id));
diesel::joinable!(academic_years -> organizations (organization_id));
diesel::joinable!(assessment_results -> assessments (assessment_id));
diesel::joinable!(assessment_results -> organizations (organization_id));
diesel::joinable!(assessment_results -> students (student_id));
diesel::joinable!(assessment_weights -> class_subjects (class_subject_id));
diesel::joinable!(assessment_weights -> organizations (organization_id));
diesel::joinable!(assessments -> academic_terms (academic_term_id));
diesel::joinable!(assessments -> class_subjects (class_subject_id));
diesel::joinable!(assessments -> organizations (organization_id));
diesel::joinable!(attendance_records -> attendance_sessions (attendance_session_id));
diesel::joinable!(attendance_records -> organizations (organization_id));
diesel::joinable!(attendance_records -> students (student_id));
diesel::joinable!(attendance_sessions -> campuses (campus_id));
diesel::joinable!(attendance_sessions -> class_subjects (class_subject_id));
diesel::joinable!(attendance_sessions -> classes (class_id));
diesel::joinable!(attendance_sessions -> organizations (organization_id));
diesel::joinable!(attendance_sessions -> staff (taken_by_id));
diesel::joinable!(audit_log -> organizations (organization_id));
diesel::joinable!(audit_log -> users (user_id));
diesel::joinable!(auth_refresh_tokens -> organizations (organization_id));
diesel::joinable!(auth_refresh_tokens -> users (user_id));
diesel::joinable!(campus_attendance_config -> campuses (campus_id));
diesel::joinable!(campus_attendance_config -> organizations (organization_id));
diesel::joinable!(campus_attendance_summaries -> campuses (campus_id));
diesel::joinable!(campus_attendance_summaries -> organizations (organization_id));
diesel::joinable!(campuses -> organizations (organization_id));
diesel::joinable!(class_enrollments -> classes (class_id));
diesel::joinable!(class_enrollments -> organizations (organization_id));
diesel::joinable!(class_enrollments -> students (student_id));
diesel::joinable!(class_subjects -> classes (class_id));
diesel::joinable!(class_subjects -> organizations (organization_id));
diesel::joinable!(class_subjects -> staff (teacher_id));
diesel::joinable!(class_subjects -> subjects (subject_id));
diesel::joinable!(classes -> academic_years (academic_year_id));
diesel::joinable!(classes -> campuses (campus_id));
diesel::joinable!(classes -> grades (grade_id));
diesel::joinable!(classes -> organizations (organization_id));
diesel::joinable!(classes -> staff (homeroom_teacher_id));
diesel::joinable!(communication_events -> campuses (campus_id));
diesel::joinable!(communication_events -> organizations (organization_id));
diesel::joinable!(documents -> campuses (campus_id));
diesel::joinable!(documents -> organizations (organization_id));
diesel::joinable!(email_outbox -> organizations (organization_id));
diesel::joinable!(fee_plans -> academic_years (academic_year_id));
diesel::joinable!(fee_plans -> grades (grade_id));
diesel::joinable!(fee_plans -> organizations (organization_id));
diesel::joinable!(feed_links -> organizations (organization_id));
diesel::joinable!(feed_links -> users (user_id));
diesel::joinable!(file -> organizations (organization_id));
diesel::joinable!(form_stashes -> organizations (organization_id));
diesel::joinable!(form_stashes -> users (user_id));
diesel::joinable!(form_tokens -> organizations (organization_id));
diesel::joinable!(form_tokens -> users (user_id));
diesel::joinable!(frame_entries -> campuses (campus_id));
diesel::joinable!(frame_entries -> organizations (organization_id));
diesel::joinable!(frame_entries -> users (author_id));
diesel::joinable!(grades -> organizations (organization_id));
diesel::joinable!(families -> organizations (organization_id));
diesel::joinable!(guardian_people -> families (family_id));
diesel::joinable!(guardian_people -> organizations (organization_id));
diesel::joinable!(guardians -> guardian_people (person_id));
diesel::joinable!(grading_scale_bands -> organizations (organization_id));
diesel::joinable!(guardians -> organizations (organization_id));
diesel::joinable!(guardians -> students (student_id));
diesel::joinable!(invoices -> campuses (campus_id));
diesel::joinable!(invoices -> fee_plans (fee_plan_id));
diesel::joinable!(invoices -> organizations (organization_id));
diesel::joinable!(invoices -> students (student_id));
diesel::joinable!(login_history -> organizations (organization_id));
diesel::joinable!(login_history -> users (user_id));
diesel::joinable!(message_recipients -> messages (message_id));
diesel::joinable!(message_recipients -> organizations (organization_id));
diesel::joinable!(messages -> campuses (campus_id));
diesel::joinable!(messages -> organizations (organization_id));
diesel::joinable!(payments -> invoices (invoice_id));
diesel::joinable!(payments -> organizations (organization_id));
diesel::joinable!(payments -> staff (received_by_id));
diesel::joinable!(personality_quiz_results -> campuses (campus_id));
diesel::joinable!(personality_quiz_results -> organizations (organization_id));
diesel::joinable!(roles_permissions -> permissions (permission_id));
diesel::joinable!(roles_permissions -> roles (role_id));
diesel::joinable!(roles_permissions -> users (created_by_id));
diesel::joinable!(rollover_class_targets -> organizations (organization_id));
diesel::joinable!(rollover_student_choices -> classes (class_id));
diesel::joinable!(rollover_student_choices -> organizations (organization_id));
diesel::joinable!(rollover_student_choices -> students (student_id));
diesel::joinable!(safety_quiz_results -> campuses (campus_id));
diesel::joinable!(safety_quiz_results -> organizations (organization_id));
diesel::joinable!(scheduled_tasks -> organizations (organization_id));
diesel::joinable!(staff -> campuses (campus_id));
diesel::joinable!(staff -> organizations (organization_id));
diesel::joinable!(staff_attendance_records -> campuses (campus_id));
diesel::joinable!(staff_attendance_records -> organizations (organization_id));
diesel::joinable!(staff_attendance_records -> staff (staff_id));
diesel::joinable!(student_number_counters -> organizations (organization_id));
diesel::joinable!(student_health -> organizations (organization_id));
diesel::joinable!(student_health -> students (student_id));
diesel::joinable!(student_status_changes -> organizations (organization_id));
diesel::joinable!(student_status_changes -> students (student_id));
diesel::joinable!(students -> campuses (campus_id));
diesel::joinable!(students -> organizations (organization_id));
diesel::joinable!(subjects -> organizations (organization_id));
diesel::joinable!(sync_logs -> organizations (organization_id));
diesel::joinable!(sync_logs -> scheduled_tasks (scheduled_task_id));
diesel::joinable!(sync_logs -> users (created_by_id));
diesel::joinable!(timetable_periods -> class_subjects (class_subject_id));
diesel::joinable!(timetable_periods -> organizations (organization_id));
diesel::joinable!(timetable_periods -> timetables (timetable_id));
diesel::joinable!(timetables -> academic_years (academic_year_id));
diesel::joinable!(timetables -> campuses (campus_id));
diesel::joinable!(timetables -> organizations (organization_id));
diesel::joinable!(user_progress -> campuses (campus_id));
diesel::joinable!(user_progress -> organizations (organization_id));
diesel::joinable!(users_custom_permissions -> permissions (permission_id));
diesel::joinable!(walkthrough_checkins -> campuses (campus_id));
diesel::joinable!(walkthrough_checkins -> classes (class_id));
diesel::joinable!(walkthrough_checkins -> organizations (organization_id));

diesel::allow_tables_to_appear_in_same_query!(
    absence_alerts,
    academic_terms,
    academic_years,
    admissions,
    assessment_results,
    assessment_weights,
    assessments,
    attendance_records,
    attendance_sessions,
    audit_log,
    bell_periods,
    auth_refresh_tokens,
    campus_attendance_config,
    campus_attendance_summaries,
    campuses,
    class_enrollments,
    class_subjects,
    classes,
    communication_events,
    content_catalog,
    documents,
    email_outbox,
    fee_plans,
    families,
    feed_links,
    file,
    form_stashes,
    form_tokens,
    frame_entries,
    grading_scale_bands,
    grades,
    guardian_people,
    guardians,
    invoices,
    login_history,
    message_recipients,
    messages,
    organizations,
    payments,
    permissions,
    personality_quiz_results,
    report_card_comments,
    report_cards,
    roles,
    roles_permissions,
    rollover_class_targets,
    rollover_student_choices,
    safety_quiz_results,
    scheduled_tasks,
    staff,
    staff_attendance_records,
    student_health,
    student_number_counters,
    student_status_changes,
    students,
    subjects,
    sync_logs,
    timetable_periods,
    timetables,
    user_progress,
    users,
    users_custom_permissions,
    walkthrough_checkins,
);

// ---- finance: invoice lines, discount rules and finance settings

diesel::table! {
    invoice_lines (id) {
        id -> Uuid,
        organization_id -> Uuid,
        invoice_id -> Uuid,
        position -> Int4,
        description -> Text,
        fee_plan_id -> Nullable<Uuid>,
        quantity -> Numeric,
        unit_amount -> Numeric,
        discount -> Numeric,
        reason -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        discount_rule_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    finance_settings (id) {
        id -> Uuid,
        organization_id -> Uuid,
        proration -> Text,
        reminder_every_days -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    discount_rules (id) {
        id -> Uuid,
        organization_id -> Uuid,
        name -> Text,
        kind -> Text,
        amount -> Numeric,
        applies_to -> Text,
        fee_plan_id -> Nullable<Uuid>,
        active -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    discount_rule_students (id) {
        id -> Uuid,
        organization_id -> Uuid,
        discount_rule_id -> Uuid,
        student_id -> Uuid,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(invoice_lines -> invoices (invoice_id));
diesel::joinable!(discount_rule_students -> discount_rules (discount_rule_id));
diesel::allow_tables_to_appear_in_same_query!(
    invoice_lines,
    invoices,
    discount_rules,
    discount_rule_students,
    finance_settings,
);

diesel::table! {
    report_card_runs (id) {
        id -> Uuid,
        organization_id -> Uuid,
        term_id -> Uuid,
        campus_id -> Nullable<Uuid>,
        grade_id -> Nullable<Uuid>,
        paper -> Text,
        classes -> Int4,
        created_by_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    report_card_files (id) {
        id -> Uuid,
        organization_id -> Uuid,
        run_id -> Uuid,
        class_id -> Uuid,
        file_name -> Text,
        students -> Int4,
        content -> Bytea,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(report_card_files -> report_card_runs (run_id));
diesel::joinable!(report_card_runs -> sync_logs (id));
diesel::allow_tables_to_appear_in_same_query!(report_card_runs, report_card_files);
diesel::allow_tables_to_appear_in_same_query!(report_card_runs, sync_logs);
diesel::allow_tables_to_appear_in_same_query!(report_card_files, classes);

diesel::table! {
    access_log (id) {
        id -> Uuid,
        organization_id -> Uuid,
        user_id -> Nullable<Uuid>,
        student_id -> Nullable<Uuid>,
        students_count -> Int4,
        route -> Text,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(access_log -> organizations (organization_id));
diesel::joinable!(access_log -> users (user_id));
diesel::joinable!(access_log -> students (student_id));
diesel::allow_tables_to_appear_in_same_query!(access_log, organizations);
diesel::allow_tables_to_appear_in_same_query!(access_log, users);
diesel::allow_tables_to_appear_in_same_query!(access_log, students);

diesel::table! {
    finance_budgets (id) {
        id -> Uuid,
        organization_id -> Uuid,
        academic_year_id -> Uuid,
        fee_plan_id -> Uuid,
        amount -> Numeric,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        updated_by_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    student_exports (id) {
        id -> Uuid,
        organization_id -> Uuid,
        student_id -> Uuid,
        requested_by_id -> Nullable<Uuid>,
        storage_key -> Nullable<Text>,
        size_in_bytes -> Nullable<Int8>,
        expires_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(student_exports -> organizations (organization_id));
diesel::joinable!(student_exports -> students (student_id));
diesel::joinable!(student_exports -> sync_logs (id));
diesel::joinable!(student_exports -> users (requested_by_id));
diesel::allow_tables_to_appear_in_same_query!(student_exports, organizations);
diesel::allow_tables_to_appear_in_same_query!(student_exports, students);
diesel::allow_tables_to_appear_in_same_query!(student_exports, sync_logs);
diesel::allow_tables_to_appear_in_same_query!(student_exports, users);

diesel::table! {
    finance_month_totals (id) {
        id -> Uuid,
        organization_id -> Uuid,
        month -> Date,
        billed -> Numeric,
        collected -> Numeric,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(finance_month_totals -> organizations (organization_id));
diesel::allow_tables_to_appear_in_same_query!(finance_month_totals, organizations);

diesel::table! {
    finance_plan_totals (id) {
        id -> Uuid,
        organization_id -> Uuid,
        fee_plan_id -> Uuid,
        billed -> Numeric,
        collected -> Numeric,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(finance_plan_totals -> fee_plans (fee_plan_id));
diesel::joinable!(finance_plan_totals -> organizations (organization_id));
diesel::allow_tables_to_appear_in_same_query!(finance_plan_totals, fee_plans);
diesel::allow_tables_to_appear_in_same_query!(finance_plan_totals, organizations);

diesel::table! {
    finance_open_balances (id) {
        id -> Uuid,
        organization_id -> Uuid,
        campus_id -> Nullable<Uuid>,
        fee_plan_id -> Uuid,
        due_date -> Date,
        owed -> Numeric,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(finance_open_balances -> campuses (campus_id));
diesel::joinable!(finance_open_balances -> fee_plans (fee_plan_id));
diesel::joinable!(finance_open_balances -> organizations (organization_id));
diesel::allow_tables_to_appear_in_same_query!(finance_open_balances, campuses);
diesel::allow_tables_to_appear_in_same_query!(finance_open_balances, fee_plans);
diesel::allow_tables_to_appear_in_same_query!(finance_open_balances, organizations);
