-- Finance: fee plans, invoices and the payments against them. Money is
-- numeric(12,2), never a float.

CREATE TYPE billing_cycle AS ENUM ('one_time', 'monthly', 'quarterly', 'termly', 'annually');
CREATE TYPE invoice_status AS ENUM
    ('draft', 'issued', 'partially_paid', 'paid', 'overdue', 'void');
CREATE TYPE payment_method AS ENUM
    ('cash', 'card', 'bank_transfer', 'cheque', 'mobile_money', 'online');

CREATE TABLE fee_plans (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    academic_year_id uuid REFERENCES academic_years,
    grade_id uuid REFERENCES grades,
    name text NOT NULL,
    billing_cycle billing_cycle NOT NULL,
    total_amount numeric(12,2) NOT NULL CHECK (total_amount >= 0),
    active boolean NOT NULL DEFAULT false,
    notes text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

-- balance_due = total_amount - the live payments, kept by the application in the
-- same transaction as every payment write.
CREATE TABLE invoices (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    campus_id uuid REFERENCES campuses,
    student_id uuid NOT NULL REFERENCES students,
    fee_plan_id uuid REFERENCES fee_plans,
    invoice_number text NOT NULL,
    issue_date date NOT NULL,
    due_date date NOT NULL,
    subtotal numeric(12,2) NOT NULL CHECK (subtotal >= 0),
    discount_amount numeric(12,2) NOT NULL DEFAULT 0 CHECK (discount_amount >= 0),
    tax_amount numeric(12,2) NOT NULL DEFAULT 0 CHECK (tax_amount >= 0),
    total_amount numeric(12,2) NOT NULL CHECK (total_amount >= 0),
    balance_due numeric(12,2) NOT NULL CHECK (balance_due >= 0),
    status invoice_status NOT NULL,
    notes text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users,
    CONSTRAINT invoices_total_is_sum_of_parts
        CHECK (total_amount = subtotal - discount_amount + tax_amount),
    CONSTRAINT invoices_balance_within_total CHECK (balance_due <= total_amount),
    CONSTRAINT invoices_due_after_issue CHECK (due_date >= issue_date)
);

CREATE TABLE payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    invoice_id uuid NOT NULL REFERENCES invoices,
    received_by_id uuid REFERENCES staff,
    receipt_number text NOT NULL,
    paid_at timestamptz NOT NULL,
    amount numeric(12,2) NOT NULL CHECK (amount > 0),
    method payment_method NOT NULL,
    reference_code text,
    notes text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

-- Unique among live rows.
CREATE UNIQUE INDEX invoices_organization_id_invoice_number_live_key
    ON invoices (organization_id, invoice_number) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX payments_organization_id_receipt_number_live_key
    ON payments (organization_id, receipt_number) WHERE deleted_at IS NULL;

-- Foreign keys and hot paths. invoices.organization_id is covered by the
-- (organization_id, status) index.
CREATE INDEX fee_plans_organization_id_idx ON fee_plans (organization_id);
CREATE INDEX fee_plans_academic_year_id_idx ON fee_plans (academic_year_id);
CREATE INDEX fee_plans_grade_id_idx ON fee_plans (grade_id);
CREATE INDEX fee_plans_created_by_id_idx ON fee_plans (created_by_id);
CREATE INDEX fee_plans_updated_by_id_idx ON fee_plans (updated_by_id);

CREATE INDEX invoices_organization_id_status_idx ON invoices (organization_id, status);
CREATE INDEX invoices_campus_id_idx ON invoices (campus_id);
CREATE INDEX invoices_student_id_idx ON invoices (student_id);
CREATE INDEX invoices_fee_plan_id_idx ON invoices (fee_plan_id);
CREATE INDEX invoices_created_by_id_idx ON invoices (created_by_id);
CREATE INDEX invoices_updated_by_id_idx ON invoices (updated_by_id);

CREATE INDEX payments_organization_id_idx ON payments (organization_id);
CREATE INDEX payments_invoice_id_idx ON payments (invoice_id);
CREATE INDEX payments_received_by_id_idx ON payments (received_by_id);
CREATE INDEX payments_created_by_id_idx ON payments (created_by_id);
CREATE INDEX payments_updated_by_id_idx ON payments (updated_by_id);

CREATE TRIGGER fee_plans_set_updated_at BEFORE UPDATE ON fee_plans
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER invoices_set_updated_at BEFORE UPDATE ON invoices
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER payments_set_updated_at BEFORE UPDATE ON payments
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
