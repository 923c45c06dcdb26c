-- Every roll save recomputes its campus's summary for the day: find that campus's
-- sessions of the day directly instead of intersecting two larger index scans.
CREATE INDEX attendance_sessions_campus_id_session_date_idx
    ON attendance_sessions (campus_id, session_date);
DROP INDEX attendance_sessions_campus_id_idx;
