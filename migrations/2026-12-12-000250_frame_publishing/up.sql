-- A weekly frame is written as a draft and published once: `published_at` is set
-- when it is published (rows written before this, or by an import, count as
-- published), and `author_id` is the account that wrote it.
ALTER TABLE frame_entries
    ADD COLUMN author_id uuid REFERENCES users (id),
    ADD COLUMN published_at timestamptz DEFAULT now();

UPDATE frame_entries SET published_at = created_at;

CREATE INDEX frame_entries_author_id_idx ON frame_entries (author_id);

-- A draft is read only by those who write frames (reach `frames=all`); everyone
-- else, on every path, reads published frames alone.
CREATE POLICY frame_entries_drafts ON frame_entries AS RESTRICTIVE
    FOR SELECT TO homeroom_app USING (
    published_at IS NOT NULL OR (SELECT homeroom_reach('frames')) = 'all');

-- A zone check-in (and its note) is its author's alone: no reach, however wide,
-- reads another person's; only Homeroom's own work counts them, for the
-- aggregates a director sees.
CREATE POLICY user_progress_zone_private ON user_progress AS RESTRICTIVE
    FOR SELECT TO homeroom_app USING (
    progress_type <> 'zone_check_in'
    OR user_id = (SELECT homeroom_current_user())
    OR coalesce(current_setting('homeroom.reach', true), '') = 'system');

CREATE INDEX user_progress_kind_user_idx ON user_progress (organization_id, progress_type, user_id);
