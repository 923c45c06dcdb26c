//! The export's ZIP: `summary.html`, a printable account of everything found in
//! the school's language; `data/<table>.json` for every table searched (its rows
//! as objects, column names as keys; `[]` when it holds none); and the contents of
//! the student's files under `files/`.

use std::io::{Cursor, Write};

use askama::Template;
use serde_json::Value;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::access::Entity;
use crate::i18n::{Lang, msg};

/// One table's rows, as found.
pub struct TableRows {
    pub table: String,
    pub rows: Vec<Value>,
}

/// A file of the student's, read from the store (or not: then `bytes` is none).
pub struct Attached {
    pub name: String,
    pub bytes: Option<Vec<u8>>,
}

/// Who and what the summary is about.
pub struct Heading {
    pub school: String,
    pub student: String,
    pub number: Option<String>,
    pub made: String,
}

/// Columns the summary leaves out: the school's own id and the import key say
/// nothing about the student (the JSON keeps them).
const UNSHOWN: &[&str] = &["organization_id", "import_hash"];

/// The table's name in the reader's language: the record's name where the table is
/// one, else the export's own; a table this version does not know by its name.
pub fn title(table: &str, t: Lang) -> String {
    if let Some(entity) = Entity::ALL.iter().find(|e| e.table() == table) {
        return entity.label_in(t);
    }
    let id = match table {
        "invoice_lines" => msg("priv-export-table-invoice-lines"),
        "discount_rule_students" => msg("priv-export-table-discounts"),
        "report_card_comments" => msg("priv-export-table-report-comments"),
        "report_cards" => msg("priv-export-table-report-cards"),
        "rollover_student_choices" => msg("priv-export-table-rollover"),
        _ => return table.to_owned(),
    };
    t.text(id)
}

/// A value as the summary shows it; none for nothing.
fn shown(value: &Value, t: Lang) -> Option<String> {
    match value {
        Value::Null => None,
        Value::Bool(true) => Some(t.text("priv-export-yes")),
        Value::Bool(false) => Some(t.text("priv-export-no")),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s.clone()),
        Value::Array(a) if a.is_empty() => None,
        other => Some(other.to_string()),
    }
}

pub struct Section {
    pub anchor: String,
    pub title: String,
    pub file: String,
    pub rows: Vec<Vec<(String, String)>>,
}

#[derive(Template)]
#[template(path = "privacy/export_summary.html")]
struct Summary<'a> {
    t: Lang,
    heading: &'a Heading,
    sections: Vec<Section>,
    files: Vec<&'a str>,
    missing: Vec<&'a str>,
}

fn sections(tables: &[TableRows], t: Lang) -> Vec<Section> {
    tables
        .iter()
        .map(|table| Section {
            anchor: format!("t-{}", table.table),
            title: title(&table.table, t),
            file: data_path(&table.table),
            rows: table
                .rows
                .iter()
                .map(|row| match row {
                    Value::Object(columns) => columns
                        .iter()
                        .filter(|(name, _)| !UNSHOWN.contains(&name.as_str()))
                        .filter_map(|(name, v)| Some((name.clone(), shown(v, t)?)))
                        .collect(),
                    other => vec![(String::new(), other.to_string())],
                })
                .collect(),
        })
        .collect()
}

fn data_path(table: &str) -> String {
    format!("data/{table}.json")
}

/// The summary page, in `t`.
pub fn summary(
    heading: &Heading,
    tables: &[TableRows],
    files: &[Attached],
    t: Lang,
) -> askama::Result<String> {
    Summary {
        t,
        heading,
        sections: sections(tables, t),
        files: files
            .iter()
            .filter(|f| f.bytes.is_some())
            .map(|f| f.name.as_str())
            .collect(),
        missing: files
            .iter()
            .filter(|f| f.bytes.is_none())
            .map(|f| f.name.as_str())
            .collect(),
    }
    .render()
}

/// Why an archive could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("writing the archive: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("writing the archive: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing a table's rows: {0}")]
    Json(#[from] serde_json::Error),
}

/// The whole archive in memory, every entry deflated.
pub fn zip(
    summary: &str,
    tables: &[TableRows],
    files: &[Attached],
) -> Result<Vec<u8>, ArchiveError> {
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("summary.html", options)?;
    zip.write_all(summary.as_bytes())?;
    for table in tables {
        zip.start_file(data_path(&table.table), options)?;
        serde_json::to_writer_pretty(&mut zip, &table.rows)?;
    }
    for file in files {
        if let Some(bytes) = &file.bytes {
            zip.start_file(format!("files/{}", file.name), options)?;
            zip.write_all(bytes)?;
        }
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_show_as_people_read_them() {
        let t = Lang::default();
        assert_eq!(shown(&Value::Null, t), None);
        assert_eq!(shown(&Value::String(String::new()), t), None);
        assert_eq!(shown(&serde_json::json!("Ada"), t), Some("Ada".to_owned()));
        assert_eq!(shown(&serde_json::json!(12.5), t), Some("12.5".to_owned()));
        assert_eq!(shown(&serde_json::json!(true), t), Some("Yes".to_owned()));
        assert_eq!(
            shown(&serde_json::json!({"a": 1}), t),
            Some("{\"a\":1}".to_owned())
        );
    }

    #[test]
    fn an_archive_holds_the_summary_every_table_and_the_files_read() {
        let tables = [
            TableRows {
                table: "students".to_owned(),
                rows: vec![serde_json::json!({"id": "s1", "first_name": "Ada"})],
            },
            TableRows {
                table: "invoices".to_owned(),
                rows: Vec::new(),
            },
        ];
        let files = [
            Attached {
                name: "f1-report.pdf".to_owned(),
                bytes: Some(b"%PDF".to_vec()),
            },
            Attached {
                name: "f2-lost.png".to_owned(),
                bytes: None,
            },
        ];
        let bytes = zip("<html></html>", &tables, &files).expect("an archive");
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("readable");
        let names: Vec<String> = archive
            .file_names()
            .map(|name| name.expect("a name").into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "summary.html",
                "data/students.json",
                "data/invoices.json",
                "files/f1-report.pdf"
            ]
        );
        let mut json = String::new();
        std::io::Read::read_to_string(
            &mut archive.by_name("data/invoices.json").expect("entry"),
            &mut json,
        )
        .expect("text");
        assert_eq!(json, "[]");
        assert_eq!(
            archive
                .by_name("files/f1-report.pdf")
                .expect("entry")
                .compression(),
            CompressionMethod::Deflated
        );
    }
}
