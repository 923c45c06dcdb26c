//! PDF documents built on the server: a small flowing layout (logo, headings,
//! paragraphs, tables, page breaks) on A4 or Letter pages, drawn with krilla.
//!
//! Text is set in a real font so every language's letters print (accents, ñ,
//! ß, Cyrillic, Greek): DejaVu Sans, found at run time in
//! `HOMEROOM_PDF_FONT_DIR` or the usual system folders (Debian's
//! `fonts-dejavu-core`, which `scripts/install-deps` installs). Without it a
//! document is refused with [`PdfError::FontMissing`], which names the package.
//!
//! ```ignore
//! let mut doc = pdf::Document::new(pdf::PageSize::A4);
//! doc.logo(bytes, 40.0);
//! doc.heading(1, "Northwind Primary");
//! doc.paragraph("Report card: Ana García");
//! doc.table(&[pdf::Column::new("Subject", 3.0), pdf::Column::right("Average", 1.0)], rows);
//! doc.page_break();
//! let bytes = doc.finish()?;
//! ```

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size as FontSize};

/// The paper a document is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageSize {
    /// 210 × 297 mm.
    A4,
    /// 8.5 × 11 in.
    Letter,
}

impl PageSize {
    /// Width and height in PDF points (1/72 in).
    pub fn points(self) -> (f32, f32) {
        match self {
            PageSize::A4 => (595.28, 841.89),
            PageSize::Letter => (612.0, 792.0),
        }
    }

    /// Reads `a4` or `letter` (any case); anything else is `None`.
    pub fn parse(text: &str) -> Option<PageSize> {
        match text.trim().to_ascii_lowercase().as_str() {
            "a4" => Some(PageSize::A4),
            "letter" => Some(PageSize::Letter),
            _ => None,
        }
    }
}

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(
        "no font for PDF documents: {0} not found in HOMEROOM_PDF_FONT_DIR or \
         /usr/share/fonts (install the fonts-dejavu-core package, e.g. with scripts/install-deps)"
    )]
    FontMissing(&'static str),
    #[error("the font file {0} could not be read as a font")]
    FontUnreadable(PathBuf),
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// Regular and bold faces with their advance widths.
struct Face {
    font: Font,
    data: Arc<Vec<u8>>,
    /// Advance of each code point below `WIDTH_TABLE`, in em.
    widths: Vec<f32>,
    ascent: f32,
}

const WIDTH_TABLE: usize = 0x2100;

impl Face {
    fn load(path: &Path) -> Result<Face, PdfError> {
        let unreadable = || PdfError::FontUnreadable(path.to_path_buf());
        let data = Arc::new(std::fs::read(path).map_err(|_| unreadable())?);
        let font = Font::new(data.clone().into(), 0).ok_or_else(unreadable)?;
        let font_ref = skrifa::FontRef::new(&data).map_err(|_| unreadable())?;
        let metrics = font_ref.metrics(FontSize::unscaled(), LocationRef::default());
        let units = f32::from(metrics.units_per_em.max(1));
        let charmap = font_ref.charmap();
        let glyphs = font_ref.glyph_metrics(FontSize::unscaled(), LocationRef::default());
        let widths = (0..WIDTH_TABLE as u32)
            .map(|code| {
                charmap
                    .map(code)
                    .and_then(|glyph| glyphs.advance_width(glyph))
                    .map_or(0.0, |w| w / units)
            })
            .collect();
        Ok(Face {
            font,
            ascent: metrics.ascent / units,
            data,
            widths,
        })
    }

    /// Width of `text` at `size` points.
    fn width(&self, text: &str, size: f32) -> f32 {
        let mut em = 0.0;
        for ch in text.chars() {
            let code = ch as usize;
            em += if code < WIDTH_TABLE {
                self.widths[code]
            } else {
                self.rare_width(ch)
            };
        }
        em * size
    }

    fn rare_width(&self, ch: char) -> f32 {
        let Ok(font_ref) = skrifa::FontRef::new(&self.data) else {
            return 0.6;
        };
        let metrics = font_ref.metrics(FontSize::unscaled(), LocationRef::default());
        let units = f32::from(metrics.units_per_em.max(1));
        font_ref
            .charmap()
            .map(ch)
            .and_then(|glyph| {
                font_ref
                    .glyph_metrics(FontSize::unscaled(), LocationRef::default())
                    .advance_width(glyph)
            })
            .map_or(0.6, |w| w / units)
    }
}

struct Fonts {
    regular: Face,
    bold: Face,
}

const REGULAR: &str = "DejaVuSans.ttf";
const BOLD: &str = "DejaVuSans-Bold.ttf";

fn font_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(dir) = std::env::var_os("HOMEROOM_PDF_FONT_DIR") {
        dirs.push(PathBuf::from(dir));
    }
    for dir in [
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/dejavu",
        "/usr/share/fonts/TTF",
        "/usr/local/share/fonts",
        "/opt/homebrew/share/fonts",
    ] {
        dirs.push(PathBuf::from(dir));
    }
    dirs
}

