//! A teacher's lessons as an iCalendar feed behind their secret link
//! (`crate::feeds`, kind "lessons"). The feed lists each lesson on each school day
//! from four weeks back to twelve weeks ahead, expanded day by day from the
//! timetable in effect on that day (the one rule), so a timetable published from
//! next Monday shows from then on and a past week keeps what it had; no RRULE,
//! which could not follow a change of timetable.

use actix_web::{HttpResponse, web};
use chrono::{Days, NaiveDate};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike};

use super::queries::Lesson;
use crate::db::Tenant;
use crate::feeds::{self, FeedKey, FeedKind, Subscribe};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::error::AppError;

/// Days of the feed before and after today.
const WEEKS_BACK: u64 = 4;
const WEEKS_AHEAD: u64 = 12;

/// The days the feed covers: Monday four weeks back to Sunday twelve weeks ahead.
pub fn feed_days(today: NaiveDate) -> Vec<NaiveDate> {
    let from = super::week::monday_of(today) - Days::new(7 * WEEKS_BACK);
    (0..7 * (WEEKS_BACK + WEEKS_AHEAD + 1))
        .map(|i| from + Days::new(i))
        .collect()
}

/// The teacher's lessons on those days as one calendar, in the school's time zone.
pub fn calendar(t: Lang, zone: chrono_tz::Tz, lessons: &[(NaiveDate, Lesson)]) -> Calendar {
    let mut cal = Calendar::new();
    cal.name(&t.text("tt-feed-name")).timezone(zone.name());
    let at = |date: NaiveDate, time| CalendarDateTime::WithTimezone {
        date_time: date.and_time(time),
        tzid: zone.name().to_owned(),
    };
    for (date, l) in lessons {
        let mut event = Event::new();
        event
            .uid(&format!("{}-{date}@homeroom", l.id))
            .summary(&super::words::lesson_name(t, l))
            .starts(at(*date, l.starts_at))
            .ends(at(*date, l.ends_at));
        if let Some(room) = l.room.as_deref().filter(|r| !r.trim().is_empty()) {
            event.location(room);
        }
        cal.push(event.done());
    }
    cal.done()
}

/// The signed-in user's subscribe box for their lessons, when they teach.
pub fn subscribe(
    tenant: &mut Tenant<'_>,
    key: &FeedKey,
    public_url: &str,
) -> Result<Subscribe, AppError> {
    let token = feeds::link(tenant, key, FeedKind::Lessons)?;
    Ok(Subscribe::new(
        public_url,
        FeedKind::Lessons,
        &token,
        "/timetable/my-week",
    ))
}

/// `/timetable/feed/{token}.ics`: the link's owner's lessons; any other token is
/// not found.
pub(super) async fn lessons_feed(
    state: web::Data<AppState>,
    file: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = feeds::token_of_file(&file)
        .ok_or(AppError::NotFound)?
        .to_owned();
    let reader = crate::web::db::run(&state.pool, move |conn| {
        Ok(feeds::resolve(conn, FeedKind::Lessons, &token)?)
    })
    .await?
    .ok_or(AppError::NotFound)?;
    let (t, zone) = (reader.lang(), reader.time_zone);
    let lessons = crate::web::db::run_in(&state.pool, reader.actor(), move |tenant| {
        let staff = crate::attendance::queries::today::my_staff_ids(tenant)?;
        let days = feed_days(tenant.today());
        Ok(super::week::lessons_on(tenant, &staff, &days)?)
    })
    .await?;
    Ok(feeds::ics_response(calendar(t, zone, &lessons).to_string()))
}
