//! The running header and footer print on every page, in one line each: a name, title
//! or contact too long for its line would print over the text below it, so it is a
//! problem here, where it is written.

use genpdf::style::Style;

use crate::diagnostic::{Code, Diagnostic, Field};
use crate::field;
use crate::fonts::FontSet;
use crate::load::Course;

/// The size the header and footer are set in, in points (as `render::elements` does).
const SMALL: u8 = 8;

pub fn check(course: &Course, fonts: &FontSet, out: &mut Vec<Diagnostic>) {
    let Some(c) = &course.course else { return };
    let file = &c.value;
    let width = crate::render::pdf::line_width(file.page_size);
    let cache = fonts.cache();
    let small = Style::new().with_font_size(SMALL);
    // Text that cannot be shaped at all is reported by the render that follows.
    let measure = |text: &str, style: Style| {
        genpdf::text::measure(cache, text, style).unwrap_or(genpdf::Mm::from(0))
    };
    let mut too_long = |text_width: genpdf::Mm, field: Field, what: &str| {
        if text_width > width {
            out.push(
                Diagnostic::error(
                    Code::TextTooLong,
                    c.place(field),
                    format!("{what} is too long for its line at the top or bottom of every page"),
                )
                .hint("shorten it so it fits on one line: it is printed on every page"),
            );
        }
    };
    let instructor = &file.instructor;
    let mut header = measure(&instructor.name, small.bold());
    if let Some(credential) = &instructor.credential {
        header += measure(&format!(" — {credential}"), small);
    }
    too_long(
        header,
        field!["instructor", "name"],
        "the instructor's name with the credential",
    );
    let contact: Vec<&str> = [instructor.email.as_deref(), instructor.phone.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    too_long(
        measure(&contact.join(" · "), small),
        field!["instructor", "email"],
        "the instructor's email and phone",
    );
    // The longest footer: the title and the week of the last session.
    too_long(
        measure(&format!("{} · Week 99 of 99", file.title), small),
        field!["title"],
        "the course title",
    );
}
