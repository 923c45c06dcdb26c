//! Password hashing with argon2id.

use std::sync::LazyLock;

use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::i18n::{Lang, msg};

/// argon2id at OWASP's recommended minimum: 19 MiB of memory, 2 passes, 1 lane.
const MEMORY_KIB: u32 = 19 * 1024;
const PASSES: u32 = 2;
const LANES: u32 = 1;

pub const MIN_LENGTH: usize = 10;

fn argon2() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, PASSES, LANES, None)
        .expect("argon2 parameters are valid constants");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

/// Compared against when the account does not exist, so a wrong e-mail costs
/// the same time as a wrong password.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash("not a real password, only spends time").unwrap_or_default());

/// Whether `password` matches `stored`; with no stored hash, spends the same time and fails.
pub fn verify(stored: Option<&str>, password: &str) -> bool {
    let (phc, real) = match stored {
        Some(s) => (s, true),
        None => (DUMMY_HASH.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let ok = argon2()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    ok && real
}

/// The rules a new password must meet, as a message for the form: long enough,
/// and not guessable (zxcvbn's dictionaries of common passwords, names and patterns).
pub fn check_new(password: &str) -> Result<(), String> {
    check_new_in(Lang::default(), password)
}

/// [`check_new`] with its message in the reader's language, the guessing library's
/// advice included.
pub fn check_new_in(t: Lang, password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_LENGTH {
        return Err(t
            .message(msg("password-too-short"))
            .arg("min", MIN_LENGTH)
            .to_string());
    }
    if password.len() > 1024 {
        return Err(t
            .message(msg("password-too-long"))
            .arg("max", 1024)
            .to_string());
    }
    // zxcvbn's matching grows quickly with length; the first 100 characters decide.
    let judged: String = password.chars().take(100).collect();
    let estimate = zxcvbn::zxcvbn(&judged, &["homeroom", "school"]);
    if estimate.score() >= zxcvbn::Score::Three {
        return Ok(());
    }
    let mut message = t.text(msg("password-guessable"));
    if let Some(feedback) = estimate.feedback() {
        let advice = feedback.warning().map(warning_id).into_iter();
        for id in advice.chain(feedback.suggestions().iter().copied().map(suggestion_id)) {
            message.push(' ');
            message.push_str(&t.text(id));
        }
    }
    Err(message)
}

/// The message that says a guessing library's warning in the reader's language.
fn warning_id(warning: zxcvbn::feedback::Warning) -> &'static str {
    use zxcvbn::feedback::Warning as W;
    match warning {
        W::StraightRowsOfKeysAreEasyToGuess => msg("password-advice-key-rows"),
        W::ShortKeyboardPatternsAreEasyToGuess => msg("password-advice-key-patterns"),
        W::RepeatsLikeAaaAreEasyToGuess => msg("password-advice-repeats"),
        W::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => msg("password-advice-repeated-runs"),
        W::ThisIsATop10Password => msg("password-advice-top-10"),
        W::ThisIsATop100Password => msg("password-advice-top-100"),
        W::ThisIsACommonPassword => msg("password-advice-common"),
        W::ThisIsSimilarToACommonlyUsedPassword => msg("password-advice-similar"),
        W::SequencesLikeAbcAreEasyToGuess => msg("password-advice-sequences"),
        W::RecentYearsAreEasyToGuess => msg("password-advice-recent-years"),
        W::AWordByItselfIsEasyToGuess => msg("password-advice-one-word"),
        W::DatesAreOftenEasyToGuess => msg("password-advice-dates"),
        W::NamesAndSurnamesByThemselvesAreEasyToGuess => msg("password-advice-names"),
        W::CommonNamesAndSurnamesAreEasyToGuess => msg("password-advice-common-names"),
    }
}

/// The message that says a guessing library's suggestion in the reader's language.
fn suggestion_id(suggestion: zxcvbn::feedback::Suggestion) -> &'static str {
    use zxcvbn::feedback::Suggestion as S;
    match suggestion {
        S::UseAFewWordsAvoidCommonPhrases => msg("password-advice-use-words"),
        S::NoNeedForSymbolsDigitsOrUppercaseLetters => msg("password-advice-no-symbols-needed"),
        S::AddAnotherWordOrTwo => msg("password-advice-add-words"),
        S::CapitalizationDoesntHelpVeryMuch => msg("password-advice-capitals"),
        S::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase => msg("password-advice-all-capitals"),
        S::ReversedWordsArentMuchHarderToGuess => msg("password-advice-reversed"),
        S::PredictableSubstitutionsDontHelpVeryMuch => msg("password-advice-substitutions"),
        S::UseALongerKeyboardPatternWithMoreTurns => msg("password-advice-longer-pattern"),
        S::AvoidRepeatedWordsAndCharacters => msg("password-advice-avoid-repeats"),
        S::AvoidSequences => msg("password-advice-avoid-sequences"),
        S::AvoidRecentYears => msg("password-advice-avoid-recent-years"),
        S::AvoidYearsThatAreAssociatedWithYou => msg("password-advice-avoid-your-years"),
        S::AvoidDatesAndYearsThatAreAssociatedWithYou => msg("password-advice-avoid-your-dates"),
    }
}

