//! E-mail that a visitor who is not signed in causes: a password-reset link, and the
//! notice that an account has locked. It is sent after the answer has gone, so how
//! long sign-in or "Forgot your password?" takes never tells whether an account
//! exists, and a slow mail server never holds up the page.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::schema::{organizations, users};
use crate::mail::{Email, Mailer};
use crate::state::AppState;
use crate::web::error::AppError;

/// Runs `work` on its own connection once the current answer is on its way;
/// a failure is logged, as there is no one left to tell.
pub fn after_reply<F>(state: &AppState, what: &'static str, work: F)
where
    F: FnOnce(&mut PgConnection, &Mailer) -> Result<(), AppError> + Send + 'static,
{
    let pool = state.pool.clone();
    let mailer = state.mailer.clone();
    actix_web::rt::spawn(async move {
        // Notices about an account (lock, reset link) go to its owner, in no organization's work.
        if let Err(error) = crate::web::db::run(&pool, move |conn| work(conn, &mailer)).await {
            tracing::warn!(%error, what, "e-mail after the answer failed");
        }
    });
}

/// After the answer, tells the owner of the account that has just locked, if one has.
pub fn after_lock(state: &AppState, lock_started: Option<(Uuid, DateTime<Utc>)>) {
    if let Some((user_id, until)) = lock_started {
        after_reply(state, "lock notice", move |conn, mailer| {
            send_lock_notice(conn, mailer, user_id, until)
        });
    }
}

/// Tells the owner of an account that it has just locked, and when it opens again
/// in their school's time, so the person whose sign-in is refused knows why.
pub fn send_lock_notice(
    conn: &mut PgConnection,
    mailer: &Mailer,
    user_id: Uuid,
    until: DateTime<Utc>,
) -> Result<(), AppError> {
    let (address, organization_id, time_zone): (String, Option<Uuid>, Option<String>) =
        users::table
            .left_join(
                organizations::table.on(organizations::id.nullable().eq(users::organization_id)),
            )
            .filter(users::id.eq(user_id))
            .select((
                users::email,
                users::organization_id,
                organizations::time_zone.nullable(),
            ))
            .first(conn)?;
    let t = super::queries::recipient_language(conn, user_id)?;
    let zone = crate::clock::zone(time_zone.as_deref().unwrap_or("UTC"));
    let opens = until.with_timezone(&zone);
    let (day, time) = (t.day_month(opens.date_naive()), t.time(opens.time()));
    mailer.send(
        conn,
        &Email {
            organization_id,
            to: address,
            subject: t.text("email-locked-subject"),
            body: t
                .message("email-locked-body")
                .arg("day", &day)
                .arg("time", &time)
                .to_string(),
            sent_by: None,
        },
    )?;
    Ok(())
}
