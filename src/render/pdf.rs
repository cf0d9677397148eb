//! Markdown blocks -> genpdf elements -> PDF bytes.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use genpdf::elements::{BulletPoint, LinearLayout, PageBreak, Paragraph, TableLayout, Tagged};
use genpdf::render::{Frame, Structure};
use genpdf::style::{Color, Style};
use genpdf::text::Direction;
use genpdf::{Alignment, Element, Margins, Mm, Size};

use super::caution::CautionLine;
use super::closing::{Laid, Settle};
use super::elements::{self, Decorator, Mark, MarkedItem, ShadedBox, TableDecorator};
use super::failure::RenderFailure;
use super::keep::{Continued, KeepTogether, KeepWithNext, TextArea};
use super::markdown::{Block, ListItem, Span};
use super::pictures::Pictures;
use super::side_by_side::SideBySide;
use crate::fonts::FontSet;
use crate::model::PageSize;

/// Everything around the content of a page.
pub struct PageSetup {
    pub size: PageSize,
    pub title: String,
    pub header_left: Vec<(String, bool)>,
    pub header_right: String,
    pub footer_left: String,
    pub page_of: String,
    /// The language's digits for page numbers, when not 0-9.
    pub digits: Option<[char; 10]>,
    /// "{title} (continued)": a heading repeated on the next page of a block that splits.
    pub continued: String,
}

/// The base direction of text in `language`: right to left for Hebrew, Arabic, Persian,
/// Urdu and Yiddish.
pub fn direction(language: &str) -> Direction {
    match language.split(['-', '_']).next() {
        Some("he" | "ar" | "fa" | "ur" | "yi") => Direction::Rtl,
        _ => Direction::Ltr,
    }
}

/// The paper, and the margin at each side in millimetres.
fn paper_and_side(size: PageSize) -> (Size, f64) {
    match size {
        PageSize::A4 => (Size::new(210, 297), 20.0),
        PageSize::Letter => (Size::new(215.9, 279.4), 20.0),
        // Narrower margins keep about 60 characters to a line on the small page.
        PageSize::A5 => (Size::new(148, 210), 14.0),
    }
}

/// The width of a line of the running header and footer on `size` paper.
pub fn line_width(size: PageSize) -> Mm {
    let (paper, side) = paper_and_side(size);
    paper.width - Mm::from(2.0 * side)
}

/// Page margins above the running header and below the footer, in millimetres.
const MARGIN_TOP: f64 = 12.0;
const MARGIN_BOTTOM: f64 = 10.0;

/// Lays out `blocks` into one frame per page.
pub fn layout(
    blocks: &[Block],
    fonts: &FontSet,
    setup: &PageSetup,
    pictures: &Pictures,
    language: &str,
) -> Result<Vec<Frame>, RenderFailure> {
    let mut frames = Vec::new();
    layout_into(
        blocks,
        fonts,
        setup,
        pictures,
        language,
        Pages::Held,
        &mut |frame| {
            frames.push(frame);
            Ok(())
        },
    )?;
    Ok(frames)
}

/// What a layout keeps of its pages.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Pages {
    /// Each page handed over as soon as it is full, numbered out of this many (the count
    /// of an earlier pass).
    Streamed(usize),
    /// Held until the last, so a last page of only closing matter can be set again (see
    /// [`closing`](super::closing)).
    Held,
    /// Only counted, with where the named places land: nothing else drawn is kept.
    Counted,
}

/// Lays out `blocks`, handing each page to `sink` as `pages` says; the number of pages.
pub fn layout_into(
    blocks: &[Block],
    fonts: &FontSet,
    setup: &PageSetup,
    pictures: &Pictures,
    language: &str,
    pages: Pages,
    sink: &mut dyn FnMut(Frame) -> Result<(), RenderFailure>,
) -> Result<usize, RenderFailure> {
    let lay_out =
        |settle: Settle, pages, sink: &mut dyn FnMut(Frame) -> Result<(), RenderFailure>| {
            lay_out(
                blocks, fonts, setup, pictures, language, settle, pages, sink,
            )
        };
    if pages != Pages::Held {
        return Ok(lay_out(Settle::default(), pages, sink)?.len());
    }
    let held = |settle: Settle| -> Result<Laid, RenderFailure> {
        // Each layout begins the same pages again: only one counts against the budget.
        super::budget::restart_pages();
        let mut frames = Vec::new();
        let fills = lay_out(settle, Pages::Held, &mut |frame| {
            frames.push(frame);
            Ok(())
        })?;
        Ok((frames, fills))
    };
    let (frames, _) = super::closing::settle(held(Settle::default())?, held)?;
    let pages = frames.len();
    for frame in frames {
        sink(frame)?;
    }
    Ok(pages)
}

