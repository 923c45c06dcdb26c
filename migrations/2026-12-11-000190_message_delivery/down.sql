DROP INDEX message_recipients_message_id_status_idx;
DROP INDEX message_recipients_email_due_idx;
ALTER TABLE message_recipients
    DROP COLUMN email_sent_at,
    DROP COLUMN email_error,
    DROP COLUMN email_next_at,
    DROP COLUMN email_attempts;
DROP INDEX messages_queued_idx;
ALTER TABLE messages
    DROP COLUMN scheduled_for,
    DROP COLUMN send_email,
    DROP COLUMN send_in_app,
    DROP COLUMN reach_staff,
    DROP COLUMN reach_students,
    DROP COLUMN reach_guardians,
    DROP COLUMN audience_ids;
DELETE FROM roles_permissions WHERE import_hash LIKE 'message-delivery:%';
