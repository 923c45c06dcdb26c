//! The year's terms: to the end of October, to the end of February, and to the
//! year's end, as many schools split theirs.

use anyhow::Context;
use chrono::{Datelike, NaiveDate, TimeDelta};
use diesel::prelude::*;
use uuid::Uuid;

use super::Ctx;
use super::academics::Academics;
use super::organization::Org;
use super::support::{date, new_id, stream};
use crate::db::schema::academic_terms;

/// A term as the rest of the demo needs it.
pub struct DemoTerm {
    pub id: Uuid,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

impl DemoTerm {
    pub fn holds(&self, day: NaiveDate) -> bool {
        self.starts_on <= day && day <= self.ends_on
    }
}

#[derive(Insertable)]
#[diesel(table_name = academic_terms)]
struct NewTerm {
    id: Uuid,
    organization_id: Uuid,
    academic_year_id: Uuid,
    name: String,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    import_hash: String,
}

pub fn create(
    conn: &mut PgConnection,
    ctx: &Ctx,
    org: &Org,
    academics: &Academics,
) -> anyhow::Result<Vec<DemoTerm>> {
    let key = ctx.school.key;
    let first = ctx.year_end.year() - 1;
    let mut rng = stream(key, "terms");
    let bounds = [
        (ctx.year_start, date(first, 10, 31)?),
        (
            date(first, 11, 1)?,
            date(first + 1, 3, 1)? - TimeDelta::days(1),
        ),
        (date(first + 1, 3, 1)?, ctx.year_end),
    ];
    let terms: Vec<DemoTerm> = bounds
        .iter()
        .filter(|(from, until)| from <= until)
        .map(|&(starts_on, ends_on)| DemoTerm {
            id: new_id(&mut rng),
            starts_on,
            ends_on,
        })
        .collect();
    let rows: Vec<NewTerm> = terms
        .iter()
        .enumerate()
        .map(|(i, term)| NewTerm {
            id: term.id,
            organization_id: org.id,
            academic_year_id: academics.year_id,
            name: format!("Term {}", i + 1),
            starts_on: term.starts_on,
            ends_on: term.ends_on,
            import_hash: format!("demo:{key}:term:{first}:{i}"),
        })
        .collect();
    diesel::insert_into(academic_terms::table)
        .values(&rows)
        .execute(conn)
        .context("creating the demo terms")?;
    Ok(terms)
}
