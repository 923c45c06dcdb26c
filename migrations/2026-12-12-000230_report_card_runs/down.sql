DROP TABLE report_card_files;
DROP TABLE report_card_runs;
