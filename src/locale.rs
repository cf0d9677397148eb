//! Fixed words on the page ("Page N of M", "Safety first", column heads, dates) in the
//! course's language. Twenty-one languages are built in (see `BUILT_IN`); a course adds or overrides words
//! with `locales/<language>.yaml`.

use std::path::Path;

use serde_json::{Map, Value};

use crate::diagnostic::{Code, Diagnostic, Place};
use crate::limits::{MAX_LOCALE_BYTES, MAX_LOCALE_WORD_CHARS};

pub const BUILT_IN: [(&str, &str); 21] = [
    ("en", include_str!("../templates/locales/en.yaml")),
    ("de", include_str!("../templates/locales/de.yaml")),
    ("fr", include_str!("../templates/locales/fr.yaml")),
    ("es", include_str!("../templates/locales/es.yaml")),
    ("pt", include_str!("../templates/locales/pt.yaml")),
    ("it", include_str!("../templates/locales/it.yaml")),
    ("nl", include_str!("../templates/locales/nl.yaml")),
    ("pl", include_str!("../templates/locales/pl.yaml")),
    ("uk", include_str!("../templates/locales/uk.yaml")),
    ("ru", include_str!("../templates/locales/ru.yaml")),
    ("el", include_str!("../templates/locales/el.yaml")),
    ("tr", include_str!("../templates/locales/tr.yaml")),
    ("vi", include_str!("../templates/locales/vi.yaml")),
    ("ar", include_str!("../templates/locales/ar.yaml")),
    ("he", include_str!("../templates/locales/he.yaml")),
    ("fa", include_str!("../templates/locales/fa.yaml")),
    ("hi", include_str!("../templates/locales/hi.yaml")),
    ("th", include_str!("../templates/locales/th.yaml")),
    ("ja", include_str!("../templates/locales/ja.yaml")),
    ("zh", include_str!("../templates/locales/zh.yaml")),
    ("ko", include_str!("../templates/locales/ko.yaml")),
];

/// Words a course's own file may set beyond those of en.yaml: its own way of writing
/// dates (see [`Locale::date`] and [`Locale::weekdays`]).
const OWN_DATE_WORDS: [&str; 3] = ["date", "months", "days"];

#[derive(Debug, Clone)]
pub struct Locale {
    pub words: Map<String, Value>,
    /// The course's own `locales/<language>.yaml`, which may set its own date words.
    own_words: Map<String, Value>,
    language: String,
    /// The course's own words file this locale read, if any (inside the course).
    pub own_file: Option<std::path::PathBuf>,
    /// The digits the language writes numbers with, when not 0-9 (see [`Locale::digits`]).
    digits: Option<[char; 10]>,
    /// The parsed own words file, to point at its lines.
    own_tree: Option<crate::load::Node>,
}

impl Locale {
    /// The locale for `language`: English, overlaid with the built-in language, overlaid
    /// with the course's own `locales/<language>.yaml`.
    /// A number as the language writes it (decimal comma, digits), without a needless
    /// ".0".
    pub fn number(&self, value: f64) -> String {
        let plain = if value.fract() == 0.0 {
            format!("{value:.0}")
        } else {
            value.to_string()
        };
        cldr_number(&self.language, &plain).unwrap_or(plain)
    }

    /// The language's own digits (۰۱۲… in Persian, ٠١٢… in Egyptian Arabic), when CLDR
    /// says it writes numbers with other digits than 0-9: for page, step, session and
    /// week numbers, which take no grouping.
    pub fn digits(&self) -> Option<[char; 10]> {
        self.digits
    }

    /// `text` with its digits 0-9 written in the language's own digits.
    pub fn with_digits(&self, text: &str) -> String {
        with_digits(text, self.digits)
    }

