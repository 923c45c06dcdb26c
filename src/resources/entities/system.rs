//! The install itself: its organizations, and the logs people read but never write.

use crate::access::Entity;
use crate::choices;
use crate::db::enums::{AuditAction, LoginMethod, SyncStatus, TaskStatus};
use diesel::QueryResult;
use uuid::Uuid;

use crate::db::Tenant;
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
        Field::text("name", "Name").required().sortable(),
        Field::text("time_zone", "Time zone")
            .max(64)
            .required()
            .sortable(),
        Field::email("email_sender", "Sends e-mail as").listed(),
        Field::text("brand_color", "Brand colour").max(20),
        Field::json("settings", "Settings (a JSON object)").required(),
        Field::text("currency", "Currency code").max(3),
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
        Field::timestamp("created_at", "When").sortable(),
        Field::email("email", "E-mail").sortable(),
        Field::flag("success", "Signed in").listed(),
        Field::text("failure_reason", "Why refused").listed(),
        Field::choice("login_method", "How", "login_method", choices!(LoginMethod)).listed(),
        Field::text("ip_address", "IP address"),
        Field::text("user_agent", "Browser"),
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
        Field::timestamp("created_at", "When").sortable(),
        Field::text("table_name", "Table"),
        Field::choice("action", "Change", "audit_action", choices!(AuditAction)).listed(),
        Field::text("row_id", "Record id"),
        Field::json("changes", "Changed values"),
        Field::text("ip_address", "IP address"),
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
        Field::text("task_type", "Task").sortable(),
        Field::text("description", "Description"),
        Field::flag("enabled", "Enabled").listed(),
        Field::integer("interval_minutes", "Every (minutes)", 1, 1_000_000).listed(),
        Field::choice("status", "Status", "task_status", choices!(TaskStatus)).sortable(),
        Field::timestamp("last_run_at", "Last run").sortable(),
        Field::timestamp("next_run_at", "Next run").sortable(),
        Field::json("config", "Settings"),
        Field::text("locked_by", "Running on"),
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
        Field::text("sync_type", "Kind").sortable(),
        Field::relation("scheduled_task_id", "Scheduled task", &SCHEDULED_TASKS),
        Field::choice("status", "Status", "sync_status", choices!(SyncStatus)).sortable(),
        Field::timestamp("started_at", "Started").sortable(),
        Field::timestamp("completed_at", "Finished"),
        Field::integer("records_processed", "Processed", 0, i64::MAX).listed(),
        Field::integer("records_created", "Created", 0, i64::MAX),
        Field::integer("records_updated", "Updated", 0, i64::MAX),
        Field::long_text("error_message", "Error"),
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
