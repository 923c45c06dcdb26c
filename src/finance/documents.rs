//! Finance documents: an invoice with its lines, a receipt, a statement of account.
//! Each prints as a page, downloads as a PDF with the same content (A4 or Letter),
//! and goes by e-mail, the PDF attached, to the guardians who receive invoices —
//! once per click, in each guardian's language.

use actix_session::Session;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use askama::Template;
use bigdecimal::BigDecimal;
use uuid::Uuid;

use super::queries::desk::{self as desk_queries, Account, Paid, Voided};
use super::queries::{self, InvoiceHead, Line};
use super::statements::{self, Range, Statement};
use crate::access::{Action, Entity, Gate, Permission, Routes};
use crate::db::{StudentId, Tenant};
use crate::families::recipients::{Purpose, guardians_of};
use crate::files::FileStore;
use crate::forms::Guard;
use crate::forms::once::{self, Once, Owner};
use crate::i18n::{self, Lang};
use crate::mail::{Attachment, Email};
use crate::pdf::{Column, Document, PageSize, PdfError};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::format::Locale;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render, see_other};

pub fn routes(r: &mut Routes) {
    let read = Gate::Requires(Permission::new(Action::Read, Entity::Invoices));
    let send = Gate::Requires(Permission::new(Action::Create, Entity::Payments));
    r.get("/finance/invoices/{id}", read, invoice);
    r.get("/finance/invoices/{id}/pdf", read, invoice_pdf);
    r.post("/finance/invoices/{id}/email", send, invoice_email);
}

/// A document, by what it is about.
#[derive(Clone, Copy, Debug)]
pub enum Doc {
    Invoice(Uuid),
    Receipt(Uuid),
    Statement(Account, Range),
}

impl Doc {
    /// The document's printable page.
    pub fn page_path(self) -> String {
        match self {
            Doc::Invoice(id) => format!("/finance/invoices/{id}"),
            Doc::Receipt(id) => format!("/finance/payments/{id}"),
            Doc::Statement(account, range) => {
                format!("/finance/statements/{}?{}", account.path(), range.query())
            }
        }
    }
}

/// What a document shows.
pub enum Content {
    Invoice {
        head: Box<InvoiceHead>,
        lines: Vec<Line>,
        voided: Option<Voided>,
    },
    Receipt {
        paid: Vec<Paid>,
        /// What the student still owes on all their open invoices.
        outstanding: BigDecimal,
    },
    Statement(Statement),
}

/// A document read from the database, with the school it comes from.
pub struct Loaded {
    pub content: Content,
    pub students: Vec<Uuid>,
    pub school: String,
    pub logo_file: Option<Uuid>,
}

/// Reads the document `doc` of the tenant's school; not found when it is not one of its.
pub fn load(tenant: &mut Tenant<'_>, doc: Doc) -> Result<Loaded, AppError> {
    let (content, students) = match doc {
        Doc::Invoice(id) => {
            let head = queries::invoice_head(tenant, id)?.ok_or(AppError::NotFound)?;
            let student = invoice_student(tenant, id)?;
            let lines = queries::lines_of(tenant, id)?;
            let voided = desk_queries::voided(tenant, id)?;
            let content = Content::Invoice {
                head: Box::new(head),
                lines,
                voided,
            };
            (content, vec![student])
        }
        Doc::Receipt(id) => {
            let paid = desk_queries::receipt(tenant, id)?;
            let mut students: Vec<Uuid> = paid.iter().map(|p| p.student_id).collect();
            students.dedup();
            if students.is_empty() {
                return Err(AppError::NotFound);
            }
            let outstanding = desk_queries::outstanding(tenant, &students)?;
            (Content::Receipt { paid, outstanding }, students)
        }
        Doc::Statement(account, range) => {
            let statement = statements::statement(tenant, account, range)?;
            let students = statement.students.clone();
            (Content::Statement(statement), students)
        }
    };
    let (school, logo_file) = desk_queries::school(tenant)?;
    Ok(Loaded {
        content,
        students,
        school,
        logo_file,
    })
}

fn invoice_student(tenant: &mut Tenant<'_>, invoice: Uuid) -> Result<Uuid, AppError> {
    use crate::db::schema::invoices;
    use diesel::prelude::*;
    Ok(invoices::table
        .find(invoice)
        .filter(invoices::organization_id.eq(tenant.organization()))
        .select(invoices::student_id)
        .first(tenant.conn())?)
}