    fn cldr_digits(language: &str) -> Option<[char; 10]> {
        let formatter = cldr_formatter(language)?;
        let mut digits = ['0'; 10];
        for (d, slot) in digits.iter_mut().enumerate() {
            let written = formatter
                .format(&fixed_decimal::Decimal::from(d as u32))
                .to_string();
            let mut chars = written.chars();
            *slot = chars.next()?;
            if chars.next().is_some() {
                return None;
            }
        }
        (digits != ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']).then_some(digits)
    }

    pub fn load(language: &str, course_root: &Path) -> Result<Locale, Diagnostic> {
        if !crate::model::is_language_tag(language) {
            return Err(not_a_language_tag(language));
        }
        let mut words = parse(BUILT_IN[0].1, "en").expect("built-in locale is valid");
        // `en-GB` takes the words of `en`; the region still chooses how dates are written.
        let primary = language.split(['-', '_']).next().unwrap_or(language);
        let built_in = built_in(language);
        if let Some((_, text)) = built_in.filter(|(name, _)| *name != "en") {
            words.extend(parse(text, language).expect("built-in locale is valid"));
        }
        // A course's `locales/en.yaml` also serves `en-GB` when there is no `en-GB.yaml`.
        let mut own = Path::new("locales").join(format!("{language}.yaml"));
        let general = Path::new("locales").join(format!("{primary}.yaml"));
        if course_root.join(&own).symlink_metadata().is_err()
            && course_root.join(&general).symlink_metadata().is_ok()
        {
            own = general;
        }
        let own_file = crate::paths::inside_course(course_root, &own.to_string_lossy());
        if let (Err(why), Ok(_)) = (&own_file, course_root.join(&own).symlink_metadata()) {
            return Err(Diagnostic::error(
                Code::PathOutsideCourse,
                &own,
                format!("these words are not used: {why}"),
            )
            .hint("replace the link with the file itself"));
        }
        // Only a name that is not there at all falls back to the built-in words; a folder,
        // a pipe or a file in the wrong encoding in its place is a mistake to report.
        // (A link out of the course was refused above.)
        let mut own_words = Map::new();
        let mut own_tree = None;
        let own_text = match own_file {
            Ok(path) => Some(
                crate::load::gate::read_text(&path, MAX_LOCALE_BYTES)
                    .map_err(|e| e.diagnostic(&own))?,
            ),
            Err(_) => None,
        };
        match own_text {
            Some(text) => {
                // A syntax mistake is said in plain words at its line, as in course files.
                let source = crate::load::Source::from_bytes(&own, text.clone().into_bytes())?;
                own_tree = Some(crate::load::yaml::parse(&source)?);
                own_words = parse(&text, language).map_err(|e| {
                    Diagnostic::error(Code::LocaleError, &own, e)
                        .hint("write one `key: words` per line, as in the built-in en.yaml")
                })?;
                check_sizes(&own_words, &own)?;
                words.extend(own_words.clone());
            }
            None if built_in.is_some() => {}
            None => {
                let names: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
                // A language CLDR names is the one meant, never one spelt alike.
                if let Some(name) = crate::language_names::english_name(language) {
                    return Err(Diagnostic::error(
                        Code::UnknownLanguage,
                        language_field(),
                        format!("there are no built-in words for {name} (`{language}`)"),
                    )
                    .hint(format!(
                        "add the words for {name} in `{}`, translating each line of the built-in en.yaml; dates and numbers already follow {name}",
                        own.display()
                    )));
                }
                let hint = crate::suggest::hint_for(language, names.iter().copied(), || {
                    format!(
                        "use one of {}, or add the words for your language in `{}`",
                        names.join(", "),
                        own.display()
                    )
                });
                return Err(Diagnostic::error(
                    Code::UnknownLanguage,
                    language_field(),
                    format!("there are no words for the language `{language}`"),
                )
                .hint(hint));
            }
        }
        let own_file = (!own_words.is_empty()).then_some(own);
        Ok(Locale {
            own_file,
            words,
            own_words,
            language: language.to_owned(),
            digits: Locale::cldr_digits(language),
            own_tree,
        })
    }

    /// A warning for each word of the course's own file that no page uses (a misspelt
    /// key such as `page_off`), and for month names without the `date` they go in.
    pub fn unused_words(&self) -> Vec<Diagnostic> {
        let (Some(file), Some(tree)) = (&self.own_file, &self.own_tree) else {
            return Vec::new();
        };
        let english = parse(BUILT_IN[0].1, "en").expect("built-in locale is valid");
        let mut known: Vec<&str> = english.keys().map(String::as_str).collect();
        known.extend(OWN_DATE_WORDS);
        let mut out = Vec::new();
        for key in self.own_words.keys() {
            let at = Some(tree.key_location(key));
            let place = Place::new(file, at, crate::field![key.as_str()]);
            if !known.contains(&key.as_str()) {
                let hint = crate::suggest::hint_for(key, known.iter().copied(), || {
                    "the words a course can set are those of the built-in en.yaml (`course templates guide` lists them)".to_owned()
                });
                out.push(
                    Diagnostic::warning(
                        Code::UnknownLocaleWord,
                        place,
                        format!("`{key}` is not a word the pages use, so it is not printed"),
                    )
                    .hint(hint),
                );
            } else if key == "months" && !self.own_words.contains_key("date") {
                out.push(
                    Diagnostic::warning(
                        Code::UnknownLocaleWord,
                        place,
                        "the month names are used only with a `date` pattern, which this file does not have",
                    )
                    .hint("add a line such as `date: \"{day} {month} {year}\"`, or delete `months` to keep the dates CLDR writes for the language"),
                );
            }
        }
        out
    }

    /// A word, with `{name}` placeholders filled in.
    pub fn text(&self, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        self.text_within(key, args, usize::MAX).unwrap_or_default()
    }

    /// [`Locale::text`], or `None` once it would be longer than `max_bytes`. Each `{name}`
    /// is filled in one pass, so a value is never searched for names again: a template
    /// cannot multiply text by naming a placeholder inside a value inside a value.
    pub fn text_within(
        &self,
        key: &str,
        args: &[(&str, &dyn std::fmt::Display)],
        max_bytes: usize,
    ) -> Option<String> {
        let pattern = self.words.get(key).and_then(Value::as_str).unwrap_or(key);
        let values: Vec<(&str, String)> = args
            .iter()
            .map(|(name, value)| {
                let value = value.to_string();
                if value.bytes().all(|b| b.is_ascii_digit()) {
                    (*name, self.with_digits(&value))
                } else {
                    (*name, value)
                }
            })
            .collect();
        let mut text = String::new();
        crate::util::fill_pattern(
            pattern,
            |name| values.iter().find(|(n, _)| *n == name).map(|(_, v)| v),
            |piece| {
                text.push_str(match piece {
                    crate::util::Piece::Text(t) => t,
                    crate::util::Piece::Value(v) => v,
                });
                if text.len() > max_bytes {
                    std::ops::ControlFlow::Break(())
                } else {
                    std::ops::ControlFlow::Continue(())
                }
            },
        );
        (text.len() <= max_bytes).then_some(text)
    }

    /// `2027-03-01` as the course language writes a date ("1 March 2027", "1. März 2027",
    /// "2027年3月1日"), from CLDR data; other text is returned as written. A course's
    /// own `date` pattern with `months` still wins.
    pub fn date(&self, iso: &str) -> String {
        let parts: Vec<&str> = iso.split('-').collect();
        let ([year, month, day], true) = (parts.as_slice(), parts.len() == 3) else {
            return iso.to_owned();
        };
        let (Ok(year), Ok(month), Ok(day)) =
            (year.parse::<i32>(), month.parse::<u8>(), day.parse::<u8>())
        else {
            return iso.to_owned();
        };
        if let (Some(pattern), Some(months)) = (
            self.own_words.get("date").and_then(Value::as_str),
            self.own_words.get("months").and_then(Value::as_array),
        ) {
            let month = months
                .get(usize::from(month).saturating_sub(1))
                .and_then(Value::as_str)
                .unwrap_or_default();
            return pattern
                .replace("{day}", &day.to_string())
                .replace("{month}", month)
                .replace("{year}", &year.to_string());
        }
        cldr_date(&self.language, year, month, day).unwrap_or_else(|| iso.to_owned())
    }
}

impl Locale {
    /// Monday to Sunday in the course language: the course's own `days` if it sets them,
    /// else from CLDR data.
    pub fn weekdays(&self) -> Value {
        if let Some(days) = self.own_words.get("days") {
            return days.clone();
        }
        // 2024-01-01 was a Monday.
        let names: Option<Vec<Value>> = (1..=7)
            .map(|d| cldr_weekday(&self.language, d).map(Value::from))
            .collect();
        names.map_or_else(
            || self.words.get("days").cloned().unwrap_or_default(),
            Value::Array,
        )
    }
}

fn cldr_weekday(language: &str, day_of_january_2024: u8) -> Option<String> {
    use icu_datetime::fieldsets::E;
    use icu_datetime::DateTimeFormatter;
    let locale: icu_locale_core::Locale = language.parse().ok()?;
    let formatter = DateTimeFormatter::try_new(locale.into(), E::long()).ok()?;
    let date = icu_calendar::Date::try_new_iso(2024, 1, day_of_january_2024).ok()?;
    Some(formatter.format(&date).to_string())
}

/// `plain` (such as `24.5`) as `language` writes numbers, from CLDR data: `24,5` in
/// German, with the digits the language's dates use.
/// The built-in words for `language` (name and text): its own, else those of its primary
/// language (`pt-BR` takes `pt`'s).
pub fn built_in(language: &str) -> Option<&'static (&'static str, &'static str)> {
    let primary = language.split(['-', '_']).next().unwrap_or(language);
    BUILT_IN
        .iter()
        .find(|(name, _)| *name == language)
        .or_else(|| BUILT_IN.iter().find(|(name, _)| *name == primary))
}

