-- A sign-in account belongs to at most one live staff record of its organization:
-- /today, the roll and walkthroughs find the teacher by it. Links that would break
-- the rule are cleared first, the oldest staff record keeping its account.
UPDATE staff s
   SET user_id = NULL
 WHERE s.user_id IS NOT NULL
   AND s.deleted_at IS NULL
   AND EXISTS (SELECT 1 FROM staff o
                WHERE o.organization_id = s.organization_id
                  AND o.user_id = s.user_id
                  AND o.deleted_at IS NULL
                  AND (o.created_at, o.id) < (s.created_at, s.id));

CREATE UNIQUE INDEX staff_organization_id_user_id_live_key ON staff (organization_id, user_id)
    WHERE deleted_at IS NULL AND user_id IS NOT NULL;

-- A user's notes are for administrators: a change is written to the trail as the
-- fact that they changed, without the text, since the trail has readers of its own.
CREATE FUNCTION homeroom_audit_user_notes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('homeroom.audit', true) = 'off' THEN
        RETURN NULL;
    END IF;
    INSERT INTO audit_log (organization_id, user_id, table_name, row_id, action, changes)
    VALUES (NEW.organization_id, coalesce(homeroom_audit_user(), NEW.updated_by_id), 'users',
            NEW.id, 'update',
            jsonb_build_object('notes', jsonb_build_object(
                'from', CASE WHEN OLD.notes IS NULL THEN 'empty' ELSE 'written' END,
                'to', CASE WHEN NEW.notes IS NULL THEN 'empty' ELSE 'written' END)));
    RETURN NULL;
END;
$$;

CREATE TRIGGER users_notes_audit AFTER UPDATE OF notes ON users
    FOR EACH ROW WHEN (OLD.notes IS DISTINCT FROM NEW.notes)
    EXECUTE FUNCTION homeroom_audit_user_notes();
