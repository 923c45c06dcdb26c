//! Report card comments for the first students of each school's first class in the
//! current term: each subject teacher's, the homeroom teacher's and the principal's,
//! so the report cards show something real.

use anyhow::Context;
use diesel::prelude::*;
use uuid::Uuid;

use super::Ctx;
use super::academics::Academics;
use super::organization::Org;
use super::people::People;
use super::plan::Plan;
use super::support::{insert_all, new_id, stream};
use super::terms::DemoTerm;
use crate::db::schema::report_card_comments;

/// How many students of the first class get comments.
const STUDENTS: usize = 5;

const SUBJECT: [&str; 5] = [
    "Works steadily and asks good questions in class.",
    "Strong term; keep reading beyond the set texts.",
    "Homework is sometimes late, but the tests show real understanding.",
    "A careful, accurate worker who helps others.",
    "Needs to revise more regularly before tests.",
];
const HOMEROOM: [&str; 5] = [
    "A kind and reliable member of the class.",
    "Settled in well this term and joins in readily.",
    "Organised and punctual; a good example to others.",
    "Full of ideas; should listen a little more.",
    "Growing in confidence week by week.",
];
const PRINCIPAL: &str = "A good term. Well done, and keep it up.";

#[derive(Insertable)]
#[diesel(table_name = report_card_comments)]
struct NewComment {
    id: Uuid,
    organization_id: Uuid,
    academic_term_id: Uuid,
    student_id: Uuid,
    class_subject_id: Option<Uuid>,
    kind: &'static str,
    body: &'static str,
}

pub fn create(
    conn: &mut PgConnection,
    ctx: &Ctx,
    (org, plan, people, academics): (&Org, &Plan, &People, &Academics),
    terms: &[DemoTerm],
) -> anyhow::Result<usize> {
    let Some(term) = terms.iter().find(|t| t.holds(ctx.today)).or(terms.first()) else {
        return Ok(0);
    };
    let rosters = people.rosters(plan.classes.len());
    let Some(roster) = rosters.first() else {
        return Ok(0);
    };
    let mut rng = stream(ctx.school.key, "report-card-comments");
    let mut rows = Vec::new();
    for (n, &student) in roster.iter().take(STUDENTS).enumerate() {
        let student_id = people.students[student].id;
        let mut comment = |class_subject_id, kind, body| NewComment {
            id: new_id(&mut rng),
            organization_id: org.id,
            academic_term_id: term.id,
            student_id,
            class_subject_id,
            kind,
            body,
        };
        for (cs, planned) in plan.class_subjects.iter().enumerate() {
            if planned.class == 0 {
                let body = SUBJECT[(n + cs) % SUBJECT.len()];
                rows.push(comment(
                    Some(academics.class_subject_ids[cs]),
                    "subject",
                    body,
                ));
            }
        }
        rows.push(comment(None, "homeroom", HOMEROOM[n % HOMEROOM.len()]));
        rows.push(comment(None, "principal", PRINCIPAL));
    }
    insert_all!(
        conn,
        report_card_comments::table,
        rows,
        "report card comments"
    );
    Ok(rows.len())
}
