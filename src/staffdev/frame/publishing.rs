//! Publishing a frame: the draft becomes readable by staff, and the staff it is for
//! find a notice in their inbox, each in their own language (else the school's).
//! Publishing twice sends nothing the second time.

use uuid::Uuid;

use super::queries::{self, Frame, StaffReader};
use crate::communication::{self, Notice, Recipient};
use crate::db::Tenant;
use crate::db::enums::RecipientType;
use crate::i18n::Lang;
use crate::mail::Mailer;
use crate::web::error::AppError;

pub enum Published {
    /// Published now; this many people were told.
    Now(usize),
    /// It was published before: nobody is told again.
    Already,
}

/// Publishes the draft `id` and tells its staff; [`AppError::NotFound`] when the
/// organization has no such frame.
pub fn publish(
    tenant: &mut Tenant<'_>,
    mailer: &Mailer,
    school_language: Option<&str>,
    id: Uuid,
    editor: Uuid,
) -> Result<Published, AppError> {
    let Some(frame) = queries::publish(tenant, id, editor)? else {
        return if queries::exists(tenant, id)? {
            Ok(Published::Already)
        } else {
            Err(AppError::NotFound)
        };
    };
    let readers = queries::audience(tenant, frame.campus_id, editor)?;
    let told = readers.len();
    // One message per language, so each reader gets one notice in theirs.
    let mut groups: Vec<(Lang, Vec<StaffReader>)> = Vec::new();
    for reader in readers {
        let t = crate::i18n::choose(reader.language.as_deref(), school_language, None);
        match groups.iter_mut().find(|(lang, _)| lang.tag() == t.tag()) {
            Some((_, group)) => group.push(reader),
            None => groups.push((t, vec![reader])),
        }
    }
    for (t, group) in groups {
        let (subject, body) = compose(&frame, &t);
        let recipients: Vec<Recipient> = group
            .into_iter()
            .map(|reader| Recipient {
                kind: RecipientType::Staff,
                label: reader.name,
                user_id: Some(reader.user_id),
                email: None,
            })
            .collect();
        communication::notify(
            tenant,
            mailer,
            &Notice {
                campus_id: frame.campus_id,
                sent_by: Some(editor),
                subject: &subject,
                body: &body,
                recipients: &recipients,
                personal: false,
            },
        )?;
    }
    Ok(Published::Now(told))
}

/// The notice's subject and body in the reader's language.
fn compose(frame: &Frame, t: &Lang) -> (String, String) {
    let week = frame
        .monday()
        .map_or_else(|| frame.week_of.clone(), |d| t.date(d));
    let subject = t
        .message("sd-frame-notice-subject")
        .arg("week", &week)
        .to_string();
    let body = t
        .message("sd-frame-notice-body")
        .arg("author", &frame.author)
        .arg("week", &week)
        .arg("link", format!("/staff-development/frame/{}", frame.id))
        .to_string();
    (subject, body)
}
