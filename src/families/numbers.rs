//! A new student's number when the office leaves it blank: the organization's
//! pattern (`organizations.student_number_pattern`, by default `{year}-{seq:05}`)
//! filled with the calendar year and the year's next number, counted per
//! organization in the transaction that writes the student.

use chrono::Datelike;
use uuid::Uuid;

use super::queries;
use crate::db::Tenant;

/// How many taken numbers (typed by hand earlier) are stepped over before giving up.
const TRIES: usize = 1000;

/// Gives a live student without a number the next one. Runs in the student's write.
pub fn assign(tenant: &mut Tenant<'_>, student: Uuid) -> diesel::QueryResult<()> {
    let Some((None, pattern)) = queries::numbering(tenant, student)? else {
        return Ok(());
    };
    let year = tenant.today().year();
    for _ in 0..TRIES {
        let seq = queries::next_in_sequence(tenant, year)?;
        let number = render(&pattern, year, seq);
        if !queries::number_taken(tenant, &number)? {
            queries::set_number(tenant, student, &number)?;
            return Ok(());
        }
    }
    // Every number tried was taken: the student stays without one, as typed.
    tracing::warn!(%student, "no free student number after {TRIES} tries");
    Ok(())
}

/// The number the next new student would get under `pattern` (if nobody typed it first).
pub fn next_under(tenant: &mut Tenant<'_>, pattern: &str) -> diesel::QueryResult<String> {
    let year = tenant.today().year();
    let seq = queries::last_in_sequence(tenant, year)?;
    Ok(render(pattern, year, seq.saturating_add(1)))
}

/// The pattern with `{year}` and `{seq}` (or `{seq:0N}`, zero-padded to N digits)
/// filled in; anything else is kept as written.
pub fn render(pattern: &str, year: i32, seq: i32) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let Some(close) = after.find('}') else {
            out.push_str(after);
            return out;
        };
        let token = &after[1..close];
        match token {
            "year" => out.push_str(&year.to_string()),
            "seq" => out.push_str(&seq.to_string()),
            _ => match token
                .strip_prefix("seq:0")
                .and_then(|w| w.parse::<usize>().ok())
            {
                Some(width) if width <= 12 => out.push_str(&format!("{seq:0width$}")),
                _ => out.push_str(&after[..=close]),
            },
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn the_default_pattern_pads_the_sequence_to_five_digits() {
        assert_eq!(render("{year}-{seq:05}", 2026, 7), "2026-00007");
        assert_eq!(render("S{seq}", 2026, 12), "S12");
        assert_eq!(render("{year}/{seq:03}/{x}", 2027, 1234), "2027/1234/{x}");
        assert_eq!(render("A-{seq:05", 2026, 3), "A-{seq:05");
    }
}
