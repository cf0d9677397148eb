//! The families on a class list, as the build makes their documents: each gets a folder
//! named by the course's `class.family_files` pattern, made into one plain file-name
//! component whatever the names hold (no separators, no `..`, no control or direction
//! characters, not hidden, not too long), and two families whose names come out the same
//! are told apart by their place on the list, deterministically.

use super::Attendee;

/// The parts a `family_files` pattern may name.
pub const FAMILY_FILE_PARTS: [&str; 3] = ["parent", "baby", "number"];

/// The names a pattern puts in braces: `["baby", "parent"]` for `{baby}-{parent}`.
pub fn parts_named(pattern: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        found.push(after[..close].to_owned());
        rest = &after[close + 1..];
    }
    found
}

/// The folder of each family on the list, in the list's order: `pattern` filled in,
/// made one plain name, and the second of two equal names (compared without case, as
/// some file systems do) numbered by its place on the list.
pub fn folder_names(pattern: &str, attendees: &[Attendee]) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(attendees.len());
    let mut taken = std::collections::HashSet::new();
    for (i, a) in attendees.iter().enumerate() {
        let number = (i + 1).to_string();
        let filled = fill(
            pattern,
            &[
                ("parent", &a.parent),
                ("baby", &a.baby),
                ("number", &number),
            ],
        );
        let mut name = plain_name(&filled);
        if name.is_empty() {
            name = format!("family-{number}");
        }
        let mut candidate = name.clone();
        let mut n = 2;
        while !taken.insert(candidate.to_lowercase()) {
            candidate = format!("{name}-{n}");
            n += 1;
        }
        names.push(candidate);
    }
    names
}

/// `pattern` with each `{part}` replaced, in one pass: a value is never searched for
/// parts again.
fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut text = String::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let found = after.find('}').and_then(|close| {
            let value = values.iter().find(|(n, _)| *n == &after[..close])?.1;
            Some((value, close))
        });
        match found {
            Some((value, close)) => {
                text.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                text.push('{');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    text
}

/// `text` as one plain file name: spaces, separators, characters some systems refuse in
/// names, control, invisible and direction characters each become `-` (runs of them one),
/// without a dot or dash at either end (so never hidden, never `..`), and at most
/// [`crate::limits::MAX_FAMILY_NAME_CHARS`] characters. Empty when nothing is left.
pub fn plain_name(text: &str) -> String {
    let mut name = String::new();
    for c in text.chars() {
        let odd = c.is_control()
            || c.is_whitespace()
            || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
            || super::invisible(c).is_some()
            || ('\u{fff0}'..='\u{ffff}').contains(&c);
        if odd {
            if !name.ends_with('-') {
                name.push('-');
            }
        } else {
            name.push(c);
        }
    }
    let trim = |s: &str| s.trim_matches(|c| c == '-' || c == '.').to_owned();
    let name = trim(&name);
    let cut: String = name
        .chars()
        .take(crate::limits::MAX_FAMILY_NAME_CHARS)
        .collect();
    trim(&cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn family(parent: &str, baby: &str) -> Attendee {
        Attendee {
            parent: parent.to_owned(),
            baby: baby.to_owned(),
            age_months: None,
            language: None,
            attended: None,
        }
    }

    #[test]
    fn hostile_names_become_one_plain_name() {
        for (given, made) in [
            ("Tom Becker", "Tom-Becker"),
            ("../../etc/passwd", "etc-passwd"),
            ("/abs/path", "abs-path"),
            ("..", ""),
            (".hidden", "hidden"),
            ("a\u{0}b\u{7}c\nd", "a-b-c-d"),
            ("C:\\x", "C-x"),
            ("a\u{202e}b", "a-b"),
            ("Оксана", "Оксана"),
            ("عائشة رحمن", "عائشة-رحمن"),
        ] {
            assert_eq!(plain_name(given), made, "{given:?}");
        }
        assert_eq!(plain_name(&"x".repeat(500)).chars().count(), 60);
    }

    #[test]
    fn equal_names_are_told_apart_by_their_place() {
        let list = [
            family("Tom", "Lena"),
            family("tom", "lena"),
            family("..", ".."),
            family("Tom", "Lena"),
        ];
        assert_eq!(
            folder_names("{baby}-{parent}", &list),
            ["Lena-Tom", "lena-tom-2", "family-3", "Lena-Tom-3"]
        );
        assert_eq!(
            folder_names("{number} {parent}", &list[..2]),
            ["1-Tom", "2-tom"]
        );
        // A value is not read as a pattern again.
        assert_eq!(
            folder_names("{parent}", &[family("{baby}", "x")]),
            ["{baby}"]
        );
    }
}
