-- Forms that never lose or double work.

-- A new-record form's one-time token, remembered with the page of the record its
-- first post created: a resubmit (the back button, a double click, a retry) adds
-- nothing and is shown that record. The unique key makes two posts at once wait
-- for each other, so only one of them creates. Kept for a day.
CREATE TABLE form_tokens (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users ON DELETE CASCADE,
    token text NOT NULL,
    -- The created record's page; NULL only while its create is under way.
    record_page text,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL DEFAULT now() + interval '1 day',
    CONSTRAINT form_tokens_token_length CHECK (length(token) BETWEEN 1 AND 128)
);

CREATE UNIQUE INDEX form_tokens_organization_id_user_id_token_key
    ON form_tokens (organization_id, user_id, token);
CREATE INDEX form_tokens_user_id_idx ON form_tokens (user_id, expires_at);

ALTER TABLE form_tokens ENABLE ROW LEVEL SECURITY;
CREATE POLICY form_tokens_own ON form_tokens TO homeroom_app
    USING (organization_id = homeroom_current_organization() AND user_id = homeroom_current_user())
    WITH CHECK (organization_id = homeroom_current_organization() AND user_id = homeroom_current_user());

-- What a form held when it was sent after its session had ended, kept for an hour
-- so the form comes back filled once its user has signed in again. Only ever put
-- back into the form, never acted on. The organization and the user are those of
-- the ended session, when the browser still named one; a stash without them
-- comes back to whoever signs in with the link.
CREATE TABLE form_stashes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid REFERENCES organizations ON DELETE CASCADE,
    user_id uuid REFERENCES users ON DELETE CASCADE,
    -- The form's page (a path on this site) and its fields, url-encoded.
    form_page text NOT NULL,
    fields text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL DEFAULT now() + interval '1 hour'
);

CREATE INDEX form_stashes_organization_id_idx ON form_stashes (organization_id);
CREATE INDEX form_stashes_user_id_idx ON form_stashes (user_id);
CREATE INDEX form_stashes_expires_at_idx ON form_stashes (expires_at);

ALTER TABLE form_stashes ENABLE ROW LEVEL SECURITY;
CREATE POLICY form_stashes_own ON form_stashes TO homeroom_app
    USING ((organization_id IS NULL OR organization_id = homeroom_current_organization())
       AND (user_id IS NULL OR user_id = homeroom_current_user()));
