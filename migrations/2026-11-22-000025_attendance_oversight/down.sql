DELETE FROM roles_permissions rp
USING roles r, permissions p
WHERE rp.role_id = r.id
  AND rp.permission_id = p.id
  AND r.import_hash = 'builtin-role:front-office'
  AND p.name IN (
    'READ_ATTENDANCE_SESSIONS', 'READ_ATTENDANCE_RECORDS', 'READ_CAMPUS_ATTENDANCE_CONFIG',
    'READ_CAMPUS_ATTENDANCE_SUMMARIES', 'READ_STAFF_ATTENDANCE_RECORDS',
    'CREATE_STAFF_ATTENDANCE_RECORDS', 'UPDATE_STAFF_ATTENDANCE_RECORDS');

DROP INDEX staff_attendance_records_staff_id_idx;
DROP INDEX staff_attendance_records_staff_id_date_live_key;
CREATE UNIQUE INDEX staff_attendance_records_user_id_date_live_key
    ON staff_attendance_records (user_id, attendance_date) WHERE deleted_at IS NULL;

ALTER TABLE staff_attendance_records
    DROP COLUMN checked_in_at,
    DROP COLUMN staff_id;

ALTER TABLE campus_attendance_config
    DROP COLUMN period_roll_grace_minutes,
    DROP COLUMN daily_roll_deadline,
    DROP COLUMN school_starts_at;
