ALTER TABLE guardians DROP COLUMN language;
