DROP INDEX walkthrough_checkins_campus_date_idx;
DROP INDEX walkthrough_checkins_teacher_date_idx;
ALTER TABLE walkthrough_checkins
    DROP COLUMN acknowledgement_reply,
    DROP COLUMN acknowledged_at;
