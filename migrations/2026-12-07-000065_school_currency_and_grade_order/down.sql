-- The back-filled grade order stays: it is data, and a valid order either way.
ALTER TABLE organizations DROP COLUMN currency;
