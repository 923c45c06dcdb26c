-- A user's secret link to a feed of theirs (the school calendar, their lessons):
-- one per user and kind. The link's token is never stored: it is derived from the
-- row's nonce with the install's secret key, and only its SHA-256 is kept to find
-- the row again. Resetting replaces the row, so the old link stops at once.
CREATE TABLE feed_links (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('calendar', 'lessons')),
    nonce text NOT NULL CHECK (length(nonce) BETWEEN 32 AND 128),
    token_hash text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT feed_links_one_per_user_kind UNIQUE (organization_id, user_id, kind)
);

CREATE INDEX feed_links_user_id_idx ON feed_links (user_id);

ALTER TABLE feed_links ENABLE ROW LEVEL SECURITY;
CREATE POLICY feed_links_own ON feed_links TO homeroom_app
    USING (organization_id = homeroom_current_organization() AND user_id = homeroom_current_user())
    WITH CHECK (organization_id = homeroom_current_organization() AND user_id = homeroom_current_user());
