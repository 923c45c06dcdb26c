//! Outgoing e-mail. With `HOMEROOM_SMTP_URL` it goes to that SMTP server; without
//! it, it stays in the outbox that administrators read at `/admin/outbox`. Either
//! way every message is recorded in `email_outbox` with what became of it.

use chrono::Utc;
use diesel::prelude::*;
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart, SinglePart};
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

/// A file sent along with an e-mail (a PDF document).
pub struct Attachment {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// How many e-mails of a batch are handed to the mail server at once.
pub const DELIVERY_LANES: usize = 8;

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
        let (id, refusal) = self.send_reporting(conn, email)?;
        let status = match (refusal, &self.smtp) {
            (Some(_), _) => EmailStatus::Failed,
            (None, None) => EmailStatus::Stored,
            (None, Some(_)) => EmailStatus::Sent,
        };
        Ok((id, status))
    }

    /// Like [`Mailer::send`], with the mail server's refusal when it refused.
    pub fn send_reporting(
        &self,
        conn: &mut PgConnection,
        email: &Email,
    ) -> QueryResult<(Uuid, Option<String>)> {
        self.send_attached(conn, email, &[])
    }

    /// Like [`Mailer::send_reporting`], with files attached.
    pub fn send_attached(
        &self,
        conn: &mut PgConnection,
        email: &Email,
        attachments: &[Attachment],
    ) -> QueryResult<(Uuid, Option<String>)> {
        let mut sent = self.send_many(conn, &[(email, attachments)])?;
        sent.pop()
            .ok_or_else(|| diesel::result::Error::QueryBuilderError("no outbox row".into()))
    }

    /// Sends (or stores) many messages and records each, returning each one's outbox
    /// row and the mail server's refusal, in order. The deliveries run
    /// [`DELIVERY_LANES`] at a time over the transport's pooled connections, so a
    /// slow answer from the mail server holds up one lane rather than the whole
    /// batch; the outbox rows are written in one statement.
    pub fn send_many(
        &self,
        conn: &mut PgConnection,
        batch: &[(&Email, &[Attachment])],
    ) -> QueryResult<Vec<(Uuid, Option<String>)>> {
        let mut senders: std::collections::HashMap<Uuid, Sender> = Default::default();
        for (email, _) in batch {
            if let Some(school) = email.organization_id
                && !senders.contains_key(&school)
            {
                senders.insert(school, Sender::of(conn, school)?);
            }
        }
        let none = Sender::default();
        let sender_of = |email: &Email| {
            email
                .organization_id
                .and_then(|school| senders.get(&school))
                .unwrap_or(&none)
        };
        let refusals: Vec<Option<String>> = match &self.smtp {
            None => vec![None; batch.len()],
            // One e-mail (a password reset, a notice) goes from this thread.
            Some(transport) if batch.len() == 1 => batch
                .iter()
                .map(|(email, files)| {
                    self.deliver(transport, email, sender_of(email), files)
                        .err()
                })
                .collect(),
            Some(transport) => {
                let next = std::sync::atomic::AtomicUsize::new(0);
                let done = std::sync::Mutex::new(vec![None; batch.len()]);
                std::thread::scope(|lanes| {
                    for _ in 0..DELIVERY_LANES.min(batch.len()) {
                        lanes.spawn(|| {
                            loop {
                                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                                let Some((email, files)) = batch.get(i) else {
                                    break;
                                };
                                let refusal = self
                                    .deliver(transport, email, sender_of(email), files)
                                    .err();
                                if let Ok(mut done) = done.lock() {
                                    done[i] = refusal;
                                }
                            }
                        });
                    }
                });
                done.into_inner()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
            }
        };
        let stored = self.smtp.is_none();
        let rows: Vec<_> = batch
            .iter()
            .zip(&refusals)
            .map(|((email, _), refusal)| {
                let sender = sender_of(email);
                let status = match (refusal, stored) {
                    (Some(_), _) => EmailStatus::Failed,
                    (None, true) => EmailStatus::Stored,
                    (None, false) => EmailStatus::Sent,
                };
                (
                    email_outbox::organization_id.eq(email.organization_id),
                    email_outbox::to_address.eq(&email.to),
                    email_outbox::subject.eq(&email.subject),
                    email_outbox::body_text.eq(&email.body),
                    email_outbox::status.eq(status),
                    email_outbox::error.eq(refusal),
                    email_outbox::sent_at.eq((status == EmailStatus::Sent).then(Utc::now)),
                    email_outbox::created_by_id.eq(email.sent_by),
                    email_outbox::from_name.eq(&sender.name),
                    email_outbox::reply_to.eq(sender.reply_to.as_ref().map(ToString::to_string)),
                )
            })
            .collect();
        // PostgreSQL takes at most 65,535 parameters in one statement: ten a row.
        let mut ids: Vec<Uuid> = Vec::with_capacity(rows.len());
        for part in rows.chunks(5_000) {
            ids.extend(
                diesel::insert_into(email_outbox::table)
                    .values(part)
                    .returning(email_outbox::id)
                    .get_results::<Uuid>(conn)?,
            );
        }
        for (id, refusal) in ids.iter().zip(&refusals) {
            if refusal.is_some() {
                // The server's answer may repeat the recipient's address: it stays in
                // the outbox row, and the log names the row.
                tracing::warn!(outbox = %id, "e-mail delivery failed; the outbox holds the server's answer");
            }
        }
        Ok(ids.into_iter().zip(refusals).collect())
    }

    fn deliver(
        &self,
        transport: &SmtpTransport,
        email: &Email,
        sender: &Sender,
        attachments: &[Attachment],
    ) -> Result<(), String> {
        let message = self.message(email, sender, attachments)?;
        transport
            .send(&message)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// The message as it leaves: the install's own address sends it, so it is not
    /// spoofed; the school's name shows, and replies go to the school.
    fn message(
        &self,
        email: &Email,
        sender: &Sender,
        attachments: &[Attachment],
    ) -> Result<Message, String> {
        let to: Mailbox = email
            .to
            .parse()
            .map_err(|e| format!("recipient {:?}: {e}", email.to))?;
        let from = Mailbox::new(
            sender.name.clone().or_else(|| self.from.name.clone()),
            self.from.email.clone(),
        );
        let mut message = Message::builder().from(from).to(to);
        if let Some(reply_to) = &sender.reply_to {
            message = message.reply_to(reply_to.clone());
        }
        let message = message.subject(email.subject.clone());
        if attachments.is_empty() {
            return message.body(email.body.clone()).map_err(|e| e.to_string());
        }
        let mut parts = MultiPart::mixed().singlepart(SinglePart::plain(email.body.clone()));
        for file in attachments {
            let kind = ContentType::parse(&file.content_type).map_err(|e| e.to_string())?;
            parts = parts.singlepart(
                lettre::message::Attachment::new(file.name.clone()).body(file.bytes.clone(), kind),
            );
        }
        message.multipart(parts).map_err(|e| e.to_string())
    }
}

