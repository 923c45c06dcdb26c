//! Text as it arrives, made safe once at the edge: every query string, form, JSON
//! body, multipart field and CSV cell passes through here before a handler sees it.
//!
//! - Unicode is composed (NFC), so a name typed with a combining accent is stored,
//!   searched and sorted like the same name typed with one key.
//! - Control characters (PostgreSQL refuses NUL in text; the others are nobody's
//!   intent) are dropped from addresses, where nobody types them, and refused in
//!   what people send: with the field's message where the page parses its fields
//!   one by one (the record engine, through [`Fields`] and `resources::values`),
//!   else with a 400 that names the problem ([`Form`], [`json`]). Tab and newline
//!   are left for the fields that allow them (long text) to accept.
//! - Characters that change the direction of text (U+202A–U+202E, U+2066–U+2069)
//!   can make a name or a file name read differently from what it is; the places
//!   that take names refuse them with [`changes_direction`].
//!
//! `web::Query`, `web::Form` and `web::Json` are disallowed outside this file
//! (clippy.toml), so a new handler cannot skip it.

use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::error::{AppError, Refusal};
use crate::i18n::{Lang, msg};

/// Composed (NFC), with `\r\n` and a lone `\r` written as `\n`.
pub fn normalize(text: &str) -> Cow<'_, str> {
    let composed: Cow<'_, str> = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    };
    if composed.contains('\r') {
        Cow::Owned(composed.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        composed
    }
}

/// Text for a parameter of an address or a search box: composed, without any
/// control character.
pub fn strip_controls(text: &str) -> String {
    normalize(text)
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

/// What a piece of text holds that its field cannot store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unstorable {
    /// A tab or a line break, in a one-line field.
    LineBreak,
    /// NUL or another control character.
    Control,
}

impl Unstorable {
    /// The message shown against the field.
    pub fn message(self, label: &str) -> String {
        self.message_in(Lang::default(), label)
    }

    /// The message shown against the field, in the reader's language.
    pub fn message_in(self, t: Lang, label: &str) -> String {
        let id = match self {
            Unstorable::LineBreak => msg("error-field-line-breaks"),
            Unstorable::Control => msg("error-field-controls"),
        };
        t.message(id).arg("label", label).to_string()
    }
}

/// Why `text` cannot be stored as it is, if it cannot: long text may hold tabs and
/// line breaks, one-line text no control character at all.
pub fn unstorable(text: &str, long: bool) -> Option<Unstorable> {
    let mut found = None;
    for c in text.chars().filter(|c| c.is_control()) {
        match c {
            '\t' | '\n' | '\r' if long => {}
            '\t' | '\n' | '\r' => found = Some(Unstorable::LineBreak),
            _ => return Some(Unstorable::Control),
        }
    }
    found
}

/// Whether `text` holds a character that overrides or isolates the direction of
/// the text around it.
pub fn changes_direction(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
}

/// The message for a name that [`changes_direction`].
pub fn direction_message(label: &str) -> String {
    direction_message_in(Lang::default(), label)
}

/// [`direction_message`] in the reader's language.
pub fn direction_message_in(t: Lang, label: &str) -> String {
    t.message(msg("error-field-direction"))
        .arg("label", label)
        .to_string()
}

const FORM_REFUSED: &str = msg("error-form-controls");

/// A form that could not be read into its fields, with the reader's cause.
pub fn unreadable_form(cause: &impl std::fmt::Display) -> AppError {
    AppError::Refused(Refusal::new(msg("error-form-unreadable")).arg("cause", cause.to_string()))
}

/// The pairs of a query string, each name and value composed and without control
/// characters. Bytes that are not UTF-8 (`%FF`) read as U+FFFD.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (strip_controls(&k), strip_controls(&v)))
        .collect()
}

/// Pairs read into the handler's type, as `serde_urlencoded` reads a form.
fn read_pairs<T: DeserializeOwned>(pairs: &[(String, String)]) -> Result<T, String> {
    let text = serde_urlencoded::to_string(pairs).map_err(|e| e.to_string())?;
    serde_urlencoded::from_str(&text).map_err(|e| e.to_string())
}

/// The query string, cleaned by [`query_pairs`], as the handler's type; in place of
/// `web::Query`.
pub struct Query<T>(pub T);

impl<T> Query<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Query<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = AppError;
    type Future = std::future::Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let read = read_pairs(&query_pairs(req.query_string()))
            .map(Query)
            .map_err(|e| {
                AppError::Refused(Refusal::new(msg("error-query-unreadable")).arg("cause", e))
            });
        std::future::ready(read)
    }
}

type Reading<T> = Pin<Box<dyn Future<Output = Result<T, actix_web::Error>>>>;

/// A url-encoded form's pairs as sent (within the form size limit of `FormConfig`).
#[allow(clippy::disallowed_types)]
fn form_pairs(req: &HttpRequest, payload: &mut Payload) -> Reading<Vec<(String, String)>> {
    let raw = actix_web::web::Form::<Vec<(String, String)>>::from_request(req, payload);
    Box::pin(async move { Ok(raw.await?.into_inner()) })
}

fn composed(pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    pairs
        .into_iter()
        .map(|(k, v)| (normalize(&k).into_owned(), normalize(&v).into_owned()))
        .collect()
}

/// Hidden fields that say where to go after a form (sign-in, uploads, check-in).
const RETURN_FIELDS: &[&str] = &["next", "return_to", "back"];