fn find(name: &'static str) -> Result<PathBuf, PdfError> {
    font_dirs()
        .into_iter()
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
        .ok_or(PdfError::FontMissing(name))
}

/// The fonts, read once; a missing font is looked for again next time.
fn fonts() -> Result<&'static Fonts, PdfError> {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    if let Some(fonts) = FONTS.get() {
        return Ok(fonts);
    }
    let loaded = Fonts {
        regular: Face::load(&find(REGULAR)?)?,
        bold: Face::load(&find(BOLD)?)?,
    };
    Ok(FONTS.get_or_init(|| loaded))
}

/// Whether documents can be made here (the font is installed); the error says what to install.
pub fn check_fonts() -> Result<(), PdfError> {
    fonts().map(|_| ())
}

/// How a table column lines up its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A table column: its header and its share of the table's width.
#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub weight: f32,
    pub align: Align,
}

impl Column {
    pub fn new(header: impl Into<String>, weight: f32) -> Column {
        Column {
            header: header.into(),
            weight,
            align: Align::Left,
        }
    }

    /// A column of numbers, lined up on the right.
    pub fn right(header: impl Into<String>, weight: f32) -> Column {
        Column {
            align: Align::Right,
            ..Column::new(header, weight)
        }
    }
}

enum Block {
    Logo {
        bytes: Vec<u8>,
        height: f32,
    },
    Heading {
        level: u8,
        text: String,
    },
    Paragraph {
        text: String,
        bold: bool,
        size: f32,
    },
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
    },
    Space(f32),
    PageBreak,
    Bookmark(String),
}

/// A document being put together, laid out when [`Document::finish`] is called.
pub struct Document {
    size: PageSize,
    margin: f32,
    title: Option<String>,
    blocks: Vec<Block>,
}

const BODY: f32 = 10.0;
const LINE: f32 = 1.35;
const CELL_PAD: f32 = 4.0;

impl Document {
    /// An empty document with 15 mm margins.
    pub fn new(size: PageSize) -> Document {
        Document {
            size,
            margin: 42.5,
            title: None,
            blocks: Vec::new(),
        }
    }

    /// Margins on every side, in points.
    pub fn margin(&mut self, points: f32) -> &mut Self {
        self.margin = points.max(0.0);
        self
    }

    /// The title readers' PDF viewers show (document metadata).
    pub fn title(&mut self, title: impl Into<String>) -> &mut Self {
        self.title = Some(title.into());
        self
    }

    /// An image (PNG, JPEG, GIF or WebP) `height` points tall; one that cannot be read is left out.
    pub fn logo(&mut self, bytes: Vec<u8>, height: f32) -> &mut Self {
        self.blocks.push(Block::Logo { bytes, height });
        self
    }

