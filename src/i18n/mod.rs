//! Homeroom in the reader's language, through Project Fluent.
//!
//! Every word a page shows comes from a message file, `locales/<language>/<area>.ftl`
//! (`common` for the page shell and the menu, then one per area: `attendance`,
//! `auth`, `dashboard`, …), built into the binary. To add a string:
//! 1. give it an id in `locales/en/<area>.ftl`, and the same id in every other
//!    language that covers the area (README, "Languages");
//! 2. in a template, `{{ t.text("roll-save") }}`, or with variables and plurals
//!    `{{ t.message("roll-marked").arg("marked", marked).arg("total", total) }}`
//!    (`t` is the layout's [`Lang`]: `{% let t = layout.t %}`); in Rust the same
//!    calls on the page's `Lang`;
//! 3. an id kept in data to be translated later (a menu label, a refusal) is written
//!    `msg("…")`, so the coverage test (`coverage.rs`) finds every id in use.
//!
//! A message missing from a language falls back to English, message by message;
//! [`choose`] decides the language of a request.

mod negotiate;
mod values;

#[cfg(test)]
mod coverage;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::{FluentNumber, FluentNumberOptions};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::{CharacterDirection, LanguageIdentifier};

pub use negotiate::accepted_languages;

/// The language every other falls back to, message by message.
pub const FALLBACK: &str = "en";

/// `(language, area, text)` of every shipped message file, listed by `build.rs`.
const SHIPPED: &[(&str, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/locales.rs"));

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    let (catalog, problems) = Catalog::build(SHIPPED);
    for problem in problems {
        tracing::error!(%problem, "message file");
    }
    catalog
});

/// Marks a message id kept in data (`label: msg("nav-today")`), translated where it
/// is shown; the coverage test reads these marks.
pub const fn msg(id: &'static str) -> &'static str {
    id
}

/// The languages Homeroom ships, the fallback first.
pub struct Catalog {
    languages: Vec<Language>,
}

struct Language {
    tag: String,
    id: LanguageIdentifier,
    bundle: FluentBundle<FluentResource>,
    plurals: Option<PluralRules>,
    /// Its dates, numbers and money, made on first use.
    formats: std::sync::OnceLock<values::Formats>,
}

impl Catalog {
    /// The message files built into the binary.
    pub fn shipped() -> &'static Catalog {
        &CATALOG
    }

    /// A catalog of message files, and what is wrong with them (syntax errors,
    /// ids given twice, a folder that is not a language tag); the rest still loads.
    pub fn build(files: &[(&str, &str, &str)]) -> (Catalog, Vec<String>) {
        let mut problems = Vec::new();
        let mut languages: Vec<Language> = Vec::new();
        for &(tag, area, text) in files {
            let resource =
                FluentResource::try_new(text.to_owned()).unwrap_or_else(|(r, errors)| {
                    for e in errors {
                        problems.push(format!("{tag}/{area}.ftl: {e:?}"));
                    }
                    r
                });
            let index = match languages.iter().position(|l| l.tag == tag) {
                Some(i) => i,
                None => match Language::new(tag) {
                    Some(language) => {
                        languages.push(language);
                        languages.len() - 1
                    }
                    None => {
                        problems.push(format!("{tag}: not a language tag"));
                        continue;
                    }
                },
            };
            if let Err(errors) = languages[index].bundle.add_resource(resource) {
                for e in errors {
                    problems.push(format!("{tag}/{area}.ftl: {e:?}"));
                }
            }
        }
        languages.sort_by_key(|l| l.tag != FALLBACK);
        if languages.first().is_none_or(|l| l.tag != FALLBACK) {
            problems.push(format!("no {FALLBACK} message files"));
            languages.insert(0, Language::new(FALLBACK).expect("en is a language tag"));
        }
        (Catalog { languages }, problems)
    }

    /// Every language, the fallback first.
    pub fn languages(&'static self) -> impl Iterator<Item = Lang> {
        (0..self.languages.len()).map(move |index| Lang {
            catalog: self,
            index,
        })
    }

    /// The language shipped under this tag (`es`), if any.
    pub fn find(&'static self, tag: &str) -> Option<Lang> {
        let tags: Vec<&str> = self.languages.iter().map(|l| l.tag.as_str()).collect();
        negotiate::exact(&tags, tag).map(|index| Lang {
            catalog: self,
            index,
        })
    }

    /// The language of a request: the user's own choice, else the school's, else the
    /// first shipped language the browser accepts (`es-MX` takes `es`), else English.
    pub fn choose(
        &'static self,
        user: Option<&str>,
        school: Option<&str>,
        accept_language: Option<&str>,
    ) -> Lang {
        let tags: Vec<&str> = self.languages.iter().map(|l| l.tag.as_str()).collect();
        let index = negotiate::choose(&tags, user, school, accept_language).unwrap_or(0);
        Lang {
            catalog: self,
            index,
        }
    }
}

