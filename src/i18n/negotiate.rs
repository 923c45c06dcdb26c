//! Which shipped language a reader gets: theirs, their school's, their browser's,
//! else English. Languages are matched by tag, and a regional tag takes its
//! language (`es-MX` reads `es`).

use unic_langid::LanguageIdentifier;

/// The tags of an `Accept-Language` header, most wanted first (`q` from 1 down;
/// equal weights keep the header's order); `q=0` means "not this one", `*` adds nothing.
pub fn accepted_languages(header: &str) -> Vec<String> {
    let mut weighted: Vec<(String, f32)> = header
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';').map(str::trim);
            let tag = parts.next().filter(|t| !t.is_empty() && *t != "*")?;
            let mut q = 1.0;
            for param in parts {
                if let Some(value) = param
                    .strip_prefix("q=")
                    .or_else(|| param.strip_prefix("Q="))
                {
                    q = value
                        .trim()
                        .parse::<f32>()
                        .ok()
                        .filter(|q| (0.0..=1.0).contains(q))?;
                }
            }
            (q > 0.0).then(|| (tag.to_owned(), q))
        })
        .collect();
    weighted.sort_by(|a, b| b.1.total_cmp(&a.1));
    weighted.into_iter().map(|(tag, _)| tag).collect()
}

/// The index of the shipped tag that is `wanted` (any letter case).
pub fn exact(shipped: &[&str], wanted: &str) -> Option<usize> {
    let wanted: LanguageIdentifier = wanted.parse().ok()?;
    shipped
        .iter()
        .position(|tag| tag.parse::<LanguageIdentifier>().is_ok_and(|t| t == wanted))
}

/// The shipped language for a tag: the tag itself, else the same language alone,
/// else the same language in another region.
fn best(shipped: &[&str], wanted: &str) -> Option<usize> {
    let wanted_id: LanguageIdentifier = wanted.parse().ok()?;
    let ids: Vec<Option<LanguageIdentifier>> = shipped.iter().map(|t| t.parse().ok()).collect();
    let same_language = |id: &LanguageIdentifier| {
        id.language == wanted_id.language && id.script == wanted_id.script
    };
    ids.iter()
        .position(|id| id.as_ref() == Some(&wanted_id))
        .or_else(|| {
            ids.iter().position(|id| {
                id.as_ref()
                    .is_some_and(|id| same_language(id) && id.region.is_none())
            })
        })
        .or_else(|| {
            ids.iter()
                .position(|id| id.as_ref().is_some_and(same_language))
        })
}

/// The index of the language to read in, among `shipped`: see `Catalog::choose`.
pub fn choose(
    shipped: &[&str],
    user: Option<&str>,
    school: Option<&str>,
    accept_language: Option<&str>,
) -> Option<usize> {
    let browser = accept_language.map(accepted_languages).unwrap_or_default();
    user.into_iter()
        .chain(school)
        .chain(browser.iter().map(String::as_str))
        .find_map(|tag| best(shipped, tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: [&str; 3] = ["en", "es", "fr"];

    fn pick(user: Option<&str>, school: Option<&str>, browser: Option<&str>) -> &'static str {
        choose(&SHIPPED, user, school, browser).map_or("(fallback)", |i| SHIPPED[i])
    }

    #[test]
    fn the_users_choice_wins_then_the_schools_then_the_browsers() {
        assert_eq!(pick(Some("fr"), Some("es"), Some("en")), "fr");
        assert_eq!(pick(None, Some("es"), Some("fr")), "es");
        assert_eq!(pick(None, None, Some("fr")), "fr");
        assert_eq!(pick(None, None, None), "(fallback)");
    }

    #[test]
    fn a_choice_homeroom_does_not_ship_passes_to_the_next() {
        assert_eq!(pick(Some("de"), Some("es"), None), "es");
        assert_eq!(pick(Some("de"), Some("nl"), Some("de, fr;q=0.4")), "fr");
        assert_eq!(pick(None, None, Some("de, nl")), "(fallback)");
    }

    #[test]
    fn the_browser_list_is_read_by_weight() {
        assert_eq!(pick(None, None, Some("fr;q=0.5, es;q=0.9, de")), "es");
        assert_eq!(pick(None, None, Some("es;q=0, fr;q=0.1")), "fr");
        assert_eq!(pick(None, None, Some("es;q=0")), "(fallback)");
        assert_eq!(
            pick(None, None, Some("fr, es")),
            "fr",
            "equal weights keep their order"
        );
        assert_eq!(
            accepted_languages("fr-CA;q=0.8, es-MX, *;q=0.1, en;q=0.5"),
            ["es-MX", "fr-CA", "en"]
        );
    }

    #[test]
    fn a_regional_tag_reads_its_language() {
        assert_eq!(pick(None, None, Some("es-MX,es;q=0.9")), "es");
        assert_eq!(pick(Some("FR-ca"), None, None), "fr");
        assert_eq!(choose(&["en", "pt-BR"], None, None, Some("pt-PT")), Some(1));
    }

    #[test]
    fn a_malformed_header_is_ignored_not_refused() {
        assert_eq!(
            pick(None, None, Some(";;;,q=,es;q=abc,  ,fr;q=2")),
            "(fallback)"
        );
        assert_eq!(pick(None, None, Some("🙂, es")), "es");
        assert!(accepted_languages("").is_empty());
    }
}
