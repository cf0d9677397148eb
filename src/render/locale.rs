//! Fixed words on the page ("Page N of M", "Safety first", column heads, dates) in the
//! course's language. English and German are built in; a course adds or overrides words
//! with `locales/<language>.yaml`.

use std::path::Path;

use serde_json::{Map, Value};

use crate::diagnostic::Diagnostic;
use crate::limits::{MAX_LOCALE_BYTES, MAX_LOCALE_WORD_CHARS};

pub const BUILT_IN: [(&str, &str); 2] = [
    ("en", include_str!("../../templates/locales/en.yaml")),
    ("de", include_str!("../../templates/locales/de.yaml")),
];

#[derive(Debug, Clone)]
pub struct Locale {
    pub words: Map<String, Value>,
}

impl Locale {
    /// The locale for `language`: English, overlaid with the built-in language, overlaid
    /// with the course's own `locales/<language>.yaml`.
    pub fn load(language: &str, course_root: &Path) -> Result<Locale, Diagnostic> {
        let mut words = parse(BUILT_IN[0].1, "en").expect("built-in locale is valid");
        let built_in = BUILT_IN.iter().find(|(name, _)| *name == language);
        if let Some((_, text)) = built_in.filter(|(name, _)| *name != "en") {
            words.extend(parse(text, language).expect("built-in locale is valid"));
        }
        let own = Path::new("locales").join(format!("{language}.yaml"));
        let own_file = crate::paths::inside_course(course_root, &own.to_string_lossy());
        if let (Err(why), Ok(_)) = (&own_file, course_root.join(&own).symlink_metadata()) {
            return Err(
                Diagnostic::error(&own, format!("these words are not used: {why}"))
                    .hint("replace the link with the file itself"),
            );
        }
        // Only a name that is not there at all falls back to the built-in words; a folder,
        // a pipe or a file in the wrong encoding in its place is a mistake to report.
        // (A link out of the course was refused above.)
        let own_text = match own_file {
            Ok(path) => Some(
                crate::load::gate::read_text(&path, MAX_LOCALE_BYTES)
                    .map_err(|e| e.diagnostic(&own))?,
            ),
            Err(_) => None,
        };
        match own_text {
            Some(text) => {
                let own_words = parse(&text, language).map_err(|e| {
                    Diagnostic::error(&own, e)
                        .hint("write one `key: words` per line, as in the built-in en.yaml")
                })?;
                check_sizes(&own_words, &own)?;
                words.extend(own_words);
            }
            None if built_in.is_some() => {}
            None => {
                let names: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
                let hint = crate::suggest::hint_for(language, names.iter().copied(), || {
                    format!(
                        "use one of {}, or add the words for your language in `{}`",
                        names.join(", "),
                        own.display()
                    )
                });
                return Err(Diagnostic::error(
                    crate::load::COURSE_FILE,
                    format!("there are no words for the language `{language}`"),
                )
                .field("language")
                .hint(hint));
            }
        }
        Ok(Locale { words })
    }

    /// A word, with `{name}` placeholders filled in.
    pub fn text(&self, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let mut text = self
            .words
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or(key)
            .to_owned();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), &value.to_string());
        }
        text
    }

    /// `2027-03-01` as "1 March 2027"; other text is returned as written.
    pub fn date(&self, iso: &str) -> String {
        let parts: Vec<&str> = iso.split('-').collect();
        let month = parts
            .get(1)
            .and_then(|m| m.parse::<usize>().ok())
            .filter(|m| (1..=12).contains(m));
        let months = self.words.get("months").and_then(Value::as_array);
        match (parts.as_slice(), month, months) {
            ([year, _, day], Some(m), Some(months)) => {
                let day = day.trim_start_matches('0');
                let month = months
                    .get(m - 1)
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                self.text("date", &[("day", &day), ("month", &month), ("year", year)])
            }
            _ => iso.to_owned(),
        }
    }
}

fn parse(text: &str, language: &str) -> Result<Map<String, Value>, String> {
    serde_yaml::from_str(text).map_err(|e| {
        let e = e.to_string();
        let why = if e.contains("repetition limit") {
            "its aliases (`*name`) repeat too much".to_owned()
        } else {
            e
        };
        format!("the words for `{language}` cannot be read: {why}")
    })
}

/// Every word of a locale file within [`MAX_LOCALE_WORD_CHARS`]: a fixed word is printed on
/// every page, so one huge word multiplies into every PDF.
fn check_sizes(words: &Map<String, Value>, file: &Path) -> Result<(), Diagnostic> {
    fn texts<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
        match value {
            Value::String(s) => out.push(s),
            Value::Array(items) => items.iter().for_each(|v| texts(v, out)),
            Value::Object(map) => map.values().for_each(|v| texts(v, out)),
            _ => {}
        }
    }
    for (key, value) in words {
        let mut found = Vec::new();
        texts(value, &mut found);
        let longest = found.iter().map(|t| t.chars().count()).max().unwrap_or(0);
        if longest > MAX_LOCALE_WORD_CHARS {
            return Err(Diagnostic::error(
                file,
                format!(
                    "the words for `{key}` are {longest} characters long; fixed words may be at most {MAX_LOCALE_WORD_CHARS}"
                ),
            )
            .field(key.clone())
            .hint("fixed words are short labels such as \"Page {page} of {pages}\": shorten them"));
        }
    }
    Ok(())
}