impl Loaded {
    /// "Invoice INV-2026-00001", "Receipt RCT-2026-00004", "Statement of account: …".
    pub fn title(&self, t: Lang) -> String {
        match &self.content {
            Content::Invoice { head, .. } => t
                .message("fin-invoice-title")
                .arg("number", head.number.as_str())
                .to_string(),
            Content::Receipt { paid, .. } => super::receipts::title(t, paid),
            Content::Statement(s) => t
                .message("fdesk-statement-title")
                .arg("name", s.name.as_str())
                .to_string(),
        }
    }

    /// The PDF's file name: `invoice-inv-2026-00001.pdf`.
    fn file_name(&self) -> String {
        let stem = match &self.content {
            Content::Invoice { head, .. } => format!("invoice-{}", head.number),
            Content::Receipt { paid, .. } => format!(
                "receipt-{}",
                paid.first().map(|p| p.number.as_str()).unwrap_or_default()
            ),
            Content::Statement(s) => format!("statement-{}-{}", s.name, s.range.to),
        };
        crate::web::format::file_name(&[&stem], "pdf")
    }

    /// The document as a PDF in `locale`'s language, with the school's logo when given.
    pub fn pdf(
        &self,
        locale: &Locale,
        logo: Option<Vec<u8>>,
        size: PageSize,
    ) -> Result<Vec<u8>, PdfError> {
        let t = locale.t;
        let mut doc = Document::new(size);
        doc.title(self.title(t));
        if let Some(logo) = logo {
            doc.logo(logo, 40.0);
        }
        doc.heading(1, self.school.as_str());
        match &self.content {
            Content::Invoice {
                head,
                lines,
                voided,
            } => invoice_pages(&mut doc, locale, head, lines, voided.as_ref()),
            Content::Receipt { paid, outstanding } => {
                super::receipts::pages(&mut doc, locale, paid, outstanding);
            }
            Content::Statement(s) => statements::pages(&mut doc, locale, s),
        }
        doc.finish()
    }
}

fn invoice_pages(
    doc: &mut Document,
    locale: &Locale,
    head: &InvoiceHead,
    lines: &[Line],
    voided: Option<&Voided>,
) {
    let t = locale.t;
    if let Some(campus) = &head.campus {
        doc.paragraph(campus.as_str());
    }
    if let Some(address) = &head.campus_address {
        doc.small(address.as_str());
    }
    doc.heading(
        2,
        t.message("fin-invoice-title")
            .arg("number", head.number.as_str())
            .to_string(),
    );
    if let Some(voided) = voided {
        doc.strong(void_note(locale, voided));
    }
    let mut student = head.student.clone();
    if let Some(n) = &head.student_number {
        student = format!("{student} · {n}");
    }
    doc.table(
        &[Column::new("", 1.0), Column::new("", 2.0)],
        vec![
            vec![t.text("fin-invoice-student"), student],
            vec![t.text("fin-invoice-issued"), t.date(head.issue_date)],
            vec![t.text("fin-invoice-due"), t.date(head.due_date)],
            vec![
                t.text("fin-invoice-status"),
                t.choice("invoice_status", &head.status),
            ],
        ],
    );
    doc.space(6.0);
    let mut rows: Vec<Vec<String>> = lines
        .iter()
        .map(|line| {
            let mut description = line.description.clone();
            if let Some(why) = reason_text(t, line) {
                description = format!("{description}\n{why}");
            }
            vec![
                description,
                t.decimal(&line.quantity, 0),
                locale.money(&line.unit_amount),
                locale.money(&line.discount),
                line_amount(locale, line),
            ]
        })
        .collect();
    for (label, value) in [
        ("fin-invoice-subtotal", &head.subtotal),
        ("fin-line-discount", &head.discount),
        ("fin-invoice-tax", &head.tax),
        ("fin-invoice-total", &head.total),
        ("fin-invoice-paid", &head.paid),
        ("fin-invoice-balance", &head.balance),
    ] {
        let blank = String::new;
        rows.push(vec![
            t.text(label),
            blank(),
            blank(),
            blank(),
            locale.money(value),
        ]);
    }
    doc.table(
        &[
            Column::new(t.text("fin-line-description"), 3.0),
            Column::right(t.text("fin-line-quantity"), 0.8),
            Column::right(t.text("fin-line-unit"), 1.2),
            Column::right(t.text("fin-line-discount"), 1.2),
            Column::right(t.text("fin-line-amount"), 1.2),
        ],
        rows,
    );
}

/// "VOID on 7 Dec 2026: billed twice", as the invoice shows its void.
fn void_note(locale: &Locale, voided: &Voided) -> String {
    let t = locale.t;
    let day = voided.at.with_timezone(&locale.time_zone).date_naive();
    t.message("fdesk-void-note")
        .arg("date", t.date(day))
        .arg("reason", voided.reason.as_str())
        .to_string()
}

