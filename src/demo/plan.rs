//! The shape of a school before any name or id is drawn: its classes, who teaches
//! what to whom, and the weekly timetable. Pure, so it is tested without a database.

use super::spec::{self, MAX_TEACHING_LOAD, SchoolSpec};

pub struct Plan {
    pub classes: Vec<PlannedClass>,
    pub teachers: Vec<PlannedTeacher>,
    pub class_subjects: Vec<PlannedClassSubject>,
    /// One entry per weekly period: (class_subject index, day 0 = Monday, period 0…).
    pub timetable: Vec<(usize, usize, usize)>,
}

pub struct PlannedClass {
    pub campus: usize,
    /// Index into the campus's grades.
    pub grade: usize,
    pub name: String,
    pub section: Option<String>,
    pub homeroom_teacher: usize,
}

pub struct PlannedTeacher {
    pub campus: usize,
    pub job_title: String,
    pub room: String,
}

pub struct PlannedClassSubject {
    pub class: usize,
    pub subject: &'static str,
    pub teacher: usize,
    pub periods_per_week: usize,
}

pub const DAYS: usize = 5;
/// (start hour, start minute, end hour, end minute) of each daily period.
pub const PERIODS: [(u32, u32, u32, u32); 6] = [
    (8, 30, 9, 15),
    (9, 20, 10, 5),
    (10, 25, 11, 10),
    (11, 15, 12, 0),
    (12, 45, 13, 30),
    (13, 45, 14, 30),
];

impl Plan {
    /// The demo teacher's homeroom class, when the school has a demo teacher.
    pub fn demo_class(&self, school: &SchoolSpec) -> Option<usize> {
        let demo = school.demo_teacher.as_ref()?;
        self.classes
            .iter()
            .enumerate()
            .filter(|(_, c)| c.campus == demo.campus)
            .nth(demo.class)
            .map(|(i, _)| i)
    }
}

pub fn plan(school: &SchoolSpec) -> Plan {
    let mut plan = Plan {
        classes: Vec::new(),
        teachers: Vec::new(),
        class_subjects: Vec::new(),
        timetable: Vec::new(),
    };
    for campus_index in 0..school.campuses.len() {
        plan_campus(school, campus_index, &mut plan);
    }
    plan.timetable = schedule(&plan);
    plan
}

