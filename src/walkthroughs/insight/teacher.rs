//! A teacher's walkthroughs over time: their averages per week or month, drawn as
//! SVG on the server, and the latest comments the directors wrote.

use chrono::{Datelike, Duration, NaiveDate};
use uuid::Uuid;

use super::{averages, one_decimal};
use crate::access::Access;
use crate::db::Tenant;
use crate::i18n::{Lang, msg};
use crate::walkthroughs::models::{AreaNames, DIMENSIONS, Walkthrough};
use crate::walkthroughs::queries;
use crate::walkthroughs::viewer::{Scope, Viewer};
use crate::web::error::AppError;

/// How many of the latest comments the teacher's page shows.
const COMMENTS_SHOWN: usize = 10;

/// One comment of a visit, on one area or on the whole.
pub struct Comment {
    pub date: NaiveDate,
    /// The id of the area's name ("Overall" for the visit's notes).
    pub area: &'static str,
    pub text: String,
    pub director: String,
    pub walkthrough: Uuid,
}

/// What the teacher's page shows.
pub struct TeacherTrend {
    pub name: String,
    /// Newest first.
    pub visits: Vec<Walkthrough>,
    /// The averages over every visit, one decimal.
    pub overall: Option<Vec<String>>,
    pub periods: Vec<Period>,
    pub chart: Chart,
    /// The latest first.
    pub comments: Vec<Comment>,
    /// Whether the viewer looks at someone else's visits (a director), not their own.
    pub observer: bool,
    /// The school's names of the areas.
    pub areas: AreaNames,
}

/// The visits to one teacher that the viewer may see; not found when the teacher
/// is outside the viewer's reach.
pub fn teacher_trend(
    tenant: &mut Tenant<'_>,
    access: &Access,
    staff_id: Uuid,
    t: Lang,
) -> Result<TeacherTrend, AppError> {
    let viewer = Viewer::load(tenant, access)?;
    let (name, campus) = queries::staff_member(tenant, staff_id)?;
    let within_reach = match &viewer.scope {
        Scope::Organization | Scope::Authored => true,
        Scope::Campus(c) => campus == Some(*c),
        Scope::Observed(ids) => ids.contains(&staff_id),
    };
    if !within_reach {
        return Err(AppError::NotFound);
    }
    let visits = queries::of_teacher(tenant, staff_id)?;
    let areas = AreaNames::load(tenant)?;
    Ok(TeacherTrend::new(
        name,
        viewer.is_observer(),
        visits,
        t,
        areas,
    ))
}

impl TeacherTrend {
    /// The trend of `visits`, given oldest first.
    fn new(
        name: String,
        observer: bool,
        mut visits: Vec<Walkthrough>,
        t: Lang,
        areas: AreaNames,
    ) -> TeacherTrend {
        let periods = periods(&visits, &t);
        let chart = chart(&periods, &t, &areas);
        let all: Vec<&Walkthrough> = visits.iter().collect();
        let overall = averages(&all).map(|a| a.iter().map(|v| one_decimal(&t, *v)).collect());
        visits.reverse();
        let comments = latest_comments(&visits, COMMENTS_SHOWN);
        TeacherTrend {
            name,
            visits,
            overall,
            periods,
            chart,
            comments,
            observer,
            areas,
        }
    }
}

/// Up to `most` comments of `visits` (newest first), area by area, then the overall notes.
fn latest_comments(visits: &[Walkthrough], most: usize) -> Vec<Comment> {
    let mut comments = Vec::new();
    for w in visits {
        let areas = DIMENSIONS.iter().map(|d| d.label).zip(w.comments());
        let overall = std::iter::once((msg("walk-overall"), w.overall_notes.as_ref()));
        for (area, text) in areas.chain(overall) {
            if let Some(text) = text {
                comments.push(Comment {
                    date: w.check_in_date,
                    area,
                    text: text.clone(),
                    director: w.director_name.clone(),
                    walkthrough: w.id,
                });
            }
        }
    }
    comments.truncate(most);
    comments
}

/// One stretch of time on the chart: a week, or a month for longer histories.
pub struct Period {
    /// "Week of 16 Nov", or "Nov 2026" for a month, in the reader's language.
    pub label: String,
    /// "16 Nov" for a week, "Nov 2026" for a month.
    pub short: String,
    pub weekly: bool,
    pub visits: usize,
    pub averages: [f64; 7],
    /// The averages as the reader writes numbers.
    pub shown: [String; 7],
}

impl Period {
    fn new(start: NaiveDate, weekly: bool, visits: usize, averages: [f64; 7], t: &Lang) -> Period {
        let short = if weekly {
            t.day_month(start)
        } else {
            t.message("walk-period-month")
                .arg("month", t.month_short(start))
                .arg("year", start.year().to_string())
                .to_string()
        };
        let label = if weekly {
            t.message("walk-period-week").arg("day", &short).to_string()
        } else {
            short.clone()
        };
        Period {
            label,
            short,
            weekly,
            visits,
            averages,
            shown: averages.map(|a| one_decimal(t, a)),
        }
    }

