//! Messages staff write: a draft, its audience and channels, its recipients written
//! in one statement when it goes out, and the e-mail each recipient is owed, tried
//! again with backoff by the delivery task. A message's status follows from this:
//! a draft until sent, queued until its time, sending while e-mail is owed, then
//! sent (or failed when nobody could be reached).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, Bool, Integer, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use crate::db::enums::{MessageAudience, MessageChannel, MessageStatus};
use crate::db::schema::{message_recipients, messages};
use crate::db::{Actor, Tenant};
use crate::files::{EntityKind, FileStore};
use crate::mail::{Attachment, Email, Mailer};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// What a message says, to whom and how: the compose form's content.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    pub subject: String,
    pub body: String,
    pub audience: Option<MessageAudience>,
    /// The campuses, grades, classes or people the audience names.
    pub ids: Vec<Uuid>,
    pub guardians: bool,
    pub students: bool,
    pub staff: bool,
    pub in_app: bool,
    pub email: bool,
    /// When a scheduled send goes out.
    pub send_at: Option<DateTime<Utc>>,
}

impl Draft {
    /// The audience with the people it stands for: "staff" is staff alone, and so on.
    pub fn normalized(mut self) -> Draft {
        match self.audience {
            Some(MessageAudience::Staff) => {
                (self.guardians, self.students, self.staff) = (false, false, true)
            }
            Some(MessageAudience::Guardians) => {
                (self.guardians, self.students, self.staff) = (true, false, false)
            }
            Some(MessageAudience::Students) => {
                (self.guardians, self.students, self.staff) = (false, true, false)
            }
            Some(MessageAudience::Custom) => {
                (self.guardians, self.students, self.staff) = (false, false, false)
            }
            Some(MessageAudience::Everyone) | None => {}
            Some(MessageAudience::Campus | MessageAudience::Grade | MessageAudience::Class) => {}
        }
        if !matches!(
            self.audience,
            Some(
                MessageAudience::Campus
                    | MessageAudience::Grade
                    | MessageAudience::Class
                    | MessageAudience::Custom
            )
        ) {
            self.ids.clear();
        }
        self.ids.sort();
        self.ids.dedup();
        self
    }

    fn channel(&self) -> MessageChannel {
        if self.in_app {
            MessageChannel::InApp
        } else {
            MessageChannel::Email
        }
    }
}

/// The classes the signed-in user teaches, as homeroom teacher or in a subject.
pub fn taught_classes(tenant: &mut Tenant<'_>) -> QueryResult<Vec<Uuid>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = SqlUuid)]
        id: Uuid,
    }
    let rows: Vec<Row> =
        diesel::sql_query("SELECT homeroom_taught_classes() AS id").load(tenant.conn())?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// Whether someone who may write only to the classes they teach may send this:
/// those classes' guardians and students, nobody else.
pub fn within_own_classes(draft: &Draft, taught: &[Uuid]) -> bool {
    draft.audience == Some(MessageAudience::Class)
        && !draft.staff
        && !draft.ids.is_empty()
        && draft.ids.iter().all(|id| taught.contains(id))
}

/// Stores a draft (new when `id` is none) with a derived status; only a draft or a
/// queued message can change. Returns the message id, or none when it has gone out.
pub fn save(
    tenant: &mut Tenant<'_>,
    id: Option<Uuid>,
    draft: &Draft,
    status: MessageStatus,
) -> QueryResult<Option<Uuid>> {
    use messages as m;
    let user = tenant.user().map(|u| u.uuid());
    let values = (
        m::subject.eq(draft.subject.trim()),
        m::body.eq(&draft.body),
        m::audience.eq(draft.audience.unwrap_or(MessageAudience::Everyone)),
        m::audience_ids.eq(&draft.ids),
        m::reach_guardians.eq(draft.guardians),
        m::reach_students.eq(draft.students),
        m::reach_staff.eq(draft.staff),
        m::send_in_app.eq(draft.in_app),
        m::send_email.eq(draft.email),
        m::channel.eq(draft.channel()),
        m::status.eq(status),
        m::scheduled_for.eq(draft.send_at),
        m::updated_by_id.eq(user),
    );
    match id {
        None => diesel::insert_into(m::table)
            .values((
                values,
                m::organization_id.eq(tenant.organization()),
                m::sent_by_id.eq(user),
                m::created_by_id.eq(user),
            ))
            .returning(m::id)
            .get_result(tenant.conn())
            .map(Some),
        Some(id) => diesel::update(
            m::table
                .find(id)
                .filter(m::deleted_at.is_null())
                .filter(m::status.eq_any([MessageStatus::Draft, MessageStatus::Queued])),
        )
        .set((values, m::sent_by_id.eq(user)))
        .returning(m::id)
        .get_result(tenant.conn())
        .optional(),
    }
}

