-- A roll's save no longer recounts its campus's day. Counting the day's enrolments
-- took about 20 ms on a campus of 2,000 students and held the campus's day for all
-- of it, so every other roll of that campus waited: a campus's rolls were saved one
-- after another, about 60 a second however many teachers saved at once.
--
-- Now a statement's changed marks are added to the campus's day by difference:
-- each mark written counts +1 under its status, each mark it replaced -1, and a
-- class whose roll the statement completed (or uncompleted) moves rolls_taken by
-- one. Only the classes written are counted (their marks and their enrolments), so
-- saves of different rolls of one campus wait for each other only for the summary
-- row's update. The day is counted in full, as before, when it has no summary yet,
-- when a roll is moved, retyped or deleted, and when enrolments change (below).

-- The full count now also locks the day's summary rows before it reads the marks:
-- a save that added its marks by difference and has not committed yet is waited
-- for, so the count sees its marks; a save whose marks the count did not see adds
-- them after it.
CREATE OR REPLACE FUNCTION homeroom_refresh_attendance_summaries(org uuid, campus uuid,
                                                                 from_day date, to_day date)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
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
    PERFORM 1 FROM campus_attendance_summaries m
    WHERE m.organization_id = org AND (campus IS NULL OR m.campus_id = campus)
      AND m.attendance_date BETWEEN from_day AND to_day AND m.deleted_at IS NULL
    ORDER BY m.campus_id, m.attendance_date
    FOR UPDATE;

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

-- Adds changed marks to their campus days. The marks come as three arrays of one
-- length: the roll each mark is on, its status, and +1 for a mark written or -1 for
-- the mark it replaced (a mark moved or changed is both). Marks on rolls that are
-- not live daily rolls count nothing, as in the full count.
CREATE FUNCTION homeroom_add_attendance_marks(rolls uuid[], statuses text[], signs integer[])
RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
-- Every lookup below is by key, so one plan serves every save; planning the update
-- afresh cost more than running it.
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    d record;
    updated integer;
