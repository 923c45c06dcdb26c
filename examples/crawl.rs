//! The crawl benchmark: every GET route of the route table, as each demo role that
//! may open it, with real ids, each loaded for a few seconds at a few connections.
//!
//! ```sh
//! cargo run --release --example crawl -- --base http://127.0.0.1:18080 \
//!     --database-url 'postgresql://postgres@/homeroom?host=/abs/target/bench-data/run' \
//!     --pid "$server_pid" --markdown crawl.md
//! ```
//!
//! `bench/run crawl` starts the server on the district dataset and runs this.
//!
//! For each role it signs in, opens every GET route without a parameter, follows the
//! links of the pages it gets (`a`, `hx-get`, `img`, `link`, `script`) to the routes
//! with parameters, and for those still unreached tries ids of the table the
//! parameter names from the database (the role's organization). A route that answers
//! 403 is the role's gate and is skipped; one whose ids cannot be found, or that
//! answers anything but 200, is listed as not reached with the reason. Public routes
//! (sign-in, health, static files) are loaded once, signed out.
//!
//! Each reached route is then loaded for `--seconds` at `--connections` with
//! `Accept-Encoding: gzip, br` and no decompression: it reports requests a second,
//! the median and 99th percentile latency (of every request), the body bytes on the
//! wire, the page weight (the page with the stylesheets and scripts it loads), the
//! SQL statements PostgreSQL ran for one request (from `pg_stat_statements` when the
//! server loads it) and the server's peak resident memory. It exits 1 when any
//! request of the load answers other than 200, or a discovery request answers 5xx.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use clap::Parser;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use homeroom::access::Gate;
use homeroom::startup::route_table;
use reqwest::header::{ACCEPT_ENCODING, CONTENT_TYPE, LOCATION};

/// A page heavier than this (HTML, CSS and JS, compressed) is flagged.
const PAGE_WEIGHT_LIMIT: usize = 60 * 1024;

/// Discovery tries at most this many addresses of one route.
const TRIES_PER_ROUTE: usize = 3;

/// A route whose discovery request took longer than this, or answered more than
/// `HEAVY_BYTES`, is loaded at one connection: eight whole-table exports at once
/// could take the shared machine's memory.
const HEAVY_SECONDS: f64 = 1.0;
const HEAVY_BYTES: usize = 2 * 1024 * 1024;

/// The demo accounts, those who may do most first.
const ROLES: [(&str, &str); 6] = [
    ("super administrator", "root@homeroom.test"),
    ("administrator", "admin@northwind.test"),
    ("director", "director@northwind.test"),
    ("front office", "office@northwind.test"),
    ("accountant", "accounts@northwind.test"),
    ("teacher", "teacher@northwind.test"),
];

const SIGNED_OUT: &str = "signed out";

#[derive(Parser)]
#[command(about = "Loads every GET route as every demo role and reports the slowest first")]
struct Args {
    /// Where the server answers.
    #[arg(long, default_value = "http://127.0.0.1:18080")]
    base: String,
    /// The server's database, for ids no page of a role links to and for statement counts.
    #[arg(long, env = "CRAWL_DATABASE_URL")]
    database_url: String,
    /// The server's process id: its VmRSS is sampled every 0.2 s.
    #[arg(long)]
    pid: Option<u32>,
    /// Seconds of load per route and role.
    #[arg(long, env = "CRAWL_SECONDS", default_value_t = 3.0)]
    seconds: f64,
    /// Connections at once during a route's load.
    #[arg(long, env = "CRAWL_CONNECTIONS", default_value_t = 8)]
    connections: usize,
    /// The demo accounts' password.
    #[arg(long, default_value = "homeroom-demo")]
    password: String,
    /// Load only the routes whose pattern contains one of these texts
    /// (comma-separated; all routes are still discovered).
    #[arg(long, env = "CRAWL_ONLY")]
    only: Option<String>,
    /// Skip the routes whose pattern contains one of these texts (comma-separated,
    /// e.g. `export.csv`).
    #[arg(long, env = "CRAWL_SKIP")]
    skip: Option<String>,
    /// Only these roles (comma-separated labels, e.g. `teacher,signed out`).
    #[arg(long, env = "CRAWL_ROLES")]
    roles: Option<String>,
    /// Writes the results as Markdown here.
    #[arg(long)]
    markdown: Option<PathBuf>,
}

