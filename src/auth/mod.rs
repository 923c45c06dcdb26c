//! Signing in and out, passwords, sessions, two-step sign-in and CSRF tokens.

pub mod accounts;
pub mod attempts;
pub mod csrf;
pub mod mfa;
pub mod notices;
pub mod password;
pub mod profile;
pub mod queries;
pub mod reset;
pub mod routes;
pub mod session;
pub mod tokens;
