//! The school's own finance rules, each on a page of its own: the discount rules
//! invoicing applies (percentage or fixed; for the second and later children of a
//! family, or for the students named on the rule: a staff child, a scholarship),
//! and the finance settings (how a student who joins during a period is charged,
//! how often an overdue invoice is reminded about; the currency is shown, and set
//! with the school's other settings).

use std::str::FromStr;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use bigdecimal::{BigDecimal, Zero};
use uuid::Uuid;

use super::periods::Proration;
use super::queries::{self as finance, Plan};
use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::i18n::{Lang, msg};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::form::FieldErrors;
use crate::web::format::Locale;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render, render_as, see_other};

pub mod queries;

use queries::{NewRule, Refused, RuleRow, Settings};

pub fn routes(r: &mut Routes) {
    let manage = Gate::Requires(Permission::new(Action::Update, Entity::FeePlans));
    r.get("/finance/discounts", manage, discounts);
    r.post("/finance/discounts", manage, add_discount);
    r.post("/finance/discounts/{id}/active", manage, switch_discount);
    r.get("/finance/settings", manage, settings);
    r.post("/finance/settings", manage, save_settings);
    r.menu(MenuEntry {
        group: MenuGroup::Finance,
        order: 7,
        label: "fview-nav-discounts",
        href: "/finance/discounts",
        gate: manage,
    });
    r.menu(MenuEntry {
        group: MenuGroup::Finance,
        order: 8,
        label: "fview-nav-settings",
        href: "/finance/settings",
        gate: manage,
    });
}

/// Who a discount rule is for, in the form's order.
pub const APPLIES_TO: [(&str, &str); 2] = [
    ("siblings", msg("fview-applies-siblings")),
    ("listed_students", msg("fview-applies-listed")),
];

/// A rule's two kinds.
pub const KINDS: [(&str, &str); 2] = [
    ("percentage", msg("fview-kind-percentage")),
    ("fixed", msg("fview-kind-fixed")),
];

/// The discount form as typed, kept to show again.
#[derive(Default, Clone)]
pub struct TypedRule {
    pub name: String,
    pub kind: String,
    pub amount: String,
    pub applies_to: String,
    pub plan: String,
    pub students: String,
}

impl TypedRule {
    fn from_fields(fields: Vec<(String, String)>) -> TypedRule {
        let mut typed = TypedRule::default();
        for (name, value) in fields {
            let slot = match name.as_str() {
                "name" => &mut typed.name,
                "kind" => &mut typed.kind,
                "amount" => &mut typed.amount,
                "applies_to" => &mut typed.applies_to,
                "plan" => &mut typed.plan,
                "students" => &mut typed.students,
                _ => continue,
            };
            *slot = value;
        }
        typed
    }

    /// The student numbers typed, one per line or separated by commas.
    fn numbers(&self) -> Vec<String> {
        self.students
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// The rule the form makes (its students by number still to be found), or the
    /// fields' problems.
    fn rule(&self, t: Lang) -> Result<(NewRule, Vec<String>), FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            errors.add("name", t.text("fview-rule-name-needed"));
        }
        let kind = KINDS.iter().find(|(k, _)| *k == self.kind).map(|(k, _)| *k);
        if kind.is_none() {
            errors.add("kind", t.text("fview-rule-kind-needed"));
        }
        let amount = errors.check("amount", amount(&self.amount, kind, t));
        let applies_to = APPLIES_TO
            .iter()
            .find(|(a, _)| *a == self.applies_to)
            .map(|(a, _)| *a);
        if applies_to.is_none() {
            errors.add("applies_to", t.text("fview-rule-applies-needed"));
        }
        let numbers = self.numbers();
        if applies_to == Some("listed_students") && numbers.is_empty() {
            errors.add("students", t.text("fview-rule-students-needed"));
        }
        let plan = match self.plan.trim() {
            "" => None,
            text => Uuid::parse_str(text)
                .map_err(|_| errors.add("plan", t.text("fview-rule-plan-unknown")))
                .ok(),
        };
        match (kind, amount, applies_to) {
            (Some(kind), Some(amount), Some(applies_to)) if errors.is_empty() => Ok((
                NewRule {
                    name: name.to_owned(),
                    kind,
                    amount,
                    applies_to,
                    fee_plan_id: plan,
                },
                if applies_to == "listed_students" {
                    numbers
                } else {
                    Vec::new()
                },
            )),
            _ => Err(errors),
        }
    }
}

