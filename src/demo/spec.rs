//! What each demo school looks like. One builder turns a `SchoolSpec` into rows, so
//! Northwind and Riverside differ only here.

use super::names::{self, NameBook};
use crate::access::roles::BuiltinRole;
use crate::db::enums::StaffType;

pub struct SchoolSpec {
    /// Used in import hashes (`demo:northwind:…`) and random streams.
    pub key: &'static str,
    pub name: &'static str,
    /// Staff e-mails are `first.last@{domain}`.
    pub domain: &'static str,
    /// Student numbers are `{prefix}-000123`, employee numbers `{prefix}-S001`.
    pub number_prefix: &'static str,
    pub brand_color: &'static str,
    pub town: &'static str,
    pub area_code: &'static str,
    pub names: &'static NameBook,
    pub campuses: &'static [CampusSpec],
    /// Everyone who is not a teacher.
    pub leaders: &'static [LeaderSpec],
    /// The teacher who signs in with a fixed e-mail: the homeroom teacher of
    /// class `class` (counted in grade order, sections A, B…) on campus `campus`.
    pub demo_teacher: Option<DemoTeacher>,
    /// Calendar days of attendance history before today.
    pub attendance_days: i64,
    /// Whether the academic year starts early enough to hold all of
    /// `attendance_days`, even early in the school year (district scale: a full
    /// year of attendance whatever today's date).
    pub year_holds_attendance: bool,
    /// Assessments so far per class subject, each with a result per student once graded.
    pub assessments_per_subject: usize,
    pub walkthroughs: usize,
    /// Termly tuition of the youngest grade, and how much it rises per grade, in cents.
    pub tuition_base_cents: i64,
    pub tuition_step_cents: i64,
    /// Share of invoices with a payment, in percent.
    pub paying_percent: u32,
}

pub struct DemoTeacher {
    pub email: &'static str,
    pub campus: usize,
    pub class: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Stage {
    Elementary,
    Secondary,
}

#[derive(Clone, Copy)]
pub struct CampusSpec {
    pub key: &'static str,
    pub name: &'static str,
    pub code: &'static str,
    /// Rooms are `{room_prefix}-12`.
    pub room_prefix: &'static str,
    pub street: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub mascot: &'static str,
    pub color: &'static str,
    pub border_color: &'static str,
    pub text_color: &'static str,
    pub bg_light: &'static str,
    pub description: &'static str,
    pub stage: Stage,
    pub grades: &'static [GradeSpec],
    pub sections_per_grade: usize,
    pub class_size: (usize, usize),
    /// Subjects the homeroom teacher teaches to their own class (elementary style);
    /// the others go to subject teachers.
    pub homeroom_subjects: &'static [&'static str],
    /// Students who are on the roll but not active (inactive, withdrawn).
    pub inactive_students: usize,
}

pub struct GradeSpec {
    pub name: &'static str,
    pub code: &'static str,
    /// 0 for Kindergarten, 1 for Grade 1, …; also the sort order.
    pub level: i32,
}

#[derive(Clone, Copy)]
pub struct LeaderSpec {
    /// A fixed sign-in e-mail, or None for `first.last@domain`.
    pub email: Option<&'static str>,
    pub job_title: &'static str,
    pub staff_type: StaffType,
    pub role: BuiltinRole,
    /// Index into `campuses`; None for the whole school.
    pub campus: Option<usize>,
}

pub struct SubjectSpec {
    pub name: &'static str,
    pub code: &'static str,
    pub description: &'static str,
    /// Rooms of subjects taught in a special room, e.g. "Gym".
    pub room: Option<&'static str>,
}

pub const SUBJECTS: &[SubjectSpec] = &[
    SubjectSpec {
        name: "Mathematics",
        code: "MATH",
        description: "Number, algebra, geometry and statistics.",
        room: None,
    },
    SubjectSpec {
        name: "English",
        code: "ENG",
        description: "Reading, writing, speaking and literature.",
        room: None,
    },
    SubjectSpec {
        name: "Science",
        code: "SCI",
        description: "Biology, chemistry, physics and earth science.",
        room: Some("Science Lab"),
    },
    SubjectSpec {
        name: "History",
        code: "HIST",
        description: "History, geography and civics.",
        room: None,
    },
    SubjectSpec {
        name: "Art",
        code: "ART",
        description: "Drawing, painting, sculpture and design.",
        room: Some("Art Studio"),
    },
    SubjectSpec {
        name: "Physical Education",
        code: "PE",
        description: "Sport, movement and health.",
        room: Some("Gym"),
    },
    SubjectSpec {
        name: "Music",
        code: "MUS",
        description: "Singing, instruments and music theory.",
        room: Some("Music Room"),
    },
    SubjectSpec {
        name: "Computing",
        code: "COMP",
        description: "Programming, digital literacy and data.",
        room: Some("Computer Lab"),
    },
];

