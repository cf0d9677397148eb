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

#[cfg(test)]
mod tests {
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
