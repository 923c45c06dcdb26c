-- The audit trail of the install-wide tables (organizations, content_catalog): the
-- same as the tenant tables' trail, written without an organization, since these
-- rows belong to the whole install.

CREATE FUNCTION homeroom_audit_insert_install() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('homeroom.audit', true) = 'off' THEN
        RETURN NULL;
    END IF;
    INSERT INTO audit_log (organization_id, user_id, table_name, row_id, action, changes)
    SELECT NULL, coalesce(homeroom_audit_user(), n.created_by_id), TG_TABLE_NAME,
           n.id, 'create',
           (SELECT coalesce(jsonb_object_agg(key, jsonb_build_object('to', value)), '{}')
              FROM jsonb_each(to_jsonb(n))
             WHERE value <> 'null'::jsonb
               AND key NOT IN ('id', 'created_at', 'updated_at',
                               'created_by_id', 'updated_by_id', 'import_hash'))
      FROM new_rows n;
    RETURN NULL;
END;
$$;

CREATE FUNCTION homeroom_audit_update_install() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('homeroom.audit', true) = 'off' THEN
        RETURN NULL;
    END IF;
    INSERT INTO audit_log (organization_id, user_id, table_name, row_id, action, changes)
    SELECT NULL, coalesce(homeroom_audit_user(), n.updated_by_id), TG_TABLE_NAME,
           n.id,
           CASE
               WHEN o.deleted_at IS NULL AND n.deleted_at IS NOT NULL THEN 'delete'
               WHEN o.deleted_at IS NOT NULL AND n.deleted_at IS NULL THEN 'restore'
               ELSE 'update'
           END::audit_action,
           d.changes
      FROM new_rows n
      JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL (
          SELECT jsonb_object_agg(nv.key, jsonb_build_object('from', ov.value, 'to', nv.value)) AS changes
            FROM jsonb_each(to_jsonb(n)) nv
            JOIN jsonb_each(to_jsonb(o)) ov USING (key)
           WHERE nv.value IS DISTINCT FROM ov.value
             AND nv.key NOT IN ('updated_at', 'updated_by_id')
      ) d
     WHERE d.changes IS NOT NULL;
    RETURN NULL;
END;
$$;

CREATE TRIGGER organizations_audit_insert AFTER INSERT ON organizations
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_insert_install();
CREATE TRIGGER organizations_audit_update AFTER UPDATE ON organizations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_update_install();
CREATE TRIGGER content_catalog_audit_insert AFTER INSERT ON content_catalog
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_insert_install();
CREATE TRIGGER content_catalog_audit_update AFTER UPDATE ON content_catalog
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_update_install();
