//! Assessments set so far this year in every class subject, and each student's
//! result once an assessment is graded. Only schools whose spec asks for them.

use anyhow::Context;
use bigdecimal::BigDecimal;
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use diesel::prelude::*;
use rand::Rng;
use uuid::Uuid;

use super::Ctx;
use super::academics::Academics;
use super::organization::Org;
use super::people::People;
use super::plan::Plan;
use super::spec::SUBJECTS;
use super::support::{copy_all, insert_all, instant, money, new_id, school_days, stream, time};
use super::terms::DemoTerm;
use crate::db::enums::{AssessmentStatus, AssessmentType, GradeLetter};
use crate::db::schema::{assessment_results, assessments};
use crate::gradebook::Scale;

pub struct AssessmentCounts {
    pub assessments: usize,
    pub results: usize,
}

#[derive(Insertable)]
#[diesel(table_name = assessments)]
struct NewAssessment {
    id: Uuid,
    organization_id: Uuid,
    class_subject_id: Uuid,
    name: String,
    assessment_type: AssessmentType,
    assigned_at: DateTime<Utc>,
    due_at: DateTime<Utc>,
    max_score: BigDecimal,
    status: AssessmentStatus,
    academic_term_id: Option<Uuid>,
    import_hash: String,
}

#[derive(Insertable)]
#[diesel(table_name = assessment_results)]
#[diesel(treat_none_as_default_value = false)]
struct NewResult {
    id: Uuid,
    organization_id: Uuid,
    assessment_id: Uuid,
    student_id: Uuid,
    score: BigDecimal,
    grade_letter: GradeLetter,
    remarks: Option<&'static str>,
}

/// The kinds of assessment in the order a subject sets them, with their maximum score.
const KINDS: [(AssessmentType, i64); 6] = [
    (AssessmentType::Homework, 10),
    (AssessmentType::Quiz, 20),
    (AssessmentType::Assignment, 25),
    (AssessmentType::Test, 50),
    (AssessmentType::Project, 40),
    (AssessmentType::Exam, 100),
];

/// Days from setting an assessment to its due date.
const DAYS_TO_DUE: i64 = 7;

pub fn create(
    conn: &mut PgConnection,
    ctx: &Ctx,
    org: &Org,
    plan: &Plan,
    people: &People,
    academics: &Academics,
    terms: &[DemoTerm],
) -> anyhow::Result<AssessmentCounts> {
    let school = ctx.school;
    let per_subject = school.assessments_per_subject;
    let yesterday = ctx.today - TimeDelta::days(1);
    let days = school_days(ctx.year_start, yesterday);
    if per_subject == 0 || days.is_empty() {
        return Ok(AssessmentCounts {
            assessments: 0,
            results: 0,
        });
    }
    // The current term's school days so far get the later half of the assessments,
    // so every gradebook opens on a term with results.
    let current = terms.iter().find(|t| t.holds(yesterday));
    let (before, mut now): (Vec<NaiveDate>, Vec<NaiveDate>) = days
        .iter()
        .partition(|d| current.is_none_or(|t| !t.holds(**d)));
    if now.is_empty() {
        now.clone_from(&days);
    }
    let late = if before.is_empty() {
        per_subject
    } else {
        per_subject.div_ceil(2)
    };
    let early = per_subject - late;
    let rosters = people.rosters(plan.classes.len());
    // How well each student does, in percent, drawn apart from the assessments.
    let mut ability_rng = stream(school.key, "assessment-ability");
    let ability: Vec<i64> = people
        .students
        .iter()
        .map(|_| ability_rng.random_range(55..=97))
        .collect();

    let scale = Scale::usual();
    let mut rng = stream(school.key, "assessments");
    let mut assessment_rows = Vec::new();
    let mut result_rows = Vec::new();
    for (cs, planned) in plan.class_subjects.iter().enumerate() {
        let subject = SUBJECTS
            .iter()
            .find(|s| s.code == planned.subject)
            .map_or(planned.subject, |s| s.name);
        for k in 0..per_subject {
            let (kind, max) = KINDS[k % KINDS.len()];
            let (window, i, n) = if k < early {
                (&before, k, early)
            } else {
                (&now, k - early, late)
            };
            // Spread over the window, each subject a little apart from the others.
            let day = window[((i * window.len() + cs % 5) / n).min(window.len() - 1)];
            let due = (day + TimeDelta::days(DAYS_TO_DUE)).min(yesterday).max(day);
            let assigned_at = instant(day, time(9, 0)?, ctx.now);
            let due_at = instant(due, time(9, 0)?, ctx.now);
            // The last one a subject sets is still out, when it sets a few.
            let graded = !(per_subject >= 3 && k + 1 == per_subject);
            let id = new_id(&mut rng);
            assessment_rows.push(NewAssessment {
                id,
                organization_id: org.id,
                class_subject_id: academics.class_subject_ids[cs],
                name: format!("{subject} {} {}", kind.label(), k / KINDS.len() + 1),
                assessment_type: kind,
                assigned_at,
                due_at: due_at.max(assigned_at),
                max_score: money(max * 100),
                status: if graded {
                    AssessmentStatus::Graded
                } else {
                    AssessmentStatus::Published
                },
                academic_term_id: terms.iter().find(|t| t.holds(day)).map(|t| t.id),
                import_hash: format!("demo:{}:assessment:{cs}:{k}", school.key),
            });
            if !graded {
                continue;
            }
            for &student in &rosters[planned.class] {
                let percent = (ability[student] + rng.random_range(-15..=12)).clamp(0, 100);
                result_rows.push(NewResult {
                    id: new_id(&mut rng),
                    organization_id: org.id,
                    assessment_id: id,
                    student_id: people.students[student].id,
                    // Hundredths of a point: max × percent.
                    score: money(max * percent),
                    grade_letter: scale.letter(&BigDecimal::from(percent)),
                    remarks: (percent < 50).then_some("Please see me about this one."),
                });
            }
        }
    }
    insert_all!(conn, assessments::table, assessment_rows, "assessments");
    copy_all!(
        conn,
        assessment_results::table,
        result_rows,
        "assessment results"
    );
    ctx.progress.say(format_args!(
        "{}: {} assessments, {} results",
        school.name,
        assessment_rows.len(),
        result_rows.len()
    ));
    Ok(AssessmentCounts {
        assessments: assessment_rows.len(),
        results: result_rows.len(),
    })
}
