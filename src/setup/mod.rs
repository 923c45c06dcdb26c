//! What a new school still has to set up, said in words with the page that fixes it:
//! the checklist on the administrator's dashboard, and the notices of pages that
//! would otherwise show an empty table (no timetable today, a class with no students).
//!
//! A page that needs set-up data names its [`Gap`] (what is missing, whom to ask, the
//! link that fixes it and the permission that link needs) and shows the
//! [`Notice`] it makes for the reader: the link for those who may follow it, whom to
//! ask for everyone else.

pub mod queries;

use crate::access::{Access, Action, Entity, Permission};
use crate::db::Tenant;
use crate::i18n::{Lang, msg};

pub use queries::Structure;

/// The page that fixes what is missing, as a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub label: String,
    pub href: String,
}

/// What a page says instead of an empty table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub fix: Option<Fix>,
}

/// Set-up data a page needs and lacks; its texts are message ids.
pub struct Gap {
    /// What is missing, for a reader who may fix it (the link follows).
    pub missing: &'static str,
    /// What is missing and whom to ask, for everyone else.
    pub ask: &'static str,
    /// The link's words.
    pub fix: &'static str,
    pub href: &'static str,
    /// What following the link needs.
    pub permission: Permission,
}

impl Gap {
    /// The notice for this reader, its link going to `href`.
    pub fn notice_at(&self, t: Lang, access: &Access, href: String) -> Notice {
        if access.can(self.permission) {
            Notice {
                text: t.text(self.missing),
                fix: Some(Fix {
                    label: t.text(self.fix),
                    href,
                }),
            }
        } else {
            Notice {
                text: t.text(self.ask),
                fix: None,
            }
        }
    }

    pub fn notice(&self, t: Lang, access: &Access) -> Notice {
        self.notice_at(t, access, self.href.to_owned())
    }
}

/// The signed-in user has no staff record, so no class of theirs can be found.
pub const NOT_A_STAFF_MEMBER: Gap = Gap {
    missing: msg("setup-today-not-linked"),
    ask: msg("setup-today-not-linked-ask"),
    fix: msg("setup-today-link"),
    href: "/staff",
    permission: Permission::new(Action::Update, Entity::Staff),
};

/// The user's staff record teaches no class.
pub const TEACHES_NO_CLASS: Gap = Gap {
    missing: msg("setup-today-no-classes"),
    // Someone on the staff who does not teach takes no roll of their own.
    ask: msg("today-no-classes"),
    fix: msg("setup-today-assign"),
    href: "/class-subjects/new",
    permission: Permission::new(Action::Create, Entity::ClassSubjects),
};

/// No published timetable is in force today, so no lesson has a roll.
pub const NO_TIMETABLE_TODAY: Gap = Gap {
    missing: msg("setup-timetable-unpublished"),
    ask: msg("setup-timetable-unpublished-ask"),
    fix: msg("setup-timetable-publish"),
    href: "/timetables",
    permission: Permission::new(Action::Update, Entity::Timetables),
};

/// A class whose roll has nobody on it; the link presets the class.
pub const NO_STUDENTS_IN_CLASS: Gap = Gap {
    missing: msg("roll-no-students"),
    ask: msg("setup-roll-no-students-ask"),
    fix: msg("setup-roll-enrol"),
    href: "/class-enrollments/new",
    permission: Permission::new(Action::Create, Entity::ClassEnrollments),
};

/// The school has no campus.
pub const NO_CAMPUSES: Gap = Gap {
    missing: msg("setup-campuses-missing"),
    ask: msg("setup-campuses-missing-ask"),
    fix: msg("setup-campuses-fix"),
    href: "/campuses/new",
    permission: Permission::new(Action::Create, Entity::Campuses),
};

/// The school has no class at all.
pub const NO_CLASSES: Gap = Gap {
    missing: msg("setup-classes-missing"),
    ask: msg("setup-classes-missing-ask"),
    fix: msg("setup-classes-fix"),
    href: "/classes/new",
    permission: Permission::new(Action::Create, Entity::Classes),
};

/// Nobody on the staff list to choose.
pub const NO_TEACHERS: Gap = Gap {
    missing: msg("setup-walk-no-teachers"),
    ask: msg("setup-walk-no-teachers-ask"),
    fix: msg("setup-staff-fix"),
    href: "/staff/new",
    permission: Permission::new(Action::Create, Entity::Staff),
};

/// What keeps a teacher's day from having rolls on `date`, if set-up data does:
/// no staff record for the account, no class taught, or no published timetable.
pub fn missing_for_the_day(
    tenant: &mut Tenant<'_>,
    staff_ids: &[uuid::Uuid],
    date: chrono::NaiveDate,
) -> diesel::QueryResult<Option<&'static Gap>> {
    if staff_ids.is_empty() {
        return Ok(Some(&NOT_A_STAFF_MEMBER));
    }
    let (teaches, timetable) = queries::teaching(tenant, staff_ids, date)?;
    Ok(match (teaches, timetable) {
        (false, _) => Some(&TEACHES_NO_CLASS),
        (true, false) => Some(&NO_TIMETABLE_TODAY),
        (true, true) => None,
    })
}

/// One thing still to set up, on the checklist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub missing: String,
    pub fix: Fix,
}

/// The dashboard's set-up checklist: the steps this reader may take that are not
/// done yet, and how far the school has come of those they may take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checklist {
    pub steps: Vec<Step>,
    pub done: usize,
    pub total: usize,
}

/// A step of the checklist before it is put in words.
struct Item {
    done: bool,
    permission: Permission,
    missing: &'static str,
    /// The number the missing text counts, if it counts one.
    count: Option<i64>,
    fix: &'static str,
    href: &'static str,
}

