//! Payments at the desk: from a student's or a family's page, one amount spread
//! over their oldest open invoices first (or over the ones the bursar ticks),
//! received by whoever is signed in, in one transaction, once per form.

use std::str::FromStr;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use bigdecimal::BigDecimal;
use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use super::queries::desk::{self as queries, Account, NewPayment, Owed};
use crate::access::{Action, Entity, Gate, Permission, Routes};
use crate::db::Tenant;
use crate::db::enums::PaymentMethod;
use crate::forms::Guard;
use crate::forms::once::{self, Once, Owner};
use crate::i18n::{Lang, msg};
use crate::resources::{Field, values};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::form::FieldErrors;
use crate::web::format::Locale;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render, render_as, see_other};

const AMOUNT: Field = Field::money("amount", msg("fdesk-amount")).required();
const DAY: Field = Field::date("paid_on", msg("fdesk-paid-on")).required();
/// The longest reference a desk takes (a cheque or transfer number).
const REFERENCE_MAX: usize = 100;

pub fn routes(r: &mut Routes) {
    let take = Gate::Requires(Permission::new(Action::Create, Entity::Payments));
    r.get("/finance/desk/students/{id}", take, student_desk);
    r.post("/finance/desk/students/{id}", take, student_take);
    r.get("/finance/desk/families/{id}", take, family_desk);
    r.post("/finance/desk/families/{id}", take, family_take);
}

/// The desk's form as typed, kept to show again.
#[derive(Default, Clone)]
pub struct Typed {
    pub amount: String,
    pub method: String,
    pub reference: String,
    pub paid_on: String,
    pub chosen: Vec<String>,
    pub token: String,
}

impl Typed {
    fn from_fields(fields: Vec<(String, String)>) -> Typed {
        let mut typed = Typed::default();
        for (name, value) in fields {
            match name.as_str() {
                "amount" => typed.amount = value,
                "method" => typed.method = value,
                "reference" => typed.reference = value,
                "paid_on" => typed.paid_on = value,
                "invoice" => typed.chosen.push(value),
                crate::forms::TOKEN_FIELD => typed.token = value,
                _ => {}
            }
        }
        typed
    }
}

/// A payment as the desk takes it, checked.
struct Taking {
    amount: BigDecimal,
    method: PaymentMethod,
    reference: Option<String>,
    paid_on: NaiveDate,
    chosen: Vec<Uuid>,
}

/// The typed form as a payment, or its fields' problems. A day after `today` is refused.
fn read(typed: &Typed, t: Lang, today: NaiveDate) -> Result<Taking, FieldErrors> {
    let zone = chrono_tz::UTC;
    let mut errors = FieldErrors::default();
    let amount = errors
        .check("amount", values::parse(&AMOUNT, &typed.amount, zone, t))
        .flatten()
        .and_then(|a| BigDecimal::from_str(&a).ok());
    let amount = match amount {
        Some(a) if a <= 0 => {
            errors.add("amount", t.text("fdesk-amount-positive"));
            None
        }
        other => other,
    };
    let method = PaymentMethod::from_str(typed.method.trim()).ok();
    if method.is_none() {
        errors.add("method", t.text("fdesk-method-choose"));
    }
    let paid_on = errors
        .check("paid_on", values::parse(&DAY, &typed.paid_on, zone, t))
        .flatten()
        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    if paid_on.is_some_and(|d| d > today) {
        errors.add("paid_on", t.text("fdesk-paid-on-future"));
    }
    let reference = typed.reference.trim();
    if reference.chars().count() > REFERENCE_MAX {
        errors.add(
            "reference",
            t.message("fdesk-reference-long")
                .arg("max", REFERENCE_MAX)
                .to_string(),
        );
    }
    let chosen: Option<Vec<Uuid>> = typed
        .chosen
        .iter()
        .map(|c| Uuid::parse_str(c.trim()).ok())
        .collect();
    if chosen.is_none() {
        errors.add("invoice", t.text("fdesk-invoice-gone"));
    }
    match (amount, method, paid_on, chosen) {
        (Some(amount), Some(method), Some(paid_on), Some(chosen)) if errors.is_empty() => {
            Ok(Taking {
                amount,
                method,
                reference: (!reference.is_empty()).then(|| reference.to_owned()),
                paid_on,
                chosen,
            })
        }
        _ => Err(errors),
    }
}

