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
/// made one plain name (`family-` before a name Windows keeps for a device), and the second of two equal names (compared as some file systems
/// do: without case, and `é` one character or two) numbered by its place on the list.
///
/// The pattern is filled in only as far as the name needs: a pattern that names a part
/// a thousand times, with long names on the list, costs little more than one that names
/// it once.
pub fn folder_names(pattern: &str, attendees: &[Attendee]) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(attendees.len());
    let mut taken = std::collections::HashSet::new();
    for (i, a) in attendees.iter().enumerate() {
        let number = (i + 1).to_string();
        let values = [
            Value::new("parent", &a.parent),
            Value::new("baby", &a.baby),
            Value::new("number", &number),
        ];
        let mut name = fill_plain(pattern, &values);
        if name.is_empty() {
            name = format!("family-{number}");
        } else if is_device(&name) {
            name = format!("family-{name}");
        }
        let mut candidate = name.clone();
        let mut n = 2;
        while !taken.insert(same_on_disk(&candidate)) {
            candidate = format!("{name}-{n}");
            n += 1;
        }
        names.push(candidate);
    }
    names
}

/// Whether Windows keeps `name` for a device (`CON`, `nul`, `COM1`, `aux.txt`): no folder
/// can have it there.
fn is_device(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).to_ascii_uppercase();
    let numbered = |prefix: &str| {
        stem.strip_prefix(prefix).is_some_and(|n| {
            let mut n = n.chars();
            matches!(
                (n.next(), n.next()),
                (Some('0'..='9' | '¹' | '²' | '³'), None)
            )
        })
    };
    matches!(
        stem.as_str(),
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$"
    ) || numbered("COM")
        || numbered("LPT")
}

/// What two names are the same folder on some file system: equal in one Unicode form
/// (a Mac's), without case (a Mac's and Windows').
fn same_on_disk(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfc().collect::<String>().to_lowercase()
}

/// A part's value, with what lets [`PlainName`] pass over it at once.
struct Value<'a> {
    part: &'static str,
    text: &'a str,
    /// Every character becomes `-`: the value adds one `-` at most.
    all_odd: bool,
    /// Every character is one a name never starts with.
    all_dropped_at_start: bool,
}

impl<'a> Value<'a> {
    fn new(part: &'static str, text: &'a str) -> Self {
        Value {
            part,
            text,
            all_odd: text.chars().all(odd),
            all_dropped_at_start: text.chars().all(|c| odd(c) || matches!(c, '-' | '.')),
        }
    }
}