/// The language of a request with the shipped messages: see [`Catalog::choose`].
pub fn choose(user: Option<&str>, school: Option<&str>, accept_language: Option<&str>) -> Lang {
    Catalog::shipped().choose(user, school, accept_language)
}

/// One shipped language in a picker, named in itself.
pub struct LanguageOption {
    pub tag: &'static str,
    pub name: String,
    pub selected: bool,
}

/// Every shipped language for a `<select>`, with `chosen` selected.
pub fn options(chosen: Option<&str>) -> Vec<LanguageOption> {
    Catalog::shipped()
        .languages()
        .map(|lang| LanguageOption {
            tag: lang.tag(),
            name: lang.name(),
            selected: chosen.is_some_and(|c| c.eq_ignore_ascii_case(lang.tag())),
        })
        .collect()
}

/// Every shipped language as `(tag, its own name)`: the choices of a record field
/// that keeps a language (a guardian's).
pub fn choices() -> Vec<(&'static str, &'static str)> {
    static NAMES: LazyLock<Vec<(&'static str, String)>> =
        LazyLock::new(|| options(None).into_iter().map(|o| (o.tag, o.name)).collect());
    NAMES
        .iter()
        .map(|(tag, name)| (*tag, name.as_str()))
        .collect()
}

/// A language picked in a form: `None` for "none chosen" (empty), else a shipped
/// language's tag; `Err` for anything else.
pub fn parse_choice(text: &str) -> Result<Option<&'static str>, UnknownLanguage> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    Catalog::shipped()
        .find(text)
        .map(|lang| Some(lang.tag()))
        .ok_or(UnknownLanguage)
}

/// A form named a language Homeroom does not ship.
#[derive(Debug, PartialEq, Eq)]
pub struct UnknownLanguage;

impl Language {
    fn new(tag: &str) -> Option<Language> {
        let id: LanguageIdentifier = tag.parse().ok()?;
        let mut bundle = FluentBundle::new_concurrent(vec![id.clone()]);
        // Pages set `dir`; isolation marks would end up inside form values and e-mails.
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(placeholder));
        let language_only = LanguageIdentifier::from_parts(id.language, None, None, &[]);
        let plurals = PluralRules::create(id.clone(), PluralRuleType::CARDINAL)
            .or_else(|_| PluralRules::create(language_only, PluralRuleType::CARDINAL))
            .ok();
        Some(Language {
            tag: tag.to_owned(),
            id,
            bundle,
            plurals,
            formats: std::sync::OnceLock::new(),
        })
    }
}

/// The reader's language with the messages to show them.
#[derive(Clone, Copy)]
pub struct Lang {
    catalog: &'static Catalog,
    index: usize,
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.tag())
    }
}

impl Default for Lang {
    /// English, for work no reader is known for yet.
    fn default() -> Lang {
        Lang {
            catalog: Catalog::shipped(),
            index: 0,
        }
    }
}

