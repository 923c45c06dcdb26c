-- Shared plumbing for every later migration.
-- gen_random_uuid() is built into PostgreSQL 13+, so no extension is needed.

-- BEFORE UPDATE trigger function for every table with an updated_at column.
-- Only a real change moves updated_at, and a writer that sets updated_at itself
-- (an import keeping the source's timestamp) wins.
CREATE FUNCTION homeroom_set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW IS DISTINCT FROM OLD AND NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END;
$$;
