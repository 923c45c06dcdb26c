-- An invoice's lines: what is charged (a fee plan's fee, pro-rated or not) and
-- what is taken off (a discount rule's discount, with its reason). The invoice's
-- subtotal, discount, total and balance follow from its lines: one function,
-- run by a statement trigger after every write to them, sets them.

CREATE TABLE invoice_lines (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    invoice_id uuid NOT NULL REFERENCES invoices,
    position integer NOT NULL CHECK (position >= 1),
    description text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 300),
    fee_plan_id uuid REFERENCES fee_plans,
    quantity numeric(10,2) NOT NULL DEFAULT 1 CHECK (quantity >= 0),
    unit_amount numeric(12,2) NOT NULL DEFAULT 0 CHECK (unit_amount >= 0),
    discount numeric(12,2) NOT NULL DEFAULT 0 CHECK (discount >= 0),
    reason text CHECK (char_length(reason) <= 300),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT invoice_lines_position_key UNIQUE (invoice_id, position)
);

CREATE INDEX invoice_lines_organization_id_idx ON invoice_lines (organization_id);
CREATE INDEX invoice_lines_fee_plan_id_idx ON invoice_lines (fee_plan_id);

-- Sets the figures of the invoices `ids` from their lines: the subtotal is the
-- sum of quantity × unit amount (each rounded to the cent), the discount the sum
-- of the lines' discounts; the total adds the invoice's tax, and the balance is
-- the total less the live payments.
CREATE FUNCTION homeroom_invoice_totals(ids uuid[]) RETURNS void
LANGUAGE sql AS $$
    UPDATE invoices i
    SET subtotal = s.subtotal,
        discount_amount = s.discount,
        total_amount = s.subtotal - s.discount + i.tax_amount,
        balance_due = s.subtotal - s.discount + i.tax_amount - s.paid
    FROM (
        SELECT v.id,
               coalesce((SELECT sum(round(l.quantity * l.unit_amount, 2))
                         FROM invoice_lines l WHERE l.invoice_id = v.id), 0) AS subtotal,
               coalesce((SELECT sum(l.discount)
                         FROM invoice_lines l WHERE l.invoice_id = v.id), 0) AS discount,
               coalesce((SELECT sum(p.amount) FROM payments p
                         WHERE p.invoice_id = v.id AND p.deleted_at IS NULL), 0) AS paid
        FROM unnest(ids) AS v(id)
    ) s
    WHERE i.id = s.id
      AND (i.subtotal, i.discount_amount, i.total_amount, i.balance_due)
          IS DISTINCT FROM (s.subtotal, s.discount, s.subtotal - s.discount + i.tax_amount,
                            s.subtotal - s.discount + i.tax_amount - s.paid);
$$;

CREATE FUNCTION homeroom_invoice_lines_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM homeroom_invoice_totals(ARRAY(SELECT DISTINCT invoice_id FROM new_lines));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM homeroom_invoice_totals(ARRAY(SELECT DISTINCT invoice_id FROM old_lines));
    ELSE
        PERFORM homeroom_invoice_totals(ARRAY(
            SELECT invoice_id FROM new_lines UNION SELECT invoice_id FROM old_lines));
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER invoice_lines_totals_insert AFTER INSERT ON invoice_lines
    REFERENCING NEW TABLE AS new_lines
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_invoice_lines_changed();
CREATE TRIGGER invoice_lines_totals_update AFTER UPDATE ON invoice_lines
    REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_invoice_lines_changed();
CREATE TRIGGER invoice_lines_totals_delete AFTER DELETE ON invoice_lines
    REFERENCING OLD TABLE AS old_lines
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_invoice_lines_changed();
CREATE TRIGGER invoice_lines_set_updated_at BEFORE UPDATE ON invoice_lines
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();

ALTER TABLE invoice_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY invoice_lines_tenant_isolation ON invoice_lines TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());
