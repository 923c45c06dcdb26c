//! The database: where it is (a server from `DATABASE_URL` or the managed local
//! cluster), the connection pool, and the embedded migrations.

pub mod enums;
pub mod local;
pub mod schema;

use std::time::Duration;

use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, Pool, PooledConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use uuid::Uuid;

use crate::config::Settings;
use crate::web::error::AppError;
use local::{ClusterOptions, LocalCluster};

pub type PgPool = Pool<ConnectionManager<PgConnection>>;
pub type PgConn = PooledConnection<ConnectionManager<PgConnection>>;

diesel::define_sql_function!(
    /// SQL `lower()`, for case-insensitive matches on e-mails and names.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text
);

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// The database this install uses. Holding it keeps a managed cluster running;
/// `shutdown` (or drop) stops a cluster that this process started.
pub struct Database {
    url: String,
    cluster: Option<LocalCluster>,
}

impl Database {
    /// `DATABASE_URL` when set (nothing is managed), otherwise the private cluster
    /// under the data directory, started if it is not already running.
    pub fn open(settings: &Settings) -> anyhow::Result<Database> {
        if let Some(url) = &settings.database_url {
            return Ok(Database {
                url: url.clone(),
                cluster: None,
            });
        }
        let cluster = LocalCluster::start(&settings.data_dir, ClusterOptions { durable: true })?;
        cluster.ensure_database("homeroom")?;
        Ok(Database {
            url: cluster.database_url("homeroom"),
            cluster: Some(cluster),
        })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn pool(&self, size: u32) -> anyhow::Result<PgPool> {
        build_pool(&self.url, size)
    }

    pub fn shutdown(mut self) {
        if let Some(cluster) = self.cluster.as_mut()
            && let Err(e) = cluster.stop()
        {
            tracing::warn!("stopping the local database: {e}");
        }
    }
}

pub fn build_pool(url: &str, size: u32) -> anyhow::Result<PgPool> {
    let manager = ConnectionManager::<PgConnection>::new(url);
    Ok(Pool::builder()
        .max_size(size)
        .min_idle(Some(1))
        .connection_timeout(Duration::from_secs(5))
        .build(manager)?)
}

/// Applies pending migrations and returns the names of those applied.
pub fn migrate(conn: &mut PgConnection) -> anyhow::Result<Vec<String>> {
    let applied = conn
        .run_pending_migrations(MIGRATIONS)
        .map_err(|e| anyhow::anyhow!("applying migrations: {e}"))?;
    Ok(applied.iter().map(|m| m.to_string()).collect())
}

/// Runs tenant work in one transaction as the role `homeroom_app`, with the
/// organization set, so row-level security confines every statement to it.
pub async fn run_in<T, F>(pool: &PgPool, organization_id: Uuid, work: F) -> Result<T, AppError>
where
    F: FnOnce(&mut PgConnection) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    run(pool, move |conn| {
        conn.transaction(|conn| {
            enter_organization(conn, organization_id)?;
            work(conn)
        })
    })
    .await
}

/// For the rest of the current transaction, act as `homeroom_app` in one organization.
pub fn enter_organization(conn: &mut PgConnection, organization_id: Uuid) -> QueryResult<()> {
    diesel::sql_query(
        "SELECT set_config('role', 'homeroom_app', true), set_config('homeroom.organization_id', $1, true)",
    )
    .bind::<diesel::sql_types::Text, _>(organization_id.to_string())
    .execute(conn)
    .map(|_| ())
}

/// Runs blocking Diesel work on the thread pool with a pooled connection.
pub async fn run<T, F>(pool: &PgPool, work: F) -> Result<T, AppError>
where
    F: FnOnce(&mut PgConnection) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    actix_web::web::block(move || {
        let mut conn = pool
            .get()
            .map_err(|e| AppError::Unavailable(e.to_string()))?;
        work(&mut conn)
    })
    .await
    .map_err(|e| AppError::Internal(anyhow::anyhow!("blocking task failed: {e}")))?
}
