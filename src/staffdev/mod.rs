//! Staff development: the modules staff use on their phones.

pub mod frame;
pub mod text;
pub mod zones;
