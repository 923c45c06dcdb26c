ALTER TABLE assessment_results DROP CONSTRAINT assessment_results_mark_or_score;
ALTER TABLE assessment_results DROP COLUMN mark;
DROP TYPE result_mark;
