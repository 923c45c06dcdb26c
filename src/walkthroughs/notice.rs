//! Tells the observed teacher about a new walkthrough: in their inbox, and by
//! e-mail when they have an address.

use uuid::Uuid;

use super::models::DIMENSIONS;
use super::queries::{TeacherOption, WalkthroughChanges};
use super::viewer::Viewer;
use crate::communication::{self, Notice, Recipient};
use crate::db::Tenant;
use crate::db::enums::RecipientType;
use crate::state::AppState;
use crate::web::error::AppError;

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
    let subject = format!(
        "Walkthrough of {} on {}",
        w.classroom,
        w.check_in_date.format("%-d %B %Y")
    );
    let ratings = [
        w.attitude_rating,
        w.classroom_management_rating,
        w.cleanliness_rating,
        w.vibes_rating,
        w.team_dynamics_rating,
        w.emergency_exit_rating,
        w.lesson_plan_rating,
    ];
    let mut body = format!(
        "{} visited {} at {} on {} and recorded a walkthrough.\n\n",
        viewer.name,
        w.classroom,
        w.check_in_time.format("%H:%M"),
        w.check_in_date.format("%A %-d %B %Y"),
    );
    for (d, r) in DIMENSIONS.iter().zip(ratings) {
        body.push_str(&format!("{}: {r} of 5\n", d.label));
    }
    body.push_str(&format!(
        "\nRead it and acknowledge it, with a reply if you like:\n{}/walkthroughs/{walkthrough}\n",
        state.public_url
    ));
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
