//! Receipts: what one payment at the desk paid (on one invoice or several, each
//! with its gap-free number), the balance left, and refunds — a refund is a row of
//! its own with a negative amount and a number of the refund series, never a delete.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use bigdecimal::BigDecimal;
use chrono::Datelike;
use uuid::Uuid;

use super::documents::{self, Content, Doc, PaperQuery, Sharing};
use super::queries::desk::{self as queries, NewPayment, Paid};
use crate::access::{Action, Entity, Gate, Permission, Routes};
use crate::db::Tenant;
use crate::db::enums::PaymentMethod;
use crate::forms::once::{self, Once, Owner};
use crate::i18n::{Lang, msg};
use crate::pdf::{Column, Document};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::{AppError, Refusal};
use crate::web::flash::{self, Level};
use crate::web::form::FieldErrors;
use crate::web::format::Locale;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render, render_as, see_other};

/// The longest reason a refund or a void keeps.
pub const REASON_MAX: usize = 500;

pub fn routes(r: &mut Routes) {
    let read = Gate::Requires(Permission::new(Action::Read, Entity::Payments));
    let take = Gate::Requires(Permission::new(Action::Create, Entity::Payments));
    r.get("/finance/payments/{id}", read, receipt);
    r.get("/finance/payments/{id}/pdf", read, receipt_pdf);
    r.post("/finance/payments/{id}/email", take, receipt_email);
    r.post("/finance/payments/{id}/refund", take, refund);
}

/// "Receipt RCT-2026-00004", "Receipts RCT-2026-00004 to RCT-2026-00006" or
/// "Refund RFD-2026-00001".
pub fn title(t: Lang, paid: &[Paid]) -> String {
    let first = paid.first().map(|p| p.number.as_str()).unwrap_or_default();
    match paid {
        [one] if one.refund_of.is_some() => t
            .message("fdesk-refund-title")
            .arg("number", first)
            .to_string(),
        [.., last] if paid.len() > 1 => t
            .message("fdesk-receipts-title")
            .arg("first", first)
            .arg("last", last.number.as_str())
            .to_string(),
        _ => t
            .message("fdesk-receipt-title")
            .arg("number", first)
            .to_string(),
    }
}

/// A reason as typed: required, and not too long.
pub fn reason(typed: &str, t: Lang) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::default();
    let reason = typed.trim();
    if reason.is_empty() {
        errors.add("reason", t.text("fdesk-reason-needed"));
    } else if let Some(unstorable) = crate::web::input::unstorable(reason, false) {
        errors.add("reason", unstorable.message_in(t, &t.text("fdesk-reason")));
    } else if reason.chars().count() > REASON_MAX {
        errors.add(
            "reason",
            t.message("fdesk-reason-long")
                .arg("max", REASON_MAX)
                .to_string(),
        );
    }
    if errors.is_empty() {
        Ok(reason.to_owned())
    } else {
        Err(errors)
    }
}

/// The receipt's lines in the PDF: each invoice paid, what it paid and what it
/// still owes; then what the family owes altogether.
pub fn pages(doc: &mut Document, locale: &Locale, paid: &[Paid], outstanding: &BigDecimal) {
    let t = locale.t;
    let Some(first) = paid.first() else {
        return;
    };
    if let Some(campus) = &first.campus {
        doc.paragraph(campus.as_str());
    }
    if let Some(address) = &first.campus_address {
        doc.small(address.as_str());
    }
    doc.heading(2, title(t, paid));
    if let (Some(of), Some(why)) = (&first.refund_of, &first.refund_reason) {
        doc.strong(
            t.message("fdesk-refund-of")
                .arg("number", of.as_str())
                .arg("reason", why.as_str())
                .to_string(),
        );
    }
    doc.table(
        &[Column::new("", 1.0), Column::new("", 2.0)],
        facts(locale, first),
    );
    doc.space(6.0);
    let mut rows: Vec<Vec<String>> = paid
        .iter()
        .map(|p| {
            vec![
                p.number.clone(),
                p.invoice.clone(),
                p.student.clone(),
                locale.money(&p.amount),
                locale.money(&p.invoice_balance),
            ]
        })
        .collect();
    let total: BigDecimal = paid.iter().map(|p| p.amount.clone()).sum();
    rows.push(vec![
        t.text("fdesk-receipt-total"),
        String::new(),
        String::new(),
        locale.money(&total),
        String::new(),
    ]);
    doc.table(
        &[
            Column::new(t.text("fdesk-receipt-number"), 1.4),
            Column::new(t.text("fdesk-invoice"), 1.4),
            Column::new(t.text("fdesk-student"), 1.6),
            Column::right(t.text("fdesk-receipt-amount"), 1.1),
            Column::right(t.text("fdesk-receipt-left"), 1.1),
        ],
        rows,
    );
    doc.space(6.0);
    doc.strong(
        t.message("fdesk-receipt-outstanding")
            .arg("amount", locale.money(outstanding))
            .to_string(),
    );
}

