//! `--message-format short`: one line per problem, `file:line:column: severity: message
//! (hint)`, the form editors' problem matchers and `grep` read.

use super::human::shown_path;
use super::visible::visible;
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::Course;

pub fn print(course: &Course, diagnostics: &[Diagnostic]) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for d in diagnostics {
        // Writing only fails if the reader went away.
        let _ = writeln!(out, "{}", line(course, d));
    }
    let _ = out.flush();
}

fn line(course: &Course, d: &Diagnostic) -> String {
    let file = flat(&shown_path(course, &d.file));
    let place = match d.location {
        Some(at) => format!("{file}:{}:{}", at.line, at.column),
        None => file,
    };
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let hint = d
        .hint
        .as_deref()
        .map(|h| format!(" ({})", flat(h)))
        .unwrap_or_default();
    format!("{place}: {severity}: {}{hint}", flat(&d.message))
}

/// One line, whatever the text holds, with nothing in it that drives a terminal.
pub fn flat(text: &str) -> String {
    visible(&text.replace(['\n', '\r'], " ")).into_owned()
}
