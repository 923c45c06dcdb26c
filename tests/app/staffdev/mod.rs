//! Staff development: the weekly frame, zone check-ins, and the files they show.

mod files;