/// Date, method, reference and who received it, as label and value.
fn facts(locale: &Locale, p: &Paid) -> Vec<Vec<String>> {
    let t = locale.t;
    let mut rows = vec![
        vec![t.text("fdesk-receipt-date"), locale.instant(p.paid_at)],
        vec![
            t.text("fdesk-method"),
            t.choice("payment_method", &p.method),
        ],
    ];
    if let Some(reference) = &p.reference {
        rows.push(vec![t.text("fdesk-reference"), reference.clone()]);
    }
    if let Some(by) = &p.received_by {
        rows.push(vec![t.text("fdesk-received-by"), by.clone()]);
    }
    rows
}

#[derive(Template)]
#[template(path = "finance/receipt.html")]
struct ReceiptPage {
    layout: Layout,
    locale: Locale,
    title: String,
    paid: Vec<Paid>,
    facts: Vec<Vec<String>>,
    total: BigDecimal,
    outstanding: BigDecimal,
    school: String,
    logo: Option<String>,
    sharing: Sharing,
    may_refund: bool,
    /// The payment whose refund form came back with its message, and the message.
    refusing: Option<(Uuid, String, String)>,
    /// The students the receipt is about, for the access log.
    students: Vec<Uuid>,
}

impl ReceiptPage {
    fn refund_of(&self) -> Option<String> {
        let first = self.paid.first()?;
        let (of, why) = (first.refund_of.as_deref()?, first.refund_reason.as_deref()?);
        let t = self.layout.t;
        Some(
            t.message("fdesk-refund-of")
                .arg("number", of)
                .arg("reason", why)
                .to_string(),
        )
    }

    /// The refund form's typed reason and message, when it came back for `p`.
    fn refused(&self, p: &Paid) -> Option<(String, String)> {
        self.refusing
            .as_ref()
            .filter(|(id, _, _)| *id == p.id)
            .map(|(_, typed, message)| (typed.clone(), message.clone()))
    }

    /// A one-time token per refund form, so one refund never stands for another.
    fn fresh_token(&self) -> String {
        once::fresh_token()
    }

    fn refundable(&self, p: &Paid) -> bool {
        self.may_refund && p.refund_of.is_none() && p.refunded_by.is_none()
    }
}

async fn receipt_page(
    page: &Page,
    state: &AppState,
    id: Uuid,
    refusing: Option<(Uuid, String, String)>,
) -> Result<ReceiptPage, AppError> {
    let loaded = run_in(&state.pool, page.access.actor(), move |tenant| {
        documents::load(tenant, Doc::Receipt(id))
    })
    .await?;
    let t = page.t;
    let title = loaded.title(t);
    let students = loaded.students;
    let Content::Receipt { paid, outstanding } = loaded.content else {
        return Err(AppError::NotFound);
    };
    let locale = page.locale();
    let facts = paid.first().map(|p| facts(&locale, p)).unwrap_or_default();
    Ok(ReceiptPage {
        layout: page.layout(title.clone()),
        title,
        total: paid.iter().map(|p| p.amount.clone()).sum(),
        facts,
        paid,
        outstanding,
        school: loaded.school,
        logo: loaded.logo_file.map(crate::web::brand::logo_url),
        locale,
        sharing: Sharing::of(Doc::Receipt(id)),
        may_refund: page.can(Action::Create, Entity::Payments),
        refusing,
        students,
    })
}

