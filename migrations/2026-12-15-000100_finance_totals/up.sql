-- Running totals behind the finance overview and the budgets, so that neither sums
-- every invoice and payment of the school on each visit: what was billed (live
-- invoices neither draft nor void, by issue month) and collected (live payments,
-- refunds being negative ones, by the month they were received in the school's
-- time zone) per organization and month, and what each fee plan billed and
-- collected (the live payments on its live invoices). Statement triggers on
-- invoices and payments keep them: every write (invoicing, an invoice's lines
-- changing its total, payments over several invoices, refunds, voids, soft
-- deletes and restores) adds what the new rows count for and takes away what the
-- old rows counted for. A school's new time zone recounts its months. The aging
-- report reads what is still owed on the open invoices of fee plans the same way,
-- per campus, plan and due date.

CREATE TABLE finance_month_totals (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    month date NOT NULL,
    billed numeric NOT NULL DEFAULT 0,
    collected numeric NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT finance_month_totals_once_per_month UNIQUE (organization_id, month),
    CONSTRAINT finance_month_totals_first_day CHECK (month = date_trunc('month', month)::date)
);

CREATE TABLE finance_plan_totals (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    fee_plan_id uuid NOT NULL REFERENCES fee_plans ON DELETE CASCADE,
    billed numeric NOT NULL DEFAULT 0,
    collected numeric NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT finance_plan_totals_once_per_plan UNIQUE (fee_plan_id)
);

CREATE INDEX finance_plan_totals_organization_id_idx ON finance_plan_totals (organization_id);

-- What is still owed on the open invoices (live, neither draft nor void, something
-- owed) of a fee plan, per campus and due date.
CREATE TABLE finance_open_balances (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    campus_id uuid REFERENCES campuses ON DELETE CASCADE,
    fee_plan_id uuid NOT NULL REFERENCES fee_plans ON DELETE CASCADE,
    due_date date NOT NULL,
    owed numeric NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT finance_open_balances_once_per_due_date
        UNIQUE NULLS NOT DISTINCT (organization_id, campus_id, fee_plan_id, due_date)
);

CREATE INDEX finance_open_balances_campus_id_idx ON finance_open_balances (campus_id);
CREATE INDEX finance_open_balances_fee_plan_id_idx ON finance_open_balances (fee_plan_id);

ALTER TABLE finance_month_totals ENABLE ROW LEVEL SECURITY;
CREATE POLICY finance_month_totals_tenant_isolation ON finance_month_totals TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());
ALTER TABLE finance_plan_totals ENABLE ROW LEVEL SECURITY;
CREATE POLICY finance_plan_totals_tenant_isolation ON finance_plan_totals TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());
ALTER TABLE finance_open_balances ENABLE ROW LEVEL SECURITY;
CREATE POLICY finance_open_balances_tenant_isolation ON finance_open_balances TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());

-- The time zone a school's payments are dated in: its own, or UTC when PostgreSQL
-- does not know the name (as the application falls back to UTC).
CREATE FUNCTION homeroom_school_zone(org uuid) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    zone text;
BEGIN
    SELECT o.time_zone INTO zone FROM organizations o WHERE o.id = org;
    PERFORM now() AT TIME ZONE zone;
    RETURN coalesce(zone, 'UTC');
EXCEPTION WHEN invalid_parameter_value THEN
    RETURN 'UTC';
END;
$$;

-- Adds what the `added` payments count for and takes away what the `removed` ones
-- counted for. The payments' invoices are locked while their fee plans are read, so
-- an invoice moving to another plan or deleted at the same time moves either before
-- or after these payments are counted, never around them.
CREATE FUNCTION homeroom_finance_count_payments(added payments[], removed payments[])
RETURNS void LANGUAGE sql AS $$
    INSERT INTO finance_month_totals AS t (organization_id, month, collected)
    WITH changes AS (
        SELECT a.organization_id, a.paid_at, a.amount FROM unnest(added) a
        WHERE a.deleted_at IS NULL
        UNION ALL
        SELECT r.organization_id, r.paid_at, -r.amount FROM unnest(removed) r
        WHERE r.deleted_at IS NULL),
    zones AS (
        SELECT o.organization_id, homeroom_school_zone(o.organization_id) AS zone
        FROM (SELECT DISTINCT organization_id FROM changes) o)
    SELECT c.organization_id, date_trunc('month', (c.paid_at AT TIME ZONE z.zone)::date)::date,
           sum(c.amount)
    FROM changes c JOIN zones z USING (organization_id)
    GROUP BY 1, 2 HAVING sum(c.amount) <> 0
    ORDER BY 1, 2
    ON CONFLICT (organization_id, month) DO UPDATE SET collected = t.collected + EXCLUDED.collected;

    INSERT INTO finance_plan_totals AS t (organization_id, fee_plan_id, collected)
    WITH changes AS (
        SELECT a.organization_id, a.invoice_id, a.amount FROM unnest(added) a
        WHERE a.deleted_at IS NULL
        UNION ALL
        SELECT r.organization_id, r.invoice_id, -r.amount FROM unnest(removed) r
        WHERE r.deleted_at IS NULL),
    invoices_of AS (
        SELECT i.id, i.fee_plan_id, i.deleted_at FROM invoices i
        WHERE i.id IN (SELECT invoice_id FROM changes)
        ORDER BY i.id
        FOR NO KEY UPDATE)
    SELECT c.organization_id, i.fee_plan_id, sum(c.amount)
    FROM changes c JOIN invoices_of i ON i.id = c.invoice_id
    WHERE i.fee_plan_id IS NOT NULL AND i.deleted_at IS NULL
    GROUP BY 1, 2 HAVING sum(c.amount) <> 0
    ORDER BY 2
    ON CONFLICT (fee_plan_id) DO UPDATE SET collected = t.collected + EXCLUDED.collected;
