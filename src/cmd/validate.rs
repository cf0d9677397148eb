//! `course validate`: find every problem and say how to fix it, writing nothing.

use crate::error::Error;
use std::path::Path;

use crate::cli::MessageFormat;
use crate::validate::{self, Summary};

pub fn run(dir: &Path, format: MessageFormat) -> Result<(), Error> {
    let course = super::load_course(dir)?;
    let (mut diagnostics, summary) = match super::course_fonts(&course) {
        Ok(fonts) => {
            let (mut diagnostics, summary) = validate::validate(&course, &fonts);
            if !diagnostics.iter().any(|d| d.is_error()) {
                diagnostics.extend(render_without_writing(&course, fonts));
            }
            (diagnostics, summary)
        }
        Err(d) => (vec![d], Summary::default()),
    };
    crate::diagnostic::sort(&mut diagnostics);
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

/// Every document made as `build` makes it, on the same path with the same data and
/// budgets, page numbers included, and then dropped: so `validate` passing means `build`
/// succeeds. Nothing is written.
fn render_without_writing(
    course: &crate::load::Course,
    fonts: crate::fonts::FontSet,
) -> Vec<crate::diagnostic::Diagnostic> {
    let renderer = match crate::render::Renderer::new(course, fonts) {
        Ok(renderer) => renderer,
        Err(d) => return vec![d],
    };
    let documents = crate::plan::plan(course, &renderer.locale);
    let all: Vec<&crate::plan::PlannedDocument> = documents.iter().collect();
    crate::render::batch::render_all(&renderer, &all, &|_, _| Ok(()), &|| {})
        .err()
        .unwrap_or_default()
}
