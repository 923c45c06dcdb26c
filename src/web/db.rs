//! Database work for a request: `crate::db`'s runners with the app's error type, so
//! a failure inside the work (not found, forbidden, a bad value) reaches the response
//! as it is, and the database layer's own failures become a 503 or a 500.

use diesel::PgConnection;

use crate::db::{Actor, PgPool, Tenant};
use crate::web::error::AppError;

/// Runs tenant work under row-level security; see [`crate::db::run_in`].
pub async fn run_in<T, F>(pool: &PgPool, actor: Actor, work: F) -> Result<T, AppError>
where
    F: FnOnce(&mut Tenant<'_>) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    crate::db::run_in(pool, actor, work).await
}

/// Runs work without row-level security; see [`crate::db::run`].
pub async fn run<T, F>(pool: &PgPool, work: F) -> Result<T, AppError>
where
    F: FnOnce(&mut PgConnection) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    crate::db::run(pool, work).await
}
