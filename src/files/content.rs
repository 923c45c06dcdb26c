//! What an uploaded file really is, read from its bytes (never from its name), and
//! the small picture that stands for an image.

use std::io::Cursor;

use super::FileError;
use crate::i18n::msg;

/// A type Homeroom accepts, as recognised from the content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Accepted {
    /// The Content-Type Homeroom stores and serves.
    pub mime: &'static str,
    pub image: bool,
}

/// The types a school sends and receives: photos, PDFs, plain text and CSV, office documents.
const ACCEPTED: &[&str] = &[
    "image/jpeg",
    "image/png",
    "image/webp",
    "image/gif",
    "application/pdf",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
    "application/rtf",
];

/// The videos a sign of the vocabulary may be shown with, besides pictures.
const SIGN_VIDEOS: &[&str] = &["video/mp4", "video/webm"];

/// Whether Homeroom would store this type (text types are recognised apart).
pub fn is_accepted(mime: &str) -> bool {
    ACCEPTED.contains(&mime) || SIGN_VIDEOS.contains(&mime)
}

pub const SIGN_MEDIA_SUMMARY: &str = "a picture (JPEG, PNG, WebP or GIF) or a video (MP4 or WebM)";
pub const ACCEPT_SIGN_MEDIA: &str =
    "image/jpeg,image/png,image/webp,image/gif,video/mp4,video/webm";

/// Recognises a sign's picture or video from its bytes.
pub fn recognise_sign_media(name: &str, bytes: &[u8]) -> Result<Accepted, FileError> {
    if let Some(mime) = infer::get(bytes)
        .map(|kind| kind.mime_type())
        .and_then(|mime| SIGN_VIDEOS.iter().find(|&&v| v == mime))
    {
        return Ok(Accepted { mime, image: false });
    }
    recognise(name, bytes, true).map_err(|e| match e {
        // Whatever else it is, the sign's editor says what a sign may be shown with.
        FileError::NotAnImage | FileError::Refused(_) => FileError::NotSignMedia,
        other => other,
    })
}

pub const ACCEPTED_SUMMARY: &str = "photos (JPEG, PNG, WebP, GIF), PDF, plain text or CSV, and office documents (Word, Excel, PowerPoint, OpenDocument)";

pub const IMAGE_SUMMARY: &str = "a photo (JPEG, PNG, WebP or GIF)";

/// What the `accept` attribute of a file input offers; the server decides by content.
pub const ACCEPT_ANY: &str = "image/jpeg,image/png,image/webp,image/gif,application/pdf,text/plain,text/csv,.csv,.txt,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.rtf";
pub const ACCEPT_IMAGES: &str = "image/jpeg,image/png,image/webp,image/gif";

/// Recognises the content of `bytes`; `name` only tells plain text from CSV.
pub fn recognise(name: &str, bytes: &[u8], images_only: bool) -> Result<Accepted, FileError> {
    if bytes.is_empty() {
        return Err(FileError::Empty);
    }
    let accepted = match infer::get(bytes) {
        Some(kind) => ACCEPTED
            .iter()
            .find(|&&m| m == kind.mime_type())
            .map(|&mime| Accepted {
                mime,
                image: mime.starts_with("image/"),
            })
            .ok_or_else(|| FileError::Refused(describe(kind.mime_type()).to_owned())),
        None if is_plain_text(bytes) => Ok(Accepted {
            mime: if name.to_ascii_lowercase().ends_with(".csv") {
                "text/csv"
            } else {
                "text/plain"
            },
            image: false,
        }),
        None => Err(FileError::Refused(msg("files-kind-unknown").to_owned())),
    }?;
    if images_only && !accepted.image {
        return Err(FileError::NotAnImage);
    }
    Ok(accepted)
}

/// UTF-8 without control characters (other than tabs and line ends) and not markup,
/// which a browser could be talked into running.
fn is_plain_text(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let text = text.trim_start_matches('\u{feff}').trim_start();
    !text.starts_with('<')
        && !text.contains("<script")
        && !text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
}

