//! The families' reads and writes, on the tenant handle: the only place here that
//! names `guardian_people`, `families` and `student_number_counters`.

use diesel::prelude::*;
use diesel::sql_types::{Array, Date, Integer, Nullable, Text, Uuid as SqlUuid};
use uuid::Uuid;

use super::recipients::{GuardianPerson, Purpose};
use crate::db::Tenant;

#[derive(QueryableByName)]
struct RecipientRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Text)]
    full_name: String,
    #[diesel(sql_type = Nullable<Text>)]
    relationship: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    email: Option<String>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    user_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    language: Option<String>,
    #[diesel(sql_type = Array<SqlUuid>)]
    students: Vec<Uuid>,
}

/// One row per person (a link without a person counts as one), over the live links
/// of the students whose flag for the purpose is set. Binds $1 organization, $2 the
/// students, $3 the purpose (`messages`, `invoices`); messages embed it.
pub(crate) const RECIPIENTS_SQL: &str = "
SELECT k.id, k.full_name, k.relationship, k.email, k.language, k.students,
       (SELECT u.id FROM users u
        WHERE u.organization_id = $1 AND u.deleted_at IS NULL
          AND k.email IS NOT NULL AND lower(u.email) = lower(k.email)
        ORDER BY u.created_at, u.id LIMIT 1) AS user_id
FROM (
    SELECT coalesce(p.id, g.id) AS id,
           min(coalesce(p.full_name, g.full_name)) AS full_name,
           min(coalesce(p.email, g.email)) AS email,
           min(coalesce(p.language, g.language)) AS language,
           (array_agg(g.relationship::text ORDER BY g.primary_contact DESC, g.created_at, g.id))[1]
               AS relationship,
           array_agg(DISTINCT g.student_id) AS students,
           bool_or(g.primary_contact) AS primary_contact
    FROM guardians g
    LEFT JOIN guardian_people p ON p.id = g.person_id AND p.deleted_at IS NULL
    WHERE g.organization_id = $1 AND g.deleted_at IS NULL AND g.student_id = ANY($2)
      AND CASE $3 WHEN 'invoices' THEN g.receives_invoices ELSE g.receives_messages END
    GROUP BY 1
) k
ORDER BY k.primary_contact DESC, k.full_name, k.id
";

pub fn recipients(
    tenant: &mut Tenant<'_>,
    students: &[Uuid],
    purpose: Purpose,
) -> QueryResult<Vec<GuardianPerson>> {
    let purpose = match purpose {
        Purpose::Messages => "messages",
        Purpose::Invoices => "invoices",
    };
    let rows: Vec<RecipientRow> = diesel::sql_query(RECIPIENTS_SQL)
        .bind::<SqlUuid, _>(tenant.organization())
        .bind::<Array<SqlUuid>, _>(students)
        .bind::<Text, _>(purpose)
        .load(tenant.conn())?;
    Ok(rows
        .into_iter()
        .map(|r| GuardianPerson {
            id: r.id,
            full_name: r.full_name,
            relationship: r.relationship,
            email: r.email,
            user_id: r.user_id,
            language: r.language,
            students: r.students,
        })
        .collect())
}

/// A student as a family panel lists them.
#[derive(QueryableByName)]
pub struct Kin {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub student_number: Option<String>,
    #[diesel(sql_type = Text)]
    pub status: String,
}

/// The live students who share a guardian person, or a family, with this one. The
/// people are gathered first (their own and their families'), so each step is an
/// index lookup: an `OR` over the two would read every guardian of the school.
const SIBLINGS_SQL: &str = "
WITH mine AS (
    SELECT p.id, p.family_id FROM guardians g
    JOIN guardian_people p ON p.id = g.person_id AND p.deleted_at IS NULL
    WHERE g.student_id = $1 AND g.deleted_at IS NULL
), kin AS (
    SELECT id FROM mine
    UNION
    SELECT p.id FROM guardian_people p
    WHERE p.deleted_at IS NULL
      AND p.family_id IN (SELECT family_id FROM mine WHERE family_id IS NOT NULL)
)
SELECT s.id, s.first_name || ' ' || s.last_name AS name, s.student_number,
       s.status::text AS status
FROM students s
WHERE s.deleted_at IS NULL AND s.id <> $1
  AND s.id IN (
      SELECT g.student_id FROM guardians g
      WHERE g.deleted_at IS NULL AND g.person_id IN (SELECT id FROM kin))
ORDER BY s.date_of_birth NULLS LAST, name, s.id
";

pub fn siblings(tenant: &mut Tenant<'_>, student: Uuid) -> QueryResult<Vec<Kin>> {
    kin(tenant, SIBLINGS_SQL, student)
}

/// The students one of the kin queries above finds for a record.
fn kin(tenant: &mut Tenant<'_>, sql: &'static str, record: Uuid) -> QueryResult<Vec<Kin>> {
    diesel::sql_query(sql)
        .bind::<SqlUuid, _>(record)
        .load(tenant.conn())
}

/// The live students linked to a person of the family.
const CHILDREN_SQL: &str = "
SELECT s.id, s.first_name || ' ' || s.last_name AS name, s.student_number,
       s.status::text AS status
FROM students s
WHERE s.deleted_at IS NULL
  AND s.id IN (
      SELECT g.student_id FROM guardians g
      JOIN guardian_people p ON p.id = g.person_id AND p.deleted_at IS NULL
      WHERE g.deleted_at IS NULL AND p.family_id = $1)
ORDER BY s.date_of_birth NULLS LAST, name, s.id
";

pub fn children(tenant: &mut Tenant<'_>, family: Uuid) -> QueryResult<Vec<Kin>> {
    kin(tenant, CHILDREN_SQL, family)
}

