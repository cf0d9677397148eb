//! The PDF writer: laid-out frames -> PDF bytes, with krilla (the PDF library Typst writes
//! with). This is the only file that names it: layout records frames of positioned glyph
//! runs, rules, rectangles and images, and knows nothing of PDF.

mod structure;

use structure::StructureBuilder;

use super::failure::RenderFailure;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use genpdf::fonts::{FontCache, FontData};
use genpdf::render::{Frame, ImageFormat, Item, Structure};
use genpdf::style::Color;
use genpdf::{Mm, Position};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule, LineCap, Stroke};
use krilla::surface::Surface;
use krilla::text::{GlyphId, KrillaGlyph};

/// What a document says about itself.
pub struct Metadata {
    pub title: String,
    pub language: String,
    /// Checked against PDF/UA-1 (accessible PDF) as it is written; see [`RenderFailure::NotAccessible`].
    pub accessible: bool,
    /// SOURCE_DATE_EPOCH: the date written into the PDF; none is written without it, so
    /// the same input always gives the same bytes.
    pub date: Option<i64>,
}

/// Turns frames into PDFs; the fonts are converted once and shared by every document of
/// a build (krilla subsets each document's glyphs when it finishes).
pub struct Writer {
    faces: Vec<Arc<FontData>>,
    fonts: Vec<OnceLock<Option<krilla::text::Font>>>,
}

/// A PDF being written: pages go in as they are laid out (and are compressed then),
/// so a long booklet never holds all its frames at once.
pub struct PdfBuilder<'w> {
    writer: &'w Writer,
    document: krilla::Document,
    structure: structure::StructureBuilder,
    pages: usize,
}

