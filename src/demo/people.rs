//! Staff with their user accounts, students and their guardians.

use std::collections::HashSet;

use anyhow::Context;
use chrono::{Datelike, NaiveDate, TimeDelta};
use diesel::prelude::*;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

use super::Ctx;
use super::names::{NameBook, email_part};
use super::organization::Org;
use super::plan::Plan;
use super::support::{date, insert_all, new_id, pick, stream, weighted};
use crate::access::roles::BuiltinRole;
use crate::db::enums::{
    GuardianRelationship, StaffStatus, StaffType, StudentGender, StudentStatus,
};
use crate::db::schema::{guardians, staff, students, users};

pub struct People {
    pub staff: Vec<StaffMember>,
    /// For each planned teacher, their index in `staff`.
    pub teachers: Vec<usize>,
    pub students: Vec<Pupil>,
    pub guardians: Vec<Guardian>,
}

pub struct StaffMember {
    pub id: Uuid,
    pub user_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub staff_type: StaffType,
    pub role: BuiltinRole,
    pub campus: Option<usize>,
}

impl StaffMember {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

pub struct Pupil {
    pub id: Uuid,
    pub number: String,
    pub campus: usize,
    /// Index into the campus's grades.
    pub grade: usize,
    /// Planned class, for active students.
    pub class: Option<usize>,
    pub status: StudentStatus,
    /// 0 for the first child of a family at the school, 1 for a brother or sister…
    pub sibling_rank: usize,
}

pub struct Guardian {
    pub student: usize,
    pub full_name: String,
    pub email: String,
    pub primary: bool,
}

impl People {
    pub fn directors(&self) -> impl Iterator<Item = &StaffMember> {
        self.staff
            .iter()
            .filter(|s| s.staff_type == StaffType::Director)
    }

    pub fn with_role(&self, role: BuiltinRole) -> Option<&StaffMember> {
        self.staff.iter().find(|s| s.role == role)
    }

    pub fn active_students(&self) -> impl Iterator<Item = (usize, &Pupil)> {
        self.students
            .iter()
            .enumerate()
            .filter(|(_, p)| p.status == StudentStatus::Active)
    }

    /// The active students (indexes into `students`) of each of `classes` planned classes.
    pub fn rosters(&self, classes: usize) -> Vec<Vec<usize>> {
        let mut rosters = vec![Vec::new(); classes];
        for (student, pupil) in self.active_students() {
            if let Some(class) = pupil.class {
                rosters[class].push(student);
            }
        }
        rosters
    }
}

pub fn create(
    conn: &mut PgConnection,
    ctx: &Ctx,
    org: &Org,
    plan: &Plan,
) -> anyhow::Result<People> {
    let mut namer = Namer::new(ctx.school.names);
    let (staff_members, teachers) = create_staff(conn, ctx, org, plan, &mut namer)?;
    let (students, guardians) = create_students(conn, ctx, org, plan, &mut namer)?;
    Ok(People {
        staff: staff_members,
        teachers,
        students,
        guardians,
    })
}

/// Draws names that are unique within the school, and e-mail addresses that are unique.
struct Namer {
    book: &'static NameBook,
    people: HashSet<(String, String)>,
    emails: HashSet<String>,
}

impl Namer {
    fn new(book: &'static NameBook) -> Namer {
        Namer {
            book,
            people: HashSet::new(),
            emails: HashSet::new(),
        }
    }

    fn first_name(&self, rng: &mut ChaCha8Rng, gender: StudentGender) -> &'static str {
        let list = match gender {
            StudentGender::Female => self.book.female,
            StudentGender::Male => self.book.male,
            _ if rng.random_bool(0.5) => self.book.neutral,
            _ => {
                if rng.random_bool(0.5) {
                    self.book.female
                } else {
                    self.book.male
                }
            }
        };
        pick::<&str>(rng, list)
    }

    /// A first name for someone of this family name that nobody else at school has with it.
    fn person(&mut self, rng: &mut ChaCha8Rng, gender: StudentGender, last: &str) -> String {
        let mut first = self.first_name(rng, gender);
        for _ in 0..40 {
            if !self.people.contains(&(first.to_owned(), last.to_owned())) {
                break;
            }
            first = self.first_name(rng, gender);
        }
        self.people.insert((first.to_owned(), last.to_owned()));
        first.to_owned()
    }

    fn last_name(&self, rng: &mut ChaCha8Rng) -> &'static str {
        pick::<&str>(rng, self.book.last)
    }

    /// `first.last@domain`, with a number when taken.
    fn email(&mut self, first: &str, last: &str, domain: &str) -> String {
        let base = format!("{}.{}", email_part(first), email_part(last));
        let mut candidate = format!("{base}@{domain}");
        let mut n = 2;
        while !self.emails.insert(candidate.clone()) {
            candidate = format!("{base}{n}@{domain}");
            n += 1;
        }
        candidate
    }
}