    /// A heading: level 1 is the largest.
    pub fn heading(&mut self, level: u8, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Heading {
            level: level.clamp(1, 3),
            text: text.into(),
        });
        self
    }

    /// Body text, wrapped to the page's width; `\n` starts a new line.
    pub fn paragraph(&mut self, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Paragraph {
            text: text.into(),
            bold: false,
            size: BODY,
        });
        self
    }

    /// Body text in bold.
    pub fn strong(&mut self, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Paragraph {
            text: text.into(),
            bold: true,
            size: BODY,
        });
        self
    }

    /// Small text (notes, footers).
    pub fn small(&mut self, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Paragraph {
            text: text.into(),
            bold: false,
            size: BODY * 0.85,
        });
        self
    }

    /// A table with a header row; its header is repeated on each page it runs onto.
    pub fn table(&mut self, columns: &[Column], rows: Vec<Vec<String>>) -> &mut Self {
        self.blocks.push(Block::Table {
            columns: columns.to_vec(),
            rows,
        });
        self
    }

    /// Empty space, in points.
    pub fn space(&mut self, points: f32) -> &mut Self {
        self.blocks.push(Block::Space(points));
        self
    }

    /// An entry in the PDF viewer's outline (bookmarks) pointing here, e.g. each
    /// student's name in a class's report cards.
    pub fn bookmark(&mut self, title: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Bookmark(title.into()));
        self
    }

    /// What follows starts on a new page.
    pub fn page_break(&mut self) -> &mut Self {
        self.blocks.push(Block::PageBreak);
        self
    }

    /// Lays the document out and returns the PDF's bytes.
    pub fn finish(self) -> Result<Vec<u8>, PdfError> {
        let fonts = fonts()?;
        let mut pdf = krilla::Document::new();
        if let Some(title) = &self.title {
            pdf.set_metadata(Metadata::new().title(title.clone()));
        }
        let (width, height) = self.size.points();
        let settings = PageSettings::from_wh(width, height)
            .ok_or_else(|| PdfError::Write("page size".into()))?;
        let mut layout = Layout::new(fonts, width, height, self.margin);
        for block in &self.blocks {
            layout.block(block);
        }
        let bookmarks = std::mem::take(&mut layout.bookmarks);
        let pages = layout.finish();
        if !bookmarks.is_empty() {
            let mut outline = Outline::new();
            for (title, page, y) in bookmarks {
                let at = XyzDestination::new(page, Point::from_xy(0.0, y));
                outline.push_child(OutlineNode::new(title, at));
            }
            pdf.set_outline(outline);
        }
        for ops in pages {
            let mut page = pdf.start_page_with(settings.clone());
            let mut surface = page.surface();
            for op in ops {
                op.draw(&mut surface, fonts);
            }
            surface.finish();
            page.finish();
        }
        pdf.finish().map_err(|e| PdfError::Write(format!("{e:?}")))
    }
}

/// One thing drawn on a page.
enum Op {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        bold: bool,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
    Shade {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    Image {
        image: Image,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

impl Op {
    fn draw(self, surface: &mut Surface<'_>, fonts: &Fonts) {
        match self {
            Op::Text {
                x,
                baseline,
                size,
                bold,
                text,
            } => {
                let face = if bold { &fonts.bold } else { &fonts.regular };
                surface.set_fill(Some(Fill::default()));
                surface.set_stroke(None);
                surface.draw_text(
                    Point::from_xy(x, baseline),
                    face.font.clone(),
                    size,
                    &text,
                    false,
                    TextDirection::Auto,
                );
            }
            Op::Line { x1, y1, x2, y2 } => {
                let mut path = PathBuilder::new();
                path.move_to(x1, y1);
                path.line_to(x2, y2);
                if let Some(path) = path.finish() {
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: rgb::Color::new(120, 120, 120).into(),
                        width: 0.5,
                        ..Stroke::default()
                    }));
                    surface.draw_path(&path);
                }
            }
            Op::Shade { x, y, w, h } => {
                let mut path = PathBuilder::new();
                if let Some(rect) = krilla::geom::Rect::from_xywh(x, y, w, h) {
                    path.push_rect(rect);
                }
                if let Some(path) = path.finish() {
                    surface.set_stroke(None);
                    surface.set_fill(Some(Fill {
                        paint: rgb::Color::new(235, 238, 242).into(),
                        opacity: NormalizedF32::ONE,
                        ..Fill::default()
                    }));
                    surface.draw_path(&path);
                }
            }
            Op::Image { image, x, y, w, h } => {
                if let Some(size) = Size::from_wh(w, h) {
                    surface.push_transform(&Transform::from_translate(x, y));
                    surface.draw_image(image, size);
                    surface.pop();
                }
            }
        }
    }
}

/// Flows blocks down the page, starting new pages as they fill.
struct Layout {
    fonts: &'static Fonts,
    width: f32,
    height: f32,
    margin: f32,
    y: f32,
    current: Vec<Op>,
    pages: Vec<Vec<Op>>,
    /// Outline entries: title, page index, and height on the page.
    bookmarks: Vec<(String, usize, f32)>,
}

impl Layout {
    fn new(fonts: &'static Fonts, width: f32, height: f32, margin: f32) -> Layout {
        Layout {
            fonts,
            width,
            height,
            margin,
            y: margin,
            current: Vec::new(),
            pages: Vec::new(),
            bookmarks: Vec::new(),
        }
    }

