-- The bursar's desk: a refund is a payment row of its own with a negative amount,
-- naming the payment it gives back and why, numbered in its own gap-free series
-- (RFD-…), so an invoice's balance stays its total less the sum of its payments.
-- A void invoice keeps its number and says when, by whom and why it was voided.

ALTER TABLE payments DROP CONSTRAINT payments_amount_check;
ALTER TABLE payments
    ADD COLUMN refund_of uuid REFERENCES payments,
    ADD COLUMN refund_reason text,
    -- The payments taken together at the desk, one amount over several invoices.
    ADD COLUMN taken_together uuid,
    ADD CONSTRAINT payments_amount_sign CHECK (
        (refund_of IS NULL AND amount > 0 AND refund_reason IS NULL)
        OR (refund_of IS NOT NULL AND amount < 0
            AND char_length(btrim(refund_reason)) BETWEEN 1 AND 500));
CREATE UNIQUE INDEX payments_refunded_once ON payments (refund_of)
    WHERE refund_of IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX payments_refund_of_idx ON payments (refund_of);
CREATE INDEX payments_taken_together_idx ON payments (taken_together);

ALTER TABLE invoices
    ADD COLUMN voided_at timestamptz,
    ADD COLUMN voided_by_id uuid REFERENCES users,
    ADD COLUMN void_reason text,
    ADD CONSTRAINT invoices_void_explained CHECK (
        voided_at IS NULL
        OR (status = 'void' AND char_length(btrim(void_reason)) BETWEEN 1 AND 500));
CREATE INDEX invoices_voided_by_id_idx ON invoices (voided_by_id);
