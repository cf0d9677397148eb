//! Where a problem is: the file, the line in it (when there is one to point at) and the
//! field (when the file has fields). A rule gets one in one expression: from a parsed
//! file and a [`Field`] (`module.place(field!["oils", i, "name"])`, see `load::place`),
//! which finds the line; from a file alone (`Place::from(COURSE_FILE)`); or from a
//! position in text that has no fields (`Place::in_text`: a template, a YAML line).

use std::path::{Path, PathBuf};

use super::{Field, Location};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub(super) file: PathBuf,
    pub(super) location: Option<Location>,
    pub(super) field: Option<Field>,
}

impl Place {
    /// A field of `file` at `location`. Rules call this through a parsed file, which finds
    /// the location from the field; an empty field is the whole file and names none.
    pub fn new(file: impl Into<PathBuf>, location: Option<Location>, field: Field) -> Place {
        Place {
            file: file.into(),
            location,
            field: (!field.is_empty()).then_some(field),
        }
    }

    /// A position in a file that is text rather than fields: a template, a line YAML
    /// cannot read, a character the file may not hold.
    pub fn in_text(file: impl Into<PathBuf>, location: impl Into<Option<Location>>) -> Place {
        Place {
            file: file.into(),
            location: location.into(),
            field: None,
        }
    }

    pub fn file(&self) -> &Path {
        &self.file
    }

    pub fn location(&self) -> Option<Location> {
        self.location
    }
}

/// The whole of a file: `Place::from(COURSE_FILE)`, `Place::from(&module.file)`.
impl From<&str> for Place {
    fn from(file: &str) -> Place {
        Place::in_text(file, None)
    }
}

impl From<&Path> for Place {
    fn from(file: &Path) -> Place {
        Place::in_text(file, None)
    }
}

impl From<&PathBuf> for Place {
    fn from(file: &PathBuf) -> Place {
        Place::in_text(file, None)
    }
}

impl From<PathBuf> for Place {
    fn from(file: PathBuf) -> Place {
        Place::in_text(file, None)
    }
}

impl From<String> for Place {
    fn from(file: String) -> Place {
        Place::in_text(file, None)
    }
}

impl From<&String> for Place {
    fn from(file: &String) -> Place {
        Place::in_text(file, None)
    }
}
