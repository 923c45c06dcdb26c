//! Statements of account, per student and per family: every invoice, payment,
//! refund and void in a date range with the running balance, starting from the
//! balance the account had on the range's first day.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use bigdecimal::BigDecimal;
use chrono::{Datelike, NaiveDate};

use super::documents::{self, Content, Doc, PaperQuery, Sharing};
use super::queries::desk::{self as queries, Account, Entry};
use crate::access::{Action, Entity, Gate, Permission, Routes};
use crate::db::Tenant;
use crate::i18n::Lang;
use crate::pdf::{Column, Document};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::format::Locale;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::render;

pub fn routes(r: &mut Routes) {
    let read = Gate::Requires(Permission::new(Action::Read, Entity::Invoices));
    let send = Gate::Requires(Permission::new(Action::Create, Entity::Payments));
    r.get("/finance/statements/students/{id}", read, student_statement);
    r.get("/finance/statements/families/{id}", read, family_statement);
    r.get("/finance/statements/students/{id}/pdf", read, student_pdf);
    r.get("/finance/statements/families/{id}/pdf", read, family_pdf);
    r.post(
        "/finance/statements/students/{id}/email",
        send,
        student_email,
    );
    r.post(
        "/finance/statements/families/{id}/email",
        send,
        family_email,
    );
}

/// The days a statement covers, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Range {
    /// The range a query asks for: by default the last twelve months to `today`;
    /// days that are not days, or a start after the end, are the reader's to fix.
    pub fn of(query: &PaperQuery, today: NaiveDate, t: Lang) -> Result<Range, AppError> {
        let day = |text: &Option<String>| -> Result<Option<NaiveDate>, AppError> {
            match text.as_deref().map(str::trim) {
                None | Some("") => Ok(None),
                Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map(Some)
                    .map_err(|_| AppError::BadRequest(t.text("fdesk-range-bad"))),
            }
        };
        let to = day(&query.to)?.unwrap_or(today);
        let year_before = to
            .with_year(to.year() - 1)
            .and_then(|d| d.succ_opt())
            .unwrap_or(to);
        let from = day(&query.from)?.unwrap_or(year_before);
        if from > to {
            return Err(AppError::BadRequest(t.text("fdesk-range-bad")));
        }
        Ok(Range { from, to })
    }

    /// `from=2026-01-01&to=2026-12-31`
    pub fn query(self) -> String {
        format!("from={}&to={}", self.from, self.to)
    }
}

/// One line of a statement, with the balance after it.
#[derive(Clone, Debug)]
pub struct Line {
    pub entry: Entry,
    pub balance: BigDecimal,
}

/// An account's statement over a range.
#[derive(Clone, Debug)]
pub struct Statement {
    pub account: Account,
    pub name: String,
    pub students: Vec<uuid::Uuid>,
    pub range: Range,
    pub opening: BigDecimal,
    pub lines: Vec<Line>,
    pub closing: BigDecimal,
}

/// The balance before the range from the entries before it, then each entry in the
/// range with the balance it leaves.
pub fn running(entries: Vec<Entry>, range: Range) -> (BigDecimal, Vec<Line>, BigDecimal) {
    let mut balance = BigDecimal::from(0);
    let mut opening = None;
    let mut lines = Vec::new();
    for entry in entries.into_iter().filter(|e| e.day <= range.to) {
        if entry.day < range.from {
            balance += &entry.amount;
            continue;
        }
        opening.get_or_insert_with(|| balance.clone());
        balance += &entry.amount;
        lines.push(Line {
            entry,
            balance: balance.clone(),
        });
    }
    let opening = opening.unwrap_or_else(|| balance.clone());
    (opening, lines, balance)
}

/// The statement of `account` over `range`.
pub fn statement(
    tenant: &mut Tenant<'_>,
    account: Account,
    range: Range,
) -> Result<Statement, AppError> {
    let (name, students) = queries::holder(tenant, account)?.ok_or(AppError::NotFound)?;
    let entries = queries::entries(tenant, &students, range.to)?;
    let (opening, lines, closing) = running(entries, range);
    Ok(Statement {
        account,
        name,
        students,
        range,
        opening,
        lines,
        closing,
    })
}

/// What an entry is, in the reader's language: "Invoice", "Payment on INV-…", …
pub fn what(t: Lang, entry: &Entry) -> String {
    let id = match entry.kind.as_str() {
        "invoice" => crate::i18n::msg("fdesk-entry-invoice"),
        "payment" => crate::i18n::msg("fdesk-entry-payment"),
        "refund" => crate::i18n::msg("fdesk-entry-refund"),
        _ => crate::i18n::msg("fdesk-entry-void"),
    };
    t.message(id)
        .arg("invoice", entry.invoice.as_str())
        .to_string()
}

/// An entry's amount in its column: charges add to the balance, credits take off.
fn columns(locale: &Locale, entry: &Entry) -> (String, String) {
    if entry.amount >= 0 {
        (locale.money(&entry.amount), String::new())
    } else {
        (String::new(), locale.money(&-entry.amount.clone()))
    }
}

