//! Signing in and out, passwords, sessions and CSRF tokens.

pub mod accounts;
pub mod csrf;
pub mod password;
pub mod routes;
pub mod session;
pub mod tokens;
