//! Integration tests, compiled as one binary: each test drives a real Homeroom
//! server on its own database cloned from a migrated, demo-seeded template.

mod common;

mod admin;
mod browser;
mod cli;
mod demo;
mod hardening;
mod health;
mod mfa;
mod outbox;
mod pages;
mod passwords;
mod profile;
mod resources;
mod routes;
mod schema;
mod sessions;
mod sign_in;
mod tenancy;
