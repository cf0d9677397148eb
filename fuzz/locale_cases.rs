//! A course's own fixed words (`locales/<language>.yaml`) to fuzz with: a built-in
//! locale with its words swapped for long, empty, multiplying, Markdown or template
//! text, its `days`, `months` and `date` in odd shapes, and plain YAML damage.

use super::driver::Rng;
use super::template_cases::{long_word, SCRIPTS};

/// Words a placeholder may be filled with, and words that look like placeholders.
const WORDS: [&str; 26] = [
    "",
    "\"\"",
    "~",
    "0",
    "[]",
    "{}",
    "\"{page}{page}{page}{page}{page}{page}{page}{page}\"",
    "\"{pages} {page} {number} {total} {count} {minutes}\"",
    "\"{{{{t}}}}\"",
    "\"{{t \\\"safety\\\"}}\"",
    "\"{{#each @root.days}}x{{/each}}\"",
    "\"{\"",
    "\"}{\"",
    "\"\\n---\\n\"",
    "\"\\n\\n# \"",
    "\"| a | b |\"",
    "\"<!-- anchor session-1 -->\"",
    "\"**\"",
    "\"> > > > > > > > > > >\"",
    "\"\\t\\r\\n\"",
    "\"\\u200b\\u202e\\u0000\"",
    "'{count}'",
    "|\n  two\n  lines",
    "&a x",
    "*a",
    "!!binary aGVsbG8=",
];

/// A course's own words file for `language`: its built-in words (English for a
/// language that has none), mutated.
pub fn locale_case(rng: &mut Rng, language: &str) -> String {
    let base =
        course::locale::built_in(language).map_or(course::locale::BUILT_IN[0].1, |(_, text)| text);
    let mut text = if rng.below(8) == 0 {
        // Only a few words, as a course that overrides one or two would have.
        String::from("page_of: \"{page} / {pages}\"\n")
    } else {
        base.to_owned()
    };
    for _ in 0..1 + rng.below(4) {
        mutate(rng, &mut text);
    }
    text
}

/// The keys a built-in locale sets, in file order.
fn keys(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.starts_with([' ', '#', '-']))
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim().to_owned()))
        .filter(|k| !k.is_empty())
        .collect()
}

/// Sets `key` to `value`: replaces its line when the file has it, else adds it.
fn set(text: &mut String, key: &str, value: &str) {
    let line = format!("{key}: {value}\n");
    let found = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .find(|&at| text[at..].starts_with(&format!("{key}:")));
    match found {
        Some(at) => {
            // The key's line and the indented lines that continue its value.
            let mut end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
            while text[end..].starts_with(' ') {
                end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
            }
            text.replace_range(at..end, &line);
        }
        None => {
            if !text.ends_with('\n') && !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&line);
        }
    }
}

/// A YAML string holding `s`, quoted so any character survives.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("a string is JSON")
}

/// A list of `n` names for `days` or `months`.
fn names(rng: &mut Rng, n: usize) -> String {
    let items: Vec<String> = (0..n)
        .map(|i| match rng.below(6) {
            0 => quoted(&long_word(rng).chars().take(200).collect::<String>()),
            1 => quoted(rng.pick(&SCRIPTS)),
            2 => rng.pick(&WORDS).replace('\n', " "),
            _ => quoted(&format!("Day{i}")),
        })
        .collect();
    format!("[{}]", items.join(", "))
}

fn mutate(rng: &mut Rng, text: &mut String) {
    let known = keys(course::locale::BUILT_IN[0].1);
    let key = rng.pick(&known.iter().map(String::as_str).collect::<Vec<_>>());
    // Mostly changes that keep the file readable, so the words reach the PDFs.
    match rng.below(20) {
        0..=4 => set(text, key, rng.pick(&WORDS)),
        5 | 6 => {
            // A long word at, just over and far over the limit of a fixed word.
            let len = rng.pick(&[1, 199, 200, 201, 2000]);
            let word: String = long_word(rng).chars().cycle().take(len).collect();
            set(text, key, &quoted(&word));
        }
        7 | 8 => set(text, key, &quoted(rng.pick(&SCRIPTS))),
        9 | 10 => {
            let n = rng.pick(&[0, 1, 6, 7, 8, 31, 500]);
            let days = names(rng, n);
            set(text, "days", &days);
        }
        11 => set(
            text,
            "days",
            rng.pick(&[
                "Monday",
                "~",
                "{}",
                "{a: b}",
                "[[a, b], c]",
                "[1, 2, 3]",
                "\"\"",
            ]),
        ),
        12 | 13 => {
            let n = rng.pick(&[0, 1, 12, 13]);
            let months = names(rng, n);
            set(text, "months", &months);
            let pattern = rng.pick(&[
                "\"{day} {month} {year}\"",
                "\"{month}{month}{month}{month}\"",
                "\"{date}\"",
                "\"\"",
                "[]",
            ]);
            set(text, "date", pattern);
        }
        14..=16 => {
            // A placeholder repeated: `{page}` two hundred times is within the limit.
            let placeholder = rng.pick(&["{page}", "{pages}", "{count}", "{minutes}", "{number}"]);
            let word = placeholder.repeat(1 + rng.below(200 / placeholder.len()));
            set(text, key, &quoted(&word));
        }
        17 => set(text, key, &format!("{{a: {}}}", quoted(rng.pick(&SCRIPTS)))),
        _ => {
            let mut bytes = std::mem::take(text).into_bytes();
            super::driver::mutate(rng, &mut bytes);
            *text = String::from_utf8_lossy(&bytes).into_owned();
        }
    }
}
