//! The academic year, grades, subjects, classes, who is in them and who teaches them.

use anyhow::Context;
use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use uuid::Uuid;

use super::Ctx;
use super::organization::Org;
use super::people::People;
use super::plan::Plan;
use super::spec::SUBJECTS;
use super::support::{insert_all, new_id, stream};
use crate::db::enums::{ClassEnrollmentStatus, ClassStatus, ClassSubjectStatus};
use crate::db::schema::{
    academic_years, class_enrollments, class_subjects, classes, grades, subjects,
};

pub struct Academics {
    pub year_id: Uuid,
    pub year_name: String,
    /// Grade ids by campus, in the campus's grade order.
    pub grade_ids: Vec<Vec<Uuid>>,
    /// By planned class.
    pub class_ids: Vec<Uuid>,
    /// By planned class subject.
    pub class_subject_ids: Vec<Uuid>,
}

#[derive(Insertable)]
#[diesel(table_name = academic_years)]
struct NewAcademicYear {
    id: Uuid,
    organization_id: Uuid,
    name: String,
    start_date: NaiveDate,
    end_date: NaiveDate,
    current: bool,
    import_hash: String,
}

#[derive(Insertable)]
#[diesel(table_name = grades)]
struct NewGrade {
    id: Uuid,
    organization_id: Uuid,
    name: &'static str,
    code: &'static str,
    sort_order: i32,
    import_hash: String,
}

#[derive(Insertable)]
#[diesel(table_name = subjects)]
struct NewSubject {
    id: Uuid,
    organization_id: Uuid,
    name: &'static str,
    code: &'static str,
    description: &'static str,
    import_hash: String,
}

#[derive(Insertable)]
#[diesel(table_name = classes)]
struct NewClass {
    id: Uuid,
    organization_id: Uuid,
    campus_id: Uuid,
    academic_year_id: Uuid,
    grade_id: Uuid,
    homeroom_teacher_id: Uuid,
    name: String,
    section: Option<String>,
    capacity: i32,
    status: ClassStatus,
    import_hash: String,
}

#[derive(Insertable)]
#[diesel(table_name = class_enrollments)]
struct NewEnrollment {
    id: Uuid,
    organization_id: Uuid,
    class_id: Uuid,
    student_id: Uuid,
    enrolled_on: NaiveDate,
    status: ClassEnrollmentStatus,
    import_hash: String,
}

#[derive(Insertable)]
#[diesel(table_name = class_subjects)]
struct NewClassSubject {
    id: Uuid,
    organization_id: Uuid,
    class_id: Uuid,
    subject_id: Uuid,
    teacher_id: Uuid,
    status: ClassSubjectStatus,
    import_hash: String,
}

pub fn create(
    conn: &mut PgConnection,
    ctx: &Ctx,
    org: &Org,
    plan: &Plan,
    people: &People,
) -> anyhow::Result<Academics> {
    let school = ctx.school;
    let key = school.key;
    let mut rng = stream(key, "academics");

    let year_name = format!("{}-{}", ctx.year_start.year(), ctx.year_end.year());
    let year_id = new_id(&mut rng);
    diesel::insert_into(academic_years::table)
        .values(NewAcademicYear {
            id: year_id,
            organization_id: org.id,
            name: year_name.clone(),
            start_date: ctx.year_start,
            end_date: ctx.year_end,
            current: true,
            import_hash: format!("demo:{key}:year:{}", ctx.year_start.year()),
        })
        .execute(conn)
        .context("creating the demo academic year")?;

    let mut grade_rows: Vec<NewGrade> = Vec::new();
    let grade_ids: Vec<Vec<Uuid>> = school
        .campuses
        .iter()
        .map(|campus| {
            campus
                .grades
                .iter()
                .map(|g| {
                    // Campuses teaching the same grade share its row.
                    if let Some(row) = grade_rows.iter().find(|r| r.code == g.code) {
                        return row.id;
                    }
                    let id = new_id(&mut rng);
                    grade_rows.push(NewGrade {
                        id,
                        organization_id: org.id,
                        name: g.name,
                        code: g.code,
                        sort_order: g.level,
                        import_hash: format!("demo:{key}:grade:{}", g.code),
                    });
                    id
                })
                .collect()
        })
        .collect();
    insert_all!(conn, grades::table, grade_rows, "grades");

    let subject_rows: Vec<NewSubject> = SUBJECTS
        .iter()
        .map(|s| NewSubject {
            id: new_id(&mut rng),
            organization_id: org.id,
            name: s.name,
            code: s.code,
            description: s.description,
            import_hash: format!("demo:{key}:subject:{}", s.code),
        })
        .collect();
    insert_all!(conn, subjects::table, subject_rows, "subjects");

    let class_rows: Vec<NewClass> = plan
        .classes
        .iter()
        .map(|c| {
            let campus = &school.campuses[c.campus];
            NewClass {
                id: new_id(&mut rng),
                organization_id: org.id,
                campus_id: org.campuses[c.campus].id,
                academic_year_id: year_id,
                grade_id: grade_ids[c.campus][c.grade],
                homeroom_teacher_id: people.staff[people.teachers[c.homeroom_teacher]].id,
                name: c.name.clone(),
                section: c.section.clone(),
                capacity: 30,
                status: ClassStatus::Active,
                import_hash: format!(
                    "demo:{key}:class:{}:{}{}",
                    campus.key,
                    campus.grades[c.grade].code,
                    c.section.as_deref().unwrap_or("")
                ),
            }
        })
        .collect();
    insert_all!(conn, classes::table, class_rows, "classes");
    let class_ids: Vec<Uuid> = class_rows.iter().map(|c| c.id).collect();

    let enrollment_rows: Vec<NewEnrollment> = people
        .active_students()
        .filter_map(|(_, p)| {
            let class = p.class?;
            Some(NewEnrollment {
                id: new_id(&mut rng),
                organization_id: org.id,
                class_id: class_ids[class],
                student_id: p.id,
                enrolled_on: ctx.year_start,
                status: ClassEnrollmentStatus::Active,
                import_hash: format!("demo:{key}:enrollment:{}:{}", year_name, p.number),
            })
        })
        .collect();
    insert_all!(
        conn,
        class_enrollments::table,
        enrollment_rows,
        "class enrollments"
    );

    let class_subject_rows: Vec<NewClassSubject> = plan
        .class_subjects
        .iter()
        .map(|cs| {
            let subject = SUBJECTS
                .iter()
                .position(|s| s.code == cs.subject)
                .unwrap_or(0);
            NewClassSubject {
                id: new_id(&mut rng),
                organization_id: org.id,
                class_id: class_ids[cs.class],
                subject_id: subject_rows[subject].id,
                teacher_id: people.staff[people.teachers[cs.teacher]].id,
                status: ClassSubjectStatus::Active,
                import_hash: format!("{}:{}", class_rows[cs.class].import_hash, cs.subject),
            }
        })
        .collect();
    insert_all!(
        conn,
        class_subjects::table,
        class_subject_rows,
        "class subjects"
    );

    Ok(Academics {
        year_id,
        year_name,
        grade_ids,
        class_ids,
        class_subject_ids: class_subject_rows.iter().map(|cs| cs.id).collect(),
    })
}
