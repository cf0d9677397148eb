//! The fonts the PDFs are printed with, as a fallback chain: the course's own fonts first,
//! then the bundled ones (DejaVu Sans for Latin, Greek and Cyrillic; Noto Sans for Arabic,
//! Hebrew, Devanagari and Thai), then a CJK font found among the system's fonts when the
//! course needs one. Text is shaped with the first font that has its characters.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use genpdf::fonts::{ChainEntry, FontBytes, FontCache, FontData, FontFamily};

use crate::diagnostic::{Code, Diagnostic, Place};

use crate::limits::{MAX_FONTS, MAX_FONT_BYTES};

/// A font folder or file named with `fonts:` in course.yaml, and the entry that names it.
pub struct NamedFont {
    /// Resolved inside the course.
    pub path: PathBuf,
    /// As the course wrote it.
    pub shown: PathBuf,
    /// Where course.yaml names it: `fonts` or `fonts[i]`.
    pub place: Place,
}

/// The faces read so far, by the hash of their bytes: a file named twice, or two copies of
/// one font, is parsed and held once.
type Parsed = HashMap<blake3::Hash, Arc<FontData>>;

/// The fonts of one build.
#[derive(Clone)]
pub struct FontSet {
    cache: FontCache,
    /// Names what is in the chain, for build fingerprints.
    pub digest: String,
    /// Whether a font of the system's is in the chain: one that can change between two
    /// builds without the course changing.
    pub from_system: bool,
}

/// A family bundled in the binary, and the scripts it is preferred for.
struct Bundled {
    faces: [&'static [u8]; 4],
    scripts: &'static [[u8; 4]],
}

const DEJAVU: Bundled = Bundled {
    faces: [
        include_bytes!("../fonts/DejaVuSans.ttf"),
        include_bytes!("../fonts/DejaVuSans-Bold.ttf"),
        include_bytes!("../fonts/DejaVuSans-Oblique.ttf"),
        include_bytes!("../fonts/DejaVuSans-BoldOblique.ttf"),
    ],
    scripts: &[],
};

/// Script families: no italics, so the upright faces stand in for them.
const SCRIPTS: [Bundled; 4] = [
    Bundled {
        faces: [
            include_bytes!("../fonts/NotoSansArabic-Regular.ttf"),
            include_bytes!("../fonts/NotoSansArabic-Bold.ttf"),
            include_bytes!("../fonts/NotoSansArabic-Regular.ttf"),
            include_bytes!("../fonts/NotoSansArabic-Bold.ttf"),
        ],
        scripts: &[*b"Arab"],
    },
    Bundled {
        faces: [
            include_bytes!("../fonts/NotoSansHebrew-Regular.ttf"),
            include_bytes!("../fonts/NotoSansHebrew-Bold.ttf"),
            include_bytes!("../fonts/NotoSansHebrew-Regular.ttf"),
            include_bytes!("../fonts/NotoSansHebrew-Bold.ttf"),
        ],
        scripts: &[*b"Hebr"],
    },
    Bundled {
        faces: [
            include_bytes!("../fonts/NotoSansDevanagari-Regular.ttf"),
            include_bytes!("../fonts/NotoSansDevanagari-Bold.ttf"),
            include_bytes!("../fonts/NotoSansDevanagari-Regular.ttf"),
            include_bytes!("../fonts/NotoSansDevanagari-Bold.ttf"),
        ],
        scripts: &[*b"Deva"],
    },
    Bundled {
        faces: [
            include_bytes!("../fonts/NotoSansThai-Regular.ttf"),
            include_bytes!("../fonts/NotoSansThai-Bold.ttf"),
            include_bytes!("../fonts/NotoSansThai-Regular.ttf"),
            include_bytes!("../fonts/NotoSansThai-Bold.ttf"),
        ],
        scripts: &[*b"Thai"],
    },
];

/// The bundled families, parsed once per process.
fn bundled_chain() -> &'static [ChainEntry] {
    static CHAIN: OnceLock<Vec<ChainEntry>> = OnceLock::new();
    CHAIN.get_or_init(|| {
        std::iter::once(&DEJAVU)
            .chain(SCRIPTS.iter())
            .map(|b| {
                let mut parsed: Vec<Arc<FontData>> = Vec::new();
                let faces = b.faces.map(|bytes| {
                    // A face used twice (upright for italic) is parsed once.
                    if let Some(same) = parsed
                        .iter()
                        .find(|f| std::ptr::eq((**f.program().0).as_ref(), bytes))
                    {
                        return same.clone();
                    }
                    let face = FontData::new(Arc::new(bytes), 0).expect("bundled fonts are valid");
                    parsed.push(face.clone());
                    face
                });
                let [regular, bold, italic, bold_italic] = faces;
                ChainEntry {
                    family: FontFamily {
                        regular,
                        bold,
                        italic,
                        bold_italic,
                    },
                    preferred_for: b.scripts.to_vec(),
                    own: false,
                }
            })
            .collect()
    })
}

