//! Completion of the safety quizzes, for those who oversee them ([`OVERSEE`]):
//! per campus for a week, who of its staff with an account has not taken the
//! week's quiz, a reminder to them in their inbox (one notice each per click), and
//! the trend over the last weeks (completion and mean best score per week).

use std::collections::HashMap;

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{Duration, NaiveDate};
use serde::Deserialize;
use uuid::Uuid;

use super::queries::{self, StaffMember};
use super::{OVERSEE, rules};
use crate::access::{Gate, Routes};
use crate::communication::{self, Notice, Recipient};
use crate::db::Tenant;
use crate::db::enums::RecipientType;
use crate::i18n::{self, Lang};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::layout::{Layout, Page};
use crate::web::{input, render, see_other};

/// How many weeks the trend shows, this one included.
const TREND_WEEKS: i64 = 6;

pub fn routes(r: &mut Routes) {
    let oversee = Gate::Requires(OVERSEE);
    r.get("/staff-development/quiz/completion", oversee, completion)
        .post("/staff-development/quiz/completion/remind", oversee, remind);
}

#[derive(Deserialize, Default)]
struct Chosen {
    #[serde(default)]
    week: String,
    #[serde(default)]
    campus: String,
}

impl Chosen {
    /// The Monday of the week asked for, else of this week.
    fn week(&self, today: NaiveDate) -> NaiveDate {
        NaiveDate::parse_from_str(self.week.trim(), "%Y-%m-%d")
            .map_or_else(|_| rules::week_of(today), rules::week_of)
    }

    fn campus(&self) -> Option<Uuid> {
        Uuid::parse_str(self.campus.trim()).ok()
    }
}

/// One campus's completion of a week.
struct CampusCompletion {
    id: Option<Uuid>,
    name: String,
    taken: usize,
    staff: usize,
    missing: Vec<String>,
}

struct TrendRow {
    week: String,
    completion: String,
    mean: String,
}

#[derive(Template)]
#[template(path = "staffdev/quiz_completion.html")]
struct CompletionPage {
    layout: Layout,
    week: String,
    week_value: String,
    weeks: Vec<(String, String, bool)>,
    campuses: Vec<CampusCompletion>,
    trend: Vec<TrendRow>,
}

/// Staff of `campus` (all campuses for `None` and no filter) who have no result in `best`.
fn not_taken<'a>(
    staff: &'a [StaffMember],
    best: &HashMap<Uuid, (i32, i32)>,
    campus: Option<Uuid>,
) -> impl Iterator<Item = &'a StaffMember> {
    staff
        .iter()
        .filter(move |s| s.campus_id == campus)
        .filter(move |s| !best.contains_key(&s.user_id))
}

fn campus_rows(
    tenant: &mut Tenant<'_>,
    week: NaiveDate,
    staff: &[StaffMember],
    only: Option<Uuid>,
    t: Lang,
) -> diesel::QueryResult<Vec<CampusCompletion>> {
    let best = queries::best_by_user(tenant, &week.to_string())?;
    let mut campuses: Vec<(Option<Uuid>, String)> = queries::campuses(tenant)?
        .into_iter()
        .map(|(id, name)| (Some(id), name))
        .collect();
    if staff.iter().any(|s| s.campus_id.is_none()) {
        campuses.push((None, t.text("quiz-no-campus")));
    }
    Ok(campuses
        .into_iter()
        .filter(|(id, _)| only.is_none() || *id == only)
        .map(|(id, name)| {
            let on_campus = staff.iter().filter(|s| s.campus_id == id).count();
            let missing: Vec<String> = not_taken(staff, &best, id)
                .map(|s| s.name.clone())
                .collect();
            CampusCompletion {
                id,
                name,
                taken: on_campus - missing.len(),
                staff: on_campus,
                missing,
            }
        })
        .collect())
}

