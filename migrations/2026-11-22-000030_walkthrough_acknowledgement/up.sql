-- The observed teacher acknowledges a walkthrough, optionally replying to it.
ALTER TABLE walkthrough_checkins
    ADD COLUMN acknowledged_at timestamptz,
    ADD COLUMN acknowledgement_reply text;

-- Lists and insight pages read a teacher's or a campus's live visits, newest first.
CREATE INDEX walkthrough_checkins_teacher_date_idx
    ON walkthrough_checkins (organization_id, teacher_id, check_in_date DESC)
    WHERE deleted_at IS NULL;
CREATE INDEX walkthrough_checkins_campus_date_idx
    ON walkthrough_checkins (organization_id, campus_id, check_in_date DESC)
    WHERE deleted_at IS NULL;
