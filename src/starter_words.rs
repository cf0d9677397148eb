//! The starter's words in each built-in language: the questions `course init` asks, the
//! defaults it offers, and the texts of the starter course, modules and drawings. A
//! course in another language starts in that language; `validate` uses the same words
//! to find texts a course still has from a starter in another language.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value;

/// Both forms of the words files from one list of languages: each YAML file as written
/// and as the JSON `build.rs` makes of it.
macro_rules! words_files {
    ($($language:literal),+ $(,)?) => {
        /// The words files, one per built-in language, with the same keys as `en.yaml`.
        pub const WORDS: [(&str, &str); 21] = [$(
            ($language, include_str!(concat!("../templates/starter/words/", $language, ".yaml"))),
        )+];

        /// The same files as JSON, made by `build.rs`: every run reads them all, and JSON
        /// reads ten times faster than YAML.
        const WORDS_JSON: [(&str, &str); 21] = [$(
            ($language, include_str!(concat!(env!("OUT_DIR"), "/", $language, ".json"))),
        )+];
    };
}

words_files!(
    "en", "de", "fr", "es", "pt", "it", "nl", "pl", "uk", "ru", "el", "tr", "vi", "ar", "he", "fa",
    "hi", "th", "ja", "zh", "ko",
);

/// The part of the words that `init` asks with; the rest goes into the course's files.
const QUESTIONS: &str = "ask";

/// Every words file, parsed once.
fn parsed() -> &'static [(&'static str, Value)] {
    static PARSED: OnceLock<Vec<(&'static str, Value)>> = OnceLock::new();
    PARSED.get_or_init(|| {
        WORDS_JSON
            .iter()
            .map(|(language, text)| {
                // The files are part of the program; a test reads each one.
                let value = serde_json::from_str(text).unwrap_or(Value::Null);
                (*language, value)
            })
            .collect()
    })
}

/// The starter's words in one language, with English for any word it lacks.
#[derive(Debug, Clone, Copy)]
pub struct StarterWords {
    language: &'static str,
    words: &'static Value,
    english: &'static Value,
}

impl StarterWords {
    /// The words for `language` (`pt-BR` takes those of `pt`), or English ones for a
    /// language without a starter of its own.
    pub fn for_language(language: &str) -> StarterWords {
        let all = parsed();
        let english = &all[0].1;
        let (language, words) = starter_language(language)
            .and_then(|code| all.iter().find(|(l, _)| *l == code))
            .map_or(("en", english), |(l, v)| (*l, v));
        StarterWords {
            language,
            words,
            english,
        }
    }

    /// The language these words are in: `en` for a language without its own.
    pub fn language(&self) -> &'static str {
        self.language
    }

    /// The words at a dotted `key`, such as `benefits.title`.
    pub fn get(&self, key: &str) -> &'static str {
        lookup(self.words, key)
            .or_else(|| lookup(self.english, key))
            .unwrap_or_default()
    }
}

/// The built-in starter language `language` is written in, if there is one.
pub fn starter_language(language: &str) -> Option<&'static str> {
    let primary = language.split(['-', '_']).next().unwrap_or(language);
    WORDS
        .iter()
        .map(|(code, _)| *code)
        .find(|code| code.eq_ignore_ascii_case(primary))
}

fn lookup(words: &'static Value, key: &str) -> Option<&'static str> {
    key.split('.')
        .try_fold(words, |node, part| node.get(part))
        .and_then(Value::as_str)
}

/// Every text the starter writes into a course's files, with the languages whose
/// starter has it (a text such as "Baby" may be the same in several).
pub fn written_texts() -> &'static HashMap<&'static str, Vec<&'static str>> {
    static TEXTS: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let mut texts: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
        for (language, words) in parsed() {
            let Some(parts) = words.as_object() else {
                continue;
            };
            for (part, value) in parts {
                if part != QUESTIONS {
                    collect(value, &mut |text| {
                        texts.entry(text).or_default().push(language)
                    });
                }
            }
        }
        texts
    })
}

