//! Hyphenation from TeX patterns (the `hyphenation` crate, with its dictionaries built
//! in), for words too long for their line or table column.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use genpdf::text::Hyphenate;
use hyphenation::{Hyphenator, Language, Load, Standard};

/// The patterns of a BCP 47 `language`, where the crate has them.
fn patterns_for(language: &str) -> Option<Language> {
    let lower = language.to_ascii_lowercase().replace('_', "-");
    let primary = lower.split('-').next().unwrap_or("");
    Some(match primary {
        "en" if lower.starts_with("en-us") || lower == "en" => Language::EnglishUS,
        "en" => Language::EnglishGB,
        "de" => Language::German1996,
        "fr" => Language::French,
        "es" => Language::Spanish,
        "pt" => Language::Portuguese,
        "it" => Language::Italian,
        "nl" => Language::Dutch,
        "pl" => Language::Polish,
        "uk" => Language::Ukrainian,
        "ru" => Language::Russian,
        "el" => Language::GreekMono,
        "tr" => Language::Turkish,
        "hi" => Language::Hindi,
        "da" => Language::Danish,
        "sv" => Language::Swedish,
        "cs" => Language::Czech,
        "hu" => Language::Hungarian,
        _ => return None,
    })
}

/// Where words of `language` may be hyphenated, or None for a language without patterns
/// (its long words are cut between characters, as before). Each language's patterns are
/// loaded once per run.
pub fn hyphenator(language: &str) -> Option<Hyphenate> {
    static LOADED: OnceLock<Mutex<HashMap<Language, Arc<Standard>>>> = OnceLock::new();
    let language = patterns_for(language)?;
    let dictionary = {
        let mut loaded = LOADED.get_or_init(Default::default).lock().ok()?;
        match loaded.get(&language) {
            Some(d) => d.clone(),
            None => {
                let d = Arc::new(Standard::from_embedded(language).ok()?);
                loaded.insert(language, d.clone());
                d
            }
        }
    };
    Some(Arc::new(move |word: &str| {
        dictionary.hyphenate(word).breaks
    }))
}

#[cfg(test)]
mod tests {
    use super::hyphenator;

    #[test]
    fn long_words_break_where_the_language_allows() {
        let german = hyphenator("de").unwrap();
        assert_eq!(german("Wiederholungen"), [3, 6, 8, 11]);
        let english = hyphenator("en-GB").unwrap();
        assert_eq!(english("Repetitions"), [2, 4, 6]);
        assert!(hyphenator("ja").is_none());
    }
}
