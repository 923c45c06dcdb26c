-- Every e-mail Homeroom sends: delivered over SMTP when it is configured, otherwise
-- kept here for administrators to read at /admin/outbox (development installs).

CREATE TYPE email_status AS ENUM ('stored', 'sent', 'failed');

CREATE TABLE email_outbox (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid REFERENCES organizations,
    to_address text NOT NULL,
    subject text NOT NULL,
    body_text text NOT NULL,
    status email_status NOT NULL,
    error text,
    sent_at timestamptz,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

CREATE INDEX email_outbox_organization_id_idx ON email_outbox (organization_id, created_at DESC);
CREATE INDEX email_outbox_created_by_id_idx ON email_outbox (created_by_id);
CREATE INDEX email_outbox_updated_by_id_idx ON email_outbox (updated_by_id);
CREATE INDEX email_outbox_to_address_idx ON email_outbox (lower(to_address), created_at DESC);

CREATE TRIGGER email_outbox_set_updated_at BEFORE UPDATE ON email_outbox
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