$$;

-- Adds what the `added` invoices count for and takes away what the `removed` ones
-- counted for: their totals as billed, their balances as still owed, and, for an
-- invoice that joins, leaves or changes fee plan (deleted, restored, moved), its
-- live payments as the plan's.
CREATE FUNCTION homeroom_finance_count_invoices(added invoices[], removed invoices[])
RETURNS void LANGUAGE sql AS $$
    INSERT INTO finance_month_totals AS t (organization_id, month, billed)
    WITH changes AS (
        SELECT a.organization_id, a.issue_date, a.total_amount AS amount FROM unnest(added) a
        WHERE a.deleted_at IS NULL AND a.status NOT IN ('draft', 'void')
        UNION ALL
        SELECT r.organization_id, r.issue_date, -r.total_amount FROM unnest(removed) r
        WHERE r.deleted_at IS NULL AND r.status NOT IN ('draft', 'void'))
    SELECT organization_id, date_trunc('month', issue_date)::date, sum(amount)
    FROM changes
    GROUP BY 1, 2 HAVING sum(amount) <> 0
    ORDER BY 1, 2
    ON CONFLICT (organization_id, month) DO UPDATE SET billed = t.billed + EXCLUDED.billed;

    INSERT INTO finance_plan_totals AS t (organization_id, fee_plan_id, billed)
    WITH changes AS (
        SELECT a.organization_id, a.fee_plan_id, a.total_amount AS amount FROM unnest(added) a
        WHERE a.deleted_at IS NULL AND a.status NOT IN ('draft', 'void')
          AND a.fee_plan_id IS NOT NULL
        UNION ALL
        SELECT r.organization_id, r.fee_plan_id, -r.total_amount FROM unnest(removed) r
        WHERE r.deleted_at IS NULL AND r.status NOT IN ('draft', 'void')
          AND r.fee_plan_id IS NOT NULL)
    SELECT organization_id, fee_plan_id, sum(amount)
    FROM changes
    GROUP BY 1, 2 HAVING sum(amount) <> 0
    ORDER BY 2
    ON CONFLICT (fee_plan_id) DO UPDATE SET billed = t.billed + EXCLUDED.billed;

    INSERT INTO finance_plan_totals AS t (organization_id, fee_plan_id, collected)
    WITH keys AS (
        SELECT a.id, a.organization_id, a.fee_plan_id, 1 AS sign FROM unnest(added) a
        WHERE a.deleted_at IS NULL AND a.fee_plan_id IS NOT NULL
        UNION ALL
        SELECT r.id, r.organization_id, r.fee_plan_id, -1 FROM unnest(removed) r
        WHERE r.deleted_at IS NULL AND r.fee_plan_id IS NOT NULL),
    moved AS (
        SELECT id, organization_id, fee_plan_id, sum(sign) AS sign FROM keys
        GROUP BY 1, 2, 3 HAVING sum(sign) <> 0)
    SELECT m.organization_id, m.fee_plan_id, sum(m.sign * p.amount)
    FROM moved m JOIN payments p ON p.invoice_id = m.id AND p.deleted_at IS NULL
    GROUP BY 1, 2 HAVING sum(m.sign * p.amount) <> 0
    ORDER BY 2
    ON CONFLICT (fee_plan_id) DO UPDATE SET collected = t.collected + EXCLUDED.collected;

    INSERT INTO finance_open_balances AS t (organization_id, campus_id, fee_plan_id, due_date, owed)
    WITH changes AS (
        SELECT a.organization_id, a.campus_id, a.fee_plan_id, a.due_date, a.balance_due AS owed
        FROM unnest(added) a
        WHERE a.deleted_at IS NULL AND a.status NOT IN ('draft', 'void') AND a.balance_due > 0
          AND a.fee_plan_id IS NOT NULL
        UNION ALL
        SELECT r.organization_id, r.campus_id, r.fee_plan_id, r.due_date, -r.balance_due
        FROM unnest(removed) r
        WHERE r.deleted_at IS NULL AND r.status NOT IN ('draft', 'void') AND r.balance_due > 0
          AND r.fee_plan_id IS NOT NULL)
    SELECT organization_id, campus_id, fee_plan_id, due_date, sum(owed)
    FROM changes
    GROUP BY 1, 2, 3, 4 HAVING sum(owed) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (organization_id, campus_id, fee_plan_id, due_date)
    DO UPDATE SET owed = t.owed + EXCLUDED.owed;
