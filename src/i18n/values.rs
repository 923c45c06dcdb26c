//! Dates, times, numbers and money as the reader's language writes them. Every page
//! shows a value through these calls on its [`Lang`] (`t.date(day)`,
//! `t.money(&amount, currency)`); form inputs and CSV exports keep ISO dates and plain
//! numbers, which machines read.
//!
//! The formats are CLDR's, through ICU4X and its compiled data: a language shipped
//! later (`pt-BR`) gets its own formats with no code, a regional one falls back to its
//! base language (`es-MX` to `es` where Mexico has nothing of its own), and a
//! language CLDR does not know to English. English is written the British way
//! (`en-GB`: "6 Dec 2026", "14:05"), as Homeroom always wrote it. Each language's
//! formatters are built once, on first use, and kept.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{Arc, RwLock};

use bigdecimal::BigDecimal;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Timelike};
use fixed_decimal::Decimal;
use icu_calendar::Gregorian;
use icu_datetime::fieldsets::enums::CompositeFieldSet;
use icu_datetime::fieldsets::{E, M, MD, MDE, T, YM, YMD, YMDE};
use icu_datetime::input::{Date, DateTime as Moment, Time};
use icu_datetime::pattern::{DateTimePattern, FixedCalendarDateTimeNames};
use icu_datetime::unchecked::DateTimeInputUnchecked;
use icu_datetime::{DateTimeFormatterPreferences, FixedCalendarDateTimeFormatter};
use icu_decimal::{DecimalFormatter, DecimalFormatterPreferences};
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_locale_core::{Locale as IcuLocale, locale};
use writeable::TryWriteable;

use super::Lang;
use crate::web::format::Currency;

/// A date or time formatter of one language, whatever fields it shows.
type Dates = FixedCalendarDateTimeFormatter<Gregorian, CompositeFieldSet>;

/// A formatter of the compiled data for these fields; the root locale's when the
/// language has none (the compiled data always has the root's).
macro_rules! dated {
    ($prefs:expr, $fields:expr) => {
        FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new($prefs, $fields)
            .or_else(|_| FixedCalendarDateTimeFormatter::try_new(Default::default(), $fields))
            .expect("the compiled data has the root locale")
            .cast_into_fset::<CompositeFieldSet>()
    };
}

/// How one kind of value is written: as CLDR writes these fields in the language,
/// or by a fixed pattern (Homeroom's English).
enum Shape {
    Cldr(Box<Dates>),
    Pattern(Box<Patterned>),
}

/// A CLDR pattern ("d MMM y") with the names it needs.
struct Patterned {
    names: FixedCalendarDateTimeNames<Gregorian>,
    pattern: DateTimePattern,
}

impl Shape {
    fn cldr(formatter: Dates) -> Shape {
        Shape::Cldr(Box::new(formatter))
    }

    /// The pattern with English names; CLDR's British English for these fields if
    /// the pattern cannot be loaded.
    fn english(pattern: &str, fields: Dates) -> Shape {
        let patterned = || -> Option<Patterned> {
            let pattern = DateTimePattern::try_from_pattern_str(pattern).ok()?;
            let mut names = FixedCalendarDateTimeNames::try_new(locale!("en").into()).ok()?;
            names.include_for_pattern(&pattern).ok()?;
            Some(Patterned { names, pattern })
        };
        match patterned() {
            Some(p) => Shape::Pattern(Box::new(p)),
            None => Shape::cldr(fields),
        }
    }

    /// The formatted value.
    fn write(&self, moment: Moment<Gregorian>) -> String {
        match self {
            Shape::Cldr(f) => {
                let mut input = DateTimeInputUnchecked::default();
                input.set_date_fields_unchecked(moment.date);
                input.set_time_fields(moment.time);
                whole(f.format_unchecked(input).try_write_to_string())
            }
            Shape::Pattern(p) => whole(
                p.names
                    .with_pattern_unchecked(&p.pattern)
                    .format(&moment)
                    .try_write_to_string(),
            ),
        }
    }
}

/// The text written; where the data lacks a piece (a number formatter for one
/// pattern), the plain digits ICU4X writes in its place.
fn whole<E: std::fmt::Debug>(
    written: Result<std::borrow::Cow<'_, str>, (E, std::borrow::Cow<'_, str>)>,
) -> String {
    match written {
        Ok(text) => text.into_owned(),
        Err((error, text)) => {
            tracing::debug!(?error, "date written with the data's gaps filled");
            text.into_owned()
        }
    }
}