/// What a line comes to: quantity × unit amount, less its discount.
fn line_amount(locale: &Locale, line: &Line) -> String {
    let gross =
        (&line.quantity * &line.unit_amount).with_scale_round(2, bigdecimal::RoundingMode::HalfUp);
    locale.money(&(gross - &line.discount))
}

/// Why a line is there: a discount rule's kind in the reader's language, or the
/// reason as the school typed it.
fn reason_text(t: Lang, line: &Line) -> Option<String> {
    line.reason.as_deref().map(|r| match r {
        "siblings" => t.text("fin-reason-siblings"),
        "listed_students" => t.text("fin-reason-listed"),
        typed => typed.to_owned(),
    })
}

/// The buttons under a document: its PDF on either paper, and "E-mail to guardians".
pub struct Sharing {
    pub pdf: String,
    pub email: String,
    pub guard: Guard,
}

impl Sharing {
    pub fn of(doc: Doc) -> Sharing {
        let page = doc.page_path();
        let (path, query) = page.split_once('?').unwrap_or((page.as_str(), ""));
        let sep = if query.is_empty() { "?" } else { "&" };
        Sharing {
            pdf: format!("{path}/pdf?{query}{sep}paper="),
            email: format!(
                "{path}/email{}",
                if query.is_empty() {
                    String::new()
                } else {
                    format!("?{query}")
                }
            ),
            guard: Guard::token_only(""),
        }
    }
}

#[derive(Template)]
#[template(path = "finance/invoice.html")]
struct InvoicePage {
    layout: Layout,
    locale: Locale,
    invoice: InvoiceHead,
    lines: Vec<Line>,
    voided: Option<String>,
    sharing: Sharing,
    may_void: bool,
}

impl InvoicePage {
    /// The issue date (or the due date) in the reader's language.
    fn day(&self, issued: bool) -> String {
        let day = if issued {
            self.invoice.issue_date
        } else {
            self.invoice.due_date
        };
        self.layout.t.date(day)
    }

    /// "1 Nov 2026 to 28 Feb 2027", when the invoice bills a period.
    fn period(&self) -> Option<String> {
        let t = self.layout.t;
        let (from, to) = (self.invoice.period_start?, self.invoice.period_end?);
        let text = t
            .message("fin-period")
            .arg("from", t.date(from))
            .arg("to", t.date(to));
        Some(text.to_string())
    }

    fn amount(&self, line: &Line) -> String {
        line_amount(&self.locale, line)
    }

    fn reason(&self, line: &Line) -> Option<String> {
        reason_text(self.layout.t, line)
    }
}

async fn invoice(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let loaded = run_in(&state.pool, page.access.actor(), move |tenant| {
        load(tenant, Doc::Invoice(id))
    })
    .await?;
    let students = loaded.students;
    let Content::Invoice {
        head,
        lines,
        voided,
    } = loaded.content
    else {
        return Err(AppError::NotFound);
    };
    let locale = page.locale();
    let title = page
        .t
        .message("fin-invoice-title")
        .arg("number", head.number.as_str());
    let shown = render(&InvoicePage {
        layout: page.layout(title.to_string()),
        voided: voided.as_ref().map(|v| void_note(&locale, v)),
        may_void: head.status != "void" && page.can(Action::Update, Entity::Invoices),
        locale,
        invoice: *head,
        lines,
        sharing: Sharing::of(Doc::Invoice(id)),
    })?;
    Ok(crate::privacy::mark_students(shown, &students))
}

/// `?paper=a4|letter` (A4 when not given).
#[derive(serde::Deserialize, Default)]
pub struct PaperQuery {
    pub paper: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

fn paper(t: Lang, query: &PaperQuery) -> Result<PageSize, AppError> {
    match query.paper.as_deref().map(str::trim) {
        None | Some("") => Ok(PageSize::A4),
        Some(text) => {
            PageSize::parse(text).ok_or_else(|| AppError::BadRequest(t.text("fdesk-paper-unknown")))
        }
    }
}

/// A PDF that could not be made: the font missing is the server's to fix.
fn pdf_failed(t: Lang, e: PdfError) -> AppError {
    tracing::warn!("finance PDF: {e}");
    match e {
        PdfError::FontMissing(_) => AppError::Unavailable(t.text("fdesk-pdf-unavailable")),
        other => AppError::Internal(other.into()),
    }
}

/// The school's logo image, when it has one that can be read.
fn logo_of(tenant: &mut Tenant<'_>, files: &FileStore, loaded: &Loaded) -> Option<Vec<u8>> {
    let id = loaded.logo_file?;
    crate::files::routes::logo_image(tenant, files, id)
        .ok()
        .map(|(_, bytes)| bytes)
}

/// The document as a PDF download.
pub async fn pdf_of(
    page: Page,
    state: &AppState,
    doc: Doc,
    query: &PaperQuery,
) -> Result<HttpResponse, AppError> {
    let t = page.t;
    let size = paper(t, query)?;
    let files = FileStore::new(&state.settings);
    let (loaded, logo) = run_in(&state.pool, page.access.actor(), move |tenant| {
        let loaded = load(tenant, doc)?;
        let logo = logo_of(tenant, &files, &loaded);
        Ok((loaded, logo))
    })
    .await?;
    let locale = page.locale();
    let name = loaded.file_name();
    let students = loaded.students.clone();
    let bytes = web::block(move || loaded.pdf(&locale, logo, size))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("PDF worker: {e}")))?
        .map_err(|e| pdf_failed(t, e))?;
    let response = HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{name}\""),
        ))
        .body(bytes);
    Ok(crate::privacy::mark_students(response, &students))
}

