-- The role itself belongs to the whole cluster (other databases may use it), so it stays.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'campuses', 'students', 'guardians', 'staff',
        'academic_years', 'grades', 'subjects', 'classes', 'class_enrollments', 'class_subjects',
        'timetables', 'timetable_periods', 'assessments', 'assessment_results',
        'attendance_sessions', 'attendance_records', 'campus_attendance_config',
        'campus_attendance_summaries', 'staff_attendance_records',
        'fee_plans', 'invoices', 'payments',
        'messages', 'message_recipients', 'communication_events',
        'documents', 'frame_entries', 'user_progress', 'safety_quiz_results',
        'walkthrough_checkins', 'personality_quiz_results', 'file'
    ] LOOP
        EXECUTE format('DROP POLICY %I ON %I', t || '_tenant_isolation', t);
        EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t);
    END LOOP;
END
$$;

DROP FUNCTION homeroom_current_organization();

ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM homeroom_app;
REVOKE SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public FROM homeroom_app;
REVOKE USAGE ON SCHEMA public FROM homeroom_app;
