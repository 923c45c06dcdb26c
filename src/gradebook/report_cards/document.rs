//! A class's report cards as a PDF (one student per page, the printable page's
//! layout) and its term results as CSV, in the reader's language.

use super::{Card, ClassCards};
use crate::i18n::Lang;
use crate::pdf::{Column, Document, PageSize, PdfError};

/// A card's average as shown: "87.5 %", or "—" before anything counts.
pub fn percent_text(t: Lang, percent: Option<f64>) -> String {
    percent.map_or_else(|| "—".to_owned(), |p| t.percent(p, 1))
}

/// "Days present: 40 · late: 2 · absent: 1 · excused: 0"
pub fn attendance_text(t: Lang, card: &Card) -> String {
    let a = &card.attendance;
    t.message("rc-attendance-line")
        .arg("present", a.present)
        .arg("late", a.late)
        .arg("absent", a.absent)
        .arg("excused", a.excused)
        .to_string()
}

/// "Term 1 · 1 Sept 2026 – 18 Dec 2026"
pub fn term_text(t: Lang, card: &Card) -> String {
    t.message("rc-term-line")
        .arg("term", card.term.as_str())
        .arg("from", t.date(card.term_starts_on))
        .arg("until", t.date(card.term_ends_on))
        .to_string()
}

/// The class's cards as one PDF, a page (or more) per student; `logo` is the school's
/// logo image when it has one.
pub fn class_pdf(
    t: Lang,
    cards: &ClassCards,
    logo: Option<Vec<u8>>,
    size: PageSize,
) -> Result<Vec<u8>, PdfError> {
    let mut doc = Document::new(size);
    doc.title(
        t.message("rc-class-title")
            .arg("class", cards.title.as_str())
            .arg("term", cards.term.name.as_str())
            .to_string(),
    );
    for (i, card) in cards.cards.iter().enumerate() {
        if i > 0 {
            doc.page_break();
        }
        card_pages(&mut doc, t, card, logo.clone());
    }
    if cards.cards.is_empty() {
        doc.paragraph(t.text("rc-no-students"));
    }
    doc.finish()
}

fn card_pages(doc: &mut Document, t: Lang, card: &Card, logo: Option<Vec<u8>>) {
    doc.bookmark(card.student_name());
    if let Some(logo) = logo {
        doc.logo(logo, 40.0);
    }
    doc.heading(1, card.school.as_str());
    doc.heading(2, t.text("rc-card-title"));
    doc.strong(card.student_name());
    doc.paragraph(
        t.message("rc-class-line")
            .arg("class", card.class.as_str())
            .to_string(),
    );
    doc.paragraph(term_text(t, card));
    if let Some(at) = card.issued_at {
        doc.small(
            t.message("rc-issued-on")
                .arg("date", t.date(at.date_naive()))
                .to_string(),
        );
    }
    doc.space(4.0);
    let rows = card
        .subjects
        .iter()
        .map(|line| {
            let subject = match &line.teacher {
                Some(teacher) => format!("{}\n{teacher}", line.subject),
                None => line.subject.clone(),
            };
            vec![
                subject,
                percent_text(t, line.percent),
                line.letter.clone().unwrap_or_else(|| "—".to_owned()),
                line.comment.clone().unwrap_or_default(),
            ]
        })
        .collect();
    doc.table(
        &[
            Column::new(t.text("rc-subject"), 2.2),
            Column::right(t.text("rc-average"), 1.0),
            Column::right(t.text("rc-letter"), 0.8),
            Column::new(t.text("rc-comment"), 4.0),
        ],
        rows,
    );
    doc.heading(3, t.text("rc-attendance"));
    doc.paragraph(attendance_text(t, card));
    doc.heading(3, t.text("rc-homeroom-comment"));
    doc.paragraph(card.homeroom_comment.clone().unwrap_or_else(|| "—".into()));
    doc.heading(3, t.text("rc-principal-comment"));
    doc.paragraph(card.principal_comment.clone().unwrap_or_else(|| "—".into()));
}

/// The class's term results: a header row, then one row per student with each
/// subject's average (a plain number, for spreadsheets) and letter.
pub fn results_table(t: Lang, cards: &ClassCards) -> (Vec<String>, Vec<Vec<String>>) {
    let subjects = cards.subjects();
    let mut header = vec![t.text("rc-csv-last-name"), t.text("rc-csv-first-name")];
    for subject in &subjects {
        header.push(
            t.message("rc-csv-average-of")
                .arg("subject", subject.as_str())
                .to_string(),
        );
        header.push(
            t.message("rc-csv-letter-of")
                .arg("subject", subject.as_str())
                .to_string(),
        );
    }
    let rows = cards
        .cards
        .iter()
        .map(|card| {
            let mut row = vec![card.last_name.clone(), card.first_name.clone()];
            for subject in &subjects {
                let line = card.subjects.iter().find(|l| &l.subject == subject);
                row.push(
                    line.and_then(|l| l.percent)
                        .map(|p| format!("{p:.1}"))
                        .unwrap_or_default(),
                );
                row.push(line.and_then(|l| l.letter.clone()).unwrap_or_default());
            }
            row
        })
        .collect();
    (header, rows)
}
