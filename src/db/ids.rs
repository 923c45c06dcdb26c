//! Typed ids for the rows that scope everything else, so an organization's id is never
//! passed where a user's is expected. They bind and load as `uuid` like a bare
//! [`Uuid`], so a column compares with them directly:
//! `students::organization_id.eq(tenant.organization())`.

use std::fmt;

use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::pg::{Pg, PgValue};
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types;
use uuid::Uuid;

macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
            AsExpression, FromSqlRow, serde::Serialize, serde::Deserialize,
        )]
        #[diesel(sql_type = sql_types::Uuid)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            pub const fn new(id: Uuid) -> $name {
                $name(id)
            }

            pub const fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> $name {
                $name(id)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Uuid {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl ToSql<sql_types::Uuid, Pg> for $name {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                <Uuid as ToSql<sql_types::Uuid, Pg>>::to_sql(&self.0, out)
            }
        }

        impl FromSql<sql_types::Uuid, Pg> for $name {
            fn from_sql(bytes: PgValue<'_>) -> deserialize::Result<$name> {
                <Uuid as FromSql<sql_types::Uuid, Pg>>::from_sql(bytes).map($name)
            }
        }
    };
}

typed_id!(
    /// An organization: the tenant every school row belongs to.
    OrganizationId
);
typed_id!(
    /// A person who signs in.
    UserId
);
typed_id!(
    /// A student of the organization.
    StudentId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_shows_and_converts_as_its_uuid() {
        let raw = Uuid::new_v4();
        let org = OrganizationId::from(raw);
        assert_eq!(org.to_string(), raw.to_string());
        assert_eq!(Uuid::from(org), raw);
        assert_eq!(
            serde_json::to_string(&org).ok(),
            serde_json::to_string(&raw).ok()
        );
    }
}