/// The subjects of a grade and how many periods a week each gets.
pub fn curriculum(stage: Stage, level: i32) -> Vec<(&'static str, usize)> {
    let mut subjects = vec![("MATH", 5), ("ENG", 5), ("SCI", 4), ("HIST", 3)];
    match stage {
        Stage::Elementary => {
            subjects.push(("PE", 3));
            subjects.push((if level % 2 == 0 { "ART" } else { "MUS" }, 3));
        }
        Stage::Secondary => {
            let (a, b) = match level.rem_euclid(4) {
                0 => ("PE", "ART"),
                1 => ("PE", "MUS"),
                2 => ("COMP", "ART"),
                _ => ("COMP", "MUS"),
            };
            subjects.push((a, 3));
            subjects.push((b, 3));
        }
    }
    subjects
}

/// Periods a week a subject teacher teaches at most.
pub const MAX_TEACHING_LOAD: usize = 25;

const ELEMENTARY: &[GradeSpec] = &[
    GradeSpec {
        name: "Kindergarten",
        code: "K",
        level: 0,
    },
    GradeSpec {
        name: "Grade 1",
        code: "G1",
        level: 1,
    },
    GradeSpec {
        name: "Grade 2",
        code: "G2",
        level: 2,
    },
    GradeSpec {
        name: "Grade 3",
        code: "G3",
        level: 3,
    },
    GradeSpec {
        name: "Grade 4",
        code: "G4",
        level: 4,
    },
    GradeSpec {
        name: "Grade 5",
        code: "G5",
        level: 5,
    },
];

const SECONDARY: &[GradeSpec] = &[
    GradeSpec {
        name: "Grade 6",
        code: "G6",
        level: 6,
    },
    GradeSpec {
        name: "Grade 7",
        code: "G7",
        level: 7,
    },
    GradeSpec {
        name: "Grade 8",
        code: "G8",
        level: 8,
    },
    GradeSpec {
        name: "Grade 9",
        code: "G9",
        level: 9,
    },
    GradeSpec {
        name: "Grade 10",
        code: "G10",
        level: 10,
    },
    GradeSpec {
        name: "Grade 11",
        code: "G11",
        level: 11,
    },
    GradeSpec {
        name: "Grade 12",
        code: "G12",
        level: 12,
    },
];

const CORE: &[&str] = &["MATH", "ENG", "SCI", "HIST"];

/// North Campus of Northwind, as the school-scale demo has it.
const NORTH: CampusSpec = CampusSpec {
    key: "north",
    name: "North Campus",
    code: "NTH",
    room_prefix: "N",
    street: "120 Lighthouse Road",
    phone: "(207) 555-0100",
    email: "north@northwind.test",
    mascot: "Narwhals",
    color: "#1d4ed8",
    border_color: "#1e40af",
    text_color: "#1e3a8a",
    bg_light: "#eff6ff",
    description: "Kindergarten to Grade 5, on the hill above the harbor.",
    stage: Stage::Elementary,
    grades: ELEMENTARY,
    sections_per_grade: 2,
    class_size: (21, 25),
    homeroom_subjects: CORE,
    inactive_students: 6,
};

const HARBOR: CampusSpec = CampusSpec {
    key: "harbor",
    name: "Harbor Campus",
    code: "HBR",
    room_prefix: "H",
    street: "8 Wharf Road",
    phone: "(207) 555-0150",
    email: "harbor@northwind.test",
    mascot: "Herons",
    color: "#0f766e",
    border_color: "#115e59",
    text_color: "#134e4a",
    bg_light: "#f0fdfa",
    description: "Grades 6 to 12, by the water.",
    stage: Stage::Secondary,
    grades: SECONDARY,
    sections_per_grade: 2,
    class_size: (21, 25),
    homeroom_subjects: &[],
    inactive_students: 6,
};

