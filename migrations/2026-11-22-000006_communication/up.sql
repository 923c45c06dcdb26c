-- Communication: messages, their per-recipient delivery, and calendar events.

CREATE TYPE message_channel AS ENUM ('in_app', 'email', 'sms');
CREATE TYPE message_audience AS ENUM
    ('everyone', 'staff', 'guardians', 'students', 'campus', 'class', 'grade', 'custom');
CREATE TYPE message_status AS ENUM ('draft', 'queued', 'sending', 'sent', 'failed');
CREATE TYPE recipient_type AS ENUM ('user', 'staff', 'guardian', 'student');
CREATE TYPE delivery_status AS ENUM ('pending', 'sent', 'delivered', 'read', 'failed');

CREATE TABLE messages (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    campus_id uuid REFERENCES campuses,
    sent_by_id uuid REFERENCES users,
    subject text NOT NULL,
    body text NOT NULL,
    channel message_channel NOT NULL,
    audience message_audience NOT NULL,
    status message_status NOT NULL,
    sent_at timestamptz,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

CREATE TABLE message_recipients (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    message_id uuid NOT NULL REFERENCES messages,
    recipient_type recipient_type NOT NULL,
    recipient_label text,
    destination text,
    delivery_status delivery_status NOT NULL,
    delivered_at timestamptz,
    read_at timestamptz,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

-- roles is a JSON array of the role names the event concerns.
CREATE TABLE communication_events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    campus_id uuid REFERENCES campuses,
    title text NOT NULL,
    event_date date NOT NULL,
    event_type text NOT NULL,
    roles jsonb NOT NULL DEFAULT '[]',
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users,
    CONSTRAINT communication_events_roles_is_array CHECK (jsonb_typeof(roles) = 'array')
);

CREATE INDEX messages_organization_id_idx ON messages (organization_id);
CREATE INDEX messages_campus_id_idx ON messages (campus_id);
CREATE INDEX messages_sent_by_id_idx ON messages (sent_by_id);
CREATE INDEX messages_created_by_id_idx ON messages (created_by_id);
CREATE INDEX messages_updated_by_id_idx ON messages (updated_by_id);

CREATE INDEX message_recipients_organization_id_idx ON message_recipients (organization_id);
CREATE INDEX message_recipients_message_id_idx ON message_recipients (message_id);
CREATE INDEX message_recipients_created_by_id_idx ON message_recipients (created_by_id);
CREATE INDEX message_recipients_updated_by_id_idx ON message_recipients (updated_by_id);
-- The delivery job's queue: only undelivered rows, oldest first.
CREATE INDEX message_recipients_pending_idx ON message_recipients (created_at)
    WHERE delivery_status = 'pending' AND deleted_at IS NULL;

CREATE INDEX communication_events_organization_id_idx ON communication_events (organization_id);
CREATE INDEX communication_events_campus_id_idx ON communication_events (campus_id);
CREATE INDEX communication_events_created_by_id_idx ON communication_events (created_by_id);
CREATE INDEX communication_events_updated_by_id_idx ON communication_events (updated_by_id);

CREATE TRIGGER messages_set_updated_at BEFORE UPDATE ON messages
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER message_recipients_set_updated_at BEFORE UPDATE ON message_recipients
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER communication_events_set_updated_at BEFORE UPDATE ON communication_events
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
