//! Outgoing e-mail. With `HOMEROOM_SMTP_URL` it goes to that SMTP server; without
//! it, it stays in the outbox that administrators read at `/admin/outbox`. Either
//! way every message is recorded in `email_outbox` with what became of it.

use chrono::Utc;
use diesel::prelude::*;
use lettre::message::Mailbox;
use lettre::{Message, SmtpTransport, Transport};
use uuid::Uuid;

use crate::config::Settings;
use crate::db::enums::EmailStatus;
use crate::db::schema::email_outbox;

pub struct Email {
    pub organization_id: Option<Uuid>,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The signed-in user who caused it, if any.
    pub sent_by: Option<Uuid>,
}

#[derive(Clone)]
pub struct Mailer {
    smtp: Option<SmtpTransport>,
    from: Mailbox,
}

impl Mailer {
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Mailer> {
        let from: Mailbox = settings
            .mail_from
            .parse()
            .map_err(|e| anyhow::anyhow!("HOMEROOM_MAIL_FROM={:?}: {e}", settings.mail_from))?;
        let smtp = match &settings.smtp_url {
            Some(url) => Some(
                SmtpTransport::from_url(url)
                    .map_err(|e| {
                        anyhow::anyhow!("HOMEROOM_SMTP_URL is not a usable SMTP address: {e}")
                    })?
                    .build(),
            ),
            None => None,
        };
        Ok(Mailer { smtp, from })
    }

    /// Whether messages leave the building, or stay in the outbox.
    pub fn uses_smtp(&self) -> bool {
        self.smtp.is_some()
    }

    /// Sends (or stores) one message and records it. Blocking: call it from
    /// `db::run`. A refused delivery is recorded as failed, not returned as an error,
    /// so the action that caused the e-mail still completes.
    pub fn send(&self, conn: &mut PgConnection, email: &Email) -> QueryResult<(Uuid, EmailStatus)> {
        let (status, error) = match &self.smtp {
            None => (EmailStatus::Stored, None),
            Some(transport) => match self.deliver(transport, email) {
                Ok(()) => (EmailStatus::Sent, None),
                Err(e) => {
                    tracing::warn!(error = %e, "e-mail delivery failed");
                    (EmailStatus::Failed, Some(e))
                }
            },
        };
        let id = diesel::insert_into(email_outbox::table)
            .values((
                email_outbox::organization_id.eq(email.organization_id),
                email_outbox::to_address.eq(&email.to),
                email_outbox::subject.eq(&email.subject),
                email_outbox::body_text.eq(&email.body),
                email_outbox::status.eq(status),
                email_outbox::error.eq(error),
                email_outbox::sent_at.eq((status == EmailStatus::Sent).then(Utc::now)),
                email_outbox::created_by_id.eq(email.sent_by),
            ))
            .returning(email_outbox::id)
            .get_result(conn)?;
        Ok((id, status))
    }

    fn deliver(&self, transport: &SmtpTransport, email: &Email) -> Result<(), String> {
        let to: Mailbox = email
            .to
            .parse()
            .map_err(|e| format!("recipient {:?}: {e}", email.to))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.subject.clone())
            .body(email.body.clone())
            .map_err(|e| e.to_string())?;
        transport
            .send(&message)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// Where the next link of `rest` starts: a web address, or a path of this site
/// (`/walkthroughs/…`) at the start of a line, as notices read only in the inbox
/// carry. `line_start`: whether `rest` begins a line.
fn next_link(rest: &str, line_start: bool) -> Option<usize> {
    let path = if line_start && rest.starts_with('/') {
        Some(0)
    } else {
        rest.find("\n/").map(|at| at + 1)
    };
    ["https://", "http://"]
        .iter()
        .filter_map(|p| rest.find(p))
        .chain(path)
        .min()
}

/// Pieces of an e-mail body for display: plain text, with web addresses as links.
pub struct BodyPiece {
    pub text: String,
    pub link: bool,
}

pub fn linkify(body: &str) -> Vec<BodyPiece> {
    let mut pieces = Vec::new();
    let mut rest = body;
    while let Some(start) = next_link(rest, pieces.is_empty()) {
        if start > 0 {
            pieces.push(BodyPiece {
                text: rest[..start].to_owned(),
                link: false,
            });
        }
        let end = rest[start..]
            .find(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"')
            .map_or(rest.len(), |e| start + e);
        pieces.push(BodyPiece {
            text: rest[start..end].to_owned(),
            link: true,
        });
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        pieces.push(BodyPiece {
            text: rest.to_owned(),
            link: false,
        });
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::linkify;

    #[test]
    fn addresses_in_a_body_become_links_and_the_rest_stays_text() {
        let pieces = linkify("Set your password:\nhttp://school.example/reset/abc\nThanks");
        let shape: Vec<(&str, bool)> = pieces.iter().map(|p| (p.text.as_str(), p.link)).collect();
        assert_eq!(
            shape,
            vec![
                ("Set your password:\n", false),
                ("http://school.example/reset/abc", true),
                ("\nThanks", false),
            ]
        );
        assert!(linkify("no links here").iter().all(|p| !p.link));
    }

    #[test]
    fn a_site_path_on_its_own_line_becomes_a_link_and_a_slash_in_a_sentence_does_not() {
        let pieces = linkify("Read it:\n/walkthroughs/abc\n");
        assert!(
            pieces
                .iter()
                .any(|p| p.link && p.text == "/walkthroughs/abc")
        );
        assert!(linkify("and/or 1/2 / 3").iter().all(|p| !p.link));
    }
}
