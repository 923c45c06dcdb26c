-- Admissions: an applicant student's way in, applied → accepted → enrolled, or
-- declined with a reason; the dates and who decided. One row per applicant.

CREATE TYPE admission_stage AS ENUM ('applied', 'accepted', 'enrolled', 'declined');

CREATE TABLE admissions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    student_id uuid NOT NULL REFERENCES students,
    stage admission_stage NOT NULL DEFAULT 'applied',
    applied_on date NOT NULL,
    grade_id uuid REFERENCES grades,
    decided_on date,
    decided_by_id uuid REFERENCES users,
    reason text CONSTRAINT admissions_reason_length CHECK (length(reason) <= 1000),
    notes text CONSTRAINT admissions_notes_length CHECK (length(notes) <= 4000),
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users,
    CONSTRAINT admissions_declined_has_reason CHECK (stage <> 'declined' OR reason IS NOT NULL)
);

CREATE UNIQUE INDEX admissions_student_live_key ON admissions (student_id) WHERE deleted_at IS NULL;
CREATE INDEX admissions_organization_id_idx ON admissions (organization_id, stage);
CREATE INDEX admissions_student_id_idx ON admissions (student_id);
CREATE INDEX admissions_grade_id_idx ON admissions (grade_id);
CREATE INDEX admissions_decided_by_id_idx ON admissions (decided_by_id);
CREATE INDEX admissions_created_by_id_idx ON admissions (created_by_id);
CREATE INDEX admissions_updated_by_id_idx ON admissions (updated_by_id);

CREATE TRIGGER admissions_set_updated_at BEFORE UPDATE ON admissions
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();

ALTER TABLE admissions ENABLE ROW LEVEL SECURITY;
CREATE POLICY admissions_tenant_isolation ON admissions TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());
CREATE TRIGGER admissions_audit_insert AFTER INSERT ON admissions
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_insert();
CREATE TRIGGER admissions_audit_update AFTER UPDATE ON admissions
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_update();
