//! Roll call: the teacher's day, taking and saving rolls, summaries and absence alerts.

mod schedule;

use chrono::{Datelike, NaiveDate, Weekday};
use diesel::prelude::*;
use homeroom::db::schema::{organizations, staff, users};
use uuid::Uuid;

use crate::common::TestApp;

/// The demo school's organization id and time zone.
pub fn northwind(app: &TestApp) -> (Uuid, String) {
    organizations::table
        .filter(organizations::name.ilike("Northwind%"))
        .select((organizations::id, organizations::time_zone))
        .first(&mut app.conn())
        .expect("the Northwind organization")
}

/// The staff record of a demo account.
pub fn staff_id_of(app: &TestApp, email: &str) -> Uuid {
    staff::table
        .inner_join(users::table.on(staff::user_id.eq(users::id.nullable())))
        .filter(users::email.eq(email))
        .select(staff::id)
        .first(&mut app.conn())
        .unwrap_or_else(|e| panic!("staff record of {email}: {e}"))
}

/// Today in the school's time zone, or the next Monday when today is a weekend:
/// the demo teacher teaches every weekday.
pub fn school_day(time_zone: &str) -> NaiveDate {
    let mut day = homeroom::access::local_today(time_zone);
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        day = day.succ_opt().expect("a next day");
    }
    day
}
