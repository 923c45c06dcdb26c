//! The school's calendar and wall clock: which day it is and what time it is at a
//! school, in the school's time zone.
//!
//! Moments that only order or expire things (sessions, tokens, lock-outs, job runs)
//! use the real clock, as the database's `now()` does. What a school sees as its day
//! (today's rolls, deadlines, the demo's year) comes from here, so a test or a
//! demonstration can pin the calendar to a chosen moment with [`pin`]: from then on
//! the calendar starts at that moment and runs at the real pace.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

/// How far the calendar is from the real clock, in milliseconds (0 when not pinned).
static SHIFT_MS: AtomicI64 = AtomicI64::new(0);

/// Makes the calendar read `at` now and run on from there, for the whole process.
pub fn pin(at: DateTime<Utc>) {
    let shift = at - Utc::now();
    SHIFT_MS.store(shift.num_milliseconds(), Ordering::SeqCst);
}

/// How far the calendar is from the real clock; zero unless [`pin`]ned.
pub fn shift() -> Duration {
    Duration::milliseconds(SHIFT_MS.load(Ordering::SeqCst))
}

/// The calendar's present moment.
pub fn now() -> DateTime<Utc> {
    Utc::now() + shift()
}

/// A school's time zone from its IANA name (`organizations.time_zone`); UTC when the
/// name is unknown. Every reading of a stored zone name goes through here.
pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

/// The wall clock at a school in `time_zone`.
pub fn local_now(time_zone: Tz) -> NaiveDateTime {
    now().with_timezone(&time_zone).naive_local()
}

/// The school's date in `time_zone`: "today" for a school is local.
pub fn today(time_zone: Tz) -> NaiveDate {
    local_now(time_zone).date()
}

/// The calendar's present moment as SQL (`timestamptz`), for statements that
/// judge dates in the database: the server's `now()` moved as [`pin`] moved ours.
pub fn sql_now() -> String {
    format!(
        "(now() + interval '{} milliseconds')",
        shift().num_milliseconds()
    )
}

/// The school's date in SQL, for the organization whose id the SQL expression
/// `organization` gives (its time zone; UTC when unknown).
pub fn sql_today(organization: &str) -> String {
    format!(
        "({} AT TIME ZONE coalesce((SELECT o.time_zone FROM organizations o WHERE o.id = {organization}), 'UTC'))::date",
        sql_now()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_school_day_follows_its_time_zone() {
        let at = now();
        let tokyo = today(zone("Asia/Tokyo"));
        let honolulu = today(zone("Pacific/Honolulu"));
        // Tokyo is 19 hours ahead of Honolulu: the same moment is never an earlier
        // date there, and at most one day later.
        let gap = (tokyo - honolulu).num_days();
        assert!((0..=1).contains(&gap), "{tokyo} vs {honolulu} at {at}");
        assert_eq!(today(zone("Not/AZone")), now().date_naive());
    }
}
