DROP POLICY invoice_lines_tenant_isolation ON invoice_lines;
DROP TABLE invoice_lines;
DROP FUNCTION homeroom_invoice_lines_changed();
DROP FUNCTION homeroom_invoice_totals(uuid[]);
