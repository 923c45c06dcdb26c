-- The office's plan for turning the year over, kept while it is reviewed class by
-- class: where each class of the year moves to (a class of the same year, whose copy
-- in the next year is meant; NULL: its students graduate) when it is not the
-- proposed one, and each student who repeats the year or leaves rather than moving
-- on with the class. The rollover reads the plan; nothing else does.

CREATE TABLE rollover_class_targets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    class_id uuid NOT NULL REFERENCES classes,
    target_class_id uuid REFERENCES classes,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX rollover_class_targets_class_id_key ON rollover_class_targets (class_id);
CREATE INDEX rollover_class_targets_organization_id_idx ON rollover_class_targets (organization_id);
CREATE INDEX rollover_class_targets_target_class_id_idx ON rollover_class_targets (target_class_id);

CREATE TABLE rollover_student_choices (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    class_id uuid NOT NULL REFERENCES classes,
    student_id uuid NOT NULL REFERENCES students,
    choice text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT rollover_student_choices_choice CHECK (choice IN ('repeat', 'leave'))
);

CREATE UNIQUE INDEX rollover_student_choices_class_id_student_id_key
    ON rollover_student_choices (class_id, student_id);
CREATE INDEX rollover_student_choices_organization_id_idx ON rollover_student_choices (organization_id);
CREATE INDEX rollover_student_choices_student_id_idx ON rollover_student_choices (student_id);

CREATE TRIGGER rollover_class_targets_set_updated_at BEFORE UPDATE ON rollover_class_targets
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER rollover_student_choices_set_updated_at BEFORE UPDATE ON rollover_student_choices
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();

ALTER TABLE rollover_class_targets ENABLE ROW LEVEL SECURITY;
CREATE POLICY rollover_class_targets_tenant_isolation ON rollover_class_targets TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());
ALTER TABLE rollover_student_choices ENABLE ROW LEVEL SECURITY;
CREATE POLICY rollover_student_choices_tenant_isolation ON rollover_student_choices TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());
