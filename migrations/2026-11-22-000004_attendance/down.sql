DROP TABLE staff_attendance_records;
DROP TABLE campus_attendance_summaries;
DROP TABLE campus_attendance_config;
DROP TABLE attendance_records;
DROP TABLE attendance_sessions;

DROP TYPE staff_attendance_status;
DROP TYPE attendance_status;
DROP TYPE attendance_session_type;
