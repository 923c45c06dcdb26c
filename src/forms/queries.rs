//! The forms' own tables: one-time tokens and input kept over a sign-in.

use diesel::dsl::now;
use diesel::prelude::*;
use uuid::Uuid;

use super::once::Owner;
use crate::db::schema::{form_stashes, form_tokens};

/// What became of claiming a token.
pub enum Claim {
    /// This post is the first with the token: it creates.
    First,
    /// An earlier post with it created the record on this page.
    Taken(Option<String>),
}

/// Claims `token` for a create. Two posts at once wait on the unique key, so one of
/// them claims and the other reads what the first one made.
pub fn claim(conn: &mut PgConnection, owner: Owner, token: &str) -> QueryResult<Claim> {
    let mine = form_tokens::table
        .filter(form_tokens::organization_id.eq(owner.organization))
        .filter(form_tokens::user_id.eq(owner.user));
    // A day on, a token counts as new; the user's other old tokens go with it.
    diesel::delete(mine.filter(form_tokens::expires_at.le(now))).execute(conn)?;
    let claimed = diesel::insert_into(form_tokens::table)
        .values((
            form_tokens::organization_id.eq(owner.organization),
            form_tokens::user_id.eq(owner.user),
            form_tokens::token.eq(token),
        ))
        .on_conflict((
            form_tokens::organization_id,
            form_tokens::user_id,
            form_tokens::token,
        ))
        .do_nothing()
        .execute(conn)?;
    if claimed == 1 {
        return Ok(Claim::First);
    }
    let page = mine
        .filter(form_tokens::token.eq(token))
        .select(form_tokens::record_page)
        .first::<Option<String>>(conn)
        .optional()?
        .flatten();
    Ok(Claim::Taken(page))
}

/// Remembers the page of the record the token's post created, or lets the token go
/// when nothing was created (the form came back with its messages).
pub fn settle(
    conn: &mut PgConnection,
    owner: Owner,
    token: &str,
    record_page: Option<&str>,
) -> QueryResult<()> {
    let this = form_tokens::table
        .filter(form_tokens::organization_id.eq(owner.organization))
        .filter(form_tokens::user_id.eq(owner.user))
        .filter(form_tokens::token.eq(token));
    match record_page {
        Some(page) => diesel::update(this)
            .set(form_tokens::record_page.eq(page))
            .execute(conn)?,
        None => diesel::delete(this).execute(conn)?,
    };
    Ok(())
}

/// Stores a form's fields for an hour; expired ones go first.
pub fn stash(
    conn: &mut PgConnection,
    organization: Option<Uuid>,
    user: Option<Uuid>,
    page: &str,
    fields: &str,
) -> QueryResult<Uuid> {
    diesel::delete(form_stashes::table.filter(form_stashes::expires_at.le(now))).execute(conn)?;
    diesel::insert_into(form_stashes::table)
        .values((
            form_stashes::organization_id.eq(organization),
            form_stashes::user_id.eq(user),
            form_stashes::form_page.eq(page),
            form_stashes::fields.eq(fields),
        ))
        .returning(form_stashes::id)
        .get_result(conn)
}

/// Takes the fields stashed under `id` for `page`, when they are `owner`'s (or
/// nobody could be named) and less than an hour old; a stash comes back once.
pub fn unstash(
    conn: &mut PgConnection,
    owner: Owner,
    id: Uuid,
    page: &str,
) -> QueryResult<Option<String>> {
    let theirs = form_stashes::table
        .filter(form_stashes::id.eq(id))
        .filter(form_stashes::form_page.eq(page))
        .filter(form_stashes::expires_at.gt(now))
        .filter(
            form_stashes::organization_id
                .is_null()
                .or(form_stashes::organization_id.eq(owner.organization)),
        )
        .filter(
            form_stashes::user_id
                .is_null()
                .or(form_stashes::user_id.eq(owner.user)),
        );
    diesel::delete(theirs)
        .returning(form_stashes::fields)
        .get_result(conn)
        .optional()
}
