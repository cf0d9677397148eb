//! What a YAML parser error means to someone who has never heard of YAML's grammar:
//! the parser's own words ("simple key expect ':'") never reach the user.

/// A syntax problem in plain words: the message and how to fix it.
pub struct Explained {
    pub message: String,
    pub hint: &'static str,
}

/// The parser's words to look for, in order, and what to say instead: the message and
/// how to fix it.
const PLAIN_WORDS: &[(&[&str], &str, &str)] = &[
    (
        &["escape", "hexadecimal"],
        "a `\\` inside double quotes must start a special character, such as `\\n`",
        "write `\\\\` for a backslash, or put the text in single quotes '...' instead",
    ),
    (
        &["trailing content after double-quoted"],
        "there is more text after the closing quote",
        "put the whole text inside the quotes, or remove the quotes",
    ),
    (
        &["quote", "quoted"],
        "a quoted text is not closed",
        "add the missing `\"` or `'` at the end of the text",
    ),
    (
        &["flow mapping", "'}'"],
        "a `{` is not closed",
        "add the missing `}`, or put a text that starts with `{` in quotes",
    ),
    (
        &["flow sequence", "']'", "flow construct"],
        "a `[` is not closed",
        "add the missing `]`, or put a text that starts with `[` in quotes",
    ),
    (
        &["mapping values are not allowed", "':'"],
        "this text has a `: ` in it, which reads as a new field",
        "put the whole text in double quotes: \"...\", or check that the field is indented like the ones around it",
    ),
    (
        &["anchor", "alias"],
        "a text cannot start with `*` or `&` unless it is in quotes",
        "put the whole text in double quotes: \"...\"",
    ),
    (
        &["tag", "TAG", "handle"],
        "a text cannot start with `!` unless it is in quotes",
        "put the whole text in double quotes: \"...\"",
    ),
    (
        &["directive"],
        "a line cannot start with `%` unless it is in quotes",
        "put the whole text in double quotes: \"...\"",
    ),
    (
        &["document"],
        "a line of `---` or `...` ends the file's content here",
        "remove the line, or put a text that starts with `---` in quotes",
    ),
    (
        &["block scalar"],
        "the lines of a `|` or `>` text are not indented properly",
        "indent every line of the text by the same number of spaces, more than its field",
    ),
    (
        &["unexpected character"],
        "a text cannot start with this character unless it is in quotes",
        "put the whole text in double quotes: \"...\"",
    ),
    (
        &["'-'", "block sequence entries"],
        "a list item (`- ...`) is not where a list can start",
        "start a list on the line after its field, each item indented the same, such as `steps:` then `  - Warm your hands.`",
    ),
    (
        &["indent", "block", "expected key"],
        "this line is not lined up with the lines around it",
        "fields of the same group, and items of the same list, must start in the same column; indent with spaces",
    ),
];

/// Said when no entry of `PLAIN_WORDS` matches.
const FALLBACK: (&str, &str) = (
    "this line cannot be read as fields and lists",
    "compare it with the same part of the sample course; putting the text in double quotes often helps",
);

/// Explains the parser's `info` for a problem reported at `line` (counting from 1) of
/// `text`, and says which line to point at when the parser noticed it late.
pub fn explain(info: &str, text: &str, line: usize) -> (Explained, usize) {
    let says = |words: &[&str]| words.iter().any(|w| info.contains(w));
    let explained = |message: &str, hint: &'static str| Explained {
        message: message.to_owned(),
        hint,
    };
    if says(&["simple key"]) {
        let line = line_without_colon(text, line).unwrap_or(line);
        let e = explained(
            "this line is neither a field (`name: value`) nor a list item (`- ...`)",
            "add `: ` after the field's name; if the line goes on with the text above, indent it more than its field, or put the whole text in quotes",
        );
        return (e, line);
    }
    let (message, hint) = PLAIN_WORDS
        .iter()
        .find(|(words, _, _)| says(words))
        .map_or(FALLBACK, |&(_, message, hint)| (message, hint));
    (explained(message, hint), line)
}

/// The parser notices a line without a colon only at the next line: the nearest line at
/// or above `line` that has neither `:` nor a leading `- `.
fn line_without_colon(text: &str, line: usize) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    (1..=line.min(lines.len())).rev().find(|&n| {
        let l = lines[n - 1].trim();
        !l.is_empty() && !l.starts_with('#') && !l.starts_with("- ") && !l.contains(':')
    })
}

#[cfg(test)]
mod tests {
    use super::explain;

    #[test]
    fn a_line_without_colon_is_found_above_where_the_parser_stopped() {
        let text = "kind: strokes\ntitle: a\nintro\nfoo: b\n";
        let (e, line) = explain("simple key expect ':'", text, 4);
        assert_eq!(line, 3);
        assert!(!e.message.contains("simple key"));
    }
}