fn phone(rng: &mut ChaCha8Rng, area_code: &str) -> String {
    format!("({area_code}) 555-01{:02}", rng.random_range(0..100))
}

fn adult_gender(rng: &mut ChaCha8Rng) -> StudentGender {
    if rng.random_bool(0.5) {
        StudentGender::Female
    } else {
        StudentGender::Male
    }
}

#[derive(Insertable)]
#[diesel(table_name = users)]
struct NewUser {
    id: Uuid,
    organization_id: Option<Uuid>,
    app_role_id: Option<Uuid>,
    first_name: String,
    last_name: String,
    phone_number: Option<String>,
    email: String,
    password: String,
    email_verified: bool,
    import_hash: String,
}

#[derive(Insertable)]
#[diesel(table_name = staff)]
struct NewStaff {
    id: Uuid,
    organization_id: Uuid,
    campus_id: Option<Uuid>,
    user_id: Uuid,
    employee_number: String,
    first_name: String,
    last_name: String,
    email: String,
    phone: String,
    job_title: String,
    staff_type: StaffType,
    hire_date: NaiveDate,
    status: StaffStatus,
    import_hash: String,
}

struct Hire<'a> {
    email: Option<&'static str>,
    job_title: &'a str,
    staff_type: StaffType,
    role: BuiltinRole,
    campus: Option<usize>,
}

fn create_staff(
    conn: &mut PgConnection,
    ctx: &Ctx,
    org: &Org,
    plan: &Plan,
    namer: &mut Namer,
) -> anyhow::Result<(Vec<StaffMember>, Vec<usize>)> {
    let school = ctx.school;
    let mut rng = stream(school.key, "staff");
    // Fixed sign-in addresses are reserved first, so no generated one takes them.
    for leader in school.leaders {
        if let Some(email) = leader.email {
            namer.emails.insert(email.to_owned());
        }
    }
    let demo_teacher = school.demo_teacher.as_ref().and_then(|demo| {
        let class = plan.demo_class(school)?;
        namer.emails.insert(demo.email.to_owned());
        Some((plan.classes[class].homeroom_teacher, demo.email))
    });

    let mut hires: Vec<Hire> = school
        .leaders
        .iter()
        .map(|l| Hire {
            email: l.email,
            job_title: l.job_title,
            staff_type: l.staff_type,
            role: l.role,
            campus: l.campus,
        })
        .collect();
    let first_teacher = hires.len();
    hires.extend(plan.teachers.iter().enumerate().map(|(i, t)| {
        Hire {
            email: demo_teacher
                .filter(|(teacher, _)| *teacher == i)
                .map(|(_, email)| email),
            job_title: &t.job_title,
            staff_type: StaffType::Teacher,
            role: BuiltinRole::Teacher,
            campus: Some(t.campus),
        }
    }));

    let mut members = Vec::with_capacity(hires.len());
    let mut user_rows = Vec::with_capacity(hires.len());
    let mut staff_rows = Vec::with_capacity(hires.len());
    for (n, hire) in hires.iter().enumerate() {
        let last = namer.last_name(&mut rng).to_owned();
        let gender = adult_gender(&mut rng);
        let first = namer.person(&mut rng, gender, &last);
        let email = match hire.email {
            Some(fixed) => fixed.to_owned(),
            None => namer.email(&first, &last, school.domain),
        };
        let phone = phone(&mut rng, school.area_code);
        let years = rng.random_range(0..15);
        let hire_date =
            date(ctx.year_start.year() - years, 8, 1)? - TimeDelta::days(rng.random_range(0..60));
        let member = StaffMember {
            id: new_id(&mut rng),
            user_id: new_id(&mut rng),
            first_name: first,
            last_name: last,
            email,
            staff_type: hire.staff_type,
            role: hire.role,
            campus: hire.campus,
        };
        user_rows.push(NewUser {
            id: member.user_id,
            organization_id: Some(org.id),
            app_role_id: Some(ctx.roles.id(hire.role)),
            first_name: member.first_name.clone(),
            last_name: member.last_name.clone(),
            phone_number: Some(phone.clone()),
            email: member.email.clone(),
            password: ctx.password_hash.to_owned(),
            email_verified: true,
            import_hash: format!("demo:{}:user:{}", school.key, member.email),
        });
        staff_rows.push(NewStaff {
            id: member.id,
            organization_id: org.id,
            campus_id: hire.campus.map(|c| org.campuses[c].id),
            user_id: member.user_id,
            employee_number: format!("{}-S{:03}", school.number_prefix, n + 1),
            first_name: member.first_name.clone(),
            last_name: member.last_name.clone(),
            email: member.email.clone(),
            phone,
            job_title: hire.job_title.to_owned(),
            staff_type: hire.staff_type,
            hire_date,
            status: StaffStatus::Active,
            import_hash: format!("demo:{}:staff:{:04}", school.key, n + 1),
        });
        members.push(member);
    }
    insert_all!(conn, users::table, user_rows, "staff user accounts");
    insert_all!(conn, staff::table, staff_rows, "staff");
    let teachers = (first_teacher..members.len()).collect();
    Ok((members, teachers))
}

