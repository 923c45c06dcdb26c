//! `/staff-development/signs/vocabulary`: the sign vocabulary's editor, for super
//! administrators. One sign at a time: its word, description and a picture or
//! video, sent as a multipart form; a refused sign comes back with the field's
//! message and nothing is stored.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use uuid::Uuid;

use super::vocabulary::{Sign, SignVocabulary};
use crate::db::Tenant;
use crate::files::{FileError, FileStore, UploadForm};
use crate::i18n::Lang;
use crate::staffdev::content::{self, Content};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::form::FieldErrors;
use crate::web::layout::{Layout, Page};
use crate::web::{render, render_as, see_other};

/// The sign being written, as the form shows it.
#[derive(Default)]
pub struct SignForm {
    /// None for a new sign.
    pub id: Option<Uuid>,
    pub word: String,
    pub description: String,
    pub has_media: bool,
    pub word_error: Option<String>,
    pub description_error: Option<String>,
    pub media_error: Option<String>,
}

#[derive(Template)]
#[template(path = "staffdev/sign_vocabulary.html")]
struct VocabularyPage {
    layout: Layout,
    signs: Vec<Sign>,
    form: SignForm,
    accept: &'static str,
}

fn vocabulary_page(page: &Page, signs: Vec<Sign>, form: SignForm) -> VocabularyPage {
    let title = match form.id {
        Some(_) => page.t.text("sd-vocabulary-edit-title"),
        None => page.t.text("sd-vocabulary-title"),
    };
    VocabularyPage {
        layout: page.layout(title),
        signs,
        form,
        accept: crate::files::content::ACCEPT_SIGN_MEDIA,
    }
}

pub(super) async fn list(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let view = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let vocabulary: SignVocabulary = content::load(tenant.conn())?;
        Ok(vocabulary_page(
            &page,
            vocabulary.signs,
            SignForm::default(),
        ))
    })
    .await?;
    render(&view)
}

pub(super) async fn edit(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let view = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let vocabulary: SignVocabulary = content::load(tenant.conn())?;
        let sign = vocabulary.sign(id).ok_or(AppError::NotFound)?;
        let form = SignForm {
            id: Some(id),
            word: sign.word.clone(),
            description: sign.description.clone(),
            has_media: sign.media.is_some(),
            ..SignForm::default()
        };
        Ok(vocabulary_page(&page, vocabulary.signs.clone(), form))
    })
    .await?;
    render(&view)
}

/// The sign the form describes, put in its place in the vocabulary (or at its end).
fn placed(vocabulary: &mut SignVocabulary, id: Option<Uuid>, form: &UploadForm) -> usize {
    let text = |name| form.field(name).unwrap_or_default().trim().to_owned();
    let position = id.and_then(|id| vocabulary.signs.iter().position(|s| s.id == id));
    let index = position.unwrap_or_else(|| {
        vocabulary.signs.push(Sign {
            id: Uuid::new_v4(),
            ..Sign::default()
        });
        vocabulary.signs.len() - 1
    });
    let sign = &mut vocabulary.signs[index];
    sign.word = text("word");
    sign.description = text("description");
    index
}

/// Checks and keeps the sign (and its new media); the form again when refused.
fn keep(
    tenant: &mut Tenant<'_>,
    page: &Page,
    files: &FileStore,
    form: &UploadForm,
) -> Result<Option<VocabularyPage>, AppError> {
    let t: Lang = page.t;
    let id = match form.field("sign").map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => Some(Uuid::parse_str(text).map_err(|_| AppError::NotFound)?),
        None => None,
    };
    let mut vocabulary: SignVocabulary = content::load(tenant.conn())?;
    if id.is_some_and(|id| vocabulary.sign(id).is_none()) {
        return Err(AppError::NotFound);
    }
    let index = placed(&mut vocabulary, id, form);
    let mut errors = vocabulary.validate(t);
    let upload = match form.file("file") {
        Ok(upload) if !upload.bytes.is_empty() => Some(upload),
        Ok(_) | Err(FileError::Empty) => None,
        Err(e) => {
            errors.add(format!("signs[{index}].media"), e.message(t));
            None
        }
    };
    if errors.is_empty() {
        match store(
            tenant,
            files,
            &mut vocabulary,
            index,
            upload,
            page.access.user_id,
            t,
        )? {
            None => return Ok(None),
            Some(refused) => errors = refused,
        }
    }
    let at = format!("signs[{index}]");
    let message = |field: &str| errors.get(&format!("{at}.{field}")).map(str::to_owned);
    let sign = &vocabulary.signs[index];
    let shown = SignForm {
        id,
        word: sign.word.clone(),
        description: sign.description.clone(),
        has_media: sign.media.is_some(),
        word_error: message("word"),
        description_error: message("description"),
        media_error: message("media"),
    };
    let mut signs = vocabulary.signs.clone();
    if id.is_none() {
        signs.pop();
    }
    Ok(Some(vocabulary_page(page, signs, shown)))
}

