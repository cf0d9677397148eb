//! The fonts a course prints with: the bundled ones for its language, a system CJK font
//! when it needs one, and the font files its `fonts:` names, each inside the course.

use crate::diagnostic::{Code, Diagnostic};
use crate::field;
use crate::fonts::{FontSet, NamedFont};
use crate::load::yaml::Value;
use crate::load::Course;

/// The course's fonts; a `fonts:` entry that leads outside the course, or a font folder
/// that cannot be used, is a problem in the course.
pub fn course_fonts(course: &Course) -> Result<FontSet, Diagnostic> {
    let file = course.course.as_ref();
    let language = file.map_or("en", |c| c.value.language.as_str());
    // A CJK font is looked up among the system's fonts only when the course needs one.
    let needs_cjk = matches!(language.split(['-', '_']).next(), Some("ja" | "zh" | "ko"))
        || course
            .sources
            .iter()
            .any(|s| s.text.chars().any(crate::fonts::is_cjk));
    let mut own = Vec::new();
    if let Some(c) = file {
        let named = c
            .value
            .fonts
            .as_ref()
            .map(|f| f.paths())
            .unwrap_or_default();
        // One folder, or a list of them.
        let listed = matches!(c.tree.get("fonts").map(|n| &n.value), Some(Value::Seq(_)));
        for (i, name) in named.iter().enumerate() {
            let place = if listed {
                c.place(field!["fonts", i])
            } else {
                c.place(field!["fonts"])
            };
            let path = crate::paths::inside_course(&course.root, name).map_err(|why| {
                Diagnostic::error(Code::PathOutsideCourse, place.clone(), why)
                    .hint("name a font folder or file inside the course, such as `fonts`")
            })?;
            own.push(NamedFont {
                path,
                shown: name.into(),
                place,
            });
        }
    }
    FontSet::for_course(&own, language, needs_cjk)
}
