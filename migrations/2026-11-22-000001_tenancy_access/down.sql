-- Open the circles first so the tables can go in reverse order.
ALTER TABLE users DROP CONSTRAINT users_app_role_id_fkey;
ALTER TABLE organizations
    DROP CONSTRAINT organizations_updated_by_id_fkey,
    DROP CONSTRAINT organizations_created_by_id_fkey;

DROP TABLE file;
DROP TABLE audit_log;
DROP TABLE login_history;
DROP TABLE auth_refresh_tokens;
DROP TABLE users_custom_permissions;
DROP TABLE roles_permissions;
DROP TABLE permissions;
DROP TABLE roles;
DROP TABLE users;
DROP TABLE organizations;

DROP TYPE audit_action;
DROP TYPE login_method;
