DROP POLICY discount_rule_students_tenant_isolation ON discount_rule_students;
DROP POLICY discount_rules_tenant_isolation ON discount_rules;
DROP POLICY finance_settings_tenant_isolation ON finance_settings;
DROP INDEX invoice_lines_discount_rule_id_idx;
ALTER TABLE invoice_lines DROP COLUMN discount_rule_id;
DROP TABLE discount_rule_students;
DROP TABLE discount_rules;
DROP TABLE finance_settings;
ALTER TABLE invoices
    DROP CONSTRAINT invoices_once_per_student_plan_period,
    DROP CONSTRAINT invoices_billing_period_whole,
    DROP COLUMN last_reminded_at,
    DROP COLUMN billing_period_end,
    DROP COLUMN billing_period_start;