/// A GET route of the route table.
#[derive(Clone)]
struct Route {
    path: &'static str,
    public: bool,
    params: usize,
}

impl Route {
    /// Whether `href` (a path, perhaps with a query) is this route with values for its parameters.
    fn matches(&self, href: &str) -> bool {
        let path = href.split(['?', '#']).next().unwrap_or_default();
        let wanted: Vec<&str> = self.path.split('/').collect();
        let got: Vec<&str> = path.split('/').collect();
        wanted.len() == got.len() && wanted.iter().zip(&got).all(|(w, g)| segment_matches(w, g))
    }
}

/// A pattern segment (`students`, `{id}`, `{colour}.css`) against a path segment.
fn segment_matches(pattern: &str, segment: &str) -> bool {
    match (pattern.find('{'), pattern.find('}')) {
        (Some(open), Some(close)) if open < close => {
            let (before, after) = (&pattern[..open], &pattern[close + 1..]);
            segment.len() > before.len() + after.len()
                && segment.starts_with(before)
                && segment.ends_with(after)
        }
        _ => pattern == segment,
    }
}

fn get_routes() -> Vec<Route> {
    let mut seen = HashSet::new();
    route_table()
        .into_iter()
        .filter(|r| r.method.as_str() == "GET" && seen.insert(r.path))
        .map(|r| Route {
            path: r.path,
            public: r.gate == Gate::Public,
            params: r.path.matches('{').count(),
        })
        .collect()
}

/// The route `href` stands for: of those it matches, the one with fewest parameters
/// (`/students/new` is that page, not a student).
fn route_of<'a>(routes: &'a [Route], href: &str) -> Option<&'a Route> {
    routes
        .iter()
        .filter(|r| r.matches(href))
        .min_by_key(|r| r.params)
}

/// One request's answer, its body read as sent without compression (kept only for
/// HTML, whose links are followed).
struct Answer {
    status: u16,
    location: String,
    html: bool,
    body: String,
    bytes: usize,
    seconds: f64,
}

async fn send_with_retry(
    request: impl Fn() -> reqwest::RequestBuilder,
) -> Result<reqwest::Response, String> {
    // A kept-alive connection the server closes just as the next request goes out
    // fails without an answer; that request is sent once more on a fresh one.
    match request().send().await {
        Ok(r) => Ok(r),
        Err(_) => request().send().await.map_err(|e| e.to_string()),
    }
}

