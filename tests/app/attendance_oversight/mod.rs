//! Directors and the office overseeing attendance: missing rolls, today's campus
//! attendance and its trend, reports with CSV, staff attendance and check-in.

mod browser;
mod reports;
mod staff;
mod today;

use chrono::NaiveDate;
use homeroom::db::enums::AttendanceStatus;
use uuid::Uuid;

use crate::common::TestApp;
use crate::common::fixtures::{SessionBuilder, enrolled_students};

/// The text of every `.stat` card on a page, label → value.
pub fn stat_cards(html: &str) -> Vec<(String, String)> {
    let doc = scraper::Html::parse_document(html);
    let card = scraper::Selector::parse(".stat").expect("selector");
    let value = scraper::Selector::parse(".value").expect("selector");
    let label = scraper::Selector::parse(".label").expect("selector");
    doc.select(&card)
        .filter_map(|c| {
            let v = c.select(&value).next()?.text().collect::<String>();
            let l = c.select(&label).next()?.text().collect::<String>();
            Some((l.trim().to_owned(), v.trim().to_owned()))
        })
        .collect()
}

pub fn stat(html: &str, label: &str) -> String {
    stat_cards(html)
        .into_iter()
        .find(|(l, _)| l == label)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("a {label:?} card"))
}

/// The students actively enrolled in a class, in a stable order.
pub fn roster(app: &TestApp, class_id: Uuid) -> Vec<Uuid> {
    enrolled_students(&mut app.conn(), class_id)
}

/// Takes a roll directly in the database: one session and one mark per student.
pub fn take_roll(
    app: &TestApp,
    org: Uuid,
    campus_id: Uuid,
    class_id: Uuid,
    class_subject_id: Option<Uuid>,
    date: NaiveDate,
    marks: &[(Uuid, AttendanceStatus)],
) -> Uuid {
    let roll = match class_subject_id {
        Some(class_subject) => SessionBuilder::period(org, class_id, class_subject),
        None => SessionBuilder::daily(org, class_id),
    };
    roll.on_campus(campus_id)
        .on(date)
        .marking(marks)
        .insert(&mut app.conn())
}
