//! The demo's households as families: each household's adults entered once as a
//! guardian person, in a family named after the household, and linked to every one
//! of its children at the school (brothers and sisters share their parents).

use anyhow::Context;
use diesel::prelude::*;
use uuid::Uuid;

use super::support::{insert_all, new_id, stream};
use crate::db::schema::{families, guardian_people};

/// One household as the people seed made it.
pub struct Household<'a> {
    pub last_name: &'a str,
    pub address: &'a str,
    /// Each adult's name, phone and e-mail.
    pub adults: Vec<(&'a str, &'a str, &'a str)>,
    pub language: Option<&'a str>,
}

#[derive(Insertable)]
#[diesel(table_name = families)]
struct NewFamily<'a> {
    id: Uuid,
    organization_id: Uuid,
    name: &'a str,
    address: &'a str,
    import_hash: String,
}

#[derive(Insertable)]
#[diesel(table_name = guardian_people)]
struct NewPerson<'a> {
    id: Uuid,
    organization_id: Uuid,
    family_id: Uuid,
    full_name: &'a str,
    email: &'a str,
    phone: &'a str,
    address: &'a str,
    language: Option<&'a str>,
    import_hash: String,
}

/// Writes the families and their people; returns each household's people's ids, in
/// the order of its adults.
pub fn create(
    conn: &mut PgConnection,
    school: &str,
    organization: Uuid,
    households: &[Household<'_>],
) -> anyhow::Result<Vec<Vec<Uuid>>> {
    // A stream of its own, so the rest of the seed draws as it did before families.
    let mut rng = stream(school, "families");
    let mut family_rows = Vec::new();
    let mut person_rows = Vec::new();
    let mut ids = Vec::new();
    for (f, household) in households.iter().enumerate() {
        let family = new_id(&mut rng);
        family_rows.push(NewFamily {
            id: family,
            organization_id: organization,
            name: household.last_name,
            address: household.address,
            import_hash: format!("demo:{school}:family:{:04}", f + 1),
        });
        let mut people = Vec::new();
        for (k, &(name, phone, email)) in household.adults.iter().enumerate() {
            let id = new_id(&mut rng);
            person_rows.push(NewPerson {
                id,
                organization_id: organization,
                family_id: family,
                full_name: name,
                email,
                phone,
                address: household.address,
                language: household.language,
                import_hash: format!("demo:{school}:person:{:04}-{}", f + 1, k + 1),
            });
            people.push(id);
        }
        ids.push(people);
    }
    insert_all!(conn, families::table, family_rows, "families");
    insert_all!(conn, guardian_people::table, person_rows, "guardian people");
    Ok(ids)
}
