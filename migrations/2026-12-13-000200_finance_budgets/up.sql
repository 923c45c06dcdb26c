-- Budgets: what the school expects each fee plan (its income categories; Homeroom
-- records no spending) to bring in over an academic year, one amount per plan
-- and year, set by the bursar and set against what was billed and collected.

CREATE TABLE finance_budgets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    academic_year_id uuid NOT NULL REFERENCES academic_years,
    fee_plan_id uuid NOT NULL REFERENCES fee_plans,
    amount numeric(12,2) NOT NULL CHECK (amount >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by_id uuid REFERENCES users,
    CONSTRAINT finance_budgets_once_per_year_and_plan UNIQUE (academic_year_id, fee_plan_id)
);

CREATE INDEX finance_budgets_organization_id_idx ON finance_budgets (organization_id);
CREATE INDEX finance_budgets_fee_plan_id_idx ON finance_budgets (fee_plan_id);
CREATE INDEX finance_budgets_updated_by_id_idx ON finance_budgets (updated_by_id);

CREATE TRIGGER finance_budgets_set_updated_at BEFORE UPDATE ON finance_budgets
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();

ALTER TABLE finance_budgets ENABLE ROW LEVEL SECURITY;
CREATE POLICY finance_budgets_tenant_isolation ON finance_budgets TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());
