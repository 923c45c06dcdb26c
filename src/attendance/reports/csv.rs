//! CSV downloads of the reports.

use actix_web::HttpResponse;
use actix_web::http::header;

use crate::web::error::AppError;

/// A CSV download. Cells that a spreadsheet would run as a formula are quoted with
/// a leading apostrophe, so a name like `=HYPERLINK(...)` stays text.
pub fn csv_response(
    file_name: &str,
    header: Vec<String>,
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<HttpResponse, AppError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| AppError::Internal(e.into());
    out.write_record(&header).map_err(failed)?;
    let mut count = 0;
    for row in rows {
        out.write_record(row.iter().map(|c| defuse(c)))
            .map_err(failed)?;
        count += 1;
    }
    let body = out
        .into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("writing CSV: {e}")))?;
    // Every report written here lists students (or their families' balances): the
    // access log counts the rows.
    let response = HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .body(body);
    Ok(crate::privacy::mark(
        response,
        crate::privacy::Subject::Students(count),
    ))
}

fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_formulas_are_kept_as_text() {
        assert_eq!(defuse("=1+1"), "'=1+1");
        assert_eq!(defuse("-5"), "'-5");
        assert_eq!(defuse("O'Neil"), "O'Neil");
    }
}