    pub fn short_label(&self) -> &str {
        &self.short
    }

    pub fn is_week(&self) -> bool {
        self.weekly
    }

    pub fn average(&self, area: &usize) -> &str {
        self.shown.get(*area).map_or("", String::as_str)
    }
}

/// Visits (any order) grouped into weeks, or months once they span more than four.
pub fn periods(visits: &[Walkthrough], t: &Lang) -> Vec<Period> {
    let (Some(first), Some(last)) = (
        visits.iter().map(|w| w.check_in_date).min(),
        visits.iter().map(|w| w.check_in_date).max(),
    ) else {
        return Vec::new();
    };
    let monthly = (last - first).num_days() > 120;
    let start_of = |d: NaiveDate| {
        if monthly {
            d.with_day(1).unwrap_or(d)
        } else {
            d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
        }
    };
    let mut starts: Vec<NaiveDate> = visits.iter().map(|w| start_of(w.check_in_date)).collect();
    starts.sort();
    starts.dedup();
    starts
        .into_iter()
        .filter_map(|start| {
            let within: Vec<&Walkthrough> = visits
                .iter()
                .filter(|w| start_of(w.check_in_date) == start)
                .collect();
            let averages = averages(&within)?;
            Some(Period::new(start, !monthly, within.len(), averages, t))
        })
        .collect()
}

/// A line chart of the seven areas, positioned for an SVG `viewBox`.
pub struct Chart {
    pub width: u32,
    pub height: u32,
    pub left: f64,
    pub right: f64,
    pub series: Vec<Series>,
    pub y_ticks: Vec<(f64, u8)>,
    pub x_ticks: Vec<(f64, String)>,
}

pub struct Series {
    /// The id of the area's name.
    pub label: &'static str,
    /// CSS class that colours the line and its legend entry.
    pub class: String,
    pub path: String,
    pub points: Vec<Point>,
}

pub struct Point {
    pub x: String,
    pub y: String,
    pub title: String,
}

// Drawn at about a phone's width, so its text reads at the page's size there.
const WIDTH: u32 = 360;
const HEIGHT: u32 = 220;
const LEFT: f64 = 26.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 30.0;
/// Points of equal value sit side by side instead of hiding each other.
const DODGE: f64 = 4.0;

pub fn chart(periods: &[Period], t: &Lang, areas: &AreaNames) -> Chart {
    let plot_w = f64::from(WIDTH) - LEFT - RIGHT - 8.0 * DODGE;
    let plot_h = f64::from(HEIGHT) - TOP - BOTTOM;
    let n = periods.len();
    let x = |i: usize| {
        let start = LEFT + 4.0 * DODGE;
        if n <= 1 {
            start + plot_w / 2.0
        } else {
            start + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: f64| TOP + (5.0 - v) / 4.0 * plot_h;
    let series = DIMENSIONS
        .iter()
        .enumerate()
        .map(|(d, dim)| {
            let shift = (d as f64 - 3.0) * DODGE;
            let points: Vec<(f64, f64)> = periods
                .iter()
                .enumerate()
                .map(|(i, p)| (x(i) + shift, y(p.averages[d])))
                .collect();
            let path = points
                .iter()
                .enumerate()
                .map(|(i, (px, py))| format!("{}{px:.1},{py:.1}", if i == 0 { "M" } else { "L" }))
                .collect::<Vec<_>>()
                .join(" ");
            Series {
                label: dim.label,
                class: format!("series-{}", d + 1),
                path,
                points: points
                    .iter()
                    .zip(periods)
                    .map(|((px, py), p)| Point {
                        x: format!("{px:.1}"),
                        y: format!("{py:.1}"),
                        title: t
                            .message("walk-chart-point")
                            .arg("area", areas.name(t, dim.label))
                            .arg("period", &p.label)
                            .arg("average", &p.shown[d])
                            .to_string(),
                    })
                    .collect(),
            }
        })
        .collect();
    // At most four labels under the axis, so they never overlap on a phone.
    let step = n.div_ceil(4).max(1);
    let x_ticks = periods
        .iter()
        .enumerate()
        .filter(|(i, _)| i % step == 0)
        .map(|(i, p)| (x(i), p.short.clone()))
        .collect();
    Chart {
        width: WIDTH,
        height: HEIGHT,
        left: LEFT,
        right: f64::from(WIDTH) - RIGHT,
        series,
        y_ticks: (1..=5u8).map(|v| (y(f64::from(v)), v)).collect(),
        x_ticks,
    }
}