/// A new password typed twice, as forms ask for it: a message for each field that is wrong.
#[derive(Debug, Default)]
pub struct NewPasswordErrors {
    pub password: Option<String>,
    pub again: Option<String>,
}

impl NewPasswordErrors {
    pub fn any(&self) -> bool {
        self.password.is_some() || self.again.is_some()
    }
}

/// `check_new`, and that the second typing is the same as the first.
pub fn check_new_typed_twice(t: Lang, password: &str, again: &str) -> NewPasswordErrors {
    let rules = check_new_in(t, password).err();
    let mismatch = rules.is_none() && password != again;
    NewPasswordErrors {
        password: rules,
        again: mismatch.then(|| t.text(msg("password-mismatch"))),
    }
}

/// A new password as a form sent it: the messages for the form, and its hash when
/// there is none (hashed before any connection is taken, as hashing is slow).
pub struct NewPassword {
    pub errors: NewPasswordErrors,
    pub hash: Option<String>,
}

impl NewPassword {
    pub fn typed_twice(t: Lang, password: &str, again: &str) -> anyhow::Result<NewPassword> {
        let errors = check_new_typed_twice(t, password, again);
        let hash = if errors.any() {
            None
        } else {
            Some(hash(password)?)
        };
        Ok(NewPassword { errors, hash })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guessable_password_is_explained_with_advice_in_the_readers_language() {
        let english = check_new_in(Lang::default(), "password123").expect_err("guessable");
        assert!(english.starts_with("This password is too easy to guess. "));
        assert!(
            english.contains("This is a very common password."),
            "{english}"
        );

        let spanish = check_new_in(crate::i18n::choose(Some("es"), None, None), "password123")
            .expect_err("guessable");
        assert!(spanish.starts_with("Esta contraseña es demasiado fácil de adivinar. "));
        assert!(
            spanish.contains("Es una contraseña muy común."),
            "{spanish}"
        );
        assert!(!spanish.contains("password."), "{spanish}");

        let french = check_new_in(crate::i18n::choose(Some("fr"), None, None), "qwertyuiop")
            .expect_err("guessable");
        assert!(
            french.contains("Ce mot de passe est trop facile à deviner."),
            "{french}"
        );
        assert!(!french.contains("easy to guess"), "{french}");
    }

    #[test]
    fn only_a_new_password_without_messages_is_hashed() {
        let good = NewPassword::typed_twice(
            Lang::default(),
            "violet tractor harbour 42",
            "violet tractor harbour 42",
        )
        .expect("hash");
        assert!(!good.errors.any());
        assert!(verify(good.hash.as_deref(), "violet tractor harbour 42"));

        let mismatch = NewPassword::typed_twice(
            Lang::default(),
            "violet tractor harbour 42",
            "violet tractor",
        )
        .expect("no hash needed");
        assert!(mismatch.errors.again.is_some());
        assert_eq!(mismatch.hash, None);

        let short =
            NewPassword::typed_twice(Lang::default(), "short", "short").expect("no hash needed");
        assert!(short.errors.password.is_some());
        assert_eq!(short.hash, None);
    }

    #[test]
    fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let h = hash("correct horse battery").expect("hash");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify(Some(&h), "correct horse battery"));
        assert!(!verify(Some(&h), "correct horse battery!"));
        assert!(!verify(None, "correct horse battery"));
    }

    #[test]
    fn short_passwords_are_refused_with_a_reason() {
        assert_eq!(
            check_new("short").unwrap_err(),
            "Use at least 10 characters."
        );
        assert!(check_new("violet tractor harbour 42").is_ok());
    }

    #[test]
    fn common_passwords_are_refused_with_advice() {
        for common in ["password123", "qwertyuiop", "1234567890", "homeroom2026"] {
            let message = check_new(common).unwrap_err();
            assert!(
                message.starts_with("This password is too easy to guess."),
                "{common}: {message}"
            );
        }
    }

    /// Prints what one hash costs; run with `--release -- --nocapture` to measure.
    #[test]
    fn hash_time_is_measured() {
        let runs = 5;
        let started = std::time::Instant::now();
        for _ in 0..runs {
            hash("violet tractor harbour 42").expect("hash");
        }
        let each = started.elapsed() / runs;
        println!("argon2id m={MEMORY_KIB} KiB, t={PASSES}, p={LANES}: {each:?} per hash");
    }
}