    fn inner_width(&self) -> f32 {
        self.width - 2.0 * self.margin
    }

    fn bottom(&self) -> f32 {
        self.height - self.margin
    }

    fn new_page(&mut self) {
        let page = std::mem::take(&mut self.current);
        self.pages.push(page);
        self.y = self.margin;
    }

    /// Starts a new page unless `needed` points still fit (a fresh page always takes it).
    fn room_for(&mut self, needed: f32) {
        if self.y + needed > self.bottom() && self.y > self.margin {
            self.new_page();
        }
    }

    fn face(&self, bold: bool) -> &'static Face {
        if bold {
            &self.fonts.bold
        } else {
            &self.fonts.regular
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Logo { bytes, height } => self.logo(bytes, *height),
            Block::Heading { level, text } => {
                let size = match level {
                    1 => 18.0,
                    2 => 14.0,
                    _ => 11.5,
                };
                self.room_for(size * LINE * 2.5);
                self.y += size * 0.3;
                self.text(text, self.margin, self.inner_width(), size, true);
                self.y += size * 0.25;
            }
            Block::Paragraph { text, bold, size } => {
                self.text(text, self.margin, self.inner_width(), *size, *bold);
                self.y += size * 0.5;
            }
            Block::Table { columns, rows } => self.table(columns, rows),
            Block::Space(points) => {
                self.y += points;
                if self.y > self.bottom() {
                    self.new_page();
                }
            }
            Block::PageBreak => {
                if !self.current.is_empty() {
                    self.new_page();
                }
            }
            Block::Bookmark(title) => {
                self.bookmarks
                    .push((title.clone(), self.pages.len(), self.y));
            }
        }
    }

    fn logo(&mut self, bytes: &[u8], height: f32) {
        let Some(image) = decode_image(bytes) else {
            return;
        };
        let (w, h) = image.size();
        if w == 0 || h == 0 {
            return;
        }
        let mut draw_h = height.max(1.0);
        let mut draw_w = draw_h * w as f32 / h as f32;
        if draw_w > self.inner_width() {
            draw_w = self.inner_width();
            draw_h = draw_w * h as f32 / w as f32;
        }
        self.room_for(draw_h);
        self.current.push(Op::Image {
            image,
            x: self.margin,
            y: self.y,
            w: draw_w,
            h: draw_h,
        });
        self.y += draw_h + 6.0;
    }

    /// Wrapped text in a box `width` wide starting at `x`, flowing onto new pages.
    fn text(&mut self, text: &str, x: f32, width: f32, size: f32, bold: bool) {
        let face = self.face(bold);
        for line in wrap(face, text, width, size) {
            self.room_for(size * LINE);
            self.current.push(Op::Text {
                x,
                baseline: self.y + size * face.ascent,
                size,
                bold,
                text: line,
            });
            self.y += size * LINE;
        }
    }

    fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        if columns.is_empty() {
            return;
        }
        let total: f32 = columns.iter().map(|c| c.weight.max(0.01)).sum();
        let widths: Vec<f32> = columns
            .iter()
            .map(|c| self.inner_width() * c.weight.max(0.01) / total)
            .collect();
        let header: Vec<String> = columns.iter().map(|c| c.header.clone()).collect();
        self.room_for(BODY * LINE * 3.0 + CELL_PAD * 4.0);
        self.row(columns, &widths, &header, true);
        for row in rows {
            let height = self.row_height(&widths, row, false);
            if self.y + height > self.bottom() {
                self.new_page();
                self.row(columns, &widths, &header, true);
            }
            self.row(columns, &widths, row, false);
        }
        self.y += BODY * 0.6;
    }

    fn row_height(&self, widths: &[f32], cells: &[String], bold: bool) -> f32 {
        let face = self.face(bold);
        let lines = widths
            .iter()
            .zip(cells)
            .map(|(w, cell)| wrap(face, cell, w - 2.0 * CELL_PAD, BODY).len().max(1))
            .max()
            .unwrap_or(1);
        lines as f32 * BODY * LINE + 2.0 * CELL_PAD
    }

    fn row(&mut self, columns: &[Column], widths: &[f32], cells: &[String], header: bool) {
        let face = self.face(header);
        let height = self.row_height(widths, cells, header);
        let top = self.y;
        if header {
            self.current.push(Op::Shade {
                x: self.margin,
                y: top,
                w: self.inner_width(),
                h: height,
            });
        }
        let mut x = self.margin;
        for ((column, width), cell) in columns.iter().zip(widths).zip(cells) {
            let inner = width - 2.0 * CELL_PAD;
            let mut baseline = top + CELL_PAD + BODY * face.ascent;
            for line in wrap(face, cell, inner, BODY) {
                let left = match column.align {
                    Align::Left => x + CELL_PAD,
                    Align::Right => x + width - CELL_PAD - face.width(&line, BODY),
                };
                self.current.push(Op::Text {
                    x: left,
                    baseline,
                    size: BODY,
                    bold: header,
                    text: line,
                });
                baseline += BODY * LINE;
            }
            x += width;
        }
        let right = self.margin + self.inner_width();
        if header {
            self.current.push(Op::Line {
                x1: self.margin,
                y1: top,
                x2: right,
                y2: top,
            });
        }
        self.current.push(Op::Line {
            x1: self.margin,
            y1: top + height,
            x2: right,
            y2: top + height,
        });
        self.y = top + height;
    }

    fn finish(mut self) -> Vec<Vec<Op>> {
        if !self.current.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        self.pages
    }
}

