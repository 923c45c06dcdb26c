DROP POLICY message_recipients_reach ON message_recipients;
DROP POLICY messages_reach ON messages;

CREATE POLICY messages_reach ON messages AS RESTRICTIVE
    FOR SELECT TO homeroom_app USING (
    (SELECT homeroom_reach('messages')) = 'all'
    OR ((SELECT homeroom_reach('messages')) = 'own'
        AND (created_by_id = (SELECT homeroom_current_user())
             OR sent_by_id = (SELECT homeroom_current_user())
             OR audience IN ('everyone', 'staff')
             OR id IN (SELECT r.message_id FROM message_recipients r
                       WHERE r.user_id = (SELECT homeroom_current_user())))));

CREATE POLICY message_recipients_reach ON message_recipients AS RESTRICTIVE
    FOR SELECT TO homeroom_app USING (
    (SELECT homeroom_reach('messages')) = 'all'
    OR ((SELECT homeroom_reach('messages')) = 'own'
        AND (user_id = (SELECT homeroom_current_user())
             OR created_by_id = (SELECT homeroom_current_user()))));

DROP FUNCTION homeroom_withheld_messages();
ALTER TABLE messages DROP COLUMN personal;
