DROP INDEX assessments_academic_term_id_idx;
ALTER TABLE assessments DROP COLUMN academic_term_id;
DROP POLICY academic_terms_tenant_isolation ON academic_terms;
DROP TABLE academic_terms;
DROP FUNCTION homeroom_academic_term_within_year();
-- btree_gist stays: it holds no data, and other constraints may come to use it.
