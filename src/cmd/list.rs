//! `course list`: the sessions, their modules, and the PDFs each one makes.

use std::path::Path;

use crate::cli::EXIT_OK;
use crate::model::Module;

pub fn run(dir: &Path) -> u8 {
    let course = match super::load_course(dir) {
        Ok(course) => course,
        Err(status) => return status,
    };
    let Some(c) = &course.course else {
        super::print_diagnostics(
            &course,
            &course.diagnostics,
            crate::cli::MessageFormat::Human,
        );
        return crate::cli::EXIT_PROBLEMS;
    };
    let file = &c.value;
    println!(
        "{} ({} sessions, {} modules)",
        file.title,
        file.sessions.len(),
        course.modules.len()
    );
    for (i, session) in file.sessions.iter().enumerate() {
        println!("\n{:>2}. {}", i + 1, session.title);
        for id in &session.modules {
            let what = match course.module(id).map(|m| &m.value) {
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
            };
            println!("      {id} ({what})");
        }
        println!(
            "      builds session-{0}-handout.pdf and session-{0}-checklist.pdf",
            i + 1
        );
    }
    println!("\nAlso builds booklet.pdf (every session) and practice-log.pdf.");
    let taught = |id: &str| {
        file.sessions
            .iter()
            .any(|s| s.modules.iter().any(|m| m == id))
    };
    let untaught: Vec<&str> = course
        .modules
        .iter()
        .map(|m| m.value.id())
        .filter(|id| !taught(id))
        .collect();
    if !untaught.is_empty() {
        println!("Not in any session yet: {}.", untaught.join(", "));
    }
    if !course.diagnostics.is_empty() {
        println!(
            "Some files have problems: run `course validate {}`.",
            dir.display()
        );
    }
    EXIT_OK
}
