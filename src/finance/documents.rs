//! Printable finance documents: an invoice with its lines, in the school's
//! currency, under the school's logo and its campus's address.

use actix_web::{HttpResponse, web};
use askama::Template;
use uuid::Uuid;

use super::queries::{self, InvoiceHead, Line};
use crate::access::{Action, Entity, Gate, Permission, Routes};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::format::Locale;
use crate::web::layout::{Layout, Page};
use crate::web::render;

pub fn routes(r: &mut Routes) {
    let read = Gate::Requires(Permission::new(Action::Read, Entity::Invoices));
    r.get("/finance/invoices/{id}", read, invoice);
}

#[derive(Template)]
#[template(path = "finance/invoice.html")]
struct InvoicePage {
    layout: Layout,
    locale: Locale,
    invoice: InvoiceHead,
    lines: Vec<Line>,
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

    /// What a line comes to: quantity × unit amount, less its discount.
    fn amount(&self, line: &Line) -> String {
        let gross = (&line.quantity * &line.unit_amount)
            .with_scale_round(2, bigdecimal::RoundingMode::HalfUp);
        self.locale.money(&(gross - &line.discount))
    }

    /// Why a line is there: a discount rule's kind in the reader's language, or
    /// the reason as the school typed it.
    fn reason(&self, line: &Line) -> Option<String> {
        let t = self.layout.t;
        line.reason.as_deref().map(|r| match r {
            "siblings" => t.text("fin-reason-siblings"),
            "listed_students" => t.text("fin-reason-listed"),
            typed => typed.to_owned(),
        })
    }
}

async fn invoice(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let (invoice, lines) = run_in(&state.pool, page.access.actor(), move |tenant| {
        let Some(head) = queries::invoice_head(tenant, id)? else {
            return Err(AppError::NotFound);
        };
        let lines = queries::lines_of(tenant, id)?;
        Ok((head, lines))
    })
    .await?;
    let title = page
        .t
        .message("fin-invoice-title")
        .arg("number", invoice.number.as_str());
    render(&InvoicePage {
        layout: page.layout(title.to_string()),
        locale: page.locale(),
        invoice,
        lines,
    })
}
