//! The teacher's day: their own staff records, and whether an account signing in
//! teaches and may take rolls.

use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use uuid::Uuid;

use crate::db::Tenant;
use crate::db::schema::staff;
use crate::school::queries as school;

/// The signed-in user's staff records (a person may have one per campus).
pub fn my_staff_ids(tenant: &mut Tenant<'_>) -> QueryResult<Vec<Uuid>> {
    let Some(user) = tenant.user() else {
        return Ok(Vec::new());
    };
    school::staff::live(tenant)
        .filter(staff::user_id.eq(user.uuid()))
        .select(staff::id)
        .load(tenant.conn())
}

#[derive(QueryableByName)]
struct Lands {
    #[diesel(sql_type = Bool)]
    today: bool,
}

/// Whether the account with `email` teaches (homeroom or a subject) and its role
/// or own permissions let it take rolls; for any organization, as sign-in asks.
pub fn teaches_and_takes_rolls(conn: &mut PgConnection, email: &str) -> QueryResult<bool> {
    diesel::sql_query(
        "SELECT EXISTS (
           SELECT 1 FROM users u
           JOIN staff s ON s.user_id = u.id AND s.organization_id = u.organization_id
                AND s.deleted_at IS NULL
           WHERE lower(u.email) = lower($1) AND u.deleted_at IS NULL
             AND (EXISTS (SELECT 1 FROM classes c WHERE c.homeroom_teacher_id = s.id
                          AND c.deleted_at IS NULL AND c.status = 'active')
                  OR EXISTS (SELECT 1 FROM class_subjects cs WHERE cs.teacher_id = s.id
                             AND cs.deleted_at IS NULL AND cs.status = 'active'))
             AND EXISTS (
               SELECT 1 FROM permissions p
               WHERE p.name = 'CREATE_ATTENDANCE_RECORDS' AND p.deleted_at IS NULL
                 AND (p.id IN (SELECT rp.permission_id FROM roles_permissions rp
                               WHERE rp.role_id = u.app_role_id AND rp.deleted_at IS NULL)
                      OR p.id IN (SELECT cp.permission_id FROM users_custom_permissions cp
                                  WHERE cp.user_id = u.id AND cp.deleted_at IS NULL)))
         ) AS today",
    )
    .bind::<Text, _>(email)
    .get_result::<Lands>(conn)
    .map(|l| l.today)
}