#[derive(Insertable)]
#[diesel(table_name = students)]
struct NewStudent {
    id: Uuid,
    organization_id: Uuid,
    campus_id: Uuid,
    student_number: String,
    first_name: String,
    last_name: String,
    gender: StudentGender,
    date_of_birth: NaiveDate,
    enrollment_date: NaiveDate,
    status: StudentStatus,
    email: Option<String>,
    address: String,
    import_hash: String,
}

#[derive(Insertable)]
#[diesel(table_name = guardians)]
struct NewGuardian {
    id: Uuid,
    organization_id: Uuid,
    student_id: Uuid,
    full_name: String,
    relationship: GuardianRelationship,
    phone: String,
    email: String,
    address: String,
    primary_contact: bool,
    import_hash: String,
    language: Option<String>,
    person_id: Uuid,
    emergency_contact: bool,
    receives_invoices: bool,
}

/// One household in this many reads Spanish (the rest the school's language).
const SPANISH_EVERY: usize = 6;

/// The adults of a household, shared by brothers and sisters at the school.
struct Family {
    last_name: String,
    address: String,
    adults: Vec<(String, GuardianRelationship, String, String)>, // name, relationship, phone, email
    children: Vec<usize>,
    levels: Vec<i32>,
}

fn new_family(rng: &mut ChaCha8Rng, ctx: &Ctx, namer: &mut Namer) -> Family {
    use GuardianRelationship::*;
    let last = namer.last_name(rng).to_owned();
    let address = format!(
        "{} {}, {}",
        rng.random_range(2..240),
        pick(rng, ctx.school.names.streets),
        ctx.school.town
    );
    let relationships: &[GuardianRelationship] = if rng.random_bool(0.7) {
        weighted(
            rng,
            &[
                (&[Mother, Father][..], 85),
                (&[Mother, Grandparent][..], 5),
                (&[Father, Guardian][..], 5),
                (&[Mother, Mother][..], 3),
                (&[Father, Father][..], 2),
            ],
        )
    } else {
        weighted(
            rng,
            &[
                (&[Mother][..], 60),
                (&[Father][..], 25),
                (&[Grandparent][..], 8),
                (&[Guardian][..], 7),
            ],
        )
    };
    let adults = relationships
        .iter()
        .map(|&relationship| {
            let gender = match relationship {
                Mother => StudentGender::Female,
                Father => StudentGender::Male,
                _ => adult_gender(rng),
            };
            let first = namer.first_name(rng, gender);
            // Some parents and most grandparents carry another family name.
            let other_name = match relationship {
                Grandparent => rng.random_bool(0.6),
                _ => rng.random_bool(0.12),
            };
            let surname = if other_name {
                namer.last_name(rng).to_owned()
            } else {
                last.clone()
            };
            let domain = pick(rng, &["example.com", "example.net", "example.org"]);
            let email = namer.email(first, &surname, domain);
            (
                format!("{first} {surname}"),
                relationship,
                phone(rng, ctx.school.area_code),
                email,
            )
        })
        .collect();
    Family {
        last_name: last,
        address,
        adults,
        children: Vec::new(),
        levels: Vec::new(),
    }
}