impl PartialEq for Lang {
    fn eq(&self, other: &Lang) -> bool {
        std::ptr::eq(self.catalog, other.catalog) && self.index == other.index
    }
}

impl Lang {
    fn language(&self) -> &'static Language {
        &self.catalog.languages[self.index]
    }

    /// The BCP 47 tag, for `<html lang>`: `es`.
    pub fn tag(&self) -> &'static str {
        &self.language().tag
    }

    /// `rtl` for a language written right to left (Arabic, Hebrew, Persian, Urdu…),
    /// else `ltr`: known from the tag, so a new language needs no code.
    pub fn dir(&self) -> &'static str {
        match self.language().id.character_direction() {
            CharacterDirection::RTL => "rtl",
            _ => "ltr",
        }
    }

    /// The language's own name for itself, for a language picker: `Español`.
    pub fn name(&self) -> String {
        self.text("language-name")
    }

    /// A message without variables.
    pub fn text(&self, id: &str) -> String {
        self.message(id).to_string()
    }

    /// Whether this language, or English, has a message with this id.
    pub fn has(&self, id: &str) -> bool {
        [self.index, 0]
            .iter()
            .any(|&i| self.catalog.languages[i].bundle.has_message(id))
    }

    /// The wording of a stored choice (a PostgreSQL enum value): the message
    /// `choice-<type>-<value>` (`choice-student_status-active`), else the value with
    /// its underscores as spaces.
    pub fn choice(&self, sql_type: &str, value: &str) -> String {
        let id = format!("choice-{sql_type}-{value}");
        if self.has(&id) {
            self.text(&id)
        } else {
            value.replace('_', " ")
        }
    }

    /// A message to give variables to, shown with `{{ }}` or `to_string()`.
    pub fn message<'a>(&self, id: &'a str) -> Message<'a> {
        Message {
            lang: *self,
            id,
            args: FluentArgs::new(),
        }
    }
}

/// One message with its variables; displaying it formats it in the language.
pub struct Message<'a> {
    lang: Lang,
    id: &'a str,
    args: FluentArgs<'a>,
}

impl<'a> Message<'a> {
    /// Gives the message a variable: a number (which chooses plural forms) or text.
    pub fn arg(mut self, name: &'a str, value: impl Into<Arg<'a>>) -> Message<'a> {
        self.args.set(name, value.into().0);
        self
    }

    fn format(&self, args: &FluentArgs) -> String {
        let own = self.lang.index;
        for index in [own, 0] {
            let bundle = &self.lang.catalog.languages[index].bundle;
            let Some(pattern) = bundle.get_message(self.id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(args), &mut errors);
            if !errors.is_empty() {
                tracing::warn!(id = self.id, ?errors, "message formatted with errors");
            }
            return text.into_owned();
        }
        tracing::warn!(id = self.id, "no such message in any language");
        self.id.to_owned()
    }

    /// The message for each plural form of the language, with `{count}` where
    /// `variable` goes, as JSON for a script choosing with `Intl.PluralRules`:
    /// `{"one":"{count} mark not yet saved","other":"{count} marks not yet saved"}`.
    pub fn plural_forms(&self, variable: &'a str) -> String {
        let mut forms = BTreeMap::new();
        for (category, sample) in plural_samples(self.lang.language().plurals.as_ref()) {
            let mut args = FluentArgs::new();
            for (name, value) in self.args.iter() {
                args.set(name, value.clone());
            }
            let options = FluentNumberOptions {
                currency: Some(PLACEHOLDER.to_owned()),
                ..FluentNumberOptions::default()
            };
            args.set(variable, FluentNumber::new(sample, options));
            forms.insert(category, self.format(&args));
        }
        serde_json::to_string(&forms).unwrap_or_default()
    }
}

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format(&self.args))
    }
}

/// What [`Message::plural_forms`] puts where the counted number goes.
const PLACEHOLDER: &str = "{count}";