impl FontSet {
    /// The bundled fonts alone.
    pub fn bundled() -> FontSet {
        FontSet::from_chain(bundled_chain().to_vec(), "bundled".into(), false)
    }

    fn from_chain(chain: Vec<ChainEntry>, digest: String, from_system: bool) -> FontSet {
        FontSet {
            from_system,
            cache: FontCache::new(chain),
            digest,
        }
    }

    /// The chain for a course: its own font folder (if any) first, the bundled fonts, and
    /// a system CJK font when `needs_cjk`.
    /// A folder or file named more than once is read once and tried once, where first
    /// named.
    pub fn for_course(
        own: &[NamedFont],
        language: &str,
        needs_cjk: bool,
    ) -> Result<FontSet, Diagnostic> {
        let mut chain = Vec::new();
        let mut digest = String::from("bundled");
        let mut named = HashSet::new();
        let mut parsed = Parsed::new();
        for font in own {
            let real = font
                .path
                .canonicalize()
                .unwrap_or_else(|_| font.path.clone());
            if !named.insert(real) {
                continue;
            }
            if named.len() > MAX_FONTS {
                return Err(Diagnostic::error(
                    Code::BadFont,
                    font.place.clone(),
                    format!("`fonts` names more than {MAX_FONTS} different font folders and files"),
                )
                .hint(format!(
                    "name at most {MAX_FONTS}: the fonts the course's text needs, in the order they are tried"
                )));
            }
            let (family, hash) = if font.path.is_dir() {
                family_from_dir(font, &mut parsed)?
            } else {
                family_from_file(font, &mut parsed)?
            };
            digest.push_str(&hash);
            chain.push(ChainEntry {
                family,
                preferred_for: Vec::new(),
                own: true,
            });
        }
        chain.extend(bundled_chain().iter().cloned());
        let mut from_system = false;
        if needs_cjk {
            if let Some((family, name)) = system_cjk(language) {
                from_system = true;
                digest.push_str(&name);
                chain.push(ChainEntry {
                    family,
                    preferred_for: vec![*b"Hani", *b"Hira", *b"Kana", *b"Hang"],
                    own: false,
                });
            }
        }
        Ok(FontSet::from_chain(chain, digest, from_system))
    }

    /// The chain as the layout engine takes it.
    pub fn cache(&self) -> &FontCache {
        &self.cache
    }

    /// Whether some font in the chain can print `c`.
    pub fn can_print(&self, c: char) -> bool {
        c.is_whitespace() || is_invisible_format(c) || self.cache.covers(c)
    }
}

/// Characters that shape to nothing visible (joiners, soft hyphen, direction marks).
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}'
    )
}

/// Whether a character is Chinese, Japanese or Korean, which no bundled font prints.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11ff}' | '\u{2e80}'..='\u{2fdf}' | '\u{3000}'..='\u{30ff}'
        | '\u{3100}'..='\u{31ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{a960}'..='\u{a97f}' | '\u{ac00}'..='\u{d7ff}' | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ffef}' | '\u{20000}'..='\u{3134f}')
}

