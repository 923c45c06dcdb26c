//! Where a form or link may send the browser next (`next`, `return_to`, `back`):
//! only a path on this site. The target is parsed as a URL against a placeholder
//! origin, never pattern-matched, so encoded and malformed forms that a browser
//! would read as another site are refused.

use percent_encoding::percent_decode_str;
use url::{Position, Url};

/// The origin targets are resolved against; any other origin after parsing is refused.
const HERE: &str = "http://homeroom.invalid/";

/// Longer targets are not bookmarks anyone made.
const MAX_LENGTH: usize = 2048;

/// The target as a normalized path (with its query) that is safe to put in a
/// `Location` header, when it is a relative path on this site; `None` otherwise.
///
/// Refused: absolute and protocol-relative forms (`https:`, `javascript:`, `//x`),
/// backslashes, and control characters (C0, DEL, C1) whether typed or
/// percent-encoded (`/%09/x`, `/%2F/x`, `/\x`).
pub fn local_target(target: &str) -> Option<String> {
    if target.is_empty() || target.len() > MAX_LENGTH || !target.starts_with('/') {
        return None;
    }
    if !allowed(target) {
        return None;
    }
    // Browsers decode some escapes before they resolve a path; judge the decoded form too.
    let decoded = percent_decode_str(target).decode_utf8_lossy();
    if !allowed(&decoded) {
        return None;
    }
    let here = Url::parse(HERE).ok()?;
    let resolved = here.join(target).ok()?;
    if resolved.origin() != here.origin()
        || !resolved.username().is_empty()
        || resolved.password().is_some()
    {
        return None;
    }
    // Path and query, without the fragment (which browsers keep on their own).
    let normalized = &resolved[Position::BeforePath..Position::AfterQuery];
    // Dot segments can collapse `/.//x` into `//x`; refuse what parsing made protocol-relative.
    if !allowed(normalized) {
        return None;
    }
    Some(normalized.to_owned())
}

/// Starts with one slash, and holds no backslash or control character.
fn allowed(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::local_target;

    #[test]
    fn paths_on_this_site_are_kept_with_their_query() {
        assert_eq!(local_target("/").as_deref(), Some("/"));
        assert_eq!(
            local_target("/students?page=2&q=ann").as_deref(),
            Some("/students?page=2&q=ann")
        );
        assert_eq!(
            local_target("/?from=bookmark").as_deref(),
            Some("/?from=bookmark")
        );
        assert_eq!(
            local_target("/students/1/edit#notes").as_deref(),
            Some("/students/1/edit")
        );
    }

    #[test]
    fn what_a_browser_would_read_as_another_site_is_refused() {
        for target in [
            "//evil.example/",
            "///evil.example/",
            "/\\evil.example",
            "\\\\evil.example",
            "/%09/evil.example",
            "/%2F/evil.example",
            "/%2f/evil.example",
            "/%5Cevil.example",
            "/%5C/evil.example",
            "/.//evil.example",
            "/a/..//evil.example",
            "https://evil.example/",
            "http:evil.example",
            "javascript:alert(1)",
            "evil.example",
            "",
        ] {
            assert_eq!(local_target(target), None, "{target:?}");
        }
    }

    #[test]
    fn control_characters_typed_or_encoded_are_refused() {
        for target in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/x\r\nSet-Cookie: a=b",
            "/\u{0B}/evil.example",
            "/\u{0C}/evil.example",
            "/\0",
            "/\u{7F}",
            "/\u{85}",
            "/\u{9B}x",
            "/%0A/evil.example",
            "/%0d%0aSet-Cookie:%20a=b",
            "/%0B",
            "/%0C",
            "/%00",
            "/%7F",
            "/%C2%85",
            "/students?q=%0A",
        ] {
            assert_eq!(local_target(target), None, "{target:?}");
        }
    }

    #[test]
    fn a_kept_target_is_a_valid_header_value() {
        let kept = local_target("/students?q=Zoë Müller&x=\"<>").expect("a local path");
        assert!(kept.is_ascii(), "{kept}");
        assert!(actix_web::http::header::HeaderValue::from_str(&kept).is_ok());
        assert_eq!(kept, "/students?q=Zo%C3%AB%20M%C3%BCller&x=%22%3C%3E");
    }

    #[test]
    fn overlong_targets_are_refused() {
        assert_eq!(local_target(&format!("/{}", "a".repeat(3000))), None);
    }
}
