//! `--message-format short`: one line per problem, `file:line:column: severity: message
//! (hint)`, the form editors' problem matchers and `grep` read.

use crate::diagnostic::{Diagnostic, Severity};
use crate::load::Course;
use crate::locate::shown;

pub fn print(course: &Course, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        println!("{}", line(course, d));
    }
}

fn line(course: &Course, d: &Diagnostic) -> String {
    let file = shown(&course.root, &d.file);
    let place = match d.location {
        Some(at) => format!("{}:{}:{}", file.display(), at.line, at.column),
        None => file.display().to_string(),
    };
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    // One line each, whatever the message holds.
    let flat = |text: &str| text.replace(['\n', '\r'], " ");
    let hint = d
        .hint
        .as_deref()
        .map(|h| format!(" ({})", flat(h)))
        .unwrap_or_default();
    format!("{place}: {severity}: {}{hint}", flat(&d.message))
}
