DROP TABLE sync_logs;
DROP TABLE scheduled_tasks;

DROP TYPE sync_status;
DROP TYPE task_status;
