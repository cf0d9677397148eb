//! Rules the Rust types cannot say, added to every generated schema so that editors and
//! `course validate` refuse the same things: no empty or blank text, no text longer
//! than the limit, no whole number larger than the program can hold.

use serde_json::{json, Value as Json};

use crate::limits::MAX_TEXT_CHARS;

/// The pattern of text that has at least one visible character.
pub const NOT_BLANK: &str = "\\S";

/// Adds the rules to every text and whole-number schema inside `schema`.
pub fn tighten(schema: &mut Json) {
    match schema {
        Json::Object(map) => {
            let kind = map
                .get("type")
                .and_then(Json::as_str)
                .unwrap_or_default()
                .to_owned();
            if kind == "string" && !map.contains_key("enum") && !map.contains_key("const") {
                if !map.contains_key("pattern") && !map.contains_key("format") {
                    map.insert("pattern".into(), json!(NOT_BLANK));
                    // yaml-language-server shows this instead of the pattern itself.
                    map.insert("patternErrorMessage".into(), json!("This text is empty."));
                } else if map
                    .get("pattern")
                    .is_some_and(|p| p == crate::model::ID_PATTERN)
                {
                    map.insert(
                        "patternErrorMessage".into(),
                        json!("An id is small letters, digits and dashes, such as tummy-strokes."),
                    );
                }
                map.insert("maxLength".into(), json!(MAX_TEXT_CHARS));
            }
            if kind == "integer" && map.get("format").is_some_and(|f| f == "uint32") {
                map.entry("maximum").or_insert(json!(u32::MAX));
            }
            map.values_mut().for_each(tighten);
        }
        Json::Array(items) => items.iter_mut().for_each(tighten),
        _ => {}
    }
}