/// One layout of `blocks`, with the adjustments of `settle`; how full each page is.
#[allow(clippy::too_many_arguments)]
fn lay_out(
    blocks: &[Block],
    fonts: &FontSet,
    setup: &PageSetup,
    pictures: &Pictures,
    language: &str,
    settle: Settle,
    pages: Pages,
    sink: &mut dyn FnMut(Frame) -> Result<(), RenderFailure>,
) -> Result<Vec<genpdf::PageFill>, RenderFailure> {
    let mut doc = genpdf::Document::new(fonts.cache().clone(), direction(language));
    if pages == Pages::Counted {
        doc.count_only();
    }
    if let Some(hyphenate) = super::hyphenate::hyphenator(language) {
        doc.set_hyphenation(hyphenate);
    }
    doc.set_keep_words(language.split(['-', '_']).next() == Some("ko"));
    doc.set_font_size(10);
    // Slightly less space, when that brings a last page's closing matter up: blocks with
    // a third of their space between them (lines stay as far apart, as text copied from
    // the PDF needs them).
    let spacing = if settle.tight { 0.35 } else { 1.0 };
    doc.set_line_spacing(1.3);
    let (paper, side) = paper_and_side(setup.size);
    doc.set_paper_size(paper);
    doc.set_page_decorator(Decorator {
        margins: Margins::trbl(MARGIN_TOP, side, MARGIN_BOTTOM, side),
        header_left: setup
            .header_left
            .iter()
            .map(|(t, bold)| {
                (
                    t.clone(),
                    if *bold {
                        Style::new().bold()
                    } else {
                        Style::new()
                    },
                )
            })
            .collect(),
        header_right: setup.header_right.clone(),
        footer_left: setup.footer_left.clone(),
        page_of: setup.page_of.clone(),
        digits: setup.digits,
        cover: blocks.iter().any(|b| matches!(b, Block::Cover)),
        pages_started: 0,
        shorten: settle.shorten,
    });
    let converter = Converter {
        pictures,
        fonts: fonts.cache(),
        text_width: paper.width - Mm::from(2.0 * side),
        // Paper less the margins, running header and footer.
        text_height: paper.height
            - Mm::from(
                MARGIN_TOP + MARGIN_BOTTOM + elements::HEADER_HEIGHT + elements::FOOTER_HEIGHT,
            ),
        text_bottom: paper.height - Mm::from(MARGIN_BOTTOM + elements::FOOTER_HEIGHT),
        spacing,
        measuring: std::cell::Cell::new(false),
        cover_title: std::cell::Cell::new(false),
        centred: std::cell::Cell::new(false),
        digits: setup.digits,
        continued: &setup.continued,
    };
    let setting = Arc::new(AtomicUsize::new(0));
    let mut i = 0;
    // A named place marks where the content after it lands: below a heading that moved to
    // the next page, it is on that page.
    let mut anchor: Option<String> = None;
    while i < blocks.len() {
        if let Block::Anchor(name) = &blocks[i] {
            if let Some(unused) = anchor.replace(name.clone()) {
                doc.push(Anchor { name: unused });
            }
            i += 1;
            continue;
        }
        let mut traced = Traced {
            doc: &mut doc,
            block: i,
            setting: setting.clone(),
            anchor: anchor.take(),
        };
        match super::lead::kept_group(blocks, i) {
            Some(end) => {
                converter.push_kept(&mut traced, &blocks[i..end])?;
                i = end;
            }
            None => {
                converter.push(&mut traced, &blocks[i], &blocks[i + 1..])?;
                i += 1;
            }
        }
    }
    if let Some(name) = anchor {
        doc.push(Anchor { name });
    }
    // The sink's own error, kept whole rather than wrapped in a layout error.
    let mut failed = None;
    // A count never shows its footers: any page count will do.
    let total = match pages {
        Pages::Streamed(total) => Some(total),
        Pages::Counted => Some(0),
        Pages::Held => None,
    };
    let laid_out = doc.layout_into(total, &mut |frame| {
        sink(frame).map_err(|e| {
            failed = Some(e);
            genpdf::error::Error::new("stopped", genpdf::error::ErrorKind::Internal)
        })
    });
    match (laid_out, failed) {
        (_, Some(e)) => Err(e),
        (Err(e), None) if matches!(e.kind(), genpdf::error::ErrorKind::PageSizeExceeded) => {
            let block = blocks.get(setting.load(Ordering::Relaxed));
            Err(RenderFailure::TooBigForAPage(first_words(block)))
        }
        (result, None) => result.map_err(|e| RenderFailure::Other(e.to_string())),
    }
}

/// The first words of a block, to name it: "word word word…".
fn first_words(block: Option<&Block>) -> String {
    let mut text = String::new();
    if let Some(block) = block {
        super::markdown::printed_text(std::slice::from_ref(block), &mut text);
    }
    let words: Vec<&str> = text.split_whitespace().take(12).collect();
    let mut shown = words.join(" ");
    if shown.chars().count() > 80 {
        shown = shown.chars().take(80).collect();
    }
    if shown.is_empty() {
        shown = "a picture or an empty block".to_owned();
    }
    format!("{shown}…")
}

