DROP INDEX invoices_voided_by_id_idx;
ALTER TABLE invoices
    DROP CONSTRAINT invoices_void_explained,
    DROP COLUMN void_reason,
    DROP COLUMN voided_by_id,
    DROP COLUMN voided_at;
DELETE FROM payments WHERE refund_of IS NOT NULL;
DROP INDEX payments_taken_together_idx;
DROP INDEX payments_refund_of_idx;
DROP INDEX payments_refunded_once;
ALTER TABLE payments
    DROP CONSTRAINT payments_amount_sign,
    DROP COLUMN taken_together,
    DROP COLUMN refund_reason,
    DROP COLUMN refund_of;
ALTER TABLE payments ADD CONSTRAINT payments_amount_check CHECK (amount > 0);
