//! What every handler shares: the pool, the settings, the mailer and the public address.

use crate::config::Settings;
use crate::db::PgPool;

pub struct AppState {
    pub pool: PgPool,
    pub settings: Settings,
    pub mailer: crate::mail::Mailer,
    /// Where people reach this server, for links in e-mails (no trailing slash).
    pub public_url: String,
}
