//! PDF elements genpdf lacks: a shaded box, a shaded table header, the running header and
//! footer, pictures, drawn list marks, a notes box and QR codes.

use super::keep::to_next_page;
use genpdf::elements::{CellDecorator, FrameCellDecorator, LinearLayout, Paragraph};
use genpdf::render::Area;
use genpdf::style::{Color, Style};
use genpdf::{
    Alignment, Context, Element, Margins, Mm, PageDecorator, Position, RenderResult, Size,
};

pub const ACCENT: Color = Color::Rgb(46, 106, 142);
pub const MUTED: Color = Color::Rgb(105, 105, 105);
pub const RULE: Color = Color::Rgb(170, 170, 170);
pub const SAFETY_FILL: Color = Color::Rgb(254, 243, 226);
pub const SAFETY_BAR: Color = Color::Rgb(232, 146, 40);
pub const SAFETY_TITLE: Color = Color::Rgb(176, 92, 8);
pub const HEADER_FILL: Color = Color::Rgb(216, 230, 239);

/// A shaded box with a coloured bar on its left, for safety points.
pub struct ShadedBox {
    inner: LinearLayout,
    /// Its title as it starts each further page of a long box ("Safety first (continued)").
    title: Option<String>,
    started: bool,
    /// Its padding above and below its text, in millimetres (less in a tighter setting).
    padding: f64,
}

impl ShadedBox {
    /// A box with `spacing` times the usual space above and below its text.
    pub fn new(inner: LinearLayout, title: Option<String>, spacing: f64) -> Self {
        ShadedBox {
            inner,
            title,
            started: false,
            padding: 3.0 * spacing,
        }
    }
}

impl Element for ShadedBox {
    fn render(
        &mut self,
        context: &Context,
        area: Area<'_>,
        style: Style,
    ) -> Result<RenderResult, genpdf::error::Error> {
        if !self.started && area.size().height < Mm::from(35.0) {
            return Ok(to_next_page());
        }
        let continued = self.started;
        self.started = true;
        // The bar is on the side lines start from: the right on a right-to-left page.
        let rtl = context.direction == genpdf::text::Direction::Rtl;
        let padding = if rtl {
            Margins::trbl(self.padding, 6.0, self.padding, 4.0)
        } else {
            Margins::trbl(self.padding, 4.0, self.padding, 6.0)
        };
        let mut inner_area = area.clone();
        inner_area.add_margins(padding);
        let mut repeated = Mm::from(0.0);
        if let (true, Some(title)) = (continued, &self.title) {
            // A repeat of text already in the document: page furniture.
            inner_area.open(genpdf::render::Structure::Artifact);
            let title_style = style.bold().with_font_size(11).with_color(SAFETY_TITLE);
            let drawn = Paragraph::new(title.clone())
                .padded(Margins::trbl(0, 0, 1.5, 0))
                .render(context, inner_area.clone(), title_style)?;
            inner_area.close();
            repeated = drawn.size.height;
            inner_area.add_offset(Position::new(0, repeated));
        }
        let mut result = self.inner.render(context, inner_area, style)?;
        result.size.height += repeated;
        let height = result.size.height + Mm::from(2.0 * self.padding);
        area.fill_rect(
            Position::new(0, 0),
            Size::new(area.size().width, height),
            SAFETY_FILL,
        );
        let bar_x = if rtl {
            area.size().width - Mm::from(1.2)
        } else {
            Mm::from(0.0)
        };
        area.fill_rect(
            Position::new(bar_x, Mm::from(0.0)),
            Size::new(1.2, height),
            SAFETY_BAR,
        );
        result.size = Size::new(
            area.size().width,
            height + Mm::from(2.0 * self.padding / 3.0),
        );
        Ok(result)
    }
}

/// Table frames with a shaded header row.
pub struct TableDecorator {
    frame: FrameCellDecorator,
}

impl Default for TableDecorator {
    fn default() -> Self {
        TableDecorator {
            frame: FrameCellDecorator::new(true, true, false),
        }
    }
}

impl CellDecorator for TableDecorator {
    fn set_table_size(&mut self, num_columns: usize, num_rows: usize) {
        self.frame.set_table_size(num_columns, num_rows);
    }

    fn decorate_cell(
        &mut self,
        column: usize,
        row: usize,
        has_more: bool,
        area: Area<'_>,
        style: Style,
    ) {
        if row == 0 {
            area.fill_rect(Position::new(0, 0), area.size(), HEADER_FILL);
        }
        self.frame
            .decorate_cell(column, row, has_more, area, style.with_color(RULE));
    }
}

