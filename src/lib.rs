//! Homeroom: school management for organizations with many campuses.

pub mod access;
pub mod admin;
pub mod auth;
pub mod config;
pub mod dashboard;
pub mod db;
pub mod demo;
pub mod mail;
pub mod resources;
pub mod startup;
pub mod telemetry;
pub mod web;