fn create_students(
    conn: &mut PgConnection,
    ctx: &Ctx,
    org: &Org,
    plan: &Plan,
    namer: &mut Namer,
) -> anyhow::Result<(Vec<Pupil>, Vec<Guardian>)> {
    let school = ctx.school;
    let mut rng = stream(school.key, "students");
    let mut families: Vec<Family> = Vec::new();
    let mut pupils = Vec::new();
    let mut student_rows = Vec::new();

    // Who sits where: each planned class filled, then a few inactive students per campus.
    let mut seats: Vec<(usize, usize, Option<usize>, StudentStatus)> = Vec::new(); // campus, grade, class, status
    for (campus_index, campus) in school.campuses.iter().enumerate() {
        for (class_index, class) in plan
            .classes
            .iter()
            .enumerate()
            .filter(|(_, c)| c.campus == campus_index)
        {
            let size = rng.random_range(campus.class_size.0..=campus.class_size.1);
            seats.extend((0..size).map(|_| {
                (
                    campus_index,
                    class.grade,
                    Some(class_index),
                    StudentStatus::Active,
                )
            }));
        }
        for k in 0..campus.inactive_students {
            let grade = rng.random_range(0..campus.grades.len());
            let status = if k % 2 == 0 {
                StudentStatus::Inactive
            } else {
                StudentStatus::Withdrawn
            };
            seats.push((campus_index, grade, None, status));
        }
    }

    for (n, &(campus_index, grade_index, class, status)) in seats.iter().enumerate() {
        let campus = &school.campuses[campus_index];
        let level = campus.grades[grade_index].level;
        let family_index = sibling_family(&mut rng, &families, level).unwrap_or_else(|| {
            families.push(new_family(&mut rng, ctx, namer));
            families.len() - 1
        });
        let family = &mut families[family_index];
        let gender = weighted(
            &mut rng,
            &[
                (StudentGender::Female, 48),
                (StudentGender::Male, 48),
                (StudentGender::NonBinary, 2),
                (StudentGender::Undisclosed, 2),
            ],
        );
        let first = namer.person(&mut rng, gender, &family.last_name);
        // Old enough for the grade on September 1st of the school year.
        let born_after = date(ctx.year_start.year() - 6 - level, 9, 2)?;
        let date_of_birth = born_after + TimeDelta::days(rng.random_range(0..365));
        let years_here = weighted(&mut rng, &[(0, 4), (1, 2), (2, 2), (3, 2), (5, 1)]).min(level);
        let enrollment_date = date(ctx.year_start.year() - years_here, 8, ctx.year_start.day())?;
        let email = (level >= 6).then(|| {
            namer.email(
                &first,
                &family.last_name,
                &format!("students.{}", school.domain),
            )
        });
        let pupil = Pupil {
            id: new_id(&mut rng),
            number: format!("{}-{:06}", school.number_prefix, n + 1),
            campus: campus_index,
            grade: grade_index,
            class,
            status,
            sibling_rank: family.children.len(),
        };
        family.children.push(pupils.len());
        family.levels.push(level);
        student_rows.push(NewStudent {
            id: pupil.id,
            organization_id: org.id,
            campus_id: org.campuses[campus_index].id,
            student_number: pupil.number.clone(),
            first_name: first,
            last_name: family.last_name.clone(),
            gender,
            date_of_birth,
            enrollment_date,
            status,
            email,
            address: family.address.clone(),
            import_hash: format!("demo:{}:student:{:04}", school.key, n + 1),
        });
        pupils.push(pupil);
    }

    // Some households read Spanish: their absence alerts come in Spanish.
    let spanish = |f: usize| (f % SPANISH_EVERY == SPANISH_EVERY - 1).then_some("es");
    let households: Vec<super::families::Household> = families
        .iter()
        .enumerate()
        .map(|(f, family)| super::families::Household {
            last_name: &family.last_name,
            address: &family.address,
            adults: family
                .adults
                .iter()
                .map(|(name, _, phone, email)| (name.as_str(), phone.as_str(), email.as_str()))
                .collect(),
            language: spanish(f),
        })
        .collect();
    insert_all!(conn, students::table, student_rows, "students");
    let people = super::families::create(conn, school.key, org.id, &households)?;
    let mut guardian_rows = Vec::new();
    let mut guardian_list = Vec::new();
    for (f, family) in families.iter().enumerate() {
        let language = spanish(f).map(str::to_owned);
        for &child in &family.children {
            for (k, (name, relationship, phone, email)) in family.adults.iter().enumerate() {
                guardian_rows.push(NewGuardian {
                    id: new_id(&mut rng),
                    organization_id: org.id,
                    student_id: pupils[child].id,
                    full_name: name.clone(),
                    relationship: *relationship,
                    phone: phone.clone(),
                    email: email.clone(),
                    address: family.address.clone(),
                    primary_contact: k == 0,
                    import_hash: format!("demo:{}:guardian:{:04}-{}", school.key, child + 1, k + 1),
                    language: language.clone(),
                    person_id: people[f][k],
                    emergency_contact: k == 0,
                    receives_invoices: k == 0,
                });
                guardian_list.push(Guardian {
                    student: child,
                    full_name: name.clone(),
                    email: email.clone(),
                    primary: k == 0,
                });
            }
        }
    }
    insert_all!(conn, guardians::table, guardian_rows, "guardians");
    Ok((pupils, guardian_list))
}

/// About one child in ten has an elder brother or sister already at the school.
fn sibling_family(rng: &mut ChaCha8Rng, families: &[Family], level: i32) -> Option<usize> {
    if families.is_empty() || !rng.random_bool(0.1) {
        return None;
    }
    (0..5).find_map(|_| {
        let candidate = rng.random_range(0..families.len());
        let family = &families[candidate];
        let fits =
            family.children.len() < 3 && family.levels.iter().all(|&l| (l - level).abs() >= 1);
        fits.then_some(candidate)
    })
}