/// A form's pairs, composed; refused when a name or value holds a control
/// character other than tab or newline. [`Form`] reads every form this way; a
/// handler that reads its body by hand calls it.
pub fn refuse_controls(pairs: Vec<(String, String)>) -> Result<Vec<(String, String)>, AppError> {
    let pairs: Vec<(String, String)> = composed(pairs)
        .into_iter()
        .map(|(k, v)| {
            // Where to go afterwards is no one's typing but the page's: a hidden
            // field holding a control character was forged, so it is dropped (the
            // form goes on to its usual page); `web::redirect` judges the rest.
            if RETURN_FIELDS.contains(&k.as_str()) && v.chars().any(char::is_control) {
                (k, String::new())
            } else {
                (k, v)
            }
        })
        .collect();
    if pairs
        .iter()
        .any(|(k, v)| unstorable(k, false).is_some() || unstorable(v, true).is_some())
    {
        return Err(AppError::Refused(Refusal::new(FORM_REFUSED)));
    }
    Ok(pairs)
}

/// A url-encoded form as the handler's type, composed, refused with a 400 when a
/// field holds a control character other than tab or newline; in place of
/// `web::Form`. The handler still refuses tabs and newlines in one-line fields.
pub struct Form<T>(pub T);

impl<T> Form<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Form<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Form<T> {
    type Error = actix_web::Error;
    type Future = Reading<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let pairs = form_pairs(req, payload);
        Box::pin(async move {
            let pairs = refuse_controls(pairs.await?)?;
            read_pairs(&pairs)
                .map(Form)
                .map_err(|e| unreadable_form(&e).into())
        })
    }
}

/// A url-encoded form's fields, composed but not refused: for pages that parse
/// every field with [`unstorable`] and show its message beside the field (the
/// record engine's forms).
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    pub fn into_inner(self) -> Vec<(String, String)> {
        self.0
    }
}

impl FromRequest for Fields {
    type Error = actix_web::Error;
    type Future = Reading<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let pairs = form_pairs(req, payload);
        Box::pin(async move { Ok(Fields(composed(pairs.await?))) })
    }
}

/// A JSON body as the handler's type: its strings composed, refused when one
/// holds a control character other than tab or newline (JSON can escape NUL as
/// `\u0000`, which neither text nor jsonb columns store). The error is a message.
pub fn json<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    let mut value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|_| "It is not JSON, or holds text that is not UTF-8.".to_owned())?;
    clean_json(&mut value, "A value")?;
    serde_json::from_value(value)
        .map_err(|_| "A value is missing or not of the expected kind.".to_owned())
}

fn clean_json(value: &mut serde_json::Value, name: &str) -> Result<(), String> {
    use serde_json::Value;
    match value {
        Value::String(text) => {
            if unstorable(text, true).is_some() {
                return Err(Unstorable::Control.message(&format!("“{name}”")));
            }
            if let Cow::Owned(composed) = normalize(text) {
                *text = composed;
            }
        }
        Value::Array(items) => {
            for item in items {
                clean_json(item, name)?;
            }
        }
        Value::Object(fields) => {
            if fields.keys().any(|k| unstorable(k, false).is_some()) {
                return Err(Unstorable::Control.message("A name"));
            }
            for (key, item) in fields.iter_mut() {
                clean_json(item, key)?;
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_name_typed_two_ways_is_stored_one_way() {
        assert_eq!(normalize("Zoe\u{301}"), "Zo\u{e9}");
        assert!(matches!(normalize("Zoé"), Cow::Borrowed(_)));
        assert_eq!(normalize("one\r\ntwo\rthree"), "one\ntwo\nthree");
    }

    #[test]
    fn addresses_lose_their_control_characters() {
        assert_eq!(
            query_pairs("q=Ana%00&page=%01%1F2%7F&sort=na%FFme"),
            vec![
                ("q".to_owned(), "Ana".to_owned()),
                ("page".to_owned(), "2".to_owned()),
                ("sort".to_owned(), "na\u{fffd}me".to_owned()),
            ]
        );
        assert_eq!(
            query_pairs("q=a%0Ab%09c"),
            vec![("q".to_owned(), "abc".to_owned())]
        );
    }

    #[test]
    fn long_text_keeps_tabs_and_newlines_but_never_nul() {
        assert_eq!(unstorable("two\nlines\tand a tab", true), None);
        assert_eq!(unstorable("two\nlines", false), Some(Unstorable::LineBreak));
        assert_eq!(unstorable("nul\0", true), Some(Unstorable::Control));
        assert_eq!(
            unstorable("tab\t then nul\0", false),
            Some(Unstorable::Control)
        );
        assert_eq!(unstorable("bell\u{7}", false), Some(Unstorable::Control));
        assert_eq!(unstorable("C1 \u{85}", true), Some(Unstorable::Control));
        assert_eq!(unstorable("Zoé «quoted» 名前", false), None);
    }

    #[test]
    fn direction_overrides_and_isolates_are_found() {
        assert!(changes_direction("photo\u{202E}gnp.exe"));
        assert!(changes_direction("\u{2066}Ana\u{2069}"));
        assert!(!changes_direction("שלום Ana مرحبا"));
    }

    #[test]
    fn json_strings_are_composed_and_nul_is_refused() {
        let v: serde_json::Value = json(br#"{"a":["Zoe\u0301"]}"#).expect("reads");
        assert_eq!(v["a"][0], "Zo\u{e9}");
        let refused = json::<serde_json::Value>(br#"{"remarks":"bus\u0000late"}"#);
        assert_eq!(
            refused,
            Err("“remarks” contains characters that cannot be stored.".to_owned())
        );
        assert!(json::<serde_json::Value>(br#"{"remarks":"\ud800"}"#).is_err());
        assert!(json::<serde_json::Value>(b"{\"remarks\":\"\xff\"}").is_err());
    }
}