/// Formats a number marked by [`Message::plural_forms`] as the placeholder; every
/// other value as Fluent would.
fn placeholder<M>(value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) if n.options.currency.as_deref() == Some(PLACEHOLDER) => {
            Some(PLACEHOLDER.to_owned())
        }
        _ => None,
    }
}

/// One whole number of each plural category the language has (`one`: 1, `other`: 0).
fn plural_samples(rules: Option<&PluralRules>) -> Vec<(&'static str, f64)> {
    let Some(rules) = rules else {
        return vec![("other", 0.0)];
    };
    let mut samples: Vec<(&'static str, f64)> = Vec::new();
    for n in (0..=200u32).chain([1000, 1_000_000]) {
        let name = match rules.select(n) {
            Ok(PluralCategory::ZERO) => "zero",
            Ok(PluralCategory::ONE) => "one",
            Ok(PluralCategory::TWO) => "two",
            Ok(PluralCategory::FEW) => "few",
            Ok(PluralCategory::MANY) => "many",
            _ => "other",
        };
        if !samples.iter().any(|(c, _)| *c == name) {
            samples.push((name, f64::from(n)));
        }
    }
    samples
}

/// A message variable: numbers stay numbers so plural rules apply to them.
pub struct Arg<'a>(FluentValue<'a>);

macro_rules! number_args {
    ($($t:ty),+) => {$(
        impl<'a> From<$t> for Arg<'a> {
            fn from(n: $t) -> Arg<'a> {
                Arg(FluentValue::from(n))
            }
        }
        impl<'a> From<&$t> for Arg<'a> {
            fn from(n: &$t) -> Arg<'a> {
                Arg(FluentValue::from(*n))
            }
        }
    )+};
}
number_args!(i32, i64, u32, u64, usize);

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Arg<'a> {
        Arg(FluentValue::from(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Arg<'a> {
        Arg(FluentValue::from(s.as_str()))
    }
}

