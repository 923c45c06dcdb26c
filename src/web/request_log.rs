//! One log line per request: request id, method, route, status and latency.
//! The route pattern (`/students/{id}`) is logged, never the query string,
//! so searches for a student's name stay out of the logs.

use std::time::Instant;

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use tracing::Instrument;

pub async fn log_requests(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let request_id = uuid::Uuid::new_v4().simple().to_string()[..12].to_owned();
    let method = req.method().clone();
    let span = tracing::info_span!("request", id = %request_id);
    let result = next.call(req).instrument(span.clone()).await;
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    let _entered = span.enter();
    match result {
        Ok(mut res) => {
            let route = res
                .request()
                .match_pattern()
                .unwrap_or_else(|| "(unmatched)".to_owned());
            tracing::info!(
                method = %method,
                route = %route,
                status = res.status().as_u16(),
                latency_ms = format_args!("{elapsed_ms:.1}"),
            );
            if let Ok(value) = HeaderValue::from_str(&request_id) {
                res.headers_mut()
                    .insert(HeaderName::from_static("x-request-id"), value);
            }
            Ok(res)
        }
        Err(e) => {
            tracing::info!(
                method = %method,
                status = e.as_response_error().status_code().as_u16(),
                latency_ms = format_args!("{elapsed_ms:.1}"),
            );
            Err(e)
        }
    }
}
