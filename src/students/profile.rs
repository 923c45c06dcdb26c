//! A student's profile: who they are (photo, number, grade and class, status, age),
//! their guardians and siblings, medical notes for those who may read them, and tabs
//! for attendance, results, invoices, documents and history.

use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

use super::queries::{self, Enrolment, Health};
use crate::access::{Access, Action, Entity, Permission};
use crate::attendance::filters::Tally;
use crate::db::Tenant;
use crate::db::enums::ClassEnrollmentStatus;
use crate::files::EntityKind;
use crate::i18n::{Lang, msg};
use crate::web::error::AppError;
use crate::web::format::Locale;

/// The tabs of the profile, in the order shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Attendance,
    Results,
    Invoices,
    Documents,
    History,
    /// Who has seen this record (the access log).
    Seen,
}

impl Tab {
    const ALL: [Tab; 6] = [
        Tab::Attendance,
        Tab::Results,
        Tab::Invoices,
        Tab::Documents,
        Tab::History,
        Tab::Seen,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Tab::Attendance => "attendance",
            Tab::Results => "results",
            Tab::Invoices => "invoices",
            Tab::Documents => "documents",
            Tab::History => "history",
            Tab::Seen => "seen",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Tab::Attendance => msg("stu-tab-attendance"),
            Tab::Results => msg("stu-tab-results"),
            Tab::Invoices => msg("stu-tab-invoices"),
            Tab::Documents => msg("stu-tab-documents"),
            Tab::History => msg("stu-tab-history"),
            Tab::Seen => msg("priv-tab-seen"),
        }
    }

    /// What the reader needs to see the tab.
    fn readable(self, access: &Access) -> bool {
        if self == Tab::Seen {
            return access.can(crate::privacy::READ_ACCESS_LOG);
        }
        let entity = match self {
            Tab::Attendance => Entity::AttendanceRecords,
            Tab::Results => Entity::AssessmentResults,
            Tab::Invoices => Entity::Invoices,
            Tab::Documents | Tab::History | Tab::Seen => Entity::Students,
        };
        access.can_read(entity)
    }

    fn parse(text: Option<&str>) -> Option<Tab> {
        let text = text?;
        Tab::ALL.into_iter().find(|t| t.slug() == text)
    }
}

pub struct TabLink {
    pub label: String,
    pub href: String,
    pub current: bool,
}

pub struct GuardianView {
    pub name: String,
    pub href: Option<String>,
    pub relationship: Option<String>,
    pub phone: Option<String>,
    pub tel: Option<String>,
    pub email: Option<String>,
    pub flags: Vec<String>,
}

pub struct Row {
    pub cells: Vec<String>,
    pub href: Option<String>,
}

/// The tab's content: a heading line, a table (head and rows) or a note when empty.
pub struct TabPanel {
    pub intro: Option<String>,
    pub totals: Option<Tally>,
    pub head: Vec<String>,
    pub rows: Vec<Row>,
    pub empty: String,
    pub more: Option<(String, String)>,
    /// Further links under the table (label, address), such as issued report cards.
    pub links: Vec<(String, String)>,
}

pub struct Profile {
    pub id: Uuid,
    pub name: String,
    pub initials: String,
    pub photo: Option<String>,
    pub number: Option<String>,
    pub status: String,
    pub status_key: String,
    pub age: Option<String>,
    pub born: Option<String>,
    pub campus: String,
    pub grade: Option<String>,
    pub class: Option<String>,
    pub class_id: Option<Uuid>,
    pub guardians: Vec<GuardianView>,
    pub siblings: Option<crate::families::panel::Panel>,
    /// Shown only to readers who may: `None` hides the section.
    pub health: Option<Health>,
    pub may_edit_health: bool,
    pub may_enrol: bool,
    /// May bill the fees offered after a mid-year enrolment (finance's panel).
    pub may_invoice: bool,
    pub may_edit: bool,
    /// May download everything held on the student (a subject access export).
    pub may_export: bool,
    pub tabs: Vec<TabLink>,
    pub panel: Option<TabPanel>,
}

/// Whole years from a birthday to a day.
pub fn age_on(born: NaiveDate, day: NaiveDate) -> i32 {
    let years = day.year() - born.year();
    if (day.month(), day.day()) < (born.month(), born.day()) {
        years - 1
    } else {
        years
    }
}

