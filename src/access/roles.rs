//! The roles every install starts with, and keeping the permission catalog and
//! those roles present in the database.

use diesel::prelude::*;
use uuid::Uuid;

use super::catalog::{Action, Entity, Permission, PermissionSet};
use crate::db::schema::{permissions, roles, roles_permissions};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltinRole {
    SuperAdministrator,
    Administrator,
    Director,
    Teacher,
    Accountant,
    FrontOffice,
}

use Action::{Create, Delete, Read, Update};
use Entity as E;

const PEOPLE: &[Entity] = &[
    E::Campuses,
    E::Students,
    E::Guardians,
    E::GuardianPeople,
    E::Families,
    E::Staff,
];
const ACADEMICS: &[Entity] = &[
    E::AcademicYears,
    E::Grades,
    E::Subjects,
    E::Classes,
    E::ClassEnrollments,
    E::ClassSubjects,
    E::Timetables,
    E::TimetablePeriods,
    E::Assessments,
    E::AssessmentResults,
    E::AcademicTerms,
    E::GradingScaleBands,
    E::AssessmentWeights,
];
const ATTENDANCE: &[Entity] = &[
    E::AttendanceSessions,
    E::AttendanceRecords,
    E::CampusAttendanceConfig,
    E::CampusAttendanceSummaries,
    E::StaffAttendanceRecords,
];
/// A student's medical notes, status history and admission: the office's records.
const STUDENT_RECORDS: &[Entity] = &[E::StudentHealth, E::StudentStatusChanges, E::Admissions];
const FINANCE: &[Entity] = &[E::FeePlans, E::Invoices, E::Payments];
/// Install-wide records that only a global administrator may change.
const GLOBAL_RECORDS: &[Entity] = &[E::Organizations, E::Permissions, E::ContentCatalog];

impl BuiltinRole {
    pub const ALL: [BuiltinRole; 6] = [
        BuiltinRole::SuperAdministrator,
        BuiltinRole::Administrator,
        BuiltinRole::Director,
        BuiltinRole::Teacher,
        BuiltinRole::Accountant,
        BuiltinRole::FrontOffice,
    ];

