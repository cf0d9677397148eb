//! The fonts the PDFs are printed with: DejaVu Sans, embedded in the binary so `course`
//! works from any folder, or a course's own TTF folder.

use std::path::Path;

use crate::diagnostic::Diagnostic;

/// Font files of one family, in the four faces genpdf needs.
#[derive(Clone)]
pub struct FontSet {
    pub regular: FontBytes,
    pub bold: FontBytes,
    pub italic: FontBytes,
    pub bold_italic: FontBytes,
}

#[derive(Clone)]
pub struct FontBytes {
    /// The font program: borrowed from the binary for the bundled fonts, so starting
    /// `course` copies nothing.
    pub data: std::borrow::Cow<'static, [u8]>,
    font: rusttype::Font<'static>,
}

impl FontBytes {
    fn bundled(data: &'static [u8]) -> FontBytes {
        let font = rusttype::Font::from_bytes(data).expect("bundled fonts are valid");
        FontBytes {
            data: data.into(),
            font,
        }
    }

    fn new(data: Vec<u8>) -> Option<FontBytes> {
        let font = rusttype::Font::from_bytes(data.clone()).ok()?;
        Some(FontBytes {
            data: data.into(),
            font,
        })
    }

    pub fn has_glyph(&self, c: char) -> bool {
        self.font.glyph(c).id().0 != 0
    }
}

impl FontSet {
    /// DejaVu Sans, bundled (see `fonts/LICENSE-DejaVu.txt`).
    pub fn bundled() -> FontSet {
        FontSet {
            regular: FontBytes::bundled(include_bytes!("../fonts/DejaVuSans.ttf")),
            bold: FontBytes::bundled(include_bytes!("../fonts/DejaVuSans-Bold.ttf")),
            italic: FontBytes::bundled(include_bytes!("../fonts/DejaVuSans-Oblique.ttf")),
            bold_italic: FontBytes::bundled(include_bytes!("../fonts/DejaVuSans-BoldOblique.ttf")),
        }
    }

    /// A course's own fonts: `Regular.ttf`, `Bold.ttf`, `Italic.ttf` and `BoldItalic.ttf`
    /// in `dir`.
    pub fn from_dir(dir: &Path, shown: &Path) -> Result<FontSet, Diagnostic> {
        let face = |name: &str| {
            // `dir` is already resolved inside the course; a face may still be a link out.
            let path = dir.join(name);
            if path.canonicalize().is_ok_and(|real| !real.starts_with(dir)) {
                return Err(Diagnostic::error(
                    shown.join(name),
                    "this font leads outside the course folder through a link",
                )
                .hint("copy the font file into the course's font folder"));
            }
            let bytes = std::fs::read(&path).map_err(|e| {
                Diagnostic::error(
                    shown.join(name),
                    format!("cannot read this font: {}", crate::util::io_reason(&e)),
                )
                .hint("a font folder needs Regular.ttf, Bold.ttf, Italic.ttf and BoldItalic.ttf")
            })?;
            FontBytes::new(bytes).ok_or_else(|| {
                Diagnostic::error(shown.join(name), "this is not a TrueType font")
                    .hint("use .ttf files")
            })
        };
        Ok(FontSet {
            regular: face("Regular.ttf")?,
            bold: face("Bold.ttf")?,
            italic: face("Italic.ttf")?,
            bold_italic: face("BoldItalic.ttf")?,
        })
    }

    /// Whether every face can print `c`, so bold or italic text never shows a box.
    pub fn can_print(&self, c: char) -> bool {
        c.is_whitespace()
            || [&self.regular, &self.bold, &self.italic, &self.bold_italic]
                .iter()
                .all(|f| f.has_glyph(c))
    }
}
