//! The pipeline as a library: what `validate`, `build` and `watch` share, so each
//! subcommand only maps its options and prints. [`check`] finds every problem on the
//! build's own path and writes nothing; [`build`] checks, renders the documents whose
//! inputs changed and writes them through the write gate, returning what it did.
//!
//! Nothing here prints: the outcome, the problems and the progress are data for the
//! command line to show.

mod course_fonts;
mod make;
pub mod manifest;
pub mod output;
mod stamp;

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::load::Course;
use crate::render::ContentsMemory;
use crate::validate::Summary;

pub use course_fonts::course_fonts;
pub use make::build;
pub use output::Output;
pub use stamp::Stamp;

/// Starts, each on its own thread, the work every run needs whatever the course: the
/// built-in templates compiled, the files' schemas compiled and the starters' texts
/// (which `validate` looks for) parsed. They are ready about when loading the course
/// needs them, made on the cores loading leaves idle.
pub fn warm_up() {
    crate::render::templates::compile_built_in_ahead();
    std::thread::spawn(crate::load::schema_check::compile_all);
    std::thread::spawn(|| {
        crate::starter_words::written_texts();
    });
}

/// Every problem in `course`, found as `build` finds them: the checks, then (when they
/// pass) every document made on the build's path, under its budgets, and dropped. So a
/// course `check` passes is a course `build` builds. Nothing is written.
pub fn check(course: &Course) -> (Vec<Diagnostic>, Summary) {
    let fonts = match course_fonts(course) {
        Ok(fonts) => fonts,
        Err(d) => return (vec![d], Summary::default()),
    };
    let validated = crate::validate::validate(course, &fonts);
    let (mut diagnostics, summary) = (validated.diagnostics, validated.summary);
    if !diagnostics.iter().any(Diagnostic::is_error) {
        diagnostics.extend(make::render_translations_without_writing(course, &fonts));
        diagnostics.extend(make::render_without_writing(
            course,
            fonts,
            validated.prepared,
        ));
        crate::diagnostic::sort(&mut diagnostics);
    }
    (diagnostics, summary)
}

/// What a build of the course would do when its folder has `stamp` (taken before the
/// course was read): nothing, when a build found no problem in the course as it was
/// then and every document is still as that build wrote it. `None` when there may be
/// work to do; then [`build`] decides, document by document.
pub fn unchanged(stamp: Option<&Stamp>, output: &Output, options: &Options) -> Option<Outcome> {
    if options.force || !output.path.is_dir() {
        return None;
    }
    let record = manifest::Manifest::read(&output.path).ok()?;
    let documents: Vec<_> = record
        .settled(&stamp?.0)?
        .into_iter()
        .filter(|(name, _)| options.formats.makes(name))
        .collect();
    // A build settles only the kinds it made: PDFs settle no page, pages no PDF.
    let has = |kind: &str| documents.iter().any(|(name, _)| name.ends_with(kind));
    if (options.formats.pdf() && !has(".pdf")) || (options.formats.html() && !has(".html")) {
        return None;
    }
    Some(Outcome {
        documents: documents
            .into_iter()
            .map(|(name, entry)| Document {
                name: name.to_owned(),
                status: Status::Unchanged,
                pages: entry.pages,
                bytes: entry.bytes,
            })
            .collect(),
        ..Outcome::default()
    })
}

/// How a build goes about its work.
#[derive(Clone, Default)]
pub struct Options {
    /// Make every document, even those whose inputs have not changed.
    pub force: bool,
    /// Replace PDFs in the output folder that no build of `course` wrote.
    pub overwrite: bool,
    /// Kept from build to build by `course watch`: see [`ContentsMemory`].
    pub contents_memory: Option<Arc<ContentsMemory>>,
    /// What is made of each document.
    pub formats: Formats,
}

/// What a build makes of each document of the plan: its PDF, its HTML page (and the
/// index page that lists them), or both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Formats {
    #[default]
    Pdf,
    Html,
    All,
}

impl Formats {
    pub fn pdf(self) -> bool {
        self != Formats::Html
    }

    pub fn html(self) -> bool {
        self != Formats::Pdf
    }

    /// Whether a file of this name is one of the kinds this build makes.
    pub fn makes(self, name: &str) -> bool {
        (self.pdf() && name.ends_with(".pdf")) || (self.html() && name.ends_with(".html"))
    }

    /// What the files are called, for "Built 8 PDFs".
    pub fn noun(self, count: usize) -> &'static str {
        match (self, count) {
            (Formats::Pdf, 1) => "PDF",
            (Formats::Pdf, _) => "PDFs",
            (Formats::Html, 1) => "page",
            (Formats::Html, _) => "pages",
            (Formats::All, 1) => "file",
            (Formats::All, _) => "files",
        }
    }
}

/// Told how a build is getting on, for a progress bar; every call may come from any of
/// the build's threads.
pub trait Progress: Sync {
    /// Another build holds the output folder; this one waits for it.
    fn waiting(&self) {}
    /// `documents` are about to be made.
    fn rendering(&self, _documents: usize) {}
    /// One more document is made.
    fn rendered(&self) {}
}

/// A build nobody watches.
pub struct Silent;
impl Progress for Silent {}

/// What became of one document of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Its file name in the output folder, such as `session-2-handout.pdf` or
    /// `session-2-handout.html`.
    pub name: String,
    pub status: Status,
    pub pages: usize,
    pub bytes: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Made by this build.
    Written,
    /// Made by an earlier build from the same inputs, and still as it wrote it.
    Unchanged,
}

impl Status {
    /// The word machine-readable output uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Written => "written",
            Status::Unchanged => "unchanged",
        }
    }
}

/// What one build did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every document of the plan, in plan order: the only ones `--open` opens.
    pub documents: Vec<Document>,
    /// Files an earlier build wrote that the course no longer makes, now removed.
    pub removed: Vec<String>,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

impl Outcome {
    pub fn written(&self) -> impl Iterator<Item = &Document> {
        self.documents
            .iter()
            .filter(|d| d.status == Status::Written)
    }

    pub fn unchanged(&self) -> usize {
        self.documents.len() - self.written().count()
    }

    pub fn bytes(&self) -> u64 {
        self.documents.iter().map(|d| d.bytes).sum()
    }

    pub fn names(&self) -> Vec<String> {
        self.documents.iter().map(|d| d.name.clone()).collect()
    }
}

/// Why a build stopped, and the PDFs it had put in place by then (the others are as
/// they were).
#[derive(Debug, Default)]
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
    pub written: Vec<Document>,
}

impl From<Vec<Diagnostic>> for Failure {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        Failure {
            diagnostics,
            written: Vec::new(),
        }
    }
}

impl From<Diagnostic> for Failure {
    fn from(diagnostic: Diagnostic) -> Self {
        vec![diagnostic].into()
    }
}
