//! Each campus's bell times: the demo timetable's six periods, named as a school
//! would name them.

use anyhow::Context;
use chrono::NaiveTime;
use diesel::prelude::*;
use uuid::Uuid;

use super::organization::Org;
use super::plan::PERIODS;
use super::support::{insert_all, time};
use crate::db::schema::bell_periods;

#[derive(Insertable)]
#[diesel(table_name = bell_periods)]
struct NewBellPeriod {
    organization_id: Uuid,
    campus_id: Uuid,
    name: String,
    starts_at: NaiveTime,
    ends_at: NaiveTime,
}

pub fn create(conn: &mut PgConnection, org: &Org) -> anyhow::Result<()> {
    let mut rows = Vec::new();
    for campus in &org.campuses {
        for (n, &(sh, sm, eh, em)) in PERIODS.iter().enumerate() {
            rows.push(NewBellPeriod {
                organization_id: org.id,
                campus_id: campus.id,
                name: format!("Period {}", n + 1),
                starts_at: time(sh, sm)?,
                ends_at: time(eh, em)?,
            });
        }
    }
    insert_all!(conn, bell_periods::table, rows, "bell times");
    Ok(())
}
