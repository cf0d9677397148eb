// SPDX-FileCopyrightText: 2020 Robin Krahl <robin.krahl@ireas.org>
// SPDX-License-Identifier: Apache-2.0 or MIT

//! Pages as frames.
//!
//! course patch (rewrite): upstream wrapped printpdf layers here and wrote PDF operators
//! while laying out. Layout now records, per page, a background and a content list of
//! positioned items (glyph runs, rules, rectangles, images, anchors) with no PDF writer
//! type in them, as Typst's frames do. A writer elsewhere turns [`Frame`]s into PDF pages;
//! page counts and anchors are read from the frames.

use std::cell::RefCell;
use std::sync::Arc;

use crate::error::Error;
use crate::fonts::FontCache;
use crate::style::{Color, Style, StyledString};
use crate::text::{self, Direction, GlyphRun, Line};
use crate::{Margins, Mm, Position, Size};

/// An encoded picture, embedded as it is.
#[derive(Clone, Debug)]
pub struct ImageSource {
    pub bytes: Arc<Vec<u8>>,
    pub format: ImageFormat,
    pub width_px: u32,
    pub height_px: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
    // course patch: SVG drawings, drawn as vector paths by the writer; their size is in
    // CSS pixels (96 to the inch).
    Svg,
}

/// What a stretch of content is in the document's logical structure, for tagged PDF:
/// screen readers and reflowing viewers follow it. Marked by [`Item::Open`] and
/// [`Item::Close`] around the content, and may span pages.
#[derive(Clone, Debug, PartialEq)]
pub enum Structure {
    /// A heading of level 1 (the title) to 6, with its text for the outline.
    Heading { level: u8, title: String },
    Paragraph,
    List { numbered: bool },
    ListItem,
    ListLabel,
    ListBody,
    Table,
    TableRow,
    TableHeaderCell,
    TableCell,
    /// A set-apart block, such as a safety box.
    Aside,
    Figure { alt: String },
    /// A link to a named place ([`Item::Anchor`]) of the same document, or (course
    /// patch) to a web address.
    Link { to: String },
    /// Running header and footer: page furniture that is not part of the text.
    Artifact,
}

/// One thing drawn on a page; positions in millimetres from the page's top-left corner.
#[derive(Clone, Debug)]
pub enum Item {
    /// Glyphs drawn from `origin`, the left end of their baseline.
    Glyphs { origin: Position, run: GlyphRun },
    Rect {
        position: Position,
        size: Size,
        color: Color,
    },
    Line {
        points: Vec<Position>,
        color: Color,
        /// In points.
        thickness: f64,
    },
    Image {
        image: ImageSource,
        position: Position,
        size: Size,
    },
    Disc {
        centre: Position,
        radius: Mm,
        color: Color,
    },
    /// A named place (a booklet section), for contents pages and outlines.
    Anchor { name: String, position: Position },
    /// The start of a structure element, where its area begins: what is drawn until the
    /// matching `Close` is in it.
    Open {
        structure: Structure,
        position: Position,
    },
    Close,
}

/// One laid-out page.
#[derive(Clone, Debug)]
pub struct Frame {
    pub size: Size,
    /// Drawn first (shading behind text).
    pub background: Vec<Item>,
    pub content: Vec<Item>,
}

impl Frame {
    /// The named places on this page.
    pub fn anchors(&self) -> impl Iterator<Item = &str> {
        self.content.iter().filter_map(|item| match item {
            Item::Anchor { name, .. } => Some(name.as_str()),
            _ => None,
        })
    }
}

/// A page being laid out.
pub struct Page {
    size: Size,
    background: RefCell<Vec<Item>>,
    content: RefCell<Vec<Item>>,
    /// course patch: a page laid out only to learn how tall its content is, which keeps
    /// nothing drawn on it (see [`Renderer::measuring`]).
    measuring: bool,
}

impl Page {
    fn new(size: Size) -> Page {
        Page {
            size,
            background: RefCell::new(Vec::new()),
            content: RefCell::new(Vec::new()),
            measuring: false,
        }
    }

    /// A drawable area covering the page.
    pub fn area(&self) -> Area<'_> {
        Area {
            page: self,
            origin: Position::default(),
            size: self.size,
        }
    }

    fn into_frame(self) -> Frame {
        Frame {
            size: self.size,
            background: self.background.into_inner(),
            content: self.content.into_inner(),
        }
    }
}

/// The pages of a document being laid out.
pub struct Renderer {
    // invariant: pages.len() >= 1
    pages: Vec<Page>,
    /// course patch: whether its pages are only measured (see [`Renderer::measuring`]).
    measuring: bool,
}