const NORTHWIND_LEADERS: [LeaderSpec; 11] = [
    LeaderSpec {
        email: Some("admin@northwind.test"),
        job_title: "School Administrator",
        staff_type: StaffType::Administrator,
        role: BuiltinRole::Administrator,
        campus: Some(0),
    },
    LeaderSpec {
        email: Some("director@northwind.test"),
        job_title: "Head of School",
        staff_type: StaffType::Director,
        role: BuiltinRole::Director,
        campus: None,
    },
    LeaderSpec {
        email: None,
        job_title: "Campus Director, North Campus",
        staff_type: StaffType::Director,
        role: BuiltinRole::Director,
        campus: Some(0),
    },
    LeaderSpec {
        email: None,
        job_title: "Campus Director, Harbor Campus",
        staff_type: StaffType::Director,
        role: BuiltinRole::Director,
        campus: Some(1),
    },
    LeaderSpec {
        email: Some("accounts@northwind.test"),
        job_title: "Accountant",
        staff_type: StaffType::Administrator,
        role: BuiltinRole::Accountant,
        campus: None,
    },
    LeaderSpec {
        email: Some("office@northwind.test"),
        job_title: "Front Office Coordinator",
        staff_type: StaffType::Support,
        role: BuiltinRole::FrontOffice,
        campus: Some(0),
    },
    LeaderSpec {
        email: None,
        job_title: "Receptionist",
        staff_type: StaffType::Support,
        role: BuiltinRole::FrontOffice,
        campus: Some(1),
    },
    LeaderSpec {
        email: None,
        job_title: "School Counselor",
        staff_type: StaffType::Counselor,
        role: BuiltinRole::Teacher,
        campus: Some(1),
    },
    LeaderSpec {
        email: None,
        job_title: "School Nurse",
        staff_type: StaffType::Support,
        role: BuiltinRole::FrontOffice,
        campus: Some(0),
    },
    LeaderSpec {
        email: None,
        job_title: "Librarian",
        staff_type: StaffType::Support,
        role: BuiltinRole::Teacher,
        campus: Some(1),
    },
    LeaderSpec {
        email: None,
        job_title: "Facilities Manager",
        staff_type: StaffType::Support,
        role: BuiltinRole::FrontOffice,
        campus: None,
    },
];

const NORTHWIND_SCHOOL: SchoolSpec = SchoolSpec {
    key: "northwind",
    name: "Northwind Academy",
    domain: "northwind.test",
    number_prefix: "NW",
    brand_color: "#1d4ed8",
    town: "Port Alden, ME 04101",
    area_code: "207",
    names: &names::NORTHWIND,
    campuses: &[NORTH, HARBOR],
    leaders: &NORTHWIND_LEADERS,
    demo_teacher: Some(DemoTeacher {
        email: "teacher@northwind.test",
        campus: 0,
        class: 6,
    }),
    attendance_days: 28,
    year_holds_attendance: false,
    assessments_per_subject: 3,
    walkthroughs: 25,
    tuition_base_cents: 285_000,
    tuition_step_cents: 7_500,
    paying_percent: 60,
};

pub static RIVERSIDE: SchoolSpec = SchoolSpec {
    key: "riverside",
    name: "Riverside School",
    domain: "riverside.test",
    number_prefix: "RS",
    brand_color: "#15803d",
    town: "Millbrook, VT 05401",
    area_code: "802",
    names: &names::RIVERSIDE,
    campuses: &[CampusSpec {
        key: "main",
        name: "Riverside Campus",
        code: "RVS",
        room_prefix: "R",
        street: "14 Willow Bend",
        phone: "(802) 555-0120",
        email: "office@riverside.test",
        mascot: "Otters",
        color: "#15803d",
        border_color: "#166534",
        text_color: "#14532d",
        bg_light: "#f0fdf4",
        description: "A small village school, Grades 1 to 3.",
        stage: Stage::Elementary,
        grades: &[
            GradeSpec {
                name: "Grade 1",
                code: "G1",
                level: 1,
            },
            GradeSpec {
                name: "Grade 2",
                code: "G2",
                level: 2,
            },
            GradeSpec {
                name: "Grade 3",
                code: "G3",
                level: 3,
            },
        ],
        sections_per_grade: 1,
        class_size: (19, 21),
        homeroom_subjects: &["MATH", "ENG", "SCI", "HIST", "ART", "MUS"],
        inactive_students: 2,
    }],
    leaders: &[
        LeaderSpec {
            email: Some("admin@riverside.test"),
            job_title: "School Administrator",
            staff_type: StaffType::Administrator,
            role: BuiltinRole::Administrator,
            campus: Some(0),
        },
        LeaderSpec {
            email: None,
            job_title: "Principal",
            staff_type: StaffType::Director,
            role: BuiltinRole::Director,
            campus: Some(0),
        },
    ],
    demo_teacher: None,
    attendance_days: 7,
    year_holds_attendance: false,
    assessments_per_subject: 2,
    walkthroughs: 4,
    tuition_base_cents: 220_000,
    tuition_step_cents: 6_000,
    paying_percent: 70,
};

