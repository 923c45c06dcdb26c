//! The safety quiz's rows: one `safety_quiz_results` row per attempt; a person's
//! best attempt of a week counts. Who has not taken a week's quiz is read from the
//! campus's staff with an account.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::Tenant;
use crate::db::schema::{self, safety_quiz_results as sq};

crate::live_rows!(safety_quiz_results);

/// An attempt as stored.
pub struct NewAttempt<'a> {
    pub quiz_id: &'a str,
    pub quiz_title: &'a str,
    pub week_of: String,
    pub score: i32,
    pub total: i32,
    pub answers: serde_json::Value,
    pub user_name: &'a str,
    pub user_role: &'a str,
    pub completed_at: DateTime<Utc>,
}

/// The campus of the signed-in user's staff record, if any.
pub fn own_campus(tenant: &mut Tenant<'_>) -> QueryResult<Option<Uuid>> {
    let me = tenant.user();
    let campus: Option<Option<Uuid>> = crate::school::queries::staff::live(tenant)
        .filter(schema::staff::user_id.eq(me))
        .select(schema::staff::campus_id)
        .first(tenant.conn())
        .optional()?;
    Ok(campus.flatten())
}

/// Records the signed-in user's attempt; returns its id.
pub fn insert(tenant: &mut Tenant<'_>, attempt: &NewAttempt<'_>) -> QueryResult<Uuid> {
    let campus = own_campus(tenant)?;
    let me = tenant.user();
    let organization = tenant.organization();
    diesel::insert_into(sq::table)
        .values((
            sq::organization_id.eq(organization),
            sq::campus_id.eq(campus),
            sq::user_id.eq(me),
            sq::quiz_id.eq(attempt.quiz_id),
            sq::quiz_title.eq(attempt.quiz_title),
            sq::week_of.eq(&attempt.week_of),
            sq::score.eq(attempt.score),
            sq::total_questions.eq(attempt.total),
            sq::answers.eq(&attempt.answers),
            sq::user_name.eq(attempt.user_name),
            sq::user_role.eq(attempt.user_role),
            sq::completed_at.eq(attempt.completed_at),
            sq::created_by_id.eq(me),
            sq::updated_by_id.eq(me),
        ))
        .returning(sq::id)
        .get_result(tenant.conn())
}

/// A stored attempt, as its taker sees it afterwards.
#[derive(Queryable)]
pub struct Attempt {
    pub quiz_id: String,
    pub score: i32,
    pub total: i32,
    pub answers: serde_json::Value,
}

/// The signed-in user's own attempt `id`.
pub fn own_attempt(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<Option<Attempt>> {
    let me = tenant.user();
    safety_quiz_results::live(tenant)
        .filter(sq::id.eq(id))
        .filter(sq::user_id.eq(me))
        .select((sq::quiz_id, sq::score, sq::total_questions, sq::answers))
        .first(tenant.conn())
        .optional()
}

/// The signed-in user's best score of a week, with its total and how many attempts.
pub fn own_best(tenant: &mut Tenant<'_>, week_of: &str) -> QueryResult<Option<(i32, i32, usize)>> {
    let me = tenant.user();
    let rows: Vec<(i32, i32)> = safety_quiz_results::live(tenant)
        .filter(sq::user_id.eq(me))
        .filter(sq::week_of.eq(week_of))
        .select((sq::score, sq::total_questions))
        .load(tenant.conn())?;
    let attempts = rows.len();
    Ok(rows
        .into_iter()
        .max_by_key(|&(score, _)| score)
        .map(|(score, total)| (score, total, attempts)))
}

/// Each user's best score of a week, by user: counted with Homeroom's own reach,
/// for those who oversee completion, whose own reach is their own answers.
pub fn best_by_user(
    tenant: &mut Tenant<'_>,
    week_of: &str,
) -> QueryResult<HashMap<Uuid, (i32, i32)>> {
    let rows: Vec<(Option<Uuid>, i32, i32)> = tenant.as_system(|tenant| {
        safety_quiz_results::live(tenant)
            .filter(sq::week_of.eq(week_of))
            .filter(sq::user_id.is_not_null())
            .select((sq::user_id, sq::score, sq::total_questions))
            .load(tenant.conn())
    })?;
    let mut best: HashMap<Uuid, (i32, i32)> = HashMap::new();
    for (user, score, total) in rows {
        let Some(user) = user else { continue };
        let entry = best.entry(user).or_insert((score, total));
        if score > entry.0 {
            *entry = (score, total);
        }
    }
    Ok(best)
}

/// A member of staff who signs in: the people a week's quiz is for.
pub struct StaffMember {
    pub user_id: Uuid,
    pub name: String,
    pub email: String,
    pub campus_id: Option<Uuid>,
    /// The language they chose, if any.
    pub language: Option<String>,
}

/// The school's live staff with a live, enabled account, by campus then name.
pub fn staff_with_accounts(tenant: &mut Tenant<'_>) -> QueryResult<Vec<StaffMember>> {
    use schema::{staff as st, users as u};
    type Row = (
        Uuid,
        Option<Uuid>,
        Option<String>,
        Option<String>,
        String,
        Option<String>,
    );
    let rows: Vec<Row> = crate::school::queries::staff::live(tenant)
        .inner_join(u::table.on(u::id.nullable().eq(st::user_id)))
        .filter(u::deleted_at.is_null())
        .filter(u::disabled.eq(false))
        .order((st::last_name, st::first_name))
        .select((
            u::id,
            st::campus_id,
            st::first_name,
            st::last_name,
            u::email,
            u::language,
        ))
        .load(tenant.conn())?;
    Ok(rows
        .into_iter()
        .map(
            |(user_id, campus_id, first, last, email, language)| StaffMember {
                user_id,
                name: crate::access::display_name(first.as_deref(), last.as_deref(), &email),
                email,
                campus_id,
                language,
            },
        )
        .collect())
}

/// The school's live campuses, by name.
pub fn campuses(tenant: &mut Tenant<'_>) -> QueryResult<Vec<(Uuid, String)>> {
    use schema::campuses as cp;
    crate::school::queries::campuses::live(tenant)
        .order(cp::name.asc())
        .select((cp::id, cp::name))
        .load(tenant.conn())
}
