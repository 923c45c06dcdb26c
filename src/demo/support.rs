//! Small tools shared by the demo builders: random streams, ids, money, dates,
//! batched inserts.

use anyhow::Context;
use bigdecimal::BigDecimal;
use bigdecimal::num_bigint::BigInt;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc, Weekday};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

const SEED: u64 = 0x486f_6d65_726f_6f6d; // "Homeroom"

/// One random stream per school and part, so that what one part draws (attendance
/// depends on today's date) never shifts the data of another.
pub fn stream(school: &str, part: &str) -> ChaCha8Rng {
    // FNV-1a: stable across Rust versions, unlike `DefaultHasher`.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in school.bytes().chain([0]).chain(part.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    ChaCha8Rng::seed_from_u64(SEED ^ h)
}

/// A version-4 UUID drawn from the stream, so ids are the same on every run.
pub fn new_id(rng: &mut impl Rng) -> Uuid {
    uuid::Builder::from_random_bytes(rng.random()).into_uuid()
}

/// One element of a non-empty constant list.
pub fn pick<'a, T>(rng: &mut impl Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// One value, chosen with the given weights.
pub fn weighted<T: Copy>(rng: &mut impl Rng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut roll = rng.random_range(0..total.max(1));
    for &(item, weight) in items {
        if roll < weight {
            return item;
        }
        roll -= weight;
    }
    items[items.len() - 1].0
}

/// Cents as a numeric(12,2) value.
pub fn money(cents: i64) -> BigDecimal {
    BigDecimal::new(BigInt::from(cents), 2)
}

pub fn date(year: i32, month: u32, day: u32) -> anyhow::Result<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
        .with_context(|| format!("invalid date {year}-{month}-{day}"))
}

pub fn time(hour: u32, minute: u32) -> anyhow::Result<NaiveTime> {
    NaiveTime::from_hms_opt(hour, minute, 0)
        .with_context(|| format!("invalid time {hour}:{minute}"))
}

/// The instant at a time of day (UTC, the demo organizations' time zone), never after `now`.
pub fn instant(day: NaiveDate, at: NaiveTime, now: DateTime<Utc>) -> DateTime<Utc> {
    day.and_time(at).and_utc().min(now)
}

pub fn is_school_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// School days from `from` to `to`, both included.
pub fn school_days(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    from.iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| is_school_day(*d))
        .collect()
}

/// Rows per INSERT statement. PostgreSQL allows 65,535 bind parameters in one
/// statement; the widest demo row has fewer than 32 columns.
pub const ROWS_PER_INSERT: usize = 2_000;

/// Rows per COPY statement for the big tables: large enough to stream fast, small
/// enough that the rows waiting to be sent stay a few megabytes.
pub const ROWS_PER_COPY: usize = 100_000;

/// Runs `$statement` (built from `$chunk`) for each chunk of `$size` rows.
macro_rules! write_chunks {
    ($conn:expr, $rows:expr, $size:expr, $doing:literal, $what:expr, |$chunk:ident| $statement:expr) => {{
        for $chunk in $rows.chunks($size) {
            $statement
                .execute($conn)
                .with_context(|| format!(concat!($doing, " the demo {}"), $what))?;
        }
    }};
}
pub(crate) use write_chunks;

/// Inserts rows in statements of `ROWS_PER_INSERT`.
macro_rules! insert_all {
    ($conn:expr, $table:expr, $rows:expr, $what:expr) => {
        $crate::demo::support::write_chunks!(
            $conn,
            $rows,
            $crate::demo::support::ROWS_PER_INSERT,
            "inserting",
            $what,
            |chunk| diesel::insert_into($table).values(chunk)
        )
    };
}
pub(crate) use insert_all;

/// Streams rows with COPY (binary), for the tables that grow to millions of rows.
/// The row type needs `#[diesel(treat_none_as_default_value = false)]`.
macro_rules! copy_all {
    ($conn:expr, $table:expr, $rows:expr, $what:expr) => {
        $crate::demo::support::write_chunks!(
            $conn,
            $rows,
            $crate::demo::support::ROWS_PER_COPY,
            "copying",
            $what,
            |chunk| diesel::copy_from($table).from_insertable(chunk)
        )
    };
}
pub(crate) use copy_all;

/// Progress lines on standard error, with the time since the start, for the long
/// district-scale build; silent otherwise.
pub struct Progress {
    started: Option<std::time::Instant>,
}

impl Progress {
    pub fn new(enabled: bool) -> Progress {
        Progress {
            started: enabled.then(std::time::Instant::now),
        }
    }

    pub fn say(&self, what: std::fmt::Arguments) {
        if let Some(started) = self.started {
            eprintln!("[{:>6.1} s] {what}", started.elapsed().as_secs_f64());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: u64 = stream("northwind", "people").random();
        let b: u64 = stream("northwind", "people").random();
        let c: u64 = stream("northwind", "finance").random();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(new_id(&mut stream("x", "y")).get_version_num(), 4);
    }

    #[test]
    fn money_keeps_two_decimals() {
        assert_eq!(money(285_000).to_string(), "2850.00");
        assert_eq!(money(5).to_string(), "0.05");
    }

    #[test]
    fn weekends_are_not_school_days() {
        let days = school_days(date(2026, 11, 16).unwrap(), date(2026, 11, 22).unwrap());
        assert_eq!(days.len(), 5);
    }
}
