DROP INDEX staff_search_fold_trgm;
DROP INDEX guardians_search_fold_trgm;
DROP INDEX students_search_fold_trgm;

CREATE INDEX students_first_name_trgm_idx ON students USING gin (first_name gin_trgm_ops);
CREATE INDEX students_last_name_trgm_idx ON students USING gin (last_name gin_trgm_ops);
CREATE INDEX students_student_number_trgm_idx ON students USING gin (student_number gin_trgm_ops);
CREATE INDEX students_email_trgm_idx ON students USING gin (email gin_trgm_ops);
CREATE INDEX guardians_full_name_trgm_idx ON guardians USING gin (full_name gin_trgm_ops);
CREATE INDEX guardians_email_trgm_idx ON guardians USING gin (email gin_trgm_ops);
CREATE INDEX guardians_phone_trgm_idx ON guardians USING gin (phone gin_trgm_ops);
CREATE INDEX staff_first_name_trgm_idx ON staff USING gin (first_name gin_trgm_ops);
CREATE INDEX staff_last_name_trgm_idx ON staff USING gin (last_name gin_trgm_ops);
CREATE INDEX staff_employee_number_trgm_idx ON staff USING gin (employee_number gin_trgm_ops);
CREATE INDEX staff_email_trgm_idx ON staff USING gin (email gin_trgm_ops);

CREATE INDEX students_search_trgm ON students USING gin (
    lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' ||
          coalesce(student_number, '') || ' ' || coalesce(email, '')) gin_trgm_ops
) WHERE deleted_at IS NULL;

CREATE INDEX guardians_search_trgm ON guardians USING gin (
    lower(coalesce(full_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '')) gin_trgm_ops
) WHERE deleted_at IS NULL;

CREATE INDEX staff_search_trgm ON staff USING gin (
    lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' ||
          coalesce(employee_number, '') || ' ' || coalesce(email, '')) gin_trgm_ops
) WHERE deleted_at IS NULL;

REVOKE EXECUTE ON FUNCTION homeroom_fold(text) FROM homeroom_app;
DROP FUNCTION homeroom_fold(text);
DROP EXTENSION IF EXISTS unaccent;