/// Adds elements to the document, each noting which block it comes from when it is set,
/// so that a block that fits on no page can be named.
struct Traced<'d> {
    doc: &'d mut genpdf::Document,
    block: usize,
    setting: Arc<AtomicUsize>,
    /// A named place to mark where the first element added lands.
    anchor: Option<String>,
}

impl Sink for Traced<'_> {
    fn add(&mut self, element: Box<dyn Element>) {
        let element: Box<dyn Element> = match self.anchor.take() {
            Some(name) => Box::new(AnchorAtContent {
                inner: element,
                name,
                marked: false,
            }),
            None => element,
        };
        self.doc.push(Noting {
            element,
            block: self.block,
            setting: self.setting.clone(),
        });
    }
}

struct Noting {
    element: Box<dyn Element>,
    block: usize,
    setting: Arc<AtomicUsize>,
}

impl Element for Noting {
    fn render(
        &mut self,
        context: &genpdf::Context,
        area: genpdf::render::Area<'_>,
        style: Style,
    ) -> Result<genpdf::RenderResult, genpdf::error::Error> {
        self.setting.store(self.block, Ordering::Relaxed);
        self.element.render(context, area, style)
    }
}

/// Takes no room; marks a named place (a booklet session) for the contents page.
struct Anchor {
    name: String,
}

impl Element for Anchor {
    fn render(
        &mut self,
        _context: &genpdf::Context,
        area: genpdf::render::Area<'_>,
        _style: Style,
    ) -> Result<genpdf::RenderResult, genpdf::error::Error> {
        area.add_anchor(&self.name);
        Ok(genpdf::RenderResult::default())
    }
}

/// An element whose top, on the page its content starts on, is a named place.
struct AnchorAtContent {
    inner: Box<dyn Element>,
    name: String,
    marked: bool,
}

impl Element for AnchorAtContent {
    fn render(
        &mut self,
        context: &genpdf::Context,
        area: genpdf::render::Area<'_>,
        style: Style,
    ) -> Result<genpdf::RenderResult, genpdf::error::Error> {
        let result = self.inner.render(context, area.clone(), style)?;
        if !self.marked && result.size.height > Mm::from(0.0) {
            self.marked = true;
            area.add_anchor(&self.name);
        }
        Ok(result)
    }
}

struct Converter<'a> {
    pictures: &'a Pictures,
    fonts: &'a genpdf::fonts::FontCache,
    /// The width of a page's text area, which tables are sized for.
    text_width: Mm,
    /// The height of a page's text area: what a group kept together must fit in.
    text_height: Mm,
    /// Where a page's text area ends, from the page's top.
    text_bottom: Mm,
    /// Space between lines and blocks as a fraction of the usual (less in a re-layout
    /// that brings closing matter up).
    spacing: f64,
    /// Whether the blocks being built are a copy, laid out only to learn its height:
    /// its headings need not keep room below them.
    measuring: std::cell::Cell<bool>,
    /// Whether a cover has begun and its title, the next level-1 heading, is still to come.
    cover_title: std::cell::Cell<bool>,
    /// Whether headings and paragraphs are centred now (`<!-- center -->`).
    centred: std::cell::Cell<bool>,
    /// The language's digits for list numbers, when not 0-9.
    digits: Option<[char; 10]>,
    /// "{title} (continued)" in the course's language.
    continued: &'a str,
}

trait Sink {
    fn add(&mut self, element: Box<dyn Element>);
}

impl Sink for genpdf::Document {
    fn add(&mut self, element: Box<dyn Element>) {
        self.push(Boxed(element));
    }
}

impl Sink for LinearLayout {
    fn add(&mut self, element: Box<dyn Element>) {
        self.push(Boxed(element));
    }
}

/// genpdf takes elements by type; this lets a boxed one in.
struct Boxed(Box<dyn Element>);

impl Element for Boxed {
    fn render(
        &mut self,
        context: &genpdf::Context,
        area: genpdf::render::Area<'_>,
        style: Style,
    ) -> Result<genpdf::RenderResult, genpdf::error::Error> {
        self.0.render(context, area, style)
    }
}

