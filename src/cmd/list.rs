//! `course list`: the sessions, their modules, and the PDFs each one makes; as text, or
//! as one JSON object with `--message-format json`.

use crate::error::Error;
use std::path::Path;

use serde_json::json;

use crate::cli::MessageFormat;
use crate::load::Course;
use crate::model::{CourseFile, Module};

pub fn run(dir: &Path, format: MessageFormat) -> Result<(), Error> {
    let course = super::load_course(dir)?;
    let counts = crate::diagnostic::counts(&course.diagnostics);
    let Some(c) = &course.course else {
        super::print_diagnostics(&course, &course.diagnostics, format);
        crate::report::summary(format, counts, json!({}));
        return Err(Error::Problems);
    };
    if format == MessageFormat::Json {
        println!("{}", as_json(&course, &c.value));
        crate::report::summary(format, counts, json!({}));
    } else {
        print_text(&course, &c.value, dir);
    }
    Ok(())
}

/// What a module of the session is, for the listing: its kind, or its strokes.
fn describe(course: &Course, id: &str) -> String {
    match course.module(id).map(|m| &m.value) {
        Some(Module::Strokes(s)) => format!(
            "strokes: {}",
            s.strokes
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Some(m) => m.kind().name().to_owned(),
        None => "missing: run `course validate`".to_owned(),
    }
}

fn session_documents(number: usize) -> [String; 2] {
    [
        format!("session-{number}-handout.pdf"),
        format!("session-{number}-checklist.pdf"),
    ]
}

const COURSE_DOCUMENTS: [&str; 2] = ["booklet.pdf", "practice-log.pdf"];

/// Ids of modules that no session teaches.
fn untaught<'a>(course: &'a Course, file: &CourseFile) -> Vec<&'a str> {
    let taught: std::collections::HashSet<&str> = file
        .sessions
        .iter()
        .flat_map(|s| s.modules.iter().map(String::as_str))
        .collect();
    course
        .modules
        .iter()
        .map(|m| m.value.id())
        .filter(|id| !taught.contains(id))
        .collect()
}

/// The listing for people; course text is shown with its control and direction
/// characters named, as in every message.
fn print_text(course: &Course, file: &CourseFile, dir: &Path) {
    use crate::report::visible;
    println!(
        "{} ({} sessions, {} modules)",
        visible(&file.title),
        file.sessions.len(),
        course.modules.len()
    );
    for (i, session) in file.sessions.iter().enumerate() {
        println!("\n{:>2}. {}", i + 1, visible(&session.title));
        for id in &session.modules {
            println!("      {} ({})", visible(id), visible(&describe(course, id)));
        }
        let [handout, checklist] = session_documents(i + 1);
        println!("      builds {handout} and {checklist}");
    }
    println!("\nAlso builds booklet.pdf (every session) and practice-log.pdf.");
    let untaught = untaught(course, file);
    if !untaught.is_empty() {
        println!("Not in any session yet: {}.", visible(&untaught.join(", ")));
    }
    if !course.diagnostics.is_empty() {
        println!(
            "Some files have problems: run `course validate {}`.",
            visible(&dir.to_string_lossy())
        );
    }
}

/// The listing as one object of `type` `course`.
fn as_json(course: &Course, file: &CourseFile) -> serde_json::Value {
    let sessions: Vec<_> = file
        .sessions
        .iter()
        .enumerate()
        .map(|(i, session)| {
            let modules: Vec<_> = session
                .modules
                .iter()
                .map(|id| {
                    let module = course.module(id).map(|m| &m.value);
                    let strokes: Vec<&str> = match module {
                        Some(Module::Strokes(s)) => {
                            s.strokes.iter().map(|s| s.name.as_str()).collect()
                        }
                        _ => Vec::new(),
                    };
                    json!({
                        "id": id,
                        "kind": module.map(|m| m.kind().name()),
                        "title": module.map(Module::title),
                        "strokes": strokes,
                    })
                })
                .collect();
            json!({
                "number": i + 1,
                "title": session.title,
                "modules": modules,
                "documents": session_documents(i + 1),
            })
        })
        .collect();
    json!({
        "type": "course",
        "title": file.title,
        "sessions": sessions,
        "documents": COURSE_DOCUMENTS,
        "not_in_any_session": untaught(course, file),
    })
}
