//! Reading a source file as text, with the checks a YAML parser would report badly:
//! size, binary content, encoding and byte-order marks.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Location};
use crate::limits::MAX_FILE_BYTES;

/// A text file of the course, kept for drawing diagnostics.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the course folder, as shown to the user.
    pub name: PathBuf,
    /// The text, without a byte-order mark. Line endings are left as they are.
    pub text: String,
}

impl Source {
    /// Reads `root/name`, refusing what is not reasonable UTF-8 text.
    pub fn read(root: &Path, name: &Path) -> Result<Source, Diagnostic> {
        // A course pack from someone else may hold a link to a private file; never read
        // (or quote in a diagnostic) anything outside the course folder.
        let path = crate::paths::inside_course(root, &name.to_string_lossy()).map_err(|why| {
            Diagnostic::error(name, format!("this file is not read: {why}"))
                .hint("replace the link with the file itself")
        })?;
        let meta = std::fs::metadata(&path).map_err(|e| io_error(name, &e))?;
        if meta.len() > MAX_FILE_BYTES {
            return Err(Diagnostic::error(
                name,
                format!(
                    "this file is {} KiB; course files may be at most {} KiB",
                    meta.len() / 1024,
                    MAX_FILE_BYTES / 1024
                ),
            )
            .hint("split the module into several smaller modules"));
        }
        let bytes = std::fs::read(&path).map_err(|e| io_error(name, &e))?;
        Source::from_bytes(name, bytes)
    }

    pub fn from_bytes(name: &Path, mut bytes: Vec<u8>) -> Result<Source, Diagnostic> {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
            return Err(Diagnostic::error(name, "this file is saved as UTF-16 text")
                .hint("save it as UTF-8 in your editor (\"Save with encoding\" > UTF-8)"));
        }
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            let at = location_of_byte(&bytes, offset);
            return Err(Diagnostic::error(name, "this is not a text file (it contains a NUL byte)")
                .at(Some(at))
                .hint("course files must be plain text saved as UTF-8; was a picture or a word-processor file saved with a .yaml name?"));
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Source {
                name: name.to_owned(),
                text,
            }),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let at = location_of_byte(&bytes, offset);
                Err(Diagnostic::error(
                    name,
                    format!(
                        "this file is not UTF-8 text (byte 0x{:02X} cannot be read)",
                        bytes[offset]
                    ),
                )
                .at(Some(at))
                .hint("save the file as UTF-8 in your editor (\"Save with encoding\" > UTF-8)"))
            }
        }
    }

    /// The location of a byte offset into the text.
    pub fn location(&self, offset: usize, len: usize) -> Location {
        Location {
            len,
            ..location_of_byte(self.text.as_bytes(), offset)
        }
    }
}

fn location_of_byte(bytes: &[u8], offset: usize) -> Location {
    let before = &bytes[..offset.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Location {
        line,
        column,
        offset,
        len: 1,
    }
}

fn io_error(name: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        name,
        format!("cannot read this file: {}", crate::util::io_reason(e)),
    )
}
