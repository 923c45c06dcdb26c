-- The reach policies ask which classes a teacher teaches through two set-returning
-- functions. PostgreSQL guesses 1,000 rows for any such function, so under the
-- policy a teacher's read of one student's marks scanned every roll of the school
-- to find their classes' few. A member of staff is one person with one staff row,
-- and teaches a handful of classes: with those estimates the rolls are found
-- through their class index.
ALTER FUNCTION homeroom_own_staff() ROWS 1;
ALTER FUNCTION homeroom_taught_classes() ROWS 10;
