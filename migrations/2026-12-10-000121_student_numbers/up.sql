-- Student numbers made by Homeroom when the office leaves the number blank: each
-- organization's pattern (`{year}` the calendar year, `{seq}` or `{seq:05}` the
-- year's next number, zero-padded to 5 digits) and one counter row per
-- organization and year, taken with a row lock in the creating transaction, so two
-- students created at once never get the same number.
ALTER TABLE organizations
    ADD COLUMN student_number_pattern text NOT NULL DEFAULT '{year}-{seq:05}'
    CONSTRAINT organizations_student_number_pattern_check
        CHECK (student_number_pattern LIKE '%{seq%' AND length(student_number_pattern) <= 60);

CREATE TABLE student_number_counters (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    year integer NOT NULL,
    last_value integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT student_number_counters_organization_id_year_key UNIQUE (organization_id, year)
);

ALTER TABLE student_number_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY student_number_counters_tenant_isolation ON student_number_counters TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());

-- A new student's status, when none is given: they are entered as at school.
ALTER TABLE students ALTER COLUMN status SET DEFAULT 'active';
