//! Field paths as a person reads them: `strokes[0].repetitions` becomes
//! "stroke 1 (Indian milking), repetitions". Items count from 1 and are named by their
//! title or name when they have one, so the instructor finds them without counting.

use std::path::Path;

use super::yaml::Node;
use super::Course;

/// The segments of a field path such as `strokes[2].steps[0]`:
/// `["strokes", "2", "steps", "0"]`.
pub fn segments(path: &str) -> Vec<String> {
    path.split(['.', '['])
        .map(|s| s.trim_end_matches(']'))
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The readable form of `path` in the file whose tree is `tree` (items are unnamed
/// without it).
pub fn label(path: &str, tree: Option<&Node>) -> String {
    let segments = segments(path);
    let mut parts: Vec<String> = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        let Ok(index) = segment.parse::<usize>() else {
            parts.push(segment.clone());
            continue;
        };
        // An index names an item of the list before it: "strokes", "0" → "stroke 1".
        let list = parts.pop().unwrap_or_default();
        let noun = item_noun(&list);
        let item = tree.and_then(|t| t.find(segments[..=i].iter().map(String::as_str)));
        let name = item.and_then(|item| item_name(item, &list));
        parts.push(match (noun, name) {
            (Some(noun), Some(name)) => format!("{noun} {} ({name})", index + 1),
            (Some(noun), None) => format!("{noun} {}", index + 1),
            (None, Some(name)) => format!("{list}, item {} ({name})", index + 1),
            (None, None) if list.is_empty() => format!("item {}", index + 1),
            (None, None) => format!("{list}, item {}", index + 1),
        });
    }
    parts.join(", ")
}

/// The readable form of `path` in `file` of `course`, with the item names of the file's
/// tree (kept for files that parsed but did not load, so nothing is parsed again).
pub fn label_in(course: &Course, file: &Path, path: &str) -> String {
    label(path, course.tree(file))
}

/// What one item of a list is called, for lists whose name is a plain plural.
fn item_noun(list: &str) -> Option<&'static str> {
    Some(match list {
        "strokes" => "stroke",
        "sessions" => "session",
        "modules" => "module",
        "materials" => "material",
        "oils" => "oil",
        "attendees" => "attendee",
        "dates" => "date",
        "steps" => "step",
        "cautions" => "caution",
        "adaptations" => "adaptation",
        "tips" => "tip",
        "notes" => "note",
        "fonts" => "font",
        "contraindications" => "contraindication",
        _ => return None,
    })
}

/// An item's own name: the title, name or item it gives, or its text in lists of names
/// (a session's modules, font files, dates); shortened.
fn item_name(item: &Node, list: &str) -> Option<String> {
    let named_by_text = matches!(list, "modules" | "fonts" | "dates");
    ["title", "name", "item", "baby", "stroke", "id"]
        .iter()
        .find_map(|key| item.get(key).and_then(text))
        .or_else(|| text(item).filter(|_| named_by_text))
        .map(|name| crate::suggest::shorten(name.trim(), 40))
}

/// A node's text, unless it is empty or null.
fn text(node: &Node) -> Option<&str> {
    node.as_str()
        .filter(|t| !node.is_null() && !t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::{label, segments};

    #[test]
    fn paths_split_into_keys_and_indexes() {
        assert_eq!(
            segments("strokes[2].steps[0]"),
            ["strokes", "2", "steps", "0"]
        );
        assert_eq!(segments("id"), ["id"]);
    }

    #[test]
    fn without_a_tree_items_count_from_one() {
        assert_eq!(
            label("strokes[0].repetitions", None),
            "stroke 1, repetitions"
        );
        assert_eq!(label("physical[3]", None), "physical, item 4");
        assert_eq!(label("class.dates[1]", None), "class, date 2");
    }
}
