-- The dashboard's hot paths at district scale (20,000 students, 3.6 million
-- attendance marks): its counts and sums read an index alone, never the table.
-- (The latest attendance day is already one step of a backward scan of
-- attendance_sessions (organization_id, session_date).)

-- That day's marks by status, from the index alone. The unique key keeps its
-- columns (roll saves upsert on it) and carries the status.
DROP INDEX attendance_records_session_id_student_id_live_key;
CREATE UNIQUE INDEX attendance_records_session_id_student_id_live_key
    ON attendance_records (attendance_session_id, student_id) INCLUDE (status)
    WHERE deleted_at IS NULL;

-- Active students, counted from the index alone.
CREATE INDEX students_organization_id_active_live_idx
    ON students (organization_id)
    WHERE status = 'active' AND deleted_at IS NULL;

-- Open invoices' balances and due dates, summed from the index alone.
CREATE INDEX invoices_organization_id_status_live_idx
    ON invoices (organization_id, status) INCLUDE (balance_due, due_date)
    WHERE deleted_at IS NULL;
