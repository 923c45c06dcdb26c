-- Attendance: roll-call sessions and their per-student records, the per-campus
-- configuration and daily summaries, and staff attendance.

CREATE TYPE attendance_session_type AS ENUM ('daily', 'period', 'event');
CREATE TYPE attendance_status AS ENUM ('present', 'absent', 'late', 'excused');
CREATE TYPE staff_attendance_status AS ENUM ('present', 'late', 'absent');

-- class_subject_id is NULL for a whole-class roll (daily, event) and set for a
-- subject period.
CREATE TABLE attendance_sessions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    campus_id uuid NOT NULL REFERENCES campuses,
    class_id uuid NOT NULL REFERENCES classes,
    class_subject_id uuid REFERENCES class_subjects,
    taken_by_id uuid REFERENCES staff,
    session_date date NOT NULL,
    session_type attendance_session_type NOT NULL,
    notes text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

CREATE TABLE attendance_records (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    attendance_session_id uuid NOT NULL REFERENCES attendance_sessions,
    student_id uuid NOT NULL REFERENCES students,
    status attendance_status NOT NULL,
    minutes_late integer,
    remarks text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users,
    CONSTRAINT attendance_records_minutes_late_only_when_late
        CHECK (minutes_late IS NULL OR (status = 'late' AND minutes_late BETWEEN 0 AND 600))
);

CREATE TABLE campus_attendance_config (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    campus_id uuid REFERENCES campuses,
    campus_key text NOT NULL,
    attendance_link text,
    updated_by_label text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

-- Derived from attendance_records: one row per campus per day, recomputed when the
-- day's records change.
CREATE TABLE campus_attendance_summaries (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    campus_id uuid REFERENCES campuses,
    campus_key text NOT NULL,
    attendance_date date NOT NULL,
    total_enrolled integer NOT NULL CHECK (total_enrolled >= 0),
    total_present integer NOT NULL CHECK (total_present >= 0),
    total_absent integer NOT NULL CHECK (total_absent >= 0),
    total_tardy integer NOT NULL DEFAULT 0 CHECK (total_tardy >= 0),
    attendance_percentage numeric(5,2) NOT NULL CHECK (attendance_percentage BETWEEN 0 AND 100),
    recorded_by_label text,
    notes text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

CREATE TABLE staff_attendance_records (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    campus_id uuid REFERENCES campuses,
    user_id uuid REFERENCES users,
    attendance_date date NOT NULL,
    status staff_attendance_status NOT NULL,
    note text,
    user_name text NOT NULL,
    user_role text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

-- One live session per (class, class_subject, date, type). class_subject_id may be
-- NULL and NULLs are distinct in a unique index (PostgreSQL 14 has no NULLS NOT
-- DISTINCT), so the two cases get one partial index each.
CREATE UNIQUE INDEX attendance_sessions_class_day_live_key
    ON attendance_sessions (class_id, session_date, session_type)
    WHERE class_subject_id IS NULL AND deleted_at IS NULL;
CREATE UNIQUE INDEX attendance_sessions_class_subject_day_live_key
    ON attendance_sessions (class_subject_id, session_date, session_type)
    WHERE class_subject_id IS NOT NULL AND deleted_at IS NULL;
CREATE UNIQUE INDEX attendance_records_session_id_student_id_live_key
    ON attendance_records (attendance_session_id, student_id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX campus_attendance_config_campus_id_live_key
    ON campus_attendance_config (campus_id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX campus_attendance_summaries_campus_id_date_live_key
    ON campus_attendance_summaries (campus_id, attendance_date) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX staff_attendance_records_user_id_date_live_key
    ON staff_attendance_records (user_id, attendance_date) WHERE deleted_at IS NULL;

-- Foreign keys and hot paths. attendance_sessions.organization_id is covered by the
-- (organization_id, session_date) index.
CREATE INDEX attendance_sessions_organization_id_session_date_idx
    ON attendance_sessions (organization_id, session_date);
CREATE INDEX attendance_sessions_campus_id_idx ON attendance_sessions (campus_id);
CREATE INDEX attendance_sessions_class_id_idx ON attendance_sessions (class_id);
CREATE INDEX attendance_sessions_class_subject_id_idx ON attendance_sessions (class_subject_id);
CREATE INDEX attendance_sessions_taken_by_id_idx ON attendance_sessions (taken_by_id);
CREATE INDEX attendance_sessions_created_by_id_idx ON attendance_sessions (created_by_id);
CREATE INDEX attendance_sessions_updated_by_id_idx ON attendance_sessions (updated_by_id);

CREATE INDEX attendance_records_organization_id_idx ON attendance_records (organization_id);
CREATE INDEX attendance_records_attendance_session_id_idx ON attendance_records (attendance_session_id);
CREATE INDEX attendance_records_student_id_idx ON attendance_records (student_id);
CREATE INDEX attendance_records_created_by_id_idx ON attendance_records (created_by_id);
CREATE INDEX attendance_records_updated_by_id_idx ON attendance_records (updated_by_id);

CREATE INDEX campus_attendance_config_organization_id_idx ON campus_attendance_config (organization_id);
CREATE INDEX campus_attendance_config_campus_id_idx ON campus_attendance_config (campus_id);
CREATE INDEX campus_attendance_config_created_by_id_idx ON campus_attendance_config (created_by_id);
CREATE INDEX campus_attendance_config_updated_by_id_idx ON campus_attendance_config (updated_by_id);

CREATE INDEX campus_attendance_summaries_organization_id_idx ON campus_attendance_summaries (organization_id);
CREATE INDEX campus_attendance_summaries_campus_id_idx ON campus_attendance_summaries (campus_id);
CREATE INDEX campus_attendance_summaries_created_by_id_idx ON campus_attendance_summaries (created_by_id);
CREATE INDEX campus_attendance_summaries_updated_by_id_idx ON campus_attendance_summaries (updated_by_id);

CREATE INDEX staff_attendance_records_organization_id_idx ON staff_attendance_records (organization_id);
CREATE INDEX staff_attendance_records_campus_id_idx ON staff_attendance_records (campus_id);
CREATE INDEX staff_attendance_records_user_id_idx ON staff_attendance_records (user_id);
CREATE INDEX staff_attendance_records_created_by_id_idx ON staff_attendance_records (created_by_id);
CREATE INDEX staff_attendance_records_updated_by_id_idx ON staff_attendance_records (updated_by_id);

CREATE TRIGGER attendance_sessions_set_updated_at BEFORE UPDATE ON attendance_sessions
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER attendance_records_set_updated_at BEFORE UPDATE ON attendance_records
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER campus_attendance_config_set_updated_at BEFORE UPDATE ON campus_attendance_config
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER campus_attendance_summaries_set_updated_at BEFORE UPDATE ON campus_attendance_summaries
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER staff_attendance_records_set_updated_at BEFORE UPDATE ON staff_attendance_records
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
