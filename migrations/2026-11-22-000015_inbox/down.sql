ALTER TABLE message_recipients DROP COLUMN user_id;
