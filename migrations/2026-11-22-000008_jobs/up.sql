-- Background jobs: the tasks the scheduler runs, and one log row per run or import.

CREATE TYPE task_status AS ENUM ('idle', 'running', 'failed');
CREATE TYPE sync_status AS ENUM ('running', 'success', 'failed');

-- Claimed with FOR UPDATE SKIP LOCKED; locked_by/locked_at say which server runs it.
-- organization_id is NULL for a task that serves every organization.
CREATE TABLE scheduled_tasks (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid REFERENCES organizations,
    task_type text NOT NULL,
    description text,
    enabled boolean NOT NULL DEFAULT true,
    interval_minutes integer NOT NULL CHECK (interval_minutes > 0),
    last_run_at timestamptz,
    next_run_at timestamptz NOT NULL DEFAULT now(),
    status task_status NOT NULL DEFAULT 'idle',
    config jsonb NOT NULL DEFAULT '{}',
    locked_by text,
    locked_at timestamptz,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users,
    CONSTRAINT scheduled_tasks_config_is_object CHECK (jsonb_typeof(config) = 'object')
);

-- Logs outlive the task that wrote them.
CREATE TABLE sync_logs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid REFERENCES organizations,
    scheduled_task_id uuid REFERENCES scheduled_tasks ON DELETE SET NULL,
    sync_type text NOT NULL,
    status sync_status NOT NULL,
    records_processed integer NOT NULL DEFAULT 0 CHECK (records_processed >= 0),
    records_created integer NOT NULL DEFAULT 0 CHECK (records_created >= 0),
    records_updated integer NOT NULL DEFAULT 0 CHECK (records_updated >= 0),
    started_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    error_message text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users
);

CREATE UNIQUE INDEX scheduled_tasks_task_type_live_key
    ON scheduled_tasks (task_type) WHERE deleted_at IS NULL;

CREATE INDEX scheduled_tasks_organization_id_idx ON scheduled_tasks (organization_id);
CREATE INDEX scheduled_tasks_created_by_id_idx ON scheduled_tasks (created_by_id);
CREATE INDEX scheduled_tasks_updated_by_id_idx ON scheduled_tasks (updated_by_id);

CREATE INDEX sync_logs_organization_id_idx ON sync_logs (organization_id);
CREATE INDEX sync_logs_scheduled_task_id_idx ON sync_logs (scheduled_task_id);
CREATE INDEX sync_logs_created_by_id_idx ON sync_logs (created_by_id);
-- The jobs page lists the latest runs first.
CREATE INDEX sync_logs_started_at_idx ON sync_logs (started_at);

CREATE TRIGGER scheduled_tasks_set_updated_at BEFORE UPDATE ON scheduled_tasks
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER sync_logs_set_updated_at BEFORE UPDATE ON sync_logs
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