/// An amount of money as typed ("1200", "1200.50", "1200,50"): a number with two
/// decimals at most that the database's numeric(12,2) holds.
pub(crate) fn money(text: &str, t: Lang) -> Result<BigDecimal, String> {
    let value = BigDecimal::from_str(&text.trim().replace(',', "."))
        .map_err(|_| t.text("fview-rule-amount-number"))?;
    if value.fractional_digit_count() > 2 || value.abs() >= 10_000_000_000_i64 {
        return Err(t.text("fview-rule-amount-number"));
    }
    Ok(value)
}

/// A discount's amount: more than nothing, two decimals at most, a percentage at
/// most 100.
fn amount(text: &str, kind: Option<&str>, t: Lang) -> Result<BigDecimal, String> {
    let value = money(text, t)?;
    if value <= BigDecimal::zero() {
        return Err(t.text("fview-rule-amount-positive"));
    }
    if kind == Some("percentage") && value > 100 {
        return Err(t.text("fview-rule-percentage-at-most"));
    }
    Ok(value)
}

#[derive(Template)]
#[template(path = "finance/discounts.html")]
struct DiscountsPage {
    layout: Layout,
    locale: Locale,
    rules: Vec<RuleRow>,
    plans: Vec<Plan>,
    typed: TypedRule,
    errors: FieldErrors,
}

impl DiscountsPage {
    fn amount_of(&self, rule: &RuleRow) -> String {
        match rule.kind.as_str() {
            "percentage" => {
                let percent = bigdecimal::ToPrimitive::to_f64(&rule.amount).unwrap_or(0.0);
                self.locale.t.percent(percent, 2)
            }
            _ => self.locale.money(&rule.amount),
        }
    }

    fn label(&self, pairs: &[(&str, &'static str)], key: &str) -> String {
        pairs
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, id)| self.locale.t.text(id))
            .unwrap_or_else(|| key.to_owned())
    }
}

async fn discounts_page(
    page: &Page,
    state: &AppState,
    typed: TypedRule,
    errors: FieldErrors,
) -> Result<DiscountsPage, AppError> {
    let (rules, plans) = run_in(&state.pool, page.access.actor(), |tenant| {
        Ok::<_, AppError>((
            queries::rules(tenant)?,
            finance::active_plans(tenant, None)?,
        ))
    })
    .await?;
    Ok(DiscountsPage {
        layout: page.layout(page.t.text("fview-discounts-title")),
        locale: page.locale(),
        rules,
        plans,
        typed,
        errors,
    })
}

async fn discounts(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let typed = TypedRule {
        kind: "percentage".to_owned(),
        applies_to: "siblings".to_owned(),
        ..TypedRule::default()
    };
    render(&discounts_page(&page, &state, typed, FieldErrors::default()).await?)
}

async fn add_discount(
    page: Page,
    state: web::Data<AppState>,
    fields: input::Fields,
) -> Result<HttpResponse, AppError> {
    let typed = TypedRule::from_fields(fields.into_inner());
    let t = page.t;
    let (rule, numbers) = match typed.rule(t) {
        Ok(made) => made,
        Err(errors) => return refuse(&page, &state, typed, errors).await,
    };
    let added = run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok::<_, AppError>(queries::add_rule(tenant, &rule, &numbers)?)
    })
    .await?;
    let mut errors = FieldErrors::default();
    match added {
        Ok(_) => return Ok(see_other("/finance/discounts")),
        Err(Refused::UnknownStudents(unknown)) => {
            let message = t.message("fview-rule-students-unknown");
            errors.add(
                "students",
                message.arg("numbers", unknown.join(", ")).to_string(),
            );
        }
        Err(Refused::UnknownPlan) => errors.add("plan", t.text("fview-rule-plan-unknown")),
    }
    refuse(&page, &state, typed, errors).await
}

