DROP TABLE absence_alerts;
DROP TYPE absence_alert_status;
ALTER TABLE attendance_records DROP COLUMN marked_at;
