-- Attendance oversight: when a campus expects its rolls and its staff, one staff
-- attendance record per staff member per day, and the office's attendance duties.

-- A roll is missing once its deadline passes: the daily roll at a fixed time, a
-- period roll some minutes after the period starts. Staff who check in after the
-- campus's start time are late. All times are in the organization's time zone.
ALTER TABLE campus_attendance_config
    ADD COLUMN school_starts_at time NOT NULL DEFAULT '08:30',
    ADD COLUMN daily_roll_deadline time NOT NULL DEFAULT '09:30',
    ADD COLUMN period_roll_grace_minutes integer NOT NULL DEFAULT 30
        CONSTRAINT campus_attendance_config_period_roll_grace_minutes_range
        CHECK (period_roll_grace_minutes BETWEEN 0 AND 600);

-- Staff records belong to a staff member (who may have no sign-in account); the
-- moment of a self check-in is kept apart from the day's status.
ALTER TABLE staff_attendance_records
    ADD COLUMN staff_id uuid REFERENCES staff,
    ADD COLUMN checked_in_at timestamptz;

UPDATE staff_attendance_records r
SET staff_id = s.id
FROM staff s
WHERE s.user_id = r.user_id
  AND s.organization_id = r.organization_id
  AND s.deleted_at IS NULL
  AND r.staff_id IS NULL;

-- One live record per staff member per day (a user may be staff on two campuses).
DROP INDEX staff_attendance_records_user_id_date_live_key;
CREATE UNIQUE INDEX staff_attendance_records_staff_id_date_live_key
    ON staff_attendance_records (staff_id, attendance_date) WHERE deleted_at IS NULL;
CREATE INDEX staff_attendance_records_staff_id_idx ON staff_attendance_records (staff_id);

-- The front office follows the day's attendance and records staff attendance;
-- installs created before this keep their edited grants and gain these.
INSERT INTO roles_permissions (role_id, permission_id)
SELECT r.id, p.id
FROM roles r
JOIN permissions p ON p.name IN (
    'READ_ATTENDANCE_SESSIONS', 'READ_ATTENDANCE_RECORDS', 'READ_CAMPUS_ATTENDANCE_CONFIG',
    'READ_CAMPUS_ATTENDANCE_SUMMARIES', 'READ_STAFF_ATTENDANCE_RECORDS',
    'CREATE_STAFF_ATTENDANCE_RECORDS', 'UPDATE_STAFF_ATTENDANCE_RECORDS')
WHERE r.import_hash = 'builtin-role:front-office'
  AND r.deleted_at IS NULL
  AND p.deleted_at IS NULL
ON CONFLICT DO NOTHING;
