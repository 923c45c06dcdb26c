DROP TRIGGER users_notes_audit ON users;
DROP FUNCTION homeroom_audit_user_notes();
DROP INDEX staff_organization_id_user_id_live_key;
