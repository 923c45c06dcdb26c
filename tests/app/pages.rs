use crate::common::{DemoUser, spawn_app};

#[actix_web::test]
async fn unknown_pages_get_a_friendly_404() {
    let app = spawn_app().await;
    let response = app.get(&app.client(), "/no-such-page").await;
    assert_eq!(response.status(), 404);
    let html = response.text().await.expect("page");
    assert!(html.contains("Page not found"));
    assert!(html.contains(r#"href="/""#), "offers a way back");
}

#[actix_web::test]
async fn pages_carry_security_headers() {
    let app = spawn_app().await;
    let response = app.get(&app.client(), "/login").await;
    let headers = response.headers();
    let csp = headers["content-security-policy"].to_str().expect("csp");
    assert!(csp.contains("script-src 'self'"));
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "same-origin");
    assert!(headers.contains_key("permissions-policy"));
    assert!(headers.contains_key("x-request-id"));
}

#[actix_web::test]
async fn the_layout_serves_its_own_css_and_pinned_htmx() {
    let app = spawn_app().await;
    let client = app.client();
    let html = app.get(&client, "/login").await.text().await.expect("page");
    for prefix in ["/static/css/app.css?v=", "/static/js/htmx.min.js?v="] {
        let at = html
            .find(prefix)
            .unwrap_or_else(|| panic!("{prefix} is linked"));
        let url = &html[at..at + html[at..].find('"').expect("end of attribute")];
        let response = app.get(&client, url).await;
        assert_eq!(response.status(), 200, "{url}");
        assert!(
            response.headers()["cache-control"]
                .to_str()
                .expect("header")
                .contains("immutable")
        );
        let body = response.text().await.expect("asset");
        assert!(body.len() > 1000, "{url} has content");
    }
    let htmx = app
        .get(&client, "/static/js/htmx.min.js")
        .await
        .text()
        .await
        .expect("htmx");
    assert!(htmx.contains("2.0.11"), "the pinned htmx version is served");
}

#[actix_web::test]
async fn each_organization_sees_only_its_own_school() {
    let app = spawn_app().await;
    let northwind = app.signed_in(DemoUser::Admin).await;
    let riverside = app.signed_in(DemoUser::RiversideAdmin).await;
    let north_html = app
        .get(&northwind, "/")
        .await
        .text()
        .await
        .expect("dashboard");
    let river_html = app
        .get(&riverside, "/")
        .await
        .text()
        .await
        .expect("dashboard");
    assert!(north_html.contains("Northwind Academy"));
    assert!(!north_html.contains("Riverside School"));
    assert!(river_html.contains("Riverside School"));
    assert!(!river_html.contains("Northwind Academy"));

    let students = |html: &str| -> i64 {
        let at = html
            .find(r#"<div class="label">Students</div>"#)
            .expect("students stat");
        let before = &html[..at];
        let value_at = before.rfind(r#"<div class="value">"#).expect("value");
        before[value_at + r#"<div class="value">"#.len()..]
            .split('<')
            .next()
            .and_then(|v| v.trim().parse().ok())
            .expect("a number")
    };
    assert!(
        students(&north_html) > 500,
        "Northwind has its ~600 students"
    );
    assert!(students(&river_html) < 100, "Riverside counts only its own");
}

#[actix_web::test]
async fn the_menu_and_sign_out_fit_a_phone() {
    let app = spawn_app().await;
    let client = app.signed_in(DemoUser::Teacher).await;
    let html = app.get(&client, "/").await.text().await.expect("dashboard");
    assert!(html.contains(r#"name="viewport" content="width=device-width, initial-scale=1""#));
    assert!(html.contains(r#"<form method="post" action="/logout">"#));
    assert!(
        html.contains(r#"aria-current="page""#),
        "the current page is marked in the menu"
    );
}

/// A rule block left open makes every later rule apply only inside it: at one
/// screen width the page looks right, at every other it falls apart.
#[test]
fn every_block_of_the_stylesheet_is_closed_where_its_section_ends() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/static/css/app.css");
    let css = std::fs::read_to_string(path).expect("the stylesheet");
    let mut depth = 0i32;
    for (n, line) in css.lines().enumerate() {
        // Section comments start in the first column, outside every block.
        if line.starts_with("/*") {
            assert_eq!(
                depth,
                0,
                "app.css:{}: a block is still open at {line:?}",
                n + 1
            );
        }
        depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
        assert!(depth >= 0, "app.css:{}: a block is closed twice", n + 1);
    }
    assert_eq!(depth, 0, "app.css ends with {depth} blocks open");
}

/// The main menu, one `Group: label -> href` line per link (the user's own pages
/// under `Account`), `*` marking the current page.
fn menu_links(html: &str) -> Vec<String> {
    let start = html
        .find(r#"<nav id="main-menu" class="main-menu" aria-label="Main">"#)
        .expect("the page has a main menu");
    let menu = &html[start..start + html[start..].find("</nav>").expect("the menu ends")];
    let mut group = "Account".to_owned();
    let mut links = Vec::new();
    for piece in menu.split('<').skip(1) {
        let (tag, text) = piece.split_once('>').unwrap_or((piece, ""));
        if tag.starts_with(r#"summary class="nav-heading""#) {
            group = text.trim().replace("&#38;", "&");
        } else if tag.starts_with(r#"div class="account""#) {
            group = "Account".to_owned();
        } else if let Some(rest) = tag.strip_prefix(r#"a href=""#) {
            let href = rest.split('"').next().expect("a link");
            let current = if tag.contains(r#"aria-current="page""#) {
                " *"
            } else {
                ""
            };
            links.push(format!("{group}: {} -> {href}{current}", text.trim()));
        }
    }
    links
}

/// The menu's groups, one `Group: label, label, …` line each.
fn menu_groups(links: &[String]) -> Vec<String> {
    let mut lines: Vec<(String, Vec<String>)> = Vec::new();
    for link in links {
        let (group, rest) = link.split_once(": ").expect("a group");
        let label = rest.split(" -> ").next().expect("a label").to_owned();
        match lines.last_mut() {
            Some((last, labels)) if last == group => labels.push(label),
            _ => lines.push((group.to_owned(), vec![label])),
        }
    }
    lines
        .into_iter()
        .map(|(group, labels)| format!("{group}: {}", labels.join(", ")))
        .collect()
}

/// The menu is grouped by the school's work (no "Records" catch-all): each record
/// table is a link in its group, logs and summaries sit under Administration, and
/// each role sees only the links it may open.
#[actix_web::test]
async fn each_role_sees_its_own_menu_in_the_usual_order() {
    const EVERYTHING: [&str; 79] = [
        "Today: Dashboard -> /",
        "Today: Inbox -> /inbox",
        "Today: Today -> /today",
        "Students & families: Students -> /students",
        "Students & families: Guardians -> /guardians",
        "Students & families: Parents and guardians -> /guardian-people",
        "Students & families: Families -> /families",
        "Students & families: Admissions -> /admissions",
        "Students & families: Enrol in a class -> /enrolment",
        "Attendance: Attendance today -> /attendance/overview",
        "Attendance: Missing rolls -> /attendance/missing",
        "Attendance: Chronic absence -> /attendance/chronic",
        "Attendance: Attendance sessions -> /attendance-sessions",
        "Attendance: Attendance records -> /attendance-records",
        "Attendance: Campus attendance settings -> /campus-attendance-config",
        "Academics: Gradebooks -> /gradebook",
        "Academics: Report cards -> /report-cards",
        "Academics: Grading scale -> /grading",
        "Academics: Timetable builder -> /timetable",
        "Academics: Year rollover -> /rollover",
        "Academics: Academic years -> /academic-years",
        "Academics: Terms -> /academic-terms",
        "Academics: Grades -> /grades",
        "Academics: Subjects -> /subjects",
        "Academics: Classes -> /classes",
        "Academics: Class enrolments -> /class-enrollments",
        "Academics: Class subjects -> /class-subjects",
        "Academics: Timetables -> /timetables",
        "Academics: Timetable periods -> /timetable-periods",
        "Academics: Assessments -> /assessments",
        "Academics: Assessment results -> /assessment-results",
        "Finance: Finance overview -> /finance/overview",
        "Finance: Invoice fee plans -> /finance/billing",
        "Finance: Aging -> /finance/aging",
        "Finance: Discount rules -> /finance/discounts",
        "Finance: Finance settings -> /finance/settings",
        "Finance: Budgets -> /finance/budgets",
        "Finance: Fee plans -> /fee-plans",
        "Finance: Invoices -> /invoices",
        "Finance: Payments -> /payments",
        "Communication: New message -> /messages/new",
        "Communication: Calendar -> /calendar",
        "Communication: Messages -> /messages",
        "Communication: Events -> /communication-events",
        "Communication: Documents -> /documents",
        "Staff: Staff -> /staff",
        "Staff: Staff attendance -> /attendance/staff",
        "Staff: Walkthroughs -> /walkthroughs",
        "Staff: Safety quiz -> /staff-development/quiz",
        "Staff: Weekly frame -> /staff-development/frame",
        "Staff: Personality quiz -> /staff-development/personality",
        "Staff: Zone check-in -> /staff-development/zones",
        "Staff: Team zones -> /staff-development/zones/campuses",
        "Staff: Sign learning -> /staff-development/signs",
        "Staff: Team signs -> /staff-development/signs/campuses",
        "Staff: Staff attendance records -> /staff-attendance-records",
        "Staff: Frame posts -> /frame-entries",
        "Staff: Progress -> /user-progress",
        "Staff: Safety quiz results -> /safety-quiz-results",
        "Staff: Personality quiz results -> /personality-quiz-results",
        "Staff: Walkthrough check-ins -> /walkthrough-checkins",
        "Administration: Users -> /admin/users",
        "Administration: Roles -> /admin/roles",
        "Administration: Jobs -> /admin/jobs",
        "Administration: Outbox -> /admin/outbox",
        "Administration: School settings -> /settings",
        "Administration: Who saw what -> /privacy/access",
        "Administration: Records past retention -> /privacy/retention",
        "Administration: Staff development content -> /staff-development/content/safety-quizzes",
        "Administration: Campuses -> /campuses",
        "Administration: Campus attendance summaries -> /campus-attendance-summaries",
        "Administration: Message recipients -> /message-recipients",
        "Administration: Content catalog -> /content-catalog",
        "Administration: Organizations -> /organizations",
        "Administration: Login history -> /login-history",
        "Administration: Audit log -> /audit-log",
        "Administration: Scheduled tasks -> /scheduled-tasks",
        "Administration: Sync logs -> /sync-logs",
        "Account: Your profile -> /profile *",
    ];
    const ALL_BUT_ORGANIZATIONS: &[&str] = &[
        "Today: Dashboard, Inbox, Today",
        "Students & families: Students, Guardians, Parents and guardians, Families, Admissions, Enrol in a class",
        "Attendance: Attendance today, Missing rolls, Chronic absence, Attendance sessions, \
         Attendance records, Campus attendance settings",
        "Academics: Gradebooks, Report cards, Grading scale, Timetable builder, Year rollover, Academic years, Terms, \
         Grades, Subjects, Classes, Class enrolments, Class subjects, \
         Timetables, Timetable periods, Assessments, Assessment results",
        "Finance: Finance overview, Invoice fee plans, Aging, Discount rules, Finance settings, \
         Budgets, Fee plans, Invoices, Payments",
        "Communication: New message, Calendar, Messages, Events, Documents",
        "Staff: Staff, Staff attendance, Walkthroughs, Safety quiz, Weekly frame, Personality quiz, \
         Zone check-in, Team zones, Sign learning, Team signs, \
         Staff attendance records, Frame posts, Progress, Safety quiz results, \
         Personality quiz results, Walkthrough check-ins",
        "Administration: Users, Roles, Jobs, Outbox, School settings, Who saw what, \
         Records past retention, Campuses, \
         Campus attendance summaries, Message recipients, Content catalog, Login history, \
         Audit log, Scheduled tasks, Sync logs",
        "Account: Your profile",
    ];
    let app = spawn_app().await;
    for who in DemoUser::ALL {
        let expected: &[&str] = match who {
            DemoUser::Root => &[],
            DemoUser::Admin | DemoUser::RiversideAdmin => ALL_BUT_ORGANIZATIONS,
            DemoUser::Director => &[
                "Today: Dashboard, Inbox",
                "Students & families: Students, Guardians, Parents and guardians, Families, Admissions",
                "Attendance: Attendance today, Missing rolls, Chronic absence, \
                 Attendance sessions, Attendance records, Campus attendance settings",
                "Academics: Gradebooks, Report cards, Grading scale, Timetable builder, Academic years, Terms, Grades, Subjects, \
                 Classes, Class enrolments, Class subjects, Timetables, Timetable periods, Assessments, Assessment results",
                "Finance: Finance overview, Aging, Fee plans, Invoices, Payments",
                "Communication: New message, Calendar, Messages, Events, Documents",
                "Staff: Staff, Staff attendance, Walkthroughs, Safety quiz, Weekly frame, Personality quiz, \
                 Team zones, Team signs, \
                 Staff attendance records, Frame posts, Walkthrough check-ins",
                "Administration: Campuses, Campus attendance summaries, Message recipients, \
                 Content catalog",
                "Account: Your profile",
            ],
            DemoUser::Teacher => &[
                "Today: Dashboard, Inbox, Today",
                "Students & families: Students, Guardians, Parents and guardians, Families",
                "Attendance: Attendance sessions, Attendance records",
                "Academics: Gradebooks, Report cards, Grading scale, Timetable builder, Academic years, Terms, Grades, Subjects, \
                 Classes, Class enrolments, Class subjects, Timetables, Timetable periods, Assessments, Assessment results",
                "Communication: New message, Calendar, Messages, Events",
                "Staff: Staff, Staff attendance, Walkthroughs, Safety quiz, Weekly frame, Personality quiz, \
                 Zone check-in, Sign learning, \
                 Staff attendance records, Frame posts, Progress, Safety quiz results, \
                 Personality quiz results, Walkthrough check-ins",
                "Administration: Campuses, Content catalog",
                "Account: Your profile",
            ],
            DemoUser::Accountant => &[
                "Today: Dashboard, Inbox",
                "Students & families: Students, Guardians, Parents and guardians, Families",
                "Academics: Academic years, Grades, Classes",
                "Finance: Finance overview, Invoice fee plans, Aging, Discount rules, Finance settings, \
         Budgets, Fee plans, Invoices, Payments",
                "Communication: Calendar, Documents",
                "Staff: Safety quiz, Personality quiz",
                "Administration: Campuses",
                "Account: Your profile",
            ],
            DemoUser::Office => &[
                "Today: Dashboard, Inbox",
                "Students & families: Students, Guardians, Parents and guardians, Families, Admissions, Enrol in a class",
                "Attendance: Attendance today, Missing rolls, Chronic absence, \
                 Attendance sessions, Attendance records, Campus attendance settings",
                "Academics: Academic years, Grades, Subjects, Classes, Class enrolments",
                "Communication: New message, Calendar, Messages, Events, Documents",
                "Staff: Staff, Staff attendance, Safety quiz, Personality quiz, Staff attendance records",
                "Administration: Campuses, Campus attendance summaries, Message recipients",
                "Account: Your profile",
            ],
        };
        let client = app.signed_in(who).await;
        let html = app.page(&client, "/profile").await;
        let links = menu_links(&html);
        if who == DemoUser::Root {
            // The one role that sees every link: the whole menu with its addresses.
            assert_eq!(links, EVERYTHING, "{who:?}");
        } else {
            assert_eq!(menu_groups(&links), expected, "{who:?}");
        }
        assert!(
            !html.contains(r#"href="/records""#),
            "{who:?}: no Records catch-all"
        );
    }

    let client = app.signed_in(DemoUser::Director).await;
    let html = app.page(&client, "/attendance/missing").await;
    let current: Vec<String> = menu_links(&html)
        .into_iter()
        .filter(|link| link.ends_with(" *"))
        .collect();
    assert_eq!(
        current,
        ["Attendance: Missing rolls -> /attendance/missing *"]
    );

    // A student's record is under Students, not under a link sharing its first letters.
    let html = app.page(&client, "/students").await;
    let student = html
        .split(r#"href="/students/"#)
        .skip(1)
        .map(|rest| rest.split(['"', '/']).next().unwrap_or_default())
        .find(|id| id.len() == 36)
        .expect("a student on the list");
    // Their profile, and their record with every column.
    for page in [
        format!("/students/{student}/profile"),
        format!("/students/{student}"),
    ] {
        let html = app.page(&client, &page).await;
        let current: Vec<String> = menu_links(&html)
            .into_iter()
            .filter(|link| link.ends_with(" *"))
            .collect();
        assert_eq!(
            current,
            ["Students & families: Students -> /students *"],
            "{page}"
        );
    }
}
