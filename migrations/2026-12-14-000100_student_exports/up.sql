-- A subject access export: everything held on one student gathered in the
-- background into one ZIP (a readable summary, each table's rows as JSON, the
-- student's files). Its id is its sync_logs row, which counts the steps done for
-- the progress bar; the finished archive lies in the file store under
-- storage_key until expires_at, then it is removed and only this row stays.
CREATE TABLE student_exports (
    id uuid PRIMARY KEY REFERENCES sync_logs ON DELETE CASCADE,
    organization_id uuid NOT NULL REFERENCES organizations,
    student_id uuid NOT NULL REFERENCES students ON DELETE CASCADE,
    requested_by_id uuid REFERENCES users ON DELETE SET NULL,
    storage_key text,
    size_in_bytes bigint CHECK (size_in_bytes >= 0),
    expires_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT student_exports_kept_until CHECK (storage_key IS NULL OR expires_at IS NOT NULL)
);

CREATE INDEX student_exports_organization_id_idx ON student_exports (organization_id, created_at DESC);
CREATE INDEX student_exports_student_id_idx ON student_exports (student_id);
CREATE INDEX student_exports_requested_by_id_idx ON student_exports (requested_by_id);
-- The clean-up's question: archives past their time.
CREATE INDEX student_exports_expires_at_idx ON student_exports (expires_at)
    WHERE storage_key IS NOT NULL;

ALTER TABLE student_exports ENABLE ROW LEVEL SECURITY;
CREATE POLICY student_exports_tenant_isolation ON student_exports TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());