/// The discount rules page again with the form as typed and its problems.
async fn refuse(
    page: &Page,
    state: &AppState,
    typed: TypedRule,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let view = discounts_page(page, state, typed, errors).await?;
    render_as(&view, StatusCode::UNPROCESSABLE_ENTITY)
}

async fn switch_discount(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let switched = run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok::<_, AppError>(queries::switch_rule(tenant, id)?)
    })
    .await?;
    if !switched {
        return Err(AppError::NotFound);
    }
    Ok(see_other("/finance/discounts"))
}

/// The settings form as typed.
#[derive(Default, Clone)]
pub struct TypedSettings {
    pub proration: String,
    pub reminder_every_days: String,
}

#[derive(Template)]
#[template(path = "finance/settings.html")]
struct SettingsPage {
    layout: Layout,
    locale: Locale,
    typed: TypedSettings,
    errors: FieldErrors,
    saved: bool,
}

impl SettingsPage {
    fn prorations(&self) -> [(&'static str, &'static str); 3] {
        Proration::ALL.map(|p| (p.as_str(), proration_label(p)))
    }
}

/// The message that names a pro-rating rule.
pub fn proration_label(rule: Proration) -> &'static str {
    match rule {
        Proration::Full => msg("fview-proration-full"),
        Proration::RemainingMonths => msg("fview-proration-remaining"),
        Proration::None => msg("fview-proration-none"),
    }
}

fn settings_page(
    page: &Page,
    typed: TypedSettings,
    errors: FieldErrors,
    saved: bool,
) -> SettingsPage {
    SettingsPage {
        layout: page.layout(page.t.text("fview-settings-title")),
        locale: page.locale(),
        typed,
        errors,
        saved,
    }
}

async fn settings(
    req: actix_web::HttpRequest,
    page: Page,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let current = run_in(&state.pool, page.access.actor(), |tenant| {
        Ok::<_, AppError>(queries::settings(tenant)?)
    })
    .await?;
    let typed = TypedSettings {
        proration: current.proration.as_str().to_owned(),
        reminder_every_days: current.reminder_every_days.to_string(),
    };
    let saved = req.query_string() == "saved";
    render(&settings_page(&page, typed, FieldErrors::default(), saved))
}

async fn save_settings(
    page: Page,
    state: web::Data<AppState>,
    fields: input::Fields,
) -> Result<HttpResponse, AppError> {
    let mut typed = TypedSettings::default();
    for (name, value) in fields.into_inner() {
        match name.as_str() {
            "proration" => typed.proration = value,
            "reminder_every_days" => typed.reminder_every_days = value,
            _ => {}
        }
    }
    let t = page.t;
    let mut errors = FieldErrors::default();
    let proration = Proration::parse(&typed.proration);
    if proration.is_none() {
        errors.add("proration", t.text("fview-settings-proration-needed"));
    }
    let days = typed.reminder_every_days.trim().parse::<i32>().ok();
    let days = days.filter(|d| (1..=365).contains(d));
    if days.is_none() {
        errors.add("reminder_every_days", t.text("fview-settings-days-range"));
    }
    let (Some(proration), Some(reminder_every_days)) = (proration, days) else {
        let view = settings_page(&page, typed, errors, false);
        return render_as(&view, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let chosen = Settings {
        proration,
        reminder_every_days,
    };
    run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok::<_, AppError>(queries::save_settings(tenant, &chosen)?)
    })
    .await?;
    Ok(see_other("/finance/settings?saved"))
}
