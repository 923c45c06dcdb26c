-- The school's own name on its e-mail and its logo in its pages. E-mail leaves from
-- the install's address (HOMEROOM_MAIL_FROM) under the school's sender name, with
-- replies going to the school's own address (`email_sender`); the outbox records
-- both for each message.
ALTER TABLE organizations
    ADD COLUMN email_sender_name text,
    ADD COLUMN logo_file_id uuid REFERENCES file (id);
CREATE INDEX organizations_logo_file_id_idx ON organizations (logo_file_id);

-- "Northwind Primary <office@northwind.edu>" becomes the name and the address.
UPDATE organizations
   SET email_sender_name = nullif(btrim(split_part(email_sender, '<', 1), ' "'), ''),
       email_sender = btrim(substring(email_sender FROM '<([^>]+)>'))
 WHERE email_sender ~ '<[^>]+>';

ALTER TABLE email_outbox
    ADD COLUMN from_name text,
    ADD COLUMN reply_to text;
