DROP INDEX staff_search_trgm;
DROP INDEX guardians_search_trgm;
DROP INDEX students_search_trgm;
-- pg_trgm stays: other indexes may use it, and it holds no data.
DROP INDEX file_owner_live_idx;
ALTER TABLE file DROP COLUMN thumbnail_key;
