DROP INDEX attendance_records_session_id_student_id_live_key;
CREATE UNIQUE INDEX attendance_records_session_id_student_id_live_key
    ON attendance_records (attendance_session_id, student_id) INCLUDE (status)
    WHERE deleted_at IS NULL;
