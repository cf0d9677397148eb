//! A translated text held against its source: what must be the same in every language
//! (numbers, placeholders, Markdown marks, web addresses) and what usually is (the
//! punctuation it ends with), as translation tools check each unit.

/// Why a translation's text does not match its source: the message, and whether it is
/// only a warning.
pub struct Mismatch {
    pub message: String,
    pub warning: bool,
}

/// Every mismatch of `text` against `source`; `source_name` and `name` are the two
/// languages' names ("English", "German").
pub fn mismatches(source: &str, text: &str, source_name: &str) -> Vec<Mismatch> {
    let mut found = Vec::new();
    let error = |message: String| Mismatch {
        message,
        warning: false,
    };
    let (a, b) = (numbers(source), numbers(text));
    if a != b {
        found.push(error(format!(
            "the numbers differ from the {source_name} text: it has {}, this has {}",
            listed(&a, "no number"),
            listed(&b, "none")
        )));
    }
    let (a, b) = (placeholders(source), placeholders(text));
    if a != b {
        found.push(error(format!(
            "the placeholders differ from the {source_name} text: it has {}, this has {}",
            listed(&a, "none"),
            listed(&b, "none")
        )));
    }
    let (a, b) = (Marks::of(source), Marks::of(text));
    if a != b {
        found.push(error(format!(
            "the Markdown marks differ from the {source_name} text: it has {}, this has {}",
            a.in_words(),
            b.in_words()
        )));
    }
    let (a, b) = (addresses(source), addresses(text));
    if a != b {
        found.push(error(format!(
            "the web addresses differ from the {source_name} text: it has {}, this has {}",
            listed(&a, "none"),
            listed(&b, "none")
        )));
    }
    let (a, b) = (ending(source), ending(text));
    if a != b {
        found.push(Mismatch {
            message: format!(
                "the {source_name} text ends with {}, this ends with {}",
                a.in_words(),
                b.in_words()
            ),
            warning: true,
        });
    }
    found
}

/// Whether `text` is its source word for word, and has words to translate at all (a
/// number or an address alone is the same in every language).
pub fn unchanged(source: &str, text: &str) -> bool {
    source.trim() == text.trim() && text.chars().filter(|c| c.is_alphabetic()).count() > 3
}