    pub fn name(self) -> &'static str {
        match self {
            BuiltinRole::SuperAdministrator => "Super Administrator",
            BuiltinRole::Administrator => "Administrator",
            BuiltinRole::Director => "Director",
            BuiltinRole::Teacher => "Teacher",
            BuiltinRole::Accountant => "Accountant",
            BuiltinRole::FrontOffice => "Front Office",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            BuiltinRole::SuperAdministrator => "Everything, in every organization of this install.",
            BuiltinRole::Administrator => "Everything within its own organization.",
            BuiltinRole::Director => {
                "Reads people, academics, attendance and finance; records walkthroughs, messages and events."
            }
            BuiltinRole::Teacher => {
                "Reads people of the school; takes attendance; manages assessments and results."
            }
            BuiltinRole::Accountant => {
                "Fee plans, invoices and payments; reads students and guardians."
            }
            BuiltinRole::FrontOffice => {
                "Students, guardians, documents and messages; follows attendance and records staff attendance."
            }
        }
    }

    pub fn global_access(self) -> bool {
        self == BuiltinRole::SuperAdministrator
    }

    /// Identifies the seeded row, so renaming a role never duplicates it.
    pub fn import_hash(self) -> String {
        format!(
            "builtin-role:{}",
            self.name().to_ascii_lowercase().replace(' ', "-")
        )
    }

    pub fn permissions(self) -> PermissionSet {
        let mut set = PermissionSet::default();
        let mut grant = |entities: &[Entity], actions: &[Action]| {
            for &e in entities {
                for &a in actions {
                    set.insert(Permission::new(a, e));
                }
            }
        };
        let all = &[Create, Read, Update, Delete];
        match self {
            BuiltinRole::SuperAdministrator => return PermissionSet::everything(),
            BuiltinRole::Administrator => {
                let local: Vec<Entity> = Entity::ALL
                    .iter()
                    .copied()
                    .filter(|e| !GLOBAL_RECORDS.contains(e) && *e != E::AccessLog)
                    .collect();
                grant(&local, all);
                // Who saw a student is read, never written, by people.
                grant(&[E::AccessLog], &[Read]);
                grant(GLOBAL_RECORDS, &[Read]);
                grant(&[E::Organizations], &[Update]);
            }
            BuiltinRole::Director => {
                grant(PEOPLE, &[Read]);
                grant(ACADEMICS, &[Read]);
                grant(ATTENDANCE, &[Read]);
                grant(FINANCE, &[Read]);
                grant(STUDENT_RECORDS, &[Read]);
                grant(&[E::StaffAttendanceRecords], &[Create, Update]);
                grant(
                    &[
                        E::WalkthroughCheckins,
                        E::Messages,
                        E::CommunicationEvents,
                        E::FrameEntries,
                    ],
                    &[Create, Read, Update],
                );
                grant(
                    &[E::MessageRecipients, E::Documents, E::ContentCatalog],
                    &[Read],
                );
                // Writes to any audience, not only the classes they teach.
                grant(&[E::MessageRecipients], &[Create]);
            }
            BuiltinRole::Teacher => {
                grant(PEOPLE, &[Read]);
                grant(ACADEMICS, &[Read]);
                grant(
                    &[E::AttendanceSessions, E::AttendanceRecords],
                    &[Create, Read, Update],
                );
                grant(&[E::Assessments, E::AssessmentResults], all);
                // A teacher weighs the kinds of assessment of the subjects they teach.
                grant(&[E::AssessmentWeights], &[Create, Read, Update]);
                grant(&[E::StaffAttendanceRecords], &[Create, Read]);
                grant(
                    &[
                        E::UserProgress,
                        E::SafetyQuizResults,
                        E::PersonalityQuizResults,
                    ],
                    &[Create, Read],
                );
                grant(
                    &[
                        E::WalkthroughCheckins,
                        E::Messages,
                        E::CommunicationEvents,
                        E::FrameEntries,
                        E::ContentCatalog,
                    ],
                    &[Read],
                );
                // Writes to the families and students of the classes they teach.
                grant(&[E::Messages], &[Create]);
            }
            BuiltinRole::Accountant => {
                grant(FINANCE, all);
                grant(
                    &[
                        E::Students,
                        E::Guardians,
                        E::GuardianPeople,
                        E::Families,
                        E::Campuses,
                        E::AcademicYears,
                        E::Grades,
                        E::Classes,
                    ],
                    &[Read],
                );
                grant(&[E::Documents], &[Create, Read]);
            }
            BuiltinRole::FrontOffice => {
                grant(
                    &[
                        E::Students,
                        E::Guardians,
                        E::GuardianPeople,
                        E::Families,
                        E::Documents,
                        E::File,
                    ],
                    all,
                );
                grant(&[E::Messages], &[Create, Read, Update]);
                grant(&[E::ClassEnrollments], &[Create, Read, Update]);
                grant(STUDENT_RECORDS, &[Create, Read, Update]);
                grant(&[E::MessageRecipients, E::CommunicationEvents], &[Read]);
                grant(&[E::MessageRecipients], &[Create]);
                // The office follows the day's attendance and records staff arriving.
                grant(ATTENDANCE, &[Read]);
                grant(&[E::StaffAttendanceRecords], &[Create, Update]);
                grant(
                    &[
                        E::Campuses,
                        E::Staff,
                        E::AcademicYears,
                        E::Grades,
                        E::Classes,
                        E::Subjects,
                    ],
                    &[Read],
                );
            }
        }
        set
    }
}