impl Converter<'_> {
    /// Builds elements with `build`, as a copy laid out only to be measured.
    fn measured<T>(&self, build: impl FnOnce() -> T) -> T {
        let was = self.measuring.replace(true);
        // What is measured comes again when it is laid out: a `<!-- center -->` in it
        // must not change what comes before then.
        let centred = self.centred.get();
        let built = build();
        self.centred.set(centred);
        self.measuring.set(was);
        built
    }

    /// Where a page's text is, for content kept together.
    fn text_area(&self) -> TextArea {
        TextArea {
            height: self.text_height,
            bottom: self.text_bottom,
        }
    }

    /// Margins of `top` and `bottom` millimetres (less in a tighter setting).
    fn space(&self, top: f64, bottom: f64) -> Margins {
        Margins::trbl(top * self.spacing, 0, bottom * self.spacing, 0)
    }

    /// `title` as it starts a further page of what it heads: "Safety first (continued)".
    fn continued(&self, title: &str) -> String {
        if self.continued.contains("{title}") {
            self.continued.replacen("{title}", title.trim(), 1)
        } else {
            format!("{} {}", title.trim(), self.continued)
        }
    }

    /// How a heading of `level` is set: its style, its space above and below, and the
    /// room kept below it when nothing it heads follows.
    /// How headings and paragraphs are aligned here: centred inside `<!-- center -->`,
    /// else at the start of the line (genpdf mirrors it on right-to-left pages).
    fn alignment(&self) -> Alignment {
        if self.centred.get() {
            Alignment::Center
        } else {
            Alignment::default()
        }
    }

    fn heading_look(&self, level: u8, cover: bool) -> (Style, Margins, f64) {
        // A5's measure is little more than half of A4's: its titles are set smaller.
        let narrow = self.text_width < Mm::from(130.0);
        let (size, color, above, below, reserve) = match level {
            1 if cover => (
                if narrow { 24 } else { 30 },
                elements::ACCENT,
                0.0,
                6.0,
                60.0,
            ),
            1 => (
                if narrow { 17 } else { 20 },
                elements::ACCENT,
                0.0,
                3.0,
                60.0,
            ),
            2 => (
                if narrow { 13 } else { 14 },
                elements::ACCENT,
                3.0,
                1.5,
                45.0,
            ),
            3 => (11, elements::ACCENT, 2.0, 1.0, 35.0),
            _ => (10, Color::Rgb(0, 0, 0), 1.5, 0.5, 30.0),
        };
        let style = Style::new().bold().with_font_size(size).with_color(color);
        (style, self.space(above, below), reserve)
    }

    /// Adds `group` so that it moves whole to the next page when it does not fit in the
    /// room left but fits on a page, unless that leaves the page less than two thirds
    /// full: then it splits, its heading repeated on the next page. Its elements are built
    /// twice: once to measure.
    fn push_kept(&self, sink: &mut dyn Sink, group: &[Block]) -> Result<(), String> {
        let build = || self.group(group);
        let measure = self.measured(build)?;
        let inner = build()?;
        // A box repeats its own title; a stroke or a table, its heading.
        let continued = match group.first() {
            Some(Block::Heading { level, spans }) => {
                let (style, padding, _) = self.heading_look(*level, false);
                let title: String = spans.iter().map(|s| s.text.as_str()).collect();
                Some(Continued {
                    text: self.continued(&title),
                    style,
                    padding,
                })
            }
            _ => None,
        };
        sink.add(Box::new(KeepTogether::new(
            inner,
            measure,
            self.text_area(),
            continued,
        )));
        Ok(())
    }

    /// The elements of a group kept together; a picture marked `beside` is set beside
    /// the rest of the group (a stroke's steps and cautions).
    fn group(&self, group: &[Block]) -> Result<LinearLayout, String> {
        let mut layout = LinearLayout::vertical();
        for (i, block) in group.iter().enumerate() {
            if let (Block::Image { beside: true, .. }, true) = (block, i + 1 < group.len()) {
                let mut main = LinearLayout::vertical();
                for (j, rest) in group[i + 1..].iter().enumerate() {
                    self.push(&mut main, rest, &group[i + 2 + j..])?;
                }
                let (side, width) = self.figure(block, self.text_width.get() / 2.0)?;
                layout.push(SideBySide::new(main, side, width));
                return Ok(layout);
            }
            self.push(&mut layout, block, &group[i + 1..])?;
        }
        Ok(layout)
    }

    /// Adds `block`; `rest` is what follows it, so a heading can keep the start of it.
    fn push(&self, sink: &mut dyn Sink, block: &Block, rest: &[Block]) -> Result<(), String> {
        match block {
            Block::Heading { level, spans } => {
                let cover = *level == 1
                    && if self.measuring.get() {
                        self.cover_title.get()
                    } else {
                        self.cover_title.replace(false)
                    };
                let (style, padding, reserve) = self.heading_look(*level, cover);
                let title: String = spans.iter().map(|s| s.text.as_str()).collect();
                let heading = || {
                    Tagged::new(
                        paragraph(spans, style).balanced().aligned(self.alignment()),
                        Structure::Heading {
                            level: *level,
                            title: title.trim().to_owned(),
                        },
                    )
                    .padded(padding)
                };
                let lead = super::lead::lead(*level, rest);
                if self.measuring.get() {
                    sink.add(Box::new(heading()));
                } else if lead.is_empty() {
                    sink.add(Box::new(KeepWithNext::new(heading(), reserve)));
                } else {
                    // The heading again with the start of what it heads, to measure.
                    let lead = self.measured(|| -> Result<LinearLayout, String> {
                        let mut layout = LinearLayout::vertical();
                        layout.push(heading());
                        for (i, block) in lead.iter().enumerate() {
                            self.push(&mut layout, block, &lead[i + 1..])?;
                        }
                        Ok(layout)
                    })?;
                    let most = self.text_height * (1.0 / 3.0);
                    sink.add(Box::new(KeepWithNext::with_lead(heading(), lead, most)));
                }
            }
            Block::Paragraph(spans) => sink.add(Box::new(
                Tagged::new(
                    paragraph(spans, Style::new())
                        .keeping_lines()
                        .aligned(self.alignment()),
                    Structure::Paragraph,
                )
                .padded(self.space(0.0, 2.0)),
            )),
            Block::List { start, items } => {
                let mut list = LinearLayout::vertical();
                // Widows and orphans of lists: the first two items and the last two stay
                // together (a list of three or fewer, all of it), so no item is left alone
                // at the foot or the top of a page; items long enough to leave a page less
                // than two thirds full split instead.
                let n = items.len();
                let groups: Vec<std::ops::Range<usize>> = if n <= 3 {
                    std::iter::once(0..n).collect()
                } else {
                    std::iter::once(0..2)
                        .chain((2..n - 2).map(|i| i..i + 1))
                        .chain(std::iter::once(n - 2..n))
                        .collect()
                };
                for group in groups {
                    let build = || -> Result<LinearLayout, String> {
                        let mut layout = LinearLayout::vertical();
                        for i in group.clone() {
                            layout.push(Boxed(self.list_item(&items[i], *start, i)?));
                        }
                        Ok(layout)
                    };
                    if group.len() > 1 {
                        list.push(KeepTogether::new(
                            build()?,
                            build()?,
                            self.text_area(),
                            None,
                        ));
                    } else {
                        list.push(build()?);
                    }
                }
                let numbered = start.is_some();
                sink.add(Box::new(
                    Tagged::new(list, Structure::List { numbered }).padded(self.space(0.0, 1.5)),
                ));
            }
            Block::Box(blocks) => {
                let mut inner = LinearLayout::vertical();
                for (i, block) in blocks.iter().enumerate() {
                    match block {
                        // A bold first line is the box's title.
                        Block::Paragraph(spans) if i == 0 && spans.iter().all(|s| s.bold) => inner
                            .push(
                                paragraph(
                                    spans,
                                    Style::new()
                                        .bold()
                                        .with_font_size(11)
                                        .with_color(elements::SAFETY_TITLE),
                                )
                                .padded(Margins::trbl(0, 0, 1.5, 0)),
                            ),
                        other => self.push(&mut inner, other, &blocks[i + 1..])?,
                    }
                }
                // A box longer than a page repeats its title on the next, marked as going on.
                let title = match blocks.first() {
                    Some(Block::Paragraph(spans)) if spans.iter().all(|s| s.bold) => Some(
                        self.continued(&spans.iter().map(|s| s.text.as_str()).collect::<String>()),
                    ),
                    _ => None,
                };
                sink.add(Box::new(Tagged::new(
                    ShadedBox::new(inner, title, self.spacing),
                    Structure::Aside,
                )));
            }
            Block::Table {
                align,
                header,
                rows,
            } => {
                let widths = column_widths(self.fonts, header, rows, self.text_width)?;
                sink.add(Box::new(Tagged::new(
                    table(align, header, rows, widths, self.spacing)?,
                    Structure::Table,
                )))
            }
            Block::Image { .. } => {
                let (figure, _) = self.figure(block, self.text_width.get())?;
                sink.add(Box::new(figure))
            }
            Block::Caution(spans) => {
                let style = Style::new().with_color(elements::SAFETY_TITLE);
                sink.add(Box::new(
                    CautionLine::new(Tagged::new(
                        paragraph(spans, style).keeping_lines(),
                        Structure::Paragraph,
                    ))
                    .padded(self.space(0.5, 1.5)),
                ))
            }
            Block::PageBreak => sink.add(Box::new(PageBreak::new())),
            Block::Space(mm) => sink.add(Box::new(
                Paragraph::default().padded(Margins::trbl(*mm, 0, 0, 0)),
            )),
            Block::Anchor(name) => sink.add(Box::new(Anchor { name: name.clone() })),
            Block::Video { address, caption } => sink.add(Box::new(video(address, caption)?)),
            Block::NotesBox(label) => sink.add(Box::new(elements::NotesBox::new(label))),
            Block::Cover => self.cover_title.set(true),
            Block::Centred(on) => self.centred.set(*on),
        }
        Ok(())
    }

    /// Item `i` of a list that starts at `start` when numbered: its mark (drawn checkbox
    /// or bullet, or its number as text) and content.
    fn list_item(
        &self,
        item: &ListItem,
        start: Option<u64>,
        i: usize,
    ) -> Result<Box<dyn Element>, String> {
        let content = Tagged::new(self.item(item)?, Structure::ListBody);
        let marked: Box<dyn Element> = match (item.task, start) {
            (Some(ticked), _) => Box::new(MarkedItem::new(content, Mark::Box { ticked })),
            (None, Some(n)) => {
                let number = crate::locale::with_digits(&(n + i as u64).to_string(), self.digits);
                Box::new(BulletPoint::new(content).with_bullet(format!("{number}.")))
            }
            (None, None) => Box::new(MarkedItem::new(content, Mark::Bullet)),
        };
        Ok(Box::new(
            Tagged::new(Boxed(marked), Structure::ListItem).padded(self.space(0.0, 0.8)),
        ))
    }

    fn item(&self, item: &ListItem) -> Result<LinearLayout, String> {
        let mut layout = LinearLayout::vertical();
        for block in &item.blocks {
            match block {
                // Paragraphs inside list items need no space of their own.
                Block::Paragraph(spans) => layout.push(Tagged::new(
                    paragraph(spans, Style::new()).keeping_lines(),
                    Structure::Paragraph,
                )),
                other => self.push(&mut layout, other, &[])?,
            }
        }
        Ok(layout)
    }

    /// A picture tagged as a figure with its alt text (the file's name when it has none),
    /// or as decoration, at its width (a share of the text width) or its own, at most
    /// `widest` millimetres, with its caption under it: the element and its width.
    fn figure(&self, block: &Block, widest: f64) -> Result<(LinearLayout, f64), String> {
        let Block::Image {
            path,
            alt,
            decorative,
            width,
            caption,
            ..
        } = block
        else {
            return Ok((LinearLayout::vertical(), 0.0));
        };
        let picture = self.pictures.picture(path)?;
        let printed = width
            .map_or_else(|| picture.natural_width(), |w| w * self.text_width.get())
            .min(widest);
        let structure = if *decorative {
            Structure::Artifact
        } else if alt.is_empty() {
            Structure::Figure {
                alt: format!("Picture: {path}"),
            }
        } else {
            Structure::Figure {
                alt: alt.to_owned(),
            }
        };
        let mut layout = LinearLayout::vertical();
        let below = if caption.is_empty() { 3.0 } else { 1.0 };
        layout.push(
            Tagged::new(picture.with_width(printed), structure).padded(self.space(1.0, below)),
        );
        if !caption.is_empty() {
            let style = Style::new()
                .italic()
                .with_font_size(9)
                .with_color(elements::MUTED);
            let mut text = Paragraph::default().aligned(Alignment::Center);
            text.push_styled(caption.clone(), style);
            // As wide as the picture, but not so narrow that a caption of a few words wraps.
            layout.push(
                elements::Centred::new(Tagged::new(text, Structure::Paragraph), printed.max(45.0))
                    .padded(self.space(0.0, 3.0)),
            );
        }
        Ok((layout, printed))
    }
}

