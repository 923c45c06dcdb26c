//! Two-step sign-in with time-based codes (TOTP, RFC 6238) and single-use recovery
//! codes. The secret is kept in `users.mfa_totp_secret`; recovery codes only as hashes.

use diesel::PgJsonbExpressionMethods;
use diesel::prelude::*;
use rand::Rng;
use totp_rs::{Builder, Secret, Totp};
use uuid::Uuid;

use super::session::hash_key;
use crate::db::schema::users;

pub const RECOVERY_CODES: usize = 10;
const ISSUER: &str = "Homeroom";

fn totp(secret_base32: &str, account: &str) -> Option<Totp> {
    let secret = Secret::try_from_base32(secret_base32).ok()?;
    // The otpauth address separates issuer and account with a colon.
    Builder::new()
        .with_secret(secret)
        .with_issuer(Some(ISSUER))
        .with_account_name(account.replace(':', ""))
        .build()
        .ok()
}

/// A fresh 160-bit secret, base32 as authenticator apps expect it.
pub fn new_secret() -> String {
    Secret::generate().to_base32()
}

/// The QR code of the secret as an inline PNG for an `img` element.
pub fn qr_data_uri(secret_base32: &str, account: &str) -> Option<String> {
    let png = totp(secret_base32, account)?.to_qr_base64().ok()?;
    Some(format!("data:image/png;base64,{png}"))
}

