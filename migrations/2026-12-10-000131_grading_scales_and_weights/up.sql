-- A school's grading scale: the lowest percentage of each letter (A+ … F), and the
-- weight of each kind of assessment in an average, for the whole school or for one
-- class subject. A new school gets the usual scale; results' letters follow it.

CREATE TABLE grading_scale_bands (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    grade_letter grade_letter NOT NULL,
    min_percent numeric(5,2) NOT NULL,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users,
    CONSTRAINT grading_scale_bands_percent_range CHECK (min_percent >= 0 AND min_percent <= 100)
);

CREATE UNIQUE INDEX grading_scale_bands_letter_live_key
    ON grading_scale_bands (organization_id, grade_letter) WHERE deleted_at IS NULL;
CREATE INDEX grading_scale_bands_organization_id_idx ON grading_scale_bands (organization_id);
CREATE INDEX grading_scale_bands_created_by_id_idx ON grading_scale_bands (created_by_id);
CREATE INDEX grading_scale_bands_updated_by_id_idx ON grading_scale_bands (updated_by_id);

CREATE TABLE assessment_weights (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    -- NULL: the school's weights, used by every class subject without its own.
    class_subject_id uuid REFERENCES class_subjects,
    assessment_type assessment_type NOT NULL,
    weight_percent numeric(5,2) NOT NULL,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users,
    CONSTRAINT assessment_weights_percent_range CHECK (weight_percent >= 0 AND weight_percent <= 100)
);

-- A missing class subject (the school's weights) counts as one value.
CREATE UNIQUE INDEX assessment_weights_type_live_key ON assessment_weights (
    organization_id, coalesce(class_subject_id, '00000000-0000-0000-0000-000000000000'),
    assessment_type) WHERE deleted_at IS NULL;
CREATE INDEX assessment_weights_organization_id_idx ON assessment_weights (organization_id);
CREATE INDEX assessment_weights_class_subject_id_idx ON assessment_weights (class_subject_id);
CREATE INDEX assessment_weights_created_by_id_idx ON assessment_weights (created_by_id);
CREATE INDEX assessment_weights_updated_by_id_idx ON assessment_weights (updated_by_id);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['grading_scale_bands', 'assessment_weights'] LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW '
                       'EXECUTE FUNCTION homeroom_set_updated_at()', t || '_set_updated_at', t);
        EXECUTE format(
            'CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_insert()',
            t || '_audit_insert', t);
        EXECUTE format(
            'CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_update()',
            t || '_audit_update', t);
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY %I ON %I TO homeroom_app USING (organization_id = homeroom_current_organization()) '
            'WITH CHECK (organization_id = homeroom_current_organization())',
            t || '_tenant_isolation', t);
    END LOOP;
END
$$;

-- The usual scale: 97 and up A+, then steps of about three points, F below 60.
-- SECURITY DEFINER: a school created by the app's own role gets its scale too.
CREATE FUNCTION homeroom_seed_grading_scale() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO grading_scale_bands (organization_id, grade_letter, min_percent)
    SELECT NEW.id, b.letter::grade_letter, b.floor
    FROM (VALUES ('A+', 97), ('A', 93), ('A-', 90), ('B+', 87), ('B', 83), ('B-', 80),
                 ('C+', 77), ('C', 73), ('C-', 70), ('D+', 67), ('D', 63), ('D-', 60),
                 ('F', 0)) AS b (letter, floor);
    RETURN NEW;
END;
$$;

CREATE TRIGGER organizations_seed_grading_scale AFTER INSERT ON organizations
    FOR EACH ROW EXECUTE FUNCTION homeroom_seed_grading_scale();

INSERT INTO grading_scale_bands (organization_id, grade_letter, min_percent)
SELECT o.id, b.letter::grade_letter, b.floor
FROM organizations o
CROSS JOIN (VALUES ('A+', 97), ('A', 93), ('A-', 90), ('B+', 87), ('B', 83), ('B-', 80),
                   ('C+', 77), ('C', 73), ('C-', 70), ('D+', 67), ('D', 63), ('D-', 60),
                   ('F', 0)) AS b (letter, floor);