/// Stores the sign's new media (if any) and the vocabulary together: when either
/// is refused, neither is kept (the media's row goes with its savepoint and its
/// file is removed). Returns the refusal's messages.
fn store(
    tenant: &mut Tenant<'_>,
    files: &FileStore,
    vocabulary: &mut SignVocabulary,
    index: usize,
    upload: Option<&crate::files::Upload>,
    user: Uuid,
    t: Lang,
) -> Result<Option<FieldErrors>, AppError> {
    let mut written: Vec<String> = Vec::new();
    let before = (
        vocabulary.signs[index].media,
        vocabulary.signs[index].media_type.clone(),
    );
    let outcome = tenant.transaction(|tenant| {
        if let Some(upload) = upload {
            let sign_id = vocabulary.signs[index].id;
            match crate::files::store_sign_media(tenant, files, upload, sign_id, user) {
                Ok(stored) => {
                    written.extend(stored.storage_key.clone());
                    written.extend(stored.thumbnail_key.clone());
                    vocabulary.signs[index].media = Some(stored.id);
                    vocabulary.signs[index].media_type = stored.content_type;
                }
                Err(e) if e.is_for_user() => {
                    let mut refused = FieldErrors::default();
                    refused.add(format!("signs[{index}].media"), e.message(t));
                    return Err(Undone::Refused(refused));
                }
                Err(e) => return Err(Undone::Failed(e.into())),
            }
        }
        content::save(tenant.conn(), vocabulary, Some(user), t)?.map_err(Undone::Refused)
    });
    match outcome {
        Ok(()) => Ok(None),
        Err(undone) => {
            written.iter().for_each(|key| files.remove(key));
            (
                vocabulary.signs[index].media,
                vocabulary.signs[index].media_type,
            ) = before;
            match undone {
                Undone::Refused(refused) => Ok(Some(refused)),
                Undone::Failed(e) => Err(e),
            }
        }
    }
}

/// Why a sign's save was undone.
enum Undone {
    Refused(FieldErrors),
    Failed(AppError),
}

impl From<diesel::result::Error> for Undone {
    fn from(e: diesel::result::Error) -> Undone {
        Undone::Failed(e.into())
    }
}

/// `POST /staff-development/signs/vocabulary` (multipart): `sign` (empty for a new
/// one), `word`, `description` and an optional `media` file.
pub(super) async fn save(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let files = FileStore::new(&state.settings);
    let t = page.t;
    let multipart = actix_multipart::Multipart::new(req.headers(), payload);
    let form = crate::files::read_form(multipart, &files)
        .await
        .map_err(|e| e.into_app_error(t))?;
    let refused = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        keep(tenant, &page, &files, &form)
    })
    .await?;
    match refused {
        Some(view) => render_as(&view, StatusCode::UNPROCESSABLE_ENTITY),
        None => {
            flash::push(&session, Level::Success, t.text("sd-vocabulary-saved"));
            Ok(see_other("/staff-development/signs/vocabulary"))
        }
    }
}

pub(super) async fn remove(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let t = page.t;
    crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let mut vocabulary: SignVocabulary = content::load(tenant.conn())?;
        let before = vocabulary.signs.len();
        vocabulary.signs.retain(|s| s.id != id);
        if vocabulary.signs.len() == before {
            return Err(AppError::NotFound);
        }
        let saved = content::save(tenant.conn(), &vocabulary, Some(page.access.user_id), t)?;
        saved.map_err(|_| AppError::BadRequest(t.text("sd-vocabulary-not-removed")))
    })
    .await?;
    flash::push(&session, Level::Success, t.text("sd-vocabulary-removed"));
    Ok(see_other("/staff-development/signs/vocabulary"))
}
