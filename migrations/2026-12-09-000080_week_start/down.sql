ALTER TABLE organizations DROP COLUMN week_start;