/// A stored message's content, for editing a draft.
pub fn load(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<Option<(Draft, MessageStatus)>> {
    use messages as m;
    type Row = (
        String,
        String,
        MessageAudience,
        Vec<Uuid>,
        (bool, bool, bool, bool, bool),
        Option<DateTime<Utc>>,
        MessageStatus,
    );
    let row: Option<Row> = super::queries::messages::live(tenant)
        .filter(m::id.eq(id))
        .select((
            m::subject,
            m::body,
            m::audience,
            m::audience_ids,
            (
                m::reach_guardians,
                m::reach_students,
                m::reach_staff,
                m::send_in_app,
                m::send_email,
            ),
            m::scheduled_for,
            m::status,
        ))
        .first(tenant.conn())
        .optional()?;
    Ok(row.map(
        |(
            subject,
            body,
            audience,
            ids,
            (guardians, students, staff, in_app, email),
            at,
            status,
        )| {
            (
                Draft {
                    subject,
                    body,
                    audience: Some(audience),
                    ids,
                    guardians,
                    students,
                    staff,
                    in_app,
                    email,
                    send_at: at,
                },
                status,
            )
        },
    ))
}

/// The people a draft reaches, one row per person: a guardian linked to several of
/// the students once, and someone who is both staff and a guardian once. Binds
/// $1 organization, $2 students, $3 the guardians' purpose, $4 whether guardians,
/// $5 whether students, $6 staff, $7 people picked by hand (accounts, guardian
/// persons, students; their students are among $2, picked staff among $6), $8
/// in-app, $9 e-mail.
fn people_sql() -> String {
    format!(
        "
SELECT kind, label,
       CASE WHEN $9 THEN nullif(btrim(email), '') END AS destination,
       CASE WHEN $8 THEN account END AS account
FROM (
    SELECT DISTINCT ON (coalesce(account::text, lower(btrim(email)), key::text))
           kind, label, email, account
    FROM (
        SELECT 'guardian'::recipient_type AS kind, k.id AS key, k.full_name AS label,
               k.email, k.user_id AS account, 2 AS rank
        FROM ({families}) k WHERE $4 OR k.id = ANY($7)
        UNION ALL
        SELECT 'student'::recipient_type, s.id, concat_ws(' ', s.first_name, s.last_name),
               s.email,
               (SELECT u.id FROM users u
                WHERE u.organization_id = $1 AND u.deleted_at IS NULL
                  AND s.email IS NOT NULL AND lower(u.email) = lower(s.email)
                ORDER BY u.created_at, u.id LIMIT 1), 3
        FROM students s WHERE ($5 OR s.id = ANY($7)) AND s.id = ANY($2) AND s.deleted_at IS NULL
        UNION ALL
        SELECT 'staff'::recipient_type, st.id,
               coalesce(nullif(concat_ws(' ', st.first_name, st.last_name), ''), st.email, u.email),
               coalesce(st.email, u.email), u.id, 1
        FROM staff st LEFT JOIN users u ON u.id = st.user_id AND u.deleted_at IS NULL
        WHERE st.id = ANY($6) AND st.deleted_at IS NULL
        UNION ALL
        SELECT 'user'::recipient_type, u.id,
               coalesce(nullif(concat_ws(' ', u.first_name, u.last_name), ''), u.email),
               u.email, u.id, 0
        FROM users u WHERE u.id = ANY($7) AND u.organization_id = $1 AND u.deleted_at IS NULL
    ) everyone
    ORDER BY coalesce(account::text, lower(btrim(email)), key::text), rank
) people",
        families = crate::families::recipients::RECIPIENTS_SQL
    )
}

/// Whom a draft names: the students, staff and accounts its audience covers.
struct Named {
    students: Vec<Uuid>,
    staff: Vec<Uuid>,
    users: Vec<Uuid>,
}

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

/// Active students (or staff) of the audience: the whole school, some campuses,
/// grades (their classes' enrolments) or classes. $1 organization, $2 the audience,
/// $3 its ids.
const STUDENTS_SQL: &str = "
SELECT s.id FROM students s
WHERE s.organization_id = $1 AND s.deleted_at IS NULL AND s.status = 'active'
  AND CASE $2
      WHEN 'campus' THEN s.campus_id = ANY($3)
      WHEN 'grade' THEN s.id IN (
          SELECT e.student_id FROM class_enrollments e
          JOIN classes c ON c.id = e.class_id AND c.deleted_at IS NULL AND c.status = 'active'
          WHERE e.deleted_at IS NULL AND e.status = 'active' AND c.grade_id = ANY($3))
      WHEN 'class' THEN s.id IN (
          SELECT e.student_id FROM class_enrollments e
          WHERE e.deleted_at IS NULL AND e.status = 'active' AND e.class_id = ANY($3))
      WHEN 'custom' THEN s.id = ANY($3) OR s.id IN (
          SELECT g.student_id FROM guardians g
          LEFT JOIN guardian_people p ON p.id = g.person_id AND p.deleted_at IS NULL
          WHERE g.organization_id = $1 AND g.deleted_at IS NULL
            AND coalesce(p.id, g.id) = ANY($3))
      ELSE $2 IN ('everyone', 'guardians', 'students') END";

const STAFF_SQL: &str = "
SELECT st.id FROM staff st
WHERE st.organization_id = $1 AND st.deleted_at IS NULL AND st.status = 'active'
  AND CASE $2
      WHEN 'campus' THEN st.campus_id = ANY($3)
      WHEN 'grade' THEN st.id IN (SELECT homeroom_teacher_id FROM classes
                                  WHERE deleted_at IS NULL AND grade_id = ANY($3))
      WHEN 'class' THEN st.id IN (SELECT homeroom_teacher_id FROM classes
                                  WHERE deleted_at IS NULL AND id = ANY($3))
      WHEN 'custom' THEN st.id = ANY($3)
      ELSE $2 IN ('everyone', 'staff') END";

fn ids_of(tenant: &mut Tenant<'_>, sql: &'static str, draft: &Draft) -> QueryResult<Vec<Uuid>> {
    let audience = draft.audience.unwrap_or(MessageAudience::Everyone);
    let rows: Vec<IdRow> = diesel::sql_query(sql)
        .bind::<SqlUuid, _>(tenant.organization())
        .bind::<Text, _>(audience.as_str())
        .bind::<Array<SqlUuid>, _>(&draft.ids)
        .load(tenant.conn())?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

fn named(tenant: &mut Tenant<'_>, draft: &Draft) -> QueryResult<Named> {
    // People picked by hand: accounts, guardians, students and staff alike.
    let picked = draft.audience == Some(MessageAudience::Custom);
    let students = if draft.guardians || draft.students || picked {
        ids_of(tenant, STUDENTS_SQL, draft)?
    } else {
        Vec::new()
    };
    let staff = if draft.staff || picked {
        ids_of(tenant, STAFF_SQL, draft)?
    } else {
        Vec::new()
    };
    let users = if picked {
        draft.ids.clone()
    } else {
        Vec::new()
    };
    Ok(Named {
        students,
        staff,
        users,
    })
}

/// Binds the eight parameters after the first of [`people_sql`].
macro_rules! bind_people {
    ($query:expr, $tenant:expr, $draft:expr, $named:expr) => {
        $query
            .bind::<SqlUuid, _>($tenant.organization())
            .bind::<Array<SqlUuid>, _>(&$named.students)
            .bind::<Text, _>("messages")
            .bind::<Bool, _>($draft.guardians)
            .bind::<Bool, _>($draft.students)
            .bind::<Array<SqlUuid>, _>(&$named.staff)
            .bind::<Array<SqlUuid>, _>(&$named.users)
            .bind::<Bool, _>($draft.in_app)
            .bind::<Bool, _>($draft.email)
    };
}

/// What the preview shows: how many people, and the first few names.
pub struct Preview {
    pub count: i64,
    pub sample: Vec<String>,
    /// How many of them neither channel reaches (no address, no account).
    pub unreachable: i64,
}

/// How many people the draft reaches, without writing anything.
pub fn preview(tenant: &mut Tenant<'_>, draft: &Draft) -> QueryResult<Preview> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        count: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        unreachable: i64,
        #[diesel(sql_type = Array<Text>)]
        sample: Vec<String>,
    }
    let named = named(tenant, draft)?;
    let sql = format!(
        "SELECT count(*) AS count,
                count(*) FILTER (WHERE destination IS NULL AND account IS NULL) AS unreachable,
                coalesce((array_agg(label ORDER BY label))[1:5], '{{}}') AS sample
         FROM ({}) p",
        people_sql()
    );
    let row: Row = tenant.as_system(|tenant| {
        bind_people!(diesel::sql_query(&sql), tenant, draft, named).get_result(tenant.conn())
    })?;
    Ok(Preview {
        count: row.count,
        sample: row.sample,
        unreachable: row.unreachable,
    })
}

/// Writes the message's recipients in one statement and marks it sending (e-mail
/// owed) or sent; returns how many people it reached. Runs as Homeroom: the
/// recipients are rows the sender may not read. Each gets an in-app copy when they
/// have an account and the message goes in-app, and is owed an e-mail when they
/// have an address and it goes by e-mail; someone neither reaches is failed at once.
pub fn send_now(
    tenant: &mut Tenant<'_>,
    id: Uuid,
    draft: &Draft,
    sender: Option<Uuid>,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    let named = named(tenant, draft)?;
    let sql = format!(
        "INSERT INTO message_recipients
             (organization_id, message_id, recipient_type, recipient_label, destination,
              user_id, delivery_status, delivered_at, email_next_at, created_by_id, updated_by_id)
         SELECT $1, $10, kind, label, destination, account,
                CASE WHEN destination IS NOT NULL THEN 'pending'
                     WHEN account IS NOT NULL THEN 'delivered'
                     ELSE 'failed' END::delivery_status,
                CASE WHEN destination IS NULL AND account IS NOT NULL THEN $11 END,
                CASE WHEN destination IS NOT NULL THEN $11 END,
                $12, $12
         FROM ({}) p",
        people_sql()
    );
    tenant.as_system(|tenant| {
        // The recipients are the delivery's own record: one audit row per person
        // would double a school-wide message's cost and say nothing more.
        audit(tenant.conn(), false)?;
        let written = bind_people!(diesel::sql_query(&sql), tenant, draft, named)
            .bind::<SqlUuid, _>(id)
            .bind::<Timestamptz, _>(now)
            .bind::<Nullable<SqlUuid>, _>(sender)
            .execute(tenant.conn())?;
        audit(tenant.conn(), true)?;
        diesel::update(messages::table.find(id))
            .set((
                messages::sent_at.eq(now),
                messages::scheduled_for.eq(None::<DateTime<Utc>>),
            ))
            .execute(tenant.conn())?;
        settle(tenant.conn(), &[id])?;
        Ok(written)
    })
}

/// Sets each message's status from its recipients: sending while e-mail is owed,
/// failed when every recipient failed, else sent.
fn settle(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<usize> {
    diesel::sql_query(
        "UPDATE messages m SET status = CASE
             WHEN EXISTS (SELECT 1 FROM message_recipients r WHERE r.message_id = m.id
                          AND r.deleted_at IS NULL AND r.email_next_at IS NOT NULL) THEN 'sending'
             WHEN EXISTS (SELECT 1 FROM message_recipients r WHERE r.message_id = m.id
                          AND r.deleted_at IS NULL)
                  AND NOT EXISTS (SELECT 1 FROM message_recipients r WHERE r.message_id = m.id
                          AND r.deleted_at IS NULL AND r.delivery_status <> 'failed') THEN 'failed'
             ELSE 'sent' END::message_status
         WHERE m.id = ANY($1) AND m.status IN ('queued', 'sending', 'sent', 'failed')",
    )
    .bind::<Array<SqlUuid>, _>(ids)
    .execute(conn)
}

/// How many tries an e-mail gets before its recipient is marked failed.
pub const EMAIL_TRIES: i32 = 3;

/// The wait after the `tries`th failed try: 5 minutes, then 30.
pub fn backoff(tries: i32) -> chrono::Duration {
    chrono::Duration::minutes(if tries <= 1 { 5 } else { 30 })
}

/// How many owed e-mails one pass takes.
const EMAIL_BATCH: i64 = 200;

/// What a delivery pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryRun {
    /// Scheduled messages that went out.
    pub released: usize,
    pub sent: usize,
    /// Tries that failed (to be tried again, or given up).
    pub refused: usize,
    pub given_up: usize,
}

#[derive(QueryableByName)]
struct Due {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    organization_id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    message_id: Uuid,
    #[diesel(sql_type = Text)]
    destination: String,
    #[diesel(sql_type = Text)]
    subject: String,
    #[diesel(sql_type = Text)]
    body: String,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    sent_by_id: Option<Uuid>,
    #[diesel(sql_type = Integer)]
    email_attempts: i32,
}

/// The delivery task: sends the scheduled messages whose time has come, then the
/// e-mail owed by `now`, in batches, every organization's. A refused e-mail is
/// tried again after [`backoff`], and after [`EMAIL_TRIES`] its recipient is failed
/// with the server's answer. Runs on the task's own connection, before any
/// organization is entered; each scheduled message is sent as its organization.
/// A message's attached files go with each of its e-mails, read from `files`.
pub fn deliver_due(
    conn: &mut PgConnection,
    mailer: &Mailer,
    files: &FileStore,
    now: DateTime<Utc>,
) -> QueryResult<DeliveryRun> {
    let mut run = conn.transaction(|conn| release_due(conn, now))?;
    // Each message's files, read once for all its recipients.
    let mut attached: HashMap<Uuid, Result<Vec<Attachment>, String>> = HashMap::new();
    // Each batch is its own transaction: what was sent stays recorded as sent
    // whatever happens to a later batch.
    while let Some(batch) =
        conn.transaction(|conn| deliver_batch(conn, mailer, files, now, &mut attached))?
    {
        run.sent += batch.sent;
        run.refused += batch.refused;
        run.given_up += batch.given_up;
    }
    Ok(run)
}

/// Sends the scheduled messages whose time has come.
fn release_due(conn: &mut PgConnection, now: DateTime<Utc>) -> QueryResult<DeliveryRun> {
    let mut run = DeliveryRun::default();
    // Each recipient's row and the outbox are the delivery's record.
    audit(conn, false)?;
    let queued: Vec<(Uuid, Uuid, Option<Uuid>)> = messages::table
        .filter(messages::deleted_at.is_null())
        .filter(messages::status.eq(MessageStatus::Queued))
        .filter(messages::scheduled_for.le(now))
        .select((
            messages::id,
            messages::organization_id,
            messages::sent_by_id,
        ))
        .for_update()
        .skip_locked()
        .load(conn)?;
    for (id, organization, sender) in queued {
        let tenant = &mut crate::db::enter(conn, &Actor::system(organization))?;
        if let Some((draft, _)) = load(tenant, id)? {
            send_now(tenant, id, &draft, sender, now)?;
            run.released += 1;
        }
        leave(conn)?;
    }
    Ok(run)
}

/// E-mails the next batch of recipients owed one by `now`; none when nobody is owed.
fn deliver_batch(
    conn: &mut PgConnection,
    mailer: &Mailer,
    files: &FileStore,
    now: DateTime<Utc>,
    attached: &mut HashMap<Uuid, Result<Vec<Attachment>, String>>,
) -> QueryResult<Option<DeliveryRun>> {
    let mut run = DeliveryRun::default();
    audit(conn, false)?;
    let due: Vec<Due> = diesel::sql_query(
        "SELECT r.id, r.organization_id, r.message_id, r.destination, m.subject, m.body,
                m.sent_by_id, r.email_attempts
         FROM message_recipients r JOIN messages m ON m.id = r.message_id
         WHERE r.email_next_at <= $1 AND r.deleted_at IS NULL
           AND r.destination IS NOT NULL
         ORDER BY r.email_next_at, r.id
         LIMIT $2
         FOR UPDATE OF r SKIP LOCKED",
    )
    .bind::<Timestamptz, _>(now)
    .bind::<diesel::sql_types::BigInt, _>(EMAIL_BATCH)
    .load(conn)?;
    if due.is_empty() {
        return Ok(None);
    }
    let mut touched: Vec<Uuid> = Vec::new();
    for owed in &due {
        if let Entry::Vacant(slot) = attached.entry(owed.message_id) {
            slot.insert(crate::files::mail_attachments(
                conn,
                files,
                EntityKind::Message,
                owed.message_id,
            )?);
        }
        if !touched.contains(&owed.message_id) {
            touched.push(owed.message_id);
        }
    }
    let emails: Vec<Email> = due
        .iter()
        .map(|owed| Email {
            organization_id: Some(owed.organization_id),
            to: owed.destination.clone(),
            subject: owed.subject.clone(),
            body: owed.body.clone(),
            sent_by: owed.sent_by_id,
        })
        .collect();
    // Those whose files could not be read are refused without trying.
    let mut refusals: Vec<Option<String>> = vec![None; due.len()];
    let mut sendable: Vec<(&Email, &[Attachment])> = Vec::new();
    let mut sent_at: Vec<usize> = Vec::new();
    for (i, (owed, email)) in due.iter().zip(&emails).enumerate() {
        match attached.get(&owed.message_id) {
            Some(Ok(files)) => {
                sendable.push((email, files.as_slice()));
                sent_at.push(i);
            }
            Some(Err(unreadable)) => refusals[i] = Some(unreadable.clone()),
            None => {}
        }
    }
    for (i, (_, refusal)) in sent_at.into_iter().zip(mailer.send_many(conn, &sendable)?) {
        refusals[i] = refusal;
    }
    for (owed, refusal) in due.iter().zip(refusals) {
        let tries = owed.email_attempts + 1;
        use message_recipients as r;
        let row = r::table.find(owed.id);
        match refusal {
            None => {
                diesel::update(row)
                    .set((
                        r::email_attempts.eq(tries),
                        r::email_next_at.eq(None::<DateTime<Utc>>),
                        r::email_error.eq(None::<String>),
                        r::email_sent_at.eq(now),
                        r::delivered_at.eq(now),
                        r::delivery_status.eq(diesel::dsl::sql::<
                            crate::db::schema::sql_types::DeliveryStatus,
                        >(
                            "CASE WHEN delivery_status = 'read' THEN delivery_status ELSE 'sent' END",
                        )),
                    ))
                    .execute(conn)?;
                run.sent += 1;
            }
            Some(error) => {
                let last = tries >= EMAIL_TRIES;
                diesel::update(row)
                    .set((
                        r::email_attempts.eq(tries),
                        r::email_next_at.eq((!last).then(|| now + backoff(tries))),
                        r::email_error.eq(error),
                        r::delivery_status.eq(if last {
                            crate::db::enums::DeliveryStatus::Failed
                        } else {
                            crate::db::enums::DeliveryStatus::Pending
                        }),
                    ))
                    .execute(conn)?;
                run.refused += 1;
                run.given_up += usize::from(last);
            }
        }
    }
    settle(conn, &touched)?;
    Ok(Some(run))
}

/// Turns the audit trail off (or back on) for the rest of the transaction.
fn audit(conn: &mut PgConnection, on: bool) -> QueryResult<()> {
    diesel::sql_query("SELECT set_config('homeroom.audit', $1, true)")
        .bind::<Text, _>(if on { "" } else { "off" })
        .execute(conn)
        .map(|_| ())
}

/// Back to the task's own connection after working as an organization, for the
/// next organization's work or the e-mail of them all.
fn leave(conn: &mut PgConnection) -> QueryResult<()> {
    diesel::sql_query(
        "SELECT set_config('role', 'none', true), \
                set_config('homeroom.organization_id', '', true), \
                set_config('homeroom.user_id', '', true), \
                set_config('homeroom.reach', '', true)",
    )
    .execute(conn)
    .map(|_| ())
}

/// Owes the failed recipients of a message who have an address their e-mail again,
/// from now; returns how many.
pub fn retry_failed(tenant: &mut Tenant<'_>, id: Uuid, now: DateTime<Utc>) -> QueryResult<usize> {
    use message_recipients as r;
    tenant.as_system(|tenant| {
        let owed = diesel::update(
            r::table
                .filter(r::message_id.eq(id))
                .filter(r::deleted_at.is_null())
                .filter(r::delivery_status.eq(crate::db::enums::DeliveryStatus::Failed))
                .filter(r::destination.is_not_null()),
        )
        .set((
            r::delivery_status.eq(crate::db::enums::DeliveryStatus::Pending),
            r::email_attempts.eq(0),
            r::email_next_at.eq(now),
        ))
        .execute(tenant.conn())?;
        settle(tenant.conn(), &[id])?;
        Ok(owed)
    })
}
