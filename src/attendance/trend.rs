//! The attendance trend as an SVG line chart drawn on the server: geometry here,
//! markup in `templates/attendance/trend.html`.

use chrono::NaiveDate;

use crate::i18n::Lang;

/// One school day of the trend: who was enrolled, who was marked, and who came
/// (present or late).
#[derive(Clone, Debug)]
pub struct TrendDay {
    pub date: NaiveDate,
    pub enrolled: i64,
    pub marked: i64,
    pub attended: i64,
}

impl TrendDay {
    /// Present or late over enrolled, as every page counts it.
    pub fn percentage(&self) -> Option<f64> {
        super::figures::rate(self.attended, self.marked, self.enrolled)
    }

    pub fn label(&self, t: Lang) -> String {
        super::figures::label(t, self.percentage())
    }
}

pub struct Point {
    pub x: String,
    pub y: String,
    pub title: String,
}

pub struct Tick {
    pub y: String,
    pub label: String,
}

pub struct DateLabel {
    pub x: String,
    pub label: String,
    /// The first and last labels hang inwards so they are not cut at the edges.
    pub anchor: &'static str,
}

/// Everything the template needs to draw the chart.
pub struct TrendChart {
    pub days: Vec<TrendDay>,
    pub points: Vec<Point>,
    pub line: String,
    pub ticks: Vec<Tick>,
    pub dates: Vec<DateLabel>,
    pub summary: String,
}

pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 240.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;

impl TrendChart {
    /// Lays out the days (oldest first) on a scale from a round floor below the
    /// lowest day to 100%, so a dip from 96% to 88% is visible.
    pub fn new(t: Lang, days: Vec<TrendDay>) -> TrendChart {
        let values: Vec<f64> = days.iter().filter_map(TrendDay::percentage).collect();
        let lowest = values.iter().copied().fold(100.0_f64, f64::min);
        let floor = ((lowest - 5.0) / 10.0).floor().clamp(0.0, 9.0) * 10.0;
        let plot_w = WIDTH - LEFT - RIGHT;
        let plot_h = HEIGHT - TOP - BOTTOM;
        let y_of = |v: f64| TOP + (100.0 - v) / (100.0 - floor) * plot_h;
        let step = if days.len() > 1 {
            plot_w / (days.len() - 1) as f64
        } else {
            0.0
        };
        let x_of = |i: usize| {
            if days.len() > 1 {
                LEFT + i as f64 * step
            } else {
                LEFT + plot_w / 2.0
            }
        };

        let points: Vec<Point> = days
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                d.percentage().map(|p| Point {
                    x: fmt(x_of(i)),
                    y: fmt(y_of(p)),
                    title: t
                        .message("attendance-trend-point")
                        .arg("date", t.date(d.date))
                        .arg("rate", d.label(t))
                        .to_string(),
                })
            })
            .collect();
        let line = points
            .iter()
            .map(|p| format!("{},{}", p.x, p.y))
            .collect::<Vec<_>>()
            .join(" ");
        let tick_step = if 100.0 - floor > 50.0 { 20.0 } else { 10.0 };
        let mut ticks = Vec::new();
        let mut v = 100.0;
        while v >= floor - 0.01 {
            ticks.push(Tick {
                y: fmt(y_of(v)),
                label: t.percent(v, 0),
            });
            v -= tick_step;
        }
        // About six date labels fit under the chart on a phone.
        let every = days.len().div_ceil(6).max(1);
        let dates = days
            .iter()
            .enumerate()
            .filter(|(i, _)| i % every == 0 || *i == days.len() - 1)
            .filter(|(i, _)| *i == days.len() - 1 || days.len() - 1 - i > every / 2)
            .map(|(i, d)| DateLabel {
                x: fmt(x_of(i)),
                label: t.day_month(d.date),
                anchor: match i {
                    _ if days.len() == 1 => "middle",
                    0 => "start",
                    i if i == days.len() - 1 => "end",
                    _ => "middle",
                },
            })
            .collect();
        let summary = match (days.first(), days.last()) {
            (Some(first), Some(last)) if !values.is_empty() => {
                let average = values.iter().sum::<f64>() / values.len() as f64;
                let low = values.iter().copied().fold(f64::MAX, f64::min);
                let high = values.iter().copied().fold(f64::MIN, f64::max);
                t.message("attendance-trend-summary")
                    .arg("count", days.len())
                    .arg("from", t.day_month(first.date))
                    .arg("to", t.date(last.date))
                    .arg("average", t.percent(average, 1))
                    .arg("lowest", t.percent(low, 1))
                    .arg("highest", t.percent(high, 1))
                    .arg("last", last.label(t))
                    .to_string()
            }
            _ => t.text("attendance-trend-empty"),
        };
        TrendChart {
            days,
            points,
            line,
            ticks,
            dates,
            summary,
        }
    }

    pub fn width(&self) -> String {
        fmt(WIDTH)
    }

    pub fn height(&self) -> String {
        fmt(HEIGHT)
    }

    pub fn left(&self) -> String {
        fmt(LEFT)
    }

    pub fn right(&self) -> String {
        fmt(WIDTH - RIGHT)
    }

    pub fn date_y(&self) -> String {
        fmt(HEIGHT - BOTTOM + 22.0)
    }
}

fn fmt(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: u32, enrolled: i64, attended: i64) -> TrendDay {
        TrendDay {
            date: NaiveDate::from_ymd_opt(2026, 10, 1).expect("date") + chrono::Days::new(n.into()),
            enrolled,
            marked: enrolled,
            attended,
        }
    }

    #[test]
    fn thirty_days_make_thirty_points_inside_the_plot() {
        let chart = TrendChart::new(
            Lang::default(),
            (0..30)
                .map(|n| day(n, 100, 90 + i64::from(n % 7)))
                .collect(),
        );
        assert_eq!(chart.points.len(), 30);
        for p in &chart.points {
            let x: f64 = p.x.parse().expect("x");
            let y: f64 = p.y.parse().expect("y");
            assert!((LEFT..=WIDTH - RIGHT).contains(&x), "x {x}");
            assert!((TOP..=HEIGHT - BOTTOM).contains(&y), "y {y}");
        }
        assert_eq!(chart.line.split(' ').count(), 30);
        assert_eq!(chart.ticks.first().map(|t| t.label.as_str()), Some("100%"));
        assert_eq!(chart.ticks.last().map(|t| t.label.as_str()), Some("80%"));
        assert!(chart.summary.starts_with("30 school days"));
    }

    #[test]
    fn a_day_with_nobody_enrolled_is_left_out_of_the_line() {
        let chart = TrendChart::new(
            Lang::default(),
            vec![day(0, 10, 9), day(1, 0, 0), day(2, 10, 10)],
        );
        assert_eq!(chart.points.len(), 2);
        assert_eq!(chart.days[1].label(Lang::default()), "—");
    }

    #[test]
    fn an_empty_trend_says_so() {
        let chart = TrendChart::new(Lang::default(), Vec::new());
        assert!(chart.points.is_empty());
        assert_eq!(
            chart.summary,
            "No attendance has been recorded in this period."
        );
    }
}
