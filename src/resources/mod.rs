//! The record engine: one declarative [`Resource`] per table drives the same list,
//! detail, form, delete/trash/restore and CSV pages for every plain record.
//!
//! # Adding an entity
//!
//! 1. Describe it as a `pub static` [`Resource`] in the file of its group under
//!    `src/resources/entities/` (people, academics, attendance, finance,
//!    communication, modules, system; create the file and its `mod` line in
//!    `entities/mod.rs` if the group has none yet). Copy a neighbour: the
//!    permission [`Entity`], the singular noun, the SQL expression that names a row
//!    (`title`, unqualified column names), the [`Field`]s in form order with their
//!    kind (`Field::text`, `::long_text`, `::email`, `::choice`, `::relation`,
//!    `::date`, `::time`, `::timestamp`, `::integer`, `::money`, `::decimal`,
//!    `::flag`, `::json`) and `.required()`, `.listed()`, `.sortable()`; the columns
//!    searched, the fields offered as filters, the default order, the natural key
//!    (what makes a CSV row the same record again), and the rules between fields.
//!    A field's label is a message id, `msg("field-first-name")`: reuse the id of
//!    the same word where one exists, else add it to `locales/*/records.ftl`, where
//!    the table's nouns (`record-<table>-one`, `record-<table>-new`) and, for a new
//!    enum, its values (`choice-<type>-<value>`) go too; the coverage test names
//!    what is missing.
//!    A table whose rows depend on other rows gets [`Hooks`] (derived columns, checks
//!    across rows, follow-up writes): functions of the write's `&mut Tenant`, whose
//!    queries go in `queries.rs`.
//! 2. Add it to `entities::ALL`. Its routes (`/table-name`, `/table-name/new`, …,
//!    with `_` written `-`, see `routes.rs`), its menu link (placed in `menu.rs`),
//!    its line on the Records page and its audit trail follow from that.
//! 3. Give its parents a [`Child`] line (`Child::refuse` or `Child::cascade`): that
//!    is the tab on the parent's page and what deleting the parent does.
//! 4. Add one line to the sample list in `tests/app/resources/entities.rs`: valid
//!    form values, a search word and a filter that find the new row.
//!
//! Values are parsed in Rust into the column's domain (dates, enum values, money,
//! e-mail addresses, same-organization ids) and bound as parameters; column names
//! come only from these static descriptions, so no request text reaches the SQL.

pub mod audit;
mod engine;
pub mod entities;
mod export;
mod import;
mod menu;
mod pages;
pub(crate) mod queries;
mod routes;
pub(crate) mod store;
pub mod values;

pub use export::cell as csv_cell;
pub use import::{mark_interrupted as mark_interrupted_imports, parse_csv, remove_old_uploads};
pub use routes::routes;

use diesel::QueryResult;
use uuid::Uuid;

use crate::access::{Access, Action, Entity, Permission};
use crate::db::Tenant;
use crate::web::error::AppError;
use crate::web::form::FieldErrors;

/// A table people manage through the generic pages.
pub struct Resource {
    /// The permission entity; its table is the table these pages edit.
    pub entity: Entity,
    /// "student", in English for logs; people read [`Resource::singular_in`] and
    /// [`Resource::new_in`] (messages `record-<table>-one` and `record-<table>-new`).
    pub singular: &'static str,
    /// SQL naming one row, over the table's own columns: `concat_ws(' ', first_name, last_name)`.
    pub title: &'static str,
    pub fields: &'static [Field],
    /// Text columns searched, every word of the search in any of them.
    pub search: &'static [&'static str],
    /// Fields offered as list filters: choices and relations by value, dates as a range.
    pub filters: &'static [&'static str],
    /// The list's and pickers' order when none is chosen: `column` or `column DESC`;
    /// a relation sorts as its target does (a class by its grade's sort key).
    pub order: &'static [&'static str],
    /// Columns that identify a row in a CSV file, for idempotent imports.
    pub natural_key: &'static [&'static str],
    /// Records that point at this one: tabs on its page, and what deleting it does.
    pub children: &'static [Child],
    pub rules: &'static [Rule],
    /// Whose rows these are and whether the pages may change them.
    pub mode: Mode,
    /// Rules across rows, derived columns and follow-up writes; [`Hooks::NONE`] for plain tables.
    pub hooks: &'static Hooks,
}

