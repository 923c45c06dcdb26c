-- People are found as they are written: "nguyen" finds "Nguyễn", "zoe" finds "Zoë",
-- whatever the case. Every people search matches homeroom_fold(<the searched text>);
-- students, guardians and staff have trigram indexes below on exactly those
-- expressions.

-- unaccent ships with the PostgreSQL server (contrib) and is a trusted extension.
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE (its rules file could change), so no index may call it;
-- this wrapper declares the folding IMMUTABLE, as Homeroom treats it. Every name in
-- the body is schema-qualified: index expressions are also evaluated with an empty
-- search_path (autovacuum, restore).
DO $$
DECLARE
    s text := (SELECT quote_ident(n.nspname)
                 FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                WHERE e.extname = 'unaccent');
BEGIN
    EXECUTE format(
        'CREATE FUNCTION homeroom_fold(text) RETURNS text '
        'LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE '
        'AS %L',
        format('SELECT pg_catalog.lower(%s.unaccent(%L::pg_catalog.regdictionary, $1))',
               s, s || '.unaccent'));
END
$$;
GRANT EXECUTE ON FUNCTION homeroom_fold(text) TO homeroom_app;

-- The folded text replaces the lower-cased one (000035) and the single columns (000016).
DROP INDEX students_search_trgm;
DROP INDEX guardians_search_trgm;
DROP INDEX staff_search_trgm;
DROP INDEX students_first_name_trgm_idx;
DROP INDEX students_last_name_trgm_idx;
DROP INDEX students_student_number_trgm_idx;
DROP INDEX students_email_trgm_idx;
DROP INDEX guardians_full_name_trgm_idx;
DROP INDEX guardians_email_trgm_idx;
DROP INDEX guardians_phone_trgm_idx;
DROP INDEX staff_first_name_trgm_idx;
DROP INDEX staff_last_name_trgm_idx;
DROP INDEX staff_employee_number_trgm_idx;
DROP INDEX staff_email_trgm_idx;

-- The columns in the order the records' search lists them (src/resources/entities/people.rs).
CREATE INDEX students_search_fold_trgm ON students USING gin (
    homeroom_fold(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' ||
                  coalesce(student_number, '') || ' ' || coalesce(email, '') || ' ' ||
                  coalesce(phone, '')) gin_trgm_ops
) WHERE deleted_at IS NULL;

CREATE INDEX guardians_search_fold_trgm ON guardians USING gin (
    homeroom_fold(coalesce(full_name, '') || ' ' || coalesce(email, '') || ' ' ||
                  coalesce(phone, '')) gin_trgm_ops
) WHERE deleted_at IS NULL;

CREATE INDEX staff_search_fold_trgm ON staff USING gin (
    homeroom_fold(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' ||
                  coalesce(employee_number, '') || ' ' || coalesce(email, '') || ' ' ||
                  coalesce(phone, '')) gin_trgm_ops
) WHERE deleted_at IS NULL;
