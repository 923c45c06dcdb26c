-- A campus's daily summary holds everything a day's attendance figure needs, so the
-- dashboard reads one row per campus instead of counting the day's enrolments and
-- marks: the excused marks apart (total_absent still counts them, as before), who
-- was enrolled that day, and how many daily rolls were due and fully taken.
--
-- The summaries follow every write of a mark: a trigger on attendance_records (and
-- one on attendance_sessions for a roll moved, retyped or deleted) recomputes the
-- campus's day in the writer's transaction, whatever wrote it (the roll, the record
-- engine's forms and imports, the seeds, a script).

ALTER TABLE campus_attendance_summaries
    ADD COLUMN total_excused integer NOT NULL DEFAULT 0 CHECK (total_excused >= 0),
    ADD COLUMN students_enrolled integer NOT NULL DEFAULT 0 CHECK (students_enrolled >= 0),
    ADD COLUMN rolls_due integer NOT NULL DEFAULT 0 CHECK (rolls_due >= 0),
    ADD COLUMN rolls_taken integer NOT NULL DEFAULT 0 CHECK (rolls_taken >= 0);

-- Who is enrolled over the days from_day..=to_day, the one definition of a day's
-- "enrolled": the active students with an active enrolment in an active class of
-- an academic year overlapping those days, on the campuses named (NULL: all).
-- homeroom_enrolled_on says whether such an enrolment holds one day. Both are plain
-- SQL, so the planner inlines them into the queries that use them.
CREATE FUNCTION homeroom_enrolments(org uuid, campuses uuid[], from_day date, to_day date)
RETURNS TABLE (class_id uuid, campus_id uuid, grade_id uuid, student_id uuid,
               enrolled_on date, ended_on date, start_date date, end_date date)
LANGUAGE sql STABLE AS $$
    SELECT c.id, c.campus_id, c.grade_id, ce.student_id,
           ce.enrolled_on, ce.ended_on, y.start_date, y.end_date
    FROM academic_years y
    JOIN classes c ON c.academic_year_id = y.id
    JOIN class_enrollments ce ON ce.class_id = c.id
    JOIN students s ON s.id = ce.student_id
    WHERE y.organization_id = org AND y.deleted_at IS NULL
      AND y.end_date >= from_day AND y.start_date <= to_day
      AND ce.organization_id = org AND ce.deleted_at IS NULL AND ce.status = 'active'
      AND c.deleted_at IS NULL AND c.status = 'active'
      AND (campuses IS NULL OR c.campus_id = ANY (campuses))
      AND s.deleted_at IS NULL AND s.status = 'active'
$$;

CREATE FUNCTION homeroom_enrolled_on(day date, enrolled_on date, ended_on date,
                                     start_date date, end_date date)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT (enrolled_on IS NULL OR enrolled_on <= day)
       AND (ended_on IS NULL OR ended_on >= day)
       AND day BETWEEN start_date AND end_date
$$;

-- Recomputes the summaries of one campus (or every campus of the organization) for
-- the days from_day..=to_day from the marks stored; returns how many it wrote.
--
-- Each daily-roll mark counts once: excused is counted apart and, as before, with
-- the absences; late as tardy; the percentage is present or late over everyone
-- marked, rounded half up. A class's daily roll is taken once every student enrolled
-- in it has a mark. A campus's day left without marks loses its summary.
--
-- The campus's day (or, for anything wider, the whole campuses in one order) is
-- locked until the transaction ends before the marks are read, so of two saves on
-- one campus and day the second waits for the first to commit and then counts its
-- marks too. It runs as the owner: a campus's totals count every class's marks,
-- also those the person whose write called it may not read.
CREATE FUNCTION homeroom_refresh_attendance_summaries(org uuid, campus uuid,
                                                      from_day date, to_day date)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
-- Planned for the campus and days given: one campus's day reads that campus alone.
SET plan_cache_mode = force_custom_plan AS $$
DECLARE
    written integer;
BEGIN
    IF campus IS NOT NULL AND from_day = to_day THEN
        -- 'SUMC' and 'SUMD': a shared hold on the campus, the day's own lock.
        PERFORM pg_advisory_xact_lock_shared(1398099267, hashtext(campus::text)),
                pg_advisory_xact_lock(1398099268, hashtext(campus::text || from_day::text));
    ELSE
        PERFORM pg_advisory_xact_lock(1398099267, hashtext(c.id::text))
        FROM (SELECT id FROM campuses
              WHERE organization_id = org AND (campus IS NULL OR id = campus)
              ORDER BY id) c;
    END IF;

    WITH marks AS (
        SELECT s.campus_id, s.class_id, s.session_date AS day, r.status
        FROM attendance_sessions s
        JOIN attendance_records r ON r.attendance_session_id = s.id AND r.deleted_at IS NULL
        WHERE s.organization_id = org AND s.session_type = 'daily' AND s.deleted_at IS NULL
          AND s.session_date BETWEEN from_day AND to_day
          AND (campus IS NULL OR s.campus_id = campus)
    ), days AS (
        SELECT m.campus_id, m.day, count(*) AS marked,
               count(*) FILTER (WHERE m.status = 'present') AS present,
               count(*) FILTER (WHERE m.status = 'absent') AS absent,
               count(*) FILTER (WHERE m.status = 'late') AS late,
               count(*) FILTER (WHERE m.status = 'excused') AS excused
        FROM marks m GROUP BY m.campus_id, m.day
    ), enrolment AS MATERIALIZED (
        SELECT * FROM homeroom_enrolments(
            org, CASE WHEN campus IS NULL THEN NULL ELSE ARRAY[campus] END, from_day, to_day)
    ), on_day AS (
        SELECT d.campus_id, d.day, e.class_id, e.grade_id, e.student_id
        FROM days d
        JOIN enrolment e ON e.campus_id = d.campus_id
         AND homeroom_enrolled_on(d.day, e.enrolled_on, e.ended_on, e.start_date, e.end_date)
    ), enrolled AS (
        SELECT g.campus_id, g.day, sum(g.n) AS students FROM (
            SELECT o.campus_id, o.day, count(DISTINCT o.student_id) AS n
            FROM on_day o GROUP BY o.campus_id, o.day, o.grade_id) g
        GROUP BY g.campus_id, g.day
    ), rolls AS (
        SELECT pc.campus_id, pc.day, count(*) AS due,
               count(*) FILTER (WHERE coalesce(mc.marked, 0) >= pc.enrolled) AS taken
        FROM (SELECT o.campus_id, o.day, o.class_id, count(DISTINCT o.student_id) AS enrolled
              FROM on_day o GROUP BY o.campus_id, o.day, o.class_id) pc
        LEFT JOIN (SELECT m.class_id, m.day, count(*) AS marked
                   FROM marks m GROUP BY m.class_id, m.day) mc
               ON mc.class_id = pc.class_id AND mc.day = pc.day
        GROUP BY pc.campus_id, pc.day
    )
    INSERT INTO campus_attendance_summaries
        (organization_id, campus_id, campus_key, attendance_date, total_enrolled,
         total_present, total_absent, total_tardy, total_excused, attendance_percentage,
         students_enrolled, rolls_due, rolls_taken)
    SELECT org, d.campus_id, coalesce(c.code, c.name), d.day, d.marked,
           d.present, d.absent + d.excused, d.late, d.excused,
           round(100.0 * (d.present + d.late) / d.marked, 2),
           coalesce(e.students, 0), coalesce(r.due, 0), coalesce(r.taken, 0)
    FROM days d
    JOIN campuses c ON c.id = d.campus_id
    LEFT JOIN enrolled e ON e.campus_id = d.campus_id AND e.day = d.day
    LEFT JOIN rolls r ON r.campus_id = d.campus_id AND r.day = d.day
    ON CONFLICT (campus_id, attendance_date) WHERE deleted_at IS NULL DO UPDATE SET
        total_enrolled = EXCLUDED.total_enrolled,
        total_present = EXCLUDED.total_present,
        total_absent = EXCLUDED.total_absent,
        total_tardy = EXCLUDED.total_tardy,
        total_excused = EXCLUDED.total_excused,
        attendance_percentage = EXCLUDED.attendance_percentage,
        students_enrolled = EXCLUDED.students_enrolled,
        rolls_due = EXCLUDED.rolls_due,
        rolls_taken = EXCLUDED.rolls_taken;
    GET DIAGNOSTICS written = ROW_COUNT;

    IF campus IS NOT NULL AND from_day = to_day THEN
        UPDATE campus_attendance_summaries m SET deleted_at = now()
        WHERE m.organization_id = org AND m.campus_id = campus
          AND m.attendance_date = from_day AND m.deleted_at IS NULL
          AND NOT EXISTS (
              SELECT 1 FROM attendance_sessions s
              JOIN attendance_records r ON r.attendance_session_id = s.id
                   AND r.deleted_at IS NULL
              WHERE s.organization_id = org AND s.campus_id = campus
                AND s.session_date = from_day AND s.session_type = 'daily'
                AND s.deleted_at IS NULL);
    END IF;
    RETURN written;
END;
$$;

-- The campus days of daily rolls whose marks a statement changed (added, removed,
-- restored, a status changed or moved to another roll) are recomputed.
CREATE FUNCTION homeroom_attendance_marks_written() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    sessions uuid[];
    d record;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT n.attendance_session_id) INTO sessions FROM new_rows n;
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT array_agg(DISTINCT x.id) INTO sessions FROM (
            SELECT unnest(ARRAY[o.attendance_session_id, n.attendance_session_id]) AS id
            FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE (n.status, n.deleted_at IS NULL, n.attendance_session_id)
                  IS DISTINCT FROM (o.status, o.deleted_at IS NULL, o.attendance_session_id)) x;
    ELSE
        SELECT array_agg(DISTINCT o.attendance_session_id) INTO sessions FROM old_rows o;
    END IF;
    IF sessions IS NULL THEN
        RETURN NULL;
    END IF;
    FOR d IN
        SELECT DISTINCT s.organization_id, s.campus_id, s.session_date
        FROM attendance_sessions s
        WHERE s.id = ANY (sessions) AND s.session_type = 'daily'
        ORDER BY s.campus_id, s.session_date
    LOOP
        PERFORM homeroom_refresh_attendance_summaries(
            d.organization_id, d.campus_id, d.session_date, d.session_date);
    END LOOP;
    RETURN NULL;
