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

use crate::diagnostic::{Code, Diagnostic};
use crate::error::Error;
use crate::field;
use std::path::Path;

use crate::cli::MessageFormat;
use crate::fonts::FontSet;
use crate::load::yaml::Value;
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
            own.push(crate::fonts::NamedFont {
                path,
                shown: name.into(),
                place,
            });
        }
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
