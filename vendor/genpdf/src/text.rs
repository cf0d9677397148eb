// SPDX-License-Identifier: Apache-2.0 or MIT

//! course patch (new): shaped text.
//!
//! A paragraph goes through the steps a typesetter takes: normalisation to NFC, the Unicode
//! bidirectional algorithm (levels), itemisation into runs of one style, direction and
//! script, shaping of each run with HarfRust over a font fallback chain (a cluster the
//! first font lacks is shaped again with the next), line breaking at UAX #14 opportunities
//! (with dictionaries for Thai, Lao, Khmer and Burmese) measured with the shaped widths,
//! and visual reordering of each line. Measuring, breaking and drawing use the same shaped
//! glyphs. The result is positioned [`GlyphRun`]s that name no PDF library.

use std::ops::Range;
use std::sync::Arc;

use unicode_bidi::{Level, ParagraphBidiInfo};

use unicode_normalization::UnicodeNormalization;
use unicode_script::{Script, UnicodeScript};

use crate::error::{Error, ErrorKind};
use crate::fonts::{Font, FontCache, ShapingFailed};
use crate::words::{split_words, WordGlyph, WordKey, MAX_WORD_BYTES};
use crate::style::{Color, Style, StyledString};
use crate::Mm;

/// One glyph of a run: advances and offsets in points, `text_start..text_end` its
/// cluster's bytes in the run's text. Kept small: a long booklet holds millions.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    pub id: u16,
    /// Length of the cluster's text in bytes (a cluster is a few characters).
    pub text_len: u16,
    pub text_start: u32,
    pub x_advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
}

/// Glyphs of one face, size and colour, in visual order, ready to draw from a baseline.
#[derive(Clone, Debug)]
pub struct GlyphRun {
    pub font: Font,
    /// Font size in points.
    pub size: f32,
    pub color: Option<Color>,
    pub glyphs: Vec<Glyph>,
    /// The text the glyph ranges point into (the whole paragraph, shared).
    pub text: Arc<str>,
}

impl Glyph {
    /// The bytes of the run's text this glyph shows.
    pub fn text(&self) -> Range<usize> {
        let start = self.text_start as usize;
        start..start + usize::from(self.text_len)
    }
}

impl GlyphRun {
    /// Width in points.
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.x_advance).sum()
    }
}

/// One laid-out line: runs placed left to right, with offsets in points from the line's
/// left edge, and its vertical extent.
#[derive(Clone, Debug)]
pub struct Line {
    pub runs: Vec<(f32, GlyphRun)>,
    /// Width in points, without trailing spaces.
    pub width: f32,
    /// Distance from the top of the line box to the baseline, in points.
    pub baseline: f32,
    /// Height of the line box in points.
    pub height: f32,
}

/// Where a word may be hyphenated: byte offsets into it, from a language's patterns.
pub type Hyphenate = std::sync::Arc<dyn Fn(&str) -> Vec<usize> + Send + Sync>;

/// Text direction of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

/// A shaped glyph before lines are cut: which face, and where its cluster starts in the
/// paragraph.
#[derive(Clone, Debug)]
struct Shaped {
    font: Font,
    id: u16,
    cluster: Range<usize>,
    x_advance: f32,
    x_offset: f32,
    y_offset: f32,
}

/// A run of one style, level and script, shaped; glyphs in visual order.
struct Item {
    range: Range<usize>,
    style: Style,
    rtl: bool,
    glyphs: Vec<Shaped>,
}

/// A paragraph shaped once, ready to be broken into lines of any width.
pub struct ShapedParagraph {
    text: Arc<str>,
    items: Vec<Item>,
    /// Byte offsets where a line may end, with whether it must.
    breaks: Vec<(usize, bool)>,
    /// Advance of the glyphs whose cluster starts before each byte offset.
    prefix: Vec<f32>,
    /// course patch: where clusters end, ascending: the places a word may be cut.
    cluster_ends: Vec<usize>,
    bidi_levels: Vec<Level>,
    base: Direction,
    line_height: f32,
    ascent: f32,
}

impl std::fmt::Debug for ShapedParagraph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShapedParagraph").field("text", &self.text).finish()
    }
}

