//! Static files, built into the binary. URLs carry a content hash so browsers
//! may cache them for a year and still see a new release at once.

use std::sync::LazyLock;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

use crate::access::{Gate, Routes};

struct Asset {
    path: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

const FILES: &[Asset] = &[
    Asset {
        path: "/static/css/app.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../../static/css/app.css"),
    },
    Asset {
        path: "/static/js/htmx.min.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!(concat!(env!("OUT_DIR"), "/htmx.min.js")),
    },
    Asset {
        path: "/static/js/layout.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../static/js/layout.js"),
    },
    Asset {
        path: "/static/js/walkthrough.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../static/js/walkthrough.js"),
    },
    Asset {
        path: "/static/js/timetable.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../static/js/timetable.js"),
    },
    Asset {
        path: "/static/js/roll.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../static/js/roll.js"),
    },
    Asset {
        path: "/static/css/gradebook.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../../static/css/gradebook.css"),
    },
    Asset {
        path: "/static/js/gradebook.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../static/js/gradebook.js"),
    },
    Asset {
        path: "/static/favicon.svg",
        content_type: "image/svg+xml",
        body: include_bytes!("../../static/favicon.svg"),
    },
];

/// Versioned URLs for the layout.
pub struct Assets {
    pub css: String,
    pub htmx: String,
    pub layout_js: String,
    pub favicon: String,
    pub roll_js: String,
}

pub static ASSETS: LazyLock<Assets> = LazyLock::new(|| Assets {
    css: versioned("/static/css/app.css"),
    htmx: versioned("/static/js/htmx.min.js"),
    layout_js: versioned("/static/js/layout.js"),
    favicon: versioned("/static/favicon.svg"),
    roll_js: versioned("/static/js/roll.js"),
});

/// The address of a static file with its content hash.
pub fn versioned(path: &str) -> String {
    let body = FILES
        .iter()
        .find(|a| a.path == path)
        .map(|a| a.body)
        .unwrap_or_default();
    let digest = hex::encode(Sha256::digest(body));
    format!("{path}?v={}", &digest[..10])
}

pub fn routes(r: &mut Routes) {
    for asset in FILES {
        r.get(asset.path, Gate::Public, serve);
    }
}

async fn serve(req: HttpRequest) -> HttpResponse {
    match FILES.iter().find(|a| a.path == req.path()) {
        Some(asset) => HttpResponse::Ok()
            .content_type(asset.content_type)
            .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
            .body(asset.body),
        None => HttpResponse::NotFound().finish(),
    }
}
