-- When a student's record was erased (its personal data removed or anonymized for
-- good): the row stays, named by a placeholder, so invoices, payments and attendance
-- counts keep their student; an erased row is never listed or erased again.
ALTER TABLE students ADD COLUMN erased_at timestamptz;
