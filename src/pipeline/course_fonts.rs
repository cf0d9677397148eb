//! The fonts a course prints with: the bundled ones for its language, a system CJK font
//! when it needs one, and the font files its `fonts:` names, each inside the course.

use crate::diagnostic::{Code, Diagnostic};
use crate::fonts::{FontSet, NamedFont};
use crate::load::{self, Course};

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
    let named = file
        .and_then(|c| c.value.fonts.as_ref())
        .map(|f| f.paths())
        .unwrap_or_default();
    let mut own = Vec::new();
    for (i, name) in named.iter().enumerate() {
        let node = file.and_then(|c| c.tree.get("fonts"));
        let (at, field) = match node.map(|n| &n.value) {
            Some(load::yaml::Value::Seq(items)) => {
                (items.get(i).map(|n| n.at), format!("fonts[{i}]"))
            }
            _ => (node.map(|n| n.at), "fonts".to_owned()),
        };
        let path = crate::paths::inside_course(&course.root, name).map_err(|why| {
            Diagnostic::error(load::COURSE_FILE, why)
                .code(Code::PathOutsideCourse)
                .at(at)
                .field(&field)
                .hint("name a font folder or file inside the course, such as `fonts`")
        })?;
        own.push(NamedFont {
            path,
            shown: name.into(),
            at,
            field,
        });
    }
    FontSet::for_course(&own, language, needs_cjk)
}
