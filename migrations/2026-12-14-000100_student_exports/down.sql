DROP TABLE student_exports;
