-- The timetable builder: a campus's bell times (the rows of the week grid), and
-- clashes refused by the database. Within one timetable and day a room and a class
-- are never booked twice at overlapping times (exclusion constraints over the time
-- range, btree_gist for the equality parts), and a teacher never teaches two
-- lessons at once (a trigger that locks the timetable, since the teacher lives on
-- the class subject). Lessons that already clashed before these rules are kept,
-- marked `clash_exempt` and reported, never refused by the migration.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE bell_periods (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    campus_id uuid NOT NULL REFERENCES campuses,
    name text NOT NULL,
    starts_at time NOT NULL,
    ends_at time NOT NULL,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users,
    CONSTRAINT bell_periods_ends_after_start CHECK (ends_at > starts_at),
    CONSTRAINT bell_periods_no_overlap EXCLUDE USING gist (
        campus_id WITH =,
        tsrange(DATE '2000-01-03' + starts_at, DATE '2000-01-03' + ends_at) WITH &&
    ) WHERE (deleted_at IS NULL)
);

CREATE INDEX bell_periods_organization_id_idx ON bell_periods (organization_id);
CREATE INDEX bell_periods_created_by_id_idx ON bell_periods (created_by_id);
CREATE INDEX bell_periods_updated_by_id_idx ON bell_periods (updated_by_id);

CREATE TRIGGER bell_periods_set_updated_at BEFORE UPDATE ON bell_periods
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER bell_periods_audit_insert AFTER INSERT ON bell_periods
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_insert();
CREATE TRIGGER bell_periods_audit_update AFTER UPDATE ON bell_periods
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_audit_update();

ALTER TABLE bell_periods ENABLE ROW LEVEL SECURITY;
CREATE POLICY bell_periods_tenant_isolation ON bell_periods TO homeroom_app
    USING (organization_id = homeroom_current_organization())
    WITH CHECK (organization_id = homeroom_current_organization());

-- Existing schools start with the times their lessons already use.
INSERT INTO bell_periods (organization_id, campus_id, name, starts_at, ends_at)
SELECT DISTINCT ON (t.campus_id, p.starts_at)
       t.organization_id, t.campus_id, to_char(p.starts_at, 'HH24:MI'), p.starts_at, p.ends_at
FROM timetable_periods p
JOIN timetables t ON t.id = p.timetable_id
WHERE p.deleted_at IS NULL AND t.deleted_at IS NULL
  AND NOT EXISTS (
      SELECT 1 FROM timetable_periods q JOIN timetables u ON u.id = q.timetable_id
      WHERE u.campus_id = t.campus_id AND q.deleted_at IS NULL AND u.deleted_at IS NULL
        AND q.starts_at < p.starts_at AND q.ends_at > p.starts_at
  )
ORDER BY t.campus_id, p.starts_at, p.ends_at;

-- The class of a lesson, copied from its class subject so a constraint can see it.
ALTER TABLE timetable_periods ADD COLUMN class_id uuid REFERENCES classes;
ALTER TABLE timetable_periods ADD COLUMN clash_exempt boolean NOT NULL DEFAULT false;
UPDATE timetable_periods p SET class_id = cs.class_id
FROM class_subjects cs WHERE cs.id = p.class_subject_id;
ALTER TABLE timetable_periods ALTER COLUMN class_id SET NOT NULL;
CREATE INDEX timetable_periods_class_id_idx ON timetable_periods (class_id);

CREATE FUNCTION homeroom_timetable_period_class() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    SELECT cs.class_id INTO NEW.class_id FROM class_subjects cs WHERE cs.id = NEW.class_subject_id;
    RETURN NEW;
END;
$$;
CREATE TRIGGER timetable_periods_a_class BEFORE INSERT OR UPDATE OF class_subject_id
    ON timetable_periods FOR EACH ROW EXECUTE FUNCTION homeroom_timetable_period_class();

-- Lessons that clashed before: the later of each clashing pair is exempt (and reported).
UPDATE timetable_periods p SET clash_exempt = true
WHERE p.deleted_at IS NULL AND EXISTS (
    SELECT 1 FROM timetable_periods q
    WHERE q.timetable_id = p.timetable_id AND q.day_of_week = p.day_of_week
      AND q.deleted_at IS NULL AND q.id <> p.id
      AND (q.created_at, q.id) < (p.created_at, p.id)
      AND q.starts_at < p.ends_at AND p.starts_at < q.ends_at
      AND (q.class_id = p.class_id OR lower(btrim(q.room)) = lower(btrim(p.room)))
);

DO $$
DECLARE exempt bigint;
BEGIN
    SELECT count(*) INTO exempt FROM timetable_periods WHERE clash_exempt;
    IF exempt > 0 THEN
        RAISE NOTICE '% lessons clash with another and are listed on their timetable''s clash report', exempt;
    END IF;
END;
$$;

ALTER TABLE timetable_periods ADD CONSTRAINT timetable_periods_room_free EXCLUDE USING gist (
    timetable_id WITH =, day_of_week WITH =, (lower(btrim(room))) WITH =,
    tsrange(DATE '2000-01-03' + starts_at, DATE '2000-01-03' + ends_at) WITH &&
) WHERE (deleted_at IS NULL AND NOT clash_exempt);

ALTER TABLE timetable_periods ADD CONSTRAINT timetable_periods_class_free EXCLUDE USING gist (
    timetable_id WITH =, day_of_week WITH =, class_id WITH =,
    tsrange(DATE '2000-01-03' + starts_at, DATE '2000-01-03' + ends_at) WITH &&
) WHERE (deleted_at IS NULL AND NOT clash_exempt);

-- A teacher teaches one lesson at a time within a timetable. The timetable's row is
-- locked first, so two lessons written at once are checked one after the other.
CREATE FUNCTION homeroom_timetable_teacher_free() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.deleted_at IS NOT NULL OR NEW.clash_exempt THEN
        RETURN NEW;
    END IF;
    PERFORM 1 FROM timetables WHERE id = NEW.timetable_id FOR UPDATE;
    IF EXISTS (
        SELECT 1 FROM timetable_periods q
        JOIN class_subjects mine ON mine.id = NEW.class_subject_id
        JOIN class_subjects theirs ON theirs.id = q.class_subject_id
        WHERE q.timetable_id = NEW.timetable_id AND q.day_of_week = NEW.day_of_week
          AND q.deleted_at IS NULL AND NOT q.clash_exempt AND q.id <> NEW.id
          AND q.starts_at < NEW.ends_at AND NEW.starts_at < q.ends_at
          AND theirs.teacher_id = mine.teacher_id
    ) THEN
        RAISE EXCEPTION 'a teacher teaches one lesson at a time'
            USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'timetable_periods_teacher_free';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER timetable_periods_teacher_free BEFORE INSERT OR UPDATE ON timetable_periods
    FOR EACH ROW EXECUTE FUNCTION homeroom_timetable_teacher_free();
