//! Reading an uploaded CSV file into rows of cells.

use crate::i18n::Lang;
use crate::web::input;

/// A file that ends inside a quoted cell: its closing quote is missing.
#[derive(Debug, PartialEq, Eq)]
pub struct OpenQuote;

impl OpenQuote {
    /// What the upload form says about it, in the reader's language.
    pub fn message(&self, t: Lang) -> String {
        t.text("engine-import-open-quote")
    }
}

/// Reads CSV (RFC 4180: quoted cells may hold commas, quotes and line breaks).
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, OpenQuote> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell.is_empty() => quoted = true,
            ',' => record.push(std::mem::take(&mut cell)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                record.push(std::mem::take(&mut cell));
                records.push(std::mem::take(&mut record));
            }
            _ => cell.push(c),
        }
    }
    if quoted {
        return Err(OpenQuote);
    }
    if !cell.is_empty() || !record.is_empty() {
        record.push(cell);
        records.push(record);
    }
    records.retain(|r| r.iter().any(|c| !c.trim().is_empty()));
    // Cells are composed like form fields; control characters are refused per field.
    for cell in records.iter_mut().flatten() {
        if let std::borrow::Cow::Owned(composed) = input::normalize(cell) {
            *cell = composed;
        }
    }
    Ok(records)
}

/// A cell as the export wrote it, without the quote that kept it from being a formula.
pub fn uncell(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_cells_keep_commas_quotes_and_line_breaks() {
        let rows = parse_csv("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\n1,,3")
            .expect("parses");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1], vec!["x, y", "say \"hi\"", "two\nlines"]);
        assert_eq!(rows[2], vec!["1", "", "3"]);
        assert!(parse_csv("a\n\"open").is_err());
    }

    #[test]
    fn exported_cells_read_back_the_same() {
        let cell = crate::resources::csv_cell("=1+1");
        assert_eq!(uncell(&parse_csv(&cell).expect("parses")[0][0]), "=1+1");
    }
}
