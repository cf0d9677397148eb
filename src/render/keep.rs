//! Page breaking as a typesetter does it: a heading keeps with the start of what it heads,
//! and a block kept together moves to the next page only when the page it leaves stays
//! full enough; otherwise it splits, and its heading is repeated on the next page.

use genpdf::elements::{Paragraph, Tagged};
use genpdf::render::{Area, Structure};
use genpdf::style::Style;
use genpdf::{Context, Element, Margins, Mm, Position, RenderResult, Size};

/// What an element answers to be laid out on the next page instead: nothing placed here.
pub fn to_next_page() -> RenderResult {
    RenderResult {
        size: Size::new(0, 0),
        has_more: true,
    }
}

/// The height `element` takes laid out whole in a column `width` wide.
fn height_of(
    element: &mut dyn Element,
    context: &Context,
    width: Mm,
    style: Style,
) -> Result<Mm, genpdf::error::Error> {
    let scratch = genpdf::render::Renderer::measuring(Size::new(width, Mm::from(10_000.0)));
    Ok(element
        .render(context, scratch.last_page().area(), style)?
        .size
        .height)
}

/// How much room a heading keeps below it.
enum Reserve {
    /// A fixed height, in millimetres.
    Fixed(Mm),
    /// The height of its lead (the heading again with the start of what it heads), learnt
    /// by laying the lead out once, but never more than `most`.
    Lead { lead: Box<dyn Element>, most: Mm },
}

/// Moves to the next page unless its reserve is left below it, so a heading is never left
/// at the foot of a page without the start of what it heads.
pub struct KeepWithNext<E: Element> {
    inner: E,
    reserve: Reserve,
    started: bool,
}

impl<E: Element> KeepWithNext<E> {
    pub fn new(inner: E, reserve: impl Into<Mm>) -> Self {
        KeepWithNext {
            inner,
            reserve: Reserve::Fixed(reserve.into()),
            started: false,
        }
    }

    /// Keeps room for `lead`, the heading built again with the first lines of what follows
    /// it, up to `most` (a third of a page, so a long lead cannot empty a page).
    pub fn with_lead(inner: E, lead: impl Element + 'static, most: Mm) -> Self {
        KeepWithNext {
            inner,
            reserve: Reserve::Lead {
                lead: Box::new(lead),
                most,
            },
            started: false,
        }
    }
}

impl<E: Element> Element for KeepWithNext<E> {
    fn render(
        &mut self,
        context: &Context,
        area: Area<'_>,
        style: Style,
    ) -> Result<RenderResult, genpdf::error::Error> {
        if !self.started {
            if let Reserve::Lead { lead, most } = &mut self.reserve {
                let needed = height_of(lead.as_mut(), context, area.size().width, style)?;
                self.reserve = Reserve::Fixed(Mm::from(needed.get().min(most.get())));
            }
            if let Reserve::Fixed(reserve) = self.reserve {
                if area.size().height < reserve {
                    return Ok(to_next_page());
                }
            }
        }
        self.started = true;
        self.inner.render(context, area, style)
    }
}

/// A heading repeated at the top of each further page of a block that splits: its words
/// ("Safety first (continued)"), style and padding.
pub struct Continued {
    pub text: String,
    pub style: Style,
    pub padding: Margins,
}

impl Continued {
    fn element(&self) -> impl Element {
        Tagged::new(
            Paragraph::new(self.text.clone()).padded(self.padding),
            Structure::Artifact,
        )
    }

    /// The height it takes in a column `width` wide.
    fn height(
        &self,
        context: &Context,
        width: Mm,
        style: Style,
    ) -> Result<Mm, genpdf::error::Error> {
        height_of(&mut self.element(), context, width, style.and(self.style))
    }

    /// Draws it at the top of `area` as page furniture: its words are in the document once
    /// already.
    fn draw(
        &self,
        context: &Context,
        area: Area<'_>,
        style: Style,
    ) -> Result<(), genpdf::error::Error> {
        self.element()
            .render(context, area, style.and(self.style))?;
        Ok(())
    }
}

/// Content kept on one page where a typesetter would: it moves whole to the next page
/// when it does not fit in the room left, fits on a page of its own, and the page it
/// leaves stays at least [`MIN_FILL`] full. Otherwise it splits where it falls, and its
/// heading, if it has one, starts each further page again. (Content shorter than a third
/// of a page therefore always moves: the page it leaves is full enough.) The height is
/// learnt by laying out `measure`, the same content built a second time, on a scratch
/// page of the same width.
pub struct KeepTogether<E: Element> {
    inner: E,
    measure: Option<E>,
    page: TextArea,
    continued: Option<Continued>,
    /// Whether some of it is on an earlier page.
    placed: bool,
}