/// Shapes `spans` as one paragraph in `direction`. course patch: an error that names the
/// text when the shaper fails on it (see [`FontData::shape`](crate::fonts::FontData::shape)).
/// course patch: [`shape`], once per build for each paragraph (see `paragraphs.rs`).
pub fn shape_shared(
    cache: &FontCache,
    spans: &[StyledString],
    direction: Direction,
) -> Result<Arc<ShapedParagraph>, Error> {
    cache.paragraphs().get_or_shape(spans, direction, || shape(cache, spans, direction))
}

pub fn shape(cache: &FontCache, spans: &[StyledString], direction: Direction) -> Result<ShapedParagraph, Error> {
    let mut text = String::new();
    let mut styles: Vec<(Range<usize>, Style)> = Vec::new();
    for span in spans {
        let start = text.len();
        // Decomposed accents (as some keyboards type Vietnamese) are composed, so each
        // letter is one glyph with its accent placed by the font.
        text.extend(span.s.nfc().map(|c| if c == '\n' || c == '\t' { ' ' } else { c }));
        if text.len() > start {
            styles.push((start..text.len(), span.style));
        }
    }
    let base_level = match direction {
        Direction::Ltr => Level::ltr(),
        Direction::Rtl => Level::rtl(),
    };
    let bidi_levels = if text.is_empty() {
        Vec::new()
    } else if direction == Direction::Ltr && text.chars().all(|c| (c as u32) < 0x590) {
        // Nothing right to left below U+0590 (Hebrew): every level is 0, as the full
        // algorithm would find, without its tables.
        vec![Level::ltr(); text.len()]
    } else {
        ParagraphBidiInfo::new(&text, Some(base_level)).levels
    };
    let scripts = resolve_scripts(&text);

    let mut items = Vec::new();
    let failed = |_: ShapingFailed| could_not_set(&text);
    for (range, style) in &styles {
        let mut start = range.start;
        for (i, _) in text[range.clone()].char_indices().skip(1) {
            let at = range.start + i;
            if bidi_levels[at] != bidi_levels[start] || scripts[at] != scripts[start] {
                items.push(
                    shape_item(cache, &text, start..at, *style, bidi_levels[start].is_rtl(), scripts[start])
                        .map_err(failed)?,
                );
                start = at;
            }
        }
        items.push(
            shape_item(cache, &text, start..range.end, *style, bidi_levels[start].is_rtl(), scripts[start])
                .map_err(failed)?,
        );
    }

    let mut advance_at = vec![0f32; text.len() + 1];
    for item in &items {
        for g in &item.glyphs {
            advance_at[g.cluster.start] += g.x_advance;
        }
    }
    let mut prefix = Vec::with_capacity(text.len() + 1);
    let mut sum = 0.0;
    for a in &advance_at {
        prefix.push(sum);
        sum += a;
    }

    let mut cluster_ends: Vec<usize> = items
        .iter()
        .flat_map(|i| i.glyphs.iter().map(|g| g.cluster.end))
        .collect();
    cluster_ends.sort_unstable();
    cluster_ends.dedup();

    let breaks = break_opportunities(&text);
    let (line_height, ascent) = styles
        .iter()
        .map(|(_, s)| line_metrics(cache, *s))
        .fold((0f32, 0f32), |(h, a), (h2, a2)| (h.max(h2), a.max(a2)));
    Ok(ShapedParagraph {
        text: text.into(),
        items,
        breaks,
        prefix,
        cluster_ends,
        bidi_levels,
        base: direction,
        line_height,
        ascent,
    })
}

/// course patch: the error for a paragraph the shaper failed on, naming its first words.
pub fn could_not_set(text: &str) -> Error {
    const SHOWN_CHARS: usize = 40;
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    let mut shown: String = words.join(" ").chars().take(SHOWN_CHARS).collect();
    if shown.chars().count() < text.trim().chars().count() {
        shown.push('…');
    }
    Error::new(
        format!(
            "the text “{shown}” could not be set: its letters and marks could not be put \
             together; check that text for unusual combinations of marks, such as one sign \
             repeated many times"
        ),
        ErrorKind::InvalidData,
    )
}