impl PdfBuilder<'_> {
    pub fn page(&mut self, frame: &Frame) -> Result<(), RenderFailure> {
        let size = Size::from_wh(pt(frame.size.width), pt(frame.size.height))
            .ok_or_else(|| RenderFailure::Other("the page has no size".into()))?;
        let links = self.plan_links(frame);
        let mut page = self
            .document
            .start_page_with(krilla::page::PageSettings::new(size));
        // Link annotations are added before the page is drawn, so each can join its link
        // in the structure tree when the link ends.
        let annotations = links
            .into_iter()
            .map(|link| {
                link.map(|link| {
                    let target = link.to;
                    page.add_tagged_annotation(krilla::annotation::Annotation::new_link(
                        krilla::annotation::LinkAnnotation::new(link.rect, target),
                        Some(link.text),
                    ))
                })
            })
            .collect();
        self.structure.start_page(self.pages, annotations);
        let mut surface = page.surface();
        // Every marked sequence begun is ended even when drawing fails (a picture the
        // PDF writer cannot read): krilla refuses to finish a page with one still open.
        let mut open_tags = 0usize;
        let drawn = (|| -> Result<(), String> {
            // Shading behind the text is decoration.
            surface.start_tagged(StructureBuilder::artifact_tag());
            open_tags += 1;
            for item in &frame.background {
                self.writer.draw(&mut surface, item)?;
            }
            surface.end_tagged();
            open_tags -= 1;
            // Consecutive text of one structure element is one marked sequence: a tag per
            // glyph run would make the tree (and the file) much larger for nothing.
            let mut in_text = false;
            for item in &frame.content {
                let bounds = bounds(item).filter(|_| !self.structure.in_artifact());
                if in_text && bounds.is_none() {
                    surface.end_tagged();
                    open_tags -= 1;
                    in_text = false;
                }
                match item {
                    Item::Open {
                        structure,
                        position,
                    } => self.structure.open(structure, self.pages, point(*position)),
                    Item::Close => self.structure.close(),
                    Item::Anchor { .. } => {}
                    _ => match bounds {
                        Some(_) => {
                            if !in_text {
                                let id = surface.start_tagged(StructureBuilder::text_tag());
                                open_tags += 1;
                                self.structure.add(id);
                                in_text = true;
                            }
                            self.writer.draw(&mut surface, item)?;
                        }
                        None => {
                            surface.start_tagged(StructureBuilder::artifact_tag());
                            open_tags += 1;
                            self.writer.draw(&mut surface, item)?;
                            surface.end_tagged();
                            open_tags -= 1;
                        }
                    },
                }
            }
            Ok(())
        })();
        for _ in 0..open_tags {
            surface.end_tagged();
        }
        surface.finish();
        page.finish();
        drawn?;
        self.pages += 1;
        Ok(())
    }

    /// The links that start and end on `frame`, in the order they end: the box around
    /// their text, where they go and what they say. `None` for a link to a place the
    /// document does not have.
    fn plan_links(&self, frame: &Frame) -> Vec<Option<structure::PlannedLink>> {
        // Per open element on this page: for a link, where it goes, its box and its text.
        let mut open: Vec<Option<(String, Option<Rect>, String)>> = Vec::new();
        let mut planned = Vec::new();
        for item in &frame.content {
            match item {
                Item::Open {
                    structure: Structure::Link { to },
                    ..
                } => open.push(Some((to.clone(), None, String::new()))),
                Item::Open { .. } => open.push(None),
                Item::Close => {
                    if let Some(Some((to, rect, text))) = open.pop() {
                        planned.push(rect.zip(self.structure.target(&to)).map(|(rect, to)| {
                            structure::PlannedLink {
                                rect,
                                to,
                                text: text.trim().to_owned(),
                            }
                        }));
                    }
                }
                Item::Glyphs { run, .. } => {
                    let Some(item_bounds) = bounds(item) else {
                        continue;
                    };
                    if let Some(Some((_, rect, text))) = open.iter_mut().rev().find(|o| o.is_some())
                    {
                        *rect = Some(rect.map_or(item_bounds, |r| union(r, item_bounds)));
                        for g in &run.glyphs {
                            text.push_str(run.text.get(g.text()).unwrap_or(""));
                        }
                    }
                }
                _ => {}
            }
        }
        planned
    }

    /// The PDF's bytes. A PDF that falls short of PDF/UA-1 (a course font whose licence
    /// forbids embedding it in such files, a template without headings for an outline)
    /// fails with [`RenderFailure::NotAccessible`]: it is then written again without that claim.
    pub fn finish(mut self) -> Result<Vec<u8>, RenderFailure> {
        let (tree, outline) = self.structure.finish();
        self.document.set_tag_tree(tree);
        self.document.set_outline(outline);
        self.document.finish().map_err(|e| match e {
            krilla::error::KrillaError::Validation(_) => RenderFailure::NotAccessible,
            krilla::error::KrillaError::Font(_, why) => RenderFailure::FontNotEmbeddable(why),
            e => RenderFailure::Other(e.to_string()),
        })
    }
}

fn union(a: Rect, b: Rect) -> Rect {
    Rect::from_ltrb(
        a.left().min(b.left()),
        a.top().min(b.top()),
        a.right().max(b.right()),
        a.bottom().max(b.bottom()),
    )
    .unwrap_or(a)
}

/// Where text or a picture is on the page; `None` for decoration (shading, rules, marks),
/// which is not part of the document's text.
fn bounds(item: &Item) -> Option<Rect> {
    match item {
        Item::Glyphs { origin, run } => {
            let at = point(*origin);
            Rect::from_xywh(at.x, at.y - run.size, run.width().max(0.1), run.size * 1.3)
        }
        Item::Image { position, size, .. } => {
            let at = point(*position);
            Rect::from_xywh(at.x, at.y, pt(size.width), pt(size.height))
        }
        _ => None,
    }
}

impl Writer {
    pub fn new(cache: &FontCache) -> Writer {
        let faces = cache.faces().to_vec();
        let fonts = faces.iter().map(|_| OnceLock::new()).collect();
        Writer { faces, fonts }
    }

    fn font(&self, index: usize) -> Option<krilla::text::Font> {
        self.fonts[index]
            .get_or_init(|| {
                let (bytes, face) = self.faces[index].program();
                let data: Arc<dyn AsRef<[u8]> + Send + Sync> = bytes.clone();
                krilla::text::Font::new(data.into(), face)
            })
            .clone()
    }

