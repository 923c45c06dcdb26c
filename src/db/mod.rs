//! The database: where it is (a server from `DATABASE_URL` or the managed local
//! cluster), the connection pool, and the embedded migrations.

pub mod enums;
pub mod ids;
pub mod live;
pub mod local;
mod pool;
pub mod schema;
mod supervisor;
pub mod text;

use std::sync::Arc;

use diesel::prelude::*;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use uuid::Uuid;

use chrono_tz::Tz;

use crate::config::Settings;
pub use ids::{OrganizationId, StudentId, UserId};
use local::{ClusterOptions, LocalCluster};
pub use pool::{DatabaseState, DatabaseStatus, PgConn, PgPool, RESTARTING};
pub use supervisor::Backoff;

diesel::define_sql_function!(
    /// SQL `lower()`, for case-insensitive matches on e-mails and names.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text
);

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// What goes wrong in the database layer itself, as opposed to the work it runs.
/// The web layer turns these into responses (`Unavailable` is a 503, the rest 500).
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// No connection could be had: the server is down or restarting, or none came free.
    #[error("{0}")]
    Unavailable(String),
    /// A statement failed.
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
    /// The blocking task running the work did not finish.
    #[error("blocking task failed: {0}")]
    Task(String),
}

/// The database this install uses. Holding it keeps a managed cluster running;
/// `shutdown` (or drop) stops a cluster that this process started.
pub struct Database {
    url: String,
    cluster: Option<LocalCluster>,
    supervisor: Option<supervisor::Supervisor>,
    status: Arc<DatabaseStatus>,
}

impl Database {
    /// `DATABASE_URL` when set (nothing is managed), otherwise the private cluster
    /// under the data directory, started if it is not already running.
    pub fn open(settings: &Settings) -> anyhow::Result<Database> {
        if let Some(url) = &settings.database_url {
            return Ok(Database {
                url: url.clone(),
                cluster: None,
                supervisor: None,
                status: Arc::default(),
            });
        }
        let cluster = LocalCluster::start(&settings.data_dir, ClusterOptions { durable: true })?;
        cluster.ensure_database("homeroom")?;
        Ok(Database {
            url: cluster.database_url("homeroom"),
            cluster: Some(cluster),
            supervisor: None,
            status: Arc::default(),
        })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// A pool whose requests fail fast while this database is known to be down.
    pub fn pool(&self, size: u32) -> anyhow::Result<PgPool> {
        PgPool::build(&self.url, size, Arc::clone(&self.status))
    }

    /// What is known of the database right now.
    pub fn status(&self) -> &Arc<DatabaseStatus> {
        &self.status
    }

    /// From now on a managed server that exits unexpectedly is started again, with
    /// backoff, while the pools of this database answer 503 at once. A server given by
    /// `DATABASE_URL` is not Homeroom's to restart.
    pub fn supervise(&mut self) -> anyhow::Result<()> {
        if self.supervisor.is_none()
            && let Some(cluster) = self.cluster.take()
        {
            let supervisor = supervisor::Supervisor::start(cluster, Arc::clone(&self.status))
                .map_err(|e| anyhow::anyhow!("starting the database supervisor: {e}"))?;
            self.supervisor = Some(supervisor);
        }
        Ok(())
    }

    pub fn shutdown(mut self) {
        if let Some(supervisor) = self.supervisor.take() {
            self.cluster = supervisor.stop();
        }
        if let Some(cluster) = self.cluster.as_mut()
            && let Err(e) = cluster.stop()
        {
            tracing::warn!("stopping the local database: {e}");
        }
    }
}

/// A pool of `size` connections to `url`, with a status of its own.
pub fn build_pool(url: &str, size: u32) -> anyhow::Result<PgPool> {
    PgPool::build(url, size, Arc::default())
}

/// Applies pending migrations and returns the names of those applied. A database
/// that a newer Homeroom has migrated (it holds migrations this binary does not
/// know) is refused, so an older binary never runs against a schema it cannot read.
pub fn migrate(conn: &mut PgConnection) -> anyhow::Result<Vec<String>> {
    let known = known_migrations()?;
    let unknown: Vec<String> = conn
        .applied_migrations()
        .map_err(|e| anyhow::anyhow!("reading the applied migrations: {e}"))?
        .iter()
        .map(|v| v.to_string())
        .filter(|v| !known.contains(v))
        .collect();
    if !unknown.is_empty() {
        anyhow::bail!(
            "this database was migrated by a newer Homeroom (it has {} migration(s) this version, {}, does not know: {}). Run the newer version again, or restore a backup made before the upgrade with `homeroom restore`.",
            unknown.len(),
            env!("CARGO_PKG_VERSION"),
            unknown.join(", ")
        );
    }
    let applied = conn
        .run_pending_migrations(MIGRATIONS)
        .map_err(|e| anyhow::anyhow!("applying migrations: {e}"))?;
    Ok(applied.iter().map(|m| m.to_string()).collect())
}

/// The versions of the migrations built into this binary, oldest first
/// (`20261122000014` for `2026-11-22-000014_…`), as the database records them.
pub fn known_migrations() -> anyhow::Result<Vec<String>> {
    use diesel::migration::MigrationSource;
    let migrations = MigrationSource::<diesel::pg::Pg>::migrations(&MIGRATIONS)
        .map_err(|e| anyhow::anyhow!("reading the built-in migrations: {e}"))?;
    let mut versions: Vec<String> = migrations
        .iter()
        .map(|m| m.name().version().to_string())
        .collect();
    versions.sort();
    Ok(versions)
}

/// Whose work a transaction does: one organization, and either a signed-in user
/// with what their permissions let them read, or Homeroom itself.
///
/// Row-level security reads both: the organization confines every statement to its
/// rows, and the reach narrows the tables whose rows are personal (walkthroughs,
/// attendance, staff attendance, quiz answers and check-ins) to what this user may
/// read. The rules live in the database (migration `row_reach`), so every path to
/// those rows obeys them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    organization: OrganizationId,
    user: Option<UserId>,
    reach: String,
    time_zone: Option<Tz>,
}