/// The running header (instructor and contact over a rule) and footer (course and
/// "Page N of M" under a rule).
pub struct Decorator {
    pub margins: Margins,
    pub header_left: Vec<(String, Style)>,
    pub header_right: String,
    pub footer_left: String,
    /// "Page {page} of {pages}" with the placeholders still in.
    pub page_of: String,
    /// The language's digits for the page numbers, when not 0-9.
    pub digits: Option<[char; 10]>,
    /// Whether the first page is a cover, without header and footer.
    pub cover: bool,
    /// Pages begun so far.
    pub pages_started: usize,
    /// A page (from 1) set short by a re-layout, and the height of its text area.
    pub shorten: Option<(usize, Mm)>,
}

/// Room the running header and footer take from the page, in millimetres.
pub const HEADER_HEIGHT: f64 = 12.0;
pub const FOOTER_HEIGHT: f64 = 10.0;

impl Decorator {
    /// Draws `left` and `right` on one line at the top of `area`, or `right` on a second
    /// line when they do not fit side by side (a narrow page); the height used.
    fn pair(
        context: &Context,
        area: &Area<'_>,
        left: &[(String, Style)],
        right: &str,
        style: Style,
    ) -> Result<Mm, genpdf::error::Error> {
        let cache = &context.font_cache;
        let mut left_width = Mm::from(0.0);
        for (text, s) in left {
            left_width += genpdf::text::measure(cache, text, style.and(*s))?;
        }
        let right_width = genpdf::text::measure(cache, right, style)?;
        let line = Mm::from_pt(f64::from(genpdf::text::line_metrics(cache, style).0));
        let mut paragraph = Paragraph::default();
        for (text, s) in left {
            paragraph.push_styled(text.clone(), style.and(*s));
        }
        paragraph.render(context, area.clone(), style)?;
        let fits = left_width + right_width + Mm::from(4.0) <= area.size().width;
        let mut right_area = area.clone();
        if !fits {
            right_area.add_offset(Position::new(0, line));
        }
        Paragraph::new(right.to_owned())
            .aligned(Alignment::Right)
            .render(context, right_area, style)?;
        Ok(if fits { line } else { line + line })
    }
}

impl PageDecorator for Decorator {
    fn decorate_page<'a>(
        &mut self,
        context: &Context,
        mut area: Area<'a>,
        style: Style,
    ) -> Result<Area<'a>, genpdf::error::Error> {
        // Every page begun counts against the document's budget, so a template that
        // multiplies page breaks stops here instead of filling memory with pages.
        super::budget::page().map_err(|e| {
            genpdf::error::Error::new(e.message(), genpdf::error::ErrorKind::Internal)
        })?;
        self.pages_started += 1;
        if self.cover && self.pages_started == 1 {
            area.add_margins(self.margins);
            return Ok(area);
        }
        area.add_margins(self.margins);
        // The running header is page furniture, which screen readers skip.
        area.open(genpdf::render::Structure::Artifact);
        let small = style.with_font_size(8).with_color(MUTED);
        let used = Self::pair(context, &area, &self.header_left, &self.header_right, small)?;
        let y = Mm::from(6.0).max(used + Mm::from(1.7));
        area.draw_thick_line(
            vec![Position::new(0, y), Position::new(area.size().width, y)],
            RULE,
            0.5,
        );
        area.close();
        area.add_offset(Position::new(
            0,
            Mm::from(HEADER_HEIGHT).max(y + Mm::from(6.0)),
        ));
        let mut height = area.size().height - Mm::from(FOOTER_HEIGHT);
        if let Some((_, short)) = self.shorten.filter(|(page, _)| *page == self.pages_started) {
            height = Mm::from(height.get().min(short.get()));
        }
        area.set_height(height);
        Ok(area)
    }

    fn finish_page(
        &mut self,
        context: &Context,
        mut area: Area<'_>,
        style: Style,
        page: usize,
        pages: usize,
    ) -> Result<(), genpdf::error::Error> {
        if self.cover && page == 1 {
            return Ok(());
        }
        area.add_margins(self.margins);
        area.open(genpdf::render::Structure::Artifact);
        let top = area.size().height - Mm::from(FOOTER_HEIGHT - 3.0);
        area.draw_thick_line(
            vec![Position::new(0, top), Position::new(area.size().width, top)],
            RULE,
            0.5,
        );
        area.add_offset(Position::new(0, top + Mm::from(1.5)));
        let small = style.with_font_size(8).with_color(MUTED);
        let digits = |n: usize| crate::locale::with_digits(&n.to_string(), self.digits);
        let number = self
            .page_of
            .replace("{page}", &digits(page))
            .replace("{pages}", &digits(pages));
        let left = [(self.footer_left.clone(), Style::new())];
        Self::pair(context, &area, &left, &number, small)?;
        area.close();
        Ok(())
    }
}

