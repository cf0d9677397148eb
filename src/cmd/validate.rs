//! `course validate`: find every problem and say how to fix it, writing nothing.

use crate::error::Error;
use std::path::Path;

use crate::cli::MessageFormat;
use crate::validate::Summary;

pub fn run(dir: &Path, format: MessageFormat, strict: bool) -> Result<(), Error> {
    crate::pipeline::warm_up();
    let mut course = super::load_course(dir)?;
    course.strict_translations |= strict;
    let (diagnostics, summary) = crate::pipeline::check(&course);
    super::print_diagnostics(&course, &diagnostics, format);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    if format == MessageFormat::Human {
        println!("{}", report_line(&summary, errors, warnings));
    }
    crate::report::summary(
        format,
        (errors, warnings),
        serde_json::json!({
            "files": summary.files,
            "sessions": summary.sessions,
            "modules": summary.modules,
            "strokes": summary.strokes,
        }),
    );
    if errors > 0 {
        Err(Error::Problems)
    } else {
        Ok(())
    }
}

fn report_line(s: &Summary, errors: usize, warnings: usize) -> String {
    let checked = format!(
        "Checked {}: {}, {}, {} (ids, references, safety rules, text and fonts, templates and pictures).",
        plural(s.files, "file"),
        plural(s.sessions, "session"),
        plural(s.modules, "module"),
        plural(s.strokes, "stroke")
    );
    match (errors, warnings) {
        (0, 0) => format!("{checked}\nNo problems found."),
        (0, w) => format!("{checked}\nNo errors, {}.", plural(w, "warning")),
        (e, 0) => format!(
            "Found {}. Fix {} and run `course validate` again.",
            plural(e, "error"),
            if e == 1 { "it" } else { "them" }
        ),
        (e, w) => format!(
            "Found {} and {}. Fix the errors and run `course validate` again.",
            plural(e, "error"),
            plural(w, "warning")
        ),
    }
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
