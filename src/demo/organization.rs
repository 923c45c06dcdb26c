//! The organization and its campuses.

use anyhow::Context;
use diesel::prelude::*;
use uuid::Uuid;

use super::Ctx;
use super::support::{insert_all, new_id, stream};
use crate::db::schema::{campuses, organizations};

pub struct Org {
    pub id: Uuid,
    pub campuses: Vec<Campus>,
}

pub struct Campus {
    pub id: Uuid,
}

#[derive(Insertable)]
#[diesel(table_name = organizations)]
struct NewOrganization {
    id: Uuid,
    name: &'static str,
    time_zone: &'static str,
    email_sender: String,
    brand_color: &'static str,
    import_hash: String,
}

#[derive(Insertable)]
#[diesel(table_name = campuses)]
struct NewCampus {
    id: Uuid,
    organization_id: Uuid,
    name: &'static str,
    code: &'static str,
    address: String,
    phone: &'static str,
    email: &'static str,
    mascot: &'static str,
    color: &'static str,
    bg_gradient: String,
    border_color: &'static str,
    text_color: &'static str,
    bg_light: &'static str,
    description: &'static str,
    is_online: bool,
    active: bool,
    import_hash: String,
}

pub fn create(conn: &mut PgConnection, ctx: &Ctx) -> anyhow::Result<Org> {
    let school = ctx.school;
    let mut rng = stream(school.key, "organization");
    let id = new_id(&mut rng);
    diesel::insert_into(organizations::table)
        .values(NewOrganization {
            id,
            name: school.name,
            // UTC, so the demo's "today" is the server's today wherever it runs.
            time_zone: "UTC",
            // The school's own address: replies to its mail go there.
            email_sender: format!("office@{}", school.domain),
            brand_color: school.brand_color,
            import_hash: format!("demo:{}", school.key),
        })
        .execute(conn)
        .with_context(|| format!("creating the organization {}", school.name))?;

    let rows: Vec<NewCampus> = school
        .campuses
        .iter()
        .map(|c| NewCampus {
            id: new_id(&mut rng),
            organization_id: id,
            name: c.name,
            code: c.code,
            address: format!("{}, {}", c.street, school.town),
            phone: c.phone,
            email: c.email,
            mascot: c.mascot,
            color: c.color,
            bg_gradient: format!(
                "linear-gradient(135deg, {} 0%, {} 100%)",
                c.color, c.bg_light
            ),
            border_color: c.border_color,
            text_color: c.text_color,
            bg_light: c.bg_light,
            description: c.description,
            is_online: false,
            active: true,
            import_hash: format!("demo:{}:campus:{}", school.key, c.key),
        })
        .collect();
    insert_all!(conn, campuses::table, rows, "campuses");
    Ok(Org {
        id,
        campuses: rows.iter().map(|c| Campus { id: c.id }).collect(),
    })
}