/// A caption, a QR code that opens `address` (page decoration) and the address under it
/// as a link, kept on one page.
fn video(address: &str, caption: &str) -> Result<impl Element, String> {
    let code = elements::QrCode::new(address)?;
    let height = code.side() + 20.0;
    let mut layout = LinearLayout::vertical();
    if !caption.is_empty() {
        let mut text = Paragraph::default();
        text.push(caption.to_owned());
        layout.push(Tagged::new(text, Structure::Paragraph));
    }
    layout.push(Tagged::new(code, Structure::Artifact));
    let mut text = Paragraph::default();
    text.push_styled(address.to_owned(), Style::new().with_font_size(8));
    layout.push(Tagged::new(
        Tagged::new(
            text,
            Structure::Link {
                to: address.to_owned(),
            },
        ),
        Structure::Paragraph,
    ));
    Ok(elements::NeedsRoom::new(layout, height).padded(Margins::trbl(1, 0, 3, 0)))
}

/// The place a whole run of text links to, when all of it links to one place.
fn link_of(spans: &[Span]) -> Option<String> {
    let mut targets = spans
        .iter()
        .filter(|s| !s.text.trim().is_empty())
        .map(|s| s.link.as_ref());
    let first = targets.next()??;
    targets.all(|t| t == Some(first)).then(|| first.clone())
}

