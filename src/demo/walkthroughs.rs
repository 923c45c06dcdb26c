//! Directors' classroom walkthroughs of the last weeks, each during a real lesson,
//! and the notice each observed teacher got in their inbox.

use std::collections::HashSet;

use anyhow::Context;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc, Weekday};
use diesel::prelude::*;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

use super::Ctx;
use super::academics::Academics;
use super::communication::{NewMessage, NewRecipient};
use super::organization::Org;
use super::people::{People, StaffMember};
use super::support::{insert_all, new_id, pick, school_days, stream, weighted};
use super::timetable::Lesson;
use crate::db::enums::{
    DeliveryStatus, MessageAudience, MessageChannel, MessageStatus, RecipientType,
};
use crate::db::schema::{frame_entries, message_recipients, messages, walkthrough_checkins};
use crate::walkthroughs::AreaNames;
use crate::walkthroughs::notice::{Visit, compose, teachers_language};

#[derive(Insertable)]
#[diesel(table_name = walkthrough_checkins)]
struct NewCheckin {
    id: Uuid,
    organization_id: Uuid,
    campus_id: Option<Uuid>,
    class_id: Uuid,
    teacher_id: Uuid,
    director_id: Uuid,
    teacher_name: String,
    classroom: String,
    director_name: String,
    check_in_date: NaiveDate,
    check_in_time: NaiveTime,
    attitude_rating: i32,
    attitude_comment: Option<&'static str>,
    classroom_management_rating: i32,
    classroom_management_comment: Option<&'static str>,
    cleanliness_rating: i32,
    cleanliness_comment: Option<&'static str>,
    vibes_rating: i32,
    vibes_comment: Option<&'static str>,
    team_dynamics_rating: i32,
    team_dynamics_comment: Option<&'static str>,
    emergency_exit_rating: i32,
    emergency_exit_comment: Option<&'static str>,
    lesson_plan_rating: i32,
    lesson_plan_comment: Option<&'static str>,
    overall_notes: Option<&'static str>,
    created_by_id: Uuid,
    created_at: DateTime<Utc>,
    acknowledged_at: Option<DateTime<Utc>>,
    acknowledgement_reply: Option<&'static str>,
}

/// What teachers write back when they acknowledge a visit.
const REPLIES: &[&str] = &[
    "Thank you for the feedback. I will move the bookshelf this week.",
    "Thanks! The group-work routine came from our grade team.",
    "Noted. Happy to talk about the lesson plan on Thursday.",
    "Thank you for visiting; the class enjoyed it.",
];

/// For each of the seven areas: what a director writes when it went well, and when not.
const COMMENTS: [(&[&str], &[&str]); 7] = [
    (
        &[
            "Warm greeting at the door for every student.",
            "Patient and encouraging throughout.",
        ],
        &["Seemed rushed; little time for questions."],
    ),
    (
        &[
            "Transitions were quick and calm.",
            "Clear routines; students knew what to do.",
        ],
        &[
            "Several students off task at the back.",
            "Noise level rose during group work.",
        ],
    ),
    (
        &["Tidy room, materials labelled."],
        &["Cluttered desks; recycling bin overflowing."],
    ),
    (
        &[
            "Students engaged and curious.",
            "Lots of laughter, on topic.",
        ],
        &["Energy dipped after the first ten minutes."],
    ),
    (
        &[
            "Groups shared roles well.",
            "Teaching assistant and teacher well coordinated.",
        ],
        &["Two groups waited for instructions."],
    ),
    (
        &["Exit route posted and clear."],
        &[
            "Exit partly blocked by a bookshelf.",
            "Evacuation map missing.",
        ],
    ),
    (
        &[
            "Objectives on the board; lesson followed the plan.",
            "Good differentiation for two levels.",
        ],
        &["Plan not available during the visit."],
    ),
];