/// How full a page must stay for a block to leave it for the next: two thirds.
pub const MIN_FILL: f64 = 2.0 / 3.0;

/// The space under a page's last line that prints nothing (the line's leading and the
/// margin below its block), in millimetres: not counted when a page's fill is judged.
pub const SLACK: f64 = 4.0;

/// Where a normal page's text area is: its height and where it ends, from the page's top.
#[derive(Clone, Copy)]
pub struct TextArea {
    pub height: Mm,
    pub bottom: Mm,
}

impl<E: Element> KeepTogether<E> {
    /// `continued`, if given, starts each further page of it.
    pub fn new(inner: E, measure: E, page: TextArea, continued: Option<Continued>) -> Self {
        KeepTogether {
            inner,
            measure: Some(measure),
            page,
            continued,
            placed: false,
        }
    }
}

impl<E: Element> Element for KeepTogether<E> {
    fn render(
        &mut self,
        context: &Context,
        area: Area<'_>,
        style: Style,
    ) -> Result<RenderResult, genpdf::error::Error> {
        if let Some(mut measure) = self.measure.take() {
            let needed = height_of(&mut measure, context, area.size().width, style)?;
            let room = area.size().height;
            // How full the page is above it, from where it starts on the page (its room may
            // be less, on a page a re-layout ends early).
            let used = self.page.height - (self.page.bottom - area.origin().y);
            // At the top of a page already, moving would gain nothing.
            let at_top = used <= Mm::from(1.0);
            let fill = (used - Mm::from(SLACK)).get() / self.page.height.get();
            if needed > room && needed <= self.page.height && !at_top && fill >= MIN_FILL {
                return Ok(to_next_page());
            }
        }
        let mut inner_area = area.clone();
        let continued = self.continued.as_ref().filter(|_| self.placed);
        let mut repeated = match continued {
            Some(c) => c.height(context, area.size().width, style)?,
            None => Mm::from(0.0),
        };
        // A heading too long to repeat (a name of thousands of letters) is not repeated.
        let continued = continued.filter(|_| repeated.get() <= self.page.height.get() / 4.0);
        if continued.is_none() {
            repeated = Mm::from(0.0);
        }
        inner_area.add_offset(Position::new(0, repeated));
        let mut result = self.inner.render(context, inner_area, style)?;
        // The heading goes on only above some of the block: never alone at a page's foot.
        if result.size.height > Mm::from(0.0) {
            if let Some(continued) = continued {
                continued.draw(context, area, style)?;
                result.size.height += repeated;
            }
            self.placed = true;
        }
        Ok(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use genpdf::text::Direction;

    /// A paragraph measured (its lines sized, not built) is as tall and as wide as one laid
    /// out, in either direction and with hyphens at line ends; nothing measured is kept.
    #[test]
    fn a_measured_paragraph_takes_the_room_it_takes_laid_out() {
        let fonts = crate::fonts::FontSet::bundled();
        let texts = [
            ("Gentle strokes from hip to ankle, then the other leg, slowly. ", Direction::Ltr),
            ("Mas\u{ad}sage ist Zu\u{ad}wen\u{ad}dung und Ent\u{ad}span\u{ad}nung zu\u{ad}gleich. ", Direction::Ltr),
            ("تدليك الرضيع لمسة حانية تهدئ الطفل وتقوي الرابطة بينكما. ", Direction::Rtl),
        ];
        for (text, direction) in texts {
            let context = Context::new(fonts.cache().clone(), direction);
            for width in [25.0, 60.0, 170.0] {
                let size = |renderer: &genpdf::render::Renderer| {
                    Paragraph::new(text.repeat(3))
                        .render(&context, renderer.last_page().area(), Style::new())
                        .unwrap()
                        .size
                };
                let page = Size::new(width, 10_000.0);
                let laid_out = genpdf::render::Renderer::new(page);
                let measuring = genpdf::render::Renderer::measuring(page);
                let (real, measured) = (size(&laid_out), size(&measuring));
                assert_eq!(real.height, measured.height, "{text} at {width} mm");
                assert_eq!(real.width, measured.width, "{text} at {width} mm");
                assert!(!laid_out.into_frames()[0].content.is_empty());
                assert!(measuring.into_frames()[0].content.is_empty());
            }
        }
    }
}
