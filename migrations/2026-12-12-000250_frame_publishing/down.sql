DROP INDEX user_progress_kind_user_idx;
DROP POLICY user_progress_zone_private ON user_progress;
DROP POLICY frame_entries_drafts ON frame_entries;
DROP INDEX frame_entries_author_id_idx;
ALTER TABLE frame_entries DROP COLUMN published_at, DROP COLUMN author_id;
