-- Tenancy and access: organizations, users, roles and permissions, sessions,
-- sign-in history, the audit trail and stored files.

CREATE TYPE login_method AS ENUM ('password', 'magic_link', 'sso');
CREATE TYPE audit_action AS ENUM ('create', 'update', 'delete', 'restore');

-- The tenant root. created_by_id/updated_by_id get their foreign keys at the end,
-- once users exists (users.organization_id points back here).
CREATE TABLE organizations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    time_zone text NOT NULL DEFAULT 'UTC',
    email_sender text,
    brand_color text,
    settings jsonb NOT NULL DEFAULT '{}',
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid,
    updated_by_id uuid,
    CONSTRAINT organizations_settings_is_object CHECK (jsonb_typeof(settings) = 'object')
);

-- organization_id is NULL only for a global super administrator.
-- app_role_id gets its foreign key once roles exists.
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid REFERENCES organizations,
    app_role_id uuid,
    first_name text,
    last_name text,
    phone_number text,
    email text NOT NULL,
    disabled boolean NOT NULL DEFAULT false,
    -- argon2 PHC string, never the password itself
    password text,
    email_verified boolean NOT NULL DEFAULT false,
    -- the two tokens below hold hashes; the raw token only travels in the e-mail
    email_verification_token text,
    email_verification_token_expires_at timestamptz,
    password_reset_token text,
    password_reset_token_expires_at timestamptz,
    provider text,
    failed_login_count integer NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
    locked_until timestamptz,
    last_login_at timestamptz,
    mfa_enabled boolean NOT NULL DEFAULT false,
    mfa_totp_secret text,
    mfa_recovery_codes jsonb NOT NULL DEFAULT '[]',
    notes text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users,
    CONSTRAINT users_mfa_recovery_codes_is_array CHECK (jsonb_typeof(mfa_recovery_codes) = 'array')
);

-- Global catalogs: roles and permissions belong to no organization.
CREATE TABLE roles (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    description text,
    global_access boolean NOT NULL DEFAULT false,
    require_mfa boolean NOT NULL DEFAULT false,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

-- name is ${METHOD}_${ENTITY}, e.g. READ_CAMPUSES
CREATE TABLE permissions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    description text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

-- A grant means nothing without both ends, so hard-deleting either end removes it.
CREATE TABLE roles_permissions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    role_id uuid NOT NULL REFERENCES roles ON DELETE CASCADE,
    permission_id uuid NOT NULL REFERENCES permissions ON DELETE CASCADE,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users
);

CREATE TABLE users_custom_permissions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users ON DELETE CASCADE,
    permission_id uuid NOT NULL REFERENCES permissions ON DELETE CASCADE,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users
);

