//! One file per subcommand.

pub mod build;
pub mod clean;
pub mod init;
pub mod list;
pub mod man;
pub mod new;
pub mod schema;
pub mod starter;
pub mod templates;
pub mod validate;
pub mod watch;

use crate::error::Error;
use std::path::Path;

use crate::cli::MessageFormat;
use crate::fonts::FontSet;
use crate::load::{self, Course};
use crate::report;

/// Loads the course in `dir`, or says why there is none.
fn load_course(dir: &Path) -> Result<Course, Error> {
    load::load(dir).map_err(|e| Error::usage(&e.message, &e.hint))
}

/// The fonts the course prints with; a broken font folder is a problem in the course.
fn course_fonts(course: &Course) -> Result<FontSet, crate::diagnostic::Diagnostic> {
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
            crate::diagnostic::Diagnostic::error(load::COURSE_FILE, why)
                .code(crate::diagnostic::Code::PathOutsideCourse)
                .at(at)
                .field(&field)
                .hint("name a font folder or file inside the course, such as `fonts`")
        })?;
        own.push(crate::fonts::NamedFont {
            path,
            shown: name.into(),
            at,
            field,
        });
    }
    FontSet::for_course(&own, language, needs_cjk)
}

/// Prints diagnostics in the chosen format.
fn print_diagnostics(
    course: &Course,
    diagnostics: &[crate::diagnostic::Diagnostic],
    format: MessageFormat,
) {
    report::print(course, diagnostics, format);
}