    /// Starts a PDF; its pages are added one by one as layout finishes them. `anchors`
    /// are the pages (from 1) of the named places its links go to.
    pub fn start(&self, metadata: &Metadata, anchors: HashMap<String, usize>) -> PdfBuilder<'_> {
        let settings = krilla::SerializeSettings {
            compress_content_streams: true,
            xmp_metadata: false,
            enable_tagging: true,
            configuration: if metadata.accessible {
                krilla::configure::ConfigurationBuilder::new()
                    .with_accessibility_validator(krilla::configure::Accessibility::UA1)
                    .finish()
                    .unwrap_or_default()
            } else {
                Default::default()
            },
            ..Default::default()
        };
        let mut document = krilla::Document::new_with(settings);
        let mut info = krilla::metadata::Metadata::new()
            .title(metadata.title.clone())
            .language(metadata.language.clone())
            .creator("course".to_owned());
        if let Some(epoch) = metadata.date {
            info = info.creation_date(date_time(epoch));
        }
        document.set_metadata(info);
        PdfBuilder {
            writer: self,
            document,
            structure: StructureBuilder::new(anchors),
            pages: 0,
        }
    }

    /// The PDF for `frames`.
    pub fn write(&self, frames: &[Frame], metadata: &Metadata) -> Result<Vec<u8>, RenderFailure> {
        let mut pdf = self.start(metadata, HashMap::new());
        for frame in frames {
            pdf.page(frame)?;
        }
        pdf.finish()
    }

    fn draw(&self, surface: &mut Surface<'_>, item: &Item) -> Result<(), String> {
        match item {
            Item::Glyphs { origin, run } => {
                if run.glyphs.is_empty() {
                    return Ok(());
                }
                let font = self
                    .font(run.font.index())
                    .ok_or("a font of the course cannot be embedded")?;
                let size = run.size;
                let glyphs: Vec<KrillaGlyph> = run
                    .glyphs
                    .iter()
                    .map(|g| {
                        KrillaGlyph::new(
                            GlyphId::new(u32::from(g.id)),
                            g.x_advance / size,
                            g.x_offset / size,
                            g.y_offset / size,
                            0.0,
                            // A cluster longer than a glyph can record keeps no text,
                            // rather than a range krilla would refuse.
                            Some(g.text())
                                .filter(|r| run.text.get(r.clone()).is_some())
                                .unwrap_or(0..0),
                            None,
                        )
                    })
                    .collect();
                surface.set_stroke(None);
                surface.set_fill(Some(fill(run.color.unwrap_or(Color::Rgb(0, 0, 0)))));
                surface.draw_glyphs(point(*origin), &glyphs, font, &run.text, size, false);
            }
            Item::Rect {
                position,
                size,
                color,
            } => {
                let Some(rect) = Rect::from_xywh(
                    pt(position.x),
                    pt(position.y),
                    pt(size.width),
                    pt(size.height),
                ) else {
                    return Ok(());
                };
                let mut path = PathBuilder::new();
                path.push_rect(rect);
                if let Some(path) = path.finish() {
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill(*color)));
                    surface.draw_path(&path);
                }
            }
            Item::Line {
                points,
                color,
                thickness,
            } => {
                let mut path = PathBuilder::new();
                for (i, p) in points.iter().enumerate() {
                    let p = point(*p);
                    if i == 0 {
                        path.move_to(p.x, p.y);
                    } else {
                        path.line_to(p.x, p.y);
                    }
                }
                if let Some(path) = path.finish() {
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: paint(*color),
                        width: *thickness as f32,
                        line_cap: LineCap::Butt,
                        ..Default::default()
                    }));
                    surface.draw_path(&path);
                    surface.set_stroke(None);
                }
            }
            Item::Image {
                image,
                position,
                size,
            } => {
                if image.format == ImageFormat::Svg {
                    return draw_svg(surface, &image.bytes, *position, *size);
                }
                let data: Arc<dyn AsRef<[u8]> + Send + Sync> = image.bytes.clone();
                let picture = match image.format {
                    ImageFormat::Png => krilla::image::Image::from_png(data.into(), true),
                    ImageFormat::Jpeg => krilla::image::Image::from_jpeg(data.into(), true),
                    ImageFormat::Svg => unreachable!("drawn above"),
                }
                .map_err(|_| "a picture cannot be read by the PDF writer: save it again as an ordinary PNG or JPEG".to_owned())?;
                let Some(size) = Size::from_wh(pt(size.width), pt(size.height)) else {
                    return Ok(());
                };
                let at = point(*position);
                surface.push_transform(&Transform::from_translate(at.x, at.y));
                surface.draw_image(picture, size);
                surface.pop();
            }
            Item::Disc {
                centre,
                radius,
                color,
            } => {
                // Four cubic arcs make a circle (the usual 0.5523 control distance).
                let (c, r) = (point(*centre), pt(*radius));
                let k = 0.552_284_8 * r;
                let mut path = PathBuilder::new();
                path.move_to(c.x + r, c.y);
                path.cubic_to(c.x + r, c.y + k, c.x + k, c.y + r, c.x, c.y + r);
                path.cubic_to(c.x - k, c.y + r, c.x - r, c.y + k, c.x - r, c.y);
                path.cubic_to(c.x - r, c.y - k, c.x - k, c.y - r, c.x, c.y - r);
                path.cubic_to(c.x + k, c.y - r, c.x + r, c.y - k, c.x + r, c.y);
                path.close();
                if let Some(path) = path.finish() {
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill(*color)));
                    surface.draw_path(&path);
                }
            }
            Item::Anchor { .. } | Item::Open { .. } | Item::Close => {}
        }
        Ok(())
    }
}