impl Renderer {
    pub fn new(size: impl Into<Size>) -> Renderer {
        Renderer {
            pages: vec![Page::new(size.into())],
            measuring: false,
        }
    }

    fn page(&self, size: Size) -> Page {
        let mut page = Page::new(size);
        page.measuring = self.measuring;
        page
    }

    /// course patch: one page on which content is laid out only to learn its size (what a
    /// block kept together, or a heading's lead, takes): nothing drawn on it is kept, and
    /// paragraphs measure their lines without building them ([`Area::is_measuring`]).
    /// Half the layout of a handout was such measuring.
    /// Only the named places ([`Area::add_anchor`]) are kept, so a layout that only counts
    /// pages still learns where they land.
    pub fn measuring(size: impl Into<Size>) -> Renderer {
        let mut renderer = Renderer::new(size);
        renderer.measuring = true;
        renderer.pages[0].measuring = true;
        renderer
    }

    pub fn add_page(&mut self, size: impl Into<Size>) {
        let page = self.page(size.into());
        self.pages.push(page);
    }

    /// Starts a new page in place of the last one, and returns the last one's frame.
    pub fn replace_last_page(&mut self, size: impl Into<Size>) -> Frame {
        let last = self.pages.len() - 1;
        let page = self.page(size.into());
        std::mem::replace(&mut self.pages[last], page).into_frame()
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    pub fn get_page(&self, idx: usize) -> Option<&Page> {
        self.pages.get(idx)
    }

    pub fn last_page(&self) -> &Page {
        &self.pages[self.pages.len() - 1]
    }

    pub fn into_frames(self) -> Vec<Frame> {
        self.pages.into_iter().map(Page::into_frame).collect()
    }
}

/// A view on a part of a page that can be drawn on.
#[derive(Clone)]
pub struct Area<'a> {
    page: &'a Page,
    origin: Position,
    size: Size,
}

impl<'a> Area<'a> {
    /// Reduces the size of the drawable area by the given margins.
    pub fn add_margins(&mut self, margins: impl Into<Margins>) {
        let margins = margins.into();
        self.origin.x += margins.left;
        self.origin.y += margins.top;
        self.size.width -= margins.left + margins.right;
        self.size.height -= margins.top + margins.bottom;
    }

    pub fn size(&self) -> Size {
        self.size
    }

    /// course patch: where the area starts, from the page's top-left corner, so an element
    /// can tell how far down its page it is.
    pub fn origin(&self) -> Position {
        self.origin
    }

    /// Adds the given offset to the area, reducing the drawable area.
    pub fn add_offset(&mut self, offset: impl Into<Position>) {
        let offset = offset.into();
        self.origin.x += offset.x;
        self.origin.y += offset.y;
        self.size.width -= offset.x;
        self.size.height -= offset.y;
    }

    pub fn set_size(&mut self, size: impl Into<Size>) {
        self.size = size.into();
    }

    pub fn set_width(&mut self, width: Mm) {
        self.size.width = width;
    }

    pub fn set_height(&mut self, height: Mm) {
        self.size.height = height;
    }

