-- Stored files get a thumbnail beside them, and a record's files are listed by owner.
ALTER TABLE file ADD COLUMN thumbnail_key text;
CREATE INDEX file_owner_live_idx ON file (organization_id, belongs_to, belongs_to_id, belongs_to_column)
    WHERE deleted_at IS NULL;

-- The header's people search matches substrings of name, number and e-mail; trigram
-- indexes keep that fast on a district's 20,000 students. Queries use the same expressions.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

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
