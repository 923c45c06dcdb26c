//! The family panel on a record's page: a student's siblings, a family's children,
//! a guardian person's children. The record engine's page shows it between the
//! record's details and its tabs, for readers who may read students.

use uuid::Uuid;

use super::queries::{self, Kin};
use crate::access::Entity;
use crate::db::Tenant;
use crate::i18n::{Lang, msg};

pub struct Panel {
    pub heading: String,
    /// Said when the list is empty.
    pub empty: String,
    pub students: Vec<KinView>,
    /// A family's account at the finance desk: take a payment, its statement.
    pub finance: Vec<(String, String)>,
}

pub struct KinView {
    pub name: String,
    pub href: String,
    /// Number and status, as the reader reads them.
    pub detail: String,
}

/// The panel of a record of `entity`, if its page has one.
pub fn of_record(
    tenant: &mut Tenant<'_>,
    entity: Entity,
    id: Uuid,
    t: Lang,
) -> diesel::QueryResult<Option<Panel>> {
    let (students, heading, empty) = match entity {
        Entity::Students => (
            queries::siblings(tenant, id)?,
            msg("fam-siblings-heading"),
            msg("fam-siblings-none"),
        ),
        Entity::Families => (
            queries::children(tenant, id)?,
            msg("fam-children-heading"),
            msg("fam-children-none"),
        ),
        Entity::GuardianPeople => (
            queries::children_of_person(tenant, id)?,
            msg("fam-children-heading"),
            msg("fam-children-none"),
        ),
        _ => return Ok(None),
    };
    let finance = match entity {
        Entity::Families => vec![
            (
                t.text("fdesk-open-desk"),
                format!("/finance/desk/families/{id}"),
            ),
            (
                t.text("fdesk-statement-link"),
                format!("/finance/statements/families/{id}"),
            ),
        ],
        _ => Vec::new(),
    };
    Ok(Some(Panel {
        finance,
        heading: t.text(heading),
        empty: t.text(empty),
        students: students.into_iter().map(|k| view(k, t)).collect(),
    }))
}

fn view(kin: Kin, t: Lang) -> KinView {
    let status = t.choice("student_status", &kin.status);
    KinView {
        href: crate::students::profile_path(kin.id),
        detail: match &kin.student_number {
            Some(number) => t
                .message("fam-kin-detail")
                .arg("number", number.as_str())
                .arg("status", status)
                .to_string(),
            None => status,
        },
        name: kin.name,
    }
}
