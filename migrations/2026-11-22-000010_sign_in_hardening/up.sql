-- A session that has passed the password but not yet the second factor; it opens
-- only the code page.
ALTER TABLE auth_refresh_tokens ADD COLUMN mfa_pending boolean NOT NULL DEFAULT false;

-- The last accepted TOTP time step, so a code cannot be used twice.
ALTER TABLE users ADD COLUMN mfa_totp_last_step bigint;

-- The per-address sign-in rate limit counts recent attempts from one IP.
CREATE INDEX login_history_ip_address_created_at_idx ON login_history (ip_address, created_at);
