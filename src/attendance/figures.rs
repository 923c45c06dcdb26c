//! A day's attendance figure, the one definition every page shows: the students
//! marked present or late on the day's daily rolls, over the students enrolled that
//! day (domain.md). A roll not yet taken counts nobody present, so during the
//! morning the figure grows as rolls come in; pages show beside it how many of the
//! day's daily rolls are taken, and a dash before the first mark.

use std::collections::HashSet;

use chrono::NaiveDate;
use diesel::QueryResult;
use uuid::Uuid;

use super::filters::Tally;
use super::oversight::CampusToday;
use super::queries::oversight as queries;
use super::queries::summary as summaries;
use crate::db::Tenant;
use crate::i18n::Lang;

/// Present or late (`attended`) over enrolled, in percent; none before any mark
/// (`marked`) or with nobody enrolled.
pub fn rate(attended: i64, marked: i64, enrolled: i64) -> Option<f64> {
    (marked > 0 && enrolled > 0).then(|| attended as f64 * 100.0 / enrolled as f64)
}

/// The rate of a day's (or a campus's, or a grade's) marks.
pub fn rate_of(tally: Tally, enrolled: i64) -> Option<f64> {
    rate(tally.present + tally.late, tally.marked(), enrolled)
}

/// A rate as pages print it: one decimal, or a dash.
pub fn label(t: Lang, rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".to_owned(), |p| t.percent(p, 1))
}

/// One day's attendance across the campuses read.
pub struct DayAttendance {
    pub date: NaiveDate,
    pub enrolled: i64,
    pub tally: Tally,
    /// Daily rolls fully taken, and daily rolls due (classes with students enrolled).
    pub rolls_taken: i64,
    pub rolls_due: i64,
}

impl DayAttendance {
    /// Sums the campuses' rows.
    pub fn of(date: NaiveDate, campuses: &[CampusToday]) -> DayAttendance {
        DayAttendance {
            date,
            enrolled: campuses.iter().map(|c| c.campus.enrolled).sum(),
            tally: campuses
                .iter()
                .fold(Tally::default(), |t, c| t.plus(c.campus.tally)),
            rolls_taken: campuses.iter().map(|c| c.campus.rolls.0).sum(),
            rolls_due: campuses.iter().map(|c| c.campus.rolls.1).sum(),
        }
    }

    /// "94.2%": present or late over enrolled, as the reader's language writes it.
    pub fn percentage_in(&self, t: Lang) -> String {
        label(t, rate_of(self.tally, self.enrolled))
    }

    pub fn not_marked(&self) -> i64 {
        (self.enrolled - self.tally.marked()).max(0)
    }

    /// "12 of 24 daily rolls taken".
    pub fn rolls(&self, t: Lang) -> String {
        t.message("attendance-rolls-taken")
            .arg("taken", self.rolls_taken)
            .arg("due", self.rolls_due)
            .to_string()
    }
}

/// Whose marks a day's figure counts. Either way it is over everyone enrolled in
/// the school, with every class's daily roll due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sight {
    /// The whole school's, read from the campus summaries: for those who read them,
    /// who read every mark too (see `access::reach`).
    School,
    /// The marks the reader may read (a teacher, the rolls of the classes they
    /// teach), counted from the rolls.
    Readable,
}

/// The day the dashboard reports: today once a roll has marked someone, else the
/// latest earlier day with daily rolls (before the first roll of the morning, and
/// on a weekend, the last school day).
pub fn latest_day(
    tenant: &mut Tenant<'_>,
    today: NaiveDate,
    sight: Sight,
) -> QueryResult<Option<DayAttendance>> {
    let marked_today = match sight {
        Sight::School => summaries::has_summary(tenant, today)?,
        Sight::Readable => queries::has_daily_marks(tenant, today)?,
    };
    let date = if marked_today {
        today
    } else {
        let Some(date) = queries::latest_daily_roll_day(tenant, today)? else {
            return Ok(None);
        };
        date
    };
    let mut day = school_day(tenant, date)?;
    if sight == Sight::Readable {
        let mine = summaries::readable_marks(tenant, date)?;
        day.tally = Tally {
            present: mine.present,
            absent: mine.absent,
            late: mine.late,
            excused: mine.excused,
        };
        day.rolls_taken = mine.rolls_taken;
    }
    Ok(Some(day))
}

/// The whole school's day from the campuses' summaries; a campus without marks
/// that day has no summary, and counts its students enrolled and its rolls due.
fn school_day(tenant: &mut Tenant<'_>, date: NaiveDate) -> QueryResult<DayAttendance> {
    let days = summaries::campus_days(tenant, date)?;
    let marked: HashSet<Uuid> = days.iter().filter_map(|d| d.campus_id).collect();
    let unmarked: Vec<Uuid> = summaries::campuses(tenant)?
        .into_iter()
        .filter(|c| !marked.contains(c))
        .collect();
    let mut day = DayAttendance {
        date,
        enrolled: 0,
        tally: Tally::default(),
        rolls_taken: 0,
        rolls_due: 0,
    };
    if !unmarked.is_empty() {
        let rest = summaries::unmarked(tenant, date, &unmarked)?;
        day.enrolled = rest.enrolled;
        day.rolls_due = rest.rolls_due;
    }
    for d in days {
        day.enrolled += i64::from(d.students_enrolled);
        day.tally = day.tally.plus(Tally {
            present: d.present.into(),
            absent: i64::from(d.absent_or_excused) - i64::from(d.excused),
            late: d.late.into(),
            excused: d.excused.into(),
        });
        day.rolls_taken += i64::from(d.rolls_taken);
        day.rolls_due += i64::from(d.rolls_due);
    }
    Ok(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(present: i64, late: i64, absent: i64, excused: i64) -> Tally {
        Tally {
            present,
            absent,
            late,
            excused,
        }
    }

    #[test]
    fn present_and_late_count_over_everyone_enrolled() {
        let en = Lang::default();
        assert_eq!(label(en, rate_of(tally(90, 4, 5, 1), 100)), "94.0%");
        // Two of twenty rolls taken: the figure says so rather than 95% of the few marked.
        assert_eq!(label(en, rate_of(tally(18, 1, 1, 0), 400)), "4.8%");
    }

    #[test]
    fn before_the_first_mark_the_figure_is_a_dash() {
        let en = Lang::default();
        assert_eq!(label(en, rate_of(Tally::default(), 600)), "—");
        assert_eq!(label(en, rate_of(tally(1, 0, 0, 0), 0)), "—");
    }

    #[test]
    fn the_roll_count_reads_as_a_sentence() {
        let day = DayAttendance {
            date: NaiveDate::from_ymd_opt(2026, 12, 2).expect("date"),
            enrolled: 30,
            tally: tally(10, 0, 0, 0),
            rolls_taken: 1,
            rolls_due: 1,
        };
        assert_eq!(day.rolls(Lang::default()), "1 of 1 daily roll taken");
        assert_eq!(day.not_marked(), 20);
    }
}
