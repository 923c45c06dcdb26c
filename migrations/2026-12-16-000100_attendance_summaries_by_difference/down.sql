DROP TRIGGER classes_summaries_update ON classes;
DROP FUNCTION homeroom_classes_enrolment_changed();
DROP TRIGGER students_summaries_update ON students;
DROP FUNCTION homeroom_students_enrolment_changed();
DROP TRIGGER class_enrollments_summaries_delete ON class_enrollments;
DROP TRIGGER class_enrollments_summaries_update ON class_enrollments;
DROP TRIGGER class_enrollments_summaries_insert ON class_enrollments;
DROP FUNCTION homeroom_enrolments_changed();
DROP FUNCTION homeroom_recount_latest_attendance_days(uuid[]);

-- The marks' trigger and the full count as they were.
CREATE OR REPLACE FUNCTION homeroom_refresh_attendance_summaries(org uuid, campus uuid,
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
CREATE OR REPLACE FUNCTION homeroom_attendance_marks_written() RETURNS trigger
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

DROP FUNCTION homeroom_add_attendance_marks(uuid[], text[], integer[]);
