//! Small helpers shared across the pipeline.

use std::io;

/// A short, plain-language reason for an I/O error, without Rust's debug formatting.
pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "it does not exist".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => "it is a folder, not a file".to_owned(),
        _ => {
            // io::Error's Display adds " (os error N)"; keep only the words.
            let text = e.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_owned(),
                None => text,
            }
        }
    }
}

/// A piece of a pattern with `{name}` parts: its own text, or the value of a part.
pub enum Piece<'p, V> {
    Text(&'p str),
    Value(V),
}

/// Walks `pattern` once, handing `each` its text and, for every `{name}` that `value`
/// knows, that value (never searched for parts again); a `{` that opens no known part
/// stays text. Stops where `each` breaks: a caller filling under a limit reads no
/// further than the limit needs.
pub fn fill_pattern<'p, V>(
    pattern: &'p str,
    value: impl Fn(&str) -> Option<V>,
    mut each: impl FnMut(Piece<'p, V>) -> std::ops::ControlFlow<()>,
) {
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        if each(Piece::Text(&rest[..open])).is_break() {
            return;
        }
        let after = &rest[open + 1..];
        let found = after
            .find('}')
            .and_then(|close| Some((value(&after[..close])?, close)));
        let piece = match found {
            Some((v, close)) => {
                rest = &after[close + 1..];
                Piece::Value(v)
            }
            None => {
                rest = after;
                Piece::Text("{")
            }
        };
        if each(piece).is_break() {
            return;
        }
    }
    let _ = each(Piece::Text(rest));
}
