//! The access log's rows: written by the batch writer, read by a student's "Who has
//! seen this record" tab and by the by-staff page. Only this module names the table.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::Tenant;
use crate::db::schema::{self, access_log, students};

crate::live_rows!(users);

/// Rows a page of either list shows.
pub const PAGE_SIZE: i64 = 50;

/// One view, as the writer stores it.
#[derive(Clone, Debug, Insertable)]
#[diesel(table_name = access_log)]
pub struct View {
    pub organization_id: Uuid,
    pub user_id: Option<Uuid>,
    pub student_id: Option<Uuid>,
    pub students_count: i32,
    pub route: String,
    pub created_at: DateTime<Utc>,
}

/// Stores a batch of views in one statement.
pub fn insert_views(tenant: &mut Tenant<'_>, views: &[View]) -> QueryResult<usize> {
    diesel::insert_into(access_log::table)
        .values(views)
        .execute(tenant.conn())
}

/// A stored view with the names a reader needs.
#[derive(Queryable)]
pub struct Seen {
    pub at: DateTime<Utc>,
    pub route: String,
    pub students_count: i32,
    pub student: Option<(Uuid, String, String)>,
    pub user: Option<(Option<String>, Option<String>, String)>,
}

/// Whose views a list shows.
pub enum Views {
    /// Everyone's views of one student.
    OfStudent(Uuid),
    /// One staff member's views between two moments (the second not included).
    ByUser(Uuid, DateTime<Utc>, DateTime<Utc>),
}

/// A page of views (`page` from 1), newest first, and whether there are more.
pub fn views(tenant: &mut Tenant<'_>, which: Views, page: i64) -> QueryResult<(Vec<Seen>, bool)> {
    let mut query = access_log::table
        .left_join(schema::users::table)
        .left_join(students::table)
        .filter(access_log::organization_id.eq(tenant.organization()))
        .into_boxed();
    query = match which {
        Views::OfStudent(student) => query.filter(access_log::student_id.eq(student)),
        Views::ByUser(user, from, until) => query
            .filter(access_log::user_id.eq(user))
            .filter(access_log::created_at.ge(from))
            .filter(access_log::created_at.lt(until)),
    };
    let rows = query
        .order((access_log::created_at.desc(), access_log::id.desc()))
        .select((
            access_log::created_at,
            access_log::route,
            access_log::students_count,
            (students::id, students::first_name, students::last_name).nullable(),
            (
                schema::users::first_name,
                schema::users::last_name,
                schema::users::email,
            )
                .nullable(),
        ))
        .offset((page.max(1) - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE + 1)
        .load(tenant.conn())?;
    Ok(paged(rows))
}

fn paged(mut rows: Vec<Seen>) -> (Vec<Seen>, bool) {
    let more = rows.len() > PAGE_SIZE as usize;
    rows.truncate(PAGE_SIZE as usize);
    (rows, more)
}

/// A staff account: id, first and last name, e-mail.
pub type StaffAccount = (Uuid, Option<String>, Option<String>, String);

/// The school's staff accounts, by name: whose views the by-staff page lists.
pub fn staff(tenant: &mut Tenant<'_>) -> QueryResult<Vec<StaffAccount>> {
    users::live(tenant)
        .order((
            schema::users::last_name,
            schema::users::first_name,
            schema::users::email,
        ))
        .select((
            schema::users::id,
            schema::users::first_name,
            schema::users::last_name,
            schema::users::email,
        ))
        .load(tenant.conn())
}
