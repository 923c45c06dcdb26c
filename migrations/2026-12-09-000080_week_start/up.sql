-- The first day of the school's week (ISO weekday: 1 Monday … 7 Sunday), for its
-- calendars; schools start on Monday and change it in settings.
ALTER TABLE organizations
    ADD COLUMN week_start smallint NOT NULL DEFAULT 1
    CONSTRAINT organizations_week_start_is_a_weekday CHECK (week_start BETWEEN 1 AND 7);