/// Line height and baseline offset for text in `style`, from the default family's
/// metrics: leading split evenly above and below.
pub fn line_metrics(cache: &FontCache, style: Style) -> (f32, f32) {
    let m = cache.data(*cache.default_font_family().get(style)).metrics();
    let size = f64::from(style.font_size());
    let glyph = (m.ascent - m.descent + m.line_gap) * size;
    let height = glyph * style.line_spacing();
    let ascent = m.ascent * size + (height - glyph) / 2.0 + m.line_gap * size / 2.0;
    (height as f32, ascent as f32)
}

/// The script of each byte's character; common characters (spaces, digits, punctuation)
/// and marks take the script around them, so they are shaped with their words.
fn resolve_scripts(text: &str) -> Vec<[u8; 4]> {
    let mut scripts = vec![*b"Zyyy"; text.len()];
    let mut current: Option<Script> = None;
    let mut pending: Vec<Range<usize>> = Vec::new();
    for (i, c) in text.char_indices() {
        let range = i..i + c.len_utf8();
        // ASCII is most of the text of most courses: its scripts without a table.
        let script = match c {
            'a'..='z' | 'A'..='Z' => Script::Latin,
            _ if c.is_ascii() => Script::Common,
            _ => c.script(),
        };
        match script {
            Script::Common | Script::Inherited | Script::Unknown => match current {
                Some(s) => fill(&mut scripts, range, s),
                None => pending.push(range),
            },
            s => {
                for r in pending.drain(..) {
                    fill(&mut scripts, r, s);
                }
                current = Some(s);
                fill(&mut scripts, range, s);
            }
        }
    }
    scripts
}

fn fill(scripts: &mut [[u8; 4]], range: Range<usize>, script: Script) {
    let name = script.short_name().as_bytes();
    let mut tag = *b"Zyyy";
    tag.copy_from_slice(&name[..4]);
    for s in &mut scripts[range] {
        *s = tag;
    }
}

fn shape_item(
    cache: &FontCache,
    text: &str,
    range: Range<usize>,
    style: Style,
    rtl: bool,
    script: [u8; 4],
) -> Result<Item, ShapingFailed> {
    let fonts = cache.fallbacks(style, script);
    let size = f32::from(style.font_size());
    let key = WordKey {
        fonts: &fonts,
        rtl,
        script,
    };
    let mut glyphs = Vec::new();
    let mut push_word = |word: Range<usize>| -> Result<(), ShapingFailed> {
        if word.len() > MAX_WORD_BYTES {
            return shape_with(cache, &fonts, text, word, rtl, script, size, &mut glyphs);
        }
        let shaped = cache.words().get_or_shape(&key, &text[word.clone()], || {
            let mut one = Vec::new();
            shape_with(cache, &fonts, text, word.clone(), rtl, script, 1.0, &mut one)?;
            let at = |i: usize| (i - word.start) as u16;
            Ok(one
                .iter()
                .map(|g| WordGlyph {
                    font: g.font,
                    id: g.id,
                    cluster: (at(g.cluster.start), at(g.cluster.end)),
                    x_advance: g.x_advance,
                    x_offset: g.x_offset,
                    y_offset: g.y_offset,
                })
                .collect())
        })?;
        glyphs.extend(shaped.iter().map(|g| Shaped {
            font: g.font,
            id: g.id,
            cluster: word.start + usize::from(g.cluster.0)..word.start + usize::from(g.cluster.1),
            x_advance: g.x_advance * size,
            x_offset: g.x_offset * size,
            y_offset: g.y_offset * size,
        }));
        Ok(())
    };
    // Glyphs are kept in visual order: a right-to-left run's last word comes first.
    if rtl {
        let words: Vec<Range<usize>> = split_words(text, range.clone()).collect();
        words.into_iter().rev().try_for_each(&mut push_word)?;
    } else {
        split_words(text, range.clone()).try_for_each(&mut push_word)?;
    }
    Ok(Item {
        range,
        style,
        rtl,
        glyphs,
    })
}