fn collect(value: &'static Value, found: &mut impl FnMut(&'static str)) {
    match value {
        Value::String(text) => found(text),
        Value::Object(map) => map.values().for_each(|v| collect(v, found)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dotted keys of a words file and their texts.
    fn leaves(value: &Value, prefix: &str, out: &mut Vec<(String, String)>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    leaves(v, &key, out);
                }
            }
            Value::String(text) => out.push((prefix.to_owned(), text.clone())),
            other => out.push((prefix.to_owned(), format!("not text: {other}"))),
        }
    }

    /// The JSON `build.rs` made says what the YAML says, language for language.
    #[test]
    fn the_words_read_at_run_time_are_the_words_written() {
        for ((language, yaml), (json_language, _)) in WORDS.iter().zip(WORDS_JSON) {
            assert_eq!(language, &json_language);
            let written: Value = serde_yaml::from_str(yaml).unwrap();
            let read = &parsed().iter().find(|(l, _)| l == language).unwrap().1;
            assert_eq!(&written, read, "words/{language}");
        }
    }

    /// Every built-in language of the page words has starter words, with every key of
    /// the English file and no other, each one text of its own.
    #[test]
    fn every_built_in_language_has_every_starter_word() {
        let languages: Vec<&str> = crate::locale::BUILT_IN.iter().map(|(l, _)| *l).collect();
        let starters: Vec<&str> = WORDS.iter().map(|(l, _)| *l).collect();
        assert_eq!(languages, starters);
        let mut english = Vec::new();
        leaves(&parsed()[0].1, "", &mut english);
        let english_keys: Vec<&String> = english.iter().map(|(k, _)| k).collect();
        for (language, text) in WORDS {
            let value: Value =
                serde_yaml::from_str(text).unwrap_or_else(|e| panic!("words/{language}.yaml: {e}"));
            let mut found = Vec::new();
            leaves(&value, "", &mut found);
            let keys: Vec<&String> = found.iter().map(|(k, _)| k).collect();
            assert_eq!(keys, english_keys, "words/{language}.yaml");
            for (key, text) in &found {
                assert!(
                    !text.trim().is_empty() && text.trim() == text && !text.contains('\n'),
                    "words/{language}.yaml: {key}: {text:?}"
                );
                if language != "en" && !key.starts_with("ask.") {
                    let same = english.iter().find(|(k, _)| k == key).map(|(_, t)| t);
                    assert!(
                        same != Some(text),
                        "words/{language}.yaml: {key} is the English {text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_language_takes_its_own_words_its_region_s_or_english() {
        assert_eq!(
            StarterWords::for_language("de").get("course.credential"),
            "Zertifizierte Kursleitung für Babymassage"
        );
        assert_eq!(StarterWords::for_language("pt-BR").language(), "pt");
        let swedish = StarterWords::for_language("sv");
        assert_eq!(swedish.language(), "en");
        assert_eq!(swedish.get("strokes.title"), "First strokes");
        assert_eq!(swedish.get("no.such.key"), "");
        assert!(written_texts()["First strokes"].contains(&"en"));
        assert!(!written_texts().contains_key("Course title"));
    }

    /// Words that would address a parent another way than the built-in words do: the
    /// informal "du" in German handouts that say "Sie", the formal "u" in Dutch ones that
    /// say "je". Compared case by case (German `Ihr` is formal, `ihr` is not).
    const OTHER_ADDRESS: &[(&str, &[&str])] = &[
        (
            "de",
            &[
                "du", "dich", "dir", "dein", "deine", "deinem", "deinen", "deiner", "ihr", "euch",
                "euer", "eure", "euren", "eurem",
            ],
        ),
        ("fr", &["tu", "toi", "ton", "ta", "tes", "te"]),
        (
            "es",
            &[
                "tú", "tu", "tus", "te", "ti", "contigo", "vosotros", "vuestro", "vuestra", "os",
            ],
        ),
        ("it", &["tu", "tuo", "tua", "tuoi", "tue", "ti"]),
        (
            "pt",
            &[
                "tu", "teu", "tua", "teus", "tuas", "te", "ti", "contigo", "vós",
            ],
        ),
        ("nl", &["u", "uw"]),
        ("pl", &["Pan", "Pani", "Państwo", "Pana", "Panu", "Pań"]),
        (
            "ru",
            &[
                "ты",
                "тебя",
                "тебе",
                "тобой",
                "твой",
                "твоя",
                "твоё",
                "твои",
                "твоего",
                "твоей",
                "твоему",
            ],
        ),
        (
            "uk",
            &[
                "ти",
                "тебе",
                "тобі",
                "тобою",
                "твій",
                "твоя",
                "твоє",
                "твої",
            ],
        ),
        ("el", &["εσύ", "σου"]),
        ("tr", &["sen", "senin", "sana", "seni"]),
    ];

    /// Every text of a language, built-in page words and starter words alike.
    fn texts_of(language: &str) -> Vec<String> {
        let mut out = Vec::new();
        let (_, page) = crate::locale::BUILT_IN
            .iter()
            .find(|(l, _)| *l == language)
            .unwrap();
        let page: Value = serde_yaml::from_str(page).unwrap();
        leaves(&page, "", &mut out);
        let (_, starter) = WORDS.iter().find(|(l, _)| *l == language).unwrap();
        let starter: Value = serde_yaml::from_str(starter).unwrap();
        leaves(&starter, "", &mut out);
        out.into_iter().map(|(k, t)| format!("{k}: {t}")).collect()
    }

    #[test]
    fn each_language_addresses_parents_one_way() {
        let mut wrong = Vec::new();
        for (language, others) in OTHER_ADDRESS {
            for text in texts_of(language) {
                let words = text.split(|c: char| !c.is_alphanumeric());
                if let Some(word) = words.into_iter().find(|w| others.contains(w)) {
                    wrong.push(format!("{language}: `{word}` in {text}"));
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
}
