//! One-time messages shown on the next page ("Saved.", "You have signed out.").

use actix_session::Session;
use serde::{Deserialize, Serialize};

const KEY: &str = "flash";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Success,
    Info,
    Error,
}

impl Level {
    pub fn css(self) -> &'static str {
        match self {
            Level::Success => "flash-success",
            Level::Info => "flash-info",
            Level::Error => "flash-error",
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Flash {
    pub level: Level,
    pub message: String,
}

pub fn push(session: &Session, level: Level, message: impl Into<String>) {
    let mut all = peek(session);
    all.push(Flash {
        level,
        message: message.into(),
    });
    if let Err(e) = session.insert(KEY, all) {
        tracing::warn!("could not keep a flash message: {e}");
    }
}

pub fn take(session: &Session) -> Vec<Flash> {
    let all = peek(session);
    if !all.is_empty() {
        session.remove(KEY);
    }
    all
}

fn peek(session: &Session) -> Vec<Flash> {
    session
        .get::<Vec<Flash>>(KEY)
        .ok()
        .flatten()
        .unwrap_or_default()
}
