DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'campuses', 'students', 'guardians', 'staff',
        'academic_years', 'grades', 'subjects', 'classes', 'class_enrollments', 'class_subjects',
        'timetables', 'timetable_periods', 'assessments', 'assessment_results',
        'attendance_sessions', 'attendance_records', 'campus_attendance_config',
        'staff_attendance_records',
        'fee_plans', 'invoices', 'payments',
        'messages', 'message_recipients', 'communication_events',
        'documents', 'frame_entries', 'user_progress', 'safety_quiz_results',
        'walkthrough_checkins', 'personality_quiz_results', 'file'
    ] LOOP
        EXECUTE format('DROP TRIGGER %I ON %I', t || '_audit_insert', t);
        EXECUTE format('DROP TRIGGER %I ON %I', t || '_audit_update', t);
    END LOOP;
END
$$;
DROP FUNCTION homeroom_audit_update();
DROP FUNCTION homeroom_audit_insert();
DROP FUNCTION homeroom_audit_user();
DROP INDEX staff_email_trgm_idx;
DROP INDEX staff_employee_number_trgm_idx;
DROP INDEX staff_last_name_trgm_idx;
DROP INDEX staff_first_name_trgm_idx;
DROP INDEX guardians_phone_trgm_idx;
DROP INDEX guardians_email_trgm_idx;
DROP INDEX guardians_full_name_trgm_idx;
DROP INDEX students_email_trgm_idx;
DROP INDEX students_student_number_trgm_idx;
DROP INDEX students_last_name_trgm_idx;
DROP INDEX students_first_name_trgm_idx;
DROP EXTENSION IF EXISTS pg_trgm;