/// The initials shown when there is no photo.
fn initials(first: &str, last: &str) -> String {
    [first, last]
        .iter()
        .filter_map(|n| n.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// A number a phone can dial: digits and a leading `+`.
fn dialable(phone: &str) -> Option<String> {
    let mut out = String::new();
    for c in phone.trim().chars() {
        if c.is_ascii_digit() || (c == '+' && out.is_empty()) {
            out.push(c);
        }
    }
    (out.chars().filter(char::is_ascii_digit).count() >= 3).then_some(out)
}

/// The active enrolment of the current year, else the latest active one.
pub fn current_enrolment(
    tenant: &mut Tenant<'_>,
    enrolments: &[Enrolment],
) -> diesel::QueryResult<Option<Enrolment>> {
    let year = queries::current_year(tenant)?.map(|(id, ..)| id);
    let active = |e: &&Enrolment| e.status == ClassEnrollmentStatus::Active;
    Ok(enrolments
        .iter()
        .filter(active)
        .find(|e| Some(e.year_id) == year)
        .or_else(|| enrolments.iter().find(active))
        .cloned())
}

/// Everything the profile page shows, as the reader may see it.
pub fn load(
    tenant: &mut Tenant<'_>,
    access: &Access,
    id: Uuid,
    (tab, page): (Option<&str>, i64),
    locale: &Locale,
) -> Result<Profile, AppError> {
    let t = locale.t;
    let s = queries::student(tenant, id)?.ok_or(AppError::NotFound)?;
    let enrolments = queries::enrolments(tenant, id)?;
    let current = current_enrolment(tenant, &enrolments)?;
    let guardians = queries::guardians_of(tenant, id)?
        .into_iter()
        .map(|g| guardian_view(g, t, access))
        .collect();
    let siblings = crate::families::panel::of_record(tenant, Entity::Students, id, t)?;
    let may = |action, entity| access.can(Permission::new(action, entity));
    let health = if may(Action::Read, Entity::StudentHealth) {
        Some(queries::health(tenant, id)?)
    } else {
        None
    };
    let tabs_allowed: Vec<Tab> = Tab::ALL
        .into_iter()
        .filter(|tab| tab.readable(access))
        .collect();
    let chosen = Tab::parse(tab)
        .filter(|tab| tabs_allowed.contains(tab))
        .or_else(|| tabs_allowed.first().copied());
    let panel = match chosen {
        Some(tab) => Some(panel(
            tenant,
            tab,
            &s,
            current.as_ref(),
            (&enrolments, page),
            locale,
        )?),
        None => None,
    };
    let today = tenant.today();
    let path = super::profile_path(id);
    Ok(Profile {
        id,
        name: format!("{} {}", s.first_name, s.last_name),
        initials: initials(&s.first_name, &s.last_name),
        photo: crate::files::photo_url(tenant, EntityKind::Student, id)?,
        number: s.student_number.clone(),
        status: t.choice("student_status", s.status.as_str()),
        status_key: s.status.as_str().to_owned(),
        age: s.date_of_birth.map(|born| {
            t.message("stu-age")
                .arg("years", age_on(born, today))
                .to_string()
        }),
        born: s.date_of_birth.map(|d| t.date(d)),
        campus: s.campus.clone(),
        grade: current.as_ref().map(|e| e.grade.clone()),
        class: current.as_ref().map(|e| e.class_name.clone()),
        class_id: current.as_ref().map(|e| e.class_id),
        guardians,
        siblings,
        health,
        may_edit_health: may(Action::Update, Entity::StudentHealth),
        may_invoice: may(Action::Create, Entity::Invoices),
        may_enrol: may(Action::Create, Entity::ClassEnrollments)
            && may(Action::Update, Entity::ClassEnrollments),
        may_edit: may(Action::Update, Entity::Students),
        may_export: access.can(crate::privacy::export::EXPORT_STUDENT_DATA),
        tabs: tabs_allowed
            .into_iter()
            .map(|tab| TabLink {
                label: t.text(tab.label()),
                href: format!("{path}?tab={}#tab", tab.slug()),
                current: Some(tab) == chosen,
            })
            .collect(),
        panel,
    })
}

fn guardian_view(g: queries::Guardian, t: Lang, access: &Access) -> GuardianView {
    let flags = [
        (g.primary_contact, msg("stu-flag-primary")),
        (g.lives_with, msg("stu-flag-lives-with")),
        (g.emergency_contact, msg("stu-flag-emergency")),
        (g.receives_invoices, msg("stu-flag-invoices")),
        (g.receives_messages, msg("stu-flag-messages")),
        (g.pickup_allowed, msg("stu-flag-pickup")),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, id)| t.text(id))
    .collect();
    GuardianView {
        href: g
            .person_id
            .filter(|_| access.can_read(Entity::GuardianPeople))
            .map(|p| format!("/guardian-people/{p}")),
        name: g.name,
        relationship: g
            .relationship
            .map(|r| t.choice("guardian_relationship", r.as_str())),
        tel: g.phone.as_deref().and_then(dialable),
        phone: g.phone,
        email: g.email.filter(|e| e.contains('@')),
        flags,
    }
}

fn panel(
    tenant: &mut Tenant<'_>,
    tab: Tab,
    s: &queries::Student,
    current: Option<&Enrolment>,
    (enrolments, page): (&[Enrolment], i64),
    locale: &Locale,
) -> Result<TabPanel, AppError> {
    let t = locale.t;
    let mut panel = TabPanel {
        intro: None,
        totals: None,
        head: Vec::new(),
        rows: Vec::new(),
        empty: String::new(),
        more: None,
        links: Vec::new(),
    };
    match tab {
        Tab::Seen => return crate::privacy::pages::student_panel(tenant, s.id, page, locale),
        Tab::Attendance => {
            let today = tenant.today();
            if let Some((_, start, end)) = queries::current_year(tenant)? {
                let through = end.min(today);
                let mut tally = Tally::default();
                for (status, n) in queries::attendance_counts(tenant, s.id, start, through)? {
                    tally.add(status, n);
                }
                panel.intro = Some(
                    t.message("stu-attendance-year")
                        .arg("from", t.date(start))
                        .arg("through", t.date(through))
                        .to_string(),
                );
                panel.totals = Some(tally);
            } else {
                panel.empty = t.text("stu-no-year");
            }
            panel.more = Some((
                t.text("stu-attendance-calendar"),
                format!("/attendance/students/{}", s.id),
            ));
        }
        Tab::Results => {
            panel.empty = t.text("stu-results-none");
            if let Some(e) = current {
                panel.intro = Some(e.class_name.clone());
                let terms = crate::gradebook::queries::terms_of_year(tenant, e.year_id)?;
                panel.head = std::iter::once(t.text("stu-results-subject"))
                    .chain(terms.iter().map(|term| term.name.clone()))
                    .collect();
                for (cs, subject) in queries::class_subjects_of(tenant, e.class_id)? {
                    let mut cells = vec![subject];
                    for term in &terms {
                        let avg = crate::gradebook::averages(tenant, cs, Some(term.id))?
                            .into_iter()
                            .find(|a| a.student_id == s.id);
                        cells.push(match avg {
                            Some(crate::gradebook::StudentAverage {
                                percent: Some(p),
                                letter,
                                ..
                            }) => match letter {
                                Some(l) => t
                                    .message("stu-results-cell")
                                    .arg("percent", t.percent(p, 0))
                                    .arg("letter", l.as_str())
                                    .to_string(),
                                None => t.percent(p, 0),
                            },
                            _ => t.text("stu-results-nothing"),
                        });
                    }
                    panel.rows.push(Row { cells, href: None });
                }
            }
            panel.links = crate::gradebook::report_cards::issued_links(tenant, t, s.id)?;
        }
        Tab::Invoices => {
            panel.empty = t.text("stu-invoices-none");
            panel.head = [
                msg("stu-invoice-number"),
                msg("stu-invoice-issued"),
                msg("stu-invoice-due"),
                msg("stu-invoice-total"),
                msg("stu-invoice-balance"),
                msg("stu-invoice-status"),
            ]
            .iter()
            .map(|id| t.text(id))
            .collect();
            panel.more = Some((
                t.text("fdesk-open-desk"),
                format!("/finance/desk/students/{}", s.id),
            ));
            let invoices = queries::invoices_of(tenant, s.id)?;
            let open: bigdecimal::BigDecimal = invoices
                .iter()
                .filter(|i| i.status != crate::db::enums::InvoiceStatus::Void)
                .map(|i| i.balance.clone())
                .sum();
            if !invoices.is_empty() {
                panel.intro = Some(
                    t.message("stu-balance")
                        .arg("amount", locale.money(&open))
                        .to_string(),
                );
            }
            panel.rows = invoices
                .into_iter()
                .map(|i| Row {
                    cells: vec![
                        i.number,
                        t.date(i.issue_date),
                        t.date(i.due_date),
                        locale.money(&i.total),
                        locale.money(&i.balance),
                        t.choice("invoice_status", i.status.as_str()),
                    ],
                    href: None,
                })
                .collect();
        }
        Tab::Documents => {
            panel.empty = t.text("stu-documents-none");
            panel.head = vec![t.text("stu-document-name"), t.text("stu-document-added")];
            for f in crate::files::files_of(tenant, EntityKind::Student, s.id)? {
                panel.rows.push(Row {
                    cells: vec![
                        f.name.clone(),
                        t.date(f.created_at.with_timezone(&tenant.time_zone()).date_naive()),
                    ],
                    href: Some(format!("/files/{}", f.id)),
                });
            }
            let reference = s.student_number.clone().unwrap_or_else(|| s.id.to_string());
            for (doc, name, added) in queries::documents_of(tenant, &[s.id.to_string(), reference])?
            {
                panel.rows.push(Row {
                    cells: vec![
                        name,
                        added
                            .map(|a| t.date(a.with_timezone(&tenant.time_zone()).date_naive()))
                            .unwrap_or_default(),
                    ],
                    href: Some(format!("/documents/{doc}")),
                });
            }
        }
        Tab::History => {
            panel.empty = t.text("stu-history-none");
            panel.head = vec![
                t.text("stu-history-date"),
                t.text("stu-history-what"),
                t.text("stu-history-reason"),
            ];
            let mut rows: Vec<(NaiveDate, Row)> = Vec::new();
            for c in queries::status_changes(tenant, s.id)? {
                let to = t.choice("student_status", c.to.as_str());
                let what = match c.from {
                    Some(from) => t
                        .message("stu-history-status")
                        .arg("from", t.choice("student_status", from.as_str()))
                        .arg("to", to),
                    None => t.message("stu-history-status-set").arg("to", to),
                };
                let by =
                    c.by.map(|(first, last, email)| {
                        let name = [first, last].into_iter().flatten().collect::<Vec<_>>();
                        if name.is_empty() {
                            email
                        } else {
                            name.join(" ")
                        }
                    })
                    .unwrap_or_default();
                let reason = match (c.reason, by.is_empty()) {
                    (Some(r), true) => r,
                    (Some(r), false) => t
                        .message("stu-history-reason-by")
                        .arg("reason", r)
                        .arg("by", by)
                        .to_string(),
                    (None, _) => by,
                };
                rows.push((
                    c.on,
                    Row {
                        cells: vec![t.date(c.on), what.to_string(), reason],
                        href: None,
                    },
                ));
            }
            for e in enrolments {
                let status = t.choice("class_enrollment_status", e.status.as_str());
                let what = t
                    .message("stu-history-enrolment")
                    .arg("class", e.class_name.as_str())
                    .arg("year", e.year.as_str())
                    .arg("status", status);
                let when = match (e.enrolled_on, e.ended_on) {
                    (Some(from), Some(to)) => t
                        .message("stu-history-from-to")
                        .arg("from", t.date(from))
                        .arg("to", t.date(to))
                        .to_string(),
                    (Some(from), None) => t.date(from),
                    (None, Some(to)) => t.date(to),
                    (None, None) => String::new(),
                };
                rows.push((
                    e.ended_on.or(e.enrolled_on).unwrap_or(NaiveDate::MIN),
                    Row {
                        cells: vec![when, what.to_string(), String::new()],
                        href: None,
                    },
                ));
            }
            rows.sort_by_key(|row| std::cmp::Reverse(row.0));
            panel.rows = rows.into_iter().map(|(_, r)| r).collect();
        }
    }
    Ok(panel)
}
