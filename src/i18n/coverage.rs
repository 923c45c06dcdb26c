//! Every message in use is in English and in every language that covers its area,
//! and no message file holds one nobody uses. An area is a file name
//! (`locales/en/attendance.ftl` is `attendance`); a language covers every area
//! English has unless its folder lists the areas it covers in a `COVERAGE` file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::{Catalog, SHIPPED};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_under(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, extension, out);
        } else if path.extension().is_some_and(|e| e == extension) {
            out.push(path);
        }
    }
}

/// The ids a message file defines (messages start a line; terms start with `-`).
fn defined(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|line| line.split_once('='))
        .map(|(id, _)| id.trim_end())
        .filter(|id| is_id(id))
        .map(str::to_owned)
        .collect()
}

fn is_id(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Ids written as string literals right after one of the calls that take an id.
fn ids_in_source(text: &str, found: &mut BTreeMap<String, String>, file: &str) {
    // Spelled apart so this file does not find itself.
    let calls = [
        [".text", "(\""].concat(),
        [".message", "(\""].concat(),
        ["msg", "(\""].concat(),
    ];
    for call in &calls {
        for (at, _) in text.match_indices(call.as_str()) {
            let before = text[..at].chars().next_back();
            if call.starts_with('m') && before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &text[at + call.len()..];
            if let Some((id, _)) = rest.split_once('"')
                && is_id(id)
            {
                found
                    .entry(id.to_owned())
                    .or_insert_with(|| file.to_owned());
            }
        }
    }
}

/// Every message id the application uses, with where one use is.
fn used_ids() -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let mut files = Vec::new();
    files_under(&root().join("templates"), "html", &mut files);
    files_under(&root().join("src"), "rs", &mut files);
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        // Unit tests make up their own messages.
        let code = text
            .split("\n#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or_default();
        let name = path
            .strip_prefix(root())
            .unwrap_or(&path)
            .display()
            .to_string();
        ids_in_source(code, &mut found, &name);
    }
    // The menu's labels are ids its modules registered, some made from table names.
    let menu = crate::startup::routes().main_menu();
    for entry in menu.entries() {
        found
            .entry(entry.label.to_owned())
            .or_insert_with(|| format!("the menu ({})", entry.href));
    }
    for group in crate::access::MenuGroup::ALL {
        found
            .entry(group.label().to_owned())
            .or_insert_with(|| "the menu's groups".to_owned());
    }
    for (id, place) in run_time_ids() {
        found.entry(id).or_insert(place);
    }
    found
}

/// Ids made at run time from data: every stored choice's wording
/// (`choice-<type>-<value>`, values written as ids; grade letters such as `A+` are
/// shown as written), every record table's nouns (`record-<table>-one`, `-new`),
/// and the names of entities the menu does not name (`records-entity-<table>`).
fn run_time_ids() -> Vec<(String, String)> {
    let mut ids = Vec::new();
    for (sql_type, values) in crate::db::enums::CHOICES {
        for value in *values {
            let id = format!("choice-{sql_type}-{value}");
            if is_id(&id) {
                ids.push((id, format!("the enum {sql_type} (db/enums.rs)")));
            }
        }
    }
    for res in crate::resources::entities::ALL {
        for form in ["one", "new"] {
            ids.push((
                res.noun_id(form),
                format!("the record engine ({})", res.table()),
            ));
        }
    }
    let english = super::Lang::default();
    for entity in crate::access::Entity::ALL {
        let [menu, records] = entity.message_ids();
        if !english.has(menu) {
            ids.push((records.to_owned(), format!("the entity {}", entity.table())));
        }
    }
    ids
}

/// `language → area → ids` of the shipped message files.
type Shipped = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

fn shipped_ids() -> Shipped {
    let mut shipped: Shipped = BTreeMap::new();
    for (language, area, text) in SHIPPED {
        shipped
            .entry((*language).to_owned())
            .or_default()
            .insert((*area).to_owned(), defined(text));
    }
    shipped
}

/// The areas a language claims: its `COVERAGE` file's lines, else all of English's.
fn claimed_areas(language: &str, english: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<String> {
    match std::fs::read_to_string(root().join("locales").join(language).join("COVERAGE")) {
        Ok(text) => text
            .lines()
            .map(|l| l.split('#').next().unwrap_or_default().trim())
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        Err(_) => english.keys().cloned().collect(),
    }
}

#[test]
fn every_message_file_parses_without_errors() {
    let (_, problems) = Catalog::build(SHIPPED);
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(SHIPPED.iter().any(|(l, a, _)| *l == "en" && *a == "common"));
}

#[test]
fn every_message_in_use_is_translated_where_its_area_is_and_none_is_unused() {
    let used = used_ids();
    let shipped = shipped_ids();
    let english = &shipped["en"];
    let area_of: BTreeMap<&String, &String> = english
        .iter()
        .flat_map(|(area, ids)| ids.iter().map(move |id| (id, area)))
        .collect();

    let mut problems = Vec::new();
    for (id, place) in &used {
        if !area_of.contains_key(id) {
            problems.push(format!("{id} (used in {place}) is missing from locales/en"));
        }
    }
    for (id, area) in &area_of {
        if !used.contains_key(*id) {
            problems.push(format!("{id} in locales/en/{area}.ftl is used nowhere"));
        }
    }
    for (language, areas) in shipped.iter().filter(|(l, _)| *l != "en") {
        let claimed = claimed_areas(language, english);
        for area in &claimed {
            let Some(wanted) = english.get(area) else {
                problems.push(format!(
                    "{language}/COVERAGE names {area}, which English lacks"
                ));
                continue;
            };
            let have = areas.get(area).cloned().unwrap_or_default();
            for id in wanted.difference(&have) {
                problems.push(format!(
                    "{id} is missing from locales/{language}/{area}.ftl"
                ));
            }
        }
        for (area, ids) in areas {
            let english_ids = english.get(area).cloned().unwrap_or_default();
            for id in ids.difference(&english_ids) {
                problems.push(format!(
                    "{id} in locales/{language}/{area}.ftl is used nowhere"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_scan_finds_ids_after_each_call_and_nothing_else() {
    let mut found = BTreeMap::new();
    let source = [
        "t.text(\"roll-save\") t.message(\"roll-marked\").arg(\"n\", 1)",
        " label: msg(\"nav-today\"), error_msg(\"not-this\"), .text(\"Not an id\")",
    ]
    .concat();
    ids_in_source(&source, &mut found, "here");
    let ids: Vec<&str> = found.keys().map(String::as_str).collect();
    assert_eq!(ids, ["nav-today", "roll-marked", "roll-save"]);
    assert_eq!(
        defined("# c\n-brand = Homeroom\nroll-save = Save\n    .title = x\nroll-x =\n    y\n"),
        BTreeSet::from(["roll-save".to_owned(), "roll-x".to_owned()])
    );
}