/// Completes a parsed row (the id when editing, the values by field position).
pub type Fill = fn(&mut Tenant<'_>, Option<Uuid>, &mut [Option<String>]) -> QueryResult<()>;
/// Checks a parsed row (the id when editing) against other rows, adding messages per field.
/// Its messages are in the reader's language (`Lang`).
pub type Check = fn(
    &mut Tenant<'_>,
    Option<Uuid>,
    &[Option<String>],
    crate::i18n::Lang,
    &mut FieldErrors,
) -> QueryResult<()>;
/// Follows a written row (its id, an edited row's previous values).
pub type AfterWrite = fn(&mut Tenant<'_>, Uuid, Option<&[Option<String>]>) -> QueryResult<()>;
/// Looks at a new row that breaks no rule but may be a mistake (the same student
/// entered twice): what to tell the user, who then confirms with a tick.
pub type Warn =
    fn(&mut Tenant<'_>, &[Option<String>], crate::i18n::Lang) -> QueryResult<Option<Warning>>;

/// Said about a new record before it is written: the form needs a tick to go on,
/// an import lists it beside the row.
#[derive(Clone, Debug)]
pub struct Warning {
    pub message: String,
    /// The record it may repeat, and the link's words.
    pub href: String,
    pub link: String,
    /// The tick's words: "This is another student: add them anyway".
    pub confirm: String,
}

/// What a table needs beyond its own row. Every function runs inside the write's
/// transaction, for forms and imports alike.
pub struct Hooks {
    /// Fields the engine never takes from people: `fill` computes them (totals, names).
    pub derived: &'static [&'static str],
    /// Completes a parsed row before it is checked and written.
    pub fill: Option<Fill>,
    /// Rules against other rows (a payment within the balance, one mark per student);
    /// also asked before a restore.
    pub check: Option<Check>,
    /// Keeps what depends on the row current after a create, edit, delete or restore.
    pub after_write: Option<AfterWrite>,
    /// A new row that may repeat another: warned about, written once confirmed.
    pub warn: Option<Warn>,
}

impl Hooks {
    pub const NONE: Hooks = Hooks {
        derived: &[],
        fill: None,
        check: None,
        after_write: None,
        warn: None,
    };
}

/// Where a table's rows belong and what its pages may do with them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// One organization's records, edited, deleted and restored.
    Tenant,
    /// One organization's records, written only by the workflows that own them.
    TenantReadOnly,
    /// Install-wide records without `organization_id`; only global users change them
    /// (and, when `global_reads`, only they see them).
    InstallWide { global_reads: bool },
    /// Install-wide records every school reads and these pages only show: the pages
    /// that own them write them, with their own rules (the content catalog's typed
    /// editors), so no raw form may bypass those rules.
    InstallWideShown,
    /// A read-only log without `deleted_at`, `updated_at` or `created_by_id`; when
    /// `tenant_optional`, rows without an organization are the install's own and
    /// global users see them too.
    Log { tenant_optional: bool },
}

/// One column as people see and edit it.
pub struct Field {
    pub column: &'static str,
    /// The message id of its label (`field-first-name`); people read [`Field::label_in`].
    pub label: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// Shown as a column of the list (and of tabs on parent pages).
    pub list: bool,
    pub sort: bool,
    /// Part of the record's name: shown in the list's leading Name column, not in a
    /// column of its own; when sortable, that column sorts by it.
    pub naming: bool,
    /// The value of a new record's field that no input names (preset on the new
    /// form, taken by an import without the column).
    pub default: Option<&'static str>,
}

/// What a column holds, which decides its input, parsing and SQL cast.
pub enum Kind {
    Text {
        max: usize,
    },
    LongText,
    Email,
    /// A PostgreSQL enum: its type name and `(database value, English label)` pairs;
    /// people read each value as `t.choice(sql_type, value)`.
    Choice {
        sql_type: &'static str,
        choices: fn() -> Vec<(&'static str, &'static str)>,
    },
    /// A foreign key to another record of the same organization.
    Relation(&'static Resource),
    Date,
    Time,
    Timestamp,
    Integer {
        min: i64,
        max: i64,
    },
    /// numeric(12,2), never negative.
    Money,
    /// numeric(7,2), never negative (scores).
    Decimal,
    Flag,
    Json,
}

/// A table whose rows point at this one through `column`.
pub struct Child {
    pub resource: &'static Resource,
    pub column: &'static str,
    pub on_delete: OnDelete,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum OnDelete {
    /// The parent cannot be deleted while live children exist.
    Refuse,
    /// Deleting the parent deletes these with it, and restoring brings them back.
    Cascade,
}

/// A rule between two fields of one row.
pub enum Rule {
    /// `later` may not be before `earlier` (dates, times).
    NotBefore {
        later: &'static str,
        earlier: &'static str,
    },
    /// A JSON field must hold an object (`{…}`), not a list or a bare value.
    JsonObject(&'static str),
    /// A number may not exceed another of the same row (a score and its total).
    AtMost {
        field: &'static str,
        limit: &'static str,
    },
    /// An IANA time zone name, such as `Europe/Lisbon`.
    TimeZone(&'static str),
    /// An ISO 4217 currency code, such as `USD`.
    Currency(&'static str),
}

/// `(value, label)` pairs of a `db_enums!` enum, for [`Field::choice`].
#[macro_export]
macro_rules! choices {
    ($enum:ty) => {{
        fn choices() -> Vec<(&'static str, &'static str)> {
            <$enum>::ALL
                .iter()
                .map(|v| (v.as_str(), v.label()))
                .collect()
        }
        choices
    }};
}

impl Field {
    const fn new(column: &'static str, label: &'static str, kind: Kind) -> Field {
        Field {
            column,
            label,
            kind,
            required: false,
            list: false,
            sort: false,
            naming: false,
            default: None,
        }
    }
    pub const fn text(column: &'static str, label: &'static str) -> Field {
        Field::new(column, label, Kind::Text { max: 200 })
    }
    pub const fn long_text(column: &'static str, label: &'static str) -> Field {
        Field::new(column, label, Kind::LongText)
    }
    pub const fn email(column: &'static str, label: &'static str) -> Field {
        Field::new(column, label, Kind::Email)
    }
    pub const fn choice(
        column: &'static str,
        label: &'static str,
        sql_type: &'static str,
        choices: fn() -> Vec<(&'static str, &'static str)>,
    ) -> Field {
        Field::new(column, label, Kind::Choice { sql_type, choices })
    }
    pub const fn relation(
        column: &'static str,
        label: &'static str,
        target: &'static Resource,
    ) -> Field {
        Field::new(column, label, Kind::Relation(target))
    }
    pub const fn date(column: &'static str, label: &'static str) -> Field {
        Field::new(column, label, Kind::Date)
    }
    pub const fn time(column: &'static str, label: &'static str) -> Field {
        Field::new(column, label, Kind::Time)
    }
    pub const fn timestamp(column: &'static str, label: &'static str) -> Field {
        Field::new(column, label, Kind::Timestamp)
    }
    pub const fn integer(column: &'static str, label: &'static str, min: i64, max: i64) -> Field {
        Field::new(column, label, Kind::Integer { min, max })
    }
    pub const fn money(column: &'static str, label: &'static str) -> Field {
        Field::new(column, label, Kind::Money)
    }
    pub const fn decimal(column: &'static str, label: &'static str) -> Field {
        Field::new(column, label, Kind::Decimal)
    }
    pub const fn flag(column: &'static str, label: &'static str) -> Field {
        Field::new(column, label, Kind::Flag)
    }
    pub const fn json(column: &'static str, label: &'static str) -> Field {
        Field::new(column, label, Kind::Json)
    }
    pub const fn required(self) -> Field {
        Field {
            required: true,
            ..self
        }
    }
    pub const fn listed(self) -> Field {
        Field { list: true, ..self }
    }
    /// Listed, with a sortable column header.
    pub const fn sortable(self) -> Field {
        Field {
            list: true,
            sort: true,
            ..self
        }
    }
    /// Part of the record's name (see [`Field::naming`]).
    pub const fn naming(self) -> Field {
        Field {
            naming: true,
            ..self
        }
    }
    /// The value when no input names the field (see [`Field::default`]).
    pub const fn or(self, value: &'static str) -> Field {
        Field {
            default: Some(value),
            ..self
        }
    }
    /// A shorter limit for one-line text.
    pub const fn max(self, max: usize) -> Field {
        Field {
            kind: Kind::Text { max },
            ..self
        }
    }
}

impl Field {
    /// The field's label in the reader's language (`label` is its message id).
    pub fn label_in(&self, t: crate::i18n::Lang) -> String {
        if t.has(self.label) {
            t.text(self.label)
        } else {
            self.label.to_owned()
        }
    }

    /// Whether a CSV file's column header names this field: its column, or its
    /// label in any shipped language (`First name`, `Nombre`), case aside.
    pub fn is_named(&self, header: &str) -> bool {
        let header = header.trim();
        self.column.eq_ignore_ascii_case(header)
            || crate::i18n::Catalog::shipped()
                .languages()
                .any(|t| self.label_in(t).to_lowercase() == header.to_lowercase())
    }
}

impl Child {
    pub const fn refuse(resource: &'static Resource, column: &'static str) -> Child {
        Child {
            resource,
            column,
            on_delete: OnDelete::Refuse,
        }
    }
    pub const fn cascade(resource: &'static Resource, column: &'static str) -> Child {
        Child {
            resource,
            column,
            on_delete: OnDelete::Cascade,
        }
    }
}

impl Resource {
    pub fn table(&self) -> &'static str {
        self.entity.table()
    }

    /// "Students", as the permission catalog names it.
    pub fn label(&self) -> &'static str {
        self.entity.label()
    }

    /// "Students" in the reader's language.
    pub fn label_in(&self, t: crate::i18n::Lang) -> String {
        self.entity.label_in(t)
    }

    /// "student": the noun for one record, in the reader's language
    /// (`record-<table>-one`).
    pub fn singular_in(&self, t: crate::i18n::Lang) -> String {
        t.text(&self.noun_id("one"))
    }

    /// "New student", "Nuevo alumno", "Nueva factura": the button and page title
    /// for a new record (`record-<table>-new`, whole, as nouns have genders).
    pub fn new_in(&self, t: crate::i18n::Lang) -> String {
        t.text(&self.noun_id("new"))
    }

    /// The ids of the messages naming this table's records: `record-students-one`.
    pub fn noun_id(&self, form: &str) -> String {
        format!("record-{}-{form}", self.table())
    }

    pub fn field(&self, column: &str) -> Option<&'static Field> {
        // Descriptions are statics, so their fields live for the whole program.
        let fields: &'static [Field] = self.fields;
        fields.iter().find(|f| f.column == column)
    }

    pub fn permission(&self, action: Action) -> Permission {
        Permission::new(action, self.entity)
    }

    /// A parsed row's value of `column`.
    pub fn value<'a>(&self, values: &'a [Option<String>], column: &str) -> Option<&'a str> {
        let i = self.fields.iter().position(|f| f.column == column)?;
        values.get(i).and_then(|v| v.as_deref())
    }

    /// Sets a parsed row's value of `column` (a derived value, usually).
    pub fn set(&self, values: &mut [Option<String>], column: &str, value: Option<String>) {
        if let Some(slot) = self
            .fields
            .iter()
            .position(|f| f.column == column)
            .and_then(|i| values.get_mut(i))
        {
            *slot = value;
        }
    }

    /// A column `fill` computes, which forms and imports leave alone.
    pub fn is_derived(&self, column: &str) -> bool {
        self.hooks.derived.contains(&column)
    }

    /// Whether these pages let this user do `action`: the permission, and what the mode allows.
    pub fn allows(&self, access: &Access, action: Action) -> bool {
        access.can(self.permission(action))
            && match self.mode {
                Mode::Tenant => true,
                Mode::TenantReadOnly | Mode::Log { .. } | Mode::InstallWideShown => {
                    action == Action::Read
                }
                Mode::InstallWide { global_reads } => {
                    access.global_access || (action == Action::Read && !global_reads)
                }
            }
    }

    /// Refuses what [`Resource::allows`] does not allow, beyond the route's permission gate.
    pub fn require(&self, access: &Access, action: Action) -> Result<(), AppError> {
        if self.allows(access, action) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Whether rows carry an `organization_id` that scopes them.
    pub fn tenant(&self) -> bool {
        !matches!(self.mode, Mode::InstallWide { .. } | Mode::InstallWideShown)
    }

    /// Whether rows are soft-deleted (and so have a trash).
    pub fn soft_deletes(&self) -> bool {
        !matches!(self.mode, Mode::Log { .. })
    }

    /// `/students`, `/class-enrollments`: the table name with `-` for `_`.
    pub fn path(&'static self) -> &'static str {
        routes::paths(self).list
    }
}

/// The resource described for an entity, if any.
pub fn find(entity: Entity) -> Option<&'static Resource> {
    entities::ALL.iter().copied().find(|r| r.entity == entity)
}