/// Sends the document to the guardians who receive the students' invoices, the PDF
/// attached, each in their own language; once per form token. Returns how many
/// guardians it went to.
fn send_document(
    tenant: &mut Tenant<'_>,
    state: &AppState,
    page: &PageFacts,
    doc: Doc,
) -> Result<usize, AppError> {
    let loaded = load(tenant, doc)?;
    let files = FileStore::new(&state.settings);
    let logo = logo_of(tenant, &files, &loaded);
    let students: Vec<StudentId> = loaded.students.iter().map(|s| StudentId::new(*s)).collect();
    let guardians = guardians_of(tenant, &students, Purpose::Invoices)?;
    let mut sent = 0;
    for guardian in guardians {
        let Some(to) = guardian.email.filter(|e| !e.trim().is_empty()) else {
            continue;
        };
        let t = i18n::choose(
            guardian.language.as_deref(),
            page.school_language.as_deref(),
            None,
        );
        let locale = Locale::new(page.locale.time_zone, page.locale.currency, t);
        let bytes = loaded
            .pdf(&locale, logo.clone(), PageSize::A4)
            .map_err(|e| pdf_failed(page.locale.t, e))?;
        let title = loaded.title(t);
        let email = Email {
            organization_id: Some(tenant.organization().uuid()),
            to,
            subject: t
                .message("fdesk-mail-subject")
                .arg("document", title.as_str())
                .arg("school", loaded.school.as_str())
                .to_string(),
            body: t
                .message("fdesk-mail-body")
                .arg("name", guardian.full_name.as_str())
                .arg("document", title.as_str())
                .arg("school", loaded.school.as_str())
                .to_string(),
            sent_by: tenant.user().map(|u| u.uuid()),
        };
        let file = Attachment {
            name: loaded.file_name(),
            content_type: "application/pdf".to_owned(),
            bytes,
        };
        state.mailer.send_attached(tenant.conn(), &email, &[file])?;
        sent += 1;
    }
    Ok(sent)
}

/// What sending needs of the request, to carry into the transaction.
struct PageFacts {
    locale: Locale,
    school_language: Option<String>,
}

/// `POST …/email`: the document to its guardians, then back to its page with how many.
pub async fn email_of(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    doc: Doc,
    fields: input::Fields,
) -> Result<HttpResponse, AppError> {
    let t = page.t;
    let fields = fields.into_inner();
    let token = once::token_in(&fields).map(str::to_owned);
    let facts = PageFacts {
        locale: page.locale(),
        school_language: page.access.school_language.clone(),
    };
    let app = state.clone();
    let outcome = run_in(&state.pool, page.access.actor(), move |tenant| {
        let owner = Owner::of(tenant);
        once::create_once(
            tenant,
            owner,
            token.as_deref(),
            |tenant| send_document(tenant, &app, &facts, doc),
            |_| Some(doc.page_path()),
        )
    })
    .await?;
    let back = doc.page_path();
    match outcome {
        Once::AlreadySaved(_) => Ok(once::already_saved(&session, &back, t)),
        Once::Created(0) => {
            flash::push(&session, Level::Info, t.text("fdesk-mail-nobody"));
            Ok(see_other(&back))
        }
        Once::Created(n) => {
            let message = t.message("fdesk-mail-sent").arg("count", n).to_string();
            flash::push(&session, Level::Success, message);
            Ok(see_other(&back))
        }
    }
}

async fn invoice_pdf(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
    query: input::Query<PaperQuery>,
) -> Result<HttpResponse, AppError> {
    let id = Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    pdf_of(page, &state, Doc::Invoice(id), &query).await
}

async fn invoice_email(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<String>,
    fields: input::Fields,
) -> Result<HttpResponse, AppError> {
    let id = Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    email_of(page, state, session, Doc::Invoice(id), fields).await
}