END;
$$;

CREATE TRIGGER attendance_records_summaries_insert AFTER INSERT ON attendance_records
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_attendance_marks_written();
CREATE TRIGGER attendance_records_summaries_update AFTER UPDATE ON attendance_records
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_attendance_marks_written();
CREATE TRIGGER attendance_records_summaries_delete AFTER DELETE ON attendance_records
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_attendance_marks_written();

-- A daily roll moved to another day or campus, retyped, deleted or restored: both
-- the campus day it was on and the one it is on are recomputed.
CREATE FUNCTION homeroom_attendance_sessions_moved() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    d record;
BEGIN
    FOR d IN
        SELECT DISTINCT x.organization_id, x.campus_id, x.session_date FROM (
            SELECT o.organization_id, o.campus_id, o.session_date, o.session_type,
                   n.campus_id AS new_campus, n.session_date AS new_date,
                   n.session_type AS new_type
            FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.campus_id, o.session_date, o.session_type, o.deleted_at IS NULL)
                  IS DISTINCT FROM (n.campus_id, n.session_date, n.session_type,
                                    n.deleted_at IS NULL)) moved
        CROSS JOIN LATERAL (VALUES
            (moved.organization_id, moved.campus_id, moved.session_date, moved.session_type),
            (moved.organization_id, moved.new_campus, moved.new_date, moved.new_type))
            AS x(organization_id, campus_id, session_date, session_type)
        WHERE x.session_type = 'daily'
        ORDER BY x.campus_id, x.session_date
    LOOP
        PERFORM homeroom_refresh_attendance_summaries(
            d.organization_id, d.campus_id, d.session_date, d.session_date);
    END LOOP;
    RETURN NULL;
END;
$$;

CREATE TRIGGER attendance_sessions_summaries_update AFTER UPDATE ON attendance_sessions
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_attendance_sessions_moved();

-- The summaries stored so far gain their new columns.
SELECT homeroom_refresh_attendance_summaries(organization_id, NULL, min(attendance_date),
                                             max(attendance_date))
FROM campus_attendance_summaries
WHERE deleted_at IS NULL
GROUP BY organization_id;
