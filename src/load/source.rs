//! Reading a source file as text, with the checks a YAML parser would report badly:
//! size, binary content, encoding and byte-order marks.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, Location, Place};
use crate::limits::MAX_FILE_BYTES;

/// A text file of the course, kept for drawing diagnostics.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the course folder, as shown to the user.
    pub name: PathBuf,
    /// The text, without a byte-order mark; lone carriage returns are line feeds.
    pub text: String,
}

impl Source {
    /// Reads `root/name`, refusing what is not reasonable UTF-8 text.
    pub fn read(root: &Path, name: &Path) -> Result<Source, Diagnostic> {
        // A course pack from someone else may hold a link to a private file; never read
        // (or quote in a diagnostic) anything outside the course folder.
        // A name the system allows but that is not text cannot be written in course.yaml
        // or shown as it is: say so, rather than that a lossy copy of it does not exist.
        let Some(text_name) = name.to_str() else {
            return Err(Diagnostic::error(
                Code::FileUnreadable,
                name,
                "the name of this file is not valid text (it has bytes that are not UTF-8), so it is not read",
            )
            .hint("rename the file with letters, digits and dashes, such as the module's id followed by `.yaml`"));
        };
        let path = crate::paths::inside_course(root, text_name).map_err(|why| {
            Diagnostic::error(
                Code::PathOutsideCourse,
                name,
                format!("this file is not read: {why}"),
            )
            .hint("replace the link with the file itself")
        })?;
        let bytes = super::gate::read_file(&path, MAX_FILE_BYTES).map_err(|e| match e {
            super::gate::GateError::TooLarge { size, .. } => Diagnostic::error(
                Code::FileTooLarge,
                name,
                match size {
                    Some(size) => format!(
                        "this file is {} KiB; course files may be at most {} KiB",
                        size / 1024,
                        MAX_FILE_BYTES / 1024
                    ),
                    None => format!(
                        "this file is larger than {} KiB, the limit for course files",
                        MAX_FILE_BYTES / 1024
                    ),
                },
            )
            .hint("split the module into several smaller modules"),
            other => other.diagnostic(name),
        })?;
        Source::from_bytes(name, bytes)
    }

    /// Checks the bytes of `name` are UTF-8 text (see [`super::gate::decode_text`]).
    pub fn from_bytes(name: &Path, bytes: Vec<u8>) -> Result<Source, Diagnostic> {
        let text = super::gate::decode_text(bytes).map_err(|e| e.diagnostic(name))?;
        Ok(Source {
            name: name.to_owned(),
            text,
        })
    }

    /// A character YAML does not allow in a file, even in a comment or in quotes: a
    /// control character (a terminal's escape, a bell) or a byte-order mark in the middle
    /// of the text. Said where it is, before the parsers refuse the whole file.
    pub fn forbidden_character(&self) -> Option<Diagnostic> {
        let allowed = |c: char| {
            matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{A0}'..='\u{D7FF}' | '\u{10000}'..)
                || ('\u{E000}'..='\u{FFFD}').contains(&c) && c != '\u{FEFF}'
        };
        let (offset, c) = self.text.char_indices().find(|&(_, c)| !allowed(c))?;
        let (message, code) = if c == '\u{FEFF}' {
            (
                "this file has a byte-order mark (U+FEFF) in the middle of its text".to_owned(),
                crate::diagnostic::Code::InvisibleCharacter,
            )
        } else {
            (
                format!(
                    "this file holds a control character (U+{:04X}): course files cannot hold one, not even in quotes or a comment",
                    c as u32
                ),
                crate::diagnostic::Code::ControlCharacter,
            )
        };
        Some(
            Diagnostic::error(code, Place::in_text(&self.name, self.location(offset, c.len_utf8())), message)
                .hint("delete it: retype the text around it (it is often pasted in from a terminal, a web page or a word processor)"),
        )
    }

    /// The location of a byte offset into the text.
    pub fn location(&self, offset: usize, len: usize) -> Location {
        Location {
            len,
            ..super::gate::location_of_byte(self.text.as_bytes(), offset)
        }
    }
}