/// Shapes `text[range]` with `fonts[0]`; clusters it has no glyph for are shaped again
/// with the rest of the chain. The last font keeps what it cannot print (validation has
/// reported those characters before any layout).
#[allow(clippy::too_many_arguments)]
fn shape_with(
    cache: &FontCache,
    fonts: &[Font],
    text: &str,
    range: Range<usize>,
    rtl: bool,
    script: [u8; 4],
    size: f32,
    out: &mut Vec<Shaped>,
) -> Result<(), ShapingFailed> {
    let font = fonts[0];
    let data = cache.data(font);
    let mut buffer = harfrust::UnicodeBuffer::new();
    buffer.push_str(&text[range.clone()]);
    buffer.guess_segment_properties();
    // The run's script, not a guess from its first letter: a word of digits in an Arabic
    // run is shaped as Arabic, as it would be inside the whole run.
    if let Some(script) = harfrust::Script::from_iso15924_tag(harfrust::Tag::new(&script)) {
        buffer.set_script(script);
    }
    buffer.set_direction(if rtl {
        harfrust::Direction::RightToLeft
    } else {
        harfrust::Direction::LeftToRight
    });
    let shaped = data.shape(buffer)?;
    let scale = size / data.metrics().units_per_em as f32;
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();

    // Where each cluster ends: the next cluster start in logical order.
    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let end_of = |start: usize| -> usize {
        match starts.binary_search(&start) {
            Ok(i) => starts.get(i + 1).copied().unwrap_or(range.len()),
            Err(_) => range.len(),
        }
    };
    let missing: std::collections::HashSet<usize> = infos
        .iter()
        .filter(|i| i.glyph_id == 0)
        .map(|i| i.cluster as usize)
        .collect();

    let mut i = 0;
    while i < infos.len() {
        let cluster = infos[i].cluster as usize;
        if fonts.len() > 1 && missing.contains(&cluster) {
            // A stretch of clusters this font lacks, shaped again with the next fonts.
            let mut j = i;
            let (mut lo, mut hi) = (usize::MAX, 0);
            while j < infos.len() && missing.contains(&(infos[j].cluster as usize)) {
                let c = infos[j].cluster as usize;
                lo = lo.min(c);
                hi = hi.max(end_of(c));
                j += 1;
            }
            shape_with(
                cache,
                &fonts[1..],
                text,
                range.start + lo..range.start + hi,
                rtl,
                script,
                size,
                out,
            )?;
            i = j;
            continue;
        }
        let p = &positions[i];
        out.push(Shaped {
            font,
            id: infos[i].glyph_id as u16,
            cluster: range.start + cluster..range.start + end_of(cluster),
            x_advance: p.x_advance as f32 * scale,
            x_offset: p.x_offset as f32 * scale,
            y_offset: p.y_offset as f32 * scale,
        });
        i += 1;
    }
    Ok(())
}

/// UAX #14 line break opportunities, with dictionary segmentation for scripts written
/// without spaces. Each is a byte offset and whether the break is mandatory.
fn break_opportunities(text: &str) -> Vec<(usize, bool)> {
    use icu_segmenter::{options::LineBreakOptions, LineSegmenter, LineSegmenterBorrowed};
    // course patch: the segmenter (and its dictionaries) is made once, not per paragraph.
    static SEGMENTER: std::sync::OnceLock<LineSegmenterBorrowed<'static>> =
        std::sync::OnceLock::new();
    SEGMENTER
        .get_or_init(|| LineSegmenter::new_dictionary(LineBreakOptions::default()))
        .segment_str(text)
        .filter(|&b| b > 0)
        .map(|b| {
            let mandatory = text[..b].ends_with(['\u{2028}', '\u{2029}']);
            (b, mandatory)
        })
        .collect()
}

