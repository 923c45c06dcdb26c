-- A message says whom it is for and how it travels, and its status follows from its
-- recipients instead of being picked by hand.
--   audience_ids: the campuses, grades or classes (or people) its audience names.
--   reach_guardians / reach_students / reach_staff: who of that audience hears it.
--   send_in_app / send_email: the channels (both may be on).
--   scheduled_for: when a queued message goes out (NULL: at once, or a draft).
ALTER TABLE messages
    ADD COLUMN audience_ids uuid[] NOT NULL DEFAULT '{}',
    ADD COLUMN reach_guardians boolean NOT NULL DEFAULT true,
    ADD COLUMN reach_students boolean NOT NULL DEFAULT false,
    ADD COLUMN reach_staff boolean NOT NULL DEFAULT false,
    ADD COLUMN send_in_app boolean NOT NULL DEFAULT true,
    ADD COLUMN send_email boolean NOT NULL DEFAULT false,
    ADD COLUMN scheduled_for timestamptz;

CREATE INDEX messages_queued_idx ON messages (scheduled_for)
    WHERE status = 'queued' AND deleted_at IS NULL;

-- Each recipient's e-mail: how many tries, when the next is due (NULL: nothing left
-- to try), the last refusal, and when it was handed to the mail server.
ALTER TABLE message_recipients
    ADD COLUMN email_attempts integer NOT NULL DEFAULT 0,
    ADD COLUMN email_next_at timestamptz,
    ADD COLUMN email_error text,
    ADD COLUMN email_sent_at timestamptz;

CREATE INDEX message_recipients_email_due_idx ON message_recipients (email_next_at)
    WHERE email_next_at IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX message_recipients_message_id_status_idx
    ON message_recipients (message_id, delivery_status);

-- A teacher writes to the families of the classes they teach (CREATE_MESSAGES);
-- writing to any audience is CREATE_MESSAGE_RECIPIENTS, which the built-in director
-- and front office roles already writing messages now hold. Installs whose roles
-- exist get the grants here; new ones get them from the role definitions.
INSERT INTO roles_permissions (role_id, permission_id, import_hash)
SELECT r.id, p.id, 'message-delivery:' || r.import_hash || ':' || p.name
FROM roles r
JOIN permissions p ON p.deleted_at IS NULL
WHERE r.deleted_at IS NULL
  AND ((r.import_hash = 'builtin-role:teacher' AND p.name = 'CREATE_MESSAGES')
       OR (r.import_hash IN ('builtin-role:director', 'builtin-role:front-office')
           AND p.name = 'CREATE_MESSAGE_RECIPIENTS'))
  AND NOT EXISTS (SELECT 1 FROM roles_permissions rp
                  WHERE rp.role_id = r.id AND rp.permission_id = p.id
                    AND rp.deleted_at IS NULL);