fn decode_image(bytes: &[u8]) -> Option<Image> {
    let data = || krilla::Data::from(bytes.to_vec());
    match bytes {
        [0x89, b'P', b'N', b'G', ..] => Image::from_png(data(), true).ok(),
        [0xFF, 0xD8, ..] => Image::from_jpeg(data(), true).ok(),
        [b'G', b'I', b'F', ..] => Image::from_gif(data(), true).ok(),
        [
            b'R',
            b'I',
            b'F',
            b'F',
            _,
            _,
            _,
            _,
            b'W',
            b'E',
            b'B',
            b'P',
            ..,
        ] => Image::from_webp(data(), true).ok(),
        _ => None,
    }
}

/// Splits `text` into lines no wider than `width`: at spaces, and inside a word
/// only when the word alone is too wide.
fn wrap(face: &Face, text: &str, width: f32, size: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if face.width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line is cut where it overflows.
            for ch in word.chars() {
                line.push(ch);
                if face.width(&line, size) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::replace(&mut line, ch.to_string()));
                }
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sizes_read_from_text() {
        assert_eq!(PageSize::parse("A4"), Some(PageSize::A4));
        assert_eq!(PageSize::parse(" letter "), Some(PageSize::Letter));
        assert_eq!(PageSize::parse("legal"), None);
    }

    #[test]
    fn a_document_with_accents_tables_and_breaks_is_a_pdf() {
        if check_fonts().is_err() {
            eprintln!("skipped: DejaVu Sans is not installed");
            return;
        }
        let mut doc = Document::new(PageSize::Letter);
        doc.title("Boletín de calificaciones: José Núñez");
        doc.bookmark("José Núñez");
        doc.heading(1, "Colegio San José — Boletín");
        doc.paragraph("Comentario: ¡Muy buen trimestre! Élève très sérieux, Straße, Ωμέγα.");
        let rows = (0..80)
            .map(|i| vec![format!("Asignatura {i}"), "87,5".into(), "B+".into()])
            .collect();
        doc.table(
            &[
                Column::new("Asignatura", 3.0),
                Column::right("Promedio", 1.0),
                Column::right("Nota", 1.0),
            ],
            rows,
        );
        doc.page_break();
        doc.paragraph("Second student");
        let bytes = doc.finish().expect("pdf");
        assert!(bytes.starts_with(b"%PDF"));
        let text = String::from_utf8_lossy(&bytes);
        // 80 rows run over two pages, and the break makes a third.
        assert!(
            text.contains("/Count 3") || text.contains("/Count 4"),
            "pages"
        );
        // The outline names the student, as a hex UTF-16 text string.
        let hex: String = "José Núñez"
            .encode_utf16()
            .map(|u| format!("{u:04X}"))
            .collect();
        assert!(
            text.contains(&format!("<FEFF{hex}>")),
            "the outline holds the name"
        );
    }

    #[test]
    fn long_words_and_lines_wrap_inside_the_width() {
        let Ok(fonts) = fonts() else {
            return;
        };
        let lines = wrap(
            &fonts.regular,
            "Supercalifragilisticexpialidocious words wrap",
            60.0,
            10.0,
        );
        assert!(lines.len() > 2);
        assert!(
            lines
                .iter()
                .all(|l| fonts.regular.width(l, 10.0) <= 60.0 + 0.01)
        );
    }
}
