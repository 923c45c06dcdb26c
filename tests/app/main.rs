//! Integration tests, compiled as one binary: each test drives a real Homeroom
//! server on its own database cloned from a migrated, demo-seeded template.

mod common;

mod admin;
mod browser;
mod cli;
mod demo;
mod health;
mod outbox;
mod pages;
mod routes;
mod schema;
mod sign_in;
