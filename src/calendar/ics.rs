//! A user's calendar feed as iCalendar: each event all day (dates) or timed (the
//! school's local times, written in UTC).

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::{Calendar, Component, EventLike};

use super::event::Event;
use crate::i18n::Lang;

/// The feed of `events` for a school in `zone`, named in `t`.
pub fn feed(t: Lang, school: &str, zone: Tz, events: &[Event], host: &str) -> String {
    let mut calendar = Calendar::new();
    calendar.name(&t.message("cal-feed-name").arg("school", school).to_string());
    calendar.timezone(zone.name());
    for event in events {
        calendar.push(entry(t, zone, event, host));
    }
    calendar.done().to_string()
}

fn at(zone: Tz, day: NaiveDate, time: NaiveTime) -> chrono::DateTime<Utc> {
    let local = day.and_time(time);
    zone.from_local_datetime(&local)
        .earliest()
        // A time skipped by a clock change: an hour later is what the clock shows.
        .or_else(|| {
            zone.from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
        })
        .map_or_else(|| local.and_utc(), |at| at.with_timezone(&Utc))
}

fn entry(t: Lang, zone: Tz, event: &Event, host: &str) -> icalendar::Event {
    let mut entry = icalendar::Event::new();
    let id = event.id.map(|id| id.to_string()).unwrap_or_default();
    entry
        .uid(&format!("{id}@{host}"))
        .summary(&event.title)
        .add_property("CATEGORIES", event.kind_word(t));
    match event.starts_at {
        None => {
            // All day: the end date is the day after the last (RFC 5545).
            let after = event.last_day().succ_opt().unwrap_or(event.last_day());
            entry.starts(event.date).ends(after);
        }
        Some(start) => {
            let end_day = event.last_day();
            let end = match event.ends_at {
                Some(end) => at(zone, end_day, end),
                None if end_day > event.date => at(zone, end_day, start),
                None => at(zone, event.date, start) + chrono::Duration::hours(1),
            };
            entry.starts(at(zone, event.date, start)).ends(end);
        }
    }
    if let Some(place) = &event.location {
        entry.location(place);
    }
    let who = t
        .message("cal-feed-for")
        .arg("audience", event.audience_words(t))
        .to_string();
    let description = match &event.description {
        Some(text) => format!("{text}\n\n{who}"),
        None => who,
    };
    entry.description(&description);
    entry.done()
}