/// A paragraph of `spans`; a web address in a span that links nowhere else is a link to
/// itself.
fn paragraph(spans: &[Span], base: Style) -> Paragraph {
    let mut p = Paragraph::default();
    let mut addresses = Vec::new();
    for span in spans {
        if span.link.is_none() {
            addresses.extend(
                super::addresses::web_addresses(&span.text)
                    .into_iter()
                    .map(|r| span.text[r].to_owned()),
            );
        }
        let mut style = base;
        if span.bold {
            style = style.bold();
        }
        if span.italic {
            style = style.italic();
        }
        p.push_styled(span.text.clone(), style);
    }
    p.with_links(addresses)
}

/// Horizontal padding of a table cell, both sides together, in millimetres.
const CELL_PADDING: f64 = 4.0;

/// Column widths as browsers size automatic tables: each column's narrowest width (its
/// longest word) and preferred width (its longest cell on one line) are measured with
/// the shaped text. When every column can have its preferred width, the spare room is
/// shared in proportion to them; otherwise each column gets its narrowest width plus a
/// share of the rest in proportion to how much more it would like, so no word is broken
/// while some widths avoid it. Returned as weights in hundredths of a millimetre.
fn column_widths(
    fonts: &genpdf::fonts::FontCache,
    header: &[Vec<Span>],
    rows: &[Vec<Vec<Span>>],
    available: Mm,
) -> Result<Vec<usize>, String> {
    let columns = header.len().max(1);
    let measure = |spans: &[Span], bold: bool| -> Result<(f64, f64), String> {
        let style = if bold {
            Style::new().bold()
        } else {
            Style::new()
        };
        let text: String = spans.iter().map(|s| s.text.as_str()).collect();
        let width = |t: &str| {
            genpdf::text::measure(fonts, t, style)
                .map(Mm::get)
                .map_err(|e| e.to_string())
        };
        let mut longest_word = 0f64;
        for word in text.split_whitespace() {
            longest_word = longest_word.max(width(word)?);
        }
        Ok((longest_word, width(text.trim())?))
    };
    let mut narrowest = vec![0f64; columns];
    let mut preferred = vec![0f64; columns];
    let cells = header
        .iter()
        .enumerate()
        .map(|(c, spans)| (c, spans, true))
        .chain(
            rows.iter()
                .flat_map(|r| r.iter().enumerate().map(|(c, s)| (c, s, false))),
        );
    for (c, spans, bold) in cells.filter(|(c, _, _)| *c < columns) {
        let (word, line) = measure(spans, bold)?;
        narrowest[c] = narrowest[c].max(word + CELL_PADDING);
        preferred[c] = preferred[c].max(line + CELL_PADDING);
    }
    let available = available.get();
    let (min_sum, max_sum): (f64, f64) = (narrowest.iter().sum(), preferred.iter().sum());
    let widths: Vec<f64> = if max_sum <= available {
        preferred
            .iter()
            .map(|p| p + (available - max_sum) * p / max_sum.max(1.0))
            .collect()
    } else if min_sum <= available {
        let wants = (max_sum - min_sum).max(1e-6);
        narrowest
            .iter()
            .zip(&preferred)
            .map(|(n, p)| n + (available - min_sum) * (p - n) / wants)
            .collect()
    } else {
        narrowest.clone()
    };
    Ok(widths
        .iter()
        .map(|w| (w * 100.0).round().max(1.0) as usize)
        .collect())
}