/// Reads a font file the course names: a regular file, not too large.
fn read_font(path: &Path) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::other("it is not a regular file"));
    }
    if meta.len() > MAX_FONT_BYTES {
        return Err(std::io::Error::other(format!(
            "it is larger than {} MiB",
            MAX_FONT_BYTES / 1024 / 1024
        )));
    }
    std::fs::read(path)
}

const EXTENSIONS: [&str; 3] = ["ttf", "otf", "ttc"];

/// Sizes a usable font's lines fall within, in ems (multiples of the font size): real
/// fonts are about 1 to 2.5; far outside, broken metrics would make every line overflow
/// the page, or lines pile up endlessly.
const LINE_EMS: std::ops::RangeInclusive<f64> = 0.5..=5.0;

/// Units per em the OpenType specification allows.
const UNITS_PER_EM: std::ops::RangeInclusive<f64> = 16.0..=16384.0;

/// What is wrong with a face's metrics, if anything: its units per em, or a line height
/// (ascent, descent and line gap) no text could be set with.
fn broken_metrics(face: &FontData) -> Option<String> {
    let m = face.metrics();
    if !UNITS_PER_EM.contains(&m.units_per_em) {
        return Some(format!(
            "it divides its letters into {} units, where fonts use 16 to 16,384",
            m.units_per_em
        ));
    }
    let height = m.ascent - m.descent + m.line_gap;
    let wild = [m.ascent, m.descent, m.line_gap]
        .iter()
        .any(|v| v.abs() > *LINE_EMS.end());
    (wild || !LINE_EMS.contains(&height)).then(|| {
        format!(
            "its lines would be {height:.1} times as high as its text size \
             (ascent {:.1}, descent {:.1}, line gap {:.1}), where fonts are {} to {} times",
            // + 0.0: a zero descent is shown as 0.0, not -0.0.
            m.ascent + 0.0,
            m.descent + 0.0,
            m.line_gap + 0.0,
            LINE_EMS.start(),
            LINE_EMS.end()
        )
    })
}

/// Parses `bytes` as the first face of a font file, once per content, and checks its
/// metrics; `shown` names the file in errors, which are located at the `fonts:` entry.
fn parse_face(
    bytes: Vec<u8>,
    shown: &Path,
    font: &NamedFont,
    parsed: &mut Parsed,
    usable: impl Fn(&FontData) -> bool,
) -> Result<Arc<FontData>, Diagnostic> {
    let hash = blake3::hash(&bytes);
    if let Some(face) = parsed.get(&hash) {
        return Ok(face.clone());
    }
    let bytes: FontBytes = Arc::new(bytes);
    let face = FontData::new(bytes, 0)
        .ok()
        .filter(|f| usable(f))
        .ok_or_else(|| {
            // `fonts: course.yaml` names the file itself: the `fonts:` line is the mistake.
            let d = if shown == font.shown {
                Diagnostic::error(
                    Code::BadFont,
                    font.place.clone(),
                    format!("`{}` is not a font that can be used", shown.display()),
                )
            } else {
                Diagnostic::error(
                    Code::BadFont,
                    shown,
                    "this file is not a font that can be used",
                )
            };
            d.hint("use a TrueType (.ttf) or OpenType (.otf, .ttc) font file, or a folder of them")
        })?;
    if let Some(why) = broken_metrics(&face) {
        return Err(Diagnostic::error(
            Code::BadFont,
            font.place.clone(),
            format!(
                "the font `{}` has broken size information: {why}",
                shown.display()
            ),
        )
        .hint("use another font, or a corrected version of this one from its maker"));
    }
    parsed.insert(hash, face.clone());
    Ok(face)
}

