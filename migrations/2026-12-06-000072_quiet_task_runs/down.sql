ALTER TABLE scheduled_tasks
    DROP CONSTRAINT scheduled_tasks_quiet_runs_not_negative,
    DROP COLUMN last_quiet_at,
    DROP COLUMN quiet_since,
    DROP COLUMN quiet_runs;
