//! The checks that could not run, said once: a file that cannot be read at all may hold
//! the setup module or the strokes that others name, so those checks wait for it.

use std::path::PathBuf;

use crate::diagnostic::{Code, Diagnostic};
use crate::load::{Course, COURSE_FILE};
use crate::model::ModuleKind;

/// Whether a module that did not load may be the setup module.
pub fn setup_unknown(course: &Course) -> bool {
    !course.unread_modules.is_empty()
        || course
            .unloaded_kinds
            .iter()
            .any(|(_, kind)| matches!(kind, None | Some(ModuleKind::Setup)))
}

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut checks: Vec<&str> = Vec::new();
    if course.course.is_none() && course.source(COURSE_FILE.as_ref()).is_some() {
        files.push(COURSE_FILE.into());
        checks.extend([
            "the module ids of the sessions",
            "the class dates and the babies' ages",
        ]);
    }
    let has_adaptations = course
        .modules
        .iter()
        .any(|m| m.value.kind() == ModuleKind::ToddlerAdaptations);
    if !course.unread_modules.is_empty()
        && has_adaptations
        && super::references::strokes_not_found(course)
    {
        checks.push("that toddler adaptations name strokes that exist");
    }
    let safety_wanted = course
        .course
        .as_ref()
        .is_none_or(|c| c.value.safety.require_contraindications);
    let has_setup = course
        .modules
        .iter()
        .any(|m| m.value.kind() == ModuleKind::Setup);
    if setup_unknown(course) && !has_setup {
        checks.push("that the course has a setup module");
        if safety_wanted {
            checks.push("that it says when not to massage");
        }
    }
    if checks.is_empty() {
        return;
    }
    files.extend(course.unread_modules.iter().cloned());
    files.extend(
        course
            .unloaded_kinds
            .iter()
            .filter(|(_, kind)| matches!(kind, None | Some(ModuleKind::Setup)))
            .filter(|_| setup_unknown(course) && !has_setup)
            .map(|(file, _)| file.clone()),
    );
    files.sort();
    files.dedup();
    let Some(first) = files.first().cloned() else {
        return;
    };
    let names: Vec<String> = files.iter().map(|f| format!("`{}`", f.display())).collect();
    let (these, them) = if files.len() == 1 {
        ("this file", "it")
    } else {
        ("these files", "them")
    };
    out.push(
        Diagnostic::warning(
            Code::ChecksSkipped,
            first,
            format!(
                "some checks did not run, because {} could not be read as a whole: {}",
                names.join(", "),
                checks.join("; ")
            ),
        )
        .hint(format!(
            "fix the mistakes in {these} and run `course validate` again to check {them} with the rest"
        )),
    );
}