/// A course's own family: `Regular` (required), `Bold`, `Italic` and `BoldItalic` as
/// `.ttf`, `.otf` or `.ttc` (first face) in `dir`. A missing face falls back to the
/// nearest one the folder has.
fn family_from_dir(
    font: &NamedFont,
    parsed: &mut Parsed,
) -> Result<(FontFamily<Arc<FontData>>, String), Diagnostic> {
    let (dir, shown) = (font.path.as_path(), font.shown.as_path());
    let mut hash = blake3::Hasher::new();
    let mut face = |stem: &str, required: bool| -> Result<Option<Arc<FontData>>, Diagnostic> {
        let Some((path, name)) = EXTENSIONS.iter().find_map(|ext| {
            let name = format!("{stem}.{ext}");
            let path = dir.join(&name);
            path.symlink_metadata().is_ok().then_some((path, name))
        }) else {
            return if required {
                Err(Diagnostic::error(
                    Code::BadFont,
                    shown.join(format!("{stem}.ttf")),
                    "the course's font folder has no regular face",
                )
                .hint("a font folder needs Regular.ttf (or .otf, .ttc); Bold, Italic and BoldItalic are optional"))
            } else {
                Ok(None)
            };
        };
        // `dir` is already resolved inside the course; a face may still be a link out.
        if path.canonicalize().is_ok_and(|real| !real.starts_with(dir)) {
            return Err(Diagnostic::error(
                Code::PathOutsideCourse,
                shown.join(&name),
                "this font leads outside the course folder through a link",
            )
            .hint("copy the font file into the course's font folder"));
        }
        // Through the read gate: a pipe, device or huge file in place of a font is refused
        // without blocking, before the font parser sees it.
        let bytes = crate::load::gate::read_file(&path, MAX_FONT_BYTES)
            .map_err(|e| e.diagnostic(&shown.join(&name)))?;
        hash.update(&bytes);
        let data = parse_face(bytes, &shown.join(&name), font, parsed, |f| {
            f.has_glyph('a') || f.glyph_count() > 1
        })?;
        Ok(Some(data))
    };
    let regular = face("Regular", true)?.expect("required");
    let bold = face("Bold", false)?.unwrap_or_else(|| regular.clone());
    let italic = face("Italic", false)?.unwrap_or_else(|| regular.clone());
    let bold_italic = face("BoldItalic", false)?.unwrap_or_else(|| bold.clone());
    let family = FontFamily {
        regular,
        bold,
        italic,
        bold_italic,
    };
    Ok((family, hash.finalize().to_hex().to_string()))
}

/// A course's own font file as a family of one face (printed for every style).
fn family_from_file(
    font: &NamedFont,
    parsed: &mut Parsed,
) -> Result<(FontFamily<Arc<FontData>>, String), Diagnostic> {
    let bytes = crate::load::gate::read_file(&font.path, MAX_FONT_BYTES)
        .map_err(|e| e.diagnostic(&font.shown))?;
    let hash = blake3::hash(&bytes).to_hex().to_string();
    let face = parse_face(bytes, &font.shown, font, parsed, |_| true)?;
    let family = FontFamily {
        regular: face.clone(),
        bold: face.clone(),
        italic: face.clone(),
        bold_italic: face,
    };
    Ok((family, hash))
}

/// Family names of CJK fonts to look for, for a course language.
fn cjk_families(language: &str) -> Vec<&'static str> {
    let mut names = match language {
        "zh" => vec!["Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC"],
        "ko" => vec![
            "Noto Sans CJK KR",
            "Source Han Sans KR",
            "Noto Sans KR",
            "NanumGothic",
        ],
        _ => vec!["Noto Sans CJK JP", "Source Han Sans JP", "Noto Sans JP"],
    };
    names.extend([
        "Noto Sans CJK JP",
        "Noto Sans CJK SC",
        "WenQuanYi Zen Hei",
        "Droid Sans Fallback",
        "IPAGothic",
    ]);
    names
}