/// Whose name a school's mail carries and where replies go: the school's sender
/// name (its own name when it set none) and its own address.
#[derive(Default)]
struct Sender {
    name: Option<String>,
    reply_to: Option<Mailbox>,
}

impl Sender {
    fn of(conn: &mut PgConnection, school: Uuid) -> QueryResult<Sender> {
        let found = crate::settings::queries::mail_identity(conn, school)?;
        Ok(found.map_or_else(Sender::default, |school| Sender {
            name: Some(school.sender_name.unwrap_or(school.school_name)),
            reply_to: school.reply_to.and_then(|a| a.parse().ok()),
        }))
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
    use super::*;

    #[test]
    fn a_schools_mail_leaves_from_the_install_under_the_schools_name_with_its_reply_to() {
        let settings = Settings {
            mail_from: "Homeroom <install@homeroom.example>".to_owned(),
            ..Settings::for_tests(std::env::temp_dir())
        };
        let mailer = Mailer::from_settings(&settings).expect("a mailer");
        let email = Email {
            organization_id: None,
            to: "parent@family.example".to_owned(),
            subject: "Hello".to_owned(),
            body: "Body".to_owned(),
            sent_by: None,
        };
        let formatted = |sender: &Sender| {
            let message = mailer.message(&email, sender, &[]).expect("a message");
            String::from_utf8(message.formatted()).unwrap_or_default()
        };
        let school = Sender {
            name: Some("Northwind Primary".to_owned()),
            reply_to: "office@northwind.example".parse().ok(),
        };
        let headers = formatted(&school);
        assert!(
            headers.contains("From: \"Northwind Primary\" <install@homeroom.example>"),
            "{headers}"
        );
        assert!(
            headers.contains("Reply-To: office@northwind.example"),
            "{headers}"
        );
        let install = formatted(&Sender::default());
        assert!(
            install.contains("From: Homeroom <install@homeroom.example>"),
            "{install}"
        );
        assert!(!install.contains("Reply-To"), "{install}");
    }

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
