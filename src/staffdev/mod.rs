//! Staff development: the content every school of the install shares (the catalog,
//! edited by super administrators) and the modules staff use on their phones — the
//! weekly frame, safety quizzes, the personality quiz, zone check-ins and sign
//! learning. A school switches each module on or off in its settings; a module
//! switched off shows neither its pages nor its menu entries.

pub mod content;
mod switches;

pub use switches::{
    Module, Switch, enabled, require, routes, switch_on, switched_off, switched_on, switches,
};
