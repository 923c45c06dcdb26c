//! Where file contents live: `<data dir>/files/<organization>/<shard>/<random>`.
//! Names on disk are random, never what the user called the file.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use uuid::Uuid;

use crate::config::Settings;

#[derive(Clone, Debug)]
pub struct FileStore {
    root: PathBuf,
    /// The largest file one upload may hold (`HOMEROOM_MAX_UPLOAD_MB`).
    pub max_bytes: usize,
}

impl FileStore {
    pub fn new(settings: &Settings) -> FileStore {
        FileStore {
            root: settings.data_dir.join("files"),
            max_bytes: settings.max_upload_bytes,
        }
    }

    /// The store under a data directory, for reading what is kept (uploads go
    /// through [`FileStore::new`], which knows the size limit).
    pub fn reading(data_dir: &std::path::Path) -> FileStore {
        FileStore {
            root: data_dir.join("files"),
            max_bytes: 0,
        }
    }

    /// A fresh key: the organization, a two-letter shard, 64 random hex characters.
    pub fn new_key(&self, organization_id: Uuid) -> String {
        let random = crate::auth::session::random_key();
        format!("{organization_id}/{}/{random}", &random[..2])
    }

    /// The path of a key; keys are only ever ours, but a damaged row must not reach
    /// outside the folder.
    fn path(&self, key: &str) -> std::io::Result<PathBuf> {
        let safe = !key.is_empty()
            && key
                .split('/')
                .all(|part| !part.is_empty() && !part.starts_with('.'))
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'/' | b'.'));
        if safe {
            Ok(self.root.join(key))
        } else {
            Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("not a storage key: {key:?}"),
            ))
        }
    }

    /// Writes a whole file, visible under its key only once complete. On any error
    /// nothing is left behind: the partial file is removed.
    pub fn write(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.path(key)?;
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        let mut partial = path.clone().into_os_string();
        partial.push(".part");
        let mut out = PartFile::create(PathBuf::from(partial))?;
        out.write_all(bytes)?;
        out.commit(&path)
    }

    /// Where a key's file lies on disk, for serving it as it is.
    pub fn local_path(&self, key: &str) -> std::io::Result<PathBuf> {
        let path = self.path(key)?;
        std::fs::metadata(&path).map(|_| path)
    }

    pub fn read(&self, key: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.path(key)?)
    }

    /// Best effort: a file left behind by a failed save only takes space.
    pub fn remove(&self, key: &str) {
        if let Ok(path) = self.path(key) {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// A file being written under its `.part` name; dropped before [`PartFile::commit`]
/// (an error on the way, a full disk), it is removed.
struct PartFile {
    path: PathBuf,
    file: File,
    committed: bool,
}

impl PartFile {
    fn create(path: PathBuf) -> std::io::Result<PartFile> {
        use std::os::unix::fs::OpenOptionsExt;
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)?;
        Ok(PartFile {
            path,
            file,
            committed: false,
        })
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.file.write_all(bytes)
    }

    /// Makes the file durable and gives it its real name.
    fn commit(mut self, path: &Path) -> std::io::Result<()> {
        self.file.sync_all()?;
        std::fs::rename(&self.path, path)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for PartFile {
    fn drop(&mut self) {
        if !self.committed
            && let Err(e) = std::fs::remove_file(&self.path)
            && e.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!(path = %self.path.display(), "a partial upload could not be removed: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> FileStore {
        FileStore {
            root: std::env::temp_dir().join(format!("homeroom-files-{}", Uuid::new_v4())),
            max_bytes: 1024,
        }
    }

    #[test]
    fn a_written_file_reads_back_under_a_random_sharded_key() {
        let files = store();
        let org = Uuid::new_v4();
        let key = files.new_key(org);
        let parts: Vec<&str> = key.split('/').collect();
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0], org.to_string());
        assert!(parts[2].starts_with(parts[1]));
        assert_ne!(key, files.new_key(org));
        files.write(&key, b"hello").expect("write");
        assert_eq!(files.read(&key).expect("read"), b"hello");
        files.remove(&key);
        assert!(files.read(&key).is_err());
        let _ = std::fs::remove_dir_all(&files.root);
    }

    #[test]
    fn keys_cannot_reach_outside_the_folder() {
        let files = store();
        assert!(files.read("../secret.key").is_err());
        assert!(files.read("/etc/passwd").is_err());
        assert!(files.read("a//b").is_err());
        assert!(files.write("a/../../b", b"x").is_err());
    }

    #[test]
    fn a_write_that_fails_on_a_full_disk_leaves_no_partial_file() {
        let files = store();
        let folder = files.root.join("org/ab");
        std::fs::create_dir_all(&folder).expect("folder");
        let partial = folder.join("abcdef.part");
        // /dev/full answers every write with ENOSPC, as a full disk does.
        let mut out = PartFile {
            file: File::options()
                .write(true)
                .open("/dev/full")
                .expect("/dev/full"),
            path: partial.clone(),
            committed: false,
        };
        std::fs::write(&partial, b"half a file").expect("the partial file");
        let error = out.write_all(&[7; 4096]).expect_err("the disk is full");
        assert_eq!(error.raw_os_error(), Some(libc::ENOSPC));
        drop(out);
        assert!(!partial.exists(), "the partial file is gone");
        assert_eq!(std::fs::read_dir(&folder).expect("folder").count(), 0);
        let _ = std::fs::remove_dir_all(&files.root);
    }
}
