//! Staff development: the content every school of the install shares (the catalog,
//! edited by super administrators) and the modules staff use on their phones — the
//! weekly frame, safety quizzes, the personality quiz, zone check-ins and sign
//! learning. A school switches each module on or off in its settings; a module
//! switched off shows neither its pages nor its menu entries.

pub mod content;
pub mod frame;
pub mod personality;
pub mod quiz;
pub mod signs;
mod switches;
pub mod text;
pub mod zones;

pub use switches::{
    Module, Switch, enabled, is_switched_off_page, switch_on, switched_off, switched_on, switches,
};

/// The staff-development pages: the module switches, the quizzes and their editors.
pub fn routes(r: &mut crate::access::Routes) {
    switches::routes(r);
    quiz::routes(r);
    personality::routes(r);
}
