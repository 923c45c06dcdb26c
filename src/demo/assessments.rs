//! Assessments set so far this year in every class subject, and each student's
//! result once an assessment is graded. Only schools whose spec asks for them.

use anyhow::Context;
use bigdecimal::BigDecimal;
use chrono::{DateTime, TimeDelta, Utc};
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
use crate::db::enums::{AssessmentStatus, AssessmentType, GradeLetter};
use crate::db::schema::{assessment_results, assessments};

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
) -> anyhow::Result<AssessmentCounts> {
    let school = ctx.school;
    let per_subject = school.assessments_per_subject;
    let days = school_days(ctx.year_start, ctx.today - TimeDelta::days(1));
    if per_subject == 0 || days.is_empty() {
        return Ok(AssessmentCounts {
            assessments: 0,
            results: 0,
        });
    }
    let rosters = people.rosters(plan.classes.len());
    // How well each student does, in percent, drawn apart from the assessments.
    let mut ability_rng = stream(school.key, "assessment-ability");
    let ability: Vec<i64> = people
        .students
        .iter()
        .map(|_| ability_rng.random_range(55..=97))
        .collect();

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
            // Spread over the year so far, each subject a little apart from the others.
            let day = days[((k * days.len() + cs % 5) / per_subject).min(days.len() - 1)];
            let assigned_at = instant(day, time(9, 0)?, ctx.now);
            let due_at = instant(day + TimeDelta::days(DAYS_TO_DUE), time(9, 0)?, ctx.now);
            let graded = day + TimeDelta::days(DAYS_TO_DUE) < ctx.today;
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
                    grade_letter: letter(percent),
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

/// The letter of a percentage: 97 and up A+, then steps of about three points.
fn letter(percent: i64) -> GradeLetter {
    use GradeLetter::*;
    const STEPS: [(i64, GradeLetter); 12] = [
        (97, APlus),
        (93, A),
        (90, AMinus),
        (87, BPlus),
        (83, B),
        (80, BMinus),
        (77, CPlus),
        (73, C),
        (70, CMinus),
        (67, DPlus),
        (63, D),
        (60, DMinus),
    ];
    STEPS
        .iter()
        .find(|(floor, _)| percent >= *floor)
        .map_or(F, |&(_, l)| l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_follow_the_usual_scale() {
        assert_eq!(letter(100), GradeLetter::APlus);
        assert_eq!(letter(93), GradeLetter::A);
        assert_eq!(letter(85), GradeLetter::B);
        assert_eq!(letter(60), GradeLetter::DMinus);
        assert_eq!(letter(59), GradeLetter::F);
    }
}
