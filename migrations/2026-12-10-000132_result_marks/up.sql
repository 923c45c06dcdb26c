-- A result may be marked instead of scored: excused (left out of averages) or
-- missing (counted as nothing). Neither is a score of 0, so the score stays empty.
CREATE TYPE result_mark AS ENUM ('excused', 'missing');

ALTER TABLE assessment_results ADD COLUMN mark result_mark;
ALTER TABLE assessment_results ADD CONSTRAINT assessment_results_mark_or_score
    CHECK (mark IS NULL OR score IS NULL);
