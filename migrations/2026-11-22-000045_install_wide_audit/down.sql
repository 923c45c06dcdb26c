DROP TRIGGER content_catalog_audit_update ON content_catalog;
DROP TRIGGER content_catalog_audit_insert ON content_catalog;
DROP TRIGGER organizations_audit_update ON organizations;
DROP TRIGGER organizations_audit_insert ON organizations;
DROP FUNCTION homeroom_audit_update_install();
DROP FUNCTION homeroom_audit_insert_install();