BEGIN
    FOR d IN
        WITH by_class AS (
            SELECT s.organization_id, s.campus_id, s.session_date AS day, s.class_id,
                   sum(u.sign) AS marked,
                   coalesce(sum(u.sign) FILTER (WHERE u.status = 'present'), 0) AS present,
                   coalesce(sum(u.sign) FILTER (WHERE u.status = 'absent'), 0) AS absent,
                   coalesce(sum(u.sign) FILTER (WHERE u.status = 'late'), 0) AS late,
                   coalesce(sum(u.sign) FILTER (WHERE u.status = 'excused'), 0) AS excused
            FROM unnest(rolls, statuses, signs) AS u(roll_id, status, sign)
            JOIN attendance_sessions s ON s.id = u.roll_id
            WHERE s.session_type = 'daily' AND s.deleted_at IS NULL
            GROUP BY s.organization_id, s.campus_id, s.session_date, s.class_id
        )
        SELECT b.organization_id, b.campus_id, b.day,
               array_agg(b.class_id ORDER BY b.class_id) AS classes,
               array_agg(b.marked ORDER BY b.class_id) AS class_marked,
               sum(b.marked) AS marked, sum(b.present) AS present, sum(b.absent) AS absent,
               sum(b.late) AS late, sum(b.excused) AS excused
        FROM by_class b
        GROUP BY b.organization_id, b.campus_id, b.day
        HAVING bool_or(b.marked <> 0 OR b.present <> 0 OR b.absent <> 0 OR b.late <> 0
                       OR b.excused <> 0)
        ORDER BY b.campus_id, b.day
    LOOP
        -- 'SUMK': a class's day. Two saves of one roll count its marks one after the
        -- other, each seeing the other's, so a roll completed by two devices at once
        -- is counted taken once.
        PERFORM pg_advisory_xact_lock(1398099275, hashtext(k.class_id::text || d.day::text))
        FROM unnest(d.classes) AS k(class_id) ORDER BY k.class_id;

        UPDATE campus_attendance_summaries m SET
            total_enrolled = m.total_enrolled + d.marked,
            total_present = m.total_present + d.present,
            total_absent = m.total_absent + d.absent + d.excused,
            total_tardy = m.total_tardy + d.late,
            total_excused = m.total_excused + d.excused,
            attendance_percentage = CASE WHEN m.total_enrolled + d.marked > 0
                THEN round(100.0 * (m.total_present + d.present + m.total_tardy + d.late)
                           / (m.total_enrolled + d.marked), 2)
                ELSE 0 END,
            -- A class counts as taken once it has as many marks as enrolled students;
            -- its change is the count now against the count before this statement.
            rolls_taken = greatest(0, least(m.rolls_due, m.rolls_taken + (
                SELECT coalesce(sum((t.now_marked >= t.enrolled)::int
                                    - (t.now_marked - t.delta >= t.enrolled)::int), 0)
                FROM (SELECT k.delta,
                             (SELECT count(*) FROM attendance_sessions s
                              JOIN attendance_records r ON r.attendance_session_id = s.id
                                   AND r.deleted_at IS NULL
                              WHERE s.class_id = k.class_id AND s.session_date = d.day
                                AND s.session_type = 'daily' AND s.deleted_at IS NULL)
                                 AS now_marked,
                             (SELECT count(DISTINCT e.student_id)
                              FROM homeroom_enrolments(d.organization_id, ARRAY[d.campus_id],
                                                       d.day, d.day) e
                              WHERE e.class_id = k.class_id
                                AND homeroom_enrolled_on(d.day, e.enrolled_on, e.ended_on,
                                                         e.start_date, e.end_date))
                                 AS enrolled
                      FROM unnest(d.classes, d.class_marked) AS k(class_id, delta)) t
                WHERE t.enrolled > 0))),
            deleted_at = CASE WHEN m.total_enrolled + d.marked = 0 THEN now() END
        WHERE m.campus_id = d.campus_id AND m.attendance_date = d.day
          AND m.deleted_at IS NULL
          -- A summary that does not add up with these marks (edited by hand) is
          -- counted again instead.
          AND m.total_enrolled + d.marked >= 0 AND m.total_present + d.present >= 0
          AND m.total_absent + d.absent + d.excused >= 0 AND m.total_tardy + d.late >= 0
          AND m.total_excused + d.excused >= 0
          AND m.total_present + d.present + m.total_tardy + d.late
              <= m.total_enrolled + d.marked;
        GET DIAGNOSTICS updated = ROW_COUNT;
        IF updated = 0 THEN
            PERFORM homeroom_refresh_attendance_summaries(
                d.organization_id, d.campus_id, d.day, d.day);
        END IF;
    END LOOP;
END;
$$;