/// A PNG or JPEG picture or an SVG drawing, centred, at most 120 mm wide (150 dpi at most
/// for a picture; a drawing at the size it gives) unless given a width, and never taller
/// than a page's text area. A picture is embedded as it is, alpha channel included; a
/// drawing as paths.
pub struct Picture {
    source: genpdf::render::ImageSource,
    moved: bool,
    /// The width to print it at, in millimetres, when not its own.
    width: Option<f64>,
}

impl Picture {
    /// A picture of `bytes`, read through the read gate and checked
    /// (`images::inspect`), whose header says `info`; the pixels are decoded only by the
    /// PDF writer.
    pub fn new(bytes: std::sync::Arc<Vec<u8>>, info: &crate::images::ImageInfo) -> Picture {
        let format = match info.format {
            crate::images::Format::Png => genpdf::render::ImageFormat::Png,
            crate::images::Format::Jpeg => genpdf::render::ImageFormat::Jpeg,
            crate::images::Format::Svg => genpdf::render::ImageFormat::Svg,
        };
        Picture {
            source: genpdf::render::ImageSource {
                bytes,
                format,
                width_px: info.width,
                height_px: info.height,
            },
            moved: false,
            width: None,
        }
    }

    /// Its own width in millimetres: a drawing's in CSS pixels, a photo's at 150 dpi,
    /// at most 120 mm.
    pub fn natural_width(&self) -> f64 {
        let dpi = match self.source.format {
            genpdf::render::ImageFormat::Svg => 96.0,
            _ => 150.0,
        };
        (f64::from(self.source.width_px) * 25.4 / dpi).min(120.0)
    }

    /// Printed `width` millimetres wide (or as wide as there is room for).
    pub fn with_width(mut self, width: f64) -> Self {
        self.width = Some(width);
        self
    }
}

impl Element for Picture {
    fn render(
        &mut self,
        _context: &Context,
        area: Area<'_>,
        _style: Style,
    ) -> Result<RenderResult, genpdf::error::Error> {
        let (w, h) = (
            f64::from(self.source.width_px),
            f64::from(self.source.height_px),
        );
        let mut width = self
            .width
            .unwrap_or_else(|| self.natural_width())
            .min(area.size().width.get());
        let mut height = width * h / w;
        let room = area.size().height.get();
        if height > room {
            if !self.moved {
                // Try a fresh page first; shrink only if the picture is taller than a page.
                self.moved = true;
                return Ok(to_next_page());
            }
            height = room;
            width = height * w / h;
        }
        let x = (area.size().width.get() - width) / 2.0;
        area.draw_image(
            self.source.clone(),
            Position::new(x, 0),
            Size::new(width, height),
        );
        Ok(RenderResult {
            size: Size::new(width, height),
            has_more: false,
        })
    }
}

/// A drawn list mark: checkboxes and bullets are vector shapes the size of the text, so
/// they print whatever the font has (a font without ☐ would show an empty space).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Bullet,
    Box { ticked: bool },
}

/// A list item with a drawn mark at the start of its first line (the end, on
/// right-to-left pages), placed with the first content that is laid out.
pub struct MarkedItem<E: Element> {
    inner: E,
    mark: Mark,
    drawn: bool,
}

impl<E: Element> MarkedItem<E> {
    pub fn new(inner: E, mark: Mark) -> Self {
        MarkedItem {
            inner,
            mark,
            drawn: false,
        }
    }
}

const MARK_INDENT: f64 = 6.0;

impl<E: Element> Element for MarkedItem<E> {
    fn render(
        &mut self,
        context: &Context,
        area: Area<'_>,
        style: Style,
    ) -> Result<RenderResult, genpdf::error::Error> {
        let rtl = context.direction == genpdf::text::Direction::Rtl;
        let width = area.size().width;
        let mut inner_area = area.clone();
        if rtl {
            inner_area.set_width(width - Mm::from(MARK_INDENT));
        } else {
            inner_area.add_offset(Position::new(MARK_INDENT, 0));
        }
        let mut result = self.inner.render(context, inner_area, style)?;
        result.size.width += Mm::from(MARK_INDENT);
        if !self.drawn && result.size.height > Mm::from(0) {
            self.drawn = true;
            let size_pt = f64::from(style.font_size());
            let line = style.line_height(&context.font_cache);
            let side = Mm::from_pt(size_pt * 0.72);
            let centre_y = line.get() / 2.0;
            let (x0, x1) = if rtl {
                (
                    width.get() - MARK_INDENT + 1.2,
                    width.get() - MARK_INDENT + 1.2 + side.get(),
                )
            } else {
                (MARK_INDENT - 1.8 - side.get(), MARK_INDENT - 1.8)
            };
            let y0 = centre_y - side.get() / 2.0;
            match self.mark {
                Mark::Box { ticked } => draw_box(&area, x0, y0, side.get(), ticked),
                Mark::Bullet => {
                    let r = side.get() * 0.22;
                    let (cx, cy) = ((x0 + x1) / 2.0, centre_y);
                    area.fill_disc(
                        Position::new(cx, cy),
                        Mm::from(r),
                        genpdf::style::Color::Rgb(0, 0, 0),
                    );
                }
            }
        }
        Ok(result)
    }
}

