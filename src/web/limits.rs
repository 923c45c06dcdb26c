//! Requests larger than any page of Homeroom needs are refused before any work, with
//! the status that says why and the site's error page: an address (path and query)
//! over `MAX_URI_BYTES` answers 414, headers over `MAX_HEADER_BYTES` together answer
//! 431. Longer still, actix-web refuses on its own: an address over 64 KiB with a
//! bare 400, a request head over 128 KiB with a bare 431.

use actix_web::Error;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::HeaderMap;
use actix_web::middleware::Next;

use super::error::error_page;
use crate::i18n::msg;

/// The longest address served: links and bookmarks of Homeroom stay far below it.
pub const MAX_URI_BYTES: usize = 8 * 1024;

/// The most header bytes (names, values and their separators) a request may carry:
/// room for the session and flash cookies and a browser's usual headers.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Why a request is too large to serve, if it is.
#[derive(Debug, PartialEq, Eq)]
pub enum TooLarge {
    Uri,
    Headers,
}

impl TooLarge {
    pub fn status(&self) -> StatusCode {
        match self {
            TooLarge::Uri => StatusCode::URI_TOO_LONG,
            TooLarge::Headers => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
        }
    }

    fn explain(&self) -> (&'static str, &'static str) {
        match self {
            TooLarge::Uri => (msg("error-uri-too-long-title"), msg("error-uri-too-long")),
            TooLarge::Headers => (
                msg("error-headers-too-large-title"),
                msg("error-headers-too-large"),
            ),
        }
    }
}

/// Header bytes as they were sent: `name: value\r\n` for each.
fn header_bytes(headers: &HeaderMap) -> usize {
    headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum()
}

/// What is too large about a request with this address length and these headers.
pub fn too_large(uri_bytes: usize, headers: &HeaderMap) -> Option<TooLarge> {
    if uri_bytes > MAX_URI_BYTES {
        Some(TooLarge::Uri)
    } else if header_bytes(headers) > MAX_HEADER_BYTES {
        Some(TooLarge::Headers)
    } else {
        None
    }
}

/// Answers an oversized request with its error page; passes any other on.
pub async fn refuse_oversized(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let uri_bytes = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if let Some(refused) = too_large(uri_bytes, req.headers()) {
        let (title, message) = refused.explain();
        let t = super::layout::lang_of(req.request());
        let response = error_page(t, refused.status(), &t.text(title), &t.text(message));
        return Ok(req.into_response(response).map_into_right_body());
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn headers(value_bytes: usize) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(
            HeaderName::from_static("cookie"),
            HeaderValue::from_str(&"c".repeat(value_bytes)).expect("a header value"),
        );
        map
    }

    #[test]
    fn an_address_up_to_eight_kilobytes_and_ordinary_headers_pass() {
        assert_eq!(too_large(MAX_URI_BYTES, &headers(4000)), None);
    }

    #[test]
    fn a_longer_address_is_414_and_longer_headers_431() {
        assert_eq!(
            too_large(MAX_URI_BYTES + 1, &headers(10)),
            Some(TooLarge::Uri)
        );
        assert_eq!(
            too_large(20, &headers(MAX_HEADER_BYTES)),
            Some(TooLarge::Headers)
        );
        assert_eq!(TooLarge::Uri.status().as_u16(), 414);
        assert_eq!(TooLarge::Headers.status().as_u16(), 431);
    }
}
