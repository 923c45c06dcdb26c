//! Where an upload waits between its preview and its commit, and the clearing of
//! uploads nobody came back for.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use uuid::Uuid;

use crate::config::Settings;
use crate::db::OrganizationId;
use crate::resources::Resource;
use crate::web::error::AppError;

/// The folder under the data directory where uploads wait between preview and commit.
const UPLOADS: &str = "imports";

/// Where an upload waits between its preview and its commit.
pub fn upload_path(settings: &Settings, res: &Resource, org: OrganizationId, id: Uuid) -> PathBuf {
    settings
        .data_dir
        .join(UPLOADS)
        .join(org.to_string())
        .join(format!("{}-{id}.csv", res.table()))
}

/// Removes the uploads last written before `cutoff` (previews nobody committed, and
/// the files of runs that failed); returns how many went.
pub fn remove_old_uploads(data_dir: &Path, cutoff: SystemTime) -> usize {
    let Ok(organizations) = std::fs::read_dir(data_dir.join(UPLOADS)) else {
        return 0;
    };
    let mut removed = 0;
    for folder in organizations.flatten() {
        let Ok(files) = std::fs::read_dir(folder.path()) else {
            continue;
        };
        for file in files.flatten() {
            let old = file
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|written| written < cutoff);
            if !old || !file.file_type().is_ok_and(|t| t.is_file()) {
                continue;
            }
            match std::fs::remove_file(file.path()) {
                Ok(()) => removed += 1,
                Err(error) => {
                    tracing::warn!(file = %file.path().display(), %error, "an old upload could not be removed")
                }
            }
        }
    }
    removed
}

/// Keeps an upload's text until its commit; a full or read-only disk is told as
/// such, and leaves no half upload.
pub fn keep(
    settings: &Settings,
    res: &Resource,
    org: OrganizationId,
    id: Uuid,
    text: &str,
) -> Result<(), AppError> {
    let path = upload_path(settings, res, org, id);
    let dir = path.parent().map(PathBuf::from).unwrap_or_default();
    std::fs::create_dir_all(&dir)
        .and_then(|_| std::fs::write(&path, text))
        .map_err(|e| {
            let _ = std::fs::remove_file(&path);
            AppError::from(crate::files::FileError::from(e))
        })
}
