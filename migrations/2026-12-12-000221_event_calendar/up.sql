-- The school calendar: an event says whom it is for the way a message does (an
-- audience, the campuses, grades or classes it names, and which of staff,
-- guardians and students of them), replacing the hand-typed `roles` list; when it
-- ends (a last day; start and end times, or all day), where, a description, and
-- how many days before it a reminder goes to its audience (0: none), with the
-- moment that reminder went so it goes once.
ALTER TABLE communication_events
    ADD COLUMN audience message_audience NOT NULL DEFAULT 'everyone',
    ADD COLUMN audience_ids uuid[] NOT NULL DEFAULT '{}',
    ADD COLUMN reach_staff boolean NOT NULL DEFAULT true,
    ADD COLUMN reach_guardians boolean NOT NULL DEFAULT true,
    ADD COLUMN reach_students boolean NOT NULL DEFAULT true,
    ADD COLUMN ends_on date,
    ADD COLUMN starts_at time,
    ADD COLUMN ends_at time,
    ADD COLUMN description text,
    ADD COLUMN location text,
    ADD COLUMN remind_days_before integer NOT NULL DEFAULT 0,
    ADD COLUMN reminder_sent_at timestamptz,
    ADD CONSTRAINT communication_events_ends_after_start
        CHECK (ends_on IS NULL OR ends_on >= event_date),
    ADD CONSTRAINT communication_events_end_time_needs_start
        CHECK (ends_at IS NULL OR starts_at IS NOT NULL),
    ADD CONSTRAINT communication_events_end_time_after_start
        CHECK (ends_at IS NULL OR coalesce(ends_on, event_date) > event_date OR ends_at > starts_at),
    ADD CONSTRAINT communication_events_reminder_days
        CHECK (remind_days_before BETWEEN 0 AND 60),
    ADD CONSTRAINT communication_events_someone_invited
        CHECK (reach_staff OR reach_guardians OR reach_students),
    ADD CONSTRAINT communication_events_audience_kind
        CHECK (audience NOT IN ('campus', 'custom'));

-- The roles list named who was invited: staff roles by name, and "Guardian(s)",
-- "Parent(s)", "Family"/"Families", "Student(s)" for the others. An empty or
-- unreadable list was everyone.
WITH invited AS (
    SELECT e.id,
           coalesce(bool_or(lower(r) IN ('guardian', 'guardians', 'parent', 'parents',
                                         'family', 'families')), false) AS guardians,
           coalesce(bool_or(lower(r) IN ('student', 'students')), false) AS students,
           coalesce(bool_or(lower(r) NOT IN ('guardian', 'guardians', 'parent', 'parents',
                                             'family', 'families', 'student', 'students')),
                    false) AS staff
    FROM communication_events e
    LEFT JOIN LATERAL jsonb_array_elements_text(
        CASE WHEN jsonb_typeof(e.roles) = 'array' THEN e.roles ELSE '[]'::jsonb END) r ON true
    GROUP BY e.id
)
UPDATE communication_events e
SET reach_staff = i.staff OR NOT (i.guardians OR i.students OR i.staff),
    reach_guardians = i.guardians OR NOT (i.guardians OR i.students OR i.staff),
    reach_students = i.students OR NOT (i.guardians OR i.students OR i.staff),
    audience = CASE
        WHEN i.staff AND NOT i.guardians AND NOT i.students THEN 'staff'
        WHEN i.guardians AND NOT i.staff AND NOT i.students THEN 'guardians'
        WHEN i.students AND NOT i.staff AND NOT i.guardians THEN 'students'
        ELSE 'everyone' END::message_audience
FROM invited i
WHERE i.id = e.id;

-- `roles` is no longer read or written; it goes once no older version runs against
-- the database (add, copy, switch, then drop).
COMMENT ON COLUMN communication_events.roles IS
    'Superseded by audience, audience_ids and reach_*; no longer read or written.';

CREATE INDEX communication_events_date_idx
    ON communication_events (organization_id, event_date) WHERE deleted_at IS NULL;
CREATE INDEX communication_events_reminder_due_idx
    ON communication_events (event_date)
    WHERE remind_days_before > 0 AND reminder_sent_at IS NULL AND deleted_at IS NULL;
