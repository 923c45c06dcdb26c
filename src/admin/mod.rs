//! Administration pages under `/admin`.

pub mod forms;
mod grid;
mod outbox;
mod queries;
mod roles;
mod safeguards;
mod users;

use crate::access::{Action, Entity, Gate, Permission, Routes};

/// The gate of a route that needs `action` on `entity`.
const fn requires(action: Action, entity: Entity) -> Gate {
    Gate::Requires(Permission::new(action, entity))
}

pub fn routes(r: &mut Routes) {
    outbox::routes(r);
    roles::routes(r);
    users::routes(r);
}
