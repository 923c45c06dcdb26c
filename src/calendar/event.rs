//! An event as the calendar shows and edits it, its kinds (each with a colour and
//! a word), and the form's rules.

use chrono::{NaiveDate, NaiveTime};
use uuid::Uuid;

use crate::db::enums::MessageAudience;
use crate::i18n::{Lang, msg};
use crate::web::form::FieldErrors;
use crate::web::input;

/// The kinds of event the form offers; a kind typed elsewhere (an import, the
/// record pages) is shown as typed, in the colour of "other".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    Event,
    Meeting,
    Deadline,
    Drill,
    Holiday,
    Exam,
    Trip,
    Other,
}

impl EventKind {
    pub const ALL: [EventKind; 8] = [
        EventKind::Event,
        EventKind::Meeting,
        EventKind::Deadline,
        EventKind::Drill,
        EventKind::Holiday,
        EventKind::Exam,
        EventKind::Trip,
        EventKind::Other,
    ];

    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Event => "event",
            EventKind::Meeting => "meeting",
            EventKind::Deadline => "deadline",
            EventKind::Drill => "drill",
            EventKind::Holiday => "holiday",
            EventKind::Exam => "exam",
            EventKind::Trip => "trip",
            EventKind::Other => "other",
        }
    }

    /// The kind a stored word stands for, "other" for a word of one's own.
    pub fn of(word: &str) -> EventKind {
        let word = word.trim().to_lowercase();
        EventKind::ALL
            .into_iter()
            .find(|k| k.as_str() == word)
            .unwrap_or(EventKind::Other)
    }

    /// The message id of its name.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Event => msg("cal-kind-event"),
            EventKind::Meeting => msg("cal-kind-meeting"),
            EventKind::Deadline => msg("cal-kind-deadline"),
            EventKind::Drill => msg("cal-kind-drill"),
            EventKind::Holiday => msg("cal-kind-holiday"),
            EventKind::Exam => msg("cal-kind-exam"),
            EventKind::Trip => msg("cal-kind-trip"),
            EventKind::Other => msg("cal-kind-other"),
        }
    }

    /// A symbol beside the word, so the kind never rests on colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            EventKind::Event => "★",
            EventKind::Meeting => "◆",
            EventKind::Deadline => "⏰",
            EventKind::Drill => "⚠",
            EventKind::Holiday => "☀",
            EventKind::Exam => "✎",
            EventKind::Trip => "➜",
            EventKind::Other => "●",
        }
    }
}

/// The audiences an event may have: a campus is the event's own campus field, and
/// an event is never for hand-picked people.
pub const AUDIENCES: [MessageAudience; 6] = [
    MessageAudience::Everyone,
    MessageAudience::Staff,
    MessageAudience::Guardians,
    MessageAudience::Students,
    MessageAudience::Grade,
    MessageAudience::Class,
];

/// The message id naming an audience.
pub fn audience_label(audience: MessageAudience) -> &'static str {
    match audience {
        MessageAudience::Everyone | MessageAudience::Campus | MessageAudience::Custom => {
            msg("cal-audience-everyone")
        }
        MessageAudience::Staff => msg("cal-audience-staff"),
        MessageAudience::Guardians => msg("cal-audience-guardians"),
        MessageAudience::Students => msg("cal-audience-students"),
        MessageAudience::Grade => msg("cal-audience-grade"),
        MessageAudience::Class => msg("cal-audience-class"),
    }
}

/// An event of the school's calendar.
#[derive(Clone, Debug)]
pub struct Event {
    pub id: Option<Uuid>,
    pub title: String,
    /// The stored kind word.
    pub kind: String,
    pub campus_id: Option<Uuid>,
    pub date: NaiveDate,
    /// The last day of an event of several days.
    pub ends_on: Option<NaiveDate>,
    /// None: all day.
    pub starts_at: Option<NaiveTime>,
    pub ends_at: Option<NaiveTime>,
    pub location: Option<String>,
    pub description: Option<String>,
    pub audience: MessageAudience,
    /// The grades or classes a grade or class audience names.
    pub audience_ids: Vec<Uuid>,
    pub staff: bool,
    pub guardians: bool,
    pub students: bool,
    /// Days before the event its reminder goes (0: none).
    pub remind_days_before: i32,
}

impl Event {
    /// A new event on `date`, for everyone, all day.
    pub fn on(date: NaiveDate) -> Event {
        Event {
            id: None,
            title: String::new(),
            kind: EventKind::Event.as_str().to_owned(),
            campus_id: None,
            date,
            ends_on: None,
            starts_at: None,
            ends_at: None,
            location: None,
            description: None,
            audience: MessageAudience::Everyone,
            audience_ids: Vec::new(),
            staff: true,
            guardians: true,
            students: true,
            remind_days_before: 0,
        }
    }

