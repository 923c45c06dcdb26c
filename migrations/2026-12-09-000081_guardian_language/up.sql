-- The language a guardian reads, for the absence alerts and notices sent to them:
-- a BCP 47 tag of a shipped language (`es`, `fr`), NULL when not known (the
-- school's language is used).
ALTER TABLE guardians ADD COLUMN language text
    CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$');
