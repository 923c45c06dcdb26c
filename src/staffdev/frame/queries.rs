//! The weekly frame's rows: the only place that names `frame_entries`. Every read
//! builds on [`visible`]: the organization's live frames a reader may see (the
//! published ones for the whole school or their campus; a writer sees every one,
//! drafts too).

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::Tenant;
use crate::db::enums::StaffStatus;
use crate::db::schema;

crate::live_rows!(campuses, frame_entries, staff);

use schema::frame_entries as f;

/// One weekly frame as its pages show it.
#[derive(Queryable, Selectable, Clone)]
#[diesel(table_name = schema::frame_entries)]
pub struct Frame {
    pub id: Uuid,
    pub campus_id: Option<Uuid>,
    pub week_of: String,
    pub formal: String,
    pub recognition: String,
    pub application: String,
    pub management: String,
    pub emotional: String,
    pub author: String,
    pub published_at: Option<DateTime<Utc>>,
}

impl Frame {
    /// The Monday the frame is for; a hand-typed week that is no date sorts as none.
    pub fn monday(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(self.week_of.trim(), "%Y-%m-%d").ok()
    }
}

/// What a frame says, as its author wrote it.
#[derive(Debug)]
pub struct FrameText {
    pub week_of: NaiveDate,
    pub campus_id: Option<Uuid>,
    pub sections: [String; 5],
}

/// Who reads: a writer sees every frame, drafts too; anyone else the published
/// frames for the whole school or for a campus they work at.
pub struct Reader {
    pub user_id: Uuid,
    pub writer: bool,
}

/// The campuses where the user works (their live staff records').
fn campuses_of(tenant: &mut Tenant<'_>, user_id: Uuid) -> QueryResult<Vec<Uuid>> {
    staff::live(tenant)
        .filter(schema::staff::user_id.eq(user_id))
        .select(schema::staff::campus_id)
        .load::<Option<Uuid>>(tenant.conn())
        .map(|campuses| campuses.into_iter().flatten().collect())
}

/// The base of every read: the frames this reader may see, newest week first.
fn visible(
    tenant: &mut Tenant<'_>,
    reader: &Reader,
) -> QueryResult<f::BoxedQuery<'static, diesel::pg::Pg>> {
    let mut query = frame_entries::live(tenant)
        .order((f::week_of.desc(), f::published_at.desc()))
        .into_boxed();
    if !reader.writer {
        let campuses = campuses_of(tenant, reader.user_id)?;
        query = query
            .filter(f::published_at.is_not_null())
            .filter(f::campus_id.is_null().or(f::campus_id.eq_any(campuses)));
    }
    Ok(query)
}

/// Every frame the reader may see, newest week first (at most `limit`).
pub fn frames(tenant: &mut Tenant<'_>, reader: &Reader, limit: i64) -> QueryResult<Vec<Frame>> {
    visible(tenant, reader)?
        .select(Frame::as_select())
        .limit(limit)
        .load(tenant.conn())
}

pub fn find(tenant: &mut Tenant<'_>, reader: &Reader, id: Uuid) -> QueryResult<Option<Frame>> {
    visible(tenant, reader)?
        .filter(f::id.eq(id))
        .select(Frame::as_select())
        .first(tenant.conn())
        .optional()
}

/// The school's campuses by name, for the audience of a frame.
pub fn campus_names(tenant: &mut Tenant<'_>) -> QueryResult<Vec<(Uuid, String)>> {
    campuses::live(tenant)
        .order(schema::campuses::name)
        .select((schema::campuses::id, schema::campuses::name))
        .load(tenant.conn())
}

