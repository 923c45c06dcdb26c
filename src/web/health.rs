//! `GET /health` for load balancers and monitoring: 200 when the database answers,
//! 503 otherwise, with `"database": "restarting"` while Homeroom brings its managed
//! database back.

use std::time::Duration;

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use diesel::prelude::*;

use crate::access::{Gate, Routes};
use crate::db::DatabaseState;
use crate::state::AppState;
use crate::web::error::RETRY_AFTER_SECONDS;

pub fn routes(r: &mut Routes) {
    r.get("/health", Gate::Public, health);
}

async fn health(state: web::Data<AppState>) -> HttpResponse {
    let database = match state.pool.status().state() {
        DatabaseState::Restarting(_) => "restarting",
        DatabaseState::Up | DatabaseState::Unreachable => {
            let pool = state.pool.clone();
            let check = web::block(move || -> bool {
                pool.get_timeout(Duration::from_secs(2))
                    .ok()
                    .is_some_and(|mut conn| {
                        diesel::sql_query("SELECT 1").execute(&mut conn).is_ok()
                    })
            });
            match actix_web::rt::time::timeout(Duration::from_secs(3), check).await {
                Ok(Ok(true)) => "ok",
                _ => "unavailable",
            }
        }
    };
    if database == "ok" {
        return HttpResponse::Ok()
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .json(serde_json::json!({"status": "ok", "database": "ok"}));
    }
    HttpResponse::ServiceUnavailable()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::RETRY_AFTER, RETRY_AFTER_SECONDS.to_string()))
        .json(serde_json::json!({"status": "unavailable", "database": database}))
}