pub static NORTHWIND: SchoolSpec = NORTHWIND_SCHOOL;

/// How big the demo is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Scale {
    /// Northwind with two campuses and about 600 students: the demo to look around in.
    #[default]
    School,
    /// Northwind as a district of ten campuses and about 20,000 students with a full
    /// school year of attendance: the dataset the benchmarks run on.
    District,
}

/// Both demo schools, in the order they are built.
pub fn schools(scale: Scale) -> [&'static SchoolSpec; 2] {
    match scale {
        Scale::School => [&NORTHWIND, &RIVERSIDE],
        Scale::District => [&NORTHWIND_DISTRICT, &RIVERSIDE],
    }
}

/// Northwind at district scale: the same school (same accounts, same first two
/// campuses) grown to ten campuses of about 2,000 students each. 252 calendar days
/// are 36 weeks, so exactly 180 school days of attendance, and the academic year
/// stretches back to hold them when today is early in the usual year.
pub static NORTHWIND_DISTRICT: SchoolSpec = SchoolSpec {
    campuses: &[
        district(NORTH),
        district(HARBOR),
        district(campus(
            CampusFacts {
                key: "bayview",
                name: "Bayview Campus",
                code: "BAY",
                room_prefix: "B",
                street: "41 Bayview Terrace",
                phone: "(207) 555-0200",
                email: "bayview@northwind.test",
                mascot: "Bobcats",
            },
            ("#b45309", "#92400e", "#78350f", "#fffbeb"),
            Stage::Elementary,
        )),
        district(campus(
            CampusFacts {
                key: "cedar",
                name: "Cedar Hill Campus",
                code: "CDR",
                room_prefix: "C",
                street: "300 Cedar Hill Road",
                phone: "(207) 555-0250",
                email: "cedar@northwind.test",
                mascot: "Cougars",
            },
            ("#7c3aed", "#6d28d9", "#4c1d95", "#f5f3ff"),
            Stage::Secondary,
        )),
        district(campus(
            CampusFacts {
                key: "pinecrest",
                name: "Pinecrest Campus",
                code: "PNC",
                room_prefix: "P",
                street: "9 Pinecrest Lane",
                phone: "(207) 555-0300",
                email: "pinecrest@northwind.test",
                mascot: "Pumas",
            },
            ("#15803d", "#166534", "#14532d", "#f0fdf4"),
            Stage::Elementary,
        )),
        district(campus(
            CampusFacts {
                key: "riverbend",
                name: "Riverbend Campus",
                code: "RVB",
                room_prefix: "R",
                street: "77 Riverbend Drive",
                phone: "(207) 555-0350",
                email: "riverbend@northwind.test",
                mascot: "Ravens",
            },
            ("#be123c", "#9f1239", "#881337", "#fff1f2"),
            Stage::Secondary,
        )),
        district(campus(
            CampusFacts {
                key: "meadow",
                name: "Meadow Campus",
                code: "MDW",
                room_prefix: "M",
                street: "5 Meadow Street",
                phone: "(207) 555-0400",
                email: "meadow@northwind.test",
                mascot: "Mustangs",
            },
            ("#0369a1", "#075985", "#0c4a6e", "#f0f9ff"),
            Stage::Elementary,
        )),
        district(campus(
            CampusFacts {
                key: "summit",
                name: "Summit Campus",
                code: "SMT",
                room_prefix: "S",
                street: "1 Summit Avenue",
                phone: "(207) 555-0450",
                email: "summit@northwind.test",
                mascot: "Stags",
            },
            ("#4d7c0f", "#3f6212", "#365314", "#f7fee7"),
            Stage::Secondary,
        )),
        district(campus(
            CampusFacts {
                key: "quarry",
                name: "Quarry Campus",
                code: "QRY",
                room_prefix: "Q",
                street: "62 Quarry Road",
                phone: "(207) 555-0500",
                email: "quarry@northwind.test",
                mascot: "Quails",
            },
            ("#a21caf", "#86198f", "#701a75", "#fdf4ff"),
            Stage::Elementary,
        )),
        district(campus(
            CampusFacts {
                key: "lighthouse",
                name: "Lighthouse Campus",
                code: "LTH",
                room_prefix: "L",
                street: "18 Lighthouse Point",
                phone: "(207) 555-0550",
                email: "lighthouse@northwind.test",
                mascot: "Lynx",
            },
            ("#c2410c", "#9a3412", "#7c2d12", "#fff7ed"),
            Stage::Secondary,
        )),
    ],
    leaders: &DISTRICT_LEADERS,
    attendance_days: 252,
    year_holds_attendance: true,
    assessments_per_subject: 6,
    walkthroughs: 250,
    ..NORTHWIND_SCHOOL
};

