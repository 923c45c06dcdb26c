//! Classroom walkthroughs: a director's visit recorded on a phone in a minute, the
//! lists and insight built on them, and the observed teacher's acknowledgement.

mod forms;
mod insight;
mod models;
mod notice;
mod queries;
mod routes;

pub use models::{DIMENSIONS, Dimension};
pub use routes::routes;