/// One language's formatters, built once.
pub(super) struct Formats {
    date: Shape,
    long_date: Shape,
    weekday_date: Shape,
    day_month: Shape,
    weekday_short: Shape,
    weekday: Shape,
    month: Shape,
    month_short: Shape,
    month_year: Shape,
    time: Shape,
    /// Date and time together as the language joins them; `None` for Homeroom's
    /// English, which writes them side by side ("6 Dec 2026 14:05").
    date_time: Option<Shape>,
    decimal: DecimalFormatter,
    percent: PercentFormatter<DecimalFormatter>,
    /// Where the currency symbols come from.
    money_locale: IcuLocale,
    /// One formatter per currency shown in this language, made when first asked for.
    money: RwLock<HashMap<Currency, Arc<CurrencyFormatter<DecimalFormatter>>>>,
}

impl Formats {
    /// The formats of a language tag (`es`, `pt-BR`, `ar-XB`): its own CLDR data,
    /// else its base language's, else English.
    pub(super) fn new(tag: &str) -> Formats {
        match IcuLocale::from_str(tag) {
            Ok(l) if l.id.language.as_str() == "en" && l.id.region.is_none() => Formats::english(),
            Ok(l) if knows(&l) => Formats::of(&l, &l),
            _ => Formats::english(),
        }
    }

    /// Homeroom's English, as it always wrote: "6 Dec 2026", "Sunday 6 December
    /// 2026", "14:05", and money with the symbols English readers know
    /// ("$1,234.50", "€1,234.50").
    fn english() -> Formats {
        let gb = locale!("en-GB");
        let cldr = Formats::of(&gb, &locale!("en"));
        let dates = DateTimeFormatterPreferences::from(&gb);
        Formats {
            date: Shape::english("d MMM y", dated!(dates, YMD::medium())),
            long_date: Shape::english("EEEE d MMMM y", dated!(dates, YMDE::long())),
            weekday_date: Shape::english("EEEE d MMMM", dated!(dates, MDE::long())),
            day_month: Shape::english("d MMM", dated!(dates, MD::medium())),
            weekday_short: Shape::english("EEE", dated!(dates, E::medium())),
            weekday: Shape::english("EEEE", dated!(dates, E::long())),
            month: Shape::english("LLLL", dated!(dates, M::long())),
            month_short: Shape::english("LLL", dated!(dates, M::medium())),
            month_year: Shape::english("MMMM y", dated!(dates, YM::long())),
            time: Shape::english("HH:mm", dated!(dates, T::hm())),
            date_time: None,
            ..cldr
        }
    }

    fn of(locale: &IcuLocale, money_locale: &IcuLocale) -> Formats {
        let dates = DateTimeFormatterPreferences::from(locale);
        let numbers = DecimalFormatterPreferences::from(locale);
        Formats {
            date: Shape::cldr(dated!(dates, YMD::medium())),
            long_date: Shape::cldr(dated!(dates, YMDE::long())),
            weekday_date: Shape::cldr(dated!(dates, MDE::long())),
            day_month: Shape::cldr(dated!(dates, MD::medium())),
            weekday_short: Shape::cldr(dated!(dates, E::medium())),
            weekday: Shape::cldr(dated!(dates, E::long())),
            month: Shape::cldr(dated!(dates, M::long())),
            month_short: Shape::cldr(dated!(dates, M::medium())),
            month_year: Shape::cldr(dated!(dates, YM::long())),
            time: Shape::cldr(dated!(dates, T::hm())),
            date_time: Some(Shape::cldr(dated!(dates, YMD::medium().with_time_hm()))),
            decimal: DecimalFormatter::try_new(numbers, Default::default())
                .or_else(|_| DecimalFormatter::try_new(Default::default(), Default::default()))
                .expect("the compiled data has the root locale"),
            percent: PercentFormatter::try_new(locale.into(), Default::default())
                .or_else(|_| PercentFormatter::try_new(Default::default(), Default::default()))
                .expect("the compiled data has the root locale"),
            money_locale: money_locale.clone(),
            money: RwLock::new(HashMap::new()),
        }
    }

