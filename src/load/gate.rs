//! The one gate every file of a course is read through: course.yaml, modules, templates,
//! locale files, images (and fonts and the build manifest, by whoever reads those).
//!
//! Only regular files pass. A named pipe, device, socket or folder is refused without
//! blocking on it or reading from it; the size is checked before reading and again
//! while reading (a file may grow); text is checked to be UTF-8, and the encodings
//! people save by mistake (UTF-16, UTF-32, Latin-1) are named.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

use crate::diagnostic::{Code, Diagnostic, Location, Place};

/// Why a file did not pass the gate. `reason` and `hint` are in words for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GateError {
    /// There is no such file.
    Missing,
    /// Something other than a regular file: "a folder", "a named pipe (FIFO)", ...
    NotAFile(&'static str),
    /// Larger than the limit; `size` if the file said so before reading.
    TooLarge { limit: u64, size: Option<u64> },
    /// The system refused to read it; the reason in words.
    Unreadable(String),
    /// Not UTF-8 text; `at` is where the first unreadable byte is, if that helps.
    Encoding {
        message: String,
        hint: &'static str,
        at: Option<Location>,
    },
}

const SAVE_AS_UTF8: &str = "save the file as UTF-8 in your editor (\"Save with encoding\" > UTF-8)";

impl GateError {
    /// What is wrong, as the end of "cannot read this file: ...".
    pub fn reason(&self) -> String {
        match self {
            GateError::Missing => "it does not exist".to_owned(),
            GateError::NotAFile(what) => format!("it is {what}, not a regular file"),
            GateError::TooLarge {
                limit,
                size: Some(size),
            } => format!(
                "it is {}; the limit is {}",
                human_size(*size),
                human_size(*limit)
            ),
            GateError::TooLarge { limit, size: None } => {
                format!("it is larger than the limit of {}", human_size(*limit))
            }
            GateError::Unreadable(why) => why.clone(),
            GateError::Encoding { message, .. } => message.clone(),
        }
    }

    pub fn hint(&self) -> &'static str {
        match self {
            GateError::Missing => {
                "check the spelling of the name and that the file is in the course folder"
            }
            GateError::NotAFile(_) => {
                "put an ordinary file here; links to pipes, devices or folders are not read"
            }
            GateError::TooLarge { .. } => "make the file smaller, or split it into several files",
            GateError::Unreadable(_) => {
                "check that the file can be opened (its permissions, or the disk)"
            }
            GateError::Encoding { hint, .. } => hint,
        }
    }

    /// The error as a diagnostic about `shown` (the path the user knows the file by).
    pub fn diagnostic(&self, shown: &Path) -> Diagnostic {
        let message = match self {
            GateError::Encoding { message, .. } => message.clone(),
            other => format!("cannot read this file: {}", other.reason()),
        };
        let at = match self {
            GateError::Encoding { at, .. } => *at,
            _ => None,
        };
        let code = match self {
            GateError::Encoding { .. } => Code::FileEncoding,
            GateError::TooLarge { .. } => Code::FileTooLarge,
            _ => Code::FileUnreadable,
        };
        Diagnostic::error(code, Place::in_text(shown, at), message).hint(self.hint())
    }
}

/// Reads the regular file at `path`, at most `max_bytes` of it. Never blocks on a pipe or
/// device and never reads more than `max_bytes + 1` bytes, whatever the file claims.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, GateError> {
    // Refuse by name first, so a device is not even opened.
    let meta = std::fs::metadata(path).map_err(|e| io_error(&e))?;
    regular(&meta)?;
    let file = open(path).map_err(|e| io_error(&e))?;
    // The name may have been swapped for a pipe since: check what was opened.
    let meta = file.metadata().map_err(|e| io_error(&e))?;
    regular(&meta)?;
    if meta.len() > max_bytes {
        return Err(GateError::TooLarge {
            limit: max_bytes,
            size: Some(meta.len()),
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(GateError::TooLarge {
            limit: max_bytes,
            size: None,
        });
    }
    Ok(bytes)
}

/// Reads the regular file at `path` as UTF-8 text (see [`decode_text`]).
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String, GateError> {
    decode_text(read_file(path, max_bytes)?)
}

/// Bytes as UTF-8 text without a byte-order mark, with lone carriage returns (old Mac
/// line endings) made into line feeds so lines are counted as an editor shows them.
pub fn decode_text(mut bytes: Vec<u8>) -> Result<String, GateError> {
    if let Some(encoding) = wide_encoding(&bytes) {
        return Err(GateError::Encoding {
            message: format!("this file is saved as {encoding} text"),
            hint: SAVE_AS_UTF8,
            at: None,
        });
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(GateError::Encoding {
            message: "this is not a text file (it contains a NUL byte)".to_owned(),
            hint: "course files must be plain text saved as UTF-8; was a picture or a word-processor file saved with a .yaml name?",
            at: Some(location_of_byte(&bytes, offset)),
        });
    }
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let byte = bytes[offset];
        let message = if looks_like_latin1(&bytes) {
            format!(
                "this file is saved as Latin-1 (ISO 8859-1 or Windows-1252), not UTF-8: byte 0x{byte:02X} (`{}` in Latin-1) cannot be read",
                char::from(byte)
            )
        } else {
            format!("this file is not UTF-8 text (byte 0x{byte:02X} cannot be read)")
        };
        GateError::Encoding {
            message,
            hint: SAVE_AS_UTF8,
            at: Some(location_of_byte(&bytes, offset)),
        }
    })
}

