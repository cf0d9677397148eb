//! Files a course names (images) and the language of its fixed words.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::limits::MAX_IMAGE_BYTES;
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
    let problem = crate::paths::inside_course(&course.root, name).and_then(|full| {
        let size = std::fs::metadata(&full)
            .map_err(|e| format!("`{name}` cannot be read: {}", crate::util::io_reason(&e)))?
            .len();
        if size > MAX_IMAGE_BYTES {
            return Err(format!(
                "`{name}` is {} MiB; images may be at most {} MiB",
                size / (1024 * 1024),
                MAX_IMAGE_BYTES / (1024 * 1024)
            ));
        }
        image::image_dimensions(&full)
            .map(|_| ())
            .map_err(|_| format!("`{name}` cannot be read as a PNG or JPEG picture"))
    });
    if let Err(why) = problem {
        out.push(Diagnostic::error(&m.file, why).at(at).field(field).hint(
            "name a PNG or JPEG file inside the course folder, such as `images/water-wheel.png`",
        ));
    }
}
