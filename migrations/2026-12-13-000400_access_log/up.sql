-- Who saw which student: one row per staff view of a student's pages (profile,
-- record, attendance calendar, statements, files) or per export that holds
-- students (then student_id is NULL and students_count says how many). Only the
-- route's pattern is kept, never the page's content or its query string. Rows are
-- written in batches by the server, off the request's path.
CREATE TABLE access_log (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    user_id uuid REFERENCES users ON DELETE SET NULL,
    student_id uuid REFERENCES students ON DELETE CASCADE,
    students_count integer NOT NULL DEFAULT 1 CHECK (students_count >= 0),
    route text NOT NULL CHECK (length(route) BETWEEN 1 AND 300),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT access_log_one_student CHECK (student_id IS NULL OR students_count = 1)
);

-- The two readers: a student's "who has seen this record", and one staff member's
-- views over a date range; and the school's rows by time, for retention.
CREATE INDEX access_log_student_id_idx ON access_log (student_id, created_at DESC);
CREATE INDEX access_log_user_id_idx ON access_log (user_id, created_at DESC);
CREATE INDEX access_log_organization_id_idx ON access_log (organization_id, created_at);

ALTER TABLE access_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY access_log_tenant ON access_log TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());