-- One row per issued session key; rotation links rows through previous/replaced_by,
-- and family_id groups every rotation of one sign-in (it is not a foreign key).
-- The self references clear themselves so expired rows can be purged in any order.
CREATE TABLE auth_refresh_tokens (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users ON DELETE CASCADE,
    organization_id uuid REFERENCES organizations,
    token_hash text NOT NULL UNIQUE,
    family_id uuid NOT NULL,
    previous_token_id uuid REFERENCES auth_refresh_tokens ON DELETE SET NULL,
    user_agent text,
    ip_address text,
    csrf_token text NOT NULL,
    keep_signed_in boolean NOT NULL DEFAULT false,
    expires_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    replaced_by_token_id uuid REFERENCES auth_refresh_tokens ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every sign-in attempt, successful or not; append-only.
CREATE TABLE login_history (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid REFERENCES organizations,
    user_id uuid REFERENCES users,
    email text NOT NULL,
    success boolean NOT NULL,
    failure_reason text,
    ip_address text,
    user_agent text,
    login_method login_method NOT NULL DEFAULT 'password',
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Who changed which row of which table; changes holds before/after of the changed
-- columns. Append-only.
CREATE TABLE audit_log (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid REFERENCES organizations,
    user_id uuid REFERENCES users,
    table_name text NOT NULL,
    row_id uuid NOT NULL,
    action audit_action NOT NULL,
    changes jsonb NOT NULL DEFAULT '{}',
    ip_address text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT audit_log_changes_is_object CHECK (jsonb_typeof(changes) = 'object')
);

-- Stored files attached to any row: belongs_to names the table, belongs_to_id the
-- row and belongs_to_column the field. Polymorphic, so belongs_to_id has no FK.
CREATE TABLE file (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    belongs_to text,
    belongs_to_id uuid,
    belongs_to_column text,
    name text NOT NULL,
    content_type text,
    size_in_bytes integer CHECK (size_in_bytes >= 0),
    storage_key text,
    private_url text,
    public_url text NOT NULL,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

-- Close the circles now that every table exists.
ALTER TABLE organizations
    ADD CONSTRAINT organizations_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES users,
    ADD CONSTRAINT organizations_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES users;
ALTER TABLE users
    ADD CONSTRAINT users_app_role_id_fkey FOREIGN KEY (app_role_id) REFERENCES roles;

-- Unique among live rows.
CREATE UNIQUE INDEX users_email_live_key ON users (lower(email)) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX roles_name_live_key ON roles (name) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX permissions_name_live_key ON permissions (name) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX roles_permissions_role_id_permission_id_live_key
    ON roles_permissions (role_id, permission_id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX users_custom_permissions_user_id_permission_id_live_key
    ON users_custom_permissions (user_id, permission_id) WHERE deleted_at IS NULL;

-- Foreign keys and lookups.
CREATE INDEX organizations_created_by_id_idx ON organizations (created_by_id);
CREATE INDEX organizations_updated_by_id_idx ON organizations (updated_by_id);

CREATE INDEX users_organization_id_idx ON users (organization_id);
CREATE INDEX users_app_role_id_idx ON users (app_role_id);
CREATE INDEX users_created_by_id_idx ON users (created_by_id);
CREATE INDEX users_updated_by_id_idx ON users (updated_by_id);
CREATE INDEX users_password_reset_token_idx ON users (password_reset_token)
    WHERE password_reset_token IS NOT NULL;
CREATE INDEX users_email_verification_token_idx ON users (email_verification_token)
    WHERE email_verification_token IS NOT NULL;

CREATE INDEX roles_created_by_id_idx ON roles (created_by_id);
CREATE INDEX roles_updated_by_id_idx ON roles (updated_by_id);

CREATE INDEX permissions_created_by_id_idx ON permissions (created_by_id);
CREATE INDEX permissions_updated_by_id_idx ON permissions (updated_by_id);

CREATE INDEX roles_permissions_role_id_idx ON roles_permissions (role_id);
CREATE INDEX roles_permissions_permission_id_idx ON roles_permissions (permission_id);
CREATE INDEX roles_permissions_created_by_id_idx ON roles_permissions (created_by_id);

CREATE INDEX users_custom_permissions_user_id_idx ON users_custom_permissions (user_id);
CREATE INDEX users_custom_permissions_permission_id_idx ON users_custom_permissions (permission_id);
CREATE INDEX users_custom_permissions_created_by_id_idx ON users_custom_permissions (created_by_id);

CREATE INDEX auth_refresh_tokens_user_id_idx ON auth_refresh_tokens (user_id);
CREATE INDEX auth_refresh_tokens_organization_id_idx ON auth_refresh_tokens (organization_id);
CREATE INDEX auth_refresh_tokens_family_id_idx ON auth_refresh_tokens (family_id);
CREATE INDEX auth_refresh_tokens_previous_token_id_idx ON auth_refresh_tokens (previous_token_id);
CREATE INDEX auth_refresh_tokens_replaced_by_token_id_idx ON auth_refresh_tokens (replaced_by_token_id);
CREATE INDEX auth_refresh_tokens_expires_at_idx ON auth_refresh_tokens (expires_at);

CREATE INDEX login_history_organization_id_idx ON login_history (organization_id);
CREATE INDEX login_history_user_id_created_at_idx ON login_history (user_id, created_at);
CREATE INDEX login_history_email_created_at_idx ON login_history (email, created_at);

CREATE INDEX audit_log_organization_id_created_at_idx ON audit_log (organization_id, created_at);
CREATE INDEX audit_log_user_id_idx ON audit_log (user_id);
CREATE INDEX audit_log_table_name_row_id_idx ON audit_log (table_name, row_id);

CREATE INDEX file_organization_id_idx ON file (organization_id);
CREATE INDEX file_belongs_to_id_idx ON file (belongs_to_id);
CREATE INDEX file_created_by_id_idx ON file (created_by_id);
CREATE INDEX file_updated_by_id_idx ON file (updated_by_id);

CREATE TRIGGER organizations_set_updated_at BEFORE UPDATE ON organizations
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER roles_set_updated_at BEFORE UPDATE ON roles
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER permissions_set_updated_at BEFORE UPDATE ON permissions
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER auth_refresh_tokens_set_updated_at BEFORE UPDATE ON auth_refresh_tokens
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER file_set_updated_at BEFORE UPDATE ON file
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
