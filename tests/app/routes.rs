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
    // A teacher's lessons feed: its secret link is the key (src/feeds).
    "/timetable/feed/{file}",
    // A user's calendar feed: its secret link is the key (src/feeds).
    "/calendar/feed/{file}",
];

/// The path with a well-formed id that exists nowhere.
fn concrete(path: &str) -> String {
    crate::common::fill_path(path, "00000000-0000-4000-8000-000000000000")
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

use diesel::prelude::*;
use diesel::sql_types::Text;
use homeroom::access::Permission;

use crate::common::fixtures::{RoleBuilder, UserBuilder};
use crate::common::{DemoUser, TestApp, csrf_token};

fn reqwest_method(route: &homeroom::access::RouteInfo) -> reqwest::Method {
    reqwest::Method::from_bytes(route.method.as_str().as_bytes()).expect("method")
}

fn is_unsafe(route: &homeroom::access::RouteInfo) -> bool {
    !matches!(route.method.as_str(), "GET" | "HEAD" | "OPTIONS")
}

/// The CSRF token of a signed-in client, from the sign-out form every page has.
async fn session_token(app: &TestApp, client: &reqwest::Client) -> String {
    let page = app.get(client, "/").await.text().await.expect("dashboard");
    csrf_token(&page).expect("the page carries the session's token")
}

/// A Northwind user whose role holds no permission at all.
async fn user_without_permissions(app: &TestApp) -> reqwest::Client {
    {
        let mut conn = app.conn();
        let northwind = crate::common::organization_id(&mut conn, "Northwind Academy");
        let role = RoleBuilder::new("Visitor").insert(&mut conn);
        UserBuilder::new("visitor@northwind.test")
            .in_organization(northwind)
            .with_role(role)
            .password("nothing-allowed-here")
            .insert(&mut conn);
    }
    let client = app.client();
    let response = app
        .sign_in(&client, "visitor@northwind.test", "nothing-allowed-here")
        .await;
    assert_eq!(response.status(), 303);
    client
}

#[actix_web::test]
async fn every_permission_gated_route_refuses_a_user_without_that_permission() {
    let app = spawn_app().await;
    let visitor = user_without_permissions(&app).await;
    let token = session_token(&app, &visitor).await;
    let mut checked = 0;
    for route in route_table() {
        let Gate::Requires(permission) = route.gate else {
            continue;
        };
        let response = visitor
            .request(reqwest_method(&route), app.url(&concrete(route.path)))
            .header("X-CSRF-Token", &token)
            .send()
            .await
            .expect("request");
        assert_eq!(
            response.status(),
            403,
            "{} {} needs {}",
            route.method,
            route.path,
            Permission::name(permission)
        );
        checked += 1;
    }
    assert!(checked > 0, "the sweep found permission-gated routes");
}

#[derive(QueryableByName)]
struct Digest {
    #[diesel(sql_type = Text)]
    digest: String,
}

/// A digest of everything stored, except when sessions were last seen (which
/// any request may touch).
fn database_digest(conn: &mut PgConnection) -> String {
    #[derive(QueryableByName)]
    struct Table {
        #[diesel(sql_type = Text)]
        name: String,
    }
    let tables: Vec<Table> = diesel::sql_query(
        "SELECT table_name::text AS name FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    )
    .load(conn)
    .expect("tables");
    tables
        .into_iter()
        .map(|Table { name }| {
            let rows = if name == "auth_refresh_tokens" {
                "(t.id, t.organization_id, t.revoked_at, t.expires_at, t.token_hash)::text".to_owned()
            } else {
                "t::text".to_owned()
            };
            let sql = format!(
                "SELECT coalesce(md5(string_agg({rows}, '|' ORDER BY {rows})), '') AS digest FROM {name} t"
            );
            let d: Digest = diesel::sql_query(sql).get_result(conn).expect("digest");
            format!("{name}:{}", d.digest)
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[actix_web::test]
async fn every_unsafe_route_refuses_a_request_without_the_csrf_token() {
    let app = spawn_app().await;
    let root = app.signed_in(DemoUser::Root).await;
    let before = database_digest(&mut app.conn());
    let mut checked = 0;
    for route in route_table().into_iter().filter(is_unsafe) {
        let client = if route.gate == Gate::Public {
            app.client()
        } else {
            root.clone()
        };
        if route.gate == Gate::Public {
            // A visitor who has the sign-in form's cookie but sends no token.
            app.get(&client, "/login").await;
        }
        let response = client
            .request(reqwest_method(&route), app.url(&concrete(route.path)))
            .form(&[
                ("email", "teacher@northwind.test"),
                ("password", "homeroom-demo"),
            ])
            .send()
            .await
            .expect("request");
        assert_eq!(
            response.status(),
            403,
            "{} {} without a token",
            route.method,
            route.path
        );
        let wrong = client
            .request(reqwest_method(&route), app.url(&concrete(route.path)))
            .header("X-CSRF-Token", "0".repeat(64))
            .send()
            .await
            .expect("request");
        assert_eq!(
            wrong.status(),
            403,
            "{} {} with a wrong token",
            route.method,
            route.path
        );
        checked += 1;
    }
    assert!(checked > 0, "the sweep found unsafe routes");
    assert_eq!(
        before,
        database_digest(&mut app.conn()),
        "refused requests changed nothing"
    );
    assert_eq!(
        app.get(&root, "/").await.status(),
        200,
        "the session survived the sweep"
    );
}

#[derive(QueryableByName)]
struct RowId {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: uuid::Uuid,
}

/// The table a route's `{id}` names: the path segment before it (`/admin/users/{id}` → users).
fn table_of(path: &str) -> Option<String> {
    let before = &path[..path.find('{')?];
    before
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .map(|s| s.replace('-', "_"))
}

/// The fields a browser would send with the form posting to `action` on `page`:
/// named inputs (checked boxes only), the selected option of each select, textareas.
async fn form_fields(
    app: &TestApp,
    client: &reqwest::Client,
    page: &str,
    action: &str,
) -> Vec<(String, String)> {
    let html = app.get(client, page).await.text().await.expect("page");
    let doc = scraper::Html::parse_document(&html);
    let form_selector = scraper::Selector::parse("form").expect("selector");
    let field_selector =
        scraper::Selector::parse("input[name], select[name], textarea[name]").expect("selector");
    let Some(form) = doc
        .select(&form_selector)
        .find(|f| f.value().attr("action") == Some(action))
    else {
        return Vec::new();
    };
    let mut fields = Vec::new();
    for field in form.select(&field_selector) {
        let el = field.value();
        let name = el.attr("name").unwrap_or_default().to_owned();
        let value = match el.name() {
            "select" => crate::common::chosen_option(field),
            "textarea" => field.text().collect(),
            _ => {
                let kind = el.attr("type").unwrap_or("text");
                if matches!(kind, "checkbox" | "radio") && el.attr("checked").is_none() {
                    continue;
                }
                el.attr("value").unwrap_or_default().to_owned()
            }
        };
        fields.push((name, value));
    }
    fields
}

fn first_row_of(
    conn: &mut PgConnection,
    table: &str,
    organization: uuid::Uuid,
) -> Option<uuid::Uuid> {
    diesel::sql_query(format!(
        "SELECT id FROM {table} WHERE organization_id = $1 ORDER BY id LIMIT 1"
    ))
    .bind::<diesel::sql_types::Uuid, _>(organization)
    .load::<RowId>(conn)
    .ok()?
    .into_iter()
    .next()
    .map(|r| r.id)
}

fn row_digest(conn: &mut PgConnection, table: &str, id: uuid::Uuid) -> String {
    diesel::sql_query(format!(
        "SELECT t::text AS digest FROM {table} t WHERE id = $1"
    ))
    .bind::<diesel::sql_types::Uuid, _>(id)
    .get_result::<Digest>(conn)
    .expect("row")
    .digest
}

#[actix_web::test]
async fn ids_of_another_organization_answer_not_found_and_change_nothing() {
    let app = spawn_app().await;
    let northwind_admin = app.signed_in(DemoUser::Admin).await;
    let token = session_token(&app, &northwind_admin).await;
    let mut conn = app.conn();
    let northwind = crate::common::organization_id(&mut conn, "Northwind Academy");
    let riverside = crate::common::organization_id(&mut conn, "Riverside School");
    let mut covered = 0;
    for route in route_table().into_iter().filter(|r| r.path.contains('{')) {
        let Some(table) = table_of(route.path) else {
            continue;
        };
        // Only tenant-owned records belong to one organization.
        let (Some(theirs), Some(ours)) = (
            first_row_of(&mut conn, &table, riverside),
            first_row_of(&mut conn, &table, northwind),
        ) else {
            continue;
        };
        // Post what the real form on our own record would send, so the id is the only thing wrong.
        let fields = if is_unsafe(&route) {
            let own_page = crate::common::fill_path(
                &route.path[..route.path.find('}').map_or(0, |e| e + 1)],
                &ours.to_string(),
            );
            form_fields(
                &app,
                &northwind_admin,
                &own_page,
                &crate::common::fill_path(route.path, &ours.to_string()),
            )
            .await
        } else {
            Vec::new()
        };
        let before = row_digest(&mut conn, &table, theirs);
        let response = northwind_admin
            .request(
                reqwest_method(&route),
                app.url(&crate::common::fill_path(route.path, &theirs.to_string())),
            )
            .header("X-CSRF-Token", &token)
            .form(&fields)
            .send()
            .await
            .expect("request");
        assert_eq!(
            response.status(),
            404,
            "{} {} with a Riverside id (sent {:?})",
            route.method,
            route.path,
            fields
        );
        assert_eq!(
            before,
            row_digest(&mut conn, &table, theirs),
            "{} {} changed nothing",
            route.method,
            route.path
        );
        covered += 1;
    }
    assert!(
        covered > 0,
        "the sweep reached routes that take a tenant record's id"
    );
}

/// A menu link is only as good as the page behind it: each opens a registered page
/// with the very gate the menu shows it under.
#[test]
fn every_menu_link_opens_a_page_behind_the_same_gate() {
    let routes = homeroom::startup::routes();
    let menu = routes.main_menu();
    assert!(!menu.entries().is_empty(), "modules register a menu");
    for entry in menu.entries() {
        let route = routes
            .table()
            .iter()
            .find(|r| r.method == actix_web::http::Method::GET && r.path == entry.href)
            .unwrap_or_else(|| {
                panic!(
                    "{} links to {}, which no page serves",
                    entry.label, entry.href
                )
            });
        assert_eq!(route.gate, entry.gate, "{}", entry.label);
    }
}
