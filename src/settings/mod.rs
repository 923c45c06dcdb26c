//! `/settings`: a school's administrators (UPDATE_ORGANIZATIONS) set their own
//! school's name, logo, colour, mail sender, time zone, currency, language, week,
//! school-day start per campus and the names of the walkthrough areas. Each section
//! is a form of its own: a refused value comes back with its message beside it and
//! nothing stored changes. The organizations' audit trail records every change with
//! who made it.
//!
//! The branding shows everywhere through [`Brand`]: the layout's header (logo, name,
//! and a stylesheet setting `--brand` from the school's colour: no inline style, the
//! CSP allows only this site's stylesheets), the sign-in page of a one-school install,
//! and the school's mail (`crate::mail`: its sender name, its reply-to address).

pub mod queries;
mod routes;
pub mod rules;

pub use crate::web::brand::{Brand, logo_url};
pub use routes::routes;

/// The names a school gave its walkthrough areas, by area key (`vibes`); an area
/// without one reads Homeroom's own name.
pub fn area_names(settings: &serde_json::Value) -> Vec<(String, String)> {
    settings
        .get(AREAS_KEY)
        .and_then(serde_json::Value::as_object)
        .map(|names| {
            names
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default()
}

/// Where the area names live in `organizations.settings`.
const AREAS_KEY: &str = "walkthrough_areas";
