//! The input sweep: hostile values in every query parameter of every GET route of
//! the route table, in every field of every form the administrator can reach (and
//! the teacher's roll, as a form and as the JSON its script sends), and in every
//! column of every import. Nothing answers 5xx, no page shows the markup it was
//! sent, and afterwards nothing stored holds a control character, a direction
//! override in a name, uncomposed text or money that went negative.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use std::sync::Mutex;
use std::time::Instant;

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use homeroom::startup::route_table;
use uuid::Uuid;

use crate::common::{DemoUser, csrf_token, spawn_app};

/// What markup the sweep sends; a page that shows it unescaped would run it.
const MARKER: &str = "hr-sweep-xss";

/// A hostile value: as text, or (invalid UTF-8) as bytes.
struct Hostile {
    name: &'static str,
    bytes: Vec<u8>,
}

impl Hostile {
    /// Percent-encoded for a query string or a url-encoded body.
    fn encoded(&self) -> String {
        let mut out = String::new();
        for b in &self.bytes {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                    out.push(*b as char)
                }
                b' ' => out.push('+'),
                b => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    }

    fn text(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes).ok()
    }
}

fn hostile_values() -> Vec<Hostile> {
    let text = |name, value: String| Hostile {
        name,
        bytes: value.into_bytes(),
    };
    vec![
        text("10 000 characters", "a".repeat(10_000)),
        text("NUL", "Ana\0".into()),
        text(
            "control characters",
            "\u{1}\u{8}\u{b}\u{c}\u{1b}[31m\u{7f}\u{85}".into(),
        ),
        text("line breaks and tabs", "two\r\nlines\tand a tab".into()),
        text(
            "markup",
            format!("<script>alert('{MARKER}')</script>\"><img src=x onerror=alert('{MARKER}')>"),
        ),
        text("SQL", "'; DROP TABLE students;--".into()),
        text("wrong type", "not-a-number".into()),
        text("huge exponent", "1e400".into()),
        text("huge integer", "99999999999999999999".into()),
        text("negative money", "-0.01".into()),
        text("impossible date", "2026-02-30".into()),
        text("zero date", "0000-00-00".into()),
        text(
            "direction overrides",
            "\u{2066}Ana\u{202E}lirpa\u{2069}".into(),
        ),
        text(
            "combining accent and noncharacters",
            "Zoe\u{301}\u{FFFF}\u{FEFF}\u{1F600}".into(),
        ),
        Hostile {
            name: "invalid UTF-8",
            bytes: vec![0xFF, 0xFE, 0xC3],
        },
    ]
}