$$;

CREATE FUNCTION homeroom_finance_invoices_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM homeroom_finance_count_invoices(ARRAY(SELECT n::invoices FROM new_rows n), '{}');
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM homeroom_finance_count_invoices('{}', ARRAY(SELECT o::invoices FROM old_rows o));
    ELSE
        PERFORM homeroom_finance_count_invoices(
            ARRAY(SELECT n::invoices FROM new_rows n), ARRAY(SELECT o::invoices FROM old_rows o));
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION homeroom_finance_payments_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM homeroom_finance_count_payments(ARRAY(SELECT n::payments FROM new_rows n), '{}');
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM homeroom_finance_count_payments('{}', ARRAY(SELECT o::payments FROM old_rows o));
    ELSE
        PERFORM homeroom_finance_count_payments(
            ARRAY(SELECT n::payments FROM new_rows n), ARRAY(SELECT o::payments FROM old_rows o));
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER invoices_finance_totals_insert AFTER INSERT ON invoices
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_finance_invoices_changed();
CREATE TRIGGER invoices_finance_totals_update AFTER UPDATE ON invoices
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_finance_invoices_changed();
CREATE TRIGGER invoices_finance_totals_delete AFTER DELETE ON invoices
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_finance_invoices_changed();
CREATE TRIGGER payments_finance_totals_insert AFTER INSERT ON payments
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_finance_payments_changed();
CREATE TRIGGER payments_finance_totals_update AFTER UPDATE ON payments
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_finance_payments_changed();
CREATE TRIGGER payments_finance_totals_delete AFTER DELETE ON payments
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_finance_payments_changed();

-- Counts a school's payments into its months again, in its time zone.
CREATE FUNCTION homeroom_finance_recount_collected(org uuid) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    UPDATE finance_month_totals SET collected = 0
    WHERE organization_id = org AND collected <> 0;
    INSERT INTO finance_month_totals AS t (organization_id, month, collected)
    SELECT p.organization_id,
           date_trunc('month', (p.paid_at AT TIME ZONE (SELECT homeroom_school_zone(org)))::date)::date,
           sum(p.amount)
    FROM payments p
    WHERE p.organization_id = org AND p.deleted_at IS NULL
    GROUP BY 1, 2 HAVING sum(p.amount) <> 0
    ORDER BY 1, 2
    ON CONFLICT (organization_id, month) DO UPDATE SET collected = EXCLUDED.collected;
$$;

CREATE FUNCTION homeroom_finance_zone_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM homeroom_finance_recount_collected(NEW.id);
    RETURN NULL;
END;
$$;

CREATE TRIGGER organizations_finance_zone AFTER UPDATE OF time_zone ON organizations
    FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone)
    EXECUTE FUNCTION homeroom_finance_zone_changed();

-- What the invoices and payments written so far count for.
INSERT INTO finance_month_totals (organization_id, month, billed)
SELECT organization_id, date_trunc('month', issue_date)::date, sum(total_amount)
FROM invoices
WHERE deleted_at IS NULL AND status NOT IN ('draft', 'void')
GROUP BY 1, 2;

SELECT homeroom_finance_recount_collected(id) FROM organizations;

INSERT INTO finance_plan_totals (organization_id, fee_plan_id, billed, collected)
SELECT f.organization_id, f.id,
       coalesce((SELECT sum(i.total_amount) FROM invoices i
                 WHERE i.fee_plan_id = f.id AND i.deleted_at IS NULL
                   AND i.status NOT IN ('draft', 'void')), 0),
       coalesce((SELECT sum(p.amount) FROM payments p
                 JOIN invoices i ON i.id = p.invoice_id
                 WHERE i.fee_plan_id = f.id AND i.deleted_at IS NULL
                   AND p.deleted_at IS NULL), 0)
FROM fee_plans f
WHERE EXISTS (SELECT 1 FROM invoices i WHERE i.fee_plan_id = f.id);

INSERT INTO finance_open_balances (organization_id, campus_id, fee_plan_id, due_date, owed)
SELECT organization_id, campus_id, fee_plan_id, due_date, sum(balance_due)
FROM invoices
WHERE deleted_at IS NULL AND status NOT IN ('draft', 'void') AND balance_due > 0
  AND fee_plan_id IS NOT NULL
GROUP BY 1, 2, 3, 4;