    /// Splits this area horizontally into areas with the given widths.
    pub fn split_widths(&self, widths: &[Mm]) -> Vec<Area<'a>> {
        let mut offset = Mm(0.0);
        let mut areas = Vec::new();
        for width in widths {
            let mut area = self.clone();
            area.origin.x += offset;
            area.size.width = *width;
            areas.push(area);
            offset += *width;
        }
        areas
    }

    /// Splits this area horizontally using the given weights.
    pub fn split_horizontally(&self, weights: &[usize]) -> Vec<Area<'a>> {
        let total_weight: usize = weights.iter().sum();
        let factor = self.size.width / total_weight.max(1) as f64;
        let widths: Vec<Mm> = weights.iter().map(|w| factor * *w as f64).collect();
        self.split_widths(&widths)
    }

    fn at(&self, position: Position) -> Position {
        let mut p = position;
        p += self.origin;
        p
    }

    /// course patch: whether this area is on a page laid out only to be measured, where
    /// what is drawn is not kept (see [`Renderer::measuring`]).
    pub fn is_measuring(&self) -> bool {
        self.page.measuring
    }

    fn push(&self, item: Item) {
        if !self.page.measuring || matches!(item, Item::Anchor { .. }) {
            self.page.content.borrow_mut().push(item);
        }
    }

    /// Draws an image with its top-left corner at `position`.
    pub fn draw_image(&self, image: ImageSource, position: Position, size: Size) {
        self.push(Item::Image {
            image,
            position: self.at(position),
            size,
        });
    }

    /// Draws a line through the points in the colour of `style` (black by default).
    pub fn draw_line(&self, points: Vec<Position>, style: Style) {
        self.draw_thick_line(points, style.color().unwrap_or(Color::Rgb(0, 0, 0)), 1.0);
    }

    /// course patch: fills a rectangle behind all content, so it may be called after the
    /// content on top of it has been laid out.
    pub fn fill_rect(&self, position: Position, size: Size, color: Color) {
        if self.page.measuring {
            return;
        }
        self.page.background.borrow_mut().push(Item::Rect {
            position: self.at(position),
            size,
            color,
        });
    }

    /// course patch: draws a line of the given colour and thickness (in points).
    pub fn draw_thick_line(&self, points: Vec<Position>, color: Color, thickness: f64) {
        let points = points.into_iter().map(|p| self.at(p)).collect();
        self.push(Item::Line {
            points,
            color,
            thickness,
        });
    }

    /// course patch: a filled circle (a drawn bullet), on the content list.
    pub fn fill_disc(&self, centre: Position, radius: Mm, color: Color) {
        self.push(Item::Disc {
            centre: self.at(centre),
            radius,
            color,
        });
    }

    /// Marks a named place at the top of the area.
    pub fn add_anchor(&self, name: &str) {
        self.push(Item::Anchor {
            name: name.to_owned(),
            position: self.at(Position::default()),
        });
    }

    /// Starts a structure element: what is drawn next, until [`close`](Self::close), is in it.
    pub fn open(&self, structure: Structure) {
        self.push(Item::Open {
            structure,
            position: self.at(Position::default()),
        });
    }

    pub fn close(&self) {
        self.push(Item::Close);
    }

    /// Draws a laid-out line whose box starts at `position` (its top-left corner).
    pub fn draw_text_line(&self, position: Position, line: Line) {
        let baseline = self.at(position) + Position::new(0, Mm::from_pt(f64::from(line.baseline)));
        for (x, run) in line.runs {
            self.push(Item::Glyphs {
                origin: baseline + Position::new(Mm::from_pt(f64::from(x)), 0),
                run,
            });
        }
    }

    /// course patch: draws a line as [`draw_text_line`](Self::draw_text_line) does, the
    /// glyphs of each of `links` (byte ranges of the paragraph's text and where they go)
    /// inside a link element, so a web address in prose is a link annotation.
    pub fn draw_text_line_linked(
        &self,
        position: Position,
        line: Line,
        links: &[(std::ops::Range<usize>, String)],
    ) {
        if links.is_empty() {
            return self.draw_text_line(position, line);
        }
        let baseline = self.at(position) + Position::new(0, Mm::from_pt(f64::from(line.baseline)));
        let link_of = |glyph: &crate::text::Glyph| {
            let at = glyph.text().start;
            links.iter().position(|(range, _)| range.contains(&at))
        };
        for (x, run) in line.runs {
            // Runs of glyphs in visual order that are in the same link (or in none).
            let mut start = 0;
            let mut x = x;
            while start < run.glyphs.len() {
                let link = link_of(&run.glyphs[start]);
                let end = run.glyphs[start..]
                    .iter()
                    .position(|g| link_of(g) != link)
                    .map_or(run.glyphs.len(), |n| start + n);
                let part = GlyphRun {
                    font: run.font.clone(),
                    size: run.size,
                    color: run.color,
                    glyphs: run.glyphs[start..end].to_vec(),
                    text: run.text.clone(),
                };
                let width = part.width();
                if let Some(i) = link {
                    self.open(Structure::Link { to: links[i].1.clone() });
                }
                self.push(Item::Glyphs {
                    origin: baseline + Position::new(Mm::from_pt(f64::from(x)), 0),
                    run: part,
                });
                if link.is_some() {
                    self.close();
                }
                x += width;
                start = end;
            }
        }
    }

    /// Prints `s` as one line at `position` if its line fits in the area; whether it did.
    pub fn print_str<S: AsRef<str>>(
        &self,
        font_cache: &FontCache,
        position: Position,
        style: Style,
        s: S,
        direction: Direction,
    ) -> Result<bool, Error> {
        let paragraph = text::shape(font_cache, &[StyledString::new(s.as_ref(), style)], direction)?;
        let (height, _) = text::line_metrics(font_cache, style);
        if position.y + Mm::from_pt(f64::from(height)) > self.size.height {
            return Ok(false);
        }
        let line = paragraph.line(font_cache, 0..paragraph.text().len());
        self.draw_text_line(position, line);
        Ok(true)
    }
}