/// A CJK family from the system's installed fonts, and its name; none if no such font
/// is installed.
fn system_cjk(language: &str) -> Option<(FontFamily<Arc<FontData>>, String)> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let load = |weight: fontdb::Weight| -> Option<(Arc<FontData>, String)> {
        for name in cjk_families(language) {
            let query = fontdb::Query {
                families: &[fontdb::Family::Name(name)],
                weight,
                ..Default::default()
            };
            let Some(id) = db.query(&query) else { continue };
            let face = db.face(id)?;
            let fontdb::Source::File(path) = &face.source else {
                continue;
            };
            let bytes = read_font(path).ok()?;
            let data = FontData::new(Arc::new(bytes), face.index).ok()?;
            return Some((data, name.to_owned()));
        }
        None
    };
    let (regular, name) = load(fontdb::Weight::NORMAL)?;
    let bold = load(fontdb::Weight::BOLD).map_or_else(|| regular.clone(), |(b, _)| b);
    Some((
        FontFamily {
            regular: regular.clone(),
            bold: bold.clone(),
            italic: regular,
            bold_italic: bold,
        },
        name,
    ))
}

#[cfg(test)]
mod tests {
    //! The shaped output itself, not only the extracted text: joined Arabic letters,
    //! Devanagari conjuncts and reordered vowel signs, fallback and notdef.
    use genpdf::style::{Style, StyledString};
    use genpdf::text::{shape, Direction};

    use super::*;

    /// Glyph ids of `text` set as one line, in visual order, with the face of each.
    fn glyphs(text: &str, direction: Direction) -> Vec<(usize, u16)> {
        let fonts = FontSet::bundled();
        let cache = fonts.cache();
        let paragraph =
            shape(cache, &[StyledString::new(text, Style::new())], direction).expect("shaped");
        let line = paragraph.line(cache, 0..paragraph.text().len());
        line.runs
            .iter()
            .flat_map(|(_, run)| run.glyphs.iter().map(move |g| (run.font.index(), g.id)))
            .collect()
    }

    #[test]
    fn arabic_letters_join() {
        let alone = glyphs("ب", Direction::Rtl);
        let joined = glyphs("ببب", Direction::Rtl);
        assert_eq!(joined.len(), 3);
        assert!(
            joined.iter().all(|g| *g != alone[0]),
            "a joined letter used the isolated form: {joined:?} vs {alone:?}"
        );
        // Initial, medial and final forms differ from each other too.
        assert_ne!(joined[0], joined[1]);
        assert_ne!(joined[1], joined[2]);
    }

    /// Words are shaped once and then placed from a cache: a right-to-left sentence must
    /// still come out last word first, each word as it is shaped on its own, and the same
    /// the second time as the first.
    #[test]
    fn cached_words_keep_their_shapes_and_right_to_left_order() {
        let sentence = glyphs("بيت كبير جدا", Direction::Rtl);
        let word = |w: &str| glyphs(w, Direction::Rtl);
        // A space alone is trimmed from its line: take it from between two letters.
        let space = vec![glyphs("ب ب", Direction::Rtl)[1]];
        let expected: Vec<(usize, u16)> =
            [word("جدا"), space.clone(), word("كبير"), space, word("بيت")].concat();
        assert_eq!(sentence, expected);
        assert_eq!(glyphs("بيت كبير جدا", Direction::Rtl), sentence);
        let latin = glyphs("Wave to AVA, AVA waves", Direction::Ltr);
        assert_eq!(glyphs("Wave to AVA, AVA waves", Direction::Ltr), latin);
    }

    #[test]
    fn devanagari_forms_conjuncts_and_reorders_the_i_sign() {
        let ka = glyphs("क", Direction::Ltr);
        let virama = glyphs("्", Direction::Ltr);
        let ksha = glyphs("क्ष", Direction::Ltr);
        assert!(ksha.len() < 3, "no conjunct: {ksha:?}");
        assert!(
            !ksha.contains(&virama[virama.len() - 1]),
            "a visible virama"
        );
        let ki = glyphs("कि", Direction::Ltr);
        assert_eq!(ki.len(), 2);
        assert_eq!(ki[1], ka[0], "the i sign is drawn before its consonant");
    }