/// How `amount` spreads over `owed` (oldest first), only over `chosen` when any
/// are: each invoice's share, or what they owe altogether when it is more than that.
pub fn spread(
    amount: &BigDecimal,
    owed: &[Owed],
    chosen: &[Uuid],
) -> Result<Vec<(Uuid, BigDecimal)>, BigDecimal> {
    let over: Vec<&Owed> = owed
        .iter()
        .filter(|o| chosen.is_empty() || chosen.contains(&o.id))
        .collect();
    let total: BigDecimal = over.iter().map(|o| o.balance.clone()).sum();
    if *amount > total {
        return Err(total);
    }
    let mut left = amount.clone();
    let mut shares = Vec::new();
    for invoice in over {
        if left <= 0 {
            break;
        }
        let share = if left < invoice.balance {
            left.clone()
        } else {
            invoice.balance.clone()
        };
        left -= &share;
        shares.push((invoice.id, share));
    }
    Ok(shares)
}

/// When a payment dated `day` was received: now when it is today, else midday of
/// that day in the school's time zone.
fn received_at(tenant: &Tenant<'_>, day: NaiveDate) -> DateTime<Utc> {
    let now = crate::clock::now();
    if day == tenant.today() {
        return now;
    }
    let noon = day.and_hms_opt(12, 0, 0).unwrap_or_default();
    tenant
        .time_zone()
        .from_local_datetime(&noon)
        .earliest()
        .map_or(now, |at| at.with_timezone(&Utc))
}

/// Takes the payment over `students`' open invoices: one row per invoice paid, each
/// with its receipt number, all under one receipt. Returns the first row's id, or
/// the form's problems (nothing stored).
fn take(
    tenant: &mut Tenant<'_>,
    students: &[Uuid],
    typed: &Typed,
    locale: &Locale,
) -> Result<Result<Uuid, FieldErrors>, AppError> {
    let t = locale.t;
    let taking = match read(typed, t, tenant.today()) {
        Ok(taking) => taking,
        Err(errors) => return Ok(Err(errors)),
    };
    let owed = queries::owed(tenant, students, true)?;
    let mut errors = FieldErrors::default();
    if taking
        .chosen
        .iter()
        .any(|c| !owed.iter().any(|o| o.id == *c))
    {
        errors.add("invoice", t.text("fdesk-invoice-gone"));
        return Ok(Err(errors));
    }
    let shares = match spread(&taking.amount, &owed, &taking.chosen) {
        Ok(shares) => shares,
        Err(total) => {
            let message = if total <= 0 {
                t.text("fdesk-nothing-owed")
            } else {
                t.message("fdesk-over")
                    .arg("owed", locale.money(&total))
                    .to_string()
            };
            errors.add("amount", message);
            return Ok(Err(errors));
        }
    };
    let at = received_at(tenant, taking.paid_on);
    let prefix = format!("RCT-{}-", at.with_timezone(&tenant.time_zone()).year());
    let staff = queries::staff_of_user(tenant)?;
    let user = tenant.user().map(|u| u.uuid());
    let together = (shares.len() > 1).then(Uuid::new_v4);
    let mut first = None;
    for (invoice, share) in shares {
        let id = queries::write_payment(
            tenant,
            &prefix,
            NewPayment {
                organization_id: tenant.organization().uuid(),
                invoice_id: invoice,
                received_by_id: staff,
                receipt_number: String::new(),
                paid_at: at,
                amount: share,
                method: taking.method,
                reference_code: taking.reference.clone(),
                created_by_id: user,
                updated_by_id: user,
                refund_of: None,
                refund_reason: None,
                taken_together: together,
            },
        )?;
        first.get_or_insert(id);
    }
    first.map(Ok).ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "finance/desk.html")]
