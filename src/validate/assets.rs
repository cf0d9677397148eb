//! Files a course names (images) and the language of its fixed words.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::load::{Course, Loaded};
use crate::model::Module;

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) {
    if let Some(c) = &course.course {
        if let Err(mut d) = crate::render::locale::Locale::load(&c.value.language, &course.root) {
            if d.file == Path::new(crate::load::COURSE_FILE) {
                d.location = c.tree.get("language").map(|n| n.at);
            }
            out.push(d);
        }
    }
    for m in &course.modules {
        if let Some(image) = m.value.image() {
            check_image(course, m, image, &["image"], out);
        }
        if let Module::Strokes(s) = &m.value {
            for (i, stroke) in s.strokes.iter().enumerate() {
                if let Some(image) = &stroke.image {
                    check_image(course, m, image, &["strokes", &i.to_string(), "image"], out);
                }
            }
        }
    }
}

fn check_image(
    course: &Course,
    m: &Loaded<Module>,
    name: &str,
    path: &[&str],
    out: &mut Vec<Diagnostic>,
) {
    let at = m.tree.find(path.iter().copied()).map(|n| n.at);
    let field = crate::load::field_path(path);
    const WHERE: &str =
        "name a PNG or JPEG file inside the course folder, such as `images/water-wheel.png`";
    // Decoded here as the build will, within the memory budget the header allows.
    let problem = crate::paths::inside_course(&course.root, name)
        .map_err(|why| (why, WHERE))
        .and_then(|full| {
            crate::images::load(&full)
                .map(|_| ())
                .map_err(|e| (e.reason(name), e.hint()))
        });
    if let Err((why, hint)) = problem {
        out.push(
            Diagnostic::error(&m.file, why)
                .at(at)
                .field(field)
                .hint(hint),
        );
    }
}