/// An SVG drawing as vector paths (checked again as it is parsed: the writer trusts no
/// bytes it is handed). Filters are refused before this, so nothing becomes pixels.
fn draw_svg(
    surface: &mut Surface<'_>,
    bytes: &[u8],
    position: Position,
    size: genpdf::Size,
) -> Result<(), String> {
    use krilla_svg::{SurfaceExt, SvgSettings};
    let tree = crate::images::svg::parse(bytes).map_err(|e| {
        format!(
            "a drawing cannot be read (line {}, column {}): it {}",
            e.line, e.column, e.what
        )
    })?;
    let Some(size) = Size::from_wh(pt(size.width), pt(size.height)) else {
        return Ok(());
    };
    let at = point(position);
    surface.push_transform(&Transform::from_translate(at.x, at.y));
    let settings = SvgSettings {
        embed_text: false,
        filter_scale: 1.0,
    };
    let drawn = surface.draw_svg(&tree, size, settings);
    surface.pop();
    drawn.ok_or_else(|| "a drawing cannot be drawn".to_owned())
}

fn pt(mm: Mm) -> f32 {
    mm.to_pt() as f32
}

fn point(p: Position) -> Point {
    Point::from_xy(pt(p.x), pt(p.y))
}

fn paint(color: Color) -> krilla::paint::Paint {
    match color {
        Color::Rgb(r, g, b) => rgb::Color::new(r, g, b).into(),
        Color::Greyscale(v) => rgb::Color::new(v, v, v).into(),
        Color::Cmyk(c, m, y, k) => krilla::color::cmyk::Color::new(c, m, y, k).into(),
    }
}

fn fill(color: Color) -> Fill {
    Fill {
        paint: paint(color),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

/// A Unix time as a calendar date (UTC), for the PDF's creation date.
fn date_time(epoch: i64) -> krilla::metadata::DateTime {
    let days = epoch.div_euclid(86_400);
    let seconds = epoch.rem_euclid(86_400);
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    krilla::metadata::DateTime::new(year.clamp(0, 9999) as u16)
        .month(month as u8)
        .day(day as u8)
        .hour((seconds / 3600) as u8)
        .minute((seconds / 60 % 60) as u8)
        .second((seconds % 60) as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}
