//! Diagnostics for people: each with its source line and a caret (coloured on a
//! terminal), the first [`DRAWN_IN_FULL`] of them; the rest counted per file, so that
//! thousands of problems stay readable and quick to print.

use std::collections::HashMap;
use std::path::Path;

use codespan_reporting::diagnostic::{Diagnostic as Drawn, Label};
use codespan_reporting::term::{self, termcolor};

use super::shown_files::ShownFiles;
use super::visible::visible;
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::label::label;
use crate::load::Course;
use crate::locate::shown;

/// How many problems are drawn with their source line; the rest are counted.
pub const DRAWN_IN_FULL: usize = 50;

/// How many files the count of the rest names, the largest share first.
const FILES_NAMED: usize = 10;

/// A line longer than this is not drawn: a snippet of a minified or hostile file helps
/// nobody.
const LONGEST_DRAWN_LINE: usize = 300;

pub fn render(course: &Course, diagnostics: &[Diagnostic], out: &mut dyn termcolor::WriteColor) {
    let mut files = ShownFiles::new(course);
    let config = term::Config {
        start_context_lines: 0,
        end_context_lines: 0,
        ..Default::default()
    };
    let (drawn, rest) = diagnostics.split_at(diagnostics.len().min(DRAWN_IN_FULL));
    for d in drawn {
        let drawn = draw(course, d, &mut files);
        // Writing to a terminal or buffer only fails if the reader went away.
        let _ = term::emit(out, &config, &files, &drawn);
    }
    if !rest.is_empty() {
        let _ = writeln!(out, "{}", the_rest(course, rest));
        let _ = writeln!(
            out,
            "  hint: fix the problems above first, or see every one, one per line, with `--message-format short`\n"
        );
    }
}

fn draw<'a>(course: &'a Course, d: &'a Diagnostic, files: &mut ShownFiles<'a>) -> Drawn<usize> {
    let mut drawn = match d.severity {
        Severity::Error => Drawn::error(),
        Severity::Warning => Drawn::warning(),
    };
    let mut notes = Vec::new();
    if let Some(field) = &d.field {
        notes.push(format!(
            "field: {}",
            visible(&label(field, course.tree(&d.file)))
        ));
    }
    if let Some(hint) = &d.hint {
        notes.push(format!("hint: {}", visible(hint)));
    }
    let message = visible(&d.message).into_owned();
    let snippet = d
        .location
        .filter(|at| line_length(course, &d.file, at.offset) <= LONGEST_DRAWN_LINE);
    match (snippet, snippet.and_then(|_| files.id(&d.file))) {
        (Some(at), Some(id)) => {
            let mut labels = vec![Label::primary(
                id,
                files.range(id, range(course, &d.file, at.offset, at.len)),
            )];
            if let Some((file, rel, note)) = &d.related {
                if let Some(rid) = files.id(file) {
                    labels.push(
                        Label::secondary(
                            rid,
                            files.range(rid, range(course, file, rel.offset, rel.len)),
                        )
                        .with_message(visible(note).into_owned()),
                    );
                }
            }
            drawn = drawn.with_message(message).with_labels(labels);
        }
        _ => {
            let file = shown_path(course, &d.file);
            let place = match d.location {
                Some(at) => format!("{file}:{}:{}", at.line, at.column),
                None => file,
            };
            drawn = drawn.with_message(format!("{place}: {message}"));
            // Without a drawn line, the second place is named in words.
            if let Some((file, at, note)) = &d.related {
                notes.push(format!(
                    "note: {} at {}:{}:{}",
                    visible(note),
                    shown_path(course, file),
                    at.line,
                    at.column
                ));
            }
        }
    }
    drawn.with_notes(notes)
}

/// "and 4950 more errors: 4950 in modules/big.yaml", the files with the most first.
fn the_rest(course: &Course, rest: &[Diagnostic]) -> String {
    let errors = rest.iter().filter(|d| d.is_error()).count();
    let what = match (errors, rest.len() - errors) {
        (_, 0) => "errors",
        (0, _) => "warnings",
        _ => "problems",
    };
    let mut per_file: Vec<(&Path, usize)> = Vec::new();
    let mut index: HashMap<&Path, usize> = HashMap::new();
    for d in rest {
        let i = *index.entry(&d.file).or_insert_with(|| {
            per_file.push((&d.file, 0));
            per_file.len() - 1
        });
        per_file[i].1 += 1;
    }
    // Most first; files with as many keep their order (by name). Files with one problem
    // each are only counted: naming a few of thousands helps nobody.
    per_file.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let named = per_file
        .iter()
        .take(FILES_NAMED)
        .take_while(|(_, n)| *n > 1)
        .count();
    let mut parts: Vec<String> = per_file[..named]
        .iter()
        .map(|(file, n)| format!("{n} in {}", shown_path(course, file)))
        .collect();
    let others = &per_file[named..];
    let other = if named > 0 { "other " } else { "" };
    match others {
        [] => {}
        [(file, n)] => parts.push(format!("{n} in {}", shown_path(course, file))),
        _ if others.iter().all(|(_, n)| *n == 1) => {
            parts.push(format!("1 each in {} {other}files", others.len()))
        }
        _ => parts.push(format!(
            "{} in {} {other}files",
            others.iter().map(|(_, n)| n).sum::<usize>(),
            others.len()
        )),
    }
    format!("and {} more {what}: {}", rest.len(), parts.join(", "))
}

/// A course file as the user would type it, lossy where its name is not UTF-8 and with
/// control characters named.
pub fn shown_path(course: &Course, file: &Path) -> String {
    visible(&shown(&course.root, file).to_string_lossy()).into_owned()
}

/// `offset..offset + len` of the course file `file`, on character boundaries.
fn range(course: &Course, file: &Path, offset: usize, len: usize) -> std::ops::Range<usize> {
    super::char_range(
        course.source(file).map_or("", |s| s.text.as_str()),
        offset,
        len,
    )
}

fn line_length(course: &Course, file: &Path, offset: usize) -> usize {
    let Some(text) = course.source(file).map(|s| s.text.as_str()) else {
        return 0;
    };
    let offset = super::char_range(text, offset, 0).start;
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[start..].find('\n').unwrap_or(text.len() - start)
}