/// The message saying in plain words what a refused file is ("a web page").
fn describe(mime: &str) -> &'static str {
    match mime {
        "text/html" | "text/xml" | "application/xml" => msg("files-kind-web-page"),
        "text/x-shellscript" => msg("files-kind-script"),
        "application/x-executable"
        | "application/vnd.microsoft.portable-executable"
        | "application/x-mach-binary"
        | "application/x-msdownload"
        | "application/vnd.android.package-archive" => msg("files-kind-program"),
        "application/zip"
        | "application/x-rar-compressed"
        | "application/x-7z-compressed"
        | "application/gzip"
        | "application/x-tar" => msg("files-kind-archive"),
        m if m.starts_with("image/") => msg("files-kind-image"),
        m if m.starts_with("video/") => msg("files-kind-video"),
        m if m.starts_with("audio/") => msg("files-kind-audio"),
        _ => msg("files-kind-other"),
    }
}

/// The longest side of a thumbnail, in pixels.
pub const THUMBNAIL_SIZE: u32 = 160;

/// A small copy of an image (JPEG, or PNG when it has transparency), or `None` when
/// the image cannot be decoded; the original is shown scaled down instead.
pub fn thumbnail(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    let mut limits = image::Limits::default();
    // A small file can claim enormous dimensions; refuse to allocate for those.
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let picture = reader.decode().ok()?;
    let small = picture.thumbnail(THUMBNAIL_SIZE, THUMBNAIL_SIZE);
    let mut out = Cursor::new(Vec::new());
    if small.color().has_alpha() {
        small
            .to_rgba8()
            .write_to(&mut out, image::ImageFormat::Png)
            .ok()?;
    } else {
        small
            .to_rgb8()
            .write_to(&mut out, image::ImageFormat::Jpeg)
            .ok()?;
    }
    Some(out.into_inner())
}

/// The Content-Type of a stored thumbnail, from its first bytes.
pub fn thumbnail_type(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"\x89PNG") {
        "image/png"
    } else {
        "image/jpeg"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbImage::from_pixel(width, height, image::Rgb([30, 90, 160]));
        let mut out = Cursor::new(Vec::new());
        picture
            .write_to(&mut out, image::ImageFormat::Png)
            .expect("encode");
        out.into_inner()
    }

    #[test]
    fn a_photo_is_recognised_by_its_bytes_whatever_its_name() {
        let accepted = recognise("scan.pdf", &png(4, 4), true).expect("a PNG");
        assert_eq!(accepted.mime, "image/png");
        assert!(accepted.image);
    }

    #[test]
    fn a_web_page_or_program_named_like_a_photo_is_refused() {
        let page = b"<!DOCTYPE html><html><script>alert(1)</script></html>";
        assert!(matches!(
            recognise("photo.png", page, false),
            Err(FileError::Refused(what)) if Lang::default().text(&what) == "a web page"
        ));
        let mut elf = b"\x7fELF\x02\x01\x01".to_vec();
        elf.resize(64, 0);
        assert!(matches!(
            recognise("photo.png", &elf, false),
            Err(FileError::Refused(what)) if Lang::default().text(&what) == "a program"
        ));
    }

    #[test]
    fn plain_text_and_csv_are_accepted_but_markup_is_not() {
        let csv = recognise("marks.csv", b"name,score\nAda,9\n", false).expect("CSV");
        assert_eq!(csv.mime, "text/csv");
        let note = recognise("note.txt", "Médecin: Dr Okafor\n".as_bytes(), false).expect("text");
        assert_eq!(note.mime, "text/plain");
        assert!(recognise("x.txt", b"  <svg onload=alert(1)>", false).is_err());
        assert!(recognise("x.txt", b"\0\x01\x02binary", false).is_err());
    }

    #[test]
    fn a_photo_purpose_takes_only_images() {
        assert!(matches!(
            recognise("a.pdf", b"%PDF-1.7\n1 0 obj", true),
            Err(FileError::NotAnImage)
        ));
        assert!(matches!(
            recognise("a.txt", b"", false),
            Err(FileError::Empty)
        ));
    }

    #[test]
    fn thumbnails_keep_the_shape_within_160_pixels() {
        let small = thumbnail(&png(640, 320)).expect("a thumbnail");
        let decoded = image::load_from_memory(&small).expect("decodes");
        assert_eq!((decoded.width(), decoded.height()), (160, 80));
        assert_eq!(thumbnail_type(&small), "image/jpeg");
        assert_eq!(thumbnail(b"\x89PNG\r\n\x1a\nbroken"), None);
    }
}
