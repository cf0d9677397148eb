//! Files a course names (images) and the language of its fixed words.

use crate::diagnostic::{Code, Diagnostic, Field};
use crate::field;
use crate::load::{Course, Loaded};
use crate::model::Module;

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) {
    if let Some(c) = &course.course {
        match crate::locale::Locale::load(&c.value.language, &course.root) {
            Ok(locale) => out.extend(locale.unused_words()),
            Err(d) => out.push(c.locate(d)),
        }
    }
    // Every place a module names a picture, in order.
    let mut uses: Vec<(&Loaded<Module>, &str, Field)> = Vec::new();
    // Pictures without alt text: warned about when they can be printed at all.
    let mut undescribed: Vec<(&Loaded<Module>, &str, Field)> = Vec::new();
    for m in &course.modules {
        if let Some(image) = m.value.image() {
            uses.push((m, image, field!["image"]));
            let header = m.value.header();
            if header.image_alt.is_none() && !header.image_decorative {
                undescribed.push((m, image, field!["image"]));
            }
        }
        if let Module::Strokes(s) = &m.value {
            for (i, stroke) in s.strokes.iter().enumerate() {
                if let Some(image) = &stroke.image {
                    uses.push((m, image, field!["strokes", i, "image"]));
                    if stroke.image_alt.is_none() && !stroke.image_decorative {
                        undescribed.push((m, image, field!["strokes", i, "image"]));
                    }
                }
            }
        }
    }
    // Each picture is decoded once, however often it is named, and in parallel; a bad
    // one is reported where it is first named (one picture, one error).
    let mut names: Vec<&str> = uses.iter().map(|(_, name, _)| *name).collect();
    names.sort_unstable();
    names.dedup();
    let problems: std::collections::HashMap<&str, (String, &'static str)> = {
        use rayon::prelude::*;
        names
            .par_iter()
            .filter_map(|name| image_problem(course, name).map(|p| (*name, p)))
            .collect()
    };
    let mut reported = std::collections::HashSet::new();
    for (m, name, field) in uses {
        let Some((why, hint)) = problems.get(name) else {
            continue;
        };
        if !reported.insert(name) {
            continue;
        }
        out.push(Diagnostic::error(Code::BadPicture, m.place(field), why.clone()).hint(*hint));
    }
    for (m, name, field) in undescribed {
        if !problems.contains_key(name) {
            out.push(without_alt(m, name, field));
        }
    }
}

/// Why the picture `name` cannot be printed, decoding it as the build will (within the
/// memory budget its header allows).
pub(super) fn image_problem(course: &Course, name: &str) -> Option<(String, &'static str)> {
    const WHERE: &str =
        "name a PNG, JPEG or SVG file inside the course folder, such as `images/water-wheel.svg`";
    crate::paths::inside_course(&course.root, name)
        .map_err(|why| (why, WHERE))
        .and_then(|full| {
            crate::images::check(&full)
                .map(|_| ())
                .map_err(|e| (e.reason(name), e.hint()))
        })
        .err()
}

/// A picture that says nothing to a reader who cannot see it: a warning, so a course
/// written before `image_alt` still builds.
fn without_alt(m: &Loaded<Module>, image: &str, field: Field) -> Diagnostic {
    Diagnostic::warning(
        Code::PictureWithoutAlt,
        m.place(field),
        format!("`{image}` has no `image_alt` saying what it shows, for readers who cannot see it"),
    )
    .hint("add `image_alt:` with a sentence such as \"Two hands stroking down the leg, hip to ankle\", or `image_decorative: true` if it shows nothing a reader would miss")
}
