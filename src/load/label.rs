//! Fields as a person reads them: `strokes[0].repetitions` becomes "stroke 1 (Indian
//! milking), repetitions". Items count from 1 and are named by their title or name when
//! they have one, so the instructor finds them without counting.

use super::yaml::Node;
use crate::diagnostic::{Field, Segment};

/// The readable form of `field` in the file whose tree is `tree` (items are unnamed
/// without it).
pub fn label(field: &Field, tree: Option<&Node>) -> String {
    let mut parts: Vec<String> = Vec::new();
    // The node reached so far, followed down with the field.
    let mut node = tree;
    for segment in field.segments() {
        node = node.and_then(|n| n.child(segment));
        let index = match segment {
            Segment::Key(key) => {
                parts.push(key.clone());
                continue;
            }
            Segment::Index(index) => *index,
        };
        // An index names an item of the list before it: "strokes", 0 → "stroke 1".
        let list = parts.pop().unwrap_or_default();
        let noun = item_noun(&list);
        let name = node.and_then(|item| item_name(item, &list));
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

/// What one item of a list is called, for lists whose name is a plain plural.
pub fn item_noun(list: &str) -> Option<&'static str> {
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
    use super::label;
    use crate::field;
    use crate::load::{yaml, Source};

    #[test]
    fn without_a_tree_items_count_from_one() {
        assert_eq!(
            label(&field!["strokes", 0, "repetitions"], None),
            "stroke 1, repetitions"
        );
        assert_eq!(label(&field!["physical", 3], None), "physical, item 4");
        assert_eq!(label(&field!["class", "dates", 1], None), "class, date 2");
        assert_eq!(label(&field![2], None), "item 3");
    }

    #[test]
    fn a_nested_item_is_named_by_its_title_at_every_level() {
        let source = Source {
            name: "modules/m.yaml".into(),
            text: "kind: strokes\nstrokes:\n  - id: a\n    title: Water wheel\n  - id: b\n    title: I love you\n    steps:\n      - Trace an I\n      - Trace an L\n".into(),
        };
        let tree = yaml::parse(&source).unwrap();
        assert_eq!(
            label(&field!["strokes", 1, "steps", 1], Some(&tree)),
            "stroke 2 (I love you), step 2"
        );
        assert_eq!(
            label(&field!["strokes", 1, "repetitions"], Some(&tree)),
            "stroke 2 (I love you), repetitions"
        );
        // A wrong path is still said, unnamed where the tree has nothing.
        assert_eq!(
            label(&field!["strokes", 5, "steps", 0], Some(&tree)),
            "stroke 6, step 1"
        );
    }
}
