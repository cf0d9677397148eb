//! A `#` after text starts a comment in YAML, so `- Recent surgery #not after jabs`
//! prints "Recent surgery": instructors write `#1` and `#` as in prose, and nothing
//! would say the rest was lost. Said as a warning, with how to keep it.

use super::source::Source;
use super::yaml::{Node, Value};
use crate::diagnostic::{Code, Diagnostic, Place};

/// A warning for each text value that a comment follows on its line.
pub fn check(source: &Source, tree: &Node) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    walk(source, tree, &mut out);
    out
}

fn walk(source: &Source, node: &Node, out: &mut Vec<Diagnostic>) {
    match &node.value {
        Value::Scalar { text, plain: true } if node.to_json().is_string() => {
            if let Some(d) = comment_after(source, node, text) {
                out.push(d);
            }
        }
        Value::Scalar { .. } => {}
        Value::Seq(items) => items.iter().for_each(|i| walk(source, i, out)),
        Value::Map(entries) => entries.iter().for_each(|(_, v)| walk(source, v, out)),
    }
}

fn comment_after(source: &Source, node: &Node, text: &str) -> Option<Diagnostic> {
    let at = node.at;
    // Only a text on one line, as written: its end is where the comment may start.
    let written = source.text.get(at.offset..at.offset + at.len)?;
    if written != text {
        return None;
    }
    // Only the characters right after the text are looked at: a flow list may hold
    // thousands of values on one long line.
    let after = &source.text[at.offset + at.len..];
    let spaced = after.trim_start_matches([' ', '\t']);
    if spaced.len() == after.len() {
        return None;
    }
    let comment = spaced.strip_prefix('#')?;
    let comment = comment.lines().next().unwrap_or_default();
    let whole = format!("{text} #{comment}").trim_end().to_owned();
    let quoted = if whole.contains('"') || whole.contains('\\') {
        format!("'{}'", whole.replace('\'', "''"))
    } else {
        format!("\"{whole}\"")
    };
    Some(
        Diagnostic::warning(
            Code::CommentInText,
            Place::in_text(&source.name, at),
            format!(
                "only `{text}` is kept: YAML reads the `#{}` after it as a comment",
                comment.trim_end()
            ),
        )
        .hint(format!(
            "to keep the `#` and what follows, put the whole text in quotes: {quoted}"
        )),
    )
}
