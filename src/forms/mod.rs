//! Forms that never lose or double work.
//!
//! - A new-record form carries a one-time token ([`once`]): the first post with it
//!   creates the record, and a resubmit (the back button, a double click, a retry)
//!   creates nothing and shows the record made the first time.
//! - A form sent after its session ended is kept for an hour ([`kept`]): the sender
//!   signs in again and the form comes back filled, never saved on its own.
//!
//! To guard a form: give its page struct a [`Guard`] named `guard` and include
//! `components/form_guard.html` inside the `<form>`; its page takes a
//! [`RestoreQuery`] and asks [`kept::restore`] for what to put back; its create
//! handler runs the insert through [`once::create_once`].

pub mod kept;
pub mod once;
mod queries;

use serde::Deserialize;

/// The hidden field holding a new-record form's one-time token.
pub const TOKEN_FIELD: &str = "form_token";
/// The hidden field naming the form's own page, where the sender comes back after signing in.
pub const PAGE_FIELD: &str = "form_page";

/// What a guarded form carries in its hidden fields.
#[derive(Clone, Debug)]
pub struct Guard {
    /// The path of the form's page, when it puts back input kept over a sign-in.
    pub page: Option<String>,
    /// The one-time token of a new record's form; `None` when editing.
    pub token: Option<String>,
}

impl Guard {
    /// The form of a new record: a fresh token, unless the form comes back with the
    /// one it was sent with (its messages, or its input kept over a sign-in), so
    /// saving then still creates once.
    pub fn new_record(page: impl Into<String>, given: &[(String, String)]) -> Guard {
        Guard {
            page: Some(page.into()),
            ..Guard::token_only(once::token_in(given).unwrap_or_default())
        }
    }

    /// A new record's form that is not put back after a sign-in: only its token,
    /// the one it was `sent` with when it comes back with its messages.
    pub fn token_only(sent: &str) -> Guard {
        let token = once::usable(sent)
            .map(str::to_owned)
            .unwrap_or_else(once::fresh_token);
        Guard {
            page: None,
            token: Some(token),
        }
    }

    /// The form changing a stored record: nothing is created, so no token.
    pub fn edit(page: impl Into<String>) -> Guard {
        Guard {
            page: Some(page.into()),
            token: None,
        }
    }
}

/// `?restore=` on a form's page: the input kept when its session ended.
#[derive(Debug, Default, Deserialize)]
pub struct RestoreQuery {
    pub restore: Option<String>,
}

/// The value of `name` among a form's fields.
pub(crate) fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}