    #[test]
    fn each_script_gets_a_font_that_has_it_and_no_notdef() {
        for text in [
            "Hello שלום مرحبا नमस्ते สวัสดี Привет Γειά ½ ☐ ✓",
            "Tiếng Việt",
            "maren@calmhands.example — 2027",
        ] {
            for direction in [Direction::Ltr, Direction::Rtl] {
                let shaped = glyphs(text, direction);
                assert!(shaped.iter().all(|(_, id)| *id != 0), "{text}: {shaped:?}");
            }
        }
        // Latin in an Arabic paragraph is set in the Latin family, Arabic in Noto Arabic.
        let mixed = glyphs("مرحبا abc", Direction::Rtl);
        let faces: std::collections::HashSet<usize> = mixed.iter().map(|(f, _)| *f).collect();
        assert_eq!(faces.len(), 2, "{mixed:?}");
    }

    #[test]
    fn decomposed_accents_are_composed_before_shaping() {
        let nfd = "Vie\u{302}\u{323}t";
        let nfc = "Việt";
        assert_eq!(glyphs(nfd, Direction::Ltr), glyphs(nfc, Direction::Ltr));
    }

    #[test]
    fn a_soft_hyphen_is_invisible_unless_a_line_breaks_there() {
        let fonts = FontSet::bundled();
        let cache = fonts.cache();
        let text = "particu\u{ad}lièrement";
        let paragraph = shape(
            cache,
            &[StyledString::new(text, Style::new())],
            Direction::Ltr,
        )
        .expect("shaped");
        let whole = paragraph.line(cache, 0..paragraph.text().len());
        let plain = shape(
            cache,
            &[StyledString::new("particulièrement", Style::new())],
            Direction::Ltr,
        )
        .expect("shaped");
        let plain = plain.line(cache, 0..plain.text().len());
        assert!(
            (whole.width - plain.width).abs() < 0.01,
            "the soft hyphen takes room"
        );
        // Too narrow for the word: it breaks at the soft hyphen, which shows as a hyphen.
        let lines = paragraph.break_lines(0, whole.width - 5.0);
        assert_eq!(lines.len(), 2, "{lines:?}");
        let first = paragraph.line(cache, lines[0].clone());
        let last = first.runs.last().unwrap();
        assert_eq!(&*last.1.text, "-");
    }

    /// The lines `text` breaks into at `width` points.
    fn lines(text: &str, width: f32) -> Vec<String> {
        let fonts = FontSet::bundled();
        let paragraph = shape(
            fonts.cache(),
            &[StyledString::new(text, Style::new())],
            Direction::Ltr,
        )
        .expect("shaped");
        paragraph
            .break_lines(0, width)
            .into_iter()
            .map(|r| paragraph.text()[r].to_owned())
            .collect()
    }

    /// A word of 10,000 letters breaks into lines that each fit, hyphenated where the
    /// patterns allow, with no letter lost. (Its speed: `cargo bench -- long-word`.)
    #[test]
    fn a_very_long_word_breaks_into_lines_that_fit_with_nothing_lost() {
        let fonts = FontSet::bundled();
        let cache = fonts.cache();
        let word: String = "massage".chars().cycle().take(10_000).collect();
        let paragraph = shape(
            cache,
            &[StyledString::new(word.as_str(), Style::new())],
            Direction::Ltr,
        )
        .expect("shaped");
        let hyphenate = crate::render::hyphenate::hyphenator("en-GB");
        for (width, hyphenate) in [(200.0, hyphenate.as_ref()), (200.0, None), (3.0, None)] {
            let lines = paragraph.break_lines_hyphenated(0, width, hyphenate);
            let joined: String = lines.iter().map(|(r, _)| &word[r.clone()]).collect();
            assert_eq!(joined, word, "width {width}");
            for (range, hyphen) in &lines[..lines.len() - 1] {
                let line = paragraph.line_hyphenated(cache, range.clone(), *hyphen);
                // A line too narrow for one letter still takes one.
                assert!(line.width <= width || range.len() == 1, "{range:?}");
            }
            let hyphens = lines.iter().filter(|(_, h)| *h).count();
            assert_eq!(hyphens > 0, hyphenate.is_some(), "width {width}");
            // The first lines of a page, and the rest in one: the same lines.
            let first = paragraph.break_first_lines(0, width, hyphenate, 3);
            assert_eq!(first[..3], lines[..3]);
            assert_eq!(first[3].0, lines[3].0.start..word.len());
        }
    }