/// A table of `header` and `rows`, its columns as wide as `weights` say, its rows and the
/// space around it `spacing` times the usual.
fn table(
    align: &[pulldown_cmark::Alignment],
    header: &[Vec<Span>],
    rows: &[Vec<Vec<Span>>],
    weights: Vec<usize>,
    spacing: f64,
) -> Result<impl Element, String> {
    let columns = weights.len();
    let alignment = |column: usize| match align.get(column) {
        Some(pulldown_cmark::Alignment::Center) => Alignment::Center,
        Some(pulldown_cmark::Alignment::Right) => Alignment::Right,
        _ => Alignment::Left,
    };
    let alignments: Vec<Alignment> = (0..columns).map(alignment).collect();
    let header_cells = {
        let header = header.to_vec();
        let alignments = alignments.clone();
        move || -> Vec<Box<dyn Element>> {
            (0..columns)
                .map(|c| {
                    table_cell(
                        header.get(c).map_or(&[][..], |s| s),
                        alignments[c],
                        true,
                        false,
                        spacing,
                    )
                })
                .collect()
        }
    };
    let mut table = TableLayout::new(weights);
    table.set_cell_decorator(TableDecorator::default());
    table.push_row(header_cells()).map_err(|e| e.to_string())?;
    for row in rows {
        let empty_row = row
            .iter()
            .skip(1)
            .all(|spans| spans.iter().all(|s| s.text.trim().is_empty()));
        table
            .push_row(
                (0..columns)
                    .map(|c| {
                        table_cell(
                            row.get(c).map_or(&[][..], |s| s),
                            alignments[c],
                            false,
                            empty_row,
                            spacing,
                        )
                    })
                    .collect(),
            )
            .map_err(|e| e.to_string())?;
    }
    // A table longer than the page starts each further page with its header row again.
    table.set_repeated_header(header_cells);
    Ok(table.padded(Margins::trbl(spacing, 0, 3.0 * spacing, 0)))
}

/// One cell of a table: its text (a header cell in bold), a drawn checkbox for a lone
/// `☐`, a link where all of it links to one place. Rows with empty cells are taller: room
/// to write in.
fn table_cell(
    spans: &[Span],
    alignment: Alignment,
    bold: bool,
    empty_row: bool,
    spacing: f64,
) -> Box<dyn Element> {
    let base = if bold {
        Style::new().bold()
    } else {
        Style::new()
    };
    let vertical = if empty_row { 3.5 } else { 1.2 * spacing };
    let role = if bold {
        Structure::TableHeaderCell
    } else {
        Structure::TableCell
    };
    let padding = Margins::trbl(vertical, 2, vertical, 2);
    let plain: String = spans.iter().map(|s| s.text.as_str()).collect();
    if let Some(checkbox) = elements::CheckboxCell::for_text(&plain) {
        return Box::new(Tagged::new(checkbox, role).padded(padding));
    }
    let text = paragraph(spans, base).aligned(alignment);
    match link_of(spans) {
        Some(to) => {
            Box::new(Tagged::new(Tagged::new(text, Structure::Link { to }), role).padded(padding))
        }
        None => Box::new(Tagged::new(text, role).padded(padding)),
    }
}

