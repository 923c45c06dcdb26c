//! The staff development demo: next week's frame waiting as a draft (the published
//! weeks come with the walkthroughs), and zone check-ins of the staff over the last
//! two weeks, enough on each campus for its figures to show on most days.

use anyhow::Context;
use chrono::{Datelike, TimeDelta, Utc};
use diesel::prelude::*;
use rand::Rng;
use uuid::Uuid;

use super::Ctx;
use super::organization::Org;
use super::people::People;
use super::support::{insert_all, new_id, pick, school_days, stream, weighted};
use crate::db::schema::{frame_entries, user_progress};

#[derive(Insertable)]
#[diesel(table_name = frame_entries)]
struct NewDraft {
    id: Uuid,
    organization_id: Uuid,
    campus_id: Option<Uuid>,
    week_of: String,
    posted_date: String,
    formal: &'static str,
    recognition: &'static str,
    application: &'static str,
    management: &'static str,
    emotional: &'static str,
    author: String,
    author_id: Uuid,
    published_at: Option<chrono::DateTime<Utc>>,
}

#[derive(Insertable)]
#[diesel(table_name = user_progress)]
struct NewCheckIn {
    id: Uuid,
    organization_id: Uuid,
    campus_id: Option<Uuid>,
    user_id: Option<Uuid>,
    progress_type: &'static str,
    item_id: &'static str,
    value: Option<&'static str>,
    created_at: chrono::DateTime<Utc>,
    created_by_id: Option<Uuid>,
}

const NOTES: [&str; 5] = [
    "Slept badly; a slow start.",
    "Good lesson with the juniors.",
    "Parent meeting after school on my mind.",
    "Calm morning, coffee helped.",
    "Marking pile is getting high.",
];

/// Next week's draft frame and the staff's check-ins; how many check-ins.
pub fn create(
    conn: &mut PgConnection,
    ctx: &Ctx,
    org: &Org,
    people: &People,
) -> anyhow::Result<usize> {
    let mut rng = stream(ctx.school.key, "staffdev");
    if let Some(author) = people.directors().next() {
        let next_monday =
            ctx.today + TimeDelta::days(7 - i64::from(ctx.today.weekday().num_days_from_monday()));
        let draft = NewDraft {
            id: new_id(&mut rng),
            organization_id: org.id,
            campus_id: None,
            week_of: next_monday.to_string(),
            posted_date: ctx.today.to_string(),
            formal: "Next week's observations look at how lessons close: a summary and one question.",
            recognition: "Thank you to the grade teams for the winter concert rehearsals.",
            application: "End two lessons with a one-line exit question.",
            management: "Reports are due on Friday; the office prints them on Monday.",
            emotional: "The last stretch before the break is tiring: ask for help early.",
            author: author.full_name(),
            author_id: author.user_id,
            published_at: None,
        };
        diesel::insert_into(frame_entries::table)
            .values(&draft)
            .execute(conn)?;
    }
    let zones = [("blue", 2), ("green", 6), ("yellow", 3), ("red", 1)];
    let days = school_days(ctx.today - TimeDelta::days(13), ctx.today);
    let mut rows = Vec::new();
    for day in &days {
        let days_ago = (ctx.today - *day).num_days();
        for person in &people.staff {
            // Most staff check in most days; a few never do.
            if person.email.len() % 5 == 0 || rng.random_range(0..10) < 2 {
                continue;
            }
            let minutes = rng.random_range(5..180);
            let at = ctx.now - TimeDelta::days(days_ago) - TimeDelta::minutes(minutes);
            let note = (rng.random_range(0..4) == 0).then(|| *pick(&mut rng, &NOTES));
            rows.push(NewCheckIn {
                id: new_id(&mut rng),
                organization_id: org.id,
                campus_id: person.campus.map(|c| org.campuses[c].id),
                user_id: Some(person.user_id),
                progress_type: "zone_check_in",
                item_id: weighted(&mut rng, &zones),
                value: note,
                created_at: at,
                created_by_id: Some(person.user_id),
            });
        }
    }
    insert_all!(conn, user_progress::table, rows, "zone check-ins");
    Ok(rows.len())
}
