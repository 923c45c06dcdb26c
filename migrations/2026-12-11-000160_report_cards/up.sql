-- Report cards: the comments written for a student's term (a subject teacher's per
-- class subject, the homeroom teacher's and the principal's), and the cards issued
-- for a term, each kept as what it showed so a later edit never changes what a
-- family received.

CREATE TABLE report_card_comments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    academic_term_id uuid NOT NULL REFERENCES academic_terms,
    student_id uuid NOT NULL REFERENCES students,
    -- The subject teacher's comment names its class subject; the others name none.
    class_subject_id uuid REFERENCES class_subjects,
    kind text NOT NULL,
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users,
    CONSTRAINT report_card_comments_kind CHECK (kind IN ('subject', 'homeroom', 'principal')),
    CONSTRAINT report_card_comments_subject_named
        CHECK ((kind = 'subject') = (class_subject_id IS NOT NULL)),
    CONSTRAINT report_card_comments_body_length CHECK (char_length(body) BETWEEN 1 AND 2000)
);

CREATE UNIQUE INDEX report_card_comments_subject_live_key
    ON report_card_comments (academic_term_id, student_id, class_subject_id)
    WHERE deleted_at IS NULL AND kind = 'subject';
CREATE UNIQUE INDEX report_card_comments_other_live_key
    ON report_card_comments (academic_term_id, student_id, kind)
    WHERE deleted_at IS NULL AND kind <> 'subject';
CREATE INDEX report_card_comments_organization_id_idx ON report_card_comments (organization_id);
CREATE INDEX report_card_comments_academic_term_id_idx ON report_card_comments (academic_term_id);
CREATE INDEX report_card_comments_student_id_idx ON report_card_comments (student_id);
CREATE INDEX report_card_comments_class_subject_id_idx ON report_card_comments (class_subject_id);
CREATE INDEX report_card_comments_created_by_id_idx ON report_card_comments (created_by_id);
CREATE INDEX report_card_comments_updated_by_id_idx ON report_card_comments (updated_by_id);

CREATE TABLE report_cards (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    academic_term_id uuid NOT NULL REFERENCES academic_terms,
    student_id uuid NOT NULL REFERENCES students,
    class_id uuid NOT NULL REFERENCES classes,
    -- What the card showed when issued: school, student, subjects with averages,
    -- letters and comments, attendance totals; it is drawn again from this alone.
    content jsonb NOT NULL,
    issued_at timestamptz NOT NULL DEFAULT now(),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

CREATE UNIQUE INDEX report_cards_term_student_live_key
    ON report_cards (academic_term_id, student_id) WHERE deleted_at IS NULL;
CREATE INDEX report_cards_organization_id_idx ON report_cards (organization_id);
CREATE INDEX report_cards_academic_term_id_idx ON report_cards (academic_term_id);
CREATE INDEX report_cards_student_id_idx ON report_cards (student_id);
CREATE INDEX report_cards_class_id_idx ON report_cards (class_id);
CREATE INDEX report_cards_created_by_id_idx ON report_cards (created_by_id);
CREATE INDEX report_cards_updated_by_id_idx ON report_cards (updated_by_id);

CREATE TRIGGER report_card_comments_set_updated_at BEFORE UPDATE ON report_card_comments
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER report_card_comments_audit_insert AFTER INSERT ON report_card_comments
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_insert();
CREATE TRIGGER report_card_comments_audit_update AFTER UPDATE ON report_card_comments
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_update();
CREATE TRIGGER report_cards_set_updated_at BEFORE UPDATE ON report_cards
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER report_cards_audit_insert AFTER INSERT ON report_cards
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_insert();

ALTER TABLE report_card_comments ENABLE ROW LEVEL SECURITY;
CREATE POLICY report_card_comments_tenant_isolation ON report_card_comments TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());
ALTER TABLE report_cards ENABLE ROW LEVEL SECURITY;
CREATE POLICY report_cards_tenant_isolation ON report_cards TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());
