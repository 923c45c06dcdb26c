-- People are found as they are written: "nguyen" finds "Nguyễn", "zoe" finds "Zoë",
-- whatever the case. Every people search matches homeroom_fold(<the searched text>);
-- for students, guardians and staff it reads the trigram indexes below, built on
-- exactly those expressions, through homeroom_people_matching.

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

-- Under row-level security the planner may not use these indexes: LIKE is not
-- leakproof, so it must not run before the tenant policy has removed other
-- organizations' rows. This function reads the index as the tables' owner, with the
-- policy's tenant rule written in, and returns only ids; the searching query then
-- reads those rows under every policy as usual. One LIKE per word lets the index
-- combine them, a word without trigrams (one letter, 王) costing no extra pass.
CREATE FUNCTION homeroom_people_matching(people text, patterns text[]) RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 100
    SET search_path = public, pg_temp
AS $$
DECLARE
    searched text := CASE people
        WHEN 'students' THEN $s$homeroom_fold(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' ||
                  coalesce(student_number, '') || ' ' || coalesce(email, '') || ' ' ||
                  coalesce(phone, ''))$s$
        WHEN 'guardians' THEN $s$homeroom_fold(coalesce(full_name, '') || ' ' || coalesce(email, '') || ' ' ||
                  coalesce(phone, ''))$s$
        WHEN 'staff' THEN $s$homeroom_fold(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' ||
                  coalesce(employee_number, '') || ' ' || coalesce(email, '') || ' ' ||
                  coalesce(phone, ''))$s$
    END;
    query text;
BEGIN
    IF searched IS NULL THEN
        RAISE EXCEPTION 'homeroom_people_matching: no search index on %', people;
    END IF;
    query := format('SELECT id FROM %I WHERE organization_id = homeroom_current_organization() '
                    'AND deleted_at IS NULL', people);
    FOR i IN 1 .. coalesce(array_length(patterns, 1), 0) LOOP
        query := query || format(' AND %s LIKE homeroom_fold($1[%s])', searched, i);
    END LOOP;
    RETURN QUERY EXECUTE query USING patterns;
END
$$;
REVOKE EXECUTE ON FUNCTION homeroom_people_matching(text, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION homeroom_people_matching(text, text[]) TO homeroom_app;