    /// A panic inside the shaper is an ordinary error and prints nothing, while every other
    /// panic is still reported. Checked in a child process, whose panic hook is its own.
    #[test]
    fn a_panic_inside_the_shaper_is_an_error_and_prints_nothing() {
        const CHILD: &str = "COURSE_TEST_SHAPER_PANIC";
        if std::env::var_os(CHILD).is_some() {
            let caught = genpdf::fonts::guard_shaper(|| -> u8 { panic!("inside the shaper") });
            assert_eq!(caught, Err(genpdf::fonts::ShapingFailed));
            assert_eq!(genpdf::fonts::guard_shaper(|| 7), Ok(7));
            let other = std::thread::spawn(|| panic!("outside the shaper")).join();
            assert!(other.is_err());
            println!("the child ran to its end");
            return;
        }
        let output = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "fonts::tests::a_panic_inside_the_shaper_is_an_error_and_prints_nothing",
                "--nocapture",
            ])
            .env(CHILD, "1")
            .output()
            .unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
        );
        assert!(output.status.success(), "{stdout}\n{stderr}");
        assert!(stdout.contains("the child ran to its end"), "{stdout}");
        assert!(!stderr.contains("inside the shaper"), "{stderr}");
        assert!(stderr.contains("outside the shaper"), "{stderr}");
    }

    #[test]
    fn text_the_shaper_fails_on_is_named_by_its_first_words() {
        let syllable = "क्".repeat(129);
        let error = genpdf::text::could_not_set(&format!("Stroke {syllable} down."));
        let shown: String = format!("Stroke {syllable}").chars().take(40).collect();
        assert_eq!(
            error.to_string(),
            format!("the text “{shown}…” could not be set: its letters and marks could not be put together; check that text for unusual combinations of marks, such as one sign repeated many times")
        );
        assert!(genpdf::text::could_not_set("Short text")
            .to_string()
            .starts_with("the text “Short text” could not"));
    }

    #[test]
    fn chinese_lines_never_start_with_closing_punctuation() {
        let text = "宝宝按摩，让宝宝放松。每天几分钟，轻轻地抚摸。妈妈和宝宝，一起享受。";
        for width in [30.0, 45.0, 60.0, 75.0, 90.0] {
            let lines = lines(text, width);
            assert!(lines.len() > 1);
            for line in &lines[1..] {
                assert!(
                    !line.starts_with(['，', '。', '、', '）']),
                    "width {width}: {lines:?}"
                );
            }
            assert_eq!(lines.concat(), text, "no text lost");
        }
    }

    #[test]
    fn thai_breaks_between_words_not_inside_them() {
        // "massage the baby slowly every day", written without spaces.
        let words = ["นวด", "ลูก", "ช้า", "ๆ", "ทุก", "วัน"];
        let text: String = words.concat();
        let lines = lines(&text, 25.0);
        assert!(lines.len() > 1, "{lines:?}");
        let mut boundaries = std::collections::HashSet::new();
        let mut at = 0;
        for w in words {
            at += w.len();
            boundaries.insert(at);
        }
        let mut end = 0;
        for line in &lines[..lines.len() - 1] {
            end += line.len();
            assert!(boundaries.contains(&end), "broke inside a word: {lines:?}");
        }
    }
}
