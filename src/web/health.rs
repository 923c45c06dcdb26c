//! `GET /health` for load balancers and monitoring.

use std::time::Duration;

use actix_web::{HttpResponse, web};
use diesel::prelude::*;

use crate::access::{Gate, Routes};
use crate::startup::AppState;

pub fn routes(r: &mut Routes) {
    r.get("/health", Gate::Public, health);
}

async fn health(state: web::Data<AppState>) -> HttpResponse {
    let pool = state.pool.clone();
    let check = web::block(move || -> bool {
        pool.get_timeout(Duration::from_secs(2))
            .ok()
            .is_some_and(|mut conn| diesel::sql_query("SELECT 1").execute(&mut conn).is_ok())
    });
    let database_ok = matches!(
        actix_web::rt::time::timeout(Duration::from_secs(3), check).await,
        Ok(Ok(true))
    );
    let mut response = if database_ok {
        HttpResponse::Ok()
    } else {
        HttpResponse::ServiceUnavailable()
    };
    response
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(serde_json::json!({
            "status": if database_ok { "ok" } else { "unavailable" },
            "database": if database_ok { "ok" } else { "unavailable" },
        }))
}
