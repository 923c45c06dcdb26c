//! The school's own row of `organizations`, read and changed by its administrators;
//! every change names who made it, so the organizations' audit trail records them.

use chrono::NaiveTime;
use diesel::prelude::*;
use uuid::Uuid;

use crate::access::queries::live_organizations;
use crate::db::schema::{self, campuses as cp, organizations};
use crate::db::{OrganizationId, Tenant};
use crate::school::queries as school;
use crate::web::brand::Brand;

/// What the settings page shows of the school.
#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = organizations, check_for_backend(diesel::pg::Pg))]
pub struct SchoolRow {
    pub name: String,
    pub time_zone: String,
    pub currency: String,
    pub email_sender_name: Option<String>,
    /// The school's own address: replies to its mail go there.
    pub email_sender: Option<String>,
    pub brand_color: Option<String>,
    pub logo_file_id: Option<Uuid>,
    pub settings: serde_json::Value,
    pub student_number_pattern: String,
}

/// The tenant's school.
pub fn school(tenant: &mut Tenant<'_>) -> QueryResult<SchoolRow> {
    let id = tenant.organization();
    live_organizations()
        .filter(organizations::id.eq(id))
        .select(SchoolRow::as_select())
        .first(tenant.conn())
}

/// A change to the school: `None` leaves a column as it is, `Some(None)` empties it.
#[derive(AsChangeset, Default)]
#[diesel(table_name = organizations)]
pub struct SchoolChanges {
    pub name: Option<String>,
    pub time_zone: Option<String>,
    pub currency: Option<String>,
    pub email_sender_name: Option<Option<String>>,
    pub email_sender: Option<Option<String>>,
    pub brand_color: Option<Option<String>>,
    pub logo_file_id: Option<Option<Uuid>>,
    pub settings: Option<serde_json::Value>,
    pub language: Option<Option<String>>,
    pub week_start: Option<i16>,
    pub student_number_pattern: Option<String>,
}

/// Changes the tenant's school, recording who did.
pub fn change_school(tenant: &mut Tenant<'_>, changes: SchoolChanges) -> QueryResult<()> {
    let id = tenant.organization();
    let by = tenant.user();
    diesel::update(live_organizations().filter(organizations::id.eq(id)))
        .set((changes, organizations::updated_by_id.eq(by)))
        .execute(tenant.conn())?;
    Ok(())
}

/// Keeps the school's names of its walkthrough areas (area key → name) in its settings.
pub fn name_areas(
    tenant: &mut Tenant<'_>,
    names: serde_json::Map<String, serde_json::Value>,
) -> QueryResult<()> {
    let mut settings = school(tenant)?.settings;
    if let Some(all) = settings.as_object_mut() {
        all.insert(super::AREAS_KEY.to_owned(), names.into());
    }
    let changes = SchoolChanges {
        settings: Some(settings),
        ..SchoolChanges::default()
    };
    change_school(tenant, changes)
}

/// The school owning this logo, when it is one school's current logo.
pub fn school_of_logo(conn: &mut PgConnection, file: Uuid) -> QueryResult<Option<OrganizationId>> {
    live_organizations()
        .filter(organizations::logo_file_id.eq(file))
        .select(organizations::id)
        .first(conn)
        .optional()
}

/// The brand of the install's one school, when it has exactly one: the sign-in
/// page can then show whose it is.
pub fn only_school(conn: &mut PgConnection) -> QueryResult<Option<Brand>> {
    let rows: Vec<(String, Option<String>, Option<Uuid>)> = live_organizations()
        .select((
            organizations::name,
            organizations::brand_color,
            organizations::logo_file_id,
        ))
        .limit(2)
        .load(conn)?;
    Ok(match <[_; 1]>::try_from(rows) {
        Ok([(name, colour, logo)]) => Some(Brand::new(&name, colour.as_deref(), logo)),
        Err(_) => None,
    })
}

/// Whose name an organization's mail carries, and where replies go.
#[derive(Queryable)]
pub struct MailIdentity {
    pub school_name: String,
    pub sender_name: Option<String>,
    pub reply_to: Option<String>,
}

/// The sender name and reply-to address of an organization's mail.
pub fn mail_identity(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<MailIdentity>> {
    live_organizations()
        .filter(organizations::id.eq(id))
        .select((
            organizations::name,
            organizations::email_sender_name,
            organizations::email_sender,
        ))
        .first(conn)
        .optional()
}

/// A campus, when its school day starts and when its daily roll is due (the
/// attendance defaults when it has no attendance settings yet).
pub struct CampusStart {
    pub campus_id: Uuid,
    pub name: String,
    pub starts_at: NaiveTime,
    pub roll_due_by: NaiveTime,
}

crate::live_rows!(campus_attendance_config);

/// Each live campus of the school with its start of day, by name.
pub fn campus_starts(tenant: &mut Tenant<'_>) -> QueryResult<Vec<CampusStart>> {
    let names: Vec<(Uuid, String)> = school::campuses::live(tenant)
        .order(cp::name.asc())
        .select((cp::id, cp::name))
        .load(tenant.conn())?;
    let times = crate::attendance::filters::campus_times(tenant)?;
    Ok(names
        .into_iter()
        .map(|(campus_id, name)| {
            let t = times.get(&campus_id).copied().unwrap_or_default();
            CampusStart {
                campus_id,
                name,
                starts_at: t.school_starts_at,
                roll_due_by: t.daily_roll_deadline,
            }
        })
        .collect())
}

/// Sets when a campus's school day starts: its attendance settings row, created
/// with the usual deadlines when it has none.
pub fn set_campus_start(
    tenant: &mut Tenant<'_>,
    campus: Uuid,
    starts_at: NaiveTime,
) -> QueryResult<()> {
    use schema::campus_attendance_config as c;
    let by = tenant.user();
    let changed =
        diesel::update(campus_attendance_config::live(tenant).filter(c::campus_id.eq(campus)))
            .set((c::school_starts_at.eq(starts_at), c::updated_by_id.eq(by)))
            .execute(tenant.conn())?;
    if changed > 0 {
        return Ok(());
    }
    // Attendance settings name their campus by its code, else its name.
    let found: Option<(Option<String>, String)> = school::campuses::live(tenant)
        .filter(cp::id.eq(campus))
        .select((cp::code, cp::name))
        .first(tenant.conn())
        .optional()?;
    let Some(key) = found.map(|(code, name)| code.unwrap_or(name)) else {
        return Ok(());
    };
    let defaults = crate::attendance::filters::CampusTimes::default();
    let organization = tenant.organization();
    diesel::insert_into(c::table)
        .values((
            c::organization_id.eq(organization),
            c::campus_id.eq(campus),
            c::campus_key.eq(key),
            c::school_starts_at.eq(starts_at),
            c::daily_roll_deadline.eq(defaults.daily_roll_deadline),
            c::period_roll_grace_minutes.eq(defaults.period_roll_grace_minutes),
            c::created_by_id.eq(by),
            c::updated_by_id.eq(by),
        ))
        .execute(tenant.conn())?;
    Ok(())
}
