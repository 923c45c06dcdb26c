-- Who may read which rows within an organization, declared once here so that every
-- path to the rows obeys it: the record engine's lists, pages, exports, pickers and
-- tabs, the domain pages, search and reports alike.
--
-- A request runs as homeroom_app with two more settings for its transaction:
--   homeroom.user_id  the signed-in user;
--   homeroom.reach    what that user's permissions let them read, one entry per area,
--                     e.g. 'walkthroughs=observed,attendance=taught,...', or 'system'
--                     for Homeroom's own work (scheduled tasks, summaries), which
--                     reads the whole organization.
-- Without the setting a restricted table shows nothing.

CREATE FUNCTION homeroom_current_user() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT NULLIF(current_setting('homeroom.user_id', true), '')::uuid $$;

-- The reach of one area: 'all', a narrower word the area's policy knows, or 'none'.
CREATE FUNCTION homeroom_reach(area text) RETURNS text
    LANGUAGE sql STABLE
    AS $$
    SELECT CASE
        WHEN r = 'system' THEN 'all'
        ELSE coalesce(substring(',' || r || ',' FROM ',' || area || '=([a-z]+),'), 'none')
    END
    FROM (SELECT coalesce(current_setting('homeroom.reach', true), '') AS r) s
    $$;

-- The signed-in user's own staff records.
CREATE FUNCTION homeroom_own_staff() RETURNS SETOF uuid
    LANGUAGE sql STABLE
    AS $$
    SELECT id FROM staff WHERE user_id = homeroom_current_user() AND deleted_at IS NULL
    $$;

-- Where a director looks: 'school' when their (first) staff record has no campus,
-- that campus's id, or 'none' when they have no staff record.
CREATE FUNCTION homeroom_directed_campus() RETURNS text
    LANGUAGE sql STABLE
    AS $$
    SELECT coalesce(
        (SELECT coalesce(campus_id::text, 'school') FROM staff
         WHERE user_id = homeroom_current_user() AND deleted_at IS NULL
         ORDER BY created_at, id LIMIT 1),
        'none')
    $$;

-- The classes the signed-in user teaches: as homeroom teacher or in a subject.
CREATE FUNCTION homeroom_taught_classes() RETURNS SETOF uuid
    LANGUAGE sql STABLE
    AS $$
    SELECT c.id FROM classes c
    WHERE c.deleted_at IS NULL AND c.homeroom_teacher_id IN (SELECT homeroom_own_staff())
    UNION
    SELECT cs.class_id FROM class_subjects cs
    WHERE cs.deleted_at IS NULL AND cs.teacher_id IN (SELECT homeroom_own_staff())
    $$;

-- Walkthroughs: administrators the whole school; a director their campus and what
-- they wrote; a teacher the visits to their own classroom.
CREATE POLICY walkthrough_checkins_reach ON walkthrough_checkins AS RESTRICTIVE
    FOR SELECT TO homeroom_app USING (
    CASE (SELECT homeroom_reach('walkthroughs'))
        WHEN 'all' THEN true
        WHEN 'director' THEN
            created_by_id = (SELECT homeroom_current_user())
            OR (SELECT homeroom_directed_campus()) = 'school'
            OR campus_id::text = (SELECT homeroom_directed_campus())
        WHEN 'observed' THEN teacher_id IN (SELECT homeroom_own_staff())
        ELSE false
    END);

-- Attendance: those who oversee attendance the whole school; a teacher the rolls of
-- the classes they teach.
CREATE POLICY attendance_sessions_reach ON attendance_sessions AS RESTRICTIVE
    FOR SELECT TO homeroom_app USING (
    (SELECT homeroom_reach('attendance')) = 'all'
    OR ((SELECT homeroom_reach('attendance')) = 'taught'
        AND class_id IN (SELECT homeroom_taught_classes())));

CREATE POLICY attendance_records_reach ON attendance_records AS RESTRICTIVE
    FOR SELECT TO homeroom_app USING (
    (SELECT homeroom_reach('attendance')) = 'all'
    OR ((SELECT homeroom_reach('attendance')) = 'taught'
        AND attendance_session_id IN (
            SELECT s.id FROM attendance_sessions s
            WHERE s.class_id IN (SELECT homeroom_taught_classes()))));

-- Staff attendance: those who record it everyone's; others their own days.
CREATE POLICY staff_attendance_records_reach ON staff_attendance_records AS RESTRICTIVE
    FOR SELECT TO homeroom_app USING (
    (SELECT homeroom_reach('staff_attendance')) = 'all'
    OR ((SELECT homeroom_reach('staff_attendance')) = 'own'
        AND (user_id = (SELECT homeroom_current_user())
             OR staff_id IN (SELECT homeroom_own_staff()))));

-- Messages: those who write to the school's families and staff read them all;
-- others what they wrote, what was sent to them, and what went to all staff or
-- everyone (an absence alert to a family is not a colleague's business).
CREATE POLICY messages_reach ON messages AS RESTRICTIVE
    FOR SELECT TO homeroom_app USING (
    (SELECT homeroom_reach('messages')) = 'all'
    OR ((SELECT homeroom_reach('messages')) = 'own'
        AND (created_by_id = (SELECT homeroom_current_user())
             OR sent_by_id = (SELECT homeroom_current_user())
             OR audience IN ('everyone', 'staff')
             OR id IN (SELECT r.message_id FROM message_recipients r
                       WHERE r.user_id = (SELECT homeroom_current_user())))));

CREATE POLICY message_recipients_reach ON message_recipients AS RESTRICTIVE
    FOR SELECT TO homeroom_app USING (
    (SELECT homeroom_reach('messages')) = 'all'
    OR ((SELECT homeroom_reach('messages')) = 'own'
        AND (user_id = (SELECT homeroom_current_user())
             OR created_by_id = (SELECT homeroom_current_user()))));

-- A person's quiz answers, zone check-ins and sign-learning progress are theirs;
-- those who manage the modules see everyone's.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['user_progress', 'safety_quiz_results', 'personality_quiz_results'] LOOP
        EXECUTE format(
            'CREATE POLICY %I ON %I AS RESTRICTIVE FOR SELECT TO homeroom_app USING ('
            '(SELECT homeroom_reach(%L)) = ''all'' '
            'OR ((SELECT homeroom_reach(%L)) = ''own'' '
            'AND (user_id = (SELECT homeroom_current_user()) '
            'OR (user_id IS NULL AND created_by_id = (SELECT homeroom_current_user())))))',
            t || '_reach', t, t, t);
    END LOOP;
END
$$;
