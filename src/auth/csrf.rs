//! CSRF tokens. Signed-in requests carry the session's token; the sign-in form
//! uses a random token in its own cookie (double submit).

use actix_web::HttpRequest;
use actix_web::cookie::{Cookie, SameSite};

pub const HEADER: &str = "X-CSRF-Token";
pub const FIELD: &str = "csrf_token";
const COOKIE: &str = "homeroom_csrf";

pub fn cookie_token(req: &HttpRequest) -> Option<String> {
    req.cookie(COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
}

/// The pre-sign-in token, reusing the browser's cookie when it has one.
pub fn public_token(req: &HttpRequest, secure: bool) -> (String, Option<Cookie<'static>>) {
    if let Some(token) = cookie_token(req) {
        return (token, None);
    }
    let token = super::session::random_key();
    let cookie = Cookie::build(COOKIE, token.clone())
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .finish();
    (token, Some(cookie))
}

/// Constant-time comparison; a missing token on either side never matches.
pub fn matches(expected: Option<&str>, presented: Option<&str>) -> bool {
    match (expected, presented) {
        (Some(e), Some(p)) if !e.is_empty() && e.len() == p.len() => {
            e.bytes()
                .zip(p.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
        }
        _ => false,
    }
}

/// The `csrf_token` value of a url-encoded body.
pub fn form_field(body: &[u8]) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find_map(|(k, v)| (k == FIELD).then_some(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_read_from_a_form_body() {
        assert_eq!(
            form_field(b"email=a%40b.test&csrf_token=abc123&x=1").as_deref(),
            Some("abc123")
        );
        assert_eq!(form_field(b"email=a%40b.test"), None);
        assert_eq!(
            form_field(b"x=1&csrf_token=a%2Bb+c").as_deref(),
            Some("a+b c")
        );
    }

    #[test]
    fn tokens_match_only_when_equal_and_present() {
        assert!(matches(Some("abc"), Some("abc")));
        assert!(!matches(Some("abc"), Some("abd")));
        assert!(!matches(Some("abc"), None));
        assert!(!matches(None, Some("abc")));
        assert!(!matches(Some(""), Some("")));
    }
}
