DROP TABLE payments;
DROP TABLE invoices;
DROP TABLE fee_plans;

DROP TYPE payment_method;
DROP TYPE invoice_status;
DROP TYPE billing_cycle;
