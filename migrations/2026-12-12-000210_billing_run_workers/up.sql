-- A billing run's log says which process writes it and what it was asked for, so
-- that a run whose process is gone shows as interrupted and can be run again as
-- it was asked (the run is idempotent, so running it again completes it).
ALTER TABLE sync_logs
    ADD COLUMN worker_id uuid,
    ADD COLUMN records_total integer CHECK (records_total >= 0),
    ADD COLUMN request jsonb;
