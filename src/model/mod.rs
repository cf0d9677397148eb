//! The course format: the Rust types are the single source of truth for
//! deserialising, for the JSON Schema (`course schema`) and for validation.

mod course;
mod module;

pub use course::*;
pub use module::*;

/// What an id looks like: small letters and digits in words joined by dashes, such as
/// `tummy-strokes`. Ids become parts of file names and are typed in other files, so
/// nothing that could look alike or read differently is allowed.
pub const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// Whether `text` matches `ID_PATTERN`, for checks made before any schema is at hand
/// (`course new NAME`).
pub fn is_id(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::is_id;

    #[test]
    fn ids_are_words_of_small_letters_and_digits_joined_by_dashes() {
        for good in ["tummy", "tummy-strokes", "week-2"] {
            assert!(is_id(good), "{good}");
        }
        for bad in [
            "",
            "Tummy",
            "tummy_strokes",
            "-tummy",
            "tummy-",
            "a--b",
            "tüm",
        ] {
            assert!(!is_id(bad), "{bad}");
        }
    }
}
