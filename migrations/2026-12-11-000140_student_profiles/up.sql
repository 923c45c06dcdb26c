-- A student's profile: medical notes, allergies and emergency contacts (read and
-- changed under their own permission, `student_health`), and the history of the
-- student's status (applicant → active → withdrawn, …) with the date, the reason
-- and who changed it.

CREATE TABLE student_health (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    student_id uuid NOT NULL REFERENCES students,
    medical_notes text,
    allergies text,
    emergency_contacts text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users,
    CONSTRAINT student_health_lengths CHECK (
        length(medical_notes) <= 4000 AND length(allergies) <= 2000
        AND length(emergency_contacts) <= 2000)
);

CREATE UNIQUE INDEX student_health_student_live_key
    ON student_health (student_id) WHERE deleted_at IS NULL;
CREATE INDEX student_health_organization_id_idx ON student_health (organization_id);
CREATE INDEX student_health_student_id_idx ON student_health (student_id);
CREATE INDEX student_health_created_by_id_idx ON student_health (created_by_id);
CREATE INDEX student_health_updated_by_id_idx ON student_health (updated_by_id);

CREATE TABLE student_status_changes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    student_id uuid NOT NULL REFERENCES students,
    from_status student_status,
    to_status student_status NOT NULL,
    on_date date NOT NULL,
    reason text CONSTRAINT student_status_changes_reason_length CHECK (length(reason) <= 1000),
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

CREATE INDEX student_status_changes_organization_id_idx ON student_status_changes (organization_id);
CREATE INDEX student_status_changes_student_id_idx ON student_status_changes (student_id, on_date);
CREATE INDEX student_status_changes_created_by_id_idx ON student_status_changes (created_by_id);
CREATE INDEX student_status_changes_updated_by_id_idx ON student_status_changes (updated_by_id);

CREATE TRIGGER student_health_set_updated_at BEFORE UPDATE ON student_health
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER student_status_changes_set_updated_at BEFORE UPDATE ON student_status_changes
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();

-- Tenant isolation and the audit trail, as every tenant table (000014, 000016).
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['student_health', 'student_status_changes'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY %I ON %I TO homeroom_app USING (organization_id = homeroom_current_organization()) '
            'WITH CHECK (organization_id = homeroom_current_organization())',
            t || '_tenant_isolation', t);
        EXECUTE format(
            'CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_insert()',
            t || '_audit_insert', t);
        EXECUTE format(
            'CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_update()',
            t || '_audit_update', t);
    END LOOP;
END
$$;