/// Values for a JSON body: each text above as a JSON string, plus what only JSON can say.
fn hostile_json() -> Vec<(String, String)> {
    let mut values: Vec<(String, String)> = hostile_values()
        .iter()
        .filter_map(|h| {
            let text = h.text()?;
            Some((h.name.to_owned(), serde_json::to_string(text).ok()?))
        })
        .collect();
    for (name, literal) in [
        ("lone surrogate", r#""\ud800""#),
        ("lone low surrogate", r#""x\udc00y""#),
        ("escaped NUL", r#""\u0000""#),
        ("huge exponent number", "1e400"),
        ("huge integer number", "99999999999999999999"),
        ("negative number", "-1"),
        ("null", "null"),
        ("list", "[]"),
        ("object", "{}"),
        ("boolean", "true"),
    ] {
        values.push((name.to_owned(), literal.to_owned()));
    }
    values
}

/// The query parameters every GET route is given, beside its own filters.
const PARAMETERS: &[&str] = &[
    "q", "page", "sort", "date", "from", "to", "month", "campus", "grade", "tab",
];

/// Forms the sweep leaves alone: they end the session it runs in.
fn ends_the_session(action: &str) -> bool {
    action == "/logout" || action.starts_with("/profile/sessions") || action.ends_with("/revoke")
}

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: Uuid,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
}

/// An id for a `{param}` of a path: a row of the table the segment before it names
/// (Northwind's when the table has an organization), or an id that exists nowhere.
fn id_for(conn: &mut PgConnection, segment: &str, organization: Uuid) -> String {
    let table = match segment {
        "teachers" => "staff".to_owned(),
        "files" => "file".to_owned(),
        "import" => "sync_logs".to_owned(),
        "sessions" => "auth_refresh_tokens".to_owned(),
        other => other.replace('-', "_"),
    };
    let scoped = diesel::sql_query(format!(
        "SELECT id FROM {table} WHERE organization_id = $1 ORDER BY id LIMIT 1"
    ))
    .bind::<diesel::sql_types::Uuid, _>(organization)
    .load::<IdRow>(conn);
    let rows = match scoped {
        Ok(rows) => rows,
        Err(_) => diesel::sql_query(format!("SELECT id FROM {table} ORDER BY id LIMIT 1"))
            .load::<IdRow>(conn)
            .unwrap_or_default(),
    };
    rows.first()
        .map_or_else(|| Uuid::nil().to_string(), |r| r.id.to_string())
}

/// The route's path with each `{param}` given an id.
fn concrete(conn: &mut PgConnection, path: &str, organization: Uuid) -> String {
    let mut out = String::new();
    for segment in path.split('/').skip(1) {
        out.push('/');
        if segment.starts_with('{') {
            let before = out
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or_default();
            let before = before.to_owned();
            out.push_str(&id_for(conn, &before, organization));
        } else {
            out.push_str(segment);
        }
    }
    if out.is_empty() { "/".to_owned() } else { out }
}

/// A form found on a page: where it posts, how, and the fields a browser sends.
#[derive(Clone, Debug)]
struct FoundForm {
    action: String,
    multipart: bool,
    fields: Vec<(String, String)>,
}

/// Every form on a page: GET forms' field names (a page's filters) and POST forms.
fn forms_of(html: &str) -> (BTreeSet<String>, Vec<FoundForm>) {
    let doc = scraper::Html::parse_document(html);
    let form_selector = scraper::Selector::parse("form").expect("selector");
    let field_selector =
        scraper::Selector::parse("input[name], select[name], textarea[name]").expect("selector");
    let mut filters = BTreeSet::new();
    let mut posts = Vec::new();
    for form in doc.select(&form_selector) {
        let method = form.value().attr("method").unwrap_or("get").to_lowercase();
        let mut fields: Vec<(String, String)> = Vec::new();
        let mut radios: BTreeMap<String, (Option<String>, String)> = BTreeMap::new();
        for field in form.select(&field_selector) {
            let el = field.value();
            let name = el.attr("name").unwrap_or_default().to_owned();
            let value = match el.name() {
                "select" => crate::common::chosen_option(field),
                "textarea" => field.text().collect(),
                _ => {
                    let kind = el.attr("type").unwrap_or("text");
                    let value = el.attr("value").unwrap_or_default().to_owned();
                    if kind == "radio" {
                        // A group with nothing chosen gets its first choice: the other fields stay valid.
                        let entry = radios.entry(name.clone()).or_insert((None, value.clone()));
                        if el.attr("checked").is_some() {
                            entry.0 = Some(value);
                        }
                        continue;
                    }
                    if kind == "checkbox" && el.attr("checked").is_none() {
                        continue;
                    }
                    if kind == "file" {
                        continue;
                    }
                    value
                }
            };
            fields.push((name, value));
        }
        for (name, (checked, first)) in radios {
            fields.push((name, checked.unwrap_or(first)));
        }
        if method == "post" {
            posts.push(FoundForm {
                action: form.value().attr("action").unwrap_or_default().to_owned(),
                multipart: form
                    .value()
                    .attr("enctype")
                    .is_some_and(|e| e.contains("multipart")),
                fields,
            });
        } else {
            filters.extend(fields.into_iter().map(|(k, _)| k));
        }
    }
    (filters, posts)
}

/// A route with its ids filled in, its ids replaced by `{id}` (to tell forms apart).
fn pattern(path: &str) -> String {
    let path = path.split('?').next().unwrap_or_default();
    path.split('/')
        .map(|s| {
            if Uuid::parse_str(s).is_ok() {
                "{id}"
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A field's name with any id in it replaced by `{id}`.
fn field_kind(name: &str) -> String {
    let mut out = name.to_owned();
    for at in (0..name.len().saturating_sub(35)).rev() {
        if let Some(candidate) = name.get(at..at + 36)
            && Uuid::parse_str(candidate).is_ok()
        {
            out.replace_range(at..at + 36, "{id}");
        }
    }
    out
}

/// A POST of the sweep, built in full.
struct Post {
    client: reqwest::Client,
    token: String,
    url: String,
    content_type: String,
    body: Vec<u8>,
    /// What it tries, for the failure message.
    what: String,
}

/// A GET route of the sweep with its ids filled in and the parameters it is given.
struct GetRoute {
    route: &'static str,
    path: String,
    parameters: Vec<String>,
}

/// One request: GETs are built when sent (a 10 000-character value in every
/// parameter of every route would not fit in memory at once).
enum Job {
    /// A hostile value in several parameters of a route at once; when that is
    /// refused as a bad request (400), one request per parameter follows, so a
    /// parameter read first cannot hide a later one.
    Get {
        route: usize,
        value: usize,
        parameters: Vec<usize>,
    },
    Post(Post),
}

#[derive(Default)]
struct Outcome {
    requests: usize,
    failures: Vec<String>,
    leaks: Vec<String>,
}

struct Sweep {
    base: String,
    admin: reqwest::Client,
    routes: Vec<GetRoute>,
    values: Vec<Hostile>,
}

impl Sweep {
    /// The parameters one request carries: all of them, or as many as fit in an
    /// address (65 535 bytes) when the value is long.
    fn chunks(&self, route: usize, value: usize) -> Vec<Vec<usize>> {
        let per_request = (50_000 / self.values[value].encoded().len().max(1)).max(1);
        let all: Vec<usize> = (0..self.routes[route].parameters.len()).collect();
        all.chunks(per_request).map(<[usize]>::to_vec).collect()
    }

    fn get_url(&self, route: usize, value: usize, single: &[usize]) -> (String, String) {
        let r = &self.routes[route];
        let v = &self.values[value];
        let names: Vec<&String> = single.iter().map(|i| &r.parameters[*i]).collect();
        let query = names
            .iter()
            .map(|n| format!("{n}={}", v.encoded()))
            .collect::<Vec<_>>()
            .join("&");
        let what = match names.as_slice() {
            [one] => format!("GET {} with {} in {one}", r.route, v.name),
            _ => format!(
                "GET {} with {} in {} parameters",
                r.route,
                v.name,
                names.len()
            ),
        };
        (format!("{}{}?{query}", self.base, r.path), what)
    }
}

/// Sends a request, once more if the connection closed under it (an idle
/// keep-alive connection the server dropped just then).
async fn send(
    request: impl Fn() -> reqwest::RequestBuilder,
) -> Result<(u16, bool, String), reqwest::Error> {
    let response = match request().send().await {
        Ok(r) => r,
        Err(e) if e.is_request() => request().send().await?,
        Err(e) => return Err(e),
    };
    Ok(read(response).await)
}

/// A response's status, whether it is a page, and its body.
async fn read(response: reqwest::Response) -> (u16, bool, String) {
    let status = response.status().as_u16();
    let html = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    let body = response.text().await.unwrap_or_default();
    (status, html, body)
}

/// Sends every job, `parallel` at a time.
async fn run_all(sweep: Sweep, jobs: Vec<Job>, parallel: usize) -> Outcome {
    let sweep = Rc::new(sweep);
    let queue = Rc::new(Mutex::new(jobs));
    let outcome = Rc::new(Mutex::new(Outcome::default()));
    let mut workers = Vec::new();
    for _ in 0..parallel {
        let (sweep, queue, outcome) = (sweep.clone(), queue.clone(), outcome.clone());
        workers.push(actix_web::rt::spawn(async move {
            loop {
                let next = queue.lock().expect("queue").pop();
                let Some(job) = next else { break };
                let (answer, what) = match &job {
                    Job::Get {
                        route,
                        value,
                        parameters,
                    } => {
                        let (url, what) = sweep.get_url(*route, *value, parameters);
                        (send(|| sweep.admin.get(&url)).await, what)
                    }
                    Job::Post(post) => {
                        let request = || {
                            post.client
                                .post(&post.url)
                                .header("X-CSRF-Token", &post.token)
                                .header("content-type", &post.content_type)
                                .body(post.body.clone())
                        };
                        // An accepted upload redirects to its preview, which shows the cells.
                        let answer = match request().send().await {
                            Ok(r) if r.status() == 303 && post.what.starts_with("import") => {
                                let location = r.headers()["location"]
                                    .to_str()
                                    .unwrap_or_default()
                                    .to_owned();
                                let preview = format!("{}{location}", sweep.base);
                                send(|| post.client.get(&preview)).await
                            }
                            Ok(r) => Ok(read(r).await),
                            Err(e) if e.is_request() => send(request).await,
                            Err(e) => Err(e),
                        };
                        (answer, post.what.clone())
                    }
                };
                let mut out = outcome.lock().expect("outcome");
                out.requests += 1;
                match answer {
                    Err(e) => out.failures.push(format!("{what}: {}", e.without_url())),
                    Ok((status, html, body)) => {
                        if status >= 500 {
                            out.failures.push(format!("{status} for {what}"));
                        }
                        if html
                            && (body.contains(&format!("<script>alert('{MARKER}')"))
                                || body.contains(&format!("<img src=x onerror=alert('{MARKER}')")))
                        {
                            out.leaks.push(what);
                        }
                        if let Job::Get {
                            route,
                            value,
                            parameters,
                        } = job
                            && parameters.len() > 1
                            && status == 400
                        {
                            let mut queue = queue.lock().expect("queue");
                            for i in parameters {
                                queue.push(Job::Get {
                                    route,
                                    value,
                                    parameters: vec![i],
                                });
                            }
                        }
                    }
                }
            }
        }));
    }
    for worker in workers {
        worker.await.expect("a sweep worker");
    }
    Rc::try_unwrap(outcome)
        .ok()
        .expect("every worker is done")
        .into_inner()
        .expect("outcome")
}

/// The form's fields with the first `field` holding `value` (added when the form has none).
fn with_hostile<'a>(
    fields: &'a [(String, String)],
    field: &'a str,
    value: &'a [u8],
) -> Vec<(&'a str, &'a [u8])> {
    let mut out: Vec<(&str, &[u8])> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_bytes()))
        .collect();
    match out.iter_mut().find(|(k, _)| *k == field) {
        Some(slot) => slot.1 = value,
        None => out.push((field, value)),
    }
    out
}

fn urlencoded(fields: &[(String, String)], field: &str, value: &Hostile) -> Vec<u8> {
    with_hostile(fields, field, &value.bytes)
        .into_iter()
        .map(|(k, v)| {
            let name = Hostile {
                name: "",
                bytes: k.as_bytes().to_vec(),
            };
            let value = Hostile {
                name: "",
                bytes: v.to_vec(),
            };
            format!("{}={}", name.encoded(), value.encoded())
        })
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

const BOUNDARY: &str = "----homeroom-sweep-boundary";

fn multipart(fields: &[(String, String)], field: &str, value: &Hostile) -> Vec<u8> {
    let mut body = Vec::new();
    let mut part = |name: &str, bytes: &[u8]| {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    };
    for (name, v) in with_hostile(fields, field, &value.bytes) {
        part(name, v);
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sweep.png\"\r\nContent-Type: image/png\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(&crate::files::png(4, 4));
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// A CSV cell holding `text`, quoted.
fn csv_cell(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

fn csv_upload(csv: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sweep.csv\"\r\nContent-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(csv);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

fn columns(conn: &mut PgConnection, types: &str) -> Vec<Column> {
    diesel::sql_query(format!(
        "SELECT table_name::text AS table_name, column_name::text AS column_name \
         FROM information_schema.columns c \
         WHERE table_schema = 'public' AND data_type IN ({types}) \
           AND EXISTS (SELECT 1 FROM information_schema.tables t WHERE t.table_schema = 'public' \
                       AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE') \
         ORDER BY 1, 2"
    ))
    .load(conn)
    .expect("columns")
}

fn count_where(conn: &mut PgConnection, column: &Column, condition: &str) -> i64 {
    let condition = condition.replace("{c}", &format!("\"{}\"", column.column_name));
    diesel::sql_query(format!(
        "SELECT count(*) AS n FROM \"{}\" WHERE {condition}",
        column.table_name
    ))
    .get_result::<Count>(conn)
    .unwrap_or_else(|e| panic!("{}.{}: {e}", column.table_name, column.column_name))
    .n
}

/// Columns where a negative value is a kind of row of its own, pinned by a check
/// constraint: a refund is a payment row with a negative amount and `refund_of`.
const NEGATIVE_BY_DESIGN: &[(&str, &str)] = &[("payments.amount", "refund_of IS NULL")];

/// Rows that went negative in numeric columns, per column (leaving out the rows
/// that are negative by design).
fn negatives(conn: &mut PgConnection) -> BTreeMap<String, i64> {
    columns(conn, "'numeric'")
        .iter()
        .map(|c| {
            let name = format!("{}.{}", c.table_name, c.column_name);
            let condition = match NEGATIVE_BY_DESIGN.iter().find(|(n, _)| *n == name) {
                Some((_, other)) => format!("{{c}} < 0 AND {other}"),
                None => "{c} < 0".to_owned(),
            };
            let n = count_where(conn, c, &condition);
            (name, n)
        })
        .collect()
}

/// What is stored that no input should have put there, one line per column.
fn stored_problems(conn: &mut PgConnection) -> Vec<String> {
    let mut problems = Vec::new();
    for c in columns(conn, "'text', 'character varying', 'character'") {
        let checks = [
            (
                "control characters",
                r"{c} ~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\u0080-\u009f]'",
            ),
            ("uncomposed text", "{c} IS NOT NFC NORMALIZED"),
        ];
        for (what, condition) in checks {
            let n = count_where(conn, &c, condition);
            if n > 0 {
                problems.push(format!(
                    "{}.{}: {n} with {what}",
                    c.table_name, c.column_name
                ));
            }
        }
        if c.column_name.ends_with("name") {
            let n = count_where(conn, &c, r"{c} ~ '[\u202a-\u202e\u2066-\u2069]'");
            if n > 0 {
                problems.push(format!(
                    "{}.{}: {n} with direction overrides",
                    c.table_name, c.column_name
                ));
            }
        }
    }
    for c in columns(conn, "'jsonb', 'json'") {
        let n = count_where(
            conn,
            &c,
            r"{c}::text ~ '\\u00(0[0-8bcef]|1[0-9a-f]|7f|8[0-9a-f]|9[0-9a-f])'",
        );
        if n > 0 {
            problems.push(format!(
                "{}.{}: {n} with control characters",
                c.table_name, c.column_name
            ));
        }
    }
    problems
}

#[actix_web::test]
async fn hostile_input_in_every_parameter_field_and_cell_never_fails_the_server() {
    let started = Instant::now();
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let admin_token = csrf_token(&app.page(&admin, "/").await).expect("admin token");
    let teacher_token = csrf_token(&app.page(&teacher, "/").await).expect("teacher token");
    let values = hostile_values();
    let mut conn = app.conn();
    let northwind = crate::common::organization_id(&mut conn, "Northwind Academy");
    let negatives_before = negatives(&mut conn);
    assert!(
        stored_problems(&mut conn).is_empty(),
        "the demo itself breaks no rule"
    );

    // Every GET route as it is, for its filters and the forms it offers.
    let mut gets = Vec::new();
    let mut forms: BTreeMap<String, (reqwest::Client, String, FoundForm)> = BTreeMap::new();
    for route in route_table().into_iter().filter(|r| r.method == "GET") {
        let path = concrete(&mut conn, route.path, northwind);
        let url = app.url(&path);
        let (status, _, html) = send(|| admin.get(&url)).await.expect("a page");
        assert!(status < 500, "GET {path} without hostile input");
        let (filters, posts) = forms_of(&html);
        for form in posts {
            let key = pattern(&form.action);
            if !form.action.starts_with('/') || ends_the_session(&key) {
                continue;
            }
            forms
                .entry(key)
                .or_insert_with(|| (admin.clone(), admin_token.clone(), form));
        }
        gets.push((route.path, path, filters));
    }
    // The teacher's roll, as a form.
    let roll = crate::attendance::teachers_roll(&app);
    let roll_page = app
        .page(&teacher, &format!("{}?date={}", roll.path, roll.date))
        .await;
    for form in forms_of(&roll_page).1 {
        // The teacher's, in place of the administrator's: the roll is the teacher's to take.
        if pattern(&form.action) == pattern(&roll.path) {
            forms.insert(
                pattern(&roll.path),
                (teacher.clone(), teacher_token.clone(), form),
            );
        }
    }

    let mut cases = BTreeMap::<&str, usize>::new();
    let mut jobs = Vec::new();
    let mut routes = Vec::new();
    for (route, path, filters) in gets {
        let mut parameters: BTreeSet<String> = PARAMETERS.iter().map(|p| (*p).to_owned()).collect();
        parameters.extend(filters.into_iter().filter(|f| f != "csrf_token"));
        routes.push(GetRoute {
            route,
            path,
            parameters: parameters.into_iter().collect(),
        });
    }
    let sweep = Sweep {
        base: app.url(""),
        admin: admin.clone(),
        routes,
        values,
    };
    for route in 0..sweep.routes.len() {
        for value in 0..sweep.values.len() {
            for parameters in sweep.chunks(route, value) {
                *cases.entry("query parameters").or_default() += parameters.len();
                jobs.push(Job::Get {
                    route,
                    value,
                    parameters,
                });
            }
        }
    }

    for (key, (client, token, form)) in &forms {
        // One field of each kind: `remarks-{id}` stands for every student's remark.
        let mut kinds = BTreeSet::new();
        let fields: Vec<&String> = form
            .fields
            .iter()
            .map(|(k, _)| k)
            .filter(|k| *k != "csrf_token" && kinds.insert(field_kind(k)))
            .collect();
        for field in fields {
            for value in &sweep.values {
                let (content_type, body) = if form.multipart {
                    (
                        format!("multipart/form-data; boundary={BOUNDARY}"),
                        multipart(&form.fields, field, value),
                    )
                } else {
                    (
                        "application/x-www-form-urlencoded".to_owned(),
                        urlencoded(&form.fields, field, value),
                    )
                };
                let url = if form.multipart {
                    format!("{}?csrf_token={token}", form.action)
                } else {
                    form.action.clone()
                };
                jobs.push(Job::Post(Post {
                    client: client.clone(),
                    token: token.clone(),
                    url: app.url(&url),
                    content_type,
                    body,
                    what: format!("POST {key} with {} in {field}", value.name),
                }));
                *cases.entry("form fields").or_default() += 1;
            }
        }
    }

    // The roll's script: each hostile JSON value in each field of a mark.
    let student = roll.students[0];
    let mark = |field: &str, literal: &str| {
        let mut body = serde_json::json!({
            "date": roll.date.to_string(), "sent_at": 0, "marks": [{
                "id": "sweep", "student_id": student, "status": "late",
                "minutes_late": 5, "remarks": "", "marked_at": 0
            }]
        });
        let slot = if matches!(field, "date" | "sent_at") {
            &mut body[field]
        } else {
            &mut body["marks"][0][field]
        };
        *slot = serde_json::Value::String("\u{1}HOSTILE\u{1}".to_owned());
        body.to_string()
            .replace(r#""\u0001HOSTILE\u0001""#, literal)
            .into_bytes()
    };
    for field in [
        "date",
        "sent_at",
        "id",
        "student_id",
        "status",
        "minutes_late",
        "remarks",
        "marked_at",
    ] {
        for (name, literal) in hostile_json() {
            jobs.push(Job::Post(Post {
                client: teacher.clone(),
                token: teacher_token.clone(),
                url: app.url(&format!("{}/marks", roll.path)),
                content_type: "application/json".to_owned(),
                body: mark(field, &literal),
                what: format!("POST {}/marks with {name} in {field}", roll.path),
            }));
            *cases.entry("JSON fields").or_default() += 1;
        }
    }

    // Every import: each hostile value in each column of an exported row, one file per list.
    for route in route_table()
        .into_iter()
        .filter(|r| r.method == "GET" && r.path.ends_with("/import"))
    {
        let list = route.path.trim_end_matches("/import");
        let export_url = app.url(&format!("{list}/export.csv"));
        let (_, _, export) = send(|| admin.get(&export_url)).await.expect("an export");
        let parsed = homeroom::resources::parse_csv(&export).unwrap_or_default();
        let Some(header) = parsed.first() else {
            continue;
        };
        let row: Vec<String> = match parsed.get(1) {
            Some(row) => row.iter().map(|c| csv_cell(c)).collect(),
            None => vec![String::new(); header.len()],
        };
        let header = header
            .iter()
            .map(|h| csv_cell(h))
            .collect::<Vec<_>>()
            .join(",");
        let mut csv = format!("{header}\n").into_bytes();
        // Bytes that are not UTF-8 make the whole file unreadable: they get a file of their own.
        let mut invalid = csv.clone();
        for column in 0..row.len() {
            for value in &sweep.values {
                let cell = match value.text() {
                    Some(text) => csv_cell(text).into_bytes(),
                    None => value.bytes.clone(),
                };
                let file = if value.text().is_some() {
                    &mut csv
                } else {
                    &mut invalid
                };
                for (i, other) in row.iter().enumerate() {
                    if i > 0 {
                        file.push(b',');
                    }
                    if i == column {
                        file.extend_from_slice(&cell);
                    } else {
                        file.extend_from_slice(other.as_bytes());
                    }
                }
                file.push(b'\n');
                *cases.entry("CSV cells").or_default() += 1;
            }
        }
        for file in [csv, invalid] {
            jobs.push(Job::Post(Post {
                client: admin.clone(),
                token: admin_token.clone(),
                url: app.url(&format!("{list}/import?csrf_token={admin_token}")),
                content_type: format!("multipart/form-data; boundary={BOUNDARY}"),
                body: csv_upload(&file),
                what: format!("import to {list}"),
            }));
        }
    }

    // The queue is taken from its end: imports and forms first, GETs last.
    jobs.reverse();
    let outcome = run_all(sweep, jobs, 8).await;
    let total: usize = cases.values().sum();
    eprintln!(
        "input sweep: {total} cases ({}) in {} requests, {:.1} s",
        cases
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect::<Vec<_>>()
            .join(", "),
        outcome.requests,
        started.elapsed().as_secs_f64()
    );

    assert!(
        outcome.failures.is_empty(),
        "{} requests failed:\n{}",
        outcome.failures.len(),
        outcome.failures[..outcome.failures.len().min(40)].join("\n")
    );
    assert!(
        outcome.leaks.is_empty(),
        "markup shown unescaped:\n{}",
        outcome.leaks.join("\n")
    );
    assert_eq!(
        app.get(&admin, "/").await.status(),
        200,
        "the administrator is still signed in"
    );
    let problems = stored_problems(&mut conn);
    assert!(problems.is_empty(), "stored:\n{}", problems.join("\n"));
    let negatives_after = negatives(&mut conn);
    for (column, n) in &negatives_after {
        let before = negatives_before.get(column).copied().unwrap_or(0);
        assert!(
            *n <= before,
            "{column}: {n} negative values, {before} before"
        );
    }
    assert!(
        cases.get("query parameters").copied().unwrap_or(0) > 1000
            && cases.get("form fields").copied().unwrap_or(0) > 1000,
        "the sweep reached the routes and forms: {cases:?}"
    );
}