/// `a`, `a and b`, `a, b and c`, each in backticks; `empty` for none.
fn listed(items: &[String], empty: &str) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.as_slice() {
        [] => empty.to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The value of a decimal digit in any script (Arabic-Indic, Devanagari, full width...),
/// so `٣` is `3`: a translation may write its own digits.
fn digit(c: char) -> Option<char> {
    const ZEROS: [u32; 9] = [
        0x30, 0x660, 0x6F0, 0x966, 0x9E6, 0xA66, 0xE50, 0x1040, 0xFF10,
    ];
    let code = c as u32;
    ZEROS
        .iter()
        .find(|&&zero| (zero..zero + 10).contains(&code))
        .and_then(|zero| char::from_digit(code - zero, 10))
}

/// The runs of digits in `text`, sorted: "1,5" and "1.5" are both 1 and 5, so a
/// decimal comma is no difference.
fn numbers(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain([' ']) {
        match digit(c) {
            Some(d) => run.push(d),
            None if !run.is_empty() => found.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    found.sort();
    found
}

/// `{name}` and `{{name}}` in `text`, sorted.
fn placeholders(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start..];
        match after.find('}') {
            Some(end) => {
                let close = after[end..].chars().take_while(|&c| c == '}').count();
                found.push(after[..end + close].to_owned());
                rest = &after[end + close..];
            }
            None => break,
        }
    }
    found.sort();
    found
}

/// Web addresses in `text`, sorted; the punctuation a sentence puts after one is not part
/// of it.
fn addresses(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>'))
        .filter(|w| w.starts_with("https://") || w.starts_with("http://"))
        .map(|w| {
            w.trim_end_matches(['.', ',', ';', ':', '!', '?'])
                .to_owned()
        })
        .collect();
    found.sort();
    found
}

/// How many of each Markdown mark a text has.
#[derive(PartialEq, Eq)]
struct Marks {
    bold: usize,
    italic: usize,
    links: usize,
}

impl Marks {
    fn of(text: &str) -> Marks {
        let bold = text.matches("**").count() / 2;
        let stars = text.matches('*').count() - 4 * bold;
        Marks {
            bold,
            italic: stars / 2,
            links: text.matches("](").count(),
        }
    }

    fn in_words(&self) -> String {
        let count = |n: usize, what: &str| match n {
            0 => None,
            1 => Some(format!("1 {what}")),
            n => Some(format!("{n} {what}s")),
        };
        let parts: Vec<String> = [
            count(self.bold, "**bold** part"),
            count(self.italic, "*italic* part"),
            count(self.links, "link"),
        ]
        .into_iter()
        .flatten()
        .collect();
        match parts.as_slice() {
            [] => "none".to_owned(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }
}

/// The kind of punctuation a text ends with, whatever the script writes it with.
#[derive(Debug, PartialEq, Eq)]
enum Ending {
    Stop,
    Question,
    Exclamation,
    Colon,
    Ellipsis,
    None,
}

fn ending(text: &str) -> Ending {
    let text = text
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '»', '«', '“', ')', '*', '_'])
        .trim_end();
    if text.ends_with("...") || text.ends_with('…') {
        return Ending::Ellipsis;
    }
    match text.chars().last() {
        Some('.' | '。' | '।' | '۔') => Ending::Stop,
        Some('?' | '？' | '؟') => Ending::Question,
        Some('!' | '！') => Ending::Exclamation,
        Some(':' | '：') => Ending::Colon,
        _ => Ending::None,
    }
}

impl Ending {
    fn in_words(&self) -> &'static str {
        match self {
            Ending::Stop => "a full stop",
            Ending::Question => "a question mark",
            Ending::Exclamation => "an exclamation mark",
            Ending::Colon => "a colon",
            Ending::Ellipsis => "an ellipsis (…)",
            Ending::None => "no punctuation",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(source: &str, text: &str) -> Vec<String> {
        mismatches(source, text, "English")
            .into_iter()
            .map(|m| m.message)
            .collect()
    }

    #[test]
    fn the_same_numbers_in_other_digits_or_with_a_decimal_comma_match() {
        assert!(messages("Wait 45 minutes.", "Warten Sie 45 Minuten.").is_empty());
        assert!(messages("Wait 45 minutes.", "انتظر ٤٥ دقيقة.").is_empty());
        assert!(messages("Use 1.5 ml.", "1,5 ml verwenden.").is_empty());
        assert_eq!(
            messages("Wait 45 minutes.", "Warten Sie 30 Minuten."),
            ["the numbers differ from the English text: it has `45`, this has `30`"]
        );
    }

    #[test]
    fn marks_addresses_placeholders_and_endings_are_compared() {
        assert_eq!(
            messages("A **calm** room.", "Ein ruhiger Raum."),
            ["the Markdown marks differ from the English text: it has 1 **bold** part, this has none"]
        );
        assert_eq!(
            messages("See https://a.example/x.", "Siehe https://a.example/y."),
            ["the web addresses differ from the English text: it has `https://a.example/x`, this has `https://a.example/y`"]
        );
        assert_eq!(
            messages("Hello {name}.", "Hallo {nom}."),
            ["the placeholders differ from the English text: it has `{name}`, this has `{nom}`"]
        );
        assert_eq!(
            messages("Ready?", "Bereit!"),
            ["the English text ends with a question mark, this ends with an exclamation mark"]
        );
        assert!(messages("Ready?", "جاهز؟").is_empty());
        assert!(messages("“Ready.”", "„Bereit.“").is_empty());
    }
}
