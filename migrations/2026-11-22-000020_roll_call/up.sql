-- Roll call on tablets: when each mark was made, and same-day absence alerts.

-- When the mark was made on the device (corrected to the server's clock), so a mark
-- queued offline and sent late never overwrites a newer one from another device.
ALTER TABLE attendance_records ADD COLUMN marked_at timestamptz NOT NULL DEFAULT now();

CREATE TYPE absence_alert_status AS ENUM ('pending', 'sent', 'withdrawn');

-- One alert per student per day: armed when a roll marks the student absent, sent by
-- the alert job once its grace period has passed and the mark is still absent.
CREATE TABLE absence_alerts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    campus_id uuid NOT NULL REFERENCES campuses,
    student_id uuid NOT NULL REFERENCES students,
    alert_date date NOT NULL,
    status absence_alert_status NOT NULL DEFAULT 'pending',
    due_at timestamptz NOT NULL,
    sent_at timestamptz,
    message_id uuid REFERENCES messages,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

CREATE UNIQUE INDEX absence_alerts_student_id_date_live_key
    ON absence_alerts (student_id, alert_date) WHERE deleted_at IS NULL;
-- The job looks for pending alerts that are due.
CREATE INDEX absence_alerts_pending_due_at_idx
    ON absence_alerts (due_at) WHERE status = 'pending' AND deleted_at IS NULL;
CREATE INDEX absence_alerts_student_id_idx ON absence_alerts (student_id);
CREATE INDEX absence_alerts_organization_id_idx ON absence_alerts (organization_id);
CREATE INDEX absence_alerts_campus_id_idx ON absence_alerts (campus_id);
CREATE INDEX absence_alerts_message_id_idx ON absence_alerts (message_id);
CREATE INDEX absence_alerts_created_by_id_idx ON absence_alerts (created_by_id);
CREATE INDEX absence_alerts_updated_by_id_idx ON absence_alerts (updated_by_id);

CREATE TRIGGER absence_alerts_set_updated_at BEFORE UPDATE ON absence_alerts
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();

ALTER TABLE absence_alerts ENABLE ROW LEVEL SECURITY;
CREATE POLICY absence_alerts_tenant_isolation ON absence_alerts TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());