const OVERALL: &[&str] = &[
    "Strong lesson overall. Share the group-work routine at the next staff meeting.",
    "Good progress since the last visit.",
    "Solid lesson; follow up on the points above next week.",
    "Students clearly enjoy this class.",
    "Discussed the observations with the teacher after the lesson.",
];

pub fn create(
    conn: &mut PgConnection,
    ctx: &Ctx,
    org: &Org,
    people: &People,
    academics: &Academics,
    lessons: &[Lesson],
) -> anyhow::Result<usize> {
    let school = ctx.school;
    let mut rng = stream(school.key, "walkthroughs");
    let first = (ctx.today - TimeDelta::days(28)).max(ctx.year_start);
    let days = school_days(first, ctx.today - TimeDelta::days(1));
    let directors: Vec<_> = people.directors().collect();
    if days.is_empty() || directors.is_empty() {
        return Ok(0);
    }

    // Separate stream: acknowledgements leave the visits themselves as they were.
    let mut replies = stream(school.key, "walkthrough-acknowledgements");
    let now = crate::clock::now();
    let mut rows = Vec::new();
    let mut visited = HashSet::new();
    for attempt in 0..school.walkthroughs * 10 {
        if rows.len() == school.walkthroughs {
            break;
        }
        let director = directors[attempt % directors.len()];
        let day = *pick(&mut rng, &days);
        // A lesson on that weekday, on the director's campus.
        let candidates: Vec<&Lesson> = lessons
            .iter()
            .filter(|l| l.weekday == day.weekday())
            .filter(|l| {
                director.campus.is_none() || people.staff[l.teacher].campus == director.campus
            })
            .collect();
        if candidates.is_empty() {
            continue;
        }
        let lesson = *pick(&mut rng, &candidates);
        // One visit per teacher and day.
        if !visited.insert((lesson.teacher, day)) {
            continue;
        }
        rows.push(visit(
            &mut rng, org, people, academics, director, lesson, day,
        ));
        // Most teachers have read their older visits; some wrote back.
        let row = rows.last_mut().context("the visit just added")?;
        let read_at = row.created_at + TimeDelta::hours(replies.random_range(2..60));
        if replies.random_bool(0.65) && read_at < now {
            row.acknowledged_at = Some(read_at);
            row.acknowledgement_reply = replies
                .random_bool(0.4)
                .then(|| *pick(&mut replies, REPLIES));
        }
    }
    // The demo teacher always has a visit of their own waiting to be acknowledged.
    let demo_teacher = school
        .demo_teacher
        .as_ref()
        .and_then(|demo| people.staff.iter().position(|s| s.email == demo.email));
    if let Some(teacher) = demo_teacher
        && !rows
            .iter()
            .any(|r| r.teacher_id == people.staff[teacher].id)
        && let Some((lesson, day)) = days.iter().rev().find_map(|day| {
            lessons
                .iter()
                .find(|l| l.teacher == teacher && l.weekday == day.weekday())
                .map(|l| (l, *day))
        })
    {
        rows.push(visit(
            &mut rng,
            org,
            people,
            academics,
            directors[0],
            lesson,
            day,
        ));
    }
    rows.sort_by_key(|r| (r.check_in_date, r.check_in_time));
    insert_all!(
        conn,
        walkthrough_checkins::table,
        rows,
        "walkthrough check-ins"
    );
    tell_teachers(conn, ctx, org, people, &rows)?;
    Ok(rows.len())
}

