// SPDX-FileCopyrightText: 2020 Robin Krahl <robin.krahl@ireas.org>
// SPDX-License-Identifier: Apache-2.0 or MIT

//! Fonts, font families and a font cache with a fallback chain.
//!
//! course patch (rewrite): upstream measured text with rusttype and embedded TrueType fonts
//! through printpdf. Fonts are now read with skrifa and shaped with HarfRust (both on
//! read-fonts, as the PDF writer is), may be TrueType, CFF (`.otf`) or a face of a collection (`.ttc`),
//! and a [`FontCache`] holds an ordered chain of families: text is shaped with the first
//! family that has its characters (see `text.rs`). Nothing here names a PDF library.

use std::fmt;
use std::sync::Arc;

use crate::error::{Error, ErrorKind};
use crate::style::Style;
use crate::Mm;

/// The bytes of a font file, shared between every document that uses it.
pub type FontBytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// One face of a font file, parsed once.
pub struct FontData {
    // Declared before `bytes`: they borrow them, so they must be dropped first.
    font: skrifa::FontRef<'static>,
    charmap: skrifa::charmap::Charmap<'static>,
    shaper: harfrust::ShaperData,
    bytes: FontBytes,
    index: u32,
    metrics: Metrics,
    glyph_count: u16,
    /// Shaping plans by direction and script: building one walks the font's layout
    /// tables, so each is made once per face and reused for every run.
    plans: std::sync::Mutex<std::collections::HashMap<PlanKey, Arc<harfrust::ShapePlan>>>,
}

type PlanKey = (harfrust::Direction, Option<harfrust::Script>);

impl fmt::Debug for FontData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FontData").field("index", &self.index).finish()
    }
}

/// Vertical metrics of a face, in ems.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    pub ascent: f64,
    /// Negative: below the baseline.
    pub descent: f64,
    pub line_gap: f64,
    pub units_per_em: f64,
}

/// course patch: the shaper stopped on a panic (a bug in it, on unusual text); the panic
/// was caught and not printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShapingFailed;

thread_local! {
    /// Whether this thread is inside the shaper, whose panics are caught and not printed.
    static SHAPING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Wraps the panic hook once, so that a panic inside the shaper prints nothing (it becomes
/// an ordinary error) while every other panic is reported as before.
fn silence_shaper_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !SHAPING.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
}

/// course patch: runs `f` (a call into the shaper), turning a panic in it into
/// [`ShapingFailed`]; the panic hook prints nothing for it. Every call into HarfRust goes
/// through here.
pub fn guard_shaper<T>(f: impl FnOnce() -> T) -> Result<T, ShapingFailed> {
    silence_shaper_panics();
    let outer = SHAPING.with(|s| s.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    SHAPING.with(|s| s.set(outer));
    result.map_err(|_| ShapingFailed)
}

impl FontData {
    /// Parses face `index` of a font file. An error, never a panic, for bytes that are not
    /// a font.
    pub fn new(bytes: FontBytes, index: u32) -> Result<Arc<FontData>, Error> {
        use skrifa::raw::TableProvider;
        use skrifa::MetadataProvider;
        let slice: &[u8] = (*bytes).as_ref();
        // SAFETY: the slice points into the heap or static data owned by `bytes`, which is
        // kept alive (and never mutated) for as long as the font, its character map and
        // shaper data, declared before it in `FontData` so that they are dropped first.
        // Typst keeps its faces the same way.
        let slice: &'static [u8] = unsafe { std::slice::from_raw_parts(slice.as_ptr(), slice.len()) };
        let not_a_font = || Error::new("this is not a font file that can be read", ErrorKind::InvalidFont);
        let font = skrifa::FontRef::from_index(slice, index).map_err(|_| not_a_font())?;
        // The tables every face needs: without them nothing can be measured or drawn.
        let (head, maxp) = match (font.head(), font.maxp()) {
            (Ok(head), Ok(maxp)) => (head, maxp),
            _ => return Err(not_a_font()),
        };
        if font.hhea().is_err() || font.cmap().is_err() || font.hmtx().is_err() {
            return Err(not_a_font());
        }
        let upem = f64::from(head.units_per_em());
        if upem <= 0.0 {
            return Err(Error::new("the font is not scalable", ErrorKind::InvalidFont));
        }
        // Reading the tables is bounds-checked, but the shaper's caches are built from
        // them: guarded like shaping, so no font file can take the program down.
        let (charmap, shaper, unscaled) = guard_shaper(|| {
            (
                font.charmap(),
                harfrust::ShaperData::new(&font),
                font.metrics(skrifa::instance::Size::unscaled(), skrifa::instance::LocationRef::default()),
            )
        })
        .map_err(|_| not_a_font())?;
        let metrics = Metrics {
            ascent: f64::from(unscaled.ascent) / upem,
            descent: f64::from(unscaled.descent) / upem,
            line_gap: f64::from(unscaled.leading) / upem,
            units_per_em: upem,
        };
        Ok(Arc::new(FontData {
            font,
            charmap,
            shaper,
            bytes,
            index,
            metrics,
            glyph_count: maxp.num_glyphs(),
            plans: Default::default(),
        }))
    }

    /// The font file's bytes and the face's index in it, for a PDF writer to embed.
    pub fn program(&self) -> (&FontBytes, u32) {
        (&self.bytes, self.index)
    }

    /// How many glyphs the face has.
    pub fn glyph_count(&self) -> u16 {
        self.glyph_count
    }

    /// course patch: shapes `buffer` with a plan made once per direction and script. A
    /// panic inside the shaper is caught and printed nowhere: [`ShapingFailed`].
    pub fn shape(&self, buffer: harfrust::UnicodeBuffer) -> Result<harfrust::GlyphBuffer, ShapingFailed> {
        let key = (buffer.direction(), Some(buffer.script()));
        guard_shaper(|| {
            let shaper = self.shaper.shaper(&self.font).build();
            let plan = {
                let mut plans = self.plans.lock().unwrap_or_else(|e| e.into_inner());
                plans
                    .entry(key)
                    .or_insert_with(|| Arc::new(harfrust::ShapePlan::new(&shaper, key.0, key.1, None, &[])))
                    .clone()
            };
            shaper.shape(buffer, harfrust::ShapeOptions::new().plan(Some(&plan)))
        })
    }

    pub fn metrics(&self) -> Metrics {
        self.metrics
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        self.charmap.map(c).is_some_and(|g| g.to_u32() != 0)
    }
}

/// A family of four faces. A script without italics uses its upright faces twice.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FontFamily<T: Clone + fmt::Debug> {
    pub regular: T,
    pub bold: T,
    pub italic: T,
    pub bold_italic: T,
}

impl<T: Clone + fmt::Debug> FontFamily<T> {
    /// The face for the weight and slant of `style`.
    pub fn get(&self, style: Style) -> &T {
        match (style.is_bold(), style.is_italic()) {
            (true, true) => &self.bold_italic,
            (true, false) => &self.bold,
            (false, true) => &self.italic,
            (false, false) => &self.regular,
        }
    }

    pub fn faces(&self) -> [&T; 4] {
        [&self.regular, &self.bold, &self.italic, &self.bold_italic]
    }
}

/// A family in the fallback chain, and the scripts it is preferred for (ISO 15924 codes,
/// such as `Arab`), ahead of families earlier in the chain that are not the course's own.
#[derive(Clone, Debug)]
pub struct ChainEntry {
    pub family: FontFamily<Arc<FontData>>,
    pub preferred_for: Vec<[u8; 4]>,
    /// Named by the course: always tried first, in order.
    pub own: bool,
}

/// A reference to a face in a [`FontCache`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Font {
    idx: usize,
}

