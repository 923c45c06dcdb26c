ALTER FUNCTION homeroom_taught_classes() ROWS 1000;
ALTER FUNCTION homeroom_own_staff() ROWS 1000;
