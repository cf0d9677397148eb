//! One file per subcommand.

pub mod build;
pub mod init;
pub mod list;
pub mod schema;
pub mod validate;
pub mod watch;

use std::path::Path;

use crate::cli::{MessageFormat, EXIT_USAGE};
use crate::fonts::FontSet;
use crate::load::{self, Course};
use crate::report;

/// Loads the course in `dir`, or prints why there is none and returns the exit status.
fn load_course(dir: &Path) -> Result<Course, u8> {
    load::load(dir).map_err(|e| {
        report::usage_error(&e.message, &e.hint);
        EXIT_USAGE
    })
}

/// The fonts the course prints with; a broken font folder is a problem in the course.
fn course_fonts(course: &Course) -> Result<FontSet, crate::diagnostic::Diagnostic> {
    let Some(dir) = course
        .course
        .as_ref()
        .and_then(|c| c.value.fonts.as_deref())
    else {
        return Ok(FontSet::bundled());
    };
    let at = course
        .course
        .as_ref()
        .and_then(|c| c.tree.get("fonts"))
        .map(|n| n.at);
    let path = crate::paths::inside_course(&course.root, dir).map_err(|why| {
        crate::diagnostic::Diagnostic::error(load::COURSE_FILE, why)
            .at(at)
            .field("fonts")
            .hint("name a folder inside the course, such as `fonts`")
    })?;
    // Through the gate first: a pipe, device or huge file in place of a font is refused
    // here without blocking, before the font parser reads it.
    for face in ["Regular.ttf", "Bold.ttf", "Italic.ttf", "BoldItalic.ttf"] {
        let file = path.join(face);
        // A missing face, or a link out of the course, FontSet explains (unread).
        let leaves = file
            .canonicalize()
            .is_ok_and(|real| !real.starts_with(&path));
        if file.symlink_metadata().is_err() || leaves {
            continue;
        }
        if let Err(e) = load::gate::read_file(&file, crate::limits::MAX_FONT_BYTES) {
            return Err(e.diagnostic(&Path::new(dir).join(face)));
        }
    }
    FontSet::from_dir(&path, Path::new(dir))
}

/// Prints diagnostics in the chosen format.
fn print_diagnostics(
    course: &Course,
    diagnostics: &[crate::diagnostic::Diagnostic],
    format: MessageFormat,
) {
    match format {
        MessageFormat::Human => report::print_human(course, diagnostics),
        MessageFormat::Json => report::print_json(diagnostics),
    }
}