#[cfg(test)]
mod tests {
    //! Property test of the Markdown -> PDF half: whatever Markdown a course's own template
    //! emits, rendering ends in a PDF or an error, never a panic or a hang.
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_block_too_big_for_a_page_is_named_by_its_first_words() {
        let blocks = super::super::markdown::parse(&format!("{}\n", "word ".repeat(50)), "en");
        assert_eq!(
            first_words(blocks.first()),
            format!("{}…", ["word"; 12].join(" "))
        );
        assert_eq!(first_words(None), "a picture or an empty block…");
    }

    /// The page setup of a test: any course's, on `size` paper.
    fn page_setup(size: PageSize) -> PageSetup {
        PageSetup {
            size,
            title: "T".into(),
            header_left: vec![("Name".into(), true)],
            header_right: "contact".into(),
            footer_left: "Course".into(),
            page_of: "Page {page} of {pages}".into(),
            digits: None,
            continued: "{title} (continued)".into(),
        }
    }

    /// A layout that only counts finds the pages and where each named place lands as a
    /// full layout does, and keeps nothing else of its pages.
    #[test]
    fn a_counted_layout_finds_the_pages_a_full_one_does() {
        let fonts = FontSet::bundled();
        let setup = page_setup(PageSize::A4);
        let paragraph =
            "Stroke gently from the hip to the ankle, one hand after the other. ".repeat(12);
        let markdown: String = (1..=6)
            .map(|i| format!("<!-- anchor session-{i} -->\n# Week {i}\n\n{paragraph}\n\n{paragraph}\n\n- one\n- two\n\n"))
            .collect();
        let blocks = crate::render::markdown::parse(&markdown, "en");
        let pictures = Pictures::new(std::path::Path::new("."));
        let anchors = |pages: Pages| {
            let mut found = Vec::new();
            let mut page = 0;
            let count = layout_into(
                &blocks,
                &fonts,
                &setup,
                &pictures,
                "en",
                pages,
                &mut |frame| {
                    page += 1;
                    if pages == Pages::Counted {
                        assert!(frame.background.is_empty());
                        assert!(frame
                            .content
                            .iter()
                            .all(|item| matches!(item, genpdf::render::Item::Anchor { .. })));
                    }
                    found.extend(frame.anchors().map(|name| (name.to_owned(), page)));
                    Ok(())
                },
            )
            .unwrap();
            (count, found)
        };
        let (count, counted) = anchors(Pages::Counted);
        assert!(count > 3, "{count} pages");
        assert_eq!(counted.len(), 6);
        assert_eq!((count, counted), anchors(Pages::Streamed(count)));
    }

    fn markdownish() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("\n".to_owned()),
            Just("\n\n".to_owned()),
            Just("# ".to_owned()),
            Just("### ".to_owned()),
            Just("- ".to_owned()),
            Just("- [ ] ".to_owned()),
            Just("1. ".to_owned()),
            Just("> ".to_owned()),
            Just("| a | b |\n|---|:-:|\n".to_owned()),
            Just("| ".to_owned()),
            Just("**".to_owned()),
            Just("*".to_owned()),
            Just("---\n".to_owned()),
            Just("<!-- space 250 -->\n".to_owned()),
            Just("    ".to_owned()),
            "[a-z]{1,9}( [a-z]{1,9}){0,6}",
            "[a-z]{80,200}",
            "[ -~]{1,20}",
        ];
        prop::collection::vec(piece, 0..80).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64)
        ))]

        #[test]
        fn any_markdown_renders_or_fails_cleanly(markdown in markdownish(), letter in any::<bool>()) {
            let fonts = FontSet::bundled();
            let setup = page_setup(if letter { PageSize::Letter } else { PageSize::A4 });
            let blocks = crate::render::markdown::parse(&markdown, "en");
            // No images in this Markdown, so nothing can be missing: it must render.
            let pictures = Pictures::new(std::path::Path::new("."));
            let frames = layout(&blocks, &fonts, &setup, &pictures, "en").unwrap();
            let writer = crate::render::writer::Writer::new(fonts.cache());
            let metadata = crate::render::writer::Metadata { title: "T".into(), language: "en".into(), accessible: false, date: None };
            let pdf = writer.write(&frames, &metadata).unwrap();
            let read_back = lopdf::Document::load_mem(&pdf).unwrap();
            prop_assert_eq!(read_back.get_pages().len(), frames.len());
        }
    }
}
