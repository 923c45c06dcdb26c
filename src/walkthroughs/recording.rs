//! A director records a visit: the choices the form offers, what the timetable
//! suggests for the classroom and time, and saving a new or changed walkthrough.

use chrono::NaiveTime;
use uuid::Uuid;

use super::forms::{self, CheckedWalkthrough, WalkthroughValues};
use super::models::{AreaNames, Walkthrough};
use super::queries::{self, RoomOption, TeacherOption, WalkthroughChanges};
use super::viewer::Viewer;
use crate::access::Access;
use crate::db::Tenant;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::form::FieldErrors;

/// What the timetable says about the classroom at the chosen time.
pub enum Suggestion {
    /// No classroom chosen yet.
    Nothing,
    /// The lesson in that room then, and its teacher.
    Lesson {
        teacher: String,
        class_name: String,
        subject: String,
        starts_at: NaiveTime,
        ends_at: NaiveTime,
    },
    /// A timetable room with no lesson at that time.
    NoLesson { room: String },
    /// A classroom typed that the timetable does not know.
    NotOnTimetable,
}

/// Everything the form needs besides what was typed.
pub struct FormData {
    pub viewer: Viewer,
    /// The school's names of the areas.
    pub areas: AreaNames,
    pub rooms: Vec<RoomOption>,
    pub teachers: Vec<TeacherOption>,
    pub suggestion: Suggestion,
}

/// Loads the choices and asks the timetable who teaches in the classroom at the
/// chosen time; the suggestion fills the teacher when `replace` or when it is empty.
pub fn form_data(
    tenant: &mut Tenant<'_>,
    access: &Access,
    values: &mut WalkthroughValues,
    replace: bool,
) -> Result<FormData, AppError> {
    let viewer = Viewer::load(tenant, access)?;
    let today = tenant.today();
    let rooms = queries::rooms_in_reach(tenant, &viewer, today)?;
    let teachers = queries::teachers_in_reach(tenant, &viewer, None)?;
    let suggestion = suggest(tenant, &rooms, &teachers, values, replace)?;
    let areas = AreaNames::load(tenant)?;
    Ok(FormData {
        viewer,
        areas,
        rooms,
        teachers,
        suggestion,
    })
}

fn suggest(
    tenant: &mut Tenant<'_>,
    rooms: &[RoomOption],
    teachers: &[TeacherOption],
    values: &mut WalkthroughValues,
    replace: bool,
) -> Result<Suggestion, AppError> {
    if values.classroom.trim().is_empty() {
        return Ok(Suggestion::Nothing);
    }
    let Some(room) = forms::find_room(rooms, &values.classroom) else {
        return Ok(Suggestion::NotOnTimetable);
    };
    let (Some(date), Some(time)) = (
        forms::parse_date(&values.check_in_date),
        forms::parse_time(&values.check_in_time),
    ) else {
        return Ok(Suggestion::Nothing);
    };
    let lesson = queries::lesson_at(tenant, room, date, time)?;
    let found = lesson.and_then(|l| {
        teachers
            .iter()
            .find(|t| t.id == l.teacher_id)
            .map(|t| (l, t))
    });
    Ok(match found {
        Some((lesson, teacher)) => {
            if replace || values.teacher.trim().is_empty() {
                values.teacher = teacher.label.clone();
            }
            Suggestion::Lesson {
                teacher: teacher.label.clone(),
                class_name: lesson.class_name,
                subject: lesson.subject,
                starts_at: lesson.starts_at,
                ends_at: lesson.ends_at,
            }
        }
        None => Suggestion::NoLesson {
            room: room.label.clone(),
        },
    })
}

/// What the checked form stores; the class is the lesson's when the timetable agrees.
fn changes_from(
    tenant: &mut Tenant<'_>,
    viewer: &Viewer,
    checked: CheckedWalkthrough,
) -> Result<WalkthroughChanges, AppError> {
    let lesson = match &checked.room {
        Some(room) => queries::lesson_at(tenant, room, checked.date, checked.time)?,
        None => None,
    };
    let class_id = lesson
        .filter(|l| l.teacher_id == checked.teacher.id)
        .map(|l| l.class_id);
    let [c0, c1, c2, c3, c4, c5, c6] = checked.comments;
    let r = checked.ratings;
    Ok(WalkthroughChanges {
        campus_id: checked
            .room
            .as_ref()
            .map(|room| room.campus_id)
            .or(checked.teacher.campus_id)
            .or(viewer.campus()),
        class_id,
        teacher_id: Some(checked.teacher.id),
        teacher_name: checked.teacher.name.clone(),
        classroom: checked.classroom,
        check_in_date: checked.date,
        check_in_time: checked.time,
        attitude_rating: r[0],
        attitude_comment: c0,
        classroom_management_rating: r[1],
        classroom_management_comment: c1,
        cleanliness_rating: r[2],
        cleanliness_comment: c2,
        vibes_rating: r[3],
        vibes_comment: c3,
        team_dynamics_rating: r[4],
        team_dynamics_comment: c4,
        emergency_exit_rating: r[5],
        emergency_exit_comment: c5,
        lesson_plan_rating: r[6],
        lesson_plan_comment: c6,
        overall_notes: checked.overall_notes,
    })
}

