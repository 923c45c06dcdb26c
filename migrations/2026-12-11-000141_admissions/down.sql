DROP TABLE admissions;
DROP TYPE admission_stage;
