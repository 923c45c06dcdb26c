ALTER TABLE email_outbox
    DROP COLUMN reply_to,
    DROP COLUMN from_name;

UPDATE organizations
   SET email_sender = format('%s <%s>', email_sender_name, email_sender)
 WHERE email_sender_name IS NOT NULL AND email_sender IS NOT NULL;

DROP INDEX organizations_logo_file_id_idx;
ALTER TABLE organizations
    DROP COLUMN logo_file_id,
    DROP COLUMN email_sender_name;
