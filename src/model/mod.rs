//! The course format: the Rust types are the single source of truth for
//! deserialising, for the JSON Schema (`course schema`) and for validation.

mod course;
pub mod family;
mod module;
pub mod translation;

pub use course::*;
pub use module::*;

/// What an id looks like: small letters and digits in words joined by dashes, such as
/// `tummy-strokes`. Ids become parts of file names and are typed in other files, so
/// nothing that could look alike or read differently is allowed.
pub const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// Whether `id` matches [`ID_PATTERN`], for commands that make ids (`course new`).
pub fn is_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The name `course init` writes until the instructor gives hers; `validate` warns while
/// it is there.
pub const PLACEHOLDER_NAME: &str = "Your Name";
/// The email `course init` writes until the instructor gives hers.
pub const PLACEHOLDER_EMAIL: &str = "you@example.org";

/// The name of an invisible formatting character, and whether it changes the direction
/// text is shown in (wrong anywhere, not only in names).
pub fn invisible(c: char) -> Option<(&'static str, bool)> {
    Some(match c {
        '\u{200B}' => ("a zero-width space", false),
        '\u{200C}' => ("a zero-width non-joiner", false),
        '\u{200D}' => ("a zero-width joiner", false),
        '\u{2060}' => ("a word joiner", false),
        '\u{FEFF}' => ("a zero-width no-break space (byte-order mark)", false),
        '\u{00AD}' => ("a soft hyphen", false),
        '\u{200E}' | '\u{200F}' | '\u{061C}' => ("a direction mark", false),
        '\u{202A}'..='\u{202E}' => ("a direction override", true),
        '\u{2066}'..='\u{2069}' => ("a direction isolate", true),
        _ => return None,
    })
}

/// Whether `tag` is a language tag (`en`, `pt-BR`, `zh-Hant`, `en_GB`), checked before
/// it names a file (`locales/<tag>.yaml`), so no value can reach outside that folder.
pub fn is_language_tag(tag: &str) -> bool {
    // BCP 47's shape: a language of 2 to 8 letters, then subtags of 1 to 8 letters or
    // digits (private ones such as `en-x-mine` included).
    let mut parts = tag.split(['-', '_']);
    let language = parts.next().unwrap_or_default();
    tag.len() <= 64
        && (2..=8).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn language_tags_are_tags_and_paths_are_not() {
        for good in ["en", "pt-BR", "zh-Hant", "en_GB", "ar", "en-x"] {
            assert!(super::is_language_tag(good), "{good}");
        }
        for bad in ["../../elsewhere/x", "/tmp/x", "en/..", "", "e n", "x.yaml"] {
            assert!(!super::is_language_tag(bad), "{bad}");
        }
    }

    /// `is_id` says what the schema's pattern says.
    #[test]
    fn is_id_agrees_with_the_pattern() {
        let pattern =
            jsonschema::validator_for(&serde_json::json!({ "pattern": super::ID_PATTERN }))
                .unwrap();
        for (id, ok) in [
            ("tummy", true),
            ("tummy-strokes", true),
            ("week-2", true),
            ("a1", true),
            ("", false),
            ("-a", false),
            ("a-", false),
            ("a--b", false),
            ("Tummy", false),
            ("a_b", false),
            ("a b", false),
            ("ä", false),
            ("../x", false),
        ] {
            assert_eq!(super::is_id(id), ok, "{id}");
            assert_eq!(pattern.is_valid(&serde_json::json!(id)), ok, "{id}");
        }
    }
}
