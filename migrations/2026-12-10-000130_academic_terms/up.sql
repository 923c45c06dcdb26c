-- Terms: the parts of an academic year that assessments, averages and report cards
-- are counted in. Within a year terms never overlap (btree_gist lets one exclusion
-- constraint compare the year by equality and the dates as ranges), and a term lies
-- inside its year's dates.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE academic_terms (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    academic_year_id uuid NOT NULL REFERENCES academic_years,
    name text NOT NULL,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users,
    CONSTRAINT academic_terms_ends_after_start CHECK (ends_on >= starts_on),
    CONSTRAINT academic_terms_no_overlap EXCLUDE USING gist (
        academic_year_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&
    ) WHERE (deleted_at IS NULL)
);

CREATE UNIQUE INDEX academic_terms_year_name_live_key
    ON academic_terms (academic_year_id, name) WHERE deleted_at IS NULL;
CREATE INDEX academic_terms_organization_id_idx ON academic_terms (organization_id);
CREATE INDEX academic_terms_academic_year_id_idx ON academic_terms (academic_year_id);
CREATE INDEX academic_terms_created_by_id_idx ON academic_terms (created_by_id);
CREATE INDEX academic_terms_updated_by_id_idx ON academic_terms (updated_by_id);

-- A live term lies within its year's dates.
CREATE FUNCTION homeroom_academic_term_within_year() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.deleted_at IS NULL AND NOT EXISTS (
        SELECT 1 FROM academic_years y
        WHERE y.id = NEW.academic_year_id
          AND NEW.starts_on >= y.start_date AND NEW.ends_on <= y.end_date
    ) THEN
        RAISE EXCEPTION 'a term lies within its academic year'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'academic_terms_within_year';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER academic_terms_within_year BEFORE INSERT OR UPDATE ON academic_terms
    FOR EACH ROW EXECUTE FUNCTION homeroom_academic_term_within_year();
CREATE TRIGGER academic_terms_set_updated_at BEFORE UPDATE ON academic_terms
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER academic_terms_audit_insert AFTER INSERT ON academic_terms
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_insert();
CREATE TRIGGER academic_terms_audit_update AFTER UPDATE ON academic_terms
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_update();

ALTER TABLE academic_terms ENABLE ROW LEVEL SECURITY;
CREATE POLICY academic_terms_tenant_isolation ON academic_terms TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());

-- The term an assessment counts in; NULL for those set before terms existed, which
-- count in the term holding their due date.
ALTER TABLE assessments ADD COLUMN academic_term_id uuid REFERENCES academic_terms;
CREATE INDEX assessments_academic_term_id_idx ON assessments (academic_term_id);