/// A framed box for handwritten notes below the rest of the page (as the reference
/// checklist has), at most [`NotesBox::MAX_HEIGHT`] millimetres, with its label in the
/// corner; left out when less than [`NotesBox::MIN_HEIGHT`] millimetres remain, so it
/// never starts a page of its own.
pub struct NotesBox {
    label: String,
    done: bool,
}

impl NotesBox {
    const MIN_HEIGHT: f64 = 25.0;
    /// Room for a few lines of notes; a page of empty frame helps nobody.
    const MAX_HEIGHT: f64 = 50.0;

    pub fn new(label: &str) -> NotesBox {
        NotesBox {
            label: label.to_owned(),
            done: false,
        }
    }
}

impl Element for NotesBox {
    fn render(
        &mut self,
        context: &Context,
        area: Area<'_>,
        style: Style,
    ) -> Result<RenderResult, genpdf::error::Error> {
        let mut result = RenderResult::default();
        let top = Mm::from(4.0);
        let height = Mm::from((area.size().height - top).get().min(Self::MAX_HEIGHT + 1.0) - 1.0);
        if self.done || height < Mm::from(Self::MIN_HEIGHT) {
            return Ok(result);
        }
        self.done = true;
        let width = area.size().width;
        let bottom = top + height;
        draw_rect(&area, (Mm::from(0.0), top), (width, bottom), RULE, 0.75);
        let mut inside = area.clone();
        inside.add_offset(Position::new(Mm::from(2.5), top + Mm::from(2.0)));
        genpdf::elements::Tagged::new(
            Paragraph::new(self.label.clone()),
            genpdf::render::Structure::Paragraph,
        )
        .render(context, inside, style.with_font_size(8).with_color(MUTED))?;
        result.size = Size::new(width, bottom);
        Ok(result)
    }
}

/// The outline of the rectangle from corner `a` to corner `b`, `thickness` points wide.
fn draw_rect(
    area: &Area<'_>,
    a: (Mm, Mm),
    b: (Mm, Mm),
    color: genpdf::style::Color,
    thickness: f64,
) {
    area.draw_thick_line(
        vec![
            Position::new(a.0, a.1),
            Position::new(b.0, a.1),
            Position::new(b.0, b.1),
            Position::new(a.0, b.1),
            Position::new(a.0, a.1),
        ],
        color,
        thickness,
    );
}

/// A checkbox square with its top-left corner at `x0`, `y0` (millimetres in `area`),
/// ticked or empty: drawn, so it prints whatever the font.
fn draw_box(area: &Area<'_>, x0: f64, y0: f64, side: f64, ticked: bool) {
    let ink = genpdf::style::Color::Rgb(40, 40, 40);
    let corner = |x: f64, y: f64| (Mm::from(x), Mm::from(y));
    draw_rect(area, corner(x0, y0), corner(x0 + side, y0 + side), ink, 0.7);
    if ticked {
        area.draw_thick_line(
            vec![
                Position::new(x0 + side * 0.2, y0 + side * 0.55),
                Position::new(x0 + side * 0.42, y0 + side * 0.8),
                Position::new(x0 + side * 0.85, y0 + side * 0.2),
            ],
            ink,
            1.0,
        );
    }
}

/// A table cell that is only a checkbox (`☐` or `☑` in a template's table): a drawn
/// square, centred, the size of the text's.
pub struct CheckboxCell {
    ticked: bool,
}

impl CheckboxCell {
    /// The cell for `text` when it is a lone checkbox character.
    pub fn for_text(text: &str) -> Option<CheckboxCell> {
        match text.trim() {
            "☐" => Some(CheckboxCell { ticked: false }),
            "☑" | "☒" => Some(CheckboxCell { ticked: true }),
            _ => None,
        }
    }
}

