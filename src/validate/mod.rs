//! Validate: checks beyond types, over the whole course. Every problem becomes a
//! diagnostic; nothing stops at the first one.

mod assets;
mod class;
mod documents;
mod page_furniture;
mod placeholders;
mod references;
mod safety;
mod skipped;
mod starter_language;
mod text;
mod translation_text;
mod translations;
mod video;

use crate::diagnostic::{self, Diagnostic};
use crate::fonts::FontSet;
use crate::load::Course;
use crate::model::Module;
use crate::render::Prepared;

/// What was checked, for the closing line of `course validate`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub sessions: usize,
    pub modules: usize,
    pub strokes: usize,
}

/// What validating a course found.
#[derive(Default)]
pub struct Validated {
    /// Every problem, including those found while loading, sorted.
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
    /// The templates, plan and Markdown the checks made, when they could: a build lays
    /// these out instead of compiling and rendering the templates a second time.
    pub prepared: Option<Prepared>,
}

/// The problems of the course's translations alone, for `course translations update`.
pub fn check_translations(course: &Course) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    translations::check(course, &mut out);
    out
}

/// All problems found in `course`, including those found while loading it.
pub fn validate(course: &Course, fonts: &FontSet) -> Validated {
    let mut out = course.diagnostics.clone();
    references::check(course, &mut out);
    safety::check(course, &mut out);
    class::check(course, &mut out);
    placeholders::check(course, &mut out);
    text::check(course, fonts, &mut out);
    assets::check(course, &mut out);
    video::check(course, &mut out);
    translations::check(course, &mut out);
    let prepared = documents::check(course, fonts, &mut out);
    page_furniture::check(course, fonts, &mut out);
    // After the checks that find a wrong language, which comes first.
    starter_language::check(course, &mut out);
    skipped::check(course, &mut out);
    // Values stood in for a mistake already said are not mistakes of their own.
    let loaded = course.diagnostics.len();
    let mut i = 0;
    out.retain(|d| {
        i += 1;
        i <= loaded || !course.about_a_stand_in(d)
    });
    diagnostic::sort(&mut out);
    let summary = Summary {
        files: course.sources.len(),
        sessions: course.course.as_ref().map_or(0, |c| c.value.sessions.len()),
        modules: course.modules.len(),
        strokes: course
            .modules
            .iter()
            .map(|m| match &m.value {
                Module::Strokes(s) => s.strokes.len(),
                _ => 0,
            })
            .sum(),
    };
    Validated {
        diagnostics: out,
        summary,
        prepared,
    }
}