/// `text` with its digits 0-9 replaced by `digits`, when given.
pub fn with_digits(text: &str, digits: Option<[char; 10]>) -> String {
    match digits {
        Some(digits) => text
            .chars()
            .map(|c| match c {
                '0'..='9' => digits[c as usize - '0' as usize],
                _ => c,
            })
            .collect(),
        None => text.to_owned(),
    }
}

fn cldr_formatter(language: &str) -> Option<icu_decimal::DecimalFormatter> {
    let locale: icu_locale_core::Locale = language.parse().ok()?;
    icu_decimal::DecimalFormatter::try_new(locale.into(), Default::default()).ok()
}

fn cldr_number(language: &str, plain: &str) -> Option<String> {
    let formatter = cldr_formatter(language)?;
    let decimal: fixed_decimal::Decimal = plain.parse().ok()?;
    Some(formatter.format(&decimal).to_string())
}

/// A long date in `language` from CLDR data, in the calendar the language uses.
/// A date in words, such as "12 May 2026" in `en-GB` or "12. Mai 2026" in `de`.
pub fn long_date(language: &str, year: i32, month: u32, day: u32) -> Option<String> {
    cldr_date(
        language,
        year,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

fn cldr_date(language: &str, year: i32, month: u8, day: u8) -> Option<String> {
    use icu_datetime::fieldsets::YMD;
    use icu_datetime::DateTimeFormatter;
    let locale: icu_locale_core::Locale = language.parse().ok()?;
    let formatter = DateTimeFormatter::try_new(locale.into(), YMD::long()).ok()?;
    let date = icu_calendar::Date::try_new_iso(year, month, day).ok()?;
    Some(formatter.format(&date).to_string())
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
            let place = Place::new(file, None, crate::field![key]);
            return Err(Diagnostic::error(
                Code::LocaleError,
                place,
                format!("the words for `{key}` are {longest} characters long; fixed words may be at most {MAX_LOCALE_WORD_CHARS}"),
            )
            .hint("fixed words are short labels such as \"Page {page} of {pages}\": shorten them"));
        }
    }
    Ok(())
}

