//! A stroke's steps with its picture beside them: the steps (and what follows them in the
//! stroke, its cautions) in the column lines start from, the picture and its caption in a
//! column of the picture's width at the other side.

use genpdf::render::Area;
use genpdf::style::Style;
use genpdf::{Context, Element, Mm, Position, RenderResult, Size};

/// Between the steps and the picture.
const GAP: f64 = 5.0;

pub struct SideBySide<M: Element, S: Element> {
    main: M,
    /// The picture and caption, until they are drawn.
    side: Option<S>,
    side_width: f64,
}

impl<M: Element, S: Element> SideBySide<M, S> {
    pub fn new(main: M, side: S, side_width: f64) -> Self {
        SideBySide {
            main,
            side: Some(side),
            side_width,
        }
    }
}

impl<M: Element, S: Element> Element for SideBySide<M, S> {
    fn render(
        &mut self,
        context: &Context,
        area: Area<'_>,
        style: Style,
    ) -> Result<RenderResult, genpdf::error::Error> {
        // The picture stands where lines end: on the right, or the left of a
        // right-to-left page.
        let rtl = context.direction == genpdf::text::Direction::Rtl;
        let width = area.size().width.get();
        let side_width = self.side_width.min(width / 2.0);
        let main_width = width - side_width - GAP;
        let mut side_height = Mm::from(0.0);
        if let Some(mut side) = self.side.take() {
            let mut side_area = area.clone();
            if !rtl {
                side_area.add_offset(Position::new(main_width + GAP, 0));
            }
            side_area.set_width(Mm::from(side_width));
            let drawn = side.render(context, side_area, style)?;
            if drawn.has_more && drawn.size.height == Mm::from(0.0) {
                // No room for the picture here: all of it moves to the next page.
                self.side = Some(side);
                return Ok(RenderResult {
                    size: Size::new(0, 0),
                    has_more: true,
                });
            }
            side_height = drawn.size.height;
        }
        let mut main_area = area.clone();
        if rtl {
            main_area.add_offset(Position::new(side_width + GAP, 0));
        }
        main_area.set_width(Mm::from(main_width));
        let main = self.main.render(context, main_area, style)?;
        Ok(RenderResult {
            size: Size::new(width, main.size.height.max(side_height)),
            has_more: main.has_more,
        })
    }
}
