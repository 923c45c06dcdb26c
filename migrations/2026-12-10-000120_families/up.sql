-- Families: one guardian person (name, e-mail, phone, address, language) linked to
-- each of their children, and the household (family) that groups people.
--
-- The `guardians` rows stay the student–guardian link, with the relationship and
-- what the person does for that child (lives with them, emergency contact, receives
-- invoices and messages, may pick them up). Their contact columns stay too, as a
-- copy of the person's kept equal by the triggers below (expand, then contract):
-- whatever writes a link (the record pages, imports, the seed) finds or creates its
-- person, and a change on either side reaches the other.

CREATE TABLE families (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    name text NOT NULL,
    address text,
    notes text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

CREATE TABLE guardian_people (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    family_id uuid REFERENCES families,
    full_name text NOT NULL,
    email text,
    phone text,
    address text,
    language text CONSTRAINT guardian_people_language_check
        CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$'),
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

ALTER TABLE guardians
    ADD COLUMN person_id uuid REFERENCES guardian_people,
    ADD COLUMN lives_with boolean NOT NULL DEFAULT true,
    ADD COLUMN emergency_contact boolean NOT NULL DEFAULT false,
    ADD COLUMN receives_invoices boolean NOT NULL DEFAULT false,
    ADD COLUMN receives_messages boolean NOT NULL DEFAULT true,
    ADD COLUMN pickup_allowed boolean NOT NULL DEFAULT true;

-- Until now the primary contact was the one the office phoned and billed.
UPDATE guardians SET emergency_contact = primary_contact, receives_invoices = primary_contact;

CREATE INDEX families_organization_id_idx ON families (organization_id);
CREATE INDEX families_created_by_id_idx ON families (created_by_id);
CREATE INDEX families_updated_by_id_idx ON families (updated_by_id);
CREATE INDEX guardian_people_organization_id_idx ON guardian_people (organization_id);
CREATE INDEX guardian_people_family_id_idx ON guardian_people (family_id);
CREATE INDEX guardian_people_created_by_id_idx ON guardian_people (created_by_id);
CREATE INDEX guardian_people_updated_by_id_idx ON guardian_people (updated_by_id);
CREATE INDEX guardians_person_id_idx ON guardians (person_id);

-- The same person is found again by e-mail, or by name and phone.
CREATE INDEX guardian_people_email_live_idx
    ON guardian_people (organization_id, homeroom_fold(email)) WHERE deleted_at IS NULL;
CREATE INDEX guardian_people_name_live_idx
    ON guardian_people (organization_id, homeroom_fold(full_name)) WHERE deleted_at IS NULL;
-- The people search (src/search), as the other people's folded text (000060).
CREATE INDEX guardian_people_search_fold_trgm ON guardian_people USING gin (
    homeroom_fold(coalesce(full_name, '') || ' ' || coalesce(email, '') || ' ' ||
                  coalesce(phone, '')) gin_trgm_ops
) WHERE deleted_at IS NULL;

CREATE TRIGGER families_set_updated_at BEFORE UPDATE ON families
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER guardian_people_set_updated_at BEFORE UPDATE ON guardian_people
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();

-- Tenant isolation and the audit trail, as every tenant table (000014, 000016).
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['families', 'guardian_people'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY %I ON %I TO homeroom_app USING (organization_id = homeroom_current_organization()) '
            'WITH CHECK (organization_id = homeroom_current_organization())',
            t || '_tenant_isolation', t);
        EXECUTE format(
            'CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_insert()',
            t || '_audit_insert', t);
        EXECUTE format(
            'CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_update()',
            t || '_audit_update', t);
    END LOOP;
END
$$;

-- Digits of a phone number, so "+1 (555) 010-2030" and "5550102030" compare equal
-- on their last ten digits.
CREATE FUNCTION homeroom_phone_key(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT nullif(right(regexp_replace($1, '[^0-9]', '', 'g'), 10), '') $$;

-- The live person of the organization that a link's contact names: the same e-mail
-- (case and accents aside), else the same name with the same phone.
CREATE FUNCTION homeroom_matching_person(org uuid, name text, mail text, tel text)
    RETURNS uuid
    LANGUAGE sql STABLE
    AS $$
    SELECT p.id FROM guardian_people p
    WHERE p.organization_id = org AND p.deleted_at IS NULL
      AND ((mail IS NOT NULL AND homeroom_fold(p.email) = homeroom_fold(mail))
           OR (tel IS NOT NULL AND homeroom_fold(p.full_name) = homeroom_fold(name)
               AND homeroom_phone_key(p.phone) = homeroom_phone_key(tel)))
    ORDER BY p.created_at, p.id
    LIMIT 1
    $$;

-- The family a student's other guardians belong to, else a new one named after the
-- student's surname.
CREATE FUNCTION homeroom_family_of_student(org uuid, student uuid, creator uuid)
    RETURNS uuid
    LANGUAGE plpgsql
    AS $$
DECLARE
    found uuid;
BEGIN
    SELECT p.family_id INTO found
    FROM guardians g JOIN guardian_people p ON p.id = g.person_id
    WHERE g.student_id = student AND g.deleted_at IS NULL AND p.deleted_at IS NULL
      AND p.family_id IS NOT NULL
    ORDER BY g.created_at, g.id LIMIT 1;
    IF found IS NULL THEN
        INSERT INTO families (organization_id, name, address, created_by_id, updated_by_id)
        SELECT org, s.last_name, s.address, creator, creator FROM students s WHERE s.id = student
        RETURNING id INTO found;
    END IF;
    RETURN found;
END;
$$;

-- A link written without a person finds or creates one; a link matched that way
-- reads as its person, completing only what the person lacks. A link given its
-- person keeps what was typed and takes the rest from the person. A link's contact,
-- once written, becomes the person's (and so every other link's: guardians_to_person,
-- then guardian_people_to_links).
CREATE FUNCTION homeroom_guardian_link_person() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    p guardian_people%ROWTYPE;
    picked boolean;
BEGIN
    -- The copies written from the person's side are only copies.
    IF pg_trigger_depth() > 1 THEN
        RETURN NEW;
    END IF;
    picked := NEW.person_id IS NOT NULL
        AND (TG_OP = 'INSERT' OR NEW.person_id IS DISTINCT FROM OLD.person_id);
    IF NEW.person_id IS NULL THEN
        NEW.person_id := homeroom_matching_person(NEW.organization_id, NEW.full_name,
                                                  NEW.email, NEW.phone);
    END IF;
    IF NEW.person_id IS NULL THEN
        INSERT INTO guardian_people (organization_id, family_id, full_name, email, phone,
                                     address, language, created_by_id, updated_by_id)
        VALUES (NEW.organization_id,
                homeroom_family_of_student(NEW.organization_id, NEW.student_id, NEW.created_by_id),
                NEW.full_name, NEW.email, NEW.phone, NEW.address, NEW.language,
                NEW.created_by_id, NEW.updated_by_id)
        RETURNING id INTO NEW.person_id;
        RETURN NEW;
    END IF;
    SELECT * INTO p FROM guardian_people WHERE id = NEW.person_id;
    IF NOT FOUND THEN
        RETURN NEW;
    END IF;
    -- Merging links them to their person and changes nobody's contact.
    IF current_setting('homeroom.merging_guardians', true) = 'on' THEN
        RETURN NEW;
    END IF;
    IF picked AND TG_OP = 'UPDATE' THEN
        -- Another person picked for this link: the link now reads as that person.
        NEW.full_name := p.full_name; NEW.email := p.email; NEW.phone := p.phone;
        NEW.address := p.address; NEW.language := p.language;
    ELSIF TG_OP = 'INSERT' AND NOT picked THEN
        -- Typing a parent again never changes the parent on file; it may complete it.
        NEW.full_name := p.full_name;
        NEW.email := coalesce(p.email, NEW.email);
        NEW.phone := coalesce(p.phone, NEW.phone);
        NEW.address := coalesce(p.address, NEW.address);
        NEW.language := coalesce(p.language, NEW.language);
    ELSIF TG_OP = 'INSERT' THEN
        -- A person picked: what was typed beside it wins, the rest is theirs.
        NEW.full_name := coalesce(nullif(NEW.full_name, ''), p.full_name);
        NEW.email := coalesce(NEW.email, p.email);
        NEW.phone := coalesce(NEW.phone, p.phone);
        NEW.address := coalesce(NEW.address, p.address);
        NEW.language := coalesce(NEW.language, p.language);
    ELSE
        -- A link's contact edited is the person's contact edited.
        NEW.full_name := coalesce(nullif(NEW.full_name, ''), p.full_name);
    END IF;
    IF p.family_id IS NULL THEN
        UPDATE guardian_people
        SET family_id = homeroom_family_of_student(NEW.organization_id, NEW.student_id, NEW.updated_by_id)
        WHERE id = p.id;
    END IF;
    RETURN NEW;
END;
$$;

-- After the link is written (so the person's other links can be updated in turn),
-- its contact becomes its person's.
CREATE FUNCTION homeroom_guardian_link_to_person() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF pg_trigger_depth() > 1 OR NEW.person_id IS NULL OR NEW.deleted_at IS NOT NULL
       OR current_setting('homeroom.merging_guardians', true) = 'on' THEN
        RETURN NULL;
    END IF;
    UPDATE guardian_people
    SET full_name = NEW.full_name, email = NEW.email, phone = NEW.phone,
        address = NEW.address, language = NEW.language,
        updated_by_id = coalesce(NEW.updated_by_id, updated_by_id)
    WHERE id = NEW.person_id
      AND (full_name, email, phone, address, language)
          IS DISTINCT FROM (NEW.full_name, NEW.email, NEW.phone, NEW.address, NEW.language);
    RETURN NULL;
END;
$$;

-- A person's changed contact reaches every link of theirs.
CREATE FUNCTION homeroom_guardian_person_to_links() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.full_name, NEW.email, NEW.phone, NEW.address, NEW.language)
       IS DISTINCT FROM (OLD.full_name, OLD.email, OLD.phone, OLD.address, OLD.language) THEN
        UPDATE guardians
        SET full_name = NEW.full_name, email = NEW.email, phone = NEW.phone,
            address = NEW.address, language = NEW.language
        WHERE person_id = NEW.id
          AND (full_name, email, phone, address, language)
              IS DISTINCT FROM (NEW.full_name, NEW.email, NEW.phone, NEW.address, NEW.language);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER guardians_link_person
    BEFORE INSERT OR UPDATE OF person_id, full_name, email, phone, address, language, student_id
    ON guardians FOR EACH ROW EXECUTE FUNCTION homeroom_guardian_link_person();
CREATE TRIGGER guardians_to_person
    AFTER INSERT OR UPDATE OF person_id, full_name, email, phone, address, language
    ON guardians FOR EACH ROW EXECUTE FUNCTION homeroom_guardian_link_to_person();
CREATE TRIGGER guardian_people_to_links
    AFTER UPDATE OF full_name, email, phone, address, language
    ON guardian_people FOR EACH ROW EXECUTE FUNCTION homeroom_guardian_person_to_links();

-- Merges an organization's duplicate guardians into one person each: every link
-- without a person gets one (the same e-mail, or name and phone, is the same
-- person); people who turn out to be the same are folded into the oldest, which
-- keeps every student link and fills its blanks from the others; two links of one
-- person to the same student become one (the oldest stays). Returns what it did;
-- the migration reports it with RAISE NOTICE. Run again, it changes nothing.
CREATE FUNCTION homeroom_merge_guardians(org uuid)
    RETURNS TABLE (people_created integer, people_merged integer, links_merged integer)
    LANGUAGE plpgsql
    AS $$
DECLARE
    g record;
    dup record;
    before_people integer;
    created integer := 0;
    merged integer := 0;
    links integer := 0;
BEGIN
    PERFORM set_config('homeroom.merging_guardians', 'on', true);
    SELECT count(*) INTO before_people FROM guardian_people
    WHERE organization_id = org AND deleted_at IS NULL;
    -- Links without a person: the trigger finds or creates it.
    FOR g IN SELECT id FROM guardians
             WHERE organization_id = org AND person_id IS NULL
             ORDER BY created_at, id LOOP
        UPDATE guardians SET person_id = NULL WHERE id = g.id;
    END LOOP;
    SELECT count(*) - before_people INTO created FROM guardian_people
    WHERE organization_id = org AND deleted_at IS NULL;
    -- People who are the same person as an older one, until none is left.
    LOOP
        SELECT newer.id AS newer_id, older.id AS older_id INTO dup
        FROM guardian_people newer
        JOIN guardian_people older
          ON older.organization_id = newer.organization_id
         AND older.deleted_at IS NULL
         AND (older.created_at, older.id) < (newer.created_at, newer.id)
         AND ((newer.email IS NOT NULL AND homeroom_fold(older.email) = homeroom_fold(newer.email))
              OR (newer.phone IS NOT NULL
                  AND homeroom_fold(older.full_name) = homeroom_fold(newer.full_name)
                  AND homeroom_phone_key(older.phone) = homeroom_phone_key(newer.phone)))
        WHERE newer.organization_id = org AND newer.deleted_at IS NULL
        ORDER BY older.created_at, older.id, newer.created_at, newer.id
        LIMIT 1;
        EXIT WHEN NOT FOUND;
        UPDATE guardian_people o
        SET email = coalesce(o.email, n.email), phone = coalesce(o.phone, n.phone),
            address = coalesce(o.address, n.address), language = coalesce(o.language, n.language),
            family_id = coalesce(o.family_id, n.family_id)
        FROM guardian_people n
        WHERE o.id = dup.older_id AND n.id = dup.newer_id;
        UPDATE guardians SET person_id = dup.older_id WHERE person_id = dup.newer_id;
        UPDATE guardian_people SET deleted_at = now() WHERE id = dup.newer_id;
        merged := merged + 1;
    END LOOP;
    -- Two live links of one person to the same student: the oldest stays.
    WITH extra AS (
        SELECT id FROM (
            SELECT id, row_number() OVER (PARTITION BY person_id, student_id
                                          ORDER BY primary_contact DESC, created_at, id) AS n
            FROM guardians
            WHERE organization_id = org AND deleted_at IS NULL AND person_id IS NOT NULL
        ) ranked WHERE n > 1
    )
    UPDATE guardians SET deleted_at = now() WHERE id IN (SELECT id FROM extra);
    GET DIAGNOSTICS links = ROW_COUNT;
    PERFORM set_config('homeroom.merging_guardians', 'off', true);
    RETURN QUERY SELECT created, merged, links;
END;
$$;

DO $$
DECLARE
    o record;
    r record;
BEGIN
    FOR o IN SELECT id, name FROM organizations ORDER BY name LOOP
        SELECT * INTO r FROM homeroom_merge_guardians(o.id);
        IF r.people_created + r.people_merged + r.links_merged > 0 THEN
            RAISE NOTICE '%: % guardian people made from their links, % duplicates merged, % duplicate links removed',
                o.name, r.people_created, r.people_merged, r.links_merged;
        END IF;
    END LOOP;
END
$$;
