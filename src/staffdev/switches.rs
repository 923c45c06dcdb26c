//! The school's on/off switch per staff-development module, kept in
//! `organizations.settings` under `staffdev_modules` (`{"frame": true, …}`). A
//! module the school never switched is on.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use diesel::QueryResult;

use crate::access::{Action, Entity, Gate, Permission, Routes};
use crate::db::Tenant;
use crate::i18n::{Lang, msg};
use crate::settings::queries::{self as school, SchoolChanges};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::layout::Page;
use crate::web::{input, see_other};

/// Where the switches live in `organizations.settings`.
const SWITCHES_KEY: &str = "staffdev_modules";

/// A staff-development module a school may switch off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Module {
    Frame,
    SafetyQuiz,
    PersonalityQuiz,
    Zones,
    Signs,
}

impl Module {
    pub const ALL: [Module; 5] = [
        Module::Frame,
        Module::SafetyQuiz,
        Module::PersonalityQuiz,
        Module::Zones,
        Module::Signs,
    ];

    /// The module's key in the settings and in the switch form.
    pub fn key(self) -> &'static str {
        match self {
            Module::Frame => "frame",
            Module::SafetyQuiz => "safety_quiz",
            Module::PersonalityQuiz => "personality_quiz",
            Module::Zones => "zones",
            Module::Signs => "signs",
        }
    }

    /// Where the module's pages live: every address at or under it is the module's.
    pub fn pages(self) -> &'static str {
        match self {
            Module::Frame => "/staff-development/frame",
            Module::SafetyQuiz => "/staff-development/quiz",
            Module::PersonalityQuiz => "/staff-development/personality",
            Module::Zones => "/staff-development/zones",
            Module::Signs => "/staff-development/signs",
        }
    }

    /// The message id of the module's name.
    pub fn label(self) -> &'static str {
        match self {
            Module::Frame => msg("content-module-frame"),
            Module::SafetyQuiz => msg("content-module-safety-quiz"),
            Module::PersonalityQuiz => msg("content-module-personality-quiz"),
            Module::Zones => msg("content-module-zones"),
            Module::Signs => msg("content-module-signs"),
        }
    }

    /// The message id of what the module gives staff.
    pub fn hint(self) -> &'static str {
        match self {
            Module::Frame => msg("content-module-frame-hint"),
            Module::SafetyQuiz => msg("content-module-safety-quiz-hint"),
            Module::PersonalityQuiz => msg("content-module-personality-quiz-hint"),
            Module::Zones => msg("content-module-zones-hint"),
            Module::Signs => msg("content-module-signs-hint"),
        }
    }
}

/// Whether `module` is on in a school's settings (on unless switched off).
pub fn switched_on(settings: &serde_json::Value, module: Module) -> bool {
    settings
        .get(SWITCHES_KEY)
        .and_then(|s| s.get(module.key()))
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(true)
}

/// The keys of the modules switched off in a school's settings.
pub fn switched_off(settings: &serde_json::Value) -> Vec<&'static str> {
    Module::ALL
        .into_iter()
        .filter(|&m| !switched_on(settings, m))
        .map(Module::key)
        .collect()
}

/// Whether `path` is a page of one of the modules switched `off`. The route gate
/// answers such a page "not found", whichever handler serves it.
pub fn is_switched_off_page(path: &str, off: &[&'static str]) -> bool {
    Module::ALL
        .into_iter()
        .filter(|m| off.contains(&m.key()))
        .any(|m| {
            path.strip_prefix(m.pages())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
}

/// Whether the tenant's school has `module` on.
pub fn enabled(tenant: &mut Tenant<'_>, module: Module) -> QueryResult<bool> {
    let settings = school::school(tenant)?.settings;
    Ok(switched_on(&settings, module))
}

/// Switches on exactly the modules in `on`, the others off.
pub fn switch_on(tenant: &mut Tenant<'_>, on: &[Module]) -> QueryResult<()> {
    let mut settings = school::school(tenant)?.settings;
    let states: serde_json::Map<String, serde_json::Value> = Module::ALL
        .iter()
        .map(|m| (m.key().to_owned(), on.contains(m).into()))
        .collect();
    if let Some(all) = settings.as_object_mut() {
        all.insert(SWITCHES_KEY.to_owned(), states.into());
    }
    let changes = SchoolChanges {
        settings: Some(settings),
        ..SchoolChanges::default()
    };
    school::change_school(tenant, changes)
}

/// One module's switch as the settings page shows it.
pub struct Switch {
    pub key: &'static str,
    pub label: String,
    pub hint: String,
    pub on: bool,
}

/// Every module's switch in a school's settings, named in `t`.
pub fn switches(settings: &serde_json::Value, t: Lang) -> Vec<Switch> {
    Module::ALL
        .iter()
        .map(|&m| Switch {
            key: m.key(),
            label: t.text(m.label()),
            hint: t.text(m.hint()),
            on: switched_on(settings, m),
        })
        .collect()
}

pub fn routes(r: &mut Routes) {
    let manage = Gate::Requires(Permission::new(Action::Update, Entity::Organizations));
    r.post("/settings/staff-development", manage, save_switches);
}

/// `POST /settings/staff-development`: a ticked box per module that stays on.
async fn save_switches(
    page: Page,
    state: web::Data<AppState>,
    form: input::Fields,
    flashes: Session,
) -> Result<HttpResponse, AppError> {
    let sent = form.into_inner();
    let on: Vec<Module> = Module::ALL
        .into_iter()
        .filter(|m| sent.iter().any(|(k, _)| k == m.key()))
        .collect();
    crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok(tenant.transaction(|tenant| switch_on(tenant, &on))?)
    })
    .await?;
    flash::push(
        &flashes,
        Level::Success,
        page.t.text("content-modules-saved"),
    );
    Ok(see_other("/settings#staff-development"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_module_is_on_until_the_school_switches_it_off() {
        let none = serde_json::json!({});
        assert!(Module::ALL.iter().all(|&m| switched_on(&none, m)));
        let some = serde_json::json!({ "staffdev_modules": { "safety_quiz": false } });
        assert!(!switched_on(&some, Module::SafetyQuiz));
        assert!(switched_on(&some, Module::Frame));
    }

    #[test]
    fn a_switched_off_modules_pages_are_its_own_and_no_others() {
        let off = ["zones"];
        assert!(is_switched_off_page("/staff-development/zones", &off));
        assert!(is_switched_off_page(
            "/staff-development/zones/check-in",
            &off
        ));
        assert!(!is_switched_off_page("/staff-development/zonesx", &off));
        assert!(!is_switched_off_page("/staff-development/frame", &off));
        assert!(!is_switched_off_page("/staff-development/zones", &[]));
    }
}
