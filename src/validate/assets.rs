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
    for m in &course.modules {
        if let Some(image) = m.value.image() {
            uses.push((m, image, field!["image"]));
        }
        if let Module::Strokes(s) = &m.value {
            for (i, stroke) in s.strokes.iter().enumerate() {
                if let Some(image) = &stroke.image {
                    uses.push((m, image, field!["strokes", i, "image"]));
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
}

/// Why the picture `name` cannot be printed, decoding it as the build will (within the
/// memory budget its header allows).
pub(super) fn image_problem(course: &Course, name: &str) -> Option<(String, &'static str)> {
    const WHERE: &str =
        "name a PNG or JPEG file inside the course folder, such as `images/water-wheel.png`";
    crate::paths::inside_course(&course.root, name)
        .map_err(|why| (why, WHERE))
        .and_then(|full| {
            crate::images::load(&full)
                .map(|_| ())
                .map_err(|e| (e.reason(name), e.hint()))
        })
        .err()
}
