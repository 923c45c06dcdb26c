DROP TABLE staff;
DROP TABLE guardians;
DROP TABLE students;
DROP TABLE campuses;

DROP TYPE staff_status;
DROP TYPE staff_type;
DROP TYPE guardian_relationship;
DROP TYPE student_status;
DROP TYPE student_gender;
