-- The language a person reads Homeroom in, and the school's default for those
-- who chose none: a BCP 47 tag of a shipped language (`es`, `fr`), NULL for "not chosen".
ALTER TABLE organizations ADD COLUMN language text
    CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$');
ALTER TABLE users ADD COLUMN language text
    CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$');