/// A campus at district size: about 2,000 students.
const fn district(campus: CampusSpec) -> CampusSpec {
    CampusSpec {
        sections_per_grade: match campus.stage {
            Stage::Elementary => 15,
            Stage::Secondary => 12,
        },
        inactive_students: 40,
        ..campus
    }
}

/// What sets one of the district's further campuses apart from its model campus.
struct CampusFacts {
    key: &'static str,
    name: &'static str,
    code: &'static str,
    room_prefix: &'static str,
    street: &'static str,
    phone: &'static str,
    email: &'static str,
    mascot: &'static str,
}

/// One of the district's further campuses; `palette` is (color, border, text, light background).
const fn campus(
    facts: CampusFacts,
    palette: (&'static str, &'static str, &'static str, &'static str),
    stage: Stage,
) -> CampusSpec {
    let (model, description) = match stage {
        Stage::Elementary => (NORTH, "Kindergarten to Grade 5."),
        Stage::Secondary => (HARBOR, "Grades 6 to 12."),
    };
    CampusSpec {
        key: facts.key,
        name: facts.name,
        code: facts.code,
        room_prefix: facts.room_prefix,
        street: facts.street,
        phone: facts.phone,
        email: facts.email,
        mascot: facts.mascot,
        color: palette.0,
        border_color: palette.1,
        text_color: palette.2,
        bg_light: palette.3,
        description,
        ..model
    }
}

/// Northwind's leaders, a director for each further campus, and a receptionist at each.
const DISTRICT_LEADERS: [LeaderSpec; 27] = join(
    NORTHWIND_LEADERS,
    [
        campus_lead("Campus Director, Bayview Campus", StaffType::Director, 2),
        campus_lead("Receptionist, Bayview Campus", StaffType::Support, 2),
        campus_lead("Campus Director, Cedar Hill Campus", StaffType::Director, 3),
        campus_lead("Receptionist, Cedar Hill Campus", StaffType::Support, 3),
        campus_lead("Campus Director, Pinecrest Campus", StaffType::Director, 4),
        campus_lead("Receptionist, Pinecrest Campus", StaffType::Support, 4),
        campus_lead("Campus Director, Riverbend Campus", StaffType::Director, 5),
        campus_lead("Receptionist, Riverbend Campus", StaffType::Support, 5),
        campus_lead("Campus Director, Meadow Campus", StaffType::Director, 6),
        campus_lead("Receptionist, Meadow Campus", StaffType::Support, 6),
        campus_lead("Campus Director, Summit Campus", StaffType::Director, 7),
        campus_lead("Receptionist, Summit Campus", StaffType::Support, 7),
        campus_lead("Campus Director, Quarry Campus", StaffType::Director, 8),
        campus_lead("Receptionist, Quarry Campus", StaffType::Support, 8),
        campus_lead("Campus Director, Lighthouse Campus", StaffType::Director, 9),
        campus_lead("Receptionist, Lighthouse Campus", StaffType::Support, 9),
    ],
);

/// A director (Director role) or a receptionist (Front Office role) of one campus.
const fn campus_lead(job_title: &'static str, staff_type: StaffType, campus: usize) -> LeaderSpec {
    LeaderSpec {
        email: None,
        job_title,
        staff_type,
        role: match staff_type {
            StaffType::Director => BuiltinRole::Director,
            _ => BuiltinRole::FrontOffice,
        },
        campus: Some(campus),
    }
}

/// `first` followed by `rest`; N must be A + B.
const fn join<const A: usize, const B: usize, const N: usize>(
    first: [LeaderSpec; A],
    rest: [LeaderSpec; B],
) -> [LeaderSpec; N] {
    assert!(A > 0 && A + B == N);
    let mut out = [first[0]; N];
    let mut i = 0;
    while i < N {
        out[i] = if i < A { first[i] } else { rest[i - A] };
        i += 1;
    }
    out
}
