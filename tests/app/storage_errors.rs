//! A disk that will not keep an upload: the user is told the file was not saved and
//! nothing else was lost, and no half-written file stays behind.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use diesel::prelude::*;
use homeroom::db::schema::file;

use crate::common::{DemoUser, TestApp, TestDatabase, count, spawn_app};
use crate::files::{a_student, png, upload};

const BIN: &str = env!("CARGO_BIN_EXE_homeroom");

/// A photo that does not compress: its PNG holds about 4 bytes a pixel.
fn grainy_photo(side: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(side, side, |x, y| {
        let n = (x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)).rotate_left(x % 13);
        image::Rgb([n as u8, (n >> 8) as u8, (n >> 16) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encode a PNG");
    out.into_inner()
}

/// Every file under `dir`, at any depth.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .flat_map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                files_under(&path)
            } else {
                vec![path]
            }
        })
        .collect()
}

/// The names of a record's live files.
fn live_files_of(app: &TestApp, record: uuid::Uuid) -> Vec<String> {
    file::table
        .filter(file::belongs_to_id.eq(record))
        .filter(file::deleted_at.is_null())
        .select(file::name)
        .load(&mut app.conn())
        .expect("file rows")
}

/// `homeroom serve` on `db`, whose files may grow to `max_file_bytes` at most: past
/// that the disk answers as a full one does, with an error to the write.
struct SmallDisk {
    child: Child,
}

impl SmallDisk {
    fn serve(db: TestDatabase, data_dir: &Path, max_file_bytes: u64) -> (SmallDisk, TestApp) {
        let mut command = Command::new(BIN);
        command
            .arg("serve")
            .env("DATABASE_URL", &db.url)
            .env("HOMEROOM_DATA_DIR", data_dir)
            .env("HOMEROOM_SECRET_KEY", "0".repeat(128))
            .env("HOMEROOM_BIND", "127.0.0.1:0")
            .env("HOMEROOM_WORKERS", "1")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        // SAFETY: setrlimit and signal are async-signal-safe.
        unsafe {
            command.pre_exec(move || {
                let limit = libc::rlimit {
                    rlim_cur: max_file_bytes,
                    rlim_max: max_file_bytes,
                };
                if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                // A write past the limit then fails with an error instead of a signal.
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                Ok(())
            });
        }
        let mut child = command.spawn().expect("start homeroom serve");
        let stdout = child.stdout.take().expect("stdout");
        let address = crate::common::served_address(stdout, Duration::from_secs(60), |_| {});
        let app = TestApp {
            address,
            pool: homeroom::db::build_pool(&db.url, 2).expect("pool"),
            db,
            data_dir: data_dir.to_path_buf(),
        };
        (SmallDisk { child }, app)
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        // SAFETY: signals our own child process by its pid.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGTERM) };
        let _ = self.child.wait();
    }
}

#[actix_web::test]
async fn a_photo_sent_to_a_full_disk_is_refused_with_507_and_leaves_no_partial_file() {
    let data_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("small-disk-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data_dir);
    let (_server, app) = SmallDisk::serve(TestDatabase::new(), &data_dir, 8 * 1024);
    let admin = app.signed_in(DemoUser::Admin).await;
    let (student, _) = a_student(&app, "Northwind Academy");
    let files_before = count(&mut app.conn(), "file");
    let photo = grainy_photo(200);
    assert!(photo.len() > 8 * 1024, "the photo is larger than the disk");

    let response = upload(&app, &admin, "students", student, "sports day.png", &photo).await;
    assert_eq!(response.status(), 507);
    let page = response.text().await.expect("page");
    assert!(
        page.contains("The file was not saved: there is not enough storage space on the server"),
        "{page}"
    );
    assert!(page.contains("Nothing else was lost"));
    assert!(
        page.contains("type=\"file\""),
        "the upload form is there to try again"
    );
    assert_eq!(count(&mut app.conn(), "file"), files_before);
    assert!(live_files_of(&app, student).is_empty());
    let left = files_under(&data_dir.join("files"));
    assert!(left.is_empty(), "nothing is left on the disk: {left:?}");
    let _ = std::fs::remove_dir_all(&data_dir);
}

#[actix_web::test]
async fn a_photo_sent_while_the_files_folder_cannot_be_written_is_refused_with_503_and_the_old_photo_stays()
 {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let (student, _) = a_student(&app, "Northwind Academy");
    let first = upload(&app, &admin, "students", student, "first.png", &png(64, 64)).await;
    assert_eq!(first.status(), 303);

    // The files folder is no longer a folder Homeroom can write in (as when a disk is
    // remounted read-only, which even root cannot write).
    let folder = app.data_dir.join("files");
    std::fs::rename(&folder, app.data_dir.join("files-moved")).expect("move the folder");
    std::fs::write(&folder, b"not a folder").expect("a file in its place");

    let response = upload(
        &app,
        &admin,
        "students",
        student,
        "second.png",
        &png(64, 64),
    )
    .await;
    assert_eq!(response.status(), 503);
    let page = response.text().await.expect("page");
    assert!(
        page.contains("The file was not saved: the server cannot store files right now."),
        "{page}"
    );
    assert!(page.contains("Nothing else was lost"));
    assert_eq!(
        live_files_of(&app, student),
        ["first.png"],
        "the photo the student had is still theirs"
    );
    let left: Vec<PathBuf> = files_under(&app.data_dir.join("files-moved"))
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".part"))
        .collect();
    assert!(left.is_empty(), "no partial file: {left:?}");
}
