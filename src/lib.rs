//! Homeroom: school management for organizations with many campuses.

pub mod access;
pub mod admin;
pub mod attendance;
pub mod auth;
pub mod clock;
pub mod communication;
pub mod config;
pub mod dashboard;
pub mod db;
pub mod demo;
pub mod files;
pub mod forms;
pub mod i18n;
pub mod jobs;
pub mod mail;
pub mod resources;
pub mod school;
pub mod search;
pub mod settings;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod walkthroughs;
pub mod web;