/// The children linked to one guardian person.
const CHILDREN_OF_PERSON_SQL: &str = "
SELECT s.id, s.first_name || ' ' || s.last_name AS name, s.student_number,
       s.status::text AS status
FROM students s
WHERE s.deleted_at IS NULL
  AND s.id IN (SELECT g.student_id FROM guardians g WHERE g.deleted_at IS NULL AND g.person_id = $1)
ORDER BY s.date_of_birth NULLS LAST, name, s.id
";

pub fn children_of_person(tenant: &mut Tenant<'_>, person: Uuid) -> QueryResult<Vec<Kin>> {
    kin(tenant, CHILDREN_OF_PERSON_SQL, person)
}

#[derive(QueryableByName)]
struct Found {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Text)]
    name: String,
}

/// A live student with this name (case and accents aside) and date of birth.
pub fn same_student(
    tenant: &mut Tenant<'_>,
    first: &str,
    last: &str,
    born: chrono::NaiveDate,
) -> QueryResult<Option<(Uuid, String)>> {
    let found: Option<Found> = diesel::sql_query(
        "SELECT id, first_name || ' ' || last_name AS name FROM students \
         WHERE organization_id = $1 AND deleted_at IS NULL AND date_of_birth = $2 \
           AND homeroom_fold(first_name) = homeroom_fold($3) \
           AND homeroom_fold(last_name) = homeroom_fold($4) \
         ORDER BY created_at, id LIMIT 1",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Date, _>(born)
    .bind::<Text, _>(first)
    .bind::<Text, _>(last)
    .get_result(tenant.conn())
    .optional()?;
    Ok(found.map(|f| (f.id, f.name)))
}

#[derive(QueryableByName)]
struct Numbering {
    #[diesel(sql_type = Nullable<Text>)]
    number: Option<String>,
    #[diesel(sql_type = Text)]
    pattern: String,
}

/// A live student's number (none when blank) and the organization's pattern; `None`
/// when the student is not live.
pub fn numbering(
    tenant: &mut Tenant<'_>,
    student: Uuid,
) -> QueryResult<Option<(Option<String>, String)>> {
    let found: Option<Numbering> = diesel::sql_query(
        "SELECT s.student_number AS number, o.student_number_pattern AS pattern \
         FROM students s JOIN organizations o ON o.id = s.organization_id \
         WHERE s.id = $1 AND s.organization_id = $2 AND s.deleted_at IS NULL",
    )
    .bind::<SqlUuid, _>(student)
    .bind::<SqlUuid, _>(tenant.organization())
    .get_result(tenant.conn())
    .optional()?;
    Ok(found.map(|n| (n.number.filter(|v| !v.trim().is_empty()), n.pattern)))
}

#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = Integer)]
    last_value: i32,
}

/// The year's next number of the organization. The counter row stays locked until
/// the transaction ends, so students created at once wait for each other.
pub fn next_in_sequence(tenant: &mut Tenant<'_>, year: i32) -> QueryResult<i32> {
    let row: Counted = diesel::sql_query(
        "INSERT INTO student_number_counters (organization_id, year, last_value) \
         VALUES ($1, $2, 1) \
         ON CONFLICT (organization_id, year) DO UPDATE \
         SET last_value = student_number_counters.last_value + 1, updated_at = now() \
         RETURNING last_value",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Integer, _>(year)
    .get_result(tenant.conn())?;
    Ok(row.last_value)
}

/// The last number given in `year`'s sequence, 0 before the first.
pub fn last_in_sequence(tenant: &mut Tenant<'_>, year: i32) -> QueryResult<i32> {
    use crate::db::schema::student_number_counters as c;
    let last: Option<i32> = c::table
        .filter(c::organization_id.eq(tenant.organization().uuid()))
        .filter(c::year.eq(year))
        .select(c::last_value)
        .first(tenant.conn())
        .optional()?;
    Ok(last.unwrap_or(0))
}

/// Whether a live student already has this number.
pub fn number_taken(tenant: &mut Tenant<'_>, number: &str) -> QueryResult<bool> {
    use crate::db::schema::students;
    diesel::select(diesel::dsl::exists(
        students::table.filter(
            students::organization_id
                .eq(tenant.organization())
                .and(students::deleted_at.is_null())
                .and(students::student_number.eq(number)),
        ),
    ))
    .get_result(tenant.conn())
}

pub fn set_number(tenant: &mut Tenant<'_>, student: Uuid, number: &str) -> QueryResult<usize> {
    use crate::db::schema::students;
    diesel::update(
        students::table.filter(
            students::id
                .eq(student)
                .and(students::organization_id.eq(tenant.organization())),
        ),
    )
    .set(students::student_number.eq(number))
    .execute(tenant.conn())
}

/// What one merge did in an organization.
#[derive(QueryableByName, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    /// People made for links that had none.
    #[diesel(sql_type = Integer)]
    pub people_created: i32,
    /// People folded into an older copy of themselves.
    #[diesel(sql_type = Integer)]
    pub people_merged: i32,
    /// A person's second link to the same student, removed.
    #[diesel(sql_type = Integer)]
    pub links_merged: i32,
}

/// Merges the organization's duplicate guardians into one person each, keeping every
/// student link (the SQL function the migration ran; running it again is safe).
pub fn merge_duplicate_guardians(tenant: &mut Tenant<'_>) -> QueryResult<Merged> {
    diesel::sql_query("SELECT * FROM homeroom_merge_guardians($1)")
        .bind::<SqlUuid, _>(tenant.organization())
        .get_result(tenant.conn())
}
