-- A personal message is a notice meant only for its recipients (a walkthrough's
-- ratings sent to the observed teacher): it and its recipient rows are read by its
-- sender or creator and its recipients, whatever the reader's reach over messages.
-- Homeroom's own work still reads them all. Messages that are not personal keep the
-- reach rules of `row_reach`.
ALTER TABLE messages ADD COLUMN personal boolean NOT NULL DEFAULT false;

-- The personal messages of the organization the signed-in user neither sent, wrote
-- nor received. It reads messages and their recipients past their own policies
-- (which name it), so it runs as its owner; it answers only for the current
-- organization and the current user.
CREATE FUNCTION homeroom_withheld_messages() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
    AS $$
    SELECT m.id FROM messages m
    WHERE m.personal
      AND m.organization_id = homeroom_current_organization()
      AND coalesce(current_setting('homeroom.reach', true), '') <> 'system'
      AND NOT (coalesce(m.created_by_id = homeroom_current_user(), false)
               OR coalesce(m.sent_by_id = homeroom_current_user(), false)
               OR EXISTS (SELECT 1 FROM message_recipients r
                          WHERE r.message_id = m.id
                            AND r.user_id = homeroom_current_user()))
    $$;

REVOKE ALL ON FUNCTION homeroom_withheld_messages() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION homeroom_withheld_messages() TO homeroom_app;

DROP POLICY message_recipients_reach ON message_recipients;
DROP POLICY messages_reach ON messages;

CREATE POLICY messages_reach ON messages AS RESTRICTIVE
    FOR SELECT TO homeroom_app USING (
    ((SELECT homeroom_reach('messages')) = 'all'
        AND id NOT IN (SELECT homeroom_withheld_messages()))
    OR ((SELECT homeroom_reach('messages')) = 'own'
        AND (created_by_id = (SELECT homeroom_current_user())
             OR sent_by_id = (SELECT homeroom_current_user())
             OR audience IN ('everyone', 'staff')
             OR id IN (SELECT r.message_id FROM message_recipients r
                       WHERE r.user_id = (SELECT homeroom_current_user())))));

CREATE POLICY message_recipients_reach ON message_recipients AS RESTRICTIVE
    FOR SELECT TO homeroom_app USING (
    ((SELECT homeroom_reach('messages')) = 'all'
        AND message_id NOT IN (SELECT homeroom_withheld_messages()))
    OR ((SELECT homeroom_reach('messages')) = 'own'
        AND (user_id = (SELECT homeroom_current_user())
             OR created_by_id = (SELECT homeroom_current_user()))));