async fn fetch(client: &reqwest::Client, url: &str) -> Result<Answer, String> {
    let started = Instant::now();
    let mut response =
        send_with_retry(|| client.get(url).header(ACCEPT_ENCODING, "identity")).await?;
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let status = response.status().as_u16();
    let location = header(LOCATION);
    let html = header(CONTENT_TYPE).starts_with("text/html");
    let mut body = String::new();
    let mut bytes = 0;
    if html {
        body = response.text().await.map_err(|e| e.to_string())?;
        bytes = body.len();
    } else {
        while let Some(chunk) = response.chunk().await.map_err(|e| e.to_string())? {
            bytes += chunk.len();
        }
    }
    Ok(Answer {
        status,
        location,
        html,
        body,
        bytes,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// The status and the body's length on the wire, compressed as a browser asks.
async fn compressed(client: &reqwest::Client, url: &str) -> Result<(u16, usize), String> {
    let response = send_with_retry(|| client.get(url).header(ACCEPT_ENCODING, "gzip, br")).await?;
    let status = response.status().as_u16();
    let body = response.bytes().await.map_err(|e| e.to_string())?;
    Ok((status, body.len()))
}

/// The same-site addresses a page links to or loads: links, htmx requests, images,
/// stylesheets and scripts.
const LINKS: &[(&str, &str)] = &[
    ("a[href]", "href"),
    ("[hx-get]", "hx-get"),
    ("img[src]", "src"),
    ("link[href]", "href"),
    ("script[src]", "src"),
    ("iframe[src]", "src"),
];

/// The stylesheets and scripts a page loads.
const ASSETS: &[(&str, &str)] = &[
    ("link[rel~=stylesheet][href]", "href"),
    ("script[src]", "src"),
];

/// The same-site addresses in `body` of the elements and attributes `which` names.
fn addresses(body: &str, base: &str, which: &[(&str, &str)]) -> Vec<String> {
    let doc = scraper::Html::parse_document(body);
    let mut found = Vec::new();
    for (css, attr) in which {
        let selector = scraper::Selector::parse(css).expect("a valid selector");
        for element in doc.select(&selector) {
            if let Some(href) = element.value().attr(attr).and_then(|h| local(h, base)) {
                found.push(href);
            }
        }
    }
    found
}

/// `href` as a path of this site without its fragment, if it is one.
fn local(href: &str, base: &str) -> Option<String> {
    let href = href.strip_prefix(base).unwrap_or(href);
    let href = href.split('#').next().unwrap_or_default();
    (href.starts_with('/') && !href.starts_with("//")).then(|| href.to_owned())
}

/// The value of the first `<input name="…">` of a page.
fn input_value(body: &str, name: &str) -> Option<String> {
    let doc = scraper::Html::parse_document(body);
    let selector = scraper::Selector::parse(&format!("input[name='{name}']")).ok()?;
    doc.select(&selector)
        .find_map(|e| e.value().attr("value"))
        .map(str::to_owned)
}

fn new_client() -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(600))
        .build()
        .map_err(|e| e.to_string())
}

/// A client signed in as `email`.
async fn sign_in(base: &str, email: &str, password: &str) -> Result<reqwest::Client, String> {
    let client = new_client()?;
    let form = fetch(&client, &format!("{base}/login")).await?;
    let token = input_value(&form.body, "csrf_token").ok_or_else(|| {
        format!(
            "no csrf_token on {base}/login (it answered {})",
            form.status
        )
    })?;
    let answer = client
        .post(format!("{base}/login"))
        .form(&[
            ("email", email),
            ("password", password),
            ("csrf_token", &token),
        ])
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = answer.status().as_u16();
    if status != 303 {
        return Err(format!("signing in as {email} answered {status}"));
    }
    let home = fetch(&client, &format!("{base}/")).await?;
    if home.status != 200 {
        return Err(format!(
            "{email}'s dashboard answered {} {}",
            home.status, home.location
        ));
    }
    Ok(client)
}

/// Where discovery left a route for one role.
enum Outcome {
    /// Answered 200 at this address; `heavy` when that took long or answered much.
    Reached {
        href: String,
        html: bool,
        heavy: bool,
    },
    /// Answered 403: the role's gate keeps it out.
    Gated,
    /// Not reached, and why.
    NotReached(String),
}

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = Text)]
    id: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The table whose ids fill a route's first parameter: named by the path segment
/// before it (`/students/{id}`, `/finance/invoices/{id}/pdf`), else by what the
/// page is of.
fn table_for(path: &str) -> Option<String> {
    let before = path[..path.find('{')?].trim_end_matches('/');
    let segment = before.rsplit('/').next()?;
    let known = match segment {
        "report-cards" | "rollover" => "classes",
        "gradebook" => "class_subjects",
        "timetable" => "timetables",
        "inbox" => "message_recipients",
        "walkthroughs" => "walkthrough_checkins",
        "files" => "file",
        "frame" => "frame_entries",
        "attempts" => "safety_quiz_results",
        "safety-quizzes" => "content_catalog",
        "runs" if before.starts_with("/report-cards") => "report_card_runs",
        "runs" | "import" => "sync_logs",
        "teachers" => "staff",
        other => return Some(other.replace('-', "_")),
    };
    Some(known.to_owned())
}

