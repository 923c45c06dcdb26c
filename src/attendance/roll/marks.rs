//! The marks endpoint the roll page's script sends to, straight after a tap or
//! from its offline queue: JSON in, what is stored for those students out.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::pages::{grace, not_on_roll_message, roll_date};
use super::queries;
use super::{
    Mark, REMARKS_MAX, RollKey, RowProblem, SaveContext, StoredMark, may_take, parse_minutes,
    server_time_of, take_roll,
};
use crate::access::Access;
use crate::db::enums::AttendanceStatus;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::input;
use crate::web::layout::Page;

/// Marks sent by the roll page's script, straight after a tap or from its queue.
/// Marks sent by the roll page's script, straight after a tap or from its queue.
#[derive(serde::Deserialize)]
pub struct MarksRequest {
    pub date: String,
    /// The device's clock when it sent the request, in milliseconds.
    pub sent_at: i64,
    pub marks: Vec<MarkRequest>,
}

#[derive(serde::Deserialize)]
pub struct MarkRequest {
    /// Made up by the device, so it can tell which queued marks were received.
    pub id: String,
    pub student_id: Uuid,
    pub status: String,
    pub minutes_late: Option<i32>,
    #[serde(default)]
    pub remarks: String,
    /// The device's clock when the mark was made, in milliseconds.
    pub marked_at: i64,
}

#[derive(serde::Serialize)]
struct MarksResponse {
    received: Vec<String>,
    marks: Vec<StoredMark>,
}

#[derive(serde::Serialize)]
struct MarksRefused<'a> {
    error: &'a str,
    students: Vec<Uuid>,
}

fn refused(status: StatusCode, error: &str, students: Vec<Uuid>) -> HttpResponse {
    HttpResponse::build(status).json(MarksRefused { error, students })
}

/// The marks of a request, or why one of them cannot be stored.
fn marks_of(request: &MarksRequest, now: DateTime<Utc>) -> Result<Vec<Mark>, (Uuid, RowProblem)> {
    request
        .marks
        .iter()
        .map(|m| {
            let status: AttendanceStatus = m
                .status
                .parse()
                .map_err(|_| (m.student_id, RowProblem::UnknownStatus))?;
            if let Some(minutes) = m.minutes_late {
                parse_minutes(&minutes.to_string()).map_err(|e| (m.student_id, e))?;
            }
            if m.remarks.trim().chars().count() > REMARKS_MAX {
                return Err((m.student_id, RowProblem::RemarkTooLong));
            }
            Ok(Mark::new(
                m.student_id,
                status,
                m.minutes_late,
                Some(m.remarks.clone()),
                server_time_of(now, m.marked_at, request.sent_at),
            ))
        })
        .collect()
}

/// Why a request's marks were not stored.
enum MarksRefusal {
    Unreadable(String),
    Invalid(Uuid, RowProblem),
    NotOnRoll(Vec<Uuid>),
}

/// The date, marks and the device's ids of a request, or why it is refused.
type Read = Result<(NaiveDate, Vec<Mark>, Vec<String>), MarksRefusal>;

/// Reads a request before the transaction; it is refused only once the roll is
/// known to be the organization's.
fn read_request(t: Lang, access: &Access, body: &[u8], now: DateTime<Utc>) -> Read {
    let request = input::json::<MarksRequest>(body).map_err(|e| {
        let message = t
            .message("roll-marks-unreadable")
            .arg("detail", e.to_string());
        MarksRefusal::Unreadable(message.to_string())
    })?;
    let date = roll_date(t, access, Some(&request.date))
        .map_err(|e| MarksRefusal::Unreadable(e.to_string()))?;
    let marks = marks_of(&request, now)
        .map_err(|(student, message)| MarksRefusal::Invalid(student, message))?;
    let received: Vec<String> = request.marks.into_iter().map(|m| m.id).collect();
    Ok((date, marks, received))
}

async fn save_marks_request(
    page: Page,
    state: web::Data<AppState>,
    key: RollKey,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let access = page.access;
    let t = page.t;
    let now = Utc::now();
    let request = read_request(t, &access, &body, now);
    let alert_grace = grace(&state);
    // One transaction: the roll, the right to take it, and the save.
    let outcome = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let head = queries::head(tenant, key)?.ok_or(AppError::NotFound)?;
        if !may_take(&access, &head) {
            return Err(AppError::Forbidden);
        }
        let (date, marks, received) = match request {
            Ok(request) => request,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let cx = SaveContext {
            head: &head,
            date,
            alert_grace,
            now,
        };
        Ok(take_roll(tenant, &cx, marks)?
            .map(|stored| (received, stored))
            .map_err(MarksRefusal::NotOnRoll))
    })
    .await?;
    Ok(answer(t, outcome))
}

fn answer(t: Lang, outcome: Result<(Vec<String>, Vec<StoredMark>), MarksRefusal>) -> HttpResponse {
    match outcome {
        Ok((received, marks)) => HttpResponse::Ok()
            .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
            .json(MarksResponse { received, marks }),
        Err(MarksRefusal::Unreadable(message)) => {
            refused(StatusCode::BAD_REQUEST, &message, Vec::new())
        }
        Err(MarksRefusal::Invalid(student, problem)) => refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            &problem.text(t),
            vec![student],
        ),
        Err(MarksRefusal::NotOnRoll(strangers)) => refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            &not_on_roll_message(t, strangers.len()),
            strangers,
        ),
    }
}

pub(super) async fn class_roll_marks(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    save_marks_request(page, state, RollKey::Class(*id), body).await
}

pub(super) async fn subject_roll_marks(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    save_marks_request(page, state, RollKey::ClassSubject(*id), body).await
}
