//! Drawing diagnostics for people (source line and caret, coloured on a terminal) and for
//! programs (`--message-format json` and `short`, in their own files).

mod human;
mod json;
mod short;
mod shown_files;
mod visible;

use std::io::IsTerminal;
use std::sync::OnceLock;

use codespan_reporting::term::termcolor;

use crate::diagnostic::Diagnostic;
use crate::load::Course;

pub use human::DRAWN_IN_FULL;
pub use visible::visible;

/// Whether to colour output on stderr: only on a terminal, and never with NO_COLOR.
/// How problems are printed: for people (`human`), one JSON object per line for editors
/// and scripts (`json`), or one line each (`short`). Chosen with `--message-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    Human,
    Json,
    Short,
}

pub fn color_stderr() -> termcolor::ColorChoice {
    if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    {
        termcolor::ColorChoice::Auto
    } else {
        termcolor::ColorChoice::Never
    }
}

/// The `--message-format` of this run. Set once when the command line is read, so that
/// every command's usage errors follow it without passing it around.
static FORMAT: OnceLock<MessageFormat> = OnceLock::new();

pub fn set_format(format: MessageFormat) {
    // Set once per process; a second call (never made) would change nothing.
    let _ = FORMAT.set(format);
}

pub fn format() -> MessageFormat {
    FORMAT.get().copied().unwrap_or(MessageFormat::Human)
}

/// Bad usage (exit status 2): a wrong option, a folder that is not a course, ...
pub fn usage_error(message: &str, hint: &str) {
    match format() {
        MessageFormat::Human => eprintln!("error: {}\n  hint: {}", visible(message), visible(hint)),
        MessageFormat::Json => json::usage_error(message, hint),
        MessageFormat::Short => println!(
            "course: error: {} ({})",
            short::flat(message),
            short::flat(hint)
        ),
    }
}

/// Prints diagnostics in the chosen format: for people on stderr, for programs on stdout.
pub fn print(course: &Course, diagnostics: &[Diagnostic], format: MessageFormat) {
    match format {
        MessageFormat::Human => print_human(course, diagnostics),
        MessageFormat::Json => json::print(course, diagnostics),
        MessageFormat::Short => short::print(course, diagnostics),
    }
}

/// In a JSON stream, one line per document a build made or kept, as cargo reports its
/// artifacts: `{"type":"document","file":...,"status":"written"|"unchanged",...}`.
pub fn document(
    format: MessageFormat,
    file: &std::path::Path,
    status: &str,
    pages: usize,
    bytes: u64,
) {
    if format == MessageFormat::Json {
        let line = serde_json::json!({
            "type": "document",
            "file": file.to_string_lossy(),
            "status": status,
            "pages": pages,
            "bytes": bytes,
        });
        println!("{line}");
    }
}

/// The closing line of a JSON stream: how many (errors, warnings), and what the
/// command did (`extra`, an object). Other formats close with their own words.
pub fn summary(
    format: MessageFormat,
    (errors, warnings): (usize, usize),
    extra: serde_json::Value,
) {
    if format == MessageFormat::Json {
        json::summary(errors, warnings, extra);
    }
}

/// Renders diagnostics as text, exactly as `course validate` prints them without colour.
pub fn render_plain(course: &Course, diagnostics: &[Diagnostic]) -> String {
    let mut buffer = termcolor::Buffer::no_color();
    human::render(course, diagnostics, &mut buffer);
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

pub fn print_human(course: &Course, diagnostics: &[Diagnostic]) {
    // Buffered: codespan writes each diagnostic in many small pieces.
    let mut stream = termcolor::BufferedStandardStream::stderr(color_stderr());
    human::render(course, diagnostics, &mut stream);
    let _ = std::io::Write::flush(&mut stream);
}

/// `offset..offset + len` inside `text` and on character boundaries, so a location that
/// is off by a few bytes draws a caret instead of panicking.
pub(super) fn char_range(text: &str, offset: usize, len: usize) -> std::ops::Range<usize> {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(offset);
    let mut end = floor(offset.saturating_add(len).max(start));
    if end == start && start < text.len() {
        end = start + text[start..].chars().next().map_or(0, char::len_utf8);
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::char_range;

    /// A location inside a multi-byte character once panicked the report
    /// ("end byte index 73 is not a char boundary").
    #[test]
    fn ranges_land_on_character_boundaries() {
        let text = "a中b";
        assert_eq!(char_range(text, 2, 1), 1..4);
        assert_eq!(char_range(text, 1, 2), 1..4);
        assert_eq!(char_range(text, 99, 5), 5..5);
        assert_eq!(char_range(text, 0, 0), 0..1);
    }
}
