//! Tells the observed teacher about a new walkthrough: in their inbox, and by
//! e-mail when they have an address. The demo's walkthroughs compose their notices
//! here too, so a seeded inbox reads as a live one. A notice is written in the
//! teacher's language: their own choice, else the school's.

use chrono::{Datelike, NaiveDate, NaiveTime};
use uuid::Uuid;

use super::models::{AreaNames, DIMENSIONS};
use super::queries::{TeacherOption, WalkthroughChanges};
use super::viewer::Viewer;
use crate::communication::{self, Notice, Recipient};
use crate::db::Tenant;
use crate::db::enums::RecipientType;
use crate::i18n::Lang;
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
    /// The school's names of the areas.
    pub areas: &'a AreaNames,
}

/// The notice's subject and body in the teacher's language `t`. `site` goes before
/// the walkthrough's path in the link: the public address for a notice that is also
/// e-mailed, empty for one that is only read in the inbox.
pub fn compose(visit: &Visit, walkthrough: Uuid, site: &str, t: &Lang) -> (String, String) {
    let subject = t
        .message("walk-notice-subject")
        .arg("classroom", visit.classroom)
        .arg("day", visit.date.day())
        .arg("month", t.month(visit.date))
        .arg("year", visit.date.year().to_string())
        .to_string();
    let mut lines = vec![
        t.message("walk-notice-visited")
            .arg("observer", visit.observer)
            .arg("classroom", visit.classroom)
            .arg("time", t.time(visit.time))
            .arg("date", t.long_date(visit.date))
            .to_string(),
        String::new(),
    ];
    for (d, r) in DIMENSIONS.iter().zip(visit.ratings) {
        let area = visit.areas.name(t, d.label);
        let line = t.message("walk-notice-rating").arg("area", area);
        lines.push(line.arg("rating", r).to_string());
    }
    lines.push(String::new());
    lines.push(t.text("walk-notice-read"));
    lines.push(format!("{site}/walkthroughs/{walkthrough}"));
    lines.push(String::new());
    (subject, lines.join("\n"))
}

/// The language of a notice to a teacher: theirs, else the school's.
pub fn teachers_language(teacher: Option<&str>, school: Option<&str>) -> Lang {
    crate::i18n::choose(teacher, school, None)
}

/// Tells the teacher, in their language (`school_language` when they chose none).
pub fn tell_teacher(
    tenant: &mut Tenant<'_>,
    state: &AppState,
    school_language: Option<&str>,
    viewer: &Viewer,
    walkthrough: Uuid,
    teacher: &TeacherOption,
    w: &WalkthroughChanges,
) -> Result<(), AppError> {
    if teacher.user_id.is_none() && teacher.email.is_none() {
        return Ok(());
    }
    let areas = AreaNames::load(tenant)?;
    let visit = Visit {
        areas: &areas,
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
    let t = teachers_language(teacher.language.as_deref(), school_language);
    let (subject, body) = compose(&visit, walkthrough, &state.public_url, &t);
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
