-- Invoicing from fee plans: an invoice made from a plan names the billing period
-- it charges (a month, quarter, term or year, as the plan's cycle says), and a
-- student is invoiced once per plan and period whatever is rerun or retried.
-- A school's finance settings say how a student who joins after a period began is
-- charged for it, and how often an overdue invoice's reminder may go out.
-- Discount rules take a percentage or a fixed amount off a plan's fee: for the
-- second and later children of a family (eldest first, by date of birth), or for
-- the students listed on the rule (a staff child, a scholarship).

ALTER TABLE invoices
    ADD COLUMN billing_period_start date,
    ADD COLUMN billing_period_end date,
    ADD COLUMN last_reminded_at timestamptz,
    ADD CONSTRAINT invoices_billing_period_whole
        CHECK ((billing_period_start IS NULL) = (billing_period_end IS NULL)
               AND billing_period_end >= billing_period_start),
    ADD CONSTRAINT invoices_once_per_student_plan_period
        UNIQUE (student_id, fee_plan_id, billing_period_start);

CREATE TABLE finance_settings (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL UNIQUE REFERENCES organizations,
    proration text NOT NULL DEFAULT 'remaining_months'
        CHECK (proration IN ('full', 'remaining_months', 'none')),
    reminder_every_days integer NOT NULL DEFAULT 14 CHECK (reminder_every_days BETWEEN 1 AND 365),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE discount_rules (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    kind text NOT NULL CHECK (kind IN ('percentage', 'fixed')),
    amount numeric(12,2) NOT NULL CHECK (amount > 0),
    applies_to text NOT NULL CHECK (applies_to IN ('siblings', 'listed_students')),
    fee_plan_id uuid REFERENCES fee_plans,
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT discount_rules_percentage_at_most_whole
        CHECK (kind <> 'percentage' OR amount <= 100)
);

CREATE TABLE discount_rule_students (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    discount_rule_id uuid NOT NULL REFERENCES discount_rules,
    student_id uuid NOT NULL REFERENCES students,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT discount_rule_students_once UNIQUE (discount_rule_id, student_id)
);

ALTER TABLE invoice_lines ADD COLUMN discount_rule_id uuid REFERENCES discount_rules;

CREATE INDEX invoice_lines_discount_rule_id_idx ON invoice_lines (discount_rule_id);
CREATE INDEX discount_rules_organization_id_idx ON discount_rules (organization_id);
CREATE INDEX discount_rules_fee_plan_id_idx ON discount_rules (fee_plan_id);
CREATE INDEX discount_rule_students_organization_id_idx ON discount_rule_students (organization_id);
CREATE INDEX discount_rule_students_student_id_idx ON discount_rule_students (student_id);

CREATE TRIGGER finance_settings_set_updated_at BEFORE UPDATE ON finance_settings
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER discount_rules_set_updated_at BEFORE UPDATE ON discount_rules
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();

ALTER TABLE finance_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY finance_settings_tenant_isolation ON finance_settings TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());
ALTER TABLE discount_rules ENABLE ROW LEVEL SECURITY;
CREATE POLICY discount_rules_tenant_isolation ON discount_rules TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());
ALTER TABLE discount_rule_students ENABLE ROW LEVEL SECURITY;
CREATE POLICY discount_rule_students_tenant_isolation ON discount_rule_students TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());
