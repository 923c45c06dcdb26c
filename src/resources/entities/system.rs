//! The install itself: its organizations, and the logs people read but never write.

use crate::access::Entity;
use crate::choices;
use crate::db::enums::{AuditAction, LoginMethod, SyncStatus, TaskStatus};
use diesel::QueryResult;
use uuid::Uuid;

use crate::db::Tenant;
use crate::i18n::msg;
use crate::resources::{Child, Field, Hooks, Mode, Resource, Rule};
use crate::web::format::Currency;

/// Who wrote a log row, by name (users have no record pages of their own here).
macro_rules! user_named {
    ($column:literal) => {
        concat!(
            "(SELECT coalesce(nullif(concat_ws(' ', u.first_name, u.last_name), ''), u.email) \
             FROM users u WHERE u.id = ",
            $column,
            ")"
        )
    };
}

/// Install-wide: only a global user sees or changes the list of schools.
pub static ORGANIZATIONS: Resource = Resource {
    entity: Entity::Organizations,
    singular: "organization",
    title: "name",
    fields: &[
        Field::text("name", msg("field-name")).required().sortable(),
        Field::text("time_zone", msg("field-time-zone"))
            .max(64)
            .required()
            .sortable(),
        Field::email("email_sender", msg("field-email-reply-to")).listed(),
        Field::text("brand_color", msg("field-brand-colour")).max(20),
        Field::json("settings", msg("field-settings-json")).required(),
        Field::text("currency", msg("field-currency-code")).max(3),
    ],
    search: &["name"],
    filters: &[],
    order: &["name"],
    natural_key: &["name"],
    children: &[],
    rules: &[
        Rule::TimeZone("time_zone"),
        Rule::JsonObject("settings"),
        Rule::Currency("currency"),
    ],
    mode: Mode::InstallWide { global_reads: true },
    hooks: &Hooks {
        fill: Some(default_currency),
        ..Hooks::NONE
    },
};

/// A school that names no currency counts in the default one.
fn default_currency(
    _: &mut Tenant<'_>,
    _: Option<Uuid>,
    values: &mut [Option<String>],
) -> QueryResult<()> {
    let res = &ORGANIZATIONS;
    if res.value(values, "currency").is_none() {
        let code = Currency::DEFAULT.code().to_owned();
        res.set(values, "currency", Some(code));
    }
    Ok(())
}

pub static LOGIN_HISTORY: Resource = Resource {
    entity: Entity::LoginHistory,
    singular: "sign-in",
    title: concat!("coalesce(", user_named!("user_id"), ", email)"),
    fields: &[
        Field::timestamp("created_at", msg("field-when")).sortable(),
        Field::email("email", msg("field-email")).sortable(),
        Field::flag("success", msg("field-signed-in")).listed(),
        Field::text("failure_reason", msg("field-why-refused")).listed(),
        Field::choice(
            "login_method",
            msg("field-how"),
            "login_method",
            choices!(LoginMethod),
        )
        .listed(),
        Field::text("ip_address", msg("field-ip-address")),
        Field::text("user_agent", msg("field-browser")),
    ],
    search: &["email", "ip_address"],
    filters: &["success", "login_method"],
    order: &["created_at DESC"],
    natural_key: &[],
    children: &[],
    rules: &[],
    mode: Mode::Log {
        tenant_optional: true,
    },
    hooks: &Hooks::NONE,
};

pub static AUDIT_LOG: Resource = Resource {
    entity: Entity::AuditLog,
    singular: "audit entry",
    title: concat!(
        "concat_ws(' · ', coalesce(",
        user_named!("user_id"),
        ", 'The system'), table_name)"
    ),
    fields: &[
        Field::timestamp("created_at", msg("field-when")).sortable(),
        Field::text("table_name", msg("field-table")),
        Field::choice(
            "action",
            msg("field-change"),
            "audit_action",
            choices!(AuditAction),
        )
        .listed(),
        Field::text("row_id", msg("field-record-id")),
        Field::json("changes", msg("field-changed-values")),
        Field::text("ip_address", msg("field-ip-address")),
    ],
    search: &["table_name"],
    filters: &["action"],
    order: &["created_at DESC"],
    natural_key: &[],
    children: &[],
    rules: &[],
    mode: Mode::Log {
        tenant_optional: true,
    },
    hooks: &Hooks::NONE,
};

/// Read here; enabled, disabled and run now at /admin/jobs.
pub static SCHEDULED_TASKS: Resource = Resource {
    entity: Entity::ScheduledTasks,
    singular: "scheduled task",
    title: "coalesce(description, task_type)",
    fields: &[
        Field::text("task_type", msg("field-task")).sortable(),
        Field::text("description", msg("field-description")),
        Field::flag("enabled", msg("field-enabled")).listed(),
        Field::integer("interval_minutes", msg("field-every-minutes"), 1, 1_000_000).listed(),
        Field::choice(
            "status",
            msg("field-status"),
            "task_status",
            choices!(TaskStatus),
        )
        .sortable(),
        Field::timestamp("last_run_at", msg("field-last-run")).sortable(),
        Field::timestamp("next_run_at", msg("field-next-run")).sortable(),
        Field::json("config", msg("field-settings")),
        Field::text("locked_by", msg("field-running-on")),
    ],
    search: &["task_type", "description"],
    filters: &["enabled", "status"],
    order: &["next_run_at"],
    natural_key: &[],
    children: &[Child::refuse(&SYNC_LOGS, "scheduled_task_id")],
    rules: &[],
    mode: Mode::Log {
        tenant_optional: true,
    },
    hooks: &Hooks::NONE,
};

pub static SYNC_LOGS: Resource = Resource {
    entity: Entity::SyncLogs,
    singular: "sync log",
    title: "concat_ws(' · ', sync_type, to_char(started_at, 'YYYY-MM-DD HH24:MI'))",
    fields: &[
        Field::text("sync_type", msg("field-kind")).sortable(),
        Field::relation(
            "scheduled_task_id",
            msg("field-scheduled-task"),
            &SCHEDULED_TASKS,
        ),
        Field::choice(
            "status",
            msg("field-status"),
            "sync_status",
            choices!(SyncStatus),
        )
        .sortable(),
        Field::timestamp("started_at", msg("field-started")).sortable(),
        Field::timestamp("completed_at", msg("field-finished")),
        Field::integer("records_processed", msg("field-processed"), 0, i64::MAX).listed(),
        Field::integer("records_created", msg("field-created"), 0, i64::MAX),
        Field::integer("records_updated", msg("field-updated"), 0, i64::MAX),
        Field::long_text("error_message", msg("field-error")),
    ],
    search: &["sync_type", "error_message"],
    filters: &["status", "scheduled_task_id"],
    order: &["started_at DESC"],
    natural_key: &[],
    children: &[],
    rules: &[],
    mode: Mode::Log {
        tenant_optional: true,
    },
    hooks: &Hooks::NONE,
};
