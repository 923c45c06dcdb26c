-- The record engine: trigram indexes for the lists that grow large, and the audit
-- trail written by the database itself, so every path (forms, imports, roll calls,
-- seeds) is recorded the same way.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Searches are ILIKE '%word%' over these columns.
CREATE INDEX students_first_name_trgm_idx ON students USING gin (first_name gin_trgm_ops);
CREATE INDEX students_last_name_trgm_idx ON students USING gin (last_name gin_trgm_ops);
CREATE INDEX students_student_number_trgm_idx ON students USING gin (student_number gin_trgm_ops);
CREATE INDEX students_email_trgm_idx ON students USING gin (email gin_trgm_ops);
CREATE INDEX guardians_full_name_trgm_idx ON guardians USING gin (full_name gin_trgm_ops);
CREATE INDEX guardians_email_trgm_idx ON guardians USING gin (email gin_trgm_ops);
CREATE INDEX guardians_phone_trgm_idx ON guardians USING gin (phone gin_trgm_ops);
CREATE INDEX staff_first_name_trgm_idx ON staff USING gin (first_name gin_trgm_ops);
CREATE INDEX staff_last_name_trgm_idx ON staff USING gin (last_name gin_trgm_ops);
CREATE INDEX staff_employee_number_trgm_idx ON staff USING gin (employee_number gin_trgm_ops);
CREATE INDEX staff_email_trgm_idx ON staff USING gin (email gin_trgm_ops);

-- Who made the change: the request's user (homeroom.user_id, set per transaction by
-- the app), else the row's own created_by_id/updated_by_id. Setting homeroom.audit
-- to 'off' for a transaction skips the trail (the district benchmark seed's COPY).
CREATE FUNCTION homeroom_audit_user() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT NULLIF(current_setting('homeroom.user_id', true), '')::uuid $$;

-- One statement, one set-based insert: bulk writes stay cheap.
CREATE FUNCTION homeroom_audit_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('homeroom.audit', true) = 'off' THEN
        RETURN NULL;
    END IF;
    INSERT INTO audit_log (organization_id, user_id, table_name, row_id, action, changes)
    SELECT n.organization_id, coalesce(homeroom_audit_user(), n.created_by_id), TG_TABLE_NAME,
           n.id, 'create',
           (SELECT coalesce(jsonb_object_agg(key, jsonb_build_object('to', value)), '{}')
              FROM jsonb_each(to_jsonb(n))
             WHERE value <> 'null'::jsonb
               AND key NOT IN ('id', 'organization_id', 'created_at', 'updated_at',
                               'created_by_id', 'updated_by_id', 'import_hash'))
      FROM new_rows n;
    RETURN NULL;
END;
$$;

-- Only the columns that changed; a soft delete or restore is named as such.
CREATE FUNCTION homeroom_audit_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('homeroom.audit', true) = 'off' THEN
        RETURN NULL;
    END IF;
    INSERT INTO audit_log (organization_id, user_id, table_name, row_id, action, changes)
    SELECT n.organization_id, coalesce(homeroom_audit_user(), n.updated_by_id), TG_TABLE_NAME,
           n.id,
           CASE
               WHEN o.deleted_at IS NULL AND n.deleted_at IS NOT NULL THEN 'delete'
               WHEN o.deleted_at IS NOT NULL AND n.deleted_at IS NULL THEN 'restore'
               ELSE 'update'
           END::audit_action,
           d.changes
      FROM new_rows n
      JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL (
          SELECT jsonb_object_agg(nv.key, jsonb_build_object('from', ov.value, 'to', nv.value)) AS changes
            FROM jsonb_each(to_jsonb(n)) nv
            JOIN jsonb_each(to_jsonb(o)) ov USING (key)
           WHERE nv.value IS DISTINCT FROM ov.value
             AND nv.key NOT IN ('updated_at', 'updated_by_id')
      ) d
     WHERE d.changes IS NOT NULL;
    RETURN NULL;
END;
$$;

-- Every tenant table people change (the derived daily summaries are left out).
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
        EXECUTE format(
            'CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_insert()',
            t || '_audit_insert', t);
        EXECUTE format(
            'CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_update()',
            t || '_audit_update', t);
    END LOOP;
END
$$;
