ALTER TABLE users DROP COLUMN language;
ALTER TABLE organizations DROP COLUMN language;