async fn receipt(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let shown = receipt_page(&page, &state, id, None).await?;
    let response = render(&shown)?;
    Ok(crate::privacy::mark_students(response, &shown.students))
}

async fn receipt_pdf(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
    query: input::Query<PaperQuery>,
) -> Result<HttpResponse, AppError> {
    let id = Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    documents::pdf_of(page, &state, Doc::Receipt(id), &query).await
}

async fn receipt_email(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<String>,
    fields: input::Fields,
) -> Result<HttpResponse, AppError> {
    let id = Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    documents::email_of(page, state, session, Doc::Receipt(id), fields).await
}

/// Gives the payment `payment` back: a refund row of the full amount with the
/// reason, and the invoice owes it again. Returns the refund's id.
fn give_back(tenant: &mut Tenant<'_>, payment: Uuid, reason: String) -> Result<Uuid, AppError> {
    let found = queries::refundable(tenant, payment)?.ok_or(AppError::NotFound)?;
    if found.closed {
        return Err(AppError::Refused(Refusal::new(msg("fdesk-refund-twice"))));
    }
    let now = crate::clock::now();
    let year = now.with_timezone(&tenant.time_zone()).year();
    let user = tenant.user().map(|u| u.uuid());
    let staff = queries::staff_of_user(tenant)?;
    let method: PaymentMethod = found.method.parse().unwrap_or(PaymentMethod::Cash);
    let id = queries::write_payment(
        tenant,
        &format!("RFD-{year}-"),
        NewPayment {
            organization_id: tenant.organization().uuid(),
            invoice_id: found.invoice_id,
            received_by_id: staff,
            receipt_number: String::new(),
            paid_at: now,
            amount: -found.amount,
            method,
            reference_code: None,
            created_by_id: user,
            updated_by_id: user,
            refund_of: Some(payment),
            refund_reason: Some(reason),
            taken_together: None,
        },
    )?;
    Ok(id)
}

/// What a refund form came to.
enum Refunding {
    Done(Once<Uuid>),
    /// The reason was missing or too long: what was typed, and why it was refused.
    Refused(String, String),
}

async fn refund(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<String>,
    fields: input::Fields,
) -> Result<HttpResponse, AppError> {
    let payment = Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let t = page.t;
    let fields = fields.into_inner();
    let typed = crate::forms::field(&fields, "reason")
        .unwrap_or_default()
        .to_owned();
    let token = once::token_in(&fields).map(str::to_owned);
    let outcome = run_in(&state.pool, page.access.actor(), move |tenant| {
        // Whose payment it is is settled before what the form says.
        queries::refundable(tenant, payment)?.ok_or(AppError::NotFound)?;
        let why = match reason(&typed, t) {
            Ok(why) => why,
            Err(errors) => {
                let message = errors
                    .first()
                    .map(|(_, m)| m.to_owned())
                    .unwrap_or_default();
                return Ok(Refunding::Refused(typed, message));
            }
        };
        let owner = Owner::of(tenant);
        once::create_once(
            tenant,
            owner,
            token.as_deref(),
            |tenant| give_back(tenant, payment, why),
            |made| Some(format!("/finance/payments/{made}")),
        )
        .map(Refunding::Done)
    })
    .await?;
    match outcome {
        Refunding::Refused(typed, message) => {
            let view =
                receipt_page(&page, &state, payment, Some((payment, typed, message))).await?;
            render_as(&view, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Refunding::Done(Once::AlreadySaved(page_of)) => {
            Ok(once::already_saved(&session, &page_of, t))
        }
        Refunding::Done(Once::Created(made)) => {
            flash::push(&session, Level::Success, t.text("fdesk-refunded"));
            Ok(see_other(&format!("/finance/payments/{made}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_needed_kept_to_one_line_and_trimmed() {
        let t = Lang::default();
        assert_eq!(
            reason("  Cheque bounced ", t).ok().as_deref(),
            Some("Cheque bounced")
        );
        for refused in ["   ", "Paid\u{0}twice", "Paid\ntwice"] {
            let errors = reason(refused, t).expect_err(refused);
            assert_eq!(errors.first().map(|(field, _)| field), Some("reason"));
        }
    }
}