/// UTF-16 or UTF-32, by byte-order mark or, without one, by the zero bytes that ASCII
/// text has in those encodings. UTF-32 is tested first: its marks start like UTF-16's.
fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xFF\xFE\0\0") || bytes.starts_with(b"\0\0\xFE\xFF") {
        return Some("UTF-32");
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Some("UTF-16");
    }
    // Without a mark: look at the first few characters' worth of bytes.
    let head = &bytes[..bytes.len().min(64)];
    if head.len() >= 8 {
        let zeros_at = |k: usize, of: usize| {
            head.iter()
                .enumerate()
                .filter(|(i, &b)| i % of == k && b == 0)
                .count()
        };
        let quads = head.len() / 4;
        let pairs = head.len() / 2;
        let utf32 = (zeros_at(1, 4) + zeros_at(2, 4) >= quads * 2 * 3 / 4)
            && (zeros_at(3, 4) >= quads * 3 / 4 || zeros_at(0, 4) >= quads * 3 / 4);
        if utf32 {
            return Some("UTF-32");
        }
        if zeros_at(1, 2) >= pairs * 3 / 4 || zeros_at(0, 2) >= pairs * 3 / 4 {
            return Some("UTF-16");
        }
    }
    None
}

/// Invalid UTF-8 made of single high bytes between ordinary text: what Latin-1 and
/// Windows-1252 editors write for accented letters.
fn looks_like_latin1(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    let mut high = 0;
    loop {
        match std::str::from_utf8(rest) {
            Ok(_) => return high > 0,
            Err(e) => {
                let bad = e.valid_up_to();
                let len = e.error_len().unwrap_or(rest.len() - bad);
                if len != 1 || rest[bad] < 0x80 {
                    return false;
                }
                high += 1;
                rest = &rest[bad + 1..];
            }
        }
    }
}

pub(crate) fn location_of_byte(bytes: &[u8], offset: usize) -> Location {
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

fn regular(meta: &Metadata) -> Result<(), GateError> {
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    if kind.is_dir() {
        return Err(GateError::NotAFile("a folder"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Err(GateError::NotAFile("a named pipe (FIFO)"));
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Err(GateError::NotAFile("a device"));
        }
        if kind.is_socket() {
            return Err(GateError::NotAFile("a socket"));
        }
    }
    Err(GateError::NotAFile("not an ordinary file"))
}

#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a pipe with no writer returns at once instead of waiting.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

fn io_error(e: &std::io::Error) -> GateError {
    match e.kind() {
        std::io::ErrorKind::NotFound => GateError::Missing,
        std::io::ErrorKind::IsADirectory => GateError::NotAFile("a folder"),
        _ => GateError::Unreadable(crate::util::io_reason(e)),
    }
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MiB", bytes / (1024 * 1024))
    } else if bytes >= 1024 {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoding(bytes: &[u8]) -> String {
        match decode_text(bytes.to_vec()) {
            Err(GateError::Encoding { message, .. }) => message,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn wide_encodings_are_named_right() {
        let utf16le: Vec<u8> = "kind: x\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let utf16be: Vec<u8> = "kind: x\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let utf32le: Vec<u8> = "kind: x\n"
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        assert_eq!(encoding(&utf16le), "this file is saved as UTF-16 text");
        assert_eq!(encoding(&utf16be), "this file is saved as UTF-16 text");
        assert_eq!(encoding(&utf32le), "this file is saved as UTF-32 text");
        assert_eq!(
            encoding(b"\xFF\xFE\0\0k\0\0\0"),
            "this file is saved as UTF-32 text"
        );
        assert_eq!(
            encoding(b"\xFF\xFEk\0"),
            "this file is saved as UTF-16 text"
        );
    }

    #[test]
    fn latin1_is_named_and_cr_only_lines_are_lines() {
        assert!(encoding(b"title: Caf\xE9\n").contains("Latin-1"));
        assert_eq!(decode_text(b"a\rb\r\nc".to_vec()).unwrap(), "a\nb\r\nc");
    }

    #[cfg(unix)]
    #[test]
    fn pipes_and_folders_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        assert_eq!(
            read_file(&fifo, 10),
            Err(GateError::NotAFile("a named pipe (FIFO)"))
        );
        assert_eq!(
            read_file(dir.path(), 10),
            Err(GateError::NotAFile("a folder"))
        );
        assert_eq!(
            read_file(Path::new("/dev/zero"), 10),
            Err(GateError::NotAFile("a device"))
        );
        let big = dir.path().join("big");
        std::fs::write(&big, [b'a'; 11]).unwrap();
        assert_eq!(
            read_file(&big, 10),
            Err(GateError::TooLarge {
                limit: 10,
                size: Some(11)
            })
        );
    }
}
