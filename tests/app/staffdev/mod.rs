//! Staff development: the content catalog and its editors, the school's module
//! switches, and the modules staff use.

mod catalog;
mod personality;
mod quiz;
mod quiz_browser;