/// Where course.yaml names its language (located by the caller, who has the tree).
fn language_field() -> Place {
    Place::new(crate::load::COURSE_FILE, None, crate::field!["language"])
}

/// The problem with a `language:` that is not a language tag.
pub fn not_a_language_tag(language: &str) -> Diagnostic {
    Diagnostic::error(
        Code::UnknownLanguage,
        language_field(),
        format!("`{language}` is not a language code"),
    )
    .hint("write the code of the parents' language, such as `en`, `de`, `es` or `pt-BR`")
}

#[cfg(test)]
mod tests {
    use super::Locale;

    #[test]
    fn numbers_are_written_as_each_language_writes_them() {
        let number = |language: &str, value: f64| {
            Locale::load(language, std::path::Path::new("."))
                .unwrap()
                .number(value)
        };
        assert_eq!(number("en-GB", 24.5), "24.5");
        assert_eq!(number("en", 24.0), "24");
        assert_eq!(number("de", 24.5), "24,5");
        assert_eq!(number("fr", 0.5), "0,5");
        assert_eq!(number("ru", 1234.5), "1\u{a0}234,5");
        assert_eq!(number("hi", 24.5), "24.5");
    }

    /// Persian and Egyptian Arabic write numbers with their own digits; Arabic as CLDR has
    /// it for `ar`, and English, with 0-9. Numbers given to a fixed word follow.
    #[test]
    fn digits_follow_the_language() {
        let locale = |language| Locale::load(language, std::path::Path::new(".")).unwrap();
        assert_eq!(locale("fa").with_digits("p. 12"), "p. ۱۲");
        assert_eq!(locale("ar-EG").with_digits("305"), "٣٠٥");
        assert_eq!(locale("ar").digits(), None);
        assert_eq!(locale("en").digits(), None);
        assert_eq!(
            locale("fa").text("page_of", &[("page", &2), ("pages", &"10")]),
            "صفحهٔ {page} از {pages}"
                .replace("{page}", "۲")
                .replace("{pages}", "۱۰")
        );
    }
}
