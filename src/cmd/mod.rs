//! One file per subcommand.

pub mod build;
pub mod clean;
pub mod init;
pub mod list;
pub mod man;
pub mod new;
pub mod schema;
pub mod serve;
pub mod starter;
pub mod templates;
pub mod translations;
pub mod validate;
pub mod watch;

use crate::error::Error;
use std::path::Path;

use crate::cli::MessageFormat;
use crate::load::{self, Course};
use crate::report;

/// Loads the course in `dir`, or says why there is none.
fn load_course(dir: &Path) -> Result<Course, Error> {
    load::load(dir).map_err(|e| Error::usage(&e.message, &e.hint))
}

/// Prints diagnostics in the chosen format.
fn print_diagnostics(
    course: &Course,
    diagnostics: &[crate::diagnostic::Diagnostic],
    format: MessageFormat,
) {
    report::print(course, diagnostics, format);
}