/// A few ids of `table` in `organization` (live rows first), if the table exists.
fn ids_of(conn: &mut PgConnection, table: &str, organization: &str) -> Result<Vec<String>, String> {
    let columns: Vec<IdRow> = diesel::sql_query(
        "SELECT column_name::text AS id FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name = $1",
    )
    .bind::<Text, _>(table)
    .load(conn)
    .map_err(|e| e.to_string())?;
    let columns: HashSet<String> = columns.into_iter().map(|c| c.id).collect();
    if !columns.contains("id") {
        return Err(format!("no table {table} with an id"));
    }
    // The one bind parameter is used also where the table has no organization.
    let mut filters = vec![if columns.contains("organization_id") {
        "organization_id = $1::uuid"
    } else {
        "$1::uuid IS NOT NULL"
    }];
    if columns.contains("deleted_at") {
        filters.push("deleted_at IS NULL");
    }
    let rows: Vec<IdRow> = diesel::sql_query(format!(
        "SELECT id::text AS id FROM {table} WHERE {} ORDER BY id LIMIT {TRIES_PER_ROUTE}",
        filters.join(" AND ")
    ))
    .bind::<Text, _>(organization)
    .load(conn)
    .map_err(|e| e.to_string())?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// The organization `email` acts in: that of their latest session.
fn organization_of(conn: &mut PgConnection, email: &str) -> Result<String, String> {
    let rows: Vec<IdRow> = diesel::sql_query(
        "SELECT t.organization_id::text AS id FROM auth_refresh_tokens t \
         JOIN users u ON u.id = t.user_id WHERE lower(u.email) = lower($1) \
         AND t.organization_id IS NOT NULL ORDER BY t.created_at DESC LIMIT 1",
    )
    .bind::<Text, _>(email)
    .load(conn)
    .map_err(|e| e.to_string())?;
    rows.into_iter()
        .next()
        .map(|r| r.id)
        .ok_or_else(|| format!("{email} has no session in an organization"))
}

/// `path` with `id` for its one parameter.
fn fill(path: &str, id: &str) -> String {
    match (path.find('{'), path.find('}')) {
        (Some(open), Some(close)) if open < close => {
            format!("{}{id}{}", &path[..open], &path[close + 1..])
        }
        _ => path.to_owned(),
    }
}

/// What one role's crawl found.
struct Discovery {
    outcomes: BTreeMap<&'static str, Outcome>,
    /// Public addresses the role's pages link to (stylesheets, scripts, logos).
    public_links: BTreeSet<String>,
    /// Discovery requests that answered 5xx.
    failures: Vec<String>,
}

/// Opens `start` and every address its pages link to, as `client`, until each route
/// is reached or tried `TRIES_PER_ROUTE` times. Only routes with `public == want_public`
/// are opened.
async fn explore(
    client: &reqwest::Client,
    base: &str,
    routes: &[Route],
    start: Vec<String>,
    want_public: bool,
    found: &mut Discovery,
    tried: &mut HashMap<&'static str, Vec<String>>,
) {
    let mut queue: VecDeque<String> = start.into();
    let mut visited: HashSet<String> = HashSet::new();
    while let Some(href) = queue.pop_front() {
        let Some(route) = route_of(routes, &href) else {
            continue;
        };
        if route.public != want_public {
            if route.public {
                found.public_links.insert(href);
            }
            continue;
        }
        if matches!(
            found.outcomes.get(route.path),
            Some(Outcome::Reached { .. })
        ) || !visited.insert(href.clone())
        {
            continue;
        }
        let attempts = tried.entry(route.path).or_default();
        if attempts.len() >= TRIES_PER_ROUTE {
            continue;
        }
        let answer = match fetch(client, &format!("{base}{href}")).await {
            Ok(a) => a,
            Err(e) => {
                attempts.push(format!("{href}: no answer ({e})"));
                found.failures.push(format!("GET {href}: no answer ({e})"));
                continue;
            }
        };
        match answer.status {
            200 => {
                found.outcomes.insert(
                    route.path,
                    Outcome::Reached {
                        href: href.clone(),
                        html: answer.html,
                        heavy: answer.seconds > HEAVY_SECONDS || answer.bytes > HEAVY_BYTES,
                    },
                );
                if answer.html {
                    queue.extend(addresses(&answer.body, base, LINKS));
                }
            }
            403 => {
                found.outcomes.entry(route.path).or_insert(Outcome::Gated);
                attempts.push(format!("{href}: 403"));
            }
            status => {
                if status >= 500 {
                    found.failures.push(format!("GET {href} answered {status}"));
                }
                let to = if answer.location.is_empty() {
                    String::new()
                } else {
                    format!(" to {}", answer.location)
                };
                attempts.push(format!("{href}: {status}{to}"));
            }
        }
    }
}

/// Every route `client` can open, with an address for each.
async fn discover(
    client: &reqwest::Client,
    base: &str,
    routes: &[Route],
    public: bool,
    extra: Vec<String>,
    ids: &mut dyn FnMut(&str) -> Result<Vec<String>, String>,
) -> Discovery {
    let mut found = Discovery {
        outcomes: BTreeMap::new(),
        public_links: BTreeSet::new(),
        failures: Vec::new(),
    };
    let mut tried: HashMap<&'static str, Vec<String>> = HashMap::new();
    let mut start: Vec<String> = routes
        .iter()
        .filter(|r| r.public == public && r.params == 0)
        .map(|r| r.path.to_owned())
        .collect();
    start.extend(extra);
    explore(client, base, routes, start, public, &mut found, &mut tried).await;

    // Routes no page links to: ids from the database.
    let mut from_database = Vec::new();
    let mut no_ids: HashMap<&'static str, String> = HashMap::new();
    for route in routes.iter().filter(|r| r.public == public && r.params > 0) {
        if found.outcomes.contains_key(route.path) {
            continue;
        }
        let Some(table) = table_for(route.path) else {
            continue;
        };
        match ids(&table) {
            Ok(list) if list.is_empty() => {
                no_ids.insert(route.path, format!("{table} has no rows to try"));
            }
            Ok(list) if route.params > 1 => {
                no_ids.insert(
                    route.path,
                    format!(
                        "no page links to it and its parameters are not all ids of {table} \
                         ({} tried)",
                        list.len()
                    ),
                );
            }
            Ok(list) => from_database.extend(list.iter().map(|id| fill(route.path, id))),
            Err(e) => {
                no_ids.insert(route.path, format!("no link to it and {e}"));
            }
        }
    }
    explore(
        client,
        base,
        routes,
        from_database,
        public,
        &mut found,
        &mut tried,
    )
    .await;

    for route in routes.iter().filter(|r| r.public == public) {
        if found.outcomes.contains_key(route.path) {
            continue;
        }
        let reason = match (tried.get(route.path), no_ids.remove(route.path)) {
            (Some(attempts), _) if !attempts.is_empty() => {
                format!("answered {}", attempts.join("; "))
            }
            (_, Some(reason)) => reason,
            _ => "no page of the role links to it and no table names its parameter".to_owned(),
        };
        found
            .outcomes
            .insert(route.path, Outcome::NotReached(reason));
    }
    found
}

/// The server's resident memory, sampled in the background.
struct Memory {
    pid: u32,
    peak: Arc<AtomicU64>,
    window: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
}

fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

impl Memory {
    fn start(pid: u32) -> Memory {
        let memory = Memory {
            pid,
            peak: Arc::new(AtomicU64::new(0)),
            window: Arc::new(AtomicU64::new(0)),
            stop: Arc::new(AtomicBool::new(false)),
        };
        let (peak, window, stop) = (
            memory.peak.clone(),
            memory.window.clone(),
            memory.stop.clone(),
        );
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                if let Some(kb) = rss_kb(pid) {
                    peak.fetch_max(kb, Ordering::Relaxed);
                    window.fetch_max(kb, Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_millis(200));
            }
        });
        memory
    }

    /// Starts a new window; returns the peak of the one that ends.
    fn next_window(&self) -> u64 {
        let now = rss_kb(self.pid).unwrap_or(0);
        self.window.swap(now, Ordering::Relaxed).max(now)
    }
}

