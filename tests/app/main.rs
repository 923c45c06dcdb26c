//! Integration tests, compiled as one binary: each test drives a real Homeroom
//! server on its own database cloned from a migrated, demo-seeded template.

mod common;

mod admin;
mod admin_in_languages;
mod attendance;
mod attendance_in_languages;
mod attendance_oversight;
mod browser;
mod cli;
mod database_faults;
mod demo;
mod files;
mod formats;
mod forms;
mod hardening;
mod health;
mod inbox;
mod input_sweep;
mod jobs;
mod languages;
mod long_urls;
mod mfa;
mod outbox;
mod pages;
mod passwords;
mod profile;
mod profile_in_languages;
mod record_vocabulary;
mod records_in_languages;
mod redirects;
mod resources;
mod routes;
mod schema;
mod screen_sweep;
mod school_settings;
mod search;
mod sessions;
mod sign_in;
mod storage_errors;
mod tenancy;
mod text_input;
mod values;
mod visibility;
mod walkthroughs;
mod walkthroughs_in_languages;