impl<'a> From<String> for Arg<'a> {
    fn from(s: String) -> Arg<'a> {
        Arg(FluentValue::from(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(files: &[(&'static str, &'static str, &'static str)]) -> &'static Catalog {
        let (catalog, problems) = Catalog::build(files);
        assert!(problems.is_empty(), "{problems:?}");
        Box::leak(Box::new(catalog))
    }

    const WAITING_EN: &str = "waiting = { $count ->\n    [one] { $count } mark not yet saved\n   *[other] { $count } marks not yet saved\n}\n";
    const WAITING_FR: &str = "waiting = { $count ->\n    [one] { $count } marque en attente\n   *[other] { $count } marques en attente\n}\n";

    #[test]
    fn plurals_follow_the_language_rules_not_concatenation() {
        let c = catalog(&[("en", "a", WAITING_EN), ("fr", "a", WAITING_FR)]);
        let en = c.find("en").expect("en");
        let fr = c.find("fr").expect("fr");
        assert_eq!(
            en.message("waiting").arg("count", 1).to_string(),
            "1 mark not yet saved"
        );
        assert_eq!(
            en.message("waiting").arg("count", 0).to_string(),
            "0 marks not yet saved"
        );
        // French counts zero as singular.
        assert_eq!(
            fr.message("waiting").arg("count", 0).to_string(),
            "0 marque en attente"
        );
        assert_eq!(
            fr.message("waiting").arg("count", 3).to_string(),
            "3 marques en attente"
        );
    }

    #[test]
    fn a_script_gets_every_plural_form_with_a_placeholder() {
        let c = catalog(&[("en", "a", WAITING_EN)]);
        let en = c.find("en").expect("en");
        assert_eq!(
            en.message("waiting").plural_forms("count"),
            r#"{"one":"{count} mark not yet saved","other":"{count} marks not yet saved"}"#
        );
    }

    #[test]
    fn a_message_missing_from_a_language_falls_back_to_english() {
        let c = catalog(&[
            ("en", "a", "hello = Hello\nbye = Goodbye\n"),
            ("es", "a", "hello = Hola\n"),
        ]);
        let es = c.find("es").expect("es");
        assert_eq!(es.text("hello"), "Hola");
        assert_eq!(es.text("bye"), "Goodbye");
        assert_eq!(es.text("nowhere"), "nowhere");
    }

    #[test]
    fn direction_comes_from_the_language_tag() {
        let c = catalog(&[
            ("en", "a", "x = x\n"),
            ("ar-XB", "a", "x = x\n"),
            ("he", "a", "x = x\n"),
        ]);
        assert_eq!(c.find("en").map(|l| l.dir()), Some("ltr"));
        assert_eq!(c.find("ar-XB").map(|l| l.dir()), Some("rtl"));
        assert_eq!(c.find("he").map(|l| l.dir()), Some("rtl"));
    }

    /// The real sign-in page, as the layout gives it to every template.
    #[derive(askama::Template)]
    #[template(path = "auth/login.html")]
    struct SignInPage {
        layout: crate::web::layout::Layout,
        email: String,
        next: String,
        keep_signed_in: bool,
        error: Option<String>,
    }

    fn render_sign_in(t: Lang) -> String {
        use askama::Template;
        let layout = crate::web::layout::Layout::public(
            t,
            t.text("signin-title"),
            String::new(),
            Vec::new(),
        );
        let page = SignInPage {
            layout,
            email: String::new(),
            next: String::new(),
            keep_signed_in: false,
            error: None,
        };
        page.render().expect("the sign-in page renders")
    }

    #[test]
    fn a_right_to_left_language_added_as_files_turns_the_page_right_to_left() {
        // The shipped files plus a test-only pseudo language (tests/locales/ar-XB).
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/locales/ar-XB");
        let mut files: Vec<(&str, &str, &str)> = SHIPPED.to_vec();
        for entry in std::fs::read_dir(&dir)
            .expect("tests/locales/ar-XB")
            .flatten()
        {
            let path = entry.path();
            let area = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_owned();
            let text = std::fs::read_to_string(&path).expect("a test message file");
            files.push((
                "ar-XB",
                Box::leak(area.into_boxed_str()),
                Box::leak(text.into_boxed_str()),
            ));
        }
        let c = catalog(&files);
        let rtl = render_sign_in(c.choose(None, None, Some("ar-XB, en;q=0.5")));
        assert!(rtl.contains(r#"<html lang="ar-XB" dir="rtl">"#), "{rtl}");
        assert!(rtl.contains("\u{202e}Sign in to Homeroom\u{202c}"));
        // What the pseudo language lacks comes in English, still right to left.
        assert!(rtl.contains("Forgot your password?"));

        let ltr = render_sign_in(c.choose(None, None, Some("es")));
        assert!(ltr.contains(r#"<html lang="es" dir="ltr">"#));
        assert!(ltr.contains("Inicia sesión en Homeroom"));
    }

    #[test]
    fn a_form_may_pick_a_shipped_language_or_none_and_nothing_else() {
        assert_eq!(parse_choice("es"), Ok(Some("es")));
        assert_eq!(parse_choice(" FR "), Ok(Some("fr")));
        assert_eq!(parse_choice(""), Ok(None));
        assert_eq!(parse_choice("xx-evil"), Err(UnknownLanguage));
        assert_eq!(parse_choice("<script>"), Err(UnknownLanguage));
    }

    #[test]
    fn broken_files_are_reported_and_the_rest_still_loads() {
        let (catalog, problems) = Catalog::build(&[
            ("en", "a", "ok = Fine\nbroken = { $x\n"),
            ("not a tag!", "a", "x = y\n"),
        ]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        let c: &'static Catalog = Box::leak(Box::new(catalog));
        assert_eq!(c.find("en").map(|l| l.text("ok")).as_deref(), Some("Fine"));
    }
}