fn plan_campus(school: &SchoolSpec, campus_index: usize, plan: &mut Plan) {
    let campus = &school.campuses[campus_index];
    let mut classroom_number = 10;
    let mut next_classroom = || {
        classroom_number += 1;
        format!("{}-{}", campus.room_prefix, classroom_number - 1)
    };

    // Classes, and in elementary style a homeroom teacher for each.
    let first_class = plan.classes.len();
    for (grade_index, grade) in campus.grades.iter().enumerate() {
        for section in 0..campus.sections_per_grade {
            let section = (campus.sections_per_grade > 1)
                .then(|| char::from(b'A' + section as u8).to_string());
            let name = match &section {
                Some(s) => format!("{} {s}", grade.name),
                None => grade.name.to_owned(),
            };
            let homeroom_teacher = if campus.homeroom_subjects.is_empty() {
                usize::MAX // chosen below among the class's subject teachers
            } else {
                plan.teachers.push(PlannedTeacher {
                    campus: campus_index,
                    job_title: format!("{} Teacher", grade.name),
                    room: next_classroom(),
                });
                plan.teachers.len() - 1
            };
            plan.classes.push(PlannedClass {
                campus: campus_index,
                grade: grade_index,
                name,
                section,
                homeroom_teacher,
            });
        }
    }
    let class_range = first_class..plan.classes.len();

    // Subjects the homeroom teacher does not teach go to subject teachers, as few
    // as the load allows, each class to the least busy one.
    let mut pending: Vec<(&'static str, usize, usize)> = Vec::new(); // (subject, class, periods)
    for class_index in class_range.clone() {
        let level = campus.grades[plan.classes[class_index].grade].level;
        for (subject, periods) in spec::curriculum(campus.stage, level) {
            if campus.homeroom_subjects.contains(&subject) {
                let teacher = plan.classes[class_index].homeroom_teacher;
                plan.class_subjects.push(PlannedClassSubject {
                    class: class_index,
                    subject,
                    teacher,
                    periods_per_week: periods,
                });
            } else {
                pending.push((subject, class_index, periods));
            }
        }
    }
    for subject in spec::SUBJECTS {
        let demand: usize = pending
            .iter()
            .filter(|(s, ..)| *s == subject.code)
            .map(|(_, _, p)| p)
            .sum();
        if demand == 0 {
            continue;
        }
        let count = demand.div_ceil(MAX_TEACHING_LOAD);
        let first_teacher = plan.teachers.len();
        for k in 0..count {
            let room = match subject.room {
                Some(room) if count > 1 => format!("{}-{room} {}", campus.room_prefix, k + 1),
                Some(room) => format!("{}-{room}", campus.room_prefix),
                None => next_classroom(),
            };
            plan.teachers.push(PlannedTeacher {
                campus: campus_index,
                job_title: format!("{} Teacher", subject.name),
                room,
            });
        }
        let mut load = vec![0usize; count];
        for &(_, class, periods) in pending.iter().filter(|(s, ..)| *s == subject.code) {
            let k = (0..count).min_by_key(|&k| (load[k], k)).unwrap_or(0);
            load[k] += periods;
            plan.class_subjects.push(PlannedClassSubject {
                class,
                subject: subject.code,
                teacher: first_teacher + k,
                periods_per_week: periods,
            });
        }
    }

    // Secondary style: the homeroom teacher is one of the class's own teachers,
    // preferably one without a homeroom yet who sees the class most.
    for class_index in class_range {
        if plan.classes[class_index].homeroom_teacher != usize::MAX {
            continue;
        }
        let busy: Vec<usize> = plan.classes.iter().map(|c| c.homeroom_teacher).collect();
        let chosen = plan
            .class_subjects
            .iter()
            .filter(|cs| cs.class == class_index)
            .min_by_key(|cs| {
                let homerooms = busy.iter().filter(|&&t| t == cs.teacher).count();
                (
                    homerooms,
                    std::cmp::Reverse(cs.periods_per_week),
                    cs.teacher,
                )
            })
            .map(|cs| cs.teacher);
        if let Some(teacher) = chosen {
            plan.classes[class_index].homeroom_teacher = teacher;
        }
    }
}

/// Places every class subject's weekly periods so that no class and no teacher is
/// in two places at once, spreading each subject over different days.
fn schedule(plan: &Plan) -> Vec<(usize, usize, usize)> {
    let slots = DAYS * PERIODS.len();
    let mut class_busy = vec![vec![false; slots]; plan.classes.len()];
    let mut teacher_busy = vec![vec![false; slots]; plan.teachers.len()];
    let mut placed = Vec::new();

    // The most constrained first: long runs of periods, busy teachers.
    let mut teacher_load = vec![0usize; plan.teachers.len()];
    for cs in &plan.class_subjects {
        teacher_load[cs.teacher] += cs.periods_per_week;
    }
    let mut order: Vec<usize> = (0..plan.class_subjects.len()).collect();
    order.sort_by_key(|&i| {
        let cs = &plan.class_subjects[i];
        (
            std::cmp::Reverse(cs.periods_per_week),
            std::cmp::Reverse(teacher_load[cs.teacher]),
            i,
        )
    });

    for index in order {
        let cs = &plan.class_subjects[index];
        let mut per_day = [0usize; DAYS];
        for n in 0..cs.periods_per_week {
            let mut days: Vec<usize> = (0..DAYS).collect();
            days.sort_by_key(|&d| (per_day[d], (d + DAYS - (index + n) % DAYS) % DAYS));
            let free = days.iter().find_map(|&day| {
                (0..PERIODS.len())
                    .map(|p| (p + index) % PERIODS.len())
                    .find(|&p| {
                        let slot = day * PERIODS.len() + p;
                        !class_busy[cs.class][slot] && !teacher_busy[cs.teacher][slot]
                    })
                    .map(|p| (day, p))
            });
            if let Some((day, period)) = free {
                let slot = day * PERIODS.len() + period;
                class_busy[cs.class][slot] = true;
                teacher_busy[cs.teacher][slot] = true;
                per_day[day] += 1;
                placed.push((index, day, period));
            }
        }
    }
    placed.sort_by_key(|&(cs, day, period)| (plan.class_subjects[cs].class, day, period));
    placed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::spec::{NORTHWIND, NORTHWIND_DISTRICT, RIVERSIDE};
    use std::collections::HashSet;

    #[test]
    fn every_period_is_placed_without_double_booking() {
        // The greedy scheduler places every period of the small schools; in the
        // district's big campuses a few teachers' last periods find no free slot.
        for (school, unplaced_percent) in
            [(&NORTHWIND, 0), (&RIVERSIDE, 0), (&NORTHWIND_DISTRICT, 3)]
        {
            let plan = plan(school);
            let wanted: usize = plan
                .class_subjects
                .iter()
                .map(|cs| cs.periods_per_week)
                .sum();
            assert!(
                plan.timetable.len() * 100 >= wanted * (100 - unplaced_percent),
                "{}: {} of {wanted}",
                school.name,
                plan.timetable.len()
            );
            let mut class_slots = HashSet::new();
            let mut teacher_slots = HashSet::new();
            for &(cs, day, period) in &plan.timetable {
                let cs = &plan.class_subjects[cs];
                assert!(class_slots.insert((cs.class, day, period)));
                assert!(teacher_slots.insert((cs.teacher, day, period)));
            }
        }
    }

    #[test]
    fn northwind_has_about_thirty_teachers_within_their_load() {
        let plan = plan(&NORTHWIND);
        assert!(
            (28..=34).contains(&plan.teachers.len()),
            "{}",
            plan.teachers.len()
        );
        assert_eq!(plan.classes.len(), 26);
        for (t, _) in plan.teachers.iter().enumerate() {
            let load: usize = plan
                .class_subjects
                .iter()
                .filter(|cs| cs.teacher == t)
                .map(|cs| cs.periods_per_week)
                .sum();
            assert!(
                (1..=MAX_TEACHING_LOAD).contains(&load),
                "teacher {t} teaches {load}"
            );
        }
        let homerooms: HashSet<usize> = plan.classes.iter().map(|c| c.homeroom_teacher).collect();
        assert!(
            homerooms.iter().all(|&t| t < plan.teachers.len()),
            "every class has a homeroom teacher"
        );
        assert_eq!(
            homerooms.len(),
            plan.classes.len(),
            "one homeroom per teacher"
        );
    }

    #[test]
    fn every_class_has_five_or_six_subjects() {
        let plan = plan(&NORTHWIND);
        for (c, class) in plan.classes.iter().enumerate() {
            let n = plan
                .class_subjects
                .iter()
                .filter(|cs| cs.class == c)
                .count();
            assert!((5..=6).contains(&n), "{} has {n}", class.name);
        }
    }

    /// The weekdays on which the demo teacher of `school` teaches.
    fn demo_teacher_days(school: &SchoolSpec) -> HashSet<usize> {
        let plan = plan(school);
        let class = plan
            .demo_class(school)
            .expect("the school has a demo teacher");
        let teacher = plan.classes[class].homeroom_teacher;
        plan.timetable
            .iter()
            .filter(|(cs, ..)| plan.class_subjects[*cs].teacher == teacher)
            .map(|&(_, day, _)| day)
            .collect()
    }

    #[test]
    fn the_demo_teacher_teaches_every_weekday() {
        assert_eq!(demo_teacher_days(&NORTHWIND).len(), DAYS);
        assert_eq!(demo_teacher_days(&NORTHWIND_DISTRICT).len(), DAYS);
    }

    #[test]
    fn the_district_has_ten_campuses_of_about_two_thousand_students() {
        let plan = plan(&NORTHWIND_DISTRICT);
        assert_eq!(NORTHWIND_DISTRICT.campuses.len(), 10);
        assert_eq!(plan.classes.len(), 5 * 6 * 15 + 5 * 7 * 12);
        assert!(
            plan.classes
                .iter()
                .all(|c| c.homeroom_teacher < plan.teachers.len())
        );
    }
}
