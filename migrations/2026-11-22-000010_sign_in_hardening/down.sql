DROP INDEX login_history_ip_address_created_at_idx;
ALTER TABLE users DROP COLUMN mfa_totp_last_step;
ALTER TABLE auth_refresh_tokens DROP COLUMN mfa_pending;
