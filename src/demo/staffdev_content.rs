//! The install's staff-development content for the demo: the zones guide and a
//! vocabulary of 20 everyday signs. Stored once for the whole install; the signs'
//! pictures are drawn when a served demo starts ([`draw_sign_pictures`]), since
//! files live in the data directory, not the database.

use diesel::PgConnection;
use uuid::Uuid;

use crate::db::{Actor, Tenant};
use crate::files::{FileStore, Upload};
use crate::i18n::Lang;
use crate::staffdev::content;
use crate::staffdev::signs::vocabulary::{Sign, SignVocabulary};
use crate::staffdev::zones::guide;

/// The demo's signs: the word and how it is made.
const SIGNS: [(&str, &str); 20] = [
    (
        "Hello",
        "An open hand moves away from the forehead, like a small salute.",
    ),
    (
        "Thank you",
        "Fingertips touch the chin, then the hand moves forward and down.",
    ),
    ("Please", "A flat hand circles on the chest."),
    ("Sorry", "A closed fist circles on the chest."),
    ("Yes", "A closed fist nods up and down, like a head."),
    ("No", "The first two fingers close onto the thumb."),
    (
        "Help",
        "A thumbs-up rests on the open other palm and both lift together.",
    ),
    (
        "Stop",
        "The edge of a flat hand chops down onto the other palm.",
    ),
    (
        "Wait",
        "Both hands, palms up, wiggle their fingers at the side.",
    ),
    (
        "Good",
        "Fingertips touch the lips, then the hand drops into the other palm.",
    ),
    (
        "Toilet",
        "The thumb pokes out between the first two fingers and shakes.",
    ),
    ("Water", "Three fingers tap the chin."),
    ("Eat", "Bunched fingertips tap the lips twice."),
    (
        "Drink",
        "A C-shaped hand tips towards the mouth like a cup.",
    ),
    ("Finished", "Both open hands flip outwards from the chest."),
    ("More", "Bunched fingertips of both hands tap together."),
    (
        "Friend",
        "The index fingers hook together, one way and then the other.",
    ),
    (
        "Teacher",
        "Both hands move forward from the temples, then flat hands move down.",
    ),
    (
        "School",
        "The flat hands clap twice, one on top of the other.",
    ),
    (
        "Quiet",
        "A finger on the lips, then both flat hands move down slowly.",
    ),
];

/// Stores the zones guide and the sign vocabulary unless the install has them.
pub fn create(conn: &mut PgConnection) -> anyhow::Result<()> {
    let t = Lang::default();
    let zones: guide::ZoneGuide = content::load(conn)?;
    if zones.zones.is_empty() {
        let saved = content::save(conn, &guide::starter(), None, t)?;
        saved.map_err(|_| anyhow::anyhow!("the demo zones guide is refused"))?;
    }
    let signs: SignVocabulary = content::load(conn)?;
    if signs.signs.is_empty() {
        let vocabulary = SignVocabulary {
            signs: SIGNS
                .iter()
                .enumerate()
                .map(|(i, (word, description))| Sign {
                    id: Uuid::from_u128(0x5167_0000_0000_4000_8000_0000_0000_0000 + i as u128),
                    word: (*word).to_owned(),
                    description: (*description).to_owned(),
                    media: None,
                    media_type: None,
                })
                .collect(),
        };
        let saved = content::save(conn, &vocabulary, None, t)?;
        saved.map_err(|_| anyhow::anyhow!("the demo sign vocabulary is refused"))?;
    }
    Ok(())
}

/// A small picture for the sign at `index`: a coloured card with a hand-like shape,
/// different for each sign.
fn picture(index: usize) -> Vec<u8> {
    let hue = [(29, 78, 137), (31, 122, 77), (154, 91, 0), (180, 35, 24)][index % 4];
    let fingers = 1 + index % 5;
    let image = image::RgbImage::from_fn(96, 96, |x, y| {
        let palm = (36..68).contains(&x) && (48..84).contains(&y);
        let finger = (0..fingers).any(|f| {
            let left = 36 + f as u32 * 7;
            (left..left + 5).contains(&x) && (20 + (f as u32 % 2) * 6..48).contains(&y)
        });
        if palm || finger {
            image::Rgb([250, 240, 230])
        } else {
            image::Rgb([hue.0, hue.1, hue.2])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    match image.write_to(&mut out, image::ImageFormat::Png) {
        Ok(()) => out.into_inner(),
        Err(_) => Vec::new(),
    }
}

/// Gives every sign of the vocabulary without a picture a small drawn one, kept by
/// the demo school `organization`; signs that have one keep it.
pub fn draw_sign_pictures(
    conn: &mut PgConnection,
    files: &FileStore,
    organization: Uuid,
    by: Uuid,
) -> anyhow::Result<usize> {
    let mut vocabulary: SignVocabulary = content::load(conn)?;
    let mut drawn = 0;
    let actor = Actor::system(organization);
    let mut tenant: Tenant<'_> = crate::db::enter(conn, &actor)?;
    for (index, sign) in vocabulary.signs.iter_mut().enumerate() {
        if sign.media.is_some() {
            continue;
        }
        let upload = Upload {
            name: format!("{}.png", sign.word.to_lowercase().replace(' ', "-")),
            bytes: picture(index),
        };
        let stored = crate::files::store_sign_media(&mut tenant, files, &upload, sign.id, by)?;
        sign.media = Some(stored.id);
        sign.media_type = stored.content_type;
        drawn += 1;
    }
    if drawn > 0 {
        let saved = content::save(tenant.conn(), &vocabulary, Some(by), Lang::default())?;
        saved.map_err(|_| anyhow::anyhow!("the demo sign pictures are refused"))?;
    }
    Ok(drawn)
}
