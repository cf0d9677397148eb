//! Drawing diagnostics for people (source line and caret, coloured on a terminal) and for
//! programs (`--message-format json` and `short`, in their own files).

mod json;
mod short;

use crate::locate::shown;
use std::io::IsTerminal;
use std::sync::OnceLock;

use codespan_reporting::diagnostic::{Diagnostic as Drawn, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};

use crate::cli::MessageFormat;
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::field::label_in;
use crate::load::Course;

/// Whether to colour output on stderr: only on a terminal, and never with NO_COLOR.
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
        MessageFormat::Human => eprintln!("error: {message}\n  hint: {hint}"),
        MessageFormat::Json => json::usage_error(message, hint),
        MessageFormat::Short => println!("course: error: {message} ({hint})"),
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
    render(course, diagnostics, &mut buffer);
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

pub fn print_human(course: &Course, diagnostics: &[Diagnostic]) {
    let stream = termcolor::StandardStream::stderr(color_stderr());
    let mut lock = stream.lock();
    render(course, diagnostics, &mut lock);
}

fn render(course: &Course, diagnostics: &[Diagnostic], out: &mut dyn termcolor::WriteColor) {
    let mut files = SimpleFiles::new();
    let ids: Vec<_> = course
        .sources
        .iter()
        .map(|s| {
            (
                s.name.clone(),
                files.add(
                    shown(&course.root, &s.name).display().to_string(),
                    s.text.clone(),
                ),
            )
        })
        .collect();
    let id_of = |file: &std::path::Path| ids.iter().find(|(n, _)| n == file).map(|(_, id)| *id);
    let config = term::Config {
        start_context_lines: 0,
        end_context_lines: 0,
        ..Default::default()
    };
    for d in diagnostics {
        let mut drawn = match d.severity {
            Severity::Error => Drawn::error(),
            Severity::Warning => Drawn::warning(),
        };
        let mut notes = Vec::new();
        if let Some(field) = &d.field {
            notes.push(format!("field: {}", label_in(course, &d.file, field)));
        }
        if let Some(hint) = &d.hint {
            notes.push(format!("hint: {hint}"));
        }
        // A snippet of a very long line (a minified or hostile file) helps nobody.
        let snippet = d
            .location
            .filter(|at| line_length(course, &d.file, at.offset) <= 300);
        match (snippet, id_of(&d.file)) {
            (Some(at), Some(id)) => {
                let range = |file: &std::path::Path, offset: usize, len: usize| {
                    char_range(
                        course.source(file).map_or("", |s| s.text.as_str()),
                        offset,
                        len,
                    )
                };
                let mut labels = vec![Label::primary(id, range(&d.file, at.offset, at.len))];
                if let Some((file, rel, note)) = &d.related {
                    if let Some(rid) = id_of(file) {
                        labels.push(
                            Label::secondary(rid, range(file, rel.offset, rel.len))
                                .with_message(note.clone()),
                        );
                    }
                }
                drawn = drawn.with_message(&d.message).with_labels(labels);
            }
            _ => {
                let at = d.location;
                let file = shown(&course.root, &d.file);
                let place = match at {
                    Some(at) => format!("{}:{}:{}", file.display(), at.line, at.column),
                    None => file.display().to_string(),
                };
                drawn = drawn.with_message(format!("{place}: {}", d.message));
                // Without a drawn line, the second place is named in words.
                if let Some((file, at, note)) = &d.related {
                    let file = shown(&course.root, file);
                    notes.push(format!(
                        "note: {note} at {}:{}:{}",
                        file.display(),
                        at.line,
                        at.column
                    ));
                }
            }
        }
        drawn = drawn.with_notes(notes);
        // Writing to a terminal or buffer only fails if the reader went away.
        let _ = term::emit(out, &config, &files, &drawn);
    }
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

fn line_length(course: &Course, file: &std::path::Path, offset: usize) -> usize {
    let Some(text) = course.source(file).map(|s| s.text.as_str()) else {
        return 0;
    };
    let offset = char_range(text, offset, 0).start;
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[start..].find('\n').unwrap_or(text.len() - start)
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
