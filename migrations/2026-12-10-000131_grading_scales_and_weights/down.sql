DROP TRIGGER organizations_seed_grading_scale ON organizations;
DROP FUNCTION homeroom_seed_grading_scale();
DROP POLICY assessment_weights_tenant_isolation ON assessment_weights;
DROP POLICY grading_scale_bands_tenant_isolation ON grading_scale_bands;
DROP TABLE assessment_weights;
DROP TABLE grading_scale_bands;