    pub fn event_kind(&self) -> EventKind {
        EventKind::of(&self.kind)
    }

    /// The kind's word in `t`: a known kind translated, one's own as typed.
    pub fn kind_word(&self, t: Lang) -> String {
        match self.event_kind() {
            EventKind::Other if !self.kind.trim().eq_ignore_ascii_case("other") => {
                self.kind.clone()
            }
            kind => t.text(kind.label()),
        }
    }

    /// The last day it is on.
    pub fn last_day(&self) -> NaiveDate {
        self.ends_on.unwrap_or(self.date).max(self.date)
    }

    pub fn is_on(&self, day: NaiveDate) -> bool {
        self.date <= day && day <= self.last_day()
    }

    pub fn all_day(&self) -> bool {
        self.starts_at.is_none()
    }

    /// Who it is for, in `t`: "Everyone", "Staff", "Whole school: staff, students",
    /// "Some grades: guardians" …
    pub fn audience_words(&self, t: Lang) -> String {
        let groups: Vec<String> = [
            (self.staff, msg("cal-reach-staff")),
            (self.guardians, msg("cal-reach-guardians")),
            (self.students, msg("cal-reach-students")),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, id)| t.text(id))
        .collect();
        let all = self.staff && self.guardians && self.students;
        let whom = match self.audience {
            MessageAudience::Everyone if all => return t.text("cal-audience-everyone"),
            MessageAudience::Staff | MessageAudience::Guardians | MessageAudience::Students => {
                return t.text(audience_label(self.audience));
            }
            MessageAudience::Grade | MessageAudience::Class => {
                t.text(audience_label(self.audience))
            }
            _ => t.text("cal-audience-school"),
        };
        t.message("cal-audience-with-groups")
            .arg("audience", whom)
            .arg("groups", groups.join(", "))
            .to_string()
    }
}

/// Longest title, location and description kept.
const TITLE_MAX: usize = 200;
const PLACE_MAX: usize = 200;
const DESCRIPTION_MAX: usize = 4000;
/// The most days before an event a reminder may go.
pub const REMIND_MAX: i32 = 60;

/// Reads the calendar's event form onto `event` (which keeps its id), with a
/// message for each field that is wrong.
pub fn read_form(t: Lang, mut event: Event, pairs: Vec<(String, String)>) -> (Event, FieldErrors) {
    let mut errors = FieldErrors::default();
    let mut raw = RawForm::default();
    let mut ids: Vec<(String, Uuid)> = Vec::new();
    for (name, value) in pairs {
        let value = input::normalize(&value).trim().to_owned();
        match name.as_str() {
            "title" => raw.title = value,
            "kind" => raw.kind = value,
            "campus" => raw.campus = value,
            "date" => raw.date = value,
            "ends_on" => raw.ends_on = value,
            "all_day" => raw.all_day = true,
            "starts_at" => raw.starts_at = value,
            "ends_at" => raw.ends_at = value,
            "location" => raw.location = value,
            "description" => raw.description = value,
            "audience" => raw.audience = value,
            "grade" | "class" => {
                if let Ok(id) = value.parse() {
                    ids.push((name, id));
                }
            }
            "staff" => raw.staff = true,
            "guardians" => raw.guardians = true,
            "students" => raw.students = true,
            "remind" => raw.remind = value,
            _ => {}
        }
    }
    for (field, label, text, long) in [
        (
            "title",
            crate::i18n::msg("cal-field-title"),
            &raw.title,
            false,
        ),
        (
            "location",
            crate::i18n::msg("cal-field-location"),
            &raw.location,
            false,
        ),
        (
            "description",
            crate::i18n::msg("cal-field-description"),
            &raw.description,
            true,
        ),
    ] {
        if let Some(unstorable) = input::unstorable(text, long) {
            errors.add(field, unstorable.message_in(t, &t.text(label)));
        }
    }
    event.title = std::mem::take(&mut raw.title);
    if event.title.is_empty() {
        errors.add("title", t.text("cal-error-title"));
    } else if event.title.chars().count() > TITLE_MAX {
        errors.add(
            "title",
            t.message("cal-error-too-long")
                .arg("max", TITLE_MAX)
                .to_string(),
        );
    }
    event.kind = if raw.kind.is_empty() {
        EventKind::Event.as_str().to_owned()
    } else {
        raw.kind.chars().take(100).collect()
    };
    event.campus_id = raw.campus.parse().ok();
    match NaiveDate::parse_from_str(&raw.date, "%Y-%m-%d") {
        Ok(date) => event.date = date,
        Err(_) => errors.add("date", t.text("cal-error-date")),
    }
    event.ends_on = None;
    if !raw.ends_on.is_empty() {
        match NaiveDate::parse_from_str(&raw.ends_on, "%Y-%m-%d") {
            Ok(end) if errors.get("date").is_none() && end < event.date => {
                errors.add("ends_on", t.text("cal-error-end-before-start"))
            }
            Ok(end) => event.ends_on = (end != event.date).then_some(end),
            Err(_) => errors.add("ends_on", t.text("cal-error-date")),
        }
    }
    read_times(t, &mut event, &raw, &mut errors);
    event.location = kept(&raw.location, PLACE_MAX, "location", t, &mut errors);
    event.description = kept(
        &raw.description,
        DESCRIPTION_MAX,
        "description",
        t,
        &mut errors,
    );
    read_audience(t, &mut event, &raw, ids, &mut errors);
    event.remind_days_before = if raw.remind.is_empty() {
        0
    } else {
        match raw.remind.parse::<i32>() {
            Ok(days) if (0..=REMIND_MAX).contains(&days) => days,
            _ => {
                errors.add(
                    "remind",
                    t.message("cal-error-remind")
                        .arg("max", REMIND_MAX)
                        .to_string(),
                );
                0
            }
        }
    };
    (event, errors)
}