/// Writes a new draft by the signed-in user; its id.
pub fn insert_draft(
    tenant: &mut Tenant<'_>,
    author: (Uuid, &str),
    text: &FrameText,
) -> QueryResult<Uuid> {
    let organization = tenant.organization().uuid();
    let [formal, recognition, application, management, emotional] = &text.sections;
    let today = tenant.today().to_string();
    diesel::insert_into(f::table)
        .values((
            f::organization_id.eq(organization),
            f::campus_id.eq(text.campus_id),
            f::week_of.eq(text.week_of.to_string()),
            f::posted_date.eq(today),
            f::formal.eq(formal),
            f::recognition.eq(recognition),
            f::application.eq(application),
            f::management.eq(management),
            f::emotional.eq(emotional),
            f::author.eq(author.1),
            f::author_id.eq(author.0),
            f::published_at.eq(None::<DateTime<Utc>>),
            f::created_by_id.eq(author.0),
        ))
        .returning(f::id)
        .get_result(tenant.conn())
}

/// Rewrites a draft; false when there is no such draft (gone, or already published).
pub fn update_draft(
    tenant: &mut Tenant<'_>,
    id: Uuid,
    editor: Uuid,
    text: &FrameText,
) -> QueryResult<bool> {
    let [formal, recognition, application, management, emotional] = &text.sections;
    let condition = frame_entries::is_live(tenant.organization());
    diesel::update(f::table.filter(condition).filter(f::id.eq(id)))
        .filter(f::published_at.is_null())
        .set((
            f::campus_id.eq(text.campus_id),
            f::week_of.eq(text.week_of.to_string()),
            f::formal.eq(formal),
            f::recognition.eq(recognition),
            f::application.eq(application),
            f::management.eq(management),
            f::emotional.eq(emotional),
            f::updated_by_id.eq(editor),
        ))
        .execute(tenant.conn())
        .map(|n| n > 0)
}

/// Marks a draft published now; `None` when it was already published (or is not
/// the organization's). Only the first of two publishings finds the draft: the row
/// lock makes the second wait and then see it published.
pub fn publish(tenant: &mut Tenant<'_>, id: Uuid, editor: Uuid) -> QueryResult<Option<Frame>> {
    let condition = frame_entries::is_live(tenant.organization());
    let today = tenant.today().to_string();
    diesel::update(f::table.filter(condition).filter(f::id.eq(id)))
        .filter(f::published_at.is_null())
        .set((
            f::published_at.eq(diesel::dsl::now),
            f::posted_date.eq(today),
            f::updated_by_id.eq(editor),
        ))
        .returning(Frame::as_returning())
        .get_result(tenant.conn())
        .optional()
}

/// Whether a live frame with this id exists at all for the organization (a writer's
/// view), to tell "already published" from "not found".
pub fn exists(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        frame_entries::live(tenant).filter(f::id.eq(id)),
    ))
    .get_result(tenant.conn())
}

/// Someone a frame's notice goes to.
pub struct StaffReader {
    pub user_id: Uuid,
    pub name: String,
    /// The language they chose, if any.
    pub language: Option<String>,
}

/// A staff member's account, first and last name and language, as read.
type StaffRow = (Uuid, Option<String>, Option<String>, Option<String>);

/// The staff a frame is for, with an account to receive its notice: active staff of
/// its campus (of every campus for a whole-school frame), the author aside.
pub fn audience(
    tenant: &mut Tenant<'_>,
    campus: Option<Uuid>,
    author: Uuid,
) -> QueryResult<Vec<StaffReader>> {
    use schema::{staff as s, users as u};
    let mut query = staff::live(tenant)
        .inner_join(u::table.on(s::user_id.eq(u::id.nullable())))
        .filter(s::status.eq(StaffStatus::Active))
        .filter(u::id.ne(author))
        .filter(u::deleted_at.is_null())
        .into_boxed();
    if let Some(campus) = campus {
        query = query.filter(s::campus_id.eq(campus));
    }
    let rows: Vec<StaffRow> = query
        .select((u::id, s::first_name, s::last_name, u::language))
        .order((s::last_name, s::first_name))
        .load(tenant.conn())?;
    let mut people: Vec<StaffReader> = Vec::new();
    for (user_id, first, last, language) in rows {
        if people.iter().any(|p| p.user_id == user_id) {
            continue;
        }
        let name = [first, last].into_iter().flatten().collect::<Vec<_>>();
        people.push(StaffReader {
            user_id,
            name: name.join(" "),
            language,
        });
    }
    Ok(people)
}
