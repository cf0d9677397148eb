//! Quotation marks as each language prints them. The Markdown parser turns straight
//! quotes into English curly ones (its smart punctuation); this maps those to the marks of
//! the course's language, as Typst's smart quotes do: „so“ in German, « ainsi » in French.

/// The opening and closing marks of one language, double and single.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quotes {
    pub double: (&'static str, &'static str),
    pub single: (&'static str, &'static str),
}

/// French sets its guillemets apart from the words with a narrow no-break space.
const FRENCH_OPEN: &str = "«\u{202f}";
const FRENCH_CLOSE: &str = "\u{202f}»";

impl Quotes {
    pub const ENGLISH: Quotes = Quotes {
        double: ("“", "”"),
        single: ("‘", "’"),
    };

    /// The marks for a BCP 47 `language` such as `de` or `pt-BR`; English ones for a
    /// language without marks of its own here.
    pub fn for_language(language: &str) -> Quotes {
        let primary = language.split(['-', '_']).next().unwrap_or("");
        let (double, single) = match primary {
            "de" | "cs" | "sk" | "sl" | "et" | "lt" | "lv" | "is" => (("„", "“"), ("‚", "‘")),
            "fr" => ((FRENCH_OPEN, FRENCH_CLOSE), ("‹\u{202f}", "\u{202f}›")),
            "es" | "it" | "ca" | "eu" => (("«", "»"), ("“", "”")),
            "ru" | "uk" | "be" | "nb" | "nn" | "no" => (("«", "»"), ("„", "“")),
            "el" => (("«", "»"), ("‘", "’")),
            "pl" | "hu" | "ro" | "hr" => (("„", "”"), ("’", "’")),
            "nl" | "da" => (("“", "”"), ("‘", "’")),
            "sv" | "fi" => (("”", "”"), ("’", "’")),
            "ja" => (("「", "」"), ("『", "』")),
            // Hebrew, Arabic and Persian: their own marks, placed by the bidi algorithm.
            "he" => (("”", "”"), ("’", "’")),
            "ar" | "fa" | "ur" => (("«", "»"), ("‹", "›")),
            _ => return Quotes::ENGLISH,
        };
        Quotes { double, single }
    }
}

impl Default for Quotes {
    fn default() -> Self {
        Quotes::ENGLISH
    }
}

/// Replaces the English curly quotes in `text` with those of `quotes`. A `’` is an
/// apostrophe (baby’s) unless a single quote is open: `single_open` carries that state
/// from one piece of a paragraph's text to the next.
pub fn localize(text: &str, quotes: Quotes, single_open: &mut bool) -> String {
    if quotes == Quotes::ENGLISH {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '“' => out.push_str(quotes.double.0),
            '”' => out.push_str(quotes.double.1),
            '‘' => {
                *single_open = true;
                out.push_str(quotes.single.0);
            }
            '’' if *single_open => {
                *single_open = false;
                out.push_str(quotes.single.1);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(text: &str, language: &str) -> String {
        localize(text, Quotes::for_language(language), &mut false)
    }

    #[test]
    fn each_language_gets_its_own_marks_and_apostrophes_stay() {
        assert_eq!(
            local("“Sanft” ist ‘gut’, baby’s", "de"),
            "„Sanft“ ist ‚gut‘, baby’s"
        );
        assert_eq!(
            local("Dites “bonjour”", "fr"),
            "Dites «\u{202f}bonjour\u{202f}»"
        );
        assert_eq!(local("“Мягко”", "ru"), "«Мягко»");
        assert_eq!(local("“Suave”", "es-MX"), "«Suave»");
        assert_eq!(local("“Gentle” baby’s", "en-GB"), "“Gentle” baby’s");
    }
}
