-- The school's currency, for money on every page (ISO 4217; the schema knows no
-- country to take it from, so schools start in US dollars and change it in settings).
ALTER TABLE organizations
    ADD COLUMN currency text NOT NULL DEFAULT 'USD'
    CONSTRAINT organizations_currency_is_a_code CHECK (currency ~ '^[A-Z]{3}$');

-- Grades sort by sort_order; a grade without one takes the number in its name
-- ("Grade 10" is 10), and a kindergarten comes before grade 1.
UPDATE grades
SET sort_order = CASE
    WHEN name ~ '[0-9]' THEN least((substring(name FROM '[0-9]+'))::numeric, 1000)::integer
    WHEN name ~* '^(k|kg|kindergarten|reception)$' THEN 0
END
WHERE sort_order IS NULL AND (name ~ '[0-9]' OR name ~* '^(k|kg|kindergarten|reception)$');