pub fn pages(doc: &mut Document, locale: &Locale, s: &Statement) {
    let t = locale.t;
    doc.heading(
        2,
        t.message("fdesk-statement-title")
            .arg("name", s.name.as_str())
            .to_string(),
    );
    doc.paragraph(period(t, s.range));
    let mut rows = vec![vec![
        t.date(s.range.from),
        t.text("fdesk-opening"),
        String::new(),
        String::new(),
        String::new(),
        locale.money(&s.opening),
    ]];
    for line in &s.lines {
        let (charge, credit) = columns(locale, &line.entry);
        rows.push(vec![
            t.date(line.entry.day),
            format!("{}\n{}", what(t, &line.entry), line.entry.student),
            line.entry.number.clone(),
            charge,
            credit,
            locale.money(&line.balance),
        ]);
    }
    rows.push(vec![
        t.date(s.range.to),
        t.text("fdesk-closing"),
        String::new(),
        String::new(),
        String::new(),
        locale.money(&s.closing),
    ]);
    doc.table(
        &[
            Column::new(t.text("fdesk-statement-date"), 1.1),
            Column::new(t.text("fdesk-statement-entry"), 2.4),
            Column::new(t.text("fdesk-statement-reference"), 1.4),
            Column::right(t.text("fdesk-statement-charge"), 1.1),
            Column::right(t.text("fdesk-statement-credit"), 1.1),
            Column::right(t.text("fdesk-balance"), 1.1),
        ],
        rows,
    );
}

/// "From 8 Dec 2025 to 7 Dec 2026"
fn period(t: Lang, range: Range) -> String {
    t.message("fdesk-statement-period")
        .arg("from", t.date(range.from))
        .arg("to", t.date(range.to))
        .to_string()
}

#[derive(Template)]
#[template(path = "finance/statement.html")]
struct StatementPage {
    layout: Layout,
    locale: Locale,
    statement: Statement,
    school: String,
    logo: Option<String>,
    sharing: Sharing,
    path: String,
    may_take: bool,
}

impl StatementPage {
    fn what(&self, entry: &Entry) -> String {
        what(self.layout.t, entry)
    }

    fn columns(&self, entry: &Entry) -> (String, String) {
        columns(&self.locale, entry)
    }

    fn period(&self) -> String {
        period(self.layout.t, self.statement.range)
    }

    /// The page of an entry's document: a payment's receipt, else the invoice.
    fn href(&self, entry: &Entry) -> String {
        match entry.payment_id {
            Some(payment) => format!("/finance/payments/{payment}"),
            None => format!("/finance/invoices/{}", entry.invoice_id),
        }
    }
}

async fn show(
    page: Page,
    state: web::Data<AppState>,
    account: Account,
    query: &PaperQuery,
) -> Result<HttpResponse, AppError> {
    let range = Range::of(query, page.access.today(), page.t)?;
    let doc = Doc::Statement(account, range);
    let loaded = run_in(&state.pool, page.access.actor(), move |tenant| {
        documents::load(tenant, doc)
    })
    .await?;
    let title = loaded.title(page.t);
    let students = loaded.students;
    let Content::Statement(statement) = loaded.content else {
        return Err(AppError::NotFound);
    };
    let shown = render(&StatementPage {
        layout: page.layout(title),
        locale: page.locale(),
        path: format!("/finance/statements/{}", account.path()),
        statement,
        school: loaded.school,
        logo: loaded.logo_file.map(crate::web::brand::logo_url),
        sharing: Sharing::of(doc),
        may_take: page.can(Action::Create, Entity::Payments),
    })?;
    Ok(crate::privacy::mark_students(shown, &students))
}

fn account(kind: &str, id: &str) -> Result<Account, AppError> {
    Account::parse(kind, id).ok_or(AppError::NotFound)
}

async fn student_statement(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
    query: input::Query<PaperQuery>,
) -> Result<HttpResponse, AppError> {
    show(page, state, account("students", &id)?, &query).await
}

async fn family_statement(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
    query: input::Query<PaperQuery>,
) -> Result<HttpResponse, AppError> {
    show(page, state, account("families", &id)?, &query).await
}

async fn pdf(
    page: Page,
    state: web::Data<AppState>,
    account: Account,
    query: &PaperQuery,
) -> Result<HttpResponse, AppError> {
    let range = Range::of(query, page.access.today(), page.t)?;
    documents::pdf_of(page, &state, Doc::Statement(account, range), query).await
}

async fn student_pdf(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
    query: input::Query<PaperQuery>,
) -> Result<HttpResponse, AppError> {
    pdf(page, state, account("students", &id)?, &query).await
}

async fn family_pdf(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
    query: input::Query<PaperQuery>,
) -> Result<HttpResponse, AppError> {
    pdf(page, state, account("families", &id)?, &query).await
}

async fn email(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    account: Account,
    query: &PaperQuery,
    fields: input::Fields,
) -> Result<HttpResponse, AppError> {
    let range = Range::of(query, page.access.today(), page.t)?;
    documents::email_of(page, state, session, Doc::Statement(account, range), fields).await
}

async fn student_email(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<String>,
    query: input::Query<PaperQuery>,
    fields: input::Fields,
) -> Result<HttpResponse, AppError> {
    email(
        page,
        state,
        session,
        account("students", &id)?,
        &query,
        fields,
    )
    .await
}

async fn family_email(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<String>,
    query: input::Query<PaperQuery>,
    fields: input::Fields,
) -> Result<HttpResponse, AppError> {
    email(
        page,
        state,
        session,
        account("families", &id)?,
        &query,
        fields,
    )
    .await
}
