DROP TRIGGER attendance_sessions_summaries_update ON attendance_sessions;
DROP TRIGGER attendance_records_summaries_delete ON attendance_records;
DROP TRIGGER attendance_records_summaries_update ON attendance_records;
DROP TRIGGER attendance_records_summaries_insert ON attendance_records;
DROP FUNCTION homeroom_attendance_sessions_moved();
DROP FUNCTION homeroom_attendance_marks_written();
DROP FUNCTION homeroom_refresh_attendance_summaries(uuid, uuid, date, date);
DROP FUNCTION homeroom_enrolled_on(date, date, date, date, date);
DROP FUNCTION homeroom_enrolments(uuid, uuid[], date, date);
ALTER TABLE campus_attendance_summaries
    DROP COLUMN rolls_taken,
    DROP COLUMN rolls_due,
    DROP COLUMN students_enrolled,
    DROP COLUMN total_excused;