/// Completion and mean best score (as a share of the total) of each of the last weeks.
fn trend(
    tenant: &mut Tenant<'_>,
    week: NaiveDate,
    staff: &[StaffMember],
    t: Lang,
) -> diesel::QueryResult<Vec<TrendRow>> {
    let mut rows = Vec::new();
    for back in (0..TREND_WEEKS).rev() {
        let monday = week - Duration::weeks(back);
        let best = queries::best_by_user(tenant, &monday.to_string())?;
        let taken: Vec<(i32, i32)> = staff
            .iter()
            .filter_map(|s| best.get(&s.user_id).copied())
            .collect();
        let completion = share(taken.len() as f64, staff.len() as f64);
        let mean = if taken.is_empty() {
            None
        } else {
            let sum: f64 = taken
                .iter()
                .map(|&(score, total)| share(f64::from(score), f64::from(total)).unwrap_or(0.0))
                .sum();
            Some(sum / taken.len() as f64)
        };
        rows.push(TrendRow {
            week: t.date(monday),
            completion: completion.map_or_else(|| "—".to_owned(), |c| t.percent(c, 0)),
            mean: mean.map_or_else(|| "—".to_owned(), |m| t.percent(m, 0)),
        });
    }
    Ok(rows)
}

fn share(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole)
}

async fn completion(
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<Chosen>,
) -> Result<HttpResponse, AppError> {
    let chosen = query.into_inner();
    let t = page.t;
    let (week, campuses, trend) =
        crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
            let week = chosen.week(tenant.today());
            let staff = queries::staff_with_accounts(tenant)?;
            let campuses = campus_rows(tenant, week, &staff, chosen.campus(), t)?;
            let trend = trend(tenant, week, &staff, t)?;
            Ok((week, campuses, trend))
        })
        .await?;
    let this_week = rules::week_of(crate::clock::today(page.access.time_zone));
    let weeks = (0..8)
        .map(|back| {
            let monday = this_week - Duration::weeks(back);
            (monday.to_string(), t.date(monday), monday == week)
        })
        .collect();
    let view = CompletionPage {
        layout: page.layout(t.text("quiz-completion-title")),
        week: t.date(week),
        week_value: week.to_string(),
        weeks,
        campuses,
        trend,
    };
    render(&view)
}

/// `POST /staff-development/quiz/completion/remind` (`week`, `campus`): a notice in
/// the inbox of each of the campus's staff who have not taken the week's quiz.
async fn remind(
    page: Page,
    state: web::Data<AppState>,
    form: input::Form<Chosen>,
    flashes: Session,
) -> Result<HttpResponse, AppError> {
    let chosen = form.into_inner();
    let campus = chosen.campus();
    let sender = page.access.user_id;
    let school_language = page.access.school_language.clone();
    let app = state.clone();
    let (week, sent) = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let week = chosen.week(tenant.today());
        let staff = queries::staff_with_accounts(tenant)?;
        let best = queries::best_by_user(tenant, &week.to_string())?;
        let mut sent = 0usize;
        tenant.transaction(|tenant| {
            for member in not_taken(&staff, &best, campus) {
                let lang =
                    i18n::choose(member.language.as_deref(), school_language.as_deref(), None);
                let subject = lang.text("quiz-reminder-subject");
                let body = lang
                    .message("quiz-reminder-body")
                    .arg("week", lang.date(week))
                    .arg("link", format!("{}/staff-development/quiz", app.public_url))
                    .to_string();
                let recipients = [Recipient {
                    kind: RecipientType::Staff,
                    label: member.name.clone(),
                    user_id: Some(member.user_id),
                    email: None,
                }];
                communication::notify(
                    tenant,
                    &app.mailer,
                    &Notice {
                        campus_id: member.campus_id,
                        sent_by: Some(sender),
                        subject: &subject,
                        body: &body,
                        recipients: &recipients,
                        personal: true,
                    },
                )?;
                sent += 1;
            }
            Ok::<(), diesel::result::Error>(())
        })?;
        Ok((week, sent))
    })
    .await?;
    let said = page
        .t
        .message("quiz-reminded")
        .arg("count", sent)
        .to_string();
    flash::push(&flashes, Level::Success, said);
    let back = match campus {
        Some(c) => format!("/staff-development/quiz/completion?week={week}&campus={c}"),
        None => format!("/staff-development/quiz/completion?week={week}"),
    };
    Ok(see_other(&back))
}
