ALTER TABLE students DROP COLUMN erased_at;
