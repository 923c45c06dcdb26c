-- Requests read attendance marks under the tenant policy (organization_id =
-- homeroom_current_organization()). With the organization in the unique key's
-- index, a day's marks by status still come from the index alone; without it the
-- policy's check sent the planner to a sequential scan of every mark.
DROP INDEX attendance_records_session_id_student_id_live_key;
CREATE UNIQUE INDEX attendance_records_session_id_student_id_live_key
    ON attendance_records (attendance_session_id, student_id) INCLUDE (status, organization_id)
    WHERE deleted_at IS NULL;
