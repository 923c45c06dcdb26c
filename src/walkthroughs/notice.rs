//! Tells the observed teacher about a new walkthrough: in their inbox, and by
//! e-mail when they have an address. The demo's walkthroughs compose their notices
//! here too, so a seeded inbox reads as a live one.

use chrono::{NaiveDate, NaiveTime};
use uuid::Uuid;

use super::models::DIMENSIONS;
use super::queries::{TeacherOption, WalkthroughChanges};
use super::viewer::Viewer;
use crate::communication::{self, Notice, Recipient};
use crate::db::Tenant;
use crate::db::enums::RecipientType;
use crate::state::AppState;
use crate::web::error::AppError;

/// What the notice is about: who visited which room when, and their ratings in the
/// order of `DIMENSIONS`.
pub struct Visit<'a> {
    pub observer: &'a str,
    pub classroom: &'a str,
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub ratings: [i32; 7],
}

/// The notice's subject and body. `site` goes before the walkthrough's path in the
/// link: the public address for a notice that is also e-mailed, empty for one that
/// is only read in the inbox.
pub fn compose(visit: &Visit, walkthrough: Uuid, site: &str) -> (String, String) {
    let subject = format!(
        "Walkthrough of {} on {}",
        visit.classroom,
        visit.date.format("%-d %B %Y")
    );
    let mut body = format!(
        "{} visited {} at {} on {} and recorded a walkthrough.\n\n",
        visit.observer,
        visit.classroom,
        visit.time.format("%H:%M"),
        visit.date.format("%A %-d %B %Y"),
    );
    for (d, r) in DIMENSIONS.iter().zip(visit.ratings) {
        body.push_str(&format!("{}: {r} of 5\n", d.label));
    }
    body.push_str(&format!(
        "\nRead it and acknowledge it, with a reply if you like:\n{site}/walkthroughs/{walkthrough}\n"
    ));
    (subject, body)
}

pub fn tell_teacher(
    tenant: &mut Tenant<'_>,
    state: &AppState,
    viewer: &Viewer,
    walkthrough: Uuid,
    teacher: &TeacherOption,
    w: &WalkthroughChanges,
) -> Result<(), AppError> {
    if teacher.user_id.is_none() && teacher.email.is_none() {
        return Ok(());
    }
    let visit = Visit {
        observer: &viewer.name,
        classroom: &w.classroom,
        date: w.check_in_date,
        time: w.check_in_time,
        ratings: [
            w.attitude_rating,
            w.classroom_management_rating,
            w.cleanliness_rating,
            w.vibes_rating,
            w.team_dynamics_rating,
            w.emergency_exit_rating,
            w.lesson_plan_rating,
        ],
    };
    let (subject, body) = compose(&visit, walkthrough, &state.public_url);
    let recipients = [Recipient {
        kind: RecipientType::Staff,
        label: teacher.name.clone(),
        user_id: teacher.user_id,
        email: teacher.email.clone(),
    }];
    communication::notify(
        tenant,
        &state.mailer,
        &Notice {
            campus_id: w.campus_id,
            sent_by: Some(viewer.user_id),
            subject: &subject,
            body: &body,
            recipients: &recipients,
            personal: true,
        },
    )?;
    Ok(())
}
