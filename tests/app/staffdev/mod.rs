//! Staff development: the content catalog and its editors, the school's module
//! switches, and the modules staff use.

mod catalog;
mod files;
mod frame;
mod personality;
mod phone;
mod quiz;
mod quiz_browser;
mod signs;
mod signs_browser;
mod zones;