impl Actor {
    /// A signed-in user of a school in `time_zone`; `reach` is `area=word` entries
    /// joined by commas.
    pub fn signed_in(organization: Uuid, user: Uuid, reach: String, time_zone: Tz) -> Actor {
        Actor {
            organization: OrganizationId::new(organization),
            user: Some(UserId::new(user)),
            reach,
            time_zone: Some(time_zone),
        }
    }

    /// Homeroom's own work in an organization (scheduled tasks, summaries): every
    /// row. The school's time zone is read when the work starts.
    pub fn system(organization: Uuid) -> Actor {
        Actor {
            organization: OrganizationId::new(organization),
            user: None,
            reach: SYSTEM_REACH.to_owned(),
            time_zone: None,
        }
    }

    pub fn organization(&self) -> OrganizationId {
        self.organization
    }

    pub fn user(&self) -> Option<UserId> {
        self.user
    }

    pub fn reach(&self) -> &str {
        &self.reach
    }
}

const SYSTEM_REACH: &str = "system";

/// Tenant work in progress: the transaction's connection, acting for one
/// [`Actor`]. Queries take the organization from here (`tenant.organization()`),
/// never as an argument of their own, so the rows they name and the rows
/// row-level security lets through are always the same school's.
pub struct Tenant<'c> {
    conn: &'c mut PgConnection,
    acting: Acting,
}

/// For whom a [`Tenant`] works; carried over to a savepoint or a change of reach.
#[derive(Clone, Copy, Debug)]
struct Acting {
    organization: OrganizationId,
    user: Option<UserId>,
    time_zone: Tz,
}

