//! CSV export of the list as filtered: one column per field, named by its column,
//! relations by the related record's name, so the file imports into another
//! organization that has records of the same names. The file is streamed a batch
//! of rows at a time (`HOMEROOM_EXPORT_BATCH_ROWS`), so a district's whole table
//! never sits in the server's memory.

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpResponse, web};

use super::store::{self, ListState, Row};
use super::{Kind, Resource};
use crate::db::Tenant;
use crate::state::AppState;
use crate::web::download::{Pieces, stream_in};
use crate::web::error::AppError;
use crate::web::input;
use crate::web::layout::Page;

/// A cell as written: quoted when it needs to be, and never read as a formula by a
/// spreadsheet (a leading `'`, which the import takes off again).
pub fn cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// A row's field values as exported (and imported).
pub fn export_values(res: &Resource, row: &Row) -> Vec<String> {
    res.fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let raw = row.raw(i).unwrap_or("");
            match f.kind {
                Kind::Relation(_) => row
                    .titles
                    .get(i)
                    .and_then(|t| t.as_deref())
                    .filter(|t| !t.is_empty())
                    .unwrap_or(raw)
                    .to_owned(),
                Kind::Timestamp if !raw.is_empty() => format!("{raw}Z"),
                _ => raw.to_owned(),
            }
        })
        .collect()
}

/// The file's first line: the columns' names.
fn header_line(res: &Resource) -> String {
    let header: Vec<String> = res.fields.iter().map(|f| cell(f.column)).collect();
    format!("{}\r\n", header.join(","))
}

/// The lines of `rows`, one a row.
fn lines(res: &Resource, rows: &[Row]) -> String {
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = export_values(res, row).iter().map(|v| cell(v)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The file as it is sent: its header line, then a batch of rows at a time.
struct Batches {
    res: &'static Resource,
    size: i64,
    header_sent: bool,
    ended: bool,
}

impl Pieces for Batches {
    fn next(&mut self, tenant: &mut Tenant<'_>) -> Result<Option<Bytes>, AppError> {
        if !self.header_sent {
            self.header_sent = true;
            return Ok(Some(Bytes::from(header_line(self.res))));
        }
        if self.ended {
            return Ok(None);
        }
        let rows = store::next_batch(tenant, self.res, self.size)?;
        self.ended = (rows.len() as i64) < self.size;
        if rows.is_empty() {
            return Ok(None);
        }
        Ok(Some(Bytes::from(lines(self.res, &rows))))
    }
}

/// The list as filtered, streamed from one snapshot a batch at a time (a cursor in
/// one read-only transaction: the same rows in the same order as the list, which a
/// keyset over its sort expressions could not promise, and no row missed or repeated
/// while others write). The access log counts the rows before the first is sent.
pub async fn export(
    res: &'static Resource,
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let st = ListState {
        global: page.access.global_access,
        ..ListState::parse(res, &query, page.access.time_zone)
    };
    let size = state.settings.export_batch_rows;
    let (count, body) = stream_in(&state.pool, page.access.actor(), move |tenant| {
        let count = store::open_export(tenant, res, &st)?;
        let batches = Batches {
            res,
            size,
            header_sent: false,
            ended: false,
        };
        Ok((count, batches))
    })
    .await?;
    let name = format!(
        "{}-{}.csv",
        res.table().replace('_', "-"),
        page.access.today().format("%Y-%m-%d")
    );
    let response = HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(body);
    Ok(if names_students(res) {
        let count = usize::try_from(count).unwrap_or_default();
        crate::privacy::mark(response, crate::privacy::Subject::Students(count))
    } else {
        response
    })
}

/// Whether a row of the export is about a student: the students' own list, or a
/// record that links to one (enrolments, results, guardians, invoices, …).
fn names_students(res: &Resource) -> bool {
    res.entity == crate::access::Entity::Students
        || res.fields.iter().any(|f| {
            matches!(f.kind, Kind::Relation(target) if target.entity == crate::access::Entity::Students)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_never_formulas() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
    }
}