/// The outcome of saving the form.
pub enum Saved {
    Done(Uuid),
    /// The form back with what was typed, a message per field, and its choices.
    Refused(Box<(WalkthroughValues, FieldErrors, FormData)>),
}

/// The typed values checked against the form's choices, or the form refused.
fn check(
    tenant: &Tenant<'_>,
    values: WalkthroughValues,
    data: FormData,
    t: &Lang,
) -> Result<(CheckedWalkthrough, FormData), Saved> {
    match forms::check(
        &values,
        &data.rooms,
        &data.teachers,
        tenant.time_zone(),
        crate::clock::now(),
        t,
    ) {
        Ok(checked) => Ok((checked, data)),
        Err(errors) => Err(Saved::Refused(Box::new((values, errors, data)))),
    }
}

/// Stores a new visit and tells the observed teacher; `t` is the director's language.
pub fn create(
    tenant: &mut Tenant<'_>,
    access: &Access,
    state: &AppState,
    mut values: WalkthroughValues,
    t: &Lang,
) -> Result<Saved, AppError> {
    let data = form_data(tenant, access, &mut values, false)?;
    let (checked, data) = match check(tenant, values, data, t) {
        Ok(checked) => checked,
        Err(refused) => return Ok(refused),
    };
    let teacher = checked.teacher.clone();
    let changes = changes_from(tenant, &data.viewer, checked)?;
    let id = queries::insert(tenant, &data.viewer, &changes)?;
    let school_language = access.school_language.as_deref();
    super::notice::tell_teacher(
        tenant,
        state,
        school_language,
        &data.viewer,
        id,
        &teacher,
        &changes,
    )?;
    Ok(Saved::Done(id))
}

/// The author may change a visit for a while after saving it; then it is read-only.
pub fn editable(viewer: &Viewer, w: &Walkthrough, hours: u32) -> bool {
    w.created_by_id == Some(viewer.user_id)
        && chrono::Utc::now() - w.created_at < chrono::Duration::hours(i64::from(hours))
}

/// A visit the viewer may still change (within `hours` of writing it), or forbidden.
fn editable_visit(
    tenant: &mut Tenant<'_>,
    access: &Access,
    id: Uuid,
    hours: u32,
) -> Result<Walkthrough, AppError> {
    let viewer = Viewer::load(tenant, access)?;
    let w = queries::find(tenant, id)?;
    if !editable(&viewer, &w, hours) {
        return Err(AppError::Forbidden);
    }
    Ok(w)
}

/// The form of a visit to change, filled with what is stored.
pub fn edit_form(
    tenant: &mut Tenant<'_>,
    access: &Access,
    id: Uuid,
    hours: u32,
) -> Result<(WalkthroughValues, FormData), AppError> {
    let w = editable_visit(tenant, access, id, hours)?;
    let mut values = WalkthroughValues::from_walkthrough(&w);
    let data = form_data(tenant, access, &mut values, false)?;
    Ok((values, data))
}

/// Stores the changes to a visit the viewer may still change.
pub fn save_edit(
    tenant: &mut Tenant<'_>,
    access: &Access,
    id: Uuid,
    hours: u32,
    mut values: WalkthroughValues,
    t: &Lang,
) -> Result<Saved, AppError> {
    let w = editable_visit(tenant, access, id, hours)?;
    let mut data = form_data(tenant, access, &mut values, false)?;
    // The teacher of an existing visit stays choosable even if they moved campus.
    if let Some(teacher_id) = w.teacher_id
        && !data.teachers.iter().any(|t| t.id == teacher_id)
    {
        let (name, campus_id) = queries::staff_member(tenant, teacher_id)?;
        data.teachers.push(TeacherOption {
            id: teacher_id,
            label: name.clone(),
            name,
            campus_id,
            user_id: None,
            email: None,
            language: None,
        });
    }
    let (checked, data) = match check(tenant, values, data, t) {
        Ok(checked) => checked,
        Err(refused) => return Ok(refused),
    };
    let changes = changes_from(tenant, &data.viewer, checked)?;
    queries::update(tenant, id, &changes)?;
    Ok(Saved::Done(id))
}
