//! Classroom walkthroughs: a director's visit recorded on a phone in a minute, the
//! lists and insight built on them, and the observed teacher's acknowledgement.

mod forms;
mod insight;
mod listing;
mod models;
pub mod notice;
mod queries;
mod reading;
mod recording;
mod routes;
mod viewer;

pub use models::{AreaNames, DIMENSIONS, Dimension};
pub use queries::count_after;
pub use routes::routes;
