//! What a walkthrough is: the seven areas a director rates, and a stored visit.

use bigdecimal::BigDecimal;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::Tenant;
use crate::db::schema::{organizations, walkthrough_checkins};
use crate::i18n::{Lang, msg};

/// One of the seven areas a director rates from 1 to 5.
pub struct Dimension {
    pub key: &'static str,
    /// The id of the area's name, shown in the reader's language.
    pub label: &'static str,
    pub rating_field: &'static str,
    pub comment_field: &'static str,
}

macro_rules! dimension {
    ($key:literal, $label:expr) => {
        Dimension {
            key: $key,
            label: $label,
            rating_field: concat!($key, "_rating"),
            comment_field: concat!($key, "_comment"),
        }
    };
}

pub const DIMENSIONS: [Dimension; 7] = [
    dimension!("attitude", msg("walk-area-attitude")),
    dimension!(
        "classroom_management",
        msg("walk-area-classroom-management")
    ),
    dimension!("cleanliness", msg("walk-area-cleanliness")),
    dimension!("vibes", msg("walk-area-vibes")),
    dimension!("team_dynamics", msg("walk-area-team-dynamics")),
    dimension!("emergency_exit", msg("walk-area-emergency-exit")),
    dimension!("lesson_plan", msg("walk-area-lesson-plan")),
];

/// The names a school gave its walkthrough areas on its settings page ("Classroom
/// climate" for "Vibes"), by the id of Homeroom's own name; every page that names an
/// area asks here, so an area without one reads Homeroom's name in the reader's language.
#[derive(Clone, Debug, Default)]
pub struct AreaNames(Vec<(&'static str, String)>);

impl AreaNames {
    /// The tenant's school's names.
    pub fn load(tenant: &mut Tenant<'_>) -> QueryResult<AreaNames> {
        let id = tenant.organization();
        let settings: Option<serde_json::Value> = organizations::table
            .filter(organizations::id.eq(id))
            .select(organizations::settings)
            .first(tenant.conn())
            .optional()?;
        Ok(settings.map_or_else(AreaNames::default, |s| AreaNames::from_settings(&s)))
    }

    /// The names kept in a school's `settings`.
    pub fn from_settings(settings: &serde_json::Value) -> AreaNames {
        let named = crate::settings::area_names(settings);
        AreaNames(
            DIMENSIONS
                .iter()
                .filter_map(|d| {
                    let (_, name) = named.iter().find(|(key, _)| key == d.key)?;
                    let name = name.trim();
                    (!name.is_empty()).then(|| (d.label, name.to_owned()))
                })
                .collect(),
        )
    }

    /// The name of the area whose own name is the message `label`.
    pub fn name(&self, t: &Lang, label: &str) -> String {
        self.0
            .iter()
            .find(|(own, _)| *own == label)
            .map_or_else(|| t.text(label), |(_, name)| name.clone())
    }
}

/// A stored visit, as the pages read it.
#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = walkthrough_checkins, check_for_backend(diesel::pg::Pg))]
pub struct Walkthrough {
    pub id: Uuid,
    pub teacher_id: Option<Uuid>,
    pub teacher_name: String,
    pub classroom: String,
    pub director_name: String,
    pub check_in_date: NaiveDate,
    pub check_in_time: NaiveTime,
    pub attitude_rating: i32,
    pub attitude_comment: Option<String>,
    pub classroom_management_rating: i32,
    pub classroom_management_comment: Option<String>,
    pub cleanliness_rating: i32,
    pub cleanliness_comment: Option<String>,
    pub vibes_rating: i32,
    pub vibes_comment: Option<String>,
    pub team_dynamics_rating: i32,
    pub team_dynamics_comment: Option<String>,
    pub emergency_exit_rating: i32,
    pub emergency_exit_comment: Option<String>,
    pub lesson_plan_rating: i32,
    pub lesson_plan_comment: Option<String>,
    pub overall_notes: Option<String>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub acknowledgement_reply: Option<String>,
    pub created_at: DateTime<Utc>,
    pub created_by_id: Option<Uuid>,
}

/// One rated area of a visit, for the detail page.
pub struct Area {
    /// The id of the area's name.
    pub label: &'static str,
    pub rating: i32,
    pub comment: Option<String>,
}

impl Walkthrough {
    /// The ratings in the order of `DIMENSIONS`.
    pub fn ratings(&self) -> [i32; 7] {
        [
            self.attitude_rating,
            self.classroom_management_rating,
            self.cleanliness_rating,
            self.vibes_rating,
            self.team_dynamics_rating,
            self.emergency_exit_rating,
            self.lesson_plan_rating,
        ]
    }

    /// The comments in the order of `DIMENSIONS`.
    pub fn comments(&self) -> [Option<&String>; 7] {
        [
            self.attitude_comment.as_ref(),
            self.classroom_management_comment.as_ref(),
            self.cleanliness_comment.as_ref(),
            self.vibes_comment.as_ref(),
            self.team_dynamics_comment.as_ref(),
            self.emergency_exit_comment.as_ref(),
            self.lesson_plan_comment.as_ref(),
        ]
    }

    pub fn areas(&self) -> Vec<Area> {
        DIMENSIONS
            .iter()
            .zip(self.ratings())
            .zip(self.comments())
            .map(|((d, rating), comment)| Area {
                label: d.label,
                rating,
                comment: comment.cloned(),
            })
            .collect()
    }

    /// The mean of the seven ratings, one decimal, as the reader writes numbers.
    pub fn average(&self, t: &Lang) -> String {
        let sum: i32 = self.ratings().iter().sum();
        one_decimal(t, f64::from(sum) / 7.0)
    }

    /// When the visit happened, in the reader's language: "Mon 30 Nov 2026 10:35".
    pub fn when(&self, t: &Lang) -> String {
        t.message("walk-when")
            .arg("weekday", t.weekday_short(self.check_in_date))
            .arg("date", t.date(self.check_in_date))
            .arg("time", t.time(self.check_in_time))
            .to_string()
    }
}

/// A rating average with one decimal, as the reader writes numbers: "3.4", "3,4".
pub fn one_decimal(t: &Lang, value: f64) -> String {
    let tenths = (value * 10.0).round();
    // Averages of ratings from 1 to 5 are small; anything else shows as it is.
    if tenths.is_finite() && tenths.abs() < 1e12 {
        t.decimal(&BigDecimal::new((tenths as i64).into(), 1), 1)
    } else {
        format!("{value:.1}")
    }
}

/// A rating shown as a badge: good, middling or poor.
pub fn rating_badge(rating: i32) -> &'static str {
    match rating {
        4..=5 => "ok",
        3 => "warn",
        _ => "bad",
    }
}
