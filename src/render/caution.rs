//! A caution beside its stroke: the line indented as the steps' text is, after a drawn
//! warning sign where the step numbers stand, so a parent sees it while doing the stroke.

use genpdf::render::Area;
use genpdf::style::Style;
use genpdf::{Context, Element, Mm, Position, RenderResult};

use super::elements::SAFETY_BAR;

/// Where the text starts, as a numbered step's does.
const INDENT: f64 = 10.0;
/// Between the sign and the text.
const SPACE: f64 = 2.0;

/// A caution's text with a warning sign (a triangle with `!`) at the start of its first
/// line; the sign is drawn, so it prints whatever the font has.
pub struct CautionLine<E: Element> {
    inner: E,
    drawn: bool,
}

impl<E: Element> CautionLine<E> {
    pub fn new(inner: E) -> Self {
        CautionLine {
            inner,
            drawn: false,
        }
    }
}

impl<E: Element> Element for CautionLine<E> {
    fn render(
        &mut self,
        context: &Context,
        area: Area<'_>,
        style: Style,
    ) -> Result<RenderResult, genpdf::error::Error> {
        let rtl = context.direction == genpdf::text::Direction::Rtl;
        let width = area.size().width.get();
        let mut inner_area = area.clone();
        if rtl {
            inner_area.set_width(Mm::from(width - INDENT));
        } else {
            inner_area.add_offset(Position::new(INDENT, 0));
        }
        let mut result = self.inner.render(context, inner_area, style)?;
        result.size.width += Mm::from(INDENT);
        if !self.drawn && result.size.height > Mm::from(0) {
            self.drawn = true;
            let line = style.line_height(&context.font_cache).get();
            let side = Mm::from_pt(f64::from(style.font_size()) * 0.95).get();
            let x0 = if rtl {
                width - INDENT + SPACE
            } else {
                INDENT - SPACE - side
            };
            draw_sign(&area, x0, (line - side) / 2.0, side);
        }
        Ok(result)
    }
}

/// A warning triangle `side` wide with its top-left corner at `x0`, `y0`.
fn draw_sign(area: &Area<'_>, x0: f64, y0: f64, side: f64) {
    let height = side * 0.9;
    let (top, bottom) = (y0 + (side - height) / 2.0, y0 + (side + height) / 2.0);
    let at = Position::new;
    area.draw_thick_line(
        vec![
            at(x0, bottom),
            at(x0 + side / 2.0, top),
            at(x0 + side, bottom),
            at(x0, bottom),
            at(x0 + side / 2.0, top),
        ],
        SAFETY_BAR,
        1.3,
    );
    let centre = x0 + side / 2.0;
    area.draw_thick_line(
        vec![
            at(centre, top + height * 0.36),
            at(centre, top + height * 0.68),
        ],
        SAFETY_BAR,
        1.3,
    );
    area.fill_disc(
        at(centre, top + height * 0.83),
        Mm::from(side * 0.055),
        SAFETY_BAR,
    );
}
