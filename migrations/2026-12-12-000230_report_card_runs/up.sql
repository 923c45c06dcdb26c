-- Report cards for a whole school (or one campus or grade) made in the background:
-- a run names its term and scope and follows its progress in its sync_logs row;
-- each class's cards are kept as one PDF, once per run and class, so a run
-- that is run again after its server stopped writes only the classes still missing.

CREATE TABLE report_card_runs (
    id uuid PRIMARY KEY REFERENCES sync_logs,
    organization_id uuid NOT NULL REFERENCES organizations,
    term_id uuid NOT NULL REFERENCES academic_terms,
    campus_id uuid REFERENCES campuses,
    grade_id uuid REFERENCES grades,
    paper text NOT NULL DEFAULT 'a4' CHECK (paper IN ('a4', 'letter')),
    classes integer NOT NULL DEFAULT 0 CHECK (classes >= 0),
    created_by_id uuid REFERENCES users,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE report_card_files (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    run_id uuid NOT NULL REFERENCES report_card_runs ON DELETE CASCADE,
    class_id uuid NOT NULL REFERENCES classes,
    file_name text NOT NULL,
    students integer NOT NULL CHECK (students >= 0),
    content bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT report_card_files_once_per_class UNIQUE (run_id, class_id)
);

CREATE INDEX report_card_runs_organization_id_idx ON report_card_runs (organization_id, created_at DESC);
CREATE INDEX report_card_runs_term_id_idx ON report_card_runs (term_id);
CREATE INDEX report_card_runs_campus_id_idx ON report_card_runs (campus_id);
CREATE INDEX report_card_runs_grade_id_idx ON report_card_runs (grade_id);
CREATE INDEX report_card_runs_created_by_id_idx ON report_card_runs (created_by_id);
CREATE INDEX report_card_files_organization_id_idx ON report_card_files (organization_id);
CREATE INDEX report_card_files_class_id_idx ON report_card_files (class_id);

ALTER TABLE report_card_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY report_card_runs_tenant_isolation ON report_card_runs TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());
ALTER TABLE report_card_files ENABLE ROW LEVEL SECURITY;
CREATE POLICY report_card_files_tenant_isolation ON report_card_files TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());