impl Item {
    const fn new(
        done: bool,
        (action, entity): (Action, Entity),
        missing: &'static str,
        fix: &'static str,
        href: &'static str,
    ) -> Item {
        Item {
            done,
            permission: Permission::new(action, entity),
            missing,
            count: None,
            fix,
            href,
        }
    }
}

/// Every permission a step may need: who holds none never sees the checklist.
const SET_UP: [(Action, Entity); 13] = [
    (Action::Create, Entity::Campuses),
    (Action::Create, Entity::AcademicYears),
    (Action::Create, Entity::Grades),
    (Action::Create, Entity::Subjects),
    (Action::Create, Entity::Classes),
    (Action::Create, Entity::Staff),
    (Action::Update, Entity::Staff),
    (Action::Create, Entity::Students),
    (Action::Create, Entity::ClassEnrollments),
    (Action::Create, Entity::Timetables),
    (Action::Update, Entity::Timetables),
    (Action::Create, Entity::TimetablePeriods),
    (Action::Create, Entity::FeePlans),
];

/// The checklist's steps in the order a school takes them.
fn items(s: &Structure) -> [Item; 10] {
    use Action::{Create, Update};
    let staff = if s.staff {
        Item {
            count: Some(s.staff_without_sign_in),
            ..Item::new(
                s.staff_without_sign_in == 0,
                (Update, Entity::Staff),
                msg("setup-staff-no-sign-in"),
                msg("setup-staff-invite"),
                "/staff",
            )
        }
    } else {
        let (missing, fix) = (msg("setup-staff-missing"), msg("setup-staff-fix"));
        Item::new(false, (Create, Entity::Staff), missing, fix, "/staff/new")
    };
    let timetable = if !s.timetables {
        let (missing, fix) = (msg("setup-timetable-missing"), msg("setup-timetable-fix"));
        Item::new(
            false,
            (Create, Entity::Timetables),
            missing,
            fix,
            "/timetables/new",
        )
    } else if !s.timetable_in_effect {
        let (missing, fix) = (NO_TIMETABLE_TODAY.missing, NO_TIMETABLE_TODAY.fix);
        Item::new(
            false,
            (Update, Entity::Timetables),
            missing,
            fix,
            "/timetables",
        )
    } else {
        let (missing, fix) = (msg("setup-periods-missing"), msg("setup-periods-fix"));
        let href = "/timetable-periods/new";
        Item::new(
            s.periods_in_effect,
            (Create, Entity::TimetablePeriods),
            missing,
            fix,
            href,
        )
    };
    [
        Item::new(
            s.campuses,
            (Create, Entity::Campuses),
            msg("setup-campuses-missing"),
            msg("setup-campuses-fix"),
            "/campuses/new",
        ),
        Item::new(
            s.current_year,
            (Create, Entity::AcademicYears),
            msg("setup-year-missing"),
            msg("setup-year-fix"),
            "/academic-years/new",
        ),
        Item::new(
            s.grades,
            (Create, Entity::Grades),
            msg("setup-grades-missing"),
            msg("setup-grades-fix"),
            "/grades/new",
        ),
        Item::new(
            s.subjects,
            (Create, Entity::Subjects),
            msg("setup-subjects-missing"),
            msg("setup-subjects-fix"),
            "/subjects/new",
        ),
        Item::new(
            s.classes,
            (Create, Entity::Classes),
            msg("setup-classes-this-year-missing"),
            NO_CLASSES.fix,
            NO_CLASSES.href,
        ),
        staff,
        Item::new(
            s.students,
            (Create, Entity::Students),
            msg("setup-students-missing"),
            msg("setup-students-fix"),
            "/students/new",
        ),
        Item::new(
            s.enrolments,
            (Create, Entity::ClassEnrollments),
            msg("setup-enrolments-missing"),
            msg("setup-roll-enrol"),
            "/class-enrollments/new",
        ),
        timetable,
        Item::new(
            s.fee_plans,
            (Create, Entity::FeePlans),
            msg("setup-fee-plans-missing"),
            msg("setup-fee-plans-fix"),
            "/fee-plans/new",
        ),
    ]
}

impl Checklist {
    /// The checklist of a school with this structure for this reader; `None` when
    /// every step they may take is done.
    pub fn of(structure: &Structure, access: &Access, t: Lang) -> Option<Checklist> {
        let mine: Vec<Item> = items(structure)
            .into_iter()
            .filter(|item| access.can(item.permission))
            .collect();
        let done = mine.iter().filter(|item| item.done).count();
        let steps: Vec<Step> = mine
            .iter()
            .filter(|item| !item.done)
            .map(|item| Step {
                missing: match item.count {
                    Some(count) => t.message(item.missing).arg("count", count).to_string(),
                    None => t.text(item.missing),
                },
                fix: Fix {
                    label: t.text(item.fix),
                    href: item.href.to_owned(),
                },
            })
            .collect();
        (!steps.is_empty()).then_some(Checklist {
            steps,
            done,
            total: mine.len(),
        })
    }
}

/// Whether this reader may take any set-up step (teachers, say, may not).
pub fn may_set_up(access: &Access) -> bool {
    SET_UP
        .iter()
        .any(|&(action, entity)| access.can(Permission::new(action, entity)))
}

/// The dashboard's checklist for this reader: one query, and none for a reader who
/// may take no set-up step.
pub fn checklist(
    tenant: &mut Tenant<'_>,
    access: &Access,
    t: Lang,
) -> diesel::QueryResult<Option<Checklist>> {
    if !may_set_up(access) {
        return Ok(None);
    }
    let structure = queries::structure(tenant, tenant.today())?;
    Ok(Checklist::of(&structure, access, t))
}