/// The notice each observed teacher got when the visit was recorded, composed as a
/// live walkthrough composes it, in their inbox from that moment; read once they
/// acknowledged the visit. The link is the site's own path, as the demo's address
/// is not known when it is seeded.
fn tell_teachers(
    conn: &mut PgConnection,
    ctx: &Ctx,
    org: &Org,
    people: &People,
    visits: &[NewCheckin],
) -> anyhow::Result<()> {
    let mut rng = stream(ctx.school.key, "walkthrough-notices");
    let mut notices = Vec::new();
    let mut copies = Vec::new();
    // The demo's teachers and school choose no language: their notices read as a
    // live one would for them.
    let t = teachers_language(None, None);
    // A new school keeps Homeroom's own names for the areas.
    let areas = AreaNames::default();
    for v in visits {
        let Some(teacher) = people.staff.iter().find(|s| s.id == v.teacher_id) else {
            continue;
        };
        let visit = Visit {
            areas: &areas,
            observer: &v.director_name,
            classroom: &v.classroom,
            date: v.check_in_date,
            time: v.check_in_time,
            ratings: [
                v.attitude_rating,
                v.classroom_management_rating,
                v.cleanliness_rating,
                v.vibes_rating,
                v.team_dynamics_rating,
                v.emergency_exit_rating,
                v.lesson_plan_rating,
            ],
        };
        let (subject, body) = compose(&visit, v.id, "", &t);
        let id = new_id(&mut rng);
        notices.push(NewMessage {
            id,
            organization_id: org.id,
            campus_id: v.campus_id,
            sent_by_id: Some(v.created_by_id),
            subject,
            body,
            channel: MessageChannel::InApp,
            audience: MessageAudience::Custom,
            personal: true,
            status: MessageStatus::Sent,
            sent_at: v.created_at,
            import_hash: format!("demo:{}:walkthrough-notice:{}", ctx.school.key, v.id),
            created_at: Some(v.created_at),
            created_by_id: Some(v.created_by_id),
        });
        copies.push(NewRecipient {
            id: new_id(&mut rng),
            organization_id: org.id,
            message_id: id,
            recipient_type: RecipientType::Staff,
            recipient_label: teacher.full_name(),
            destination: None,
            user_id: Some(teacher.user_id),
            delivery_status: if v.acknowledged_at.is_some() {
                DeliveryStatus::Read
            } else {
                DeliveryStatus::Delivered
            },
            delivered_at: Some(v.created_at),
            read_at: v.acknowledged_at,
            created_at: Some(v.created_at),
            created_by_id: Some(v.created_by_id),
        });
    }
    insert_all!(conn, messages::table, notices, "walkthrough notices");
    insert_all!(
        conn,
        message_recipients::table,
        copies,
        "walkthrough notices' recipients"
    );
    Ok(())
}

/// One director's visit during a lesson on a day, rated as directors tend to rate.
fn visit(
    rng: &mut ChaCha8Rng,
    org: &Org,
    people: &People,
    academics: &Academics,
    director: &StaffMember,
    lesson: &Lesson,
    day: NaiveDate,
) -> NewCheckin {
    let teacher = &people.staff[lesson.teacher];
    let check_in_time = lesson.starts_at + TimeDelta::minutes(rng.random_range(5..30));
    let mut area = |n: usize| rating(rng, n);
    let (attitude_rating, attitude_comment) = area(0);
    let (classroom_management_rating, classroom_management_comment) = area(1);
    let (cleanliness_rating, cleanliness_comment) = area(2);
    let (vibes_rating, vibes_comment) = area(3);
    let (team_dynamics_rating, team_dynamics_comment) = area(4);
    let (emergency_exit_rating, emergency_exit_comment) = area(5);
    let (lesson_plan_rating, lesson_plan_comment) = area(6);
    NewCheckin {
        id: new_id(rng),
        organization_id: org.id,
        campus_id: teacher.campus.map(|c| org.campuses[c].id),
        class_id: academics.class_ids[lesson.class],
        teacher_id: teacher.id,
        director_id: director.id,
        teacher_name: teacher.full_name(),
        classroom: lesson.room.clone(),
        director_name: director.full_name(),
        check_in_date: day,
        check_in_time,
        attitude_rating,
        attitude_comment,
        classroom_management_rating,
        classroom_management_comment,
        cleanliness_rating,
        cleanliness_comment,
        vibes_rating,
        vibes_comment,
        team_dynamics_rating,
        team_dynamics_comment,
        emergency_exit_rating,
        emergency_exit_comment,
        lesson_plan_rating,
        lesson_plan_comment,
        overall_notes: rng.random_bool(0.7).then(|| *pick(rng, OVERALL)),
        created_by_id: director.user_id,
        created_at: day.and_time(check_in_time).and_utc(),
        acknowledged_at: None,
        acknowledgement_reply: None,
    }
}

