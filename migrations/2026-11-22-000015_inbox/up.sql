-- In-app messages reach a person's account: the inbox lists the rows addressed to it.
ALTER TABLE message_recipients ADD COLUMN user_id uuid REFERENCES users;

CREATE INDEX message_recipients_user_id_idx ON message_recipients (user_id, created_at DESC);