impl ShapedParagraph {
    /// course patch: drops the break opportunities inside Hangul words (between two
    /// letters, at least one of them Hangul), so lines break only at spaces and
    /// punctuation, as `word-break: keep-all` does.
    pub fn keep_hangul_words_whole(&mut self) {
        let hangul = |c: char| {
            matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
        };
        let text = &self.text;
        self.breaks.retain(|&(b, mandatory)| {
            let before = text[..b].chars().next_back();
            let after = text[b..].chars().next();
            let inside_word = match (before, after) {
                (Some(x), Some(y)) => {
                    x.is_alphanumeric() && y.is_alphanumeric() && (hangul(x) || hangul(y))
                }
                _ => false,
            };
            mandatory || !inside_word
        });
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Height of one line box, in points.
    pub fn line_height(&self) -> f32 {
        self.line_height
    }

    fn width(&self, range: Range<usize>) -> f32 {
        self.prefix[range.end] - self.prefix[range.start]
    }

    /// The end of `range` without trailing white space.
    fn trim_end(&self, range: Range<usize>) -> usize {
        range.start + self.text[range].trim_end().len()
    }

    /// The lines the text breaks into at `width` points, from `from`. A word longer than
    /// the line is cut between clusters, so no text is lost.
    pub fn break_lines(&self, from: usize, width: f32) -> Vec<Range<usize>> {
        self.break_lines_hyphenated(from, width, None)
            .into_iter()
            .map(|(range, _)| range)
            .collect()
    }

    /// course patch: the lines the text breaks into at `width` points, from `from`, each
    /// with whether it ends at a hyphenation point (and so shows a hyphen). A word longer
    /// than the line breaks where `hyphenate` (the byte offsets where a word may be
    /// hyphenated, from the language's patterns) allows, else between clusters.
    pub fn break_lines_hyphenated(
        &self,
        from: usize,
        width: f32,
        hyphenate: Option<&Hyphenate>,
    ) -> Vec<(Range<usize>, bool)> {
        self.break_first_lines(from, width, hyphenate, usize::MAX)
    }

    /// course patch: the first `most` lines of
    /// [`break_lines_hyphenated`](Self::break_lines_hyphenated), and the rest of the text
    /// as one more line if any is left; a page takes only the lines it has room for, so a
    /// long paragraph is broken once in all, not again from each page to its end. Time is
    /// linear in the length of the lines broken, however long a word is.
    pub fn break_first_lines(
        &self,
        from: usize,
        width: f32,
        hyphenate: Option<&Hyphenate>,
        most: usize,
    ) -> Vec<(Range<usize>, bool)> {
        let mut lines = Vec::new();
        let mut start = from;
        let mut fit: Option<usize> = None;
        let mut k = self.breaks.partition_point(|(b, _)| *b <= start);
        while k < self.breaks.len() && lines.len() < most {
            let (b, mandatory) = self.breaks[k];
            let end = self.trim_end(start..b);
            let hyphen = if self.text[start..b].ends_with('\u{ad}') {
                width_of_hyphen()
            } else {
                0.0
            };
            if self.width(start..end) + hyphen <= width || end == start {
                fit = Some(b);
                k += 1;
                if mandatory {
                    lines.push((start..b, false));
                    start = b;
                    fit = None;
                }
                continue;
            }
            match fit.take() {
                Some(f) => {
                    lines.push((start..f, false));
                    start = f;
                }
                None => {
                    // One unbreakable stretch wider than the line: hyphenated where the
                    // language allows, else cut between clusters.
                    match hyphenate.and_then(|h| self.hyphenation_point(h, start, end, width)) {
                        Some(cut) => {
                            lines.push((start..cut, true));
                            start = cut;
                        }
                        None => {
                            let cut = self.cut_point(start, end, width);
                            lines.push((start..cut, false));
                            start = cut;
                        }
                    }
                }
            }
            k = self.breaks.partition_point(|(b, _)| *b <= start);
        }
        if start < self.text.len() {
            lines.push((start..self.text.len(), false));
        }
        lines
    }

    /// course patch: how many of `lines` end inside a word (hyphenated or cut), not at a
    /// break opportunity.
    pub fn words_broken(&self, lines: &[(Range<usize>, bool)]) -> usize {
        lines
            .iter()
            .filter(|(range, hyphen)| {
                *hyphen
                    || (range.end < self.text.len()
                        && self.breaks.binary_search_by_key(&range.end, |(b, _)| *b).is_err())
            })
            .count()
    }

    /// The last hyphenation point of the word `start..end` whose first part, with a
    /// hyphen, fits in `width`; none when no part of at least two characters fits.
    ///
    /// course patch: only the part of the word that fits, and some letters after it, is
    /// given to the patterns (which look a few letters either side of a point), so a
    /// word of any length is hyphenated line by line in linear time, not again whole for
    /// each of its lines.
    fn hyphenation_point(&self, hyphenate: &Hyphenate, start: usize, end: usize, width: f32) -> Option<usize> {
        const CONTEXT_CHARS: usize = 32;
        let fits_to = self.text[start..end]
            .char_indices()
            .map(|(i, _)| start + i)
            .find(|&i| self.width(start..i) > width)
            .unwrap_or(end);
        let window = self.text[fits_to..end]
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(end, |(i, _)| fits_to + i);
        let word = &self.text[start..window];
        hyphenate(word)
            .into_iter()
            .filter(|&p| p >= 2 && p < word.len() && word.is_char_boundary(p))
            .map(|p| start + p)
            .filter(|&cut| self.width(start..cut) + width_of_hyphen() <= width)
            .max()
    }

    /// The last cluster boundary in `start..end` that keeps the width within `width`, but
    /// at least one cluster. course patch: a walk over that line's clusters only.
    fn cut_point(&self, start: usize, end: usize, width: f32) -> usize {
        let first = self.cluster_ends.partition_point(|&e| e <= start);
        let mut boundaries = self.cluster_ends[first..].iter().copied().take_while(|&e| e <= end);
        let Some(mut best) = boundaries.next() else {
            return end;
        };
        for b in boundaries {
            if self.width(start..b) <= width {
                best = b;
            } else {
                break;
            }
        }
        best
    }

    /// Lays out the line `range` (from [`break_lines`](Self::break_lines)) in visual
    /// order. A line ending at a soft hyphen shows a hyphen.
    pub fn line(&self, cache: &FontCache, range: Range<usize>) -> Line {
        self.line_hyphenated(cache, range, false)
    }

    /// course patch: the line `range`, ending with a hyphen when `hyphen` (a word broken
    /// at a hyphenation point) or when it ends at a soft hyphen.
    pub fn line_hyphenated(&self, cache: &FontCache, range: Range<usize>, hyphen: bool) -> Line {
        let mut runs: Vec<(f32, GlyphRun)> = Vec::new();
        let mut x = 0f32;
        self.each_visual_glyph(range.clone(), |item, g| self.push_glyph(&mut runs, &mut x, item, g));
        if let Some(hyphen) = self.hyphen_of(cache, range, hyphen) {
            let w = hyphen.width();
            runs.push((x, hyphen));
            x += w;
        }
        // Lines live on in the frames of every page: no spare capacity.
        for (_, run) in &mut runs {
            run.glyphs.shrink_to_fit();
        }
        runs.shrink_to_fit();
        Line {
            runs,
            width: x,
            baseline: self.ascent,
            height: self.line_height,
        }
    }

    /// course patch: the width and height of the line [`line_hyphenated`] would build
    /// for `range`, without building it, for a paragraph that is only measured.
    ///
    /// [`line_hyphenated`]: Self::line_hyphenated
    pub fn line_size(&self, cache: &FontCache, range: Range<usize>, hyphen: bool) -> (f32, f32) {
        // The advances the line's runs sum, in the same order: the same width.
        let mut x = 0f32;
        self.each_visual_glyph(range.clone(), |_, g| x += g.x_advance);
        if let Some(hyphen) = self.hyphen_of(cache, range, hyphen) {
            x += hyphen.width();
        }
        (x, self.line_height)
    }

    /// Calls `f` with each glyph of the line `range` but its trailing white space, in
    /// visual order, and the item it belongs to.
    fn each_visual_glyph(&self, range: Range<usize>, mut f: impl FnMut(&Item, &Shaped)) {
        let visible = range.start..self.trim_end(range);
        if visible.is_empty() {
            return;
        }
        for run in visual_runs(&self.bidi_levels, visible) {
            let rtl = self.bidi_levels[run.start].is_rtl();
            // Items are in text order: find those the run overlaps without a scan.
            let first = self.items.partition_point(|i| i.range.end <= run.start);
            let last = self.items.partition_point(|i| i.range.start < run.end);
            let mut items: Vec<&Item> = self.items[first..last].iter().collect();
            if rtl {
                items.reverse();
            }
            for item in items {
                // Glyphs are in visual order: clusters rise in a left-to-right item and
                // fall in a right-to-left one, so the line's share is found by search.
                let g = &item.glyphs;
                let (from, to) = if item.rtl {
                    (
                        g.partition_point(|g| g.cluster.start >= run.end),
                        g.partition_point(|g| g.cluster.start >= run.start),
                    )
                } else {
                    (
                        g.partition_point(|g| g.cluster.start < run.start),
                        g.partition_point(|g| g.cluster.start < run.end),
                    )
                };
                for g in &g[from..to.max(from)] {
                    f(item, g);
                }
            }
        }
    }

    /// The hyphen the line `range` ends with, if it breaks at a hyphenation point (`hyphen`)
    /// or after a soft hyphen.
    fn hyphen_of(&self, cache: &FontCache, range: Range<usize>, hyphen: bool) -> Option<GlyphRun> {
        if !hyphen && !self.text[range.clone()].ends_with('\u{ad}') {
            return None;
        }
        let item = self.items.iter().find(|i| i.range.contains(&(range.end - 1)))?;
        Some(hyphen_run(cache, item.style))
    }

    fn push_glyph(&self, runs: &mut Vec<(f32, GlyphRun)>, x: &mut f32, item: &Item, g: &Shaped) {
        let glyph = Glyph {
            id: g.id,
            text_start: g.cluster.start as u32,
            text_len: g.cluster.len().min(usize::from(u16::MAX)) as u16,
            x_advance: g.x_advance,
            x_offset: g.x_offset,
            y_offset: g.y_offset,
        };
        let size = f32::from(item.style.font_size());
        let color = item.style.color();
        match runs.last_mut() {
            Some((_, run)) if run.font == g.font && run.size == size && run.color == color => {
                run.glyphs.push(glyph)
            }
            _ => runs.push((
                *x,
                GlyphRun {
                    font: g.font,
                    size,
                    color,
                    glyphs: vec![glyph],
                    text: self.text.clone(),
                },
            )),
        }
        *x += g.x_advance;
    }
}

/// A hyphen is about a third of an em; only used to leave room before shaping it.
fn width_of_hyphen() -> f32 {
    4.0
}

fn hyphen_run(cache: &FontCache, style: Style) -> GlyphRun {
    let paragraph = shape(cache, &[StyledString::new("-", style)], Direction::Ltr).ok();
    paragraph
        .and_then(|p| p.line(cache, 0..1).runs.into_iter().next())
        .map(|(_, r)| r)
        .unwrap_or(GlyphRun {
            font: *cache.default_font_family().get(style),
            size: f32::from(style.font_size()),
            color: style.color(),
            glyphs: Vec::new(),
            text: "-".into(),
        })
}

/// The shaped width of `text` in `style`, as one line.
pub fn measure(cache: &FontCache, text: &str, style: Style) -> Result<Mm, Error> {
    // course patch: through the paragraph cache, as table columns measure every word of
    // every cell again for each document and each layout of one.
    let paragraph = shape_shared(cache, &[StyledString::new(text, style)], Direction::Ltr)?;
    Ok(Mm::from_pt(f64::from(paragraph.width(0..paragraph.text.len()))))
}

/// The runs of equal bidi level in `line`, in visual order (rule L2 of UAX #9: from the
/// highest level down to the lowest odd one, reverse every sequence at that level or above).
fn visual_runs(levels: &[Level], line: Range<usize>) -> Vec<Range<usize>> {
    let mut runs: Vec<(Range<usize>, u8)> = Vec::new();
    for i in line.clone() {
        let level = levels[i].number();
        match runs.last_mut() {
            Some((r, l)) if *l == level && r.end == i => r.end = i + 1,
            _ => runs.push((i..i + 1, level)),
        }
    }
    let max = runs.iter().map(|(_, l)| *l).max().unwrap_or(0);
    let min_odd = runs
        .iter()
        .map(|(_, l)| *l)
        .filter(|l| l % 2 == 1)
        .min()
        .unwrap_or(max + 1);
    let mut level = max;
    while level >= min_odd && level > 0 {
        let mut i = 0;
        while i < runs.len() {
            if runs[i].1 >= level {
                let start = i;
                while i < runs.len() && runs[i].1 >= level {
                    i += 1;
                }
                runs[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
    runs.into_iter().map(|(r, _)| r).collect()
}