CREATE OR REPLACE FUNCTION homeroom_attendance_marks_written() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    rolls uuid[];
    statuses text[];
    signs integer[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(n.attendance_session_id), array_agg(n.status::text),
               array_agg(1)
        INTO rolls, statuses, signs
        FROM new_rows n WHERE n.deleted_at IS NULL;
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT array_agg(x.roll_id), array_agg(x.status), array_agg(x.sign)
        INTO rolls, statuses, signs
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        CROSS JOIN LATERAL (VALUES
            (n.attendance_session_id, n.status::text, 1, n.deleted_at IS NULL),
            (o.attendance_session_id, o.status::text, -1, o.deleted_at IS NULL))
            AS x(roll_id, status, sign, live)
        WHERE x.live
          AND (n.status, n.deleted_at IS NULL, n.attendance_session_id)
              IS DISTINCT FROM (o.status, o.deleted_at IS NULL, o.attendance_session_id);
    ELSE
        SELECT array_agg(o.attendance_session_id), array_agg(o.status::text),
               array_agg(-1)
        INTO rolls, statuses, signs
        FROM old_rows o WHERE o.deleted_at IS NULL;
    END IF;
    IF rolls IS NOT NULL THEN
        PERFORM homeroom_add_attendance_marks(rolls, statuses, signs);
    END IF;
    RETURN NULL;
END;
$$;

-- Enrolments changed (a student enrolled, withdrawn or moved, a student's status, a
-- class closed or moved): the latest day each campus concerned has a summary for,
-- the day the dashboard shows, is counted again in full. Older days keep what they
-- counted.
CREATE FUNCTION homeroom_recount_latest_attendance_days(campuses uuid[])
RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
    d record;
BEGIN
    FOR d IN
        SELECT c.organization_id, c.id AS campus_id, latest.day
        FROM campuses c
        CROSS JOIN LATERAL (
            SELECT max(m.attendance_date) AS day FROM campus_attendance_summaries m
            WHERE m.campus_id = c.id AND m.deleted_at IS NULL) latest
        WHERE c.id = ANY (campuses) AND latest.day IS NOT NULL
        ORDER BY c.id
    LOOP
        PERFORM homeroom_refresh_attendance_summaries(
            d.organization_id, d.campus_id, d.day, d.day);
    END LOOP;
END;
$$;

CREATE FUNCTION homeroom_enrolments_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    changed uuid[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT c.campus_id) INTO changed
        FROM new_rows n JOIN classes c ON c.id = n.class_id;
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT array_agg(DISTINCT c.campus_id) INTO changed
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        JOIN classes c ON c.id IN (n.class_id, o.class_id)
        WHERE (n.class_id, n.student_id, n.status, n.enrolled_on, n.ended_on,
               n.deleted_at IS NULL)
              IS DISTINCT FROM (o.class_id, o.student_id, o.status, o.enrolled_on,
                                o.ended_on, o.deleted_at IS NULL);
    ELSE
        SELECT array_agg(DISTINCT c.campus_id) INTO changed
        FROM old_rows o JOIN classes c ON c.id = o.class_id;
    END IF;
    IF changed IS NOT NULL THEN
        PERFORM homeroom_recount_latest_attendance_days(changed);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER class_enrollments_summaries_insert AFTER INSERT ON class_enrollments
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_enrolments_changed();
CREATE TRIGGER class_enrollments_summaries_update AFTER UPDATE ON class_enrollments
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_enrolments_changed();
CREATE TRIGGER class_enrollments_summaries_delete AFTER DELETE ON class_enrollments
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_enrolments_changed();

CREATE FUNCTION homeroom_students_enrolment_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    changed uuid[];
BEGIN
    SELECT array_agg(DISTINCT c.campus_id) INTO changed
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    JOIN class_enrollments e ON e.student_id = n.id AND e.deleted_at IS NULL
    JOIN classes c ON c.id = e.class_id
    WHERE (n.status, n.deleted_at IS NULL) IS DISTINCT FROM (o.status, o.deleted_at IS NULL);
    IF changed IS NOT NULL THEN
        PERFORM homeroom_recount_latest_attendance_days(changed);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER students_summaries_update AFTER UPDATE ON students
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_students_enrolment_changed();

CREATE FUNCTION homeroom_classes_enrolment_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    changed uuid[];
BEGIN
    SELECT array_agg(DISTINCT x.campus_id) INTO changed
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    CROSS JOIN LATERAL (VALUES (n.campus_id), (o.campus_id)) AS x(campus_id)
    WHERE (n.campus_id, n.academic_year_id, n.grade_id, n.status, n.deleted_at IS NULL)
          IS DISTINCT FROM (o.campus_id, o.academic_year_id, o.grade_id, o.status,
                            o.deleted_at IS NULL);
    IF changed IS NOT NULL THEN
        PERFORM homeroom_recount_latest_attendance_days(changed);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER classes_summaries_update AFTER UPDATE ON classes
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeroom_classes_enrolment_changed();