impl Font {
    pub fn index(self) -> usize {
        self.idx
    }
}

/// Every face a document may use, and the order in which they are tried.
#[derive(Debug, Clone)]
pub struct FontCache {
    faces: Vec<Arc<FontData>>,
    chain: Vec<(FontFamily<Font>, Vec<[u8; 4]>, bool)>,
    /// Shared by every clone, so documents laid out with these fonts share their words.
    words: Arc<crate::words::WordCache>,
    /// course patch: likewise their shaped paragraphs.
    paragraphs: Arc<crate::paragraphs::ParagraphCache>,
}

impl FontCache {
    /// A cache with `chain` as its fallback order; the first entry is the default family,
    /// whose metrics set the line height.
    pub fn new(chain: Vec<ChainEntry>) -> FontCache {
        assert!(!chain.is_empty(), "a font chain needs at least one family");
        let mut cache = FontCache {
            faces: Vec::new(),
            chain: Vec::new(),
            words: Default::default(),
            paragraphs: Default::default(),
        };
        for entry in chain {
            let mut add = |face: &Arc<FontData>| {
                // The same face in two roles (upright used for italic) is stored once.
                let idx = cache
                    .faces
                    .iter()
                    .position(|f| Arc::ptr_eq(f, face))
                    .unwrap_or_else(|| {
                        cache.faces.push(face.clone());
                        cache.faces.len() - 1
                    });
                Font { idx }
            };
            let family = FontFamily {
                regular: add(&entry.family.regular),
                bold: add(&entry.family.bold),
                italic: add(&entry.family.italic),
                bold_italic: add(&entry.family.bold_italic),
            };
            cache.chain.push((family, entry.preferred_for, entry.own));
        }
        cache
    }

    pub(crate) fn words(&self) -> &crate::words::WordCache {
        &self.words
    }

    pub(crate) fn paragraphs(&self) -> &crate::paragraphs::ParagraphCache {
        &self.paragraphs
    }

    pub fn default_font_family(&self) -> FontFamily<Font> {
        self.chain[0].0
    }

    pub fn data(&self, font: Font) -> &Arc<FontData> {
        &self.faces[font.idx]
    }

    /// Every face, indexed by [`Font::index`].
    pub fn faces(&self) -> &[Arc<FontData>] {
        &self.faces
    }

    /// The faces to try, in order, for text of `script` in `style`: the course's own
    /// families, then those preferred for the script, then the rest; after them the
    /// upright faces in the same order, so a script without italics prints upright.
    pub fn fallbacks(&self, style: Style, script: [u8; 4]) -> Vec<Font> {
        let mut order: Vec<&(FontFamily<Font>, Vec<[u8; 4]>, bool)> = self.chain.iter().collect();
        order.sort_by_key(|(_, preferred, own)| {
            if *own {
                0
            } else if preferred.contains(&script) {
                1
            } else {
                2
            }
        });
        let mut fonts: Vec<Font> = order.iter().map(|(f, _, _)| *f.get(style)).collect();
        let upright = style.is_italic() || style.is_bold();
        if upright {
            let plain = Style::new();
            let bold = if style.is_bold() { plain.bold() } else { plain };
            fonts.extend(order.iter().map(|(f, _, _)| *f.get(bold)));
            fonts.extend(order.iter().map(|(f, _, _)| *f.get(plain)));
        }
        // A chain is a handful of faces: finding repeats by looking is cheaper than
        // hashing, and this runs for every run of text (3% of a build with a HashSet).
        let mut unique = Vec::with_capacity(fonts.len());
        for font in fonts {
            if !unique.contains(&font) {
                unique.push(font);
            }
        }
        unique
    }

    /// Whether some face in the chain can print `c` in some style.
    pub fn covers(&self, c: char) -> bool {
        self.faces.iter().any(|f| f.has_glyph(c))
    }
}
