//! Files a course names (images) and the language of its fixed words.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::limits::{MAX_IMAGE_BYTES, MAX_IMAGE_SIDE};
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
    const SMALLER: &str =
        "save a smaller copy of the picture (a handout needs at most 2,000 pixels a side)";
    let problem = crate::paths::inside_course(&course.root, name)
        .map_err(|why| (why, WHERE))
        .and_then(|full| {
            let size = std::fs::metadata(&full)
                .map_err(|e| {
                    let why = format!("`{name}` cannot be read: {}", crate::util::io_reason(&e));
                    (why, WHERE)
                })?
                .len();
            if size > MAX_IMAGE_BYTES {
                let why = format!(
                    "`{name}` is {} MiB; images may be at most {} MiB",
                    size / (1024 * 1024),
                    MAX_IMAGE_BYTES / (1024 * 1024)
                );
                return Err((why, SMALLER));
            }
            let (width, height) = image::image_dimensions(&full).map_err(|_| {
                let why = format!("`{name}` cannot be read as a PNG or JPEG picture");
                (why, WHERE)
            })?;
            if width.max(height) > MAX_IMAGE_SIDE {
                let why = format!(
                    "`{name}` is {width} x {height} pixels; images may be at most {MAX_IMAGE_SIDE} pixels a side"
                );
                return Err((why, SMALLER));
            }
            Ok(())
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