struct DeskPage {
    layout: Layout,
    locale: Locale,
    account: String,
    name: String,
    owed: Vec<Owed>,
    total: BigDecimal,
    typed: Typed,
    errors: FieldErrors,
    guard: Guard,
    methods: Vec<(&'static str, String)>,
}

impl DeskPage {
    fn ticked(&self, invoice: &Owed) -> bool {
        self.typed.chosen.contains(&invoice.id.to_string())
    }
}

async fn desk_page(
    page: &Page,
    state: &AppState,
    account: Account,
    typed: Typed,
    errors: FieldErrors,
) -> Result<DeskPage, AppError> {
    let (name, owed) = run_in(&state.pool, page.access.actor(), move |tenant| {
        let (name, students) = queries::holder(tenant, account)?.ok_or(AppError::NotFound)?;
        Ok((name, queries::owed(tenant, &students, false)?))
    })
    .await?;
    let t = page.t;
    let title = t.message("fdesk-title").arg("name", name.as_str());
    Ok(DeskPage {
        layout: page.layout(title.to_string()),
        locale: page.locale(),
        account: account.path(),
        total: owed.iter().map(|o| o.balance.clone()).sum(),
        name,
        owed,
        guard: Guard::token_only(&typed.token),
        typed,
        errors,
        methods: PaymentMethod::ALL
            .iter()
            .map(|m| (m.as_str(), t.choice("payment_method", m.as_str())))
            .collect(),
    })
}

async fn desk(
    page: Page,
    state: web::Data<AppState>,
    account: Account,
) -> Result<HttpResponse, AppError> {
    let typed = Typed {
        paid_on: page.access.today().to_string(),
        method: PaymentMethod::Cash.as_str().to_owned(),
        ..Typed::default()
    };
    render(&desk_page(&page, &state, account, typed, FieldErrors::default()).await?)
}

async fn take_at_desk(
    page: Page,
    state: web::Data<AppState>,
    session: actix_session::Session,
    account: Account,
    fields: input::Fields,
) -> Result<HttpResponse, AppError> {
    let typed = Typed::from_fields(fields.into_inner());
    let t = page.t;
    let locale = page.locale();
    let sent = typed.clone();
    let outcome = run_in(&state.pool, page.access.actor(), move |tenant| {
        let (_, students) = queries::holder(tenant, account)?.ok_or(AppError::NotFound)?;
        let owner = Owner::of(tenant);
        once::create_once(
            tenant,
            owner,
            once::usable(&sent.token),
            |tenant| take(tenant, &students, &sent, &locale),
            |made| {
                made.as_ref()
                    .ok()
                    .map(|id| format!("/finance/payments/{id}"))
            },
        )
    })
    .await?;
    match outcome {
        Once::AlreadySaved(receipt) => Ok(once::already_saved(&session, &receipt, t)),
        Once::Created(Ok(id)) => {
            crate::web::flash::push(
                &session,
                crate::web::flash::Level::Success,
                t.text("fdesk-taken"),
            );
            Ok(see_other(&format!("/finance/payments/{id}")))
        }
        Once::Created(Err(errors)) => {
            let view = desk_page(&page, &state, account, typed, errors).await?;
            render_as(&view, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

async fn student_desk(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let account = Account::parse("students", &id).ok_or(AppError::NotFound)?;
    desk(page, state, account).await
}

async fn family_desk(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let account = Account::parse("families", &id).ok_or(AppError::NotFound)?;
    desk(page, state, account).await
}

async fn student_take(
    page: Page,
    state: web::Data<AppState>,
    session: actix_session::Session,
    id: web::Path<String>,
    fields: input::Fields,
) -> Result<HttpResponse, AppError> {
    let account = Account::parse("students", &id).ok_or(AppError::NotFound)?;
    take_at_desk(page, state, session, account, fields).await
}

async fn family_take(
    page: Page,
    state: web::Data<AppState>,
    session: actix_session::Session,
    id: web::Path<String>,
    fields: input::Fields,
) -> Result<HttpResponse, AppError> {
    let account = Account::parse("families", &id).ok_or(AppError::NotFound)?;
    take_at_desk(page, state, session, account, fields).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owed(id: u128, balance: &str) -> Owed {
        Owed {
            id: Uuid::from_u128(id),
            number: format!("INV-{id}"),
            student: "A".into(),
            due_date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
            total: balance.parse().unwrap_or_default(),
            balance: balance.parse().unwrap_or_default(),
            status: "issued".into(),
        }
    }

    #[test]
    fn an_amount_pays_the_oldest_first_and_never_more_than_owed() {
        let list = [owed(1, "100.00"), owed(2, "50.00"), owed(3, "80.00")];
        let amount: BigDecimal = "170.00".parse().unwrap_or_default();
        let shares = spread(&amount, &list, &[]).unwrap_or_default();
        let shown: Vec<(u128, String)> = shares
            .iter()
            .map(|(id, a)| (id.as_u128(), a.to_string()))
            .collect();
        assert_eq!(
            shown,
            [
                (1, "100.00".into()),
                (2, "50.00".into()),
                (3, "20.00".into())
            ]
        );
        let too_much: BigDecimal = "230.01".parse().unwrap_or_default();
        assert!(spread(&too_much, &list, &[]).is_err());
        let only_third = spread(&amount, &list, &[Uuid::from_u128(3)]);
        assert_eq!(
            only_third.err().map(|t| t.to_string()),
            Some("80.00".into())
        );
    }
}
