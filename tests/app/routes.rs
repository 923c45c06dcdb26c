//! Walks the route registry: a new route cannot escape these checks.

use homeroom::access::Gate;
use homeroom::startup::route_table;

use crate::common::spawn_app;

const PUBLIC_PATHS: &[&str] = &[
    "/login",
    "/login/mfa",
    "/password/forgot",
    "/password/set/{token}",
    "/health",
];

fn concrete(path: &str) -> String {
    // Any `{param}` becomes a well-formed id that exists nowhere.
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find('}')
            .map_or(rest.len(), |e| start + e + 1);
        out.push_str("00000000-0000-4000-8000-000000000000");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn only_sign_in_health_and_static_files_are_public() {
    for route in route_table() {
        if route.gate == Gate::Public {
            assert!(
                PUBLIC_PATHS.contains(&route.path) || route.path.starts_with("/static/"),
                "{} {} is public but not on the public list",
                route.method,
                route.path
            );
        }
    }
}

#[actix_web::test]
async fn every_gated_route_sends_signed_out_visitors_to_sign_in() {
    let app = spawn_app().await;
    let client = app.client();
    for route in route_table().into_iter().filter(|r| r.gate != Gate::Public) {
        let url = app.url(&concrete(route.path));
        let response = client
            .request(
                reqwest::Method::from_bytes(route.method.as_str().as_bytes()).expect("method"),
                &url,
            )
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 303, "{} {}", route.method, route.path);
        let location = response.headers()["location"].to_str().expect("location");
        assert!(
            location.starts_with("/login"),
            "{} {} → {location}",
            route.method,
            route.path
        );
    }
}
