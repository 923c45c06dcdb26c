-- Row-level security: the second line of defence for tenant data. Requests run as
-- the role homeroom_app with the setting homeroom.organization_id set for their
-- transaction; a query on a tenant table then sees, and may write, only that
-- organization's rows, and without the setting it sees nothing. Migrations, the
-- demo seed and the command line run as the database owner, who is not subject
-- to these policies.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'homeroom_app') THEN
        BEGIN
            CREATE ROLE homeroom_app NOLOGIN;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE EXCEPTION 'Homeroom needs a database role named homeroom_app. Ask a superuser to run: CREATE ROLE homeroom_app NOLOGIN; GRANT homeroom_app TO %;', current_user;
        END;
    END IF;
    -- The connecting user switches to homeroom_app for each request.
    IF NOT pg_has_role(current_user, 'homeroom_app', 'MEMBER') THEN
        EXECUTE format('GRANT homeroom_app TO %I', current_user);
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO homeroom_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO homeroom_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO homeroom_app;

CREATE FUNCTION homeroom_current_organization() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT NULLIF(current_setting('homeroom.organization_id', true), '')::uuid $$;

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
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY %I ON %I TO homeroom_app USING (organization_id = homeroom_current_organization()) '
            'WITH CHECK (organization_id = homeroom_current_organization())',
            t || '_tenant_isolation', t);
    END LOOP;
END
$$;