/// A 1–5 rating, mostly 3–5, sometimes with a comment that fits it.
fn rating(rng: &mut ChaCha8Rng, area: usize) -> (i32, Option<&'static str>) {
    let value = weighted(rng, &[(1, 2), (2, 6), (3, 25), (4, 40), (5, 27)]);
    let (good, poor) = COMMENTS[area];
    let comment = if value <= 2 || rng.random_bool(0.3) {
        Some(*pick(rng, if value >= 4 { good } else { poor }))
    } else {
        None
    };
    (value, comment)
}

#[derive(Insertable)]
#[diesel(table_name = frame_entries)]
struct NewFrame {
    id: Uuid,
    organization_id: Uuid,
    campus_id: Option<Uuid>,
    week_of: String,
    posted_date: String,
    formal: &'static str,
    recognition: String,
    application: &'static str,
    management: &'static str,
    emotional: &'static str,
    author: String,
}

/// The weekly leadership notes (formal, recognition, application, management,
/// emotional): one per week for the last three weeks, in the teachers' own words.
const FRAMES: [(&str, &str, &str, &str, &str); 3] = [
    (
        "Formal observations this week focused on checking for understanding at the end of lessons.",
        "for a calm, well-run science practical.",
        "Try one exit ticket per lesson this week and bring three examples to Thursday's meeting.",
        "Duty rota for the winter term is posted in the staff room.",
        "It is a long stretch before the break: look after yourselves, and each other.",
    ),
    (
        "Walkthroughs looked at how lessons open: objectives shared, first task ready.",
        "for the reading corner that every class now wants to borrow.",
        "Share one starter activity with your grade team.",
        "Please finish the attendance follow-up calls for students absent three days or more.",
        "Thank you for the extra hours at the open evening.",
    ),
    (
        "Formal observations resume next week; the focus is group work.",
        "for organising the recycling drive with the student council.",
        "Plan one lesson with roles for every group member.",
        "Report card comments are due at the end of the month.",
        "Remember the staff breakfast on Friday morning.",
    ),
];

pub fn create_frames(
    conn: &mut PgConnection,
    ctx: &Ctx,
    org: &Org,
    people: &People,
) -> anyhow::Result<usize> {
    let mut rng = stream(ctx.school.key, "frames");
    let directors: Vec<_> = people.directors().collect();
    let teachers: Vec<_> = people.teachers.iter().map(|&t| &people.staff[t]).collect();
    if directors.is_empty() || teachers.is_empty() {
        return Ok(0);
    }
    let this_monday =
        ctx.today - TimeDelta::days(i64::from(ctx.today.weekday().num_days_from_monday()));
    let mut rows = Vec::new();
    for (weeks_ago, &(formal, recognition, application, management, emotional)) in
        FRAMES.iter().enumerate()
    {
        let monday = this_monday - TimeDelta::weeks(weeks_ago as i64);
        if monday.week(Weekday::Mon).last_day() < ctx.year_start || monday > ctx.today {
            continue;
        }
        let author = directors[weeks_ago % directors.len()];
        let praised = *pick(&mut rng, &teachers);
        rows.push(NewFrame {
            id: new_id(&mut rng),
            organization_id: org.id,
            campus_id: author.campus.map(|c| org.campuses[c].id),
            week_of: monday.to_string(),
            posted_date: monday.to_string(),
            formal,
            recognition: format!("Thank you to {} {recognition}", praised.full_name()),
            application,
            management,
            emotional,
            author: author.full_name(),
        });
    }
    insert_all!(conn, frame_entries::table, rows, "frame entries");
    Ok(rows.len())
}