/// `pattern` with each `{part}` replaced (in one pass: a value is never searched for
/// parts again), made one plain name as [`plain_name`] makes it, read no further than
/// the name's length needs.
fn fill_plain(pattern: &str, values: &[Value<'_>]) -> String {
    use crate::util::Piece;
    use std::ops::ControlFlow;
    let mut name = PlainName::default();
    crate::util::fill_pattern(
        pattern,
        |part| values.iter().find(|v| v.part == part),
        |piece| {
            match piece {
                Piece::Text(_) if name.is_full() => return ControlFlow::Break(()),
                Piece::Text(text) => name.push_str(text),
                Piece::Value(value) => name.push_value(value),
            }
            ControlFlow::Continue(())
        },
    );
    name.finish()
}

/// Whether `c` becomes `-` in a name: spaces, separators, characters some systems refuse
/// in names, control, invisible and direction characters.
fn odd(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        || super::invisible(c).is_some()
        || ('\u{fff0}'..='\u{ffff}').contains(&c)
}

/// A plain name being made a character at a time: what it may not start with dropped as
/// it comes, and full at [`crate::limits::MAX_FAMILY_NAME_CHARS`] characters.
#[derive(Default)]
struct PlainName {
    name: String,
    chars: usize,
}

impl PlainName {
    fn is_full(&self) -> bool {
        self.chars >= crate::limits::MAX_FAMILY_NAME_CHARS
    }

    fn push(&mut self, c: char) {
        let c = if odd(c) {
            // A run of odd characters is one `-`.
            if self.name.ends_with('-') {
                return;
            }
            '-'
        } else {
            c
        };
        if self.is_full() || (self.name.is_empty() && matches!(c, '-' | '.')) {
            return;
        }
        self.name.push(c);
        self.chars += 1;
    }

    fn push_str(&mut self, text: &str) {
        for c in text.chars() {
            if self.is_full() {
                return;
            }
            self.push(c);
        }
    }

    fn push_value(&mut self, value: &Value<'_>) {
        if self.name.is_empty() && value.all_dropped_at_start {
            return;
        }
        if value.all_odd {
            if let Some(c) = value.text.chars().next() {
                self.push(c);
            }
            return;
        }
        self.push_str(value.text);
    }

    /// The name, without a dot or dash at its end.
    fn finish(self) -> String {
        self.name.trim_end_matches(['-', '.']).to_owned()
    }
}

/// `text` as one plain file name: spaces, separators, characters some systems refuse in
/// names, control, invisible and direction characters each become `-` (runs of them one),
/// without a dot or dash at either end (so never hidden, never `..`), and at most
/// [`crate::limits::MAX_FAMILY_NAME_CHARS`] characters. Empty when nothing is left.
pub fn plain_name(text: &str) -> String {
    let mut name = PlainName::default();
    name.push_str(text);
    name.finish()
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

    /// The names as first made, the whole pattern filled in before it was made plain:
    /// what [`folder_names`] must still give, faster.
    fn reference(pattern: &str, values: &[(&str, &str)]) -> String {
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
        let mut name = String::new();
        for c in text.chars() {
            if odd(c) {
                if !name.ends_with('-') {
                    name.push('-');
                }
            } else {
                name.push(c);
            }
        }
        let trim = |s: &str| s.trim_matches(|c| c == '-' || c == '.').to_owned();
        let cut: String = trim(&name).chars().take(60).collect();
        trim(&cut)
    }

    #[test]
    fn names_are_made_as_the_whole_pattern_filled_in_would_make_them() {
        let values = [
            "Tom Becker",
            "",
            "...",
            "- -",
            "  ",
            ".a",
            "a.",
            "-",
            "x\u{202e} y",
            "Оксана",
            "{baby}",
            &"ab ".repeat(40),
            &".".repeat(70),
            &format!("{}z", " ".repeat(70)),
        ];
        let patterns = [
            "{baby}-{parent}",
            "{parent}",
            ".{parent}.",
            "-{number} {parent}-",
            "{parent}{parent}{parent}",
            "{x}{parent}{",
            "{parent}} {baby}{",
            "..{baby}..{parent}..",
            &"{parent}".repeat(30),
            &"{baby} ".repeat(30),
        ];
        for pattern in patterns {
            for parent in values {
                for baby in values {
                    let list = [family(parent, baby)];
                    let want = reference(
                        pattern,
                        &[("parent", parent), ("baby", baby), ("number", "1")],
                    );
                    let want = if want.is_empty() {
                        "family-1".to_owned()
                    } else {
                        want
                    };
                    assert_eq!(
                        folder_names(pattern, &list),
                        [want],
                        "{pattern:?} {parent:?} {baby:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_pattern_that_multiplies_the_names_costs_no_more_than_the_name() {
        // The longest pattern a course may hold, naming a part 1249 times, and a class
        // list at the limit whose names fill the largest course file: filled in whole,
        // 5.6 million characters a family, 36 seconds in a test build.
        let pattern = "{parent}".repeat(1249);
        let long = |fill: &str, i: usize| format!("{}{i}", fill.repeat(4500));
        let list: Vec<Attendee> = (0..200)
            .map(|i| match i % 4 {
                0 => family(&long("P", i), "b"),
                1 => family(&long(" ", i), "b"),
                2 => family(&long(".", i), "b"),
                _ => family(&format!("a{}", " ".repeat(4500)), "b"),
            })
            .collect();
        let started = std::time::Instant::now();
        let names = folder_names(&pattern, &list);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(names[0], "P".repeat(60));
        assert_eq!(
            names[1],
            "1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1"
        );
        assert_eq!(
            names[3],
            "a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a"
        );
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
    fn names_equal_in_another_unicode_form_are_told_apart() {
        // `é` as one character and as `e` with an accent after it: one folder on a Mac.
        let list = [family("A", "Jose\u{301}"), family("A", "Jos\u{e9}")];
        assert_eq!(
            folder_names("{baby}", &list),
            ["Jose\u{301}", "Jos\u{e9}-2"]
        );
    }

    #[test]
    fn a_name_windows_keeps_for_a_device_is_not_a_folder() {
        let babies = [
            "Con",
            "nul",
            "COM1",
            "con.txt",
            "Conor",
            "LPT9",
            "Con Murphy",
            "aux.b.c",
            "COM¹",
            "CONIN$",
            "prn",
            "COM",
            "LPT10",
        ];
        let list: Vec<Attendee> = babies.iter().map(|b| family("A", b)).collect();
        assert_eq!(
            folder_names("{baby}", &list),
            [
                "family-Con",
                "family-nul",
                "family-COM1",
                "family-con.txt",
                "Conor",
                "family-LPT9",
                "Con-Murphy",
                "family-aux.b.c",
                "family-COM¹",
                "family-CONIN$",
                "family-prn",
                "COM",
                "LPT10",
            ]
        );
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