impl Tenant<'_> {
    /// The connection, for running a query.
    pub fn conn(&mut self) -> &mut PgConnection {
        self.conn
    }

    pub fn organization(&self) -> OrganizationId {
        self.acting.organization
    }

    /// The signed-in user doing the work; `None` for Homeroom's own work.
    pub fn user(&self) -> Option<UserId> {
        self.acting.user
    }

    /// The school's time zone.
    pub fn time_zone(&self) -> Tz {
        self.acting.time_zone
    }

    /// The school's date now.
    pub fn today(&self) -> chrono::NaiveDate {
        crate::clock::today(self.acting.time_zone)
    }

    /// Runs `work` in a savepoint of this transaction: what it wrote is undone when
    /// it fails, and the transaction goes on.
    pub fn transaction<T, E>(
        &mut self,
        work: impl FnOnce(&mut Tenant<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<diesel::result::Error>,
    {
        let acting = self.acting;
        self.conn
            .transaction(|conn| work(&mut Tenant { conn, acting }))
    }

    /// Runs `work` with Homeroom's own reach; see [`as_system`].
    pub fn as_system<T>(
        &mut self,
        work: impl FnOnce(&mut Tenant<'_>) -> QueryResult<T>,
    ) -> QueryResult<T> {
        let acting = self.acting;
        as_system(self.conn, |conn| work(&mut Tenant { conn, acting }))
    }
}

/// Runs `work` inside the current transaction with Homeroom's own reach, then gives
/// the reader's back: for derived rows that must count what the reader may not see
/// (a campus's daily totals after a teacher's roll).
pub fn as_system<T>(
    conn: &mut PgConnection,
    work: impl FnOnce(&mut PgConnection) -> QueryResult<T>,
) -> QueryResult<T> {
    #[derive(QueryableByName)]
    struct Reach {
        #[diesel(sql_type = diesel::sql_types::Text)]
        reach: String,
    }
    let before: Reach = diesel::sql_query(
        "SELECT coalesce(current_setting('homeroom.reach', true), '') AS reach, \
                set_config('homeroom.reach', $1, true)",
    )
    .bind::<diesel::sql_types::Text, _>(SYSTEM_REACH)
    .get_result(conn)?;
    let result = work(conn);
    diesel::sql_query("SELECT set_config('homeroom.reach', $1, true)")
        .bind::<diesel::sql_types::Text, _>(before.reach)
        .execute(conn)?;
    result
}

/// Runs tenant work in one transaction as the role `homeroom_app`, with the
/// organization and the reader set, so row-level security confines every statement
/// to what this actor may see.
pub async fn run_in<T, E, F>(pool: &PgPool, actor: Actor, work: F) -> Result<T, E>
where
    F: FnOnce(&mut Tenant<'_>) -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<DbError> + From<diesel::result::Error> + Send + 'static,
{
    run(pool, move |conn| {
        conn.transaction(|conn| {
            let mut tenant = enter(conn, &actor)?;
            work(&mut tenant)
        })
    })
    .await
}

/// For the rest of the current transaction, act as `homeroom_app` for `actor`.
pub fn enter<'c>(conn: &'c mut PgConnection, actor: &Actor) -> QueryResult<Tenant<'c>> {
    let time_zone = match actor.time_zone {
        Some(zone) => zone,
        None => {
            let name: Option<String> = schema::organizations::table
                .find(actor.organization)
                .select(schema::organizations::time_zone)
                .first(conn)
                .optional()?;
            crate::clock::zone(name.as_deref().unwrap_or("UTC"))
        }
    };
    diesel::sql_query(
        "SELECT set_config('role', 'homeroom_app', true), \
                set_config('homeroom.organization_id', $1, true), \
                set_config('homeroom.user_id', $2, true), \
                set_config('homeroom.reach', $3, true)",
    )
    .bind::<diesel::sql_types::Text, _>(actor.organization.to_string())
    .bind::<diesel::sql_types::Text, _>(actor.user.map(|u| u.to_string()).unwrap_or_default())
    .bind::<diesel::sql_types::Text, _>(&actor.reach)
    .execute(conn)?;
    Ok(Tenant {
        conn,
        acting: Acting {
            organization: actor.organization,
            user: actor.user,
            time_zone,
        },
    })
}

/// Runs blocking Diesel work on the thread pool with a pooled connection.
pub async fn run<T, E, F>(pool: &PgPool, work: F) -> Result<T, E>
where
    F: FnOnce(&mut PgConnection) -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<DbError> + Send + 'static,
{
    let pool = pool.clone();
    actix_web::web::block(move || {
        let mut conn = pool
            .checkout()
            .map_err(|cause| E::from(DbError::Unavailable(cause)))?;
        work(&mut conn)
    })
    .await
    .map_err(|e| E::from(DbError::Task(e.to_string())))?
}