impl Element for CheckboxCell {
    fn render(
        &mut self,
        context: &Context,
        area: Area<'_>,
        style: Style,
    ) -> Result<RenderResult, genpdf::error::Error> {
        let line = style.line_height(&context.font_cache);
        let side = Mm::from_pt(f64::from(style.font_size()) * 0.72).get();
        let x0 = (area.size().width.get() - side) / 2.0;
        let y0 = (line.get() - side) / 2.0;
        draw_box(&area, x0, y0, side, self.ticked);
        Ok(RenderResult {
            size: Size::new(area.size().width, line),
            has_more: false,
        })
    }
}

/// A QR code drawn as vector squares (runs of dark modules in a row are one rectangle),
/// with error correction M and a quiet zone of four modules, each module 0.6 mm: well
/// above the 0.5 mm a phone camera needs at arm's length. It is page decoration: the
/// address printed under it says the same to a screen reader.
pub struct QrCode {
    /// Dark modules, row by row; `width` a side.
    dark: Vec<bool>,
    width: usize,
}

/// Millimetres per module of a printed QR code.
pub const QR_MODULE_MM: f64 = 0.6;
/// Light modules around a QR code, as the standard asks.
pub const QR_QUIET_ZONE: usize = 4;

impl QrCode {
    pub fn new(address: &str) -> Result<QrCode, String> {
        let code = qrcode::QrCode::with_error_correction_level(address, qrcode::EcLevel::M)
            .map_err(|e| format!("`{address}` cannot be made into a QR code: {e}"))?;
        let dark = code
            .to_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect();
        Ok(QrCode {
            dark,
            width: code.width(),
        })
    }

    /// Its side, quiet zone included, in millimetres.
    pub fn side(&self) -> f64 {
        (self.width + 2 * QR_QUIET_ZONE) as f64 * QR_MODULE_MM
    }
}

impl Element for QrCode {
    fn render(
        &mut self,
        _context: &Context,
        area: Area<'_>,
        _style: Style,
    ) -> Result<RenderResult, genpdf::error::Error> {
        let side = self.side();
        if area.size().height.get() < side {
            return Ok(to_next_page());
        }
        let module = QR_MODULE_MM;
        let black = genpdf::style::Color::Rgb(0, 0, 0);
        for (y, row) in self.dark.chunks(self.width).enumerate() {
            let mut x = 0;
            while x < row.len() {
                if !row[x] {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < row.len() && row[x] {
                    x += 1;
                }
                let at = |n: usize| (n + QR_QUIET_ZONE) as f64 * module;
                area.fill_rect(
                    Position::new(at(start), at(y)),
                    Size::new((x - start) as f64 * module, module),
                    black,
                );
            }
        }
        Ok(RenderResult {
            size: Size::new(side, side),
            has_more: false,
        })
    }
}

/// Content moved whole to the next page when less than `height` millimetres remain, so a
/// QR code stays with its caption and address.
pub struct NeedsRoom<E: Element> {
    inner: E,
    height: f64,
    moved: bool,
}

impl<E: Element> NeedsRoom<E> {
    pub fn new(inner: E, height: f64) -> Self {
        NeedsRoom {
            inner,
            height,
            moved: false,
        }
    }
}

impl<E: Element> Element for NeedsRoom<E> {
    fn render(
        &mut self,
        context: &Context,
        area: Area<'_>,
        style: Style,
    ) -> Result<RenderResult, genpdf::error::Error> {
        if !self.moved && area.size().height.get() < self.height {
            // Once only: on a fresh page it is laid out however much room there is.
            self.moved = true;
            return Ok(to_next_page());
        }
        self.moved = true;
        self.inner.render(context, area, style)
    }
}

/// Content laid out in a column `width` millimetres wide (or the whole area, when
/// narrower), centred: a caption under its picture.
pub struct Centred<E: Element> {
    inner: E,
    width: f64,
}

impl<E: Element> Centred<E> {
    pub fn new(inner: E, width: f64) -> Self {
        Centred { inner, width }
    }
}

impl<E: Element> Element for Centred<E> {
    fn render(
        &mut self,
        context: &Context,
        area: Area<'_>,
        style: Style,
    ) -> Result<RenderResult, genpdf::error::Error> {
        let room = area.size().width.get();
        let width = self.width.min(room);
        let mut inner = area.clone();
        inner.add_offset(Position::new((room - width) / 2.0, 0));
        inner.set_width(Mm::from(width));
        let mut result = self.inner.render(context, inner, style)?;
        result.size.width = Mm::from(room);
        Ok(result)
    }
}