/// Makes sure the catalog and the built-in roles exist. New permissions go to the
/// built-in roles whose definition includes them; existing grants, which an
/// administrator may have edited, are left alone.
pub fn ensure_catalog(conn: &mut PgConnection) -> QueryResult<()> {
    conn.transaction(|conn| {
        let rows: Vec<_> = Permission::all()
            .map(|p| {
                (
                    permissions::name.eq(p.name()),
                    permissions::description.eq(format!(
                        "{} {}",
                        capitalise(p.action.as_str()),
                        p.entity.label().to_lowercase()
                    )),
                    permissions::import_hash.eq(format!("permission:{}", p.name())),
                )
            })
            .collect();
        let new_permissions: Vec<(Uuid, String)> = diesel::insert_into(permissions::table)
            .values(&rows)
            .on_conflict(permissions::import_hash)
            .do_nothing()
            .returning((permissions::id, permissions::name))
            .get_results(conn)?;

        for role in BuiltinRole::ALL {
            let inserted: Option<Uuid> = diesel::insert_into(roles::table)
                .values((
                    roles::name.eq(role.name()),
                    roles::description.eq(role.description()),
                    roles::global_access.eq(role.global_access()),
                    roles::import_hash.eq(role.import_hash()),
                ))
                .on_conflict(roles::import_hash)
                .do_nothing()
                .returning(roles::id)
                .get_result(conn)
                .optional()?;
            let (role_id, grants): (Uuid, Vec<Uuid>) = match inserted {
                // A new role gets its whole definition.
                Some(id) => (
                    id,
                    permissions::table
                        .filter(permissions::deleted_at.is_null())
                        .select((permissions::id, permissions::name))
                        .load::<(Uuid, String)>(conn)?
                        .into_iter()
                        .filter(|(_, name)| granted(role, name))
                        .map(|(id, _)| id)
                        .collect(),
                ),
                None => {
                    let Some(id) = roles::table
                        .filter(roles::import_hash.eq(role.import_hash()))
                        .select(roles::id)
                        .first::<Uuid>(conn)
                        .optional()?
                    else {
                        continue;
                    };
                    let fresh = new_permissions
                        .iter()
                        .filter(|(_, name)| granted(role, name))
                        .map(|(id, _)| *id)
                        .collect();
                    (id, fresh)
                }
            };
            grant_permissions(conn, role_id, &grants)?;
        }
        Ok(())
    })
}

fn granted(role: BuiltinRole, permission_name: &str) -> bool {
    Permission::parse(permission_name).is_some_and(|p| role.permissions().contains(p))
}

pub fn grant_permissions(
    conn: &mut PgConnection,
    role_id: Uuid,
    permission_ids: &[Uuid],
) -> QueryResult<()> {
    if permission_ids.is_empty() {
        return Ok(());
    }
    let rows: Vec<_> = permission_ids
        .iter()
        .map(|pid| {
            (
                roles_permissions::role_id.eq(role_id),
                roles_permissions::permission_id.eq(*pid),
            )
        })
        .collect();
    diesel::insert_into(roles_permissions::table)
        .values(&rows)
        .on_conflict_do_nothing()
        .execute(conn)?;
    Ok(())
}

/// The id of a built-in role, by its seeded identity.
pub fn builtin_role_id(conn: &mut PgConnection, role: BuiltinRole) -> QueryResult<Uuid> {
    roles::table
        .filter(roles::import_hash.eq(role.import_hash()))
        .filter(roles::deleted_at.is_null())
        .select(roles::id)
        .first(conn)
}

fn capitalise(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn administrators_cannot_create_organizations_but_super_administrators_can() {
        let create_org = Permission::new(Create, E::Organizations);
        assert!(
            !BuiltinRole::Administrator
                .permissions()
                .contains(create_org)
        );
        assert!(
            BuiltinRole::SuperAdministrator
                .permissions()
                .contains(create_org)
        );
    }

    #[test]
    fn teachers_take_attendance_but_do_not_see_invoices() {
        let teacher = BuiltinRole::Teacher.permissions();
        assert!(teacher.contains(Permission::new(Update, E::AttendanceRecords)));
        assert!(!teacher.contains(Permission::new(Read, E::Invoices)));
        assert!(!teacher.contains(Permission::new(Create, E::WalkthroughCheckins)));
    }

    #[test]
    fn directors_record_walkthroughs_and_read_finance() {
        let director = BuiltinRole::Director.permissions();
        assert!(director.contains(Permission::new(Create, E::WalkthroughCheckins)));
        assert!(director.contains(Permission::new(Read, E::Invoices)));
        assert!(!director.contains(Permission::new(Update, E::Invoices)));
    }
}
