DROP TABLE student_status_changes;
DROP TABLE student_health;
