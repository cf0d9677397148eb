//! `--message-format json`: one JSON object per line on stdout, each with a `type`:
//! `diagnostic` for a problem, `summary` last. Positions count from 1; `end` is the
//! position just after the marked text.

use serde_json::{json, Value};

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::load::field::label_in;
use crate::load::Course;
use crate::locate::shown;

pub fn print(course: &Course, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let text = |file: &std::path::Path| course.source(file).map(|s| s.text.as_str());
        let related = d.related.as_ref().map(|(file, at, note)| {
            let mut place = position(text(file), *at);
            place.insert(0, ("file", json!(shown(&course.root, file))));
            place.push(("message", json!(note)));
            object(place)
        });
        let mut line = vec![
            ("type", json!("diagnostic")),
            ("code", json!(d.code)),
            ("severity", json!(d.severity)),
            ("file", json!(shown(&course.root, &d.file))),
        ];
        match d.location {
            Some(at) => line.extend(position(text(&d.file), at)),
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
                json!(d.field.as_ref().map(|f| label_in(course, &d.file, f))),
            ),
            ("message", json!(d.message)),
            ("hint", json!(d.hint)),
            ("related", json!(related)),
        ]);
        println!("{}", object(line));
    }
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

/// `line`, `column` and `end` of `at`, the end found in the file's `text`.
fn position(text: Option<&str>, at: Location) -> Vec<(&'static str, Value)> {
    let end = text.map(|text| {
        let range = super::char_range(text, at.offset, at.len);
        let before = &text[..range.end];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        json!({
            "line": before.matches('\n').count() + 1,
            "column": before[line_start..].chars().count() + 1,
        })
    });
    vec![
        ("line", json!(at.line)),
        ("column", json!(at.column)),
        ("end", json!(end)),
    ]
}

/// A JSON object with its keys in the given order (`preserve_order` keeps it), so a
/// reader sees type, code and place first.
fn object(fields: Vec<(&'static str, Value)>) -> Value {
    Value::Object(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}
