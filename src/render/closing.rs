//! A last page that holds only the closing matter (a handout's quick reference and "Next
//! time", after `<!-- anchor closing -->`) is avoided as a typesetter would, by a second
//! look at the finished pages: first the whole document is set with slightly less space,
//! which may bring the closing matter up onto the page before; failing that, the page
//! before ends a little earlier, so the last lines of the body come over with it. Each is
//! one more layout of the document, done only when the last page is such a page, and kept
//! only when it succeeds without leaving a page less than two thirds full.

use genpdf::render::Frame;
use genpdf::{Mm, PageFill};

use super::keep::{MIN_FILL, SLACK};

/// The anchor a template puts before its closing matter.
pub const CLOSING: &str = "closing";

/// Adjustments a second layout makes to the page breaks of the first.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Settle {
    /// Slightly less space between lines and blocks.
    pub tight: bool,
    /// Page `.0` (from 1) ends early: its text area is `.1` tall.
    pub shorten: Option<(usize, Mm)>,
}

/// A layout: its pages and how full each is.
pub type Laid = (Vec<Frame>, Vec<PageFill>);

/// Where the closing matter starts: the page (from 0) and the height down it.
fn closing_start(frames: &[Frame]) -> Option<(usize, Mm)> {
    frames.iter().enumerate().find_map(|(page, frame)| {
        frame.content.iter().find_map(|item| match item {
            genpdf::render::Item::Anchor { name, position } if name == CLOSING => {
                Some((page, position.y))
            }
            _ => None,
        })
    })
}

/// Whether the last page of a document of several holds only its closing matter: the
/// closing matter starts at its top, or on a page before it.
pub fn closing_alone((frames, fills): &Laid) -> bool {
    match (closing_start(frames), fills.last()) {
        (Some((page, y)), Some(last)) if frames.len() > 1 => {
            page + 1 < frames.len() || y <= last.top + Mm::from(1.0)
        }
        _ => false,
    }
}

/// How full a page is, as a fraction of a `normal` page's text area: what prints on it,
/// the space under its last line not counted.
fn fill(page: &PageFill, normal: Mm) -> f64 {
    (page.used - Mm::from(SLACK)).get() / normal.get()
}

/// Whether `second` leaves no page but its last less than [`MIN_FILL`] full that was not
/// as empty in `first` (a page before a page break of the template's may be short).
fn full_enough(first: &[PageFill], second: &[PageFill], normal: Mm) -> bool {
    let before_last = &second[..second.len().saturating_sub(1)];
    before_last.iter().enumerate().all(|(i, page)| {
        let was = first.get(i).map_or(1.0, |p| fill(p, normal));
        fill(page, normal) >= MIN_FILL.min(was - 0.001)
    })
}

/// `first`, or a later layout (made by `lay_out`, at most three) that keeps the last page
/// from holding only closing matter.
pub fn settle<E>(first: Laid, lay_out: impl Fn(Settle) -> Result<Laid, E>) -> Result<Laid, E> {
    if !closing_alone(&first) {
        return Ok(first);
    }
    let pages = first.0.len();
    // The last page is never a cover nor set short: its text area is a normal page's.
    let normal = first.1[pages - 1].room;
    let fills = first.1.clone();
    let better = |laid: &Laid, most: usize| {
        laid.0.len() <= most && !closing_alone(laid) && full_enough(&fills, &laid.1, normal)
    };
    let tight = lay_out(Settle {
        tight: true,
        shorten: None,
    })?;
    if better(&tight, pages - 1) {
        return Ok(tight);
    }
    // Set tighter it saved a page but still ends with closing matter alone: the body's
    // last lines may come over to it from the page before.
    for (tight, base) in [(true, &tight), (false, &first)] {
        if tight && base.0.len() >= pages {
            continue;
        }
        if let Some(shorten) = carry(base, normal) {
            let shorten = Some(shorten);
            let carried = lay_out(Settle { tight, shorten })?;
            if better(&carried, base.0.len()) {
                return Ok(carried);
            }
        }
    }
    Ok(first)
}

/// The page before the last set short, so that the last lines of the body come over to the
/// last page: it ends above the body's last line (by twice the space under a last line),
/// if it stays two thirds full. None when it would not.
fn carry((frames, fills): &Laid, normal: Mm) -> Option<(usize, Mm)> {
    let before = frames.len().checked_sub(2)?;
    let fill = fills[before];
    let body_end = match closing_start(frames) {
        Some((page, y)) if page == before => y - fill.top,
        Some((page, _)) if page < before => return None,
        _ => fill.used,
    };
    let height = body_end - Mm::from(2.0 * SLACK);
    ((height - Mm::from(SLACK)).get() >= MIN_FILL * normal.get()).then_some((before + 1, height))
}