    fn money(&self, currency: Currency) -> Option<Arc<CurrencyFormatter<DecimalFormatter>>> {
        if let Some(made) = self.money.read().ok()?.get(&currency) {
            return Some(Arc::clone(made));
        }
        let code = CurrencyType::try_from_str(currency.code()).ok()?;
        let prefs = (&self.money_locale).into();
        let made =
            Arc::new(CurrencyFormatter::try_new_symbol(prefs, code, Default::default()).ok()?);
        self.money.write().ok()?.insert(currency, Arc::clone(&made));
        Some(made)
    }
}

/// Whether CLDR has this language: its months then have names, where the root
/// locale only numbers them ("M01").
fn knows(locale: &IcuLocale) -> bool {
    let months = dated!(locale.into(), M::long());
    let january = NaiveDate::from_ymd_opt(2026, 1, 15).and_then(on);
    january.is_some_and(|day| Shape::cldr(months).write(day) != "M01")
}

/// A day at midnight, for a formatter.
fn on(day: NaiveDate) -> Option<Moment<Gregorian>> {
    let month = u8::try_from(day.month()).ok()?;
    let date = u8::try_from(day.day()).ok()?;
    let gregorian = Date::try_new_iso(day.year(), month, date)
        .ok()?
        .to_calendar(Gregorian);
    Some(Moment {
        date: gregorian,
        time: Time::start_of_day(),
    })
}

/// The same day at a time of day (to the minute).
fn at(moment: Moment<Gregorian>, time: NaiveTime) -> Option<Moment<Gregorian>> {
    let hour = u8::try_from(time.hour()).ok()?;
    let minute = u8::try_from(time.minute()).ok()?;
    Some(Moment {
        time: Time::try_new(hour, minute, 0, 0).ok()?,
        ..moment
    })
}

/// A decimal with exactly `places` decimals, rounded half to even.
fn fixed(n: &BigDecimal, places: i64) -> Decimal {
    let text = n
        .with_scale_round(places, bigdecimal::RoundingMode::HalfEven)
        .to_string();
    Decimal::from_str(&text).unwrap_or_default()
}

