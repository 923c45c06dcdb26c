-- A scheduled run that finds nothing to do is counted on its task instead of
-- leaving a sync_logs row: an every-minute task would otherwise bury the runs that
-- did something under 1,440 empty rows a day.
ALTER TABLE scheduled_tasks
    ADD COLUMN quiet_runs integer NOT NULL DEFAULT 0,
    ADD COLUMN quiet_since timestamptz,
    ADD COLUMN last_quiet_at timestamptz,
    ADD CONSTRAINT scheduled_tasks_quiet_runs_not_negative CHECK (quiet_runs >= 0);
