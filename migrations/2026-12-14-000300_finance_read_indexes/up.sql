-- The finance pages' sums at district scale (20,000 invoices, 23,000 payments),
-- read from narrow indexes alone rather than the invoices table.

-- The aging report: the open invoices (live, issued, something still owed), with
-- what it groups them by and sums.
CREATE INDEX invoices_open_balances_idx
    ON invoices (organization_id, campus_id, fee_plan_id, due_date)
    INCLUDE (student_id, balance_due)
    WHERE deleted_at IS NULL AND balance_due > 0 AND status NOT IN ('draft', 'void');

-- The budgets: each fee plan's live invoices, their totals and ids (what the
-- plan billed, and the invoices its payments are matched to).
CREATE INDEX invoices_fee_plan_totals_idx
    ON invoices (fee_plan_id) INCLUDE (organization_id, status, total_amount, id)
    WHERE deleted_at IS NULL;

-- The finance overview's months: the live invoices by issue date, with what it sums.
CREATE INDEX invoices_issued_totals_idx
    ON invoices (organization_id, issue_date) INCLUDE (status, total_amount)
    WHERE deleted_at IS NULL;