impl Drop for Memory {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// One route's load.
struct Load {
    requests: usize,
    seconds: f64,
    /// Latencies in microseconds, sorted.
    latencies: Vec<u64>,
    /// Answers other than 200 by status, and requests without an answer (status 0).
    wrong: BTreeMap<u16, usize>,
    /// The median body size on the wire.
    bytes: usize,
}

impl Load {
    fn percentile(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return 0.0;
        }
        let rank = ((p / 100.0) * self.latencies.len() as f64).ceil() as usize;
        self.latencies[rank.clamp(1, self.latencies.len()) - 1] as f64 / 1000.0
    }

    fn wrong_count(&self) -> usize {
        self.wrong.values().sum()
    }
}

async fn load(client: &reqwest::Client, url: &str, seconds: f64, connections: usize) -> Load {
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(seconds);
    let lanes = (0..connections.max(1)).map(|_| {
        let client = client.clone();
        let url = url.to_owned();
        tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut sizes = Vec::new();
            let mut wrong: BTreeMap<u16, usize> = BTreeMap::new();
            while Instant::now() < deadline {
                let sent = Instant::now();
                let answer = match client
                    .get(&url)
                    .header(ACCEPT_ENCODING, "gzip, br")
                    .send()
                    .await
                {
                    Ok(r) => {
                        let status = r.status().as_u16();
                        r.bytes().await.map(|b| (status, b.len())).ok()
                    }
                    Err(_) => None,
                };
                latencies.push(sent.elapsed().as_micros() as u64);
                match answer {
                    Some((200, size)) => sizes.push(size),
                    Some((status, _)) => *wrong.entry(status).or_default() += 1,
                    None => *wrong.entry(0).or_default() += 1,
                }
            }
            (latencies, sizes, wrong)
        })
    });
    let lanes: Vec<_> = lanes.collect();
    let mut latencies = Vec::new();
    let mut sizes = Vec::new();
    let mut wrong: BTreeMap<u16, usize> = BTreeMap::new();
    for lane in lanes {
        match lane.await {
            Ok((l, s, w)) => {
                latencies.extend(l);
                sizes.extend(s);
                for (status, n) in w {
                    *wrong.entry(status).or_default() += n;
                }
            }
            Err(_) => *wrong.entry(0).or_default() += 1,
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    sizes.sort_unstable();
    Load {
        requests: latencies.len(),
        seconds,
        latencies,
        wrong,
        bytes: sizes.get(sizes.len() / 2).copied().unwrap_or(0),
    }
}

/// Statements PostgreSQL has run, all databases and users, but the counting itself.
fn statements_run(conn: &mut PgConnection) -> Option<i64> {
    diesel::sql_query(
        "SELECT coalesce(sum(calls), 0)::int8 AS n FROM pg_stat_statements \
         WHERE query NOT LIKE '%pg_stat_statements%'",
    )
    .get_result::<Count>(conn)
    .ok()
    .map(|c| c.n)
}

/// The statements of one request: the fewest of three tries, so that a background
/// task's work in the same moment does not count.
async fn statements_per_request(
    conn: &mut PgConnection,
    client: &reqwest::Client,
    url: &str,
) -> Option<i64> {
    let mut fewest: Option<i64> = None;
    for _ in 0..3 {
        let before = statements_run(conn)?;
        compressed(client, url).await.ok()?;
        let after = statements_run(conn)?;
        let n = after - before;
        if n >= 0 {
            fewest = Some(fewest.map_or(n, |f| f.min(n)));
        }
    }
    fewest
}

/// One row of the table.
struct Row {
    route: &'static str,
    role: &'static str,
    href: String,
    connections: usize,
    load: Load,
    weight: Option<usize>,
    statements: Option<i64>,
    peak_kb: u64,
}

fn kb(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / 1024.0)
}

