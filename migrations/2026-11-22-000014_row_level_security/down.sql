-- Undo every policy up.sql made, found by name rather than listed again.
-- The role itself belongs to the whole cluster (other databases may use it), so it stays.
DO $$
DECLARE
    p record;
BEGIN
    FOR p IN
        SELECT tablename, policyname FROM pg_policies
        WHERE schemaname = 'public' AND policyname = tablename || '_tenant_isolation'
    LOOP
        EXECUTE format('DROP POLICY %I ON %I', p.policyname, p.tablename);
        EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', p.tablename);
    END LOOP;
END
$$;

DROP FUNCTION homeroom_current_organization();

ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM homeroom_app;
REVOKE SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public FROM homeroom_app;
REVOKE USAGE ON SCHEMA public FROM homeroom_app;
