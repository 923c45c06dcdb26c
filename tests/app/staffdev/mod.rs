//! Staff development: the weekly frame, zone check-ins, sign learning, and the files
//! they show.

mod files;
mod frame;
mod phone;
mod zones;
