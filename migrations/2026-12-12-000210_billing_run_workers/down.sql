ALTER TABLE sync_logs
    DROP COLUMN request,
    DROP COLUMN records_total,
    DROP COLUMN worker_id;
