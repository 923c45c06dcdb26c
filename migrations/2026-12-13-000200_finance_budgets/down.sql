DROP POLICY finance_budgets_tenant_isolation ON finance_budgets;
DROP TABLE finance_budgets;
