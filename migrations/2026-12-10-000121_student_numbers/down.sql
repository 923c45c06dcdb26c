ALTER TABLE students ALTER COLUMN status DROP DEFAULT;
DROP TABLE student_number_counters;
ALTER TABLE organizations DROP COLUMN student_number_pattern;