impl Lang {
    fn formats(&self) -> &'static Formats {
        let language = self.language();
        language.formats.get_or_init(|| Formats::new(&language.tag))
    }

    fn show(&self, pick: fn(&Formats) -> &Shape, day: NaiveDate) -> String {
        match on(day) {
            Some(input) => pick(self.formats()).write(input),
            None => day.to_string(),
        }
    }

    /// A calendar date: "6 Dec 2026", "6 dic 2026", "6 déc. 2026".
    pub fn date(&self, day: NaiveDate) -> String {
        self.show(|f| &f.date, day)
    }

    /// A date with its weekday, written out: "Sunday 6 December 2026",
    /// "domingo, 6 de diciembre de 2026", "dimanche 6 décembre 2026".
    pub fn long_date(&self, day: NaiveDate) -> String {
        self.show(|f| &f.long_date, day)
    }

    /// A date with its weekday, without the year: "Sunday 6 December".
    pub fn weekday_date(&self, day: NaiveDate) -> String {
        self.show(|f| &f.weekday_date, day)
    }

    /// Day and month, short: "6 Dec".
    pub fn day_month(&self, day: NaiveDate) -> String {
        self.show(|f| &f.day_month, day)
    }

    /// The weekday, short: "Sun", "dom", "dim.".
    pub fn weekday_short(&self, day: NaiveDate) -> String {
        self.show(|f| &f.weekday_short, day)
    }

    /// The weekday, written out: "Sunday".
    pub fn weekday(&self, day: NaiveDate) -> String {
        self.show(|f| &f.weekday, day)
    }

    /// The month of a date: "December".
    pub fn month(&self, day: NaiveDate) -> String {
        self.show(|f| &f.month, day)
    }

    /// The month of a date, short: "Dec".
    pub fn month_short(&self, day: NaiveDate) -> String {
        self.show(|f| &f.month_short, day)
    }

    /// Month and year: "December 2026", "diciembre de 2026".
    pub fn month_year(&self, day: NaiveDate) -> String {
        self.show(|f| &f.month_year, day)
    }

    /// A time of day: "14:05".
    pub fn time(&self, time: NaiveTime) -> String {
        // The formatter shows only the time; any day carries it.
        match on(NaiveDate::default()).and_then(|day| at(day, time)) {
            Some(input) => self.formats().time.write(input),
            None => time.to_string(),
        }
    }

    /// An instant in a time zone, date and time: "6 Dec 2026 14:05",
    /// "6 dic 2026, 14:05".
    pub fn date_time<Tz: TimeZone>(&self, at_zone: &DateTime<Tz>) -> String
    where
        Tz::Offset: std::fmt::Display,
    {
        let local = at_zone.naive_local();
        let both = on(local.date()).and_then(|input| at(input, local.time()));
        match (&self.formats().date_time, both) {
            (Some(shape), Some(input)) => shape.write(input),
            _ => [self.date(local.date()), self.time(local.time())].join(" "),
        }
    }

    /// A whole number, grouped: "1,234", "1234", "12.345", "1 234".
    pub fn number(&self, n: i64) -> String {
        self.formats().decimal.format(&Decimal::from(n)).to_string()
    }

    /// A number with `decimals` decimals, grouped: "1,234.5", "1234,5", "1 234,5".
    pub fn decimal(&self, n: &BigDecimal, decimals: i64) -> String {
        self.formats()
            .decimal
            .format(&fixed(n, decimals))
            .to_string()
    }

    /// A percentage of `value` (0–100) with `decimals` decimals: "92.5%", "92,5 %".
    pub fn percent(&self, value: f64, decimals: usize) -> String {
        let places = i64::try_from(decimals).unwrap_or(0);
        let n = BigDecimal::try_from(value).unwrap_or_default();
        self.formats()
            .percent
            .format(&fixed(&n, places))
            .to_string()
    }

    /// Money in a currency: "$1,234.50", "1234,50 €", "1 234,50 €"; a currency
    /// without minor units (JPY) shows none.
    pub fn money(&self, amount: &BigDecimal, currency: Currency) -> String {
        match self.formats().money(currency) {
            Some(f) => f.format_fixed_decimal(&fixed(amount, 6)).to_string(),
            None => [currency.code(), &self.decimal(amount, 2)].join("\u{a0}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Catalog;
    use super::*;

    /// A catalog of these languages, each with one message, as a build ships them.
    fn lang(tag: &'static str) -> Lang {
        let files: Vec<(&str, &str, &str)> = ["en", tag]
            .into_iter()
            .map(|t| (t, "a", "x = x\n"))
            .collect();
        let (catalog, _) = Catalog::build(&files);
        let catalog: &'static Catalog = Box::leak(Box::new(catalog));
        catalog.find(tag).expect("shipped")
    }

    fn sunday() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 6).expect("a date")
    }

    fn amount(text: &str) -> BigDecimal {
        BigDecimal::from_str(text).expect("a decimal")
    }

    fn money(t: Lang, text: &str, code: &str) -> String {
        t.money(&amount(text), Currency::parse(code).expect("a code"))
    }

    #[test]
    fn english_dates_read_as_homeroom_always_wrote_them() {
        let en = lang("en");
        let day = sunday();
        assert_eq!(en.date(day), "6 Dec 2026");
        assert_eq!(en.long_date(day), "Sunday 6 December 2026");
        assert_eq!(en.weekday_date(day), "Sunday 6 December");
        assert_eq!(en.day_month(day), "6 Dec");
        assert_eq!(en.weekday_short(day), "Sun");
        assert_eq!(en.weekday(day), "Sunday");
        assert_eq!(en.month(day), "December");
        assert_eq!(en.month_short(day), "Dec");
        assert_eq!(en.month_year(day), "December 2026");
        let september = NaiveDate::from_ymd_opt(2026, 9, 1).expect("a date");
        assert_eq!(en.date(september), "1 Sep 2026");
        assert_eq!(en.month(september), "September");
        let five_past_two = NaiveTime::from_hms_opt(14, 5, 30).expect("a time");
        assert_eq!(en.time(five_past_two), "14:05");
        let berlin = crate::clock::zone("Europe/Berlin");
        let at = berlin
            .with_ymd_and_hms(2026, 12, 6, 14, 5, 0)
            .single()
            .expect("an instant");
        assert_eq!(en.date_time(&at), "6 Dec 2026 14:05");
    }

    #[test]
    fn spanish_dates_are_written_the_spanish_way() {
        let es = lang("es");
        let day = sunday();
        assert_eq!(es.date(day), "6 dic 2026");
        assert_eq!(es.long_date(day), "domingo, 6 de diciembre de 2026");
        assert_eq!(es.weekday_short(day), "dom");
        assert_eq!(es.month_year(day), "diciembre de 2026");
        let at = chrono::Utc
            .with_ymd_and_hms(2026, 12, 6, 9, 5, 0)
            .single()
            .expect("an instant");
        assert_eq!(es.date_time(&at), "6 dic 2026, 09:05");
    }

    #[test]
    fn french_dates_are_written_the_french_way() {
        let fr = lang("fr");
        let day = sunday();
        assert_eq!(fr.date(day), "6 déc. 2026");
        assert_eq!(fr.long_date(day), "dimanche 6 décembre 2026");
        assert_eq!(fr.weekday_date(day), "dimanche 6 décembre");
        assert_eq!(fr.weekday_short(day), "dim.");
        assert_eq!(fr.month(day), "décembre");
        assert_eq!(
            fr.time(NaiveTime::from_hms_opt(8, 30, 0).expect("a time")),
            "08:30"
        );
    }

    #[test]
    fn numbers_group_as_each_language_does() {
        let (en, es, fr) = (lang("en"), lang("es"), lang("fr"));
        let n = amount("1234.5");
        assert_eq!(en.decimal(&n, 1), "1,234.5");
        // Spanish groups only from five digits on (CLDR's minimum grouping).
        assert_eq!(es.decimal(&n, 1), "1234,5");
        assert_eq!(es.decimal(&amount("12345.5"), 1), "12.345,5");
        assert_eq!(fr.decimal(&n, 1), "1\u{202f}234,5");
        assert_eq!(en.number(-1_234_567), "-1,234,567");
        assert_eq!(fr.number(1_234_567), "1\u{202f}234\u{202f}567");
        assert_eq!(en.decimal(&amount("2.25"), 1), "2.2");
        assert_eq!(en.percent(92.5, 1), "92.5%");
        assert_eq!(es.percent(92.5, 1), "92,5\u{a0}%");
        assert_eq!(fr.percent(92.5, 0), "92\u{a0}%");
    }

    #[test]
    fn money_has_the_currency_where_the_language_puts_it() {
        let (en, es, fr) = (lang("en"), lang("es"), lang("fr"));
        assert_eq!(money(en, "1234.5", "USD"), "$1,234.50");
        assert_eq!(money(en, "0", "USD"), "$0.00");
        assert_eq!(money(en, "999.999", "USD"), "$1,000.00");
        assert_eq!(money(en, "-1200", "USD"), "-$1,200.00");
        assert_eq!(money(en, "1250.5", "EUR"), "€1,250.50");
        assert_eq!(money(en, "1250.5", "CHF"), "CHF\u{a0}1,250.50");
        assert_eq!(money(es, "1234.5", "EUR"), "1234,50\u{a0}€");
        assert_eq!(money(es, "12345.5", "EUR"), "12.345,50\u{a0}€");
        assert_eq!(money(fr, "1234.5", "EUR"), "1\u{202f}234,50\u{a0}€");
        // A currency without minor units keeps none.
        assert_eq!(money(en, "1250", "JPY"), "¥1,250");
        assert_eq!(money(fr, "1250", "JPY"), "1\u{202f}250\u{a0}JP¥");
    }

    #[test]
    fn a_language_without_its_own_formats_falls_back_to_its_base_or_to_english() {
        let day = sunday();
        // Brazilian Portuguese has CLDR data of its own, so it needs no code.
        let pt = lang("pt-BR");
        assert_eq!(pt.date(day), "6 de dez. de 2026");
        assert_eq!(pt.month_year(day), "dezembro de 2026");
        assert_eq!(pt.decimal(&amount("12345.5"), 1), "12.345,5");
        // A region CLDR has nothing special for reads as its language.
        assert_eq!(
            lang("es-EC").long_date(day),
            "domingo, 6 de diciembre de 2026"
        );
        // The pseudo-locale reads as Arabic, its base language.
        assert_eq!(lang("ar-XB").month(day), lang("ar").month(day));
        // A language CLDR does not know reads as English.
        let unknown = lang("qaa");
        assert_eq!(unknown.date(day), "6 Dec 2026");
        assert_eq!(unknown.number(1234), "1,234");
    }

    #[test]
    fn a_language_builds_its_formatters_once() {
        let fr = lang("fr");
        let first: *const Formats = fr.formats();
        let again: *const Formats = fr.formats();
        assert_eq!(first, again);
        assert_eq!(money(fr, "1", "EUR"), money(fr, "1", "EUR"));
        assert_eq!(fr.formats().money.read().map(|m| m.len()).unwrap_or(0), 1);
    }
}
