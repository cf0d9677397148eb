//! Fixed words on the page ("Page N of M", "Safety first", column heads, dates) in the
//! course's language. Twenty-one languages are built in (see `BUILT_IN`); a course adds or overrides words
//! with `locales/<language>.yaml`.

use std::path::Path;

use serde_json::{Map, Value};

use crate::diagnostic::Diagnostic;

pub const BUILT_IN: [(&str, &str); 21] = [
    ("en", include_str!("../../templates/locales/en.yaml")),
    ("de", include_str!("../../templates/locales/de.yaml")),
    ("fr", include_str!("../../templates/locales/fr.yaml")),
    ("es", include_str!("../../templates/locales/es.yaml")),
    ("pt", include_str!("../../templates/locales/pt.yaml")),
    ("it", include_str!("../../templates/locales/it.yaml")),
    ("nl", include_str!("../../templates/locales/nl.yaml")),
    ("pl", include_str!("../../templates/locales/pl.yaml")),
    ("uk", include_str!("../../templates/locales/uk.yaml")),
    ("ru", include_str!("../../templates/locales/ru.yaml")),
    ("el", include_str!("../../templates/locales/el.yaml")),
    ("tr", include_str!("../../templates/locales/tr.yaml")),
    ("vi", include_str!("../../templates/locales/vi.yaml")),
    ("ar", include_str!("../../templates/locales/ar.yaml")),
    ("he", include_str!("../../templates/locales/he.yaml")),
    ("fa", include_str!("../../templates/locales/fa.yaml")),
    ("hi", include_str!("../../templates/locales/hi.yaml")),
    ("th", include_str!("../../templates/locales/th.yaml")),
    ("ja", include_str!("../../templates/locales/ja.yaml")),
    ("zh", include_str!("../../templates/locales/zh.yaml")),
    ("ko", include_str!("../../templates/locales/ko.yaml")),
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
        match own_file
            .map_err(std::io::Error::other)
            .and_then(std::fs::read_to_string)
        {
            Ok(text) => words.extend(parse(&text, language).map_err(|e| {
                Diagnostic::error(&own, e)
                    .hint("write one `key: words` per line, as in the built-in en.yaml")
            })?),
            Err(_) if built_in.is_some() => {}
            Err(_) => {
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
    serde_yaml::from_str(text)
        .map_err(|e| format!("the words for `{language}` cannot be read: {e}"))
}