#[derive(Default)]
struct RawForm {
    title: String,
    kind: String,
    campus: String,
    date: String,
    ends_on: String,
    all_day: bool,
    starts_at: String,
    ends_at: String,
    location: String,
    description: String,
    audience: String,
    staff: bool,
    guardians: bool,
    students: bool,
    remind: String,
}

fn kept(
    text: &str,
    max: usize,
    field: &'static str,
    t: Lang,
    errors: &mut FieldErrors,
) -> Option<String> {
    if text.chars().count() > max {
        errors.add(
            field,
            t.message("cal-error-too-long").arg("max", max).to_string(),
        );
    }
    (!text.is_empty()).then(|| text.to_owned())
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        .ok()
}

/// All day, or a start time with an optional end after it.
fn read_times(t: Lang, event: &mut Event, raw: &RawForm, errors: &mut FieldErrors) {
    event.starts_at = None;
    event.ends_at = None;
    if raw.all_day || (raw.starts_at.is_empty() && raw.ends_at.is_empty()) {
        return;
    }
    let Some(start) = parse_time(&raw.starts_at) else {
        errors.add("starts_at", t.text("cal-error-time"));
        return;
    };
    event.starts_at = Some(start);
    if raw.ends_at.is_empty() {
        return;
    }
    match parse_time(&raw.ends_at) {
        Some(end) if event.ends_on.is_none() && end <= start => {
            errors.add("ends_at", t.text("cal-error-end-time"))
        }
        Some(end) => event.ends_at = Some(end),
        None => errors.add("ends_at", t.text("cal-error-time")),
    }
}

/// The audience with the people it stands for: "staff" is staff alone, and so on;
/// grades and classes need at least one chosen.
fn read_audience(
    t: Lang,
    event: &mut Event,
    raw: &RawForm,
    ids: Vec<(String, Uuid)>,
    errors: &mut FieldErrors,
) {
    let audience = AUDIENCES.into_iter().find(|a| a.as_str() == raw.audience);
    let Some(audience) = audience else {
        errors.add("audience", t.text("cal-error-audience"));
        return;
    };
    event.audience = audience;
    (event.staff, event.guardians, event.students) = match audience {
        MessageAudience::Staff => (true, false, false),
        MessageAudience::Guardians => (false, true, false),
        MessageAudience::Students => (false, false, true),
        _ => (raw.staff, raw.guardians, raw.students),
    };
    let field = match audience {
        MessageAudience::Grade => Some("grade"),
        MessageAudience::Class => Some("class"),
        _ => None,
    };
    event.audience_ids = ids
        .into_iter()
        .filter(|(name, _)| Some(name.as_str()) == field)
        .map(|(_, id)| id)
        .collect();
    event.audience_ids.sort();
    event.audience_ids.dedup();
    if field.is_some() && event.audience_ids.is_empty() {
        errors.add("audience", t.text("cal-error-audience-which"));
    } else if !(event.staff || event.guardians || event.students) {
        errors.add("audience", t.text("cal-error-nobody"));
    }
}
