//! Diagnostics are plain data: where, what, and how to fix it. Only the CLI decides how
//! to draw them.

mod codes;
mod field;
mod place;

use std::fmt;
use std::path::PathBuf;

pub use codes::Code;
pub use field::{Field, Segment};
pub use place::Place;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a source file. Lines and columns count from 1; `offset` and `len` are in
/// bytes, for drawing the source line with a caret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    #[serde(skip)]
    pub offset: usize,
    #[serde(skip)]
    pub len: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What kind of problem this is, for programs (`--message-format json`).
    pub code: Code,
    /// The file, relative to the course folder.
    pub file: PathBuf,
    pub location: Option<Location>,
    /// The field, such as `strokes[2].steps[0]`.
    pub field: Option<Field>,
    pub message: String,
    pub hint: Option<String>,
    /// A second place that matters, such as where a duplicate was first defined.
    pub related: Option<(PathBuf, Location, String)>,
}

impl Diagnostic {
    /// A problem of kind `code` at `place` (a file, or a field of a parsed file).
    pub fn error(code: Code, place: impl Into<Place>, message: impl Into<String>) -> Diagnostic {
        let place = place.into();
        Diagnostic {
            severity: Severity::Error,
            code,
            file: place.file,
            location: place.location,
            field: place.field,
            message: message.into(),
            hint: None,
            related: None,
        }
    }

    pub fn warning(code: Code, place: impl Into<Place>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, place, message)
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn related(
        mut self,
        file: impl Into<PathBuf>,
        at: Location,
        note: impl Into<String>,
    ) -> Self {
        self.related = Some((file.into(), at, note.into()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The one-line form: `file:line:column: field: message`, used in logs and tests.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}", self.file.display())?;
        if let Some(at) = self.location {
            write!(f, ":{}:{}", at.line, at.column)?;
        }
        if let Some(field) = &self.field {
            write!(f, ": {field}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        if let Some((file, at, note)) = &self.related {
            write!(
                f,
                "\n  note: {note} ({}:{}:{})",
                file.display(),
                at.line,
                at.column
            )?;
        }
        Ok(())
    }
}

/// Sorts diagnostics by file and position so output is stable from run to run.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    let place = |d: &Diagnostic| d.location.map(|l| (l.line, l.column));
    diagnostics.sort_by(|a, b| a.file.cmp(&b.file).then_with(|| place(a).cmp(&place(b))));
}

/// How many (errors, warnings) there are among `diagnostics`.
pub fn counts(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}
