//! Requests from htmx: which ones want a fragment instead of the whole page.

use actix_web::HttpRequest;

/// Whether htmx wants only the part it swaps; a history restore needs the whole page.
pub fn wants_fragment(req: &HttpRequest) -> bool {
    let headers = req.headers();
    headers
        .get("HX-Request")
        .is_some_and(|v| v.as_bytes() == b"true")
        && !headers.contains_key("HX-History-Restore-Request")
}
