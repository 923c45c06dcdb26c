//! Voiding an invoice: with a reason, never a delete. The invoice keeps its number
//! (so the numbers stay gap-free) and shows VOID; it leaves the aging and what is
//! outstanding. An invoice with money still paid on it is refunded first.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use uuid::Uuid;

use super::queries::desk as queries;
use crate::access::{Action, Entity, Gate, Permission, Routes};
use crate::db::Tenant;
use crate::i18n::{Lang, msg};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::{AppError, Refusal};
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::Page;
use crate::web::see_other;

pub fn routes(r: &mut Routes) {
    let void = Gate::Requires(Permission::new(Action::Update, Entity::Invoices));
    r.post("/finance/invoices/{id}/void", void, void_invoice);
}

/// What voiding came to.
enum Voiding {
    Done,
    /// It was void already (a second click): nothing to do.
    Already,
}

fn void(tenant: &mut Tenant<'_>, invoice: Uuid, reason: &str) -> Result<Voiding, AppError> {
    let found = queries::voidable(tenant, invoice)?.ok_or(AppError::NotFound)?;
    if found.status == "void" {
        return Ok(Voiding::Already);
    }
    if found.paid > 0 {
        return Err(AppError::Refused(Refusal::new(msg("fdesk-void-paid"))));
    }
    queries::void_invoice(tenant, invoice, reason)?;
    Ok(Voiding::Done)
}

async fn void_invoice(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<String>,
    fields: input::Fields,
) -> Result<HttpResponse, AppError> {
    let id = Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let t: Lang = page.t;
    let fields = fields.into_inner();
    let typed = crate::forms::field(&fields, "reason")
        .unwrap_or_default()
        .to_owned();
    let done = run_in(&state.pool, page.access.actor(), move |tenant| {
        // Whose invoice it is is settled before what the form says.
        queries::voidable(tenant, id)?.ok_or(AppError::NotFound)?;
        match super::receipts::reason(&typed, t) {
            Ok(reason) => void(tenant, id, &reason).map(Ok),
            Err(errors) => Ok(Err(errors)),
        }
    })
    .await?;
    match done {
        Ok(Voiding::Done) => {
            flash::push(&session, Level::Success, t.text("fdesk-voided"));
            Ok(see_other(&format!("/finance/invoices/{id}")))
        }
        Ok(Voiding::Already) => Ok(see_other(&format!("/finance/invoices/{id}"))),
        Err(errors) => {
            let message = errors
                .first()
                .map(|(_, m)| m.to_owned())
                .unwrap_or_default();
            Ok(crate::web::error::error_page(
                t,
                StatusCode::UNPROCESSABLE_ENTITY,
                &t.text("fdesk-void-title"),
                &message,
            ))
        }
    }
}