fn ms(value: f64) -> String {
    if value < 10.0 {
        format!("{value:.2}")
    } else {
        format!("{value:.0}")
    }
}

/// Requests a second: whole numbers, but a decimal below 10 (a slow export is not 0).
fn rate(value: f64) -> String {
    if value < 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.0}")
    }
}

struct Plan {
    role: &'static str,
    client: reqwest::Client,
    discovery: Discovery,
}

async fn run(args: Args) -> Result<bool, String> {
    let base = args.base.trim_end_matches('/').to_owned();
    let routes = get_routes();
    let wanted_roles: Option<Vec<String>> = args.roles.as_ref().map(|r| {
        r.split(',')
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty())
            .collect()
    });
    let wanted = |role: &str| {
        wanted_roles
            .as_ref()
            .is_none_or(|w| w.iter().any(|r| r == role))
    };
    let mut conn = PgConnection::establish(&args.database_url)
        .map_err(|e| format!("connecting to {}: {e}", args.database_url))?;
    let counting = statements_run(&mut conn).is_some();
    if !counting {
        eprintln!(
            "pg_stat_statements is not loaded by the server's PostgreSQL: no statement counts"
        );
    }
    eprintln!(
        "{} GET routes in the route table ({} public)",
        routes.len(),
        routes.iter().filter(|r| r.public).count()
    );

    let memory = args.pid.map(Memory::start);
    let idle_kb = args.pid.and_then(rss_kb).unwrap_or(0);

    // Discovery, role by role.
    let mut plans: Vec<Plan> = Vec::new();
    let mut public_links: BTreeSet<String> = BTreeSet::new();
    let mut failures: Vec<String> = Vec::new();
    for (role, email) in ROLES {
        if !wanted(role) {
            continue;
        }
        let started = Instant::now();
        let client = sign_in(&base, email, &args.password).await?;
        let organization = organization_of(&mut conn, email)?;
        let mut cache: HashMap<String, Result<Vec<String>, String>> = HashMap::new();
        let mut ids = |table: &str| {
            cache
                .entry(table.to_owned())
                .or_insert_with(|| ids_of(&mut conn, table, &organization))
                .clone()
        };
        let discovery = discover(&client, &base, &routes, false, Vec::new(), &mut ids).await;
        let reached = discovery
            .outcomes
            .values()
            .filter(|o| matches!(o, Outcome::Reached { .. }))
            .count();
        eprintln!(
            "{role}: {reached} routes reached in {:.0?}",
            started.elapsed()
        );
        public_links.extend(discovery.public_links.iter().cloned());
        failures.extend(discovery.failures.iter().map(|f| format!("{role}: {f}")));
        plans.push(Plan {
            role,
            client,
            discovery,
        });
    }
    if wanted(SIGNED_OUT) {
        let client = new_client()?;
        let mut no_ids = |_: &str| Err("public routes take no ids from the database".to_owned());
        let discovery = discover(
            &client,
            &base,
            &routes,
            true,
            public_links.into_iter().collect(),
            &mut no_ids,
        )
        .await;
        failures.extend(
            discovery
                .failures
                .iter()
                .map(|f| format!("{SIGNED_OUT}: {f}")),
        );
        plans.push(Plan {
            role: SIGNED_OUT,
            client,
            discovery,
        });
    }

    // The load, route by route.
    let mut asset_bytes: HashMap<String, usize> = HashMap::new();
    let mut rows: Vec<Row> = Vec::new();
    for plan in &plans {
        for (route, outcome) in &plan.discovery.outcomes {
            let Outcome::Reached { href, html, heavy } = outcome else {
                continue;
            };
            let names = |list: &Option<String>| {
                list.as_deref().map(|l| {
                    l.split(',')
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .any(|p| route.contains(p))
                })
            };
            if names(&args.only) == Some(false) || names(&args.skip) == Some(true) {
                continue;
            }
            let url = format!("{base}{href}");
            let statements = if counting {
                statements_per_request(&mut conn, &plan.client, &url).await
            } else {
                None
            };
            let mut weight = None;
            if *html {
                let page = fetch(&plan.client, &url).await?;
                let mut total = compressed(&plan.client, &url).await?.1;
                for asset in addresses(&page.body, &base, ASSETS) {
                    if !asset_bytes.contains_key(&asset) {
                        let (_, size) = compressed(&plan.client, &format!("{base}{asset}")).await?;
                        asset_bytes.insert(asset.clone(), size);
                    }
                    total += asset_bytes[&asset];
                }
                weight = Some(total);
            }
            if let Some(m) = &memory {
                m.next_window();
            }
            let connections = if *heavy { 1 } else { args.connections };
            let result = load(&plan.client, &url, args.seconds, connections).await;
            let peak_kb = memory.as_ref().map_or(0, Memory::next_window);
            eprintln!(
                "{:>8.0} req/s  p50 {:>6} ms  p99 {:>6} ms  {:>7} B  {}{}  {}  {href}",
                result.requests as f64 / result.seconds,
                ms(result.percentile(50.0)),
                ms(result.percentile(99.0)),
                result.bytes,
                statements.map_or(String::new(), |s| format!("{s} statements  ")),
                if result.wrong_count() > 0 {
                    format!("NON-200 {:?}", result.wrong)
                } else {
                    String::new()
                },
                plan.role,
            );
            rows.push(Row {
                route,
                role: plan.role,
                href: href.clone(),
                connections,
                load: result,
                weight,
                statements,
                peak_kb,
            });
        }
    }
    let peak_kb = memory
        .as_ref()
        .map_or(0, |m| m.peak.load(Ordering::Relaxed));
    drop(memory);

    rows.sort_by(|a, b| {
        b.load
            .percentile(99.0)
            .total_cmp(&a.load.percentile(99.0))
            .then(a.route.cmp(b.route))
    });
    let failed_rows: Vec<&Row> = rows.iter().filter(|r| r.load.wrong_count() > 0).collect();
    let heavy: Vec<&Row> = rows
        .iter()
        .filter(|r| r.weight.is_some_and(|w| w > PAGE_WEIGHT_LIMIT))
        .collect();

    let mut md = String::new();
    let requests: usize = rows.iter().map(|r| r.load.requests).sum();
    md.push_str(&format!(
        "- **Crawl:** {} route loads ({} routes of {} GET routes in the route table, over {} roles), \
         {} s each at {} connections, {requests} requests\n",
        rows.len(),
        rows.iter().map(|r| r.route).collect::<BTreeSet<_>>().len(),
        routes.len(),
        plans.len(),
        args.seconds,
        args.connections,
    ));
    if args.pid.is_some() {
        md.push_str(&format!(
            "- **Server memory:** RSS {:.1} MB before the crawl, peak {:.1} MB through its discovery and load (target < 150 MB){}\n",
            idle_kb as f64 / 1024.0,
            peak_kb as f64 / 1024.0,
            if peak_kb > 150 * 1024 { " **over the target**" } else { "" },
        ));
    }
    md.push_str(&format!(
        "- **Page weight:** {} of {} pages over {} KB (HTML, stylesheets and scripts, compressed){}\n",
        heavy.len(),
        rows.iter().filter(|r| r.weight.is_some()).count(),
        PAGE_WEIGHT_LIMIT / 1024,
        if heavy.is_empty() {
            String::new()
        } else {
            format!(
                ": {}",
                heavy
                    .iter()
                    .map(|r| format!("`{}` as {} ({} KB)", r.route, r.role, kb(r.weight.unwrap_or(0))))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    ));
    md.push_str(&format!(
        "- **Non-200 under load:** {}\n",
        if failed_rows.is_empty() {
            "none".to_owned()
        } else {
            failed_rows
                .iter()
                .map(|r| format!("`{}` as {} {:?}", r.href, r.role, r.load.wrong))
                .collect::<Vec<_>>()
                .join(", ")
        }
    ));
    if !failures.is_empty() {
        md.push_str(&format!(
            "- **Failed while discovering:** {}\n",
            failures.join("; ")
        ));
    }
    md.push('\n');
    md.push_str(
        "| route | role | connections | req/s | p50 ms | p99 ms | KB sent | page KB | statements | peak RSS MB | non-200 |\n\
         |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in &rows {
        md.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} | {} | {}{} | {} | {:.1} | {} |\n",
            r.route,
            r.role,
            r.connections,
            rate(r.load.requests as f64 / r.load.seconds),
            ms(r.load.percentile(50.0)),
            ms(r.load.percentile(99.0)),
            kb(r.load.bytes),
            r.weight.map_or("–".to_owned(), kb),
            if r.weight.is_some_and(|w| w > PAGE_WEIGHT_LIMIT) {
                " ⚠"
            } else {
                ""
            },
            r.statements.map_or("n/a".to_owned(), |s| s.to_string()),
            r.peak_kb as f64 / 1024.0,
            r.load.wrong_count(),
        ));
    }
    md.push('\n');
    if !counting {
        md.push_str(
            "Statements: n/a, the server's PostgreSQL does not load pg_stat_statements \
             (`bench/run crawl` turns it on).\n\n",
        );
    }

    let mut gated: Vec<String> = Vec::new();
    let mut not_reached: Vec<String> = Vec::new();
    for plan in &plans {
        let mut gates = 0;
        for (route, outcome) in &plan.discovery.outcomes {
            match outcome {
                Outcome::Gated => gates += 1,
                Outcome::NotReached(reason) => {
                    not_reached.push(format!("- `{route}` as {}: {reason}", plan.role))
                }
                Outcome::Reached { .. } => {}
            }
        }
        if gates > 0 {
            gated.push(format!("{} {gates}", plan.role));
        }
    }
    if !gated.is_empty() {
        md.push_str(&format!(
            "Skipped, the role's gate answers 403: {}.\n\n",
            gated.join(", ")
        ));
    }
    if !not_reached.is_empty() {
        md.push_str(&format!("Not reached ({}):\n\n", not_reached.len()));
        for line in &not_reached {
            md.push_str(line);
            md.push('\n');
        }
        md.push('\n');
    }
    println!("{md}");
    if let Some(path) = &args.markdown {
        std::fs::write(path, &md).map_err(|e| format!("writing {}: {e}", path.display()))?;
    }
    Ok(failed_rows.is_empty() && failures.is_empty())
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    match run(args).await {
        Ok(true) => {}
        Ok(false) => {
            eprintln!("FAILED: some requests answered other than 200 (see above)");
            std::process::exit(1);
        }
        Err(e) => {
            eprintln!("crawl: {e}");
            std::process::exit(1);
        }
    }
}