/// The secret grouped in fours, easier to type into an app by hand.
pub fn secret_for_typing(secret_base32: &str) -> String {
    secret_base32
        .as_bytes()
        .chunks(4)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The time step a six-digit code matches, if any.
fn matching_step(secret_base32: &str, code: &str) -> Option<i64> {
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let step = totp(secret_base32, "")?.check_current(&digits)?;
    i64::try_from(step).ok()
}

/// Ten codes to keep on paper, and the hashes to store.
pub fn recovery_codes() -> (Vec<String>, Vec<String>) {
    // 16 characters of 32 (80 bits): a stored hash of one cannot be reversed by search.
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    let codes: Vec<String> = (0..RECOVERY_CODES)
        .map(|_| {
            let raw: String = (0..16)
                .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
                .collect();
            format!(
                "{}-{}-{}-{}",
                &raw[0..4],
                &raw[4..8],
                &raw[8..12],
                &raw[12..16]
            )
        })
        .collect();
    let hashes = codes.iter().map(|c| hash_recovery_code(c)).collect();
    (codes, hashes)
}

fn hash_recovery_code(code: &str) -> String {
    let normal: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    hash_key(&normal)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeCheck {
    Totp,
    RecoveryCode,
    Wrong,
}

/// Checks a code of a user with two-step sign-in: a current TOTP code not used
/// before, or a recovery code, which is spent. Each is accepted once.
pub fn check_code(conn: &mut PgConnection, user_id: Uuid, code: &str) -> QueryResult<CodeCheck> {
    conn.transaction(|conn| {
        let (secret, last_step): (Option<String>, Option<i64>) = users::table
            .find(user_id)
            .filter(users::mfa_enabled.eq(true))
            .select((users::mfa_totp_secret, users::mfa_totp_last_step))
            .for_update()
            .first(conn)
            .optional()?
            .unwrap_or((None, None));
        let Some(secret) = secret else {
            return Ok(CodeCheck::Wrong);
        };
        if let Some(step) = matching_step(&secret, code) {
            if last_step.is_some_and(|last| step <= last) {
                return Ok(CodeCheck::Wrong);
            }
            diesel::update(users::table.find(user_id))
                .set(users::mfa_totp_last_step.eq(step))
                .execute(conn)?;
            return Ok(CodeCheck::Totp);
        }
        let hash = hash_recovery_code(code);
        let spent = diesel::update(
            users::table
                .find(user_id)
                .filter(users::mfa_recovery_codes.has_key(&hash)),
        )
        .set(users::mfa_recovery_codes.eq(users::mfa_recovery_codes.remove(hash.clone())))
        .execute(conn)?;
        Ok(if spent == 1 {
            CodeCheck::RecoveryCode
        } else {
            CodeCheck::Wrong
        })
    })
}

/// The secret being set up: the one shown before (so a reload does not break a
/// scan already made), or a new one. `None` when two-step sign-in is already on.
pub fn secret_for_enrolment(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Option<String>> {
    conn.transaction(|conn| {
        let (enabled, secret): (bool, Option<String>) = users::table
            .find(user_id)
            .select((users::mfa_enabled, users::mfa_totp_secret))
            .for_update()
            .first(conn)?;
        if enabled {
            return Ok(None);
        }
        if let Some(secret) = secret.filter(|s| Secret::try_from_base32(s).is_ok()) {
            return Ok(Some(secret));
        }
        let secret = new_secret();
        diesel::update(users::table.find(user_id))
            .set(users::mfa_totp_secret.eq(&secret))
            .execute(conn)?;
        Ok(Some(secret))
    })
}

/// Turns two-step sign-in on when `code` matches the secret being set up; returns
/// the recovery codes to show once.
pub fn confirm_enrolment(
    conn: &mut PgConnection,
    user_id: Uuid,
    code: &str,
) -> QueryResult<Option<Vec<String>>> {
    conn.transaction(|conn| {
        let secret: Option<String> = users::table
            .find(user_id)
            .filter(users::mfa_enabled.eq(false))
            .select(users::mfa_totp_secret)
            .for_update()
            .first(conn)
            .optional()?
            .flatten();
        let Some(step) = secret.and_then(|s| matching_step(&s, code)) else {
            return Ok(None);
        };
        let (codes, hashes) = recovery_codes();
        diesel::update(users::table.find(user_id))
            .set((
                users::mfa_enabled.eq(true),
                users::mfa_totp_last_step.eq(step),
                users::mfa_recovery_codes.eq(serde_json::json!(hashes)),
            ))
            .execute(conn)?;
        Ok(Some(codes))
    })
}

/// Turns two-step sign-in off and forgets the secret and the recovery codes.
pub fn disable(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set((
            users::mfa_enabled.eq(false),
            users::mfa_totp_secret.eq(None::<String>),
            users::mfa_totp_last_step.eq(None::<i64>),
            users::mfa_recovery_codes.eq(serde_json::json!([])),
        ))
        .execute(conn)
        .map(|_| ())
}

/// How many recovery codes the user has left.
pub fn recovery_codes_left(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<usize> {
    let codes: serde_json::Value = users::table
        .find(user_id)
        .select(users::mfa_recovery_codes)
        .first(conn)?;
    Ok(codes.as_array().map_or(0, Vec::len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_code_of_a_secret_matches_and_others_do_not() {
        let secret = new_secret();
        let code = totp(&secret, "teacher@school.example")
            .expect("totp")
            .generate_current()
            .to_string();
        assert!(matching_step(&secret, &code).is_some());
        assert!(matching_step(&secret, &format!("{} {}", &code[..3], &code[3..])).is_some());
        assert!(matching_step(&secret, "12345").is_none());
        assert!(matching_step(&secret, "abcdef").is_none());
    }

    #[test]
    fn recovery_codes_are_distinct_and_hashed_however_typed() {
        let (codes, hashes) = recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let unique: std::collections::BTreeSet<_> = hashes.iter().collect();
        assert_eq!(unique.len(), RECOVERY_CODES);
        assert_eq!(hash_recovery_code(&codes[0].to_uppercase()), hashes[0]);
        assert_eq!(hash_recovery_code(&codes[0].replace('-', " ")), hashes[0]);
    }

    #[test]
    fn a_qr_code_is_an_inline_png() {
        let uri = qr_data_uri(&new_secret(), "teacher@school.example").expect("qr");
        assert!(uri.starts_with("data:image/png;base64,"));
    }
}
