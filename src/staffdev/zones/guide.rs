//! The zones content type: for each of the four zones its colour, what it means and
//! the strategies that help, shared by every school of the install and edited by
//! super administrators in a form (never as raw JSON). A check-in shows its zone's
//! strategies.

use serde::{Deserialize, Serialize};

use super::ZONES;
use crate::i18n::Lang;
use crate::staffdev::content::{Content, ContentKey, path};
use crate::web::form::FieldErrors;

/// The longest description of a zone.
pub const DESCRIPTION_MAX: usize = 600;
/// The longest strategy.
pub const STRATEGY_MAX: usize = 200;
/// The most strategies a zone lists.
pub const STRATEGIES_MAX: usize = 12;

/// The guide to the four zones.
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq)]
pub struct ZoneGuide {
    pub zones: Vec<ZoneText>,
}

/// One zone: its key (`blue`, `green`, `yellow`, `red`), its colour as `#rrggbb`,
/// what it means, and what helps.
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq)]
pub struct ZoneText {
    pub zone: String,
    pub colour: String,
    pub description: String,
    pub strategies: Vec<String>,
}

impl ZoneGuide {
    /// The text of a zone, when the guide has it.
    pub fn zone(&self, key: &str) -> Option<&ZoneText> {
        self.zones.iter().find(|z| z.zone == key)
    }
}

fn is_colour(value: &str) -> bool {
    value.len() == 7 && value.starts_with('#') && value[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

impl Content for ZoneGuide {
    const KEY: ContentKey = ContentKey::Zones;

    fn validate(&self, t: Lang) -> FieldErrors {
        let mut errors = FieldErrors::default();
        let complete = ZONES
            .iter()
            .all(|(key, _)| self.zones.iter().filter(|z| z.zone == *key).count() == 1);
        if !complete || self.zones.len() != ZONES.len() {
            errors.add("zones", t.text("sd-guide-error-four-zones"));
        }
        for (i, zone) in self.zones.iter().enumerate() {
            let at = path("zones", i);
            if !is_colour(zone.colour.trim()) {
                errors.add(format!("{at}.colour"), t.text("sd-guide-error-colour"));
            }
            let description = zone.description.trim();
            if description.is_empty() {
                errors.add(
                    format!("{at}.description"),
                    t.text("sd-guide-error-description"),
                );
            } else if description.chars().count() > DESCRIPTION_MAX {
                let max = t.number(DESCRIPTION_MAX as i64);
                let message = t.message("sd-guide-error-too-long").arg("max", max);
                errors.add(format!("{at}.description"), message.to_string());
            }
            let strategies = &zone.strategies;
            if strategies.is_empty() || strategies.iter().any(|s| s.trim().is_empty()) {
                errors.add(
                    format!("{at}.strategies"),
                    t.text("sd-guide-error-strategies"),
                );
            } else if strategies.len() > STRATEGIES_MAX
                || strategies.iter().any(|s| s.chars().count() > STRATEGY_MAX)
            {
                let message = t
                    .message("sd-guide-error-strategies-long")
                    .arg("count", STRATEGIES_MAX as i64)
                    .arg("max", t.number(STRATEGY_MAX as i64));
                errors.add(format!("{at}.strategies"), message.to_string());
            }
        }
        errors
    }
}

/// The guide as the editor's form sends it: per zone `<zone>_colour`,
/// `<zone>_description` and `<zone>_strategies` (one per line).
pub fn from_form(fields: &[(String, String)]) -> ZoneGuide {
    let value = |name: String| {
        fields
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    ZoneGuide {
        zones: ZONES
            .iter()
            .map(|(key, _)| ZoneText {
                zone: (*key).to_owned(),
                colour: value(format!("{key}_colour")),
                description: value(format!("{key}_description")),
                strategies: value(format!("{key}_strategies"))
                    .lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty())
                    .map(str::to_owned)
                    .collect(),
            })
            .collect(),
    }
}

/// The guide the demo and a new install start from.
pub fn starter() -> ZoneGuide {
    let zone = |zone: &str, colour: &str, description: &str, strategies: &[&str]| ZoneText {
        zone: zone.to_owned(),
        colour: colour.to_owned(),
        description: description.to_owned(),
        strategies: strategies.iter().map(|s| (*s).to_owned()).collect(),
    };
    ZoneGuide {
        zones: vec![
            zone(
                "blue",
                "#1e5fb4",
                "Low energy: tired, sad, bored or unwell.",
                &[
                    "Take a short walk",
                    "Drink some water",
                    "Talk to a colleague you trust",
                ],
            ),
            zone(
                "green",
                "#1f7a4d",
                "Calm, focused and ready to work.",
                &["Notice what is going well", "Help a colleague who is not"],
            ),
            zone(
                "yellow",
                "#f2c230",
                "Heightened: stressed, worried, frustrated or excited.",
                &[
                    "Breathe in for four, out for six",
                    "Write down what is on your mind",
                    "Take a minute before the next class",
                ],
            ),
            zone(
                "red",
                "#b42318",
                "Overwhelmed: angry, panicked or out of control.",
                &[
                    "Step away somewhere quiet",
                    "Ask a colleague to cover for five minutes",
                    "Talk to your director",
                ],
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_guide_is_valid_and_a_broken_one_names_its_fields() {
        let t = Lang::default();
        assert!(starter().validate(t).is_empty());
        let mut broken = starter();
        broken.zones[1].colour = "green".to_owned();
        broken.zones[2].strategies.clear();
        broken.zones.pop();
        let errors = broken.validate(t);
        assert!(errors.get("zones").is_some());
        assert!(errors.get("zones[1].colour").is_some());
        assert!(errors.get("zones[2].strategies").is_some());
    }
}
