//! `--message-format json`: one JSON object per line on stdout, each with a `type`:
//! `diagnostic` for a problem, `summary` last. Positions count from 1; `end` is the
//! position just after the marked text.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{json, Value};

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::load::label::label;
use crate::load::Course;
use crate::locate::shown;

pub fn print(course: &Course, diagnostics: &[Diagnostic]) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut lines = Lines::default();
    for d in diagnostics {
        let related = d.related.as_ref().map(|(file, at, note)| {
            let mut place = lines.position(course, file, *at);
            place.insert(0, ("file", json!(path(course, file))));
            place.push(("message", json!(note)));
            object(place)
        });
        let mut line = vec![
            ("type", json!("diagnostic")),
            ("code", json!(d.code)),
            ("severity", json!(d.severity)),
            ("file", json!(path(course, &d.file))),
        ];
        match d.location {
            Some(at) => line.extend(lines.position(course, &d.file, at)),
            None => line.extend([
                ("line", Value::Null),
                ("column", Value::Null),
                ("end", Value::Null),
            ]),
        }
        line.extend([
            ("field", json!(d.field)),
            (
                "field_label",
                json!(d.field.as_ref().map(|f| label(f, course.tree(&d.file)))),
            ),
            ("message", json!(d.message)),
            ("hint", json!(d.hint)),
            ("related", json!(related)),
        ]);
        // Writing only fails if the reader went away.
        let _ = writeln!(out, "{}", object(line));
    }
    let _ = out.flush();
}

/// A course file as the user would type it; a name that is not UTF-8 is shown lossily
/// (JSON strings are text).
fn path(course: &Course, file: &Path) -> String {
    shown(&course.root, file).to_string_lossy().into_owned()
}

/// A usage error (exit status 2) as a diagnostic about no file, then the summary.
pub fn usage_error(message: &str, hint: &str) {
    let line = json!({
        "type": "diagnostic",
        "code": Code::BadUsage,
        "severity": "error",
        "file": null,
        "line": null,
        "column": null,
        "end": null,
        "field": null,
        "field_label": null,
        "message": message,
        "hint": hint,
        "related": null,
    });
    println!("{line}");
    println!(
        "{}",
        json!({ "type": "summary", "errors": 1, "warnings": 0 })
    );
}

/// The closing object: counts, then what the command adds (`extra`, an object).
pub fn summary(errors: usize, warnings: usize, extra: Value) {
    let mut line = json!({ "type": "summary", "errors": errors, "warnings": warnings });
    if let (Some(line), Value::Object(extra)) = (line.as_object_mut(), extra) {
        line.extend(extra);
    }
    println!("{line}");
}

/// Where each line of the course's files starts, found once per file that has a problem.
#[derive(Default)]
struct Lines<'a> {
    starts: HashMap<&'a Path, Vec<usize>>,
}

impl<'a> Lines<'a> {
    /// `line`, `column` and `end` of `at` in `file`; `end` is counted in the file's text.
    fn position(
        &mut self,
        course: &'a Course,
        file: &'a Path,
        at: Location,
    ) -> Vec<(&'static str, Value)> {
        let end = course.source(file).map(|source| {
            let text = source.text.as_str();
            let starts = self.starts.entry(file).or_insert_with(|| {
                std::iter::once(0)
                    .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                    .collect()
            });
            let end = super::char_range(text, at.offset, at.len).end;
            let line = starts.partition_point(|&start| start <= end);
            let line_start = starts[line - 1];
            // Counted from the start when that is on the same line (its column is
            // known), so a long line is not counted again for every problem on it.
            let start = super::char_range(text, at.offset, 0).start;
            let column = if start >= line_start && at.line == line {
                at.column + text[start..end].chars().count()
            } else {
                text[line_start..end].chars().count() + 1
            };
            json!({ "line": line, "column": column })
        });
        vec![
            ("line", json!(at.line)),
            ("column", json!(at.column)),
            ("end", json!(end)),
        ]
    }
}

/// A JSON object with its keys in the given order (`preserve_order` keeps it), so a
/// reader sees type, code and place first.
fn object(fields: Vec<(&'static str, Value)>) -> Value {
    Value::Object(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}
