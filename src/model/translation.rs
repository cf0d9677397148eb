//! What a translation holds: the texts of a source file, each a *unit* found by the same
//! ids as in the source. A translation file mirrors its source file's groups, except that
//! a list of strokes (or toddler adaptations) is keyed by each one's id (or stroke), so
//! reordering or inserting strokes in the source moves no translation; every other list
//! (steps, cautions, materials, sessions) is keyed by position, as those items have no id.
//!
//! Each unit is written as
//!
//! ```yaml
//! text: Streichen Sie vom Knie zum Knöchel.   # the translation
//! source: Stroke from knee to ankle.          # the source text it was made from
//! hash: 1a2b3c4d                              # a short hash of `source`
//! ```
//!
//! `source` and `hash` are written by `course translations update`, never by the
//! translator; `checked: true` is the translator's mark that the text matches a newer
//! source, which `update` turns into a new `source` and `hash`.

use serde_json::Value;

use super::{CourseFile, Module};
use crate::diagnostic::{Field, Segment};

/// The fields of one unit in a translation file.
pub const UNIT_FIELDS: [&str; 4] = ["text", "source", "hash", "checked"];

/// Keys whose values (a text, or a list of texts) are translated, in a module file.
const MODULE_TEXTS: &[&str] = &[
    "title",
    "intro",
    "image_alt",
    "physical",
    "emotional",
    "evidence",
    "note",
    "steps",
    "benefits",
    "safety",
    "surface",
    "notes",
    "item",
    "name",
    "patch_test",
    "best_time",
    "avoid_when",
    "permission",
    "engagement",
    "disengagement",
    "contraindications",
    "direction",
    "cautions",
    "tips",
    "how",
    "rhyme",
];

/// Keys whose values are translated, in `course.yaml`: what parents read. The
/// instructor's name, the dates and the class list are the same in every language.
const COURSE_TEXTS: &[&str] = &["title", "credential", "intro", "next", "place"];

/// Groups of `course.yaml` that hold texts to translate.
const COURSE_GROUPS: &[&str] = &["instructor", "sessions", "class"];

/// Lists whose items a translation keys by one of their fields rather than by position.
const KEYED_LISTS: &[(&str, &str)] = &[("strokes", "id"), ("adaptations", "stroke")];

/// One text of a source file to translate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Where it is in the source file: `strokes[2].steps[0]`.
    pub at: Field,
    /// Where it is in a translation file: `strokes.water-wheel.steps[0]`.
    pub key: Field,
    /// The source text.
    pub text: String,
}

/// The texts of a module, in the order of its file.
pub fn module_units(module: &Module) -> Vec<Unit> {
    let value = serde_json::to_value(module).unwrap_or_default();
    let mut units = Vec::new();
    walk(&value, MODULE_TEXTS, None, &mut Path::default(), &mut units);
    units
}

/// The texts of `course.yaml`.
pub fn course_units(course: &CourseFile) -> Vec<Unit> {
    let value = serde_json::to_value(course).unwrap_or_default();
    let mut units = Vec::new();
    walk(
        &value,
        COURSE_TEXTS,
        Some(COURSE_GROUPS),
        &mut Path::default(),
        &mut units,
    );
    units
}

/// The same field in the source file (`at`) and in a translation (`key`).
#[derive(Default)]
struct Path {
    at: Field,
    key: Field,
}

impl Path {
    fn push(&mut self, at: impl Into<Segment>, key: impl Into<Segment>) {
        self.at.push(at);
        self.key.push(key);
    }

    fn pop(&mut self) {
        self.at.pop();
        self.key.pop();
    }
}

fn walk(
    value: &Value,
    texts: &[&str],
    groups: Option<&[&str]>,
    path: &mut Path,
    units: &mut Vec<Unit>,
) {
    let Value::Object(fields) = value else {
        return;
    };
    for (name, value) in fields {
        let name = name.as_str();
        path.push(name, name);
        if texts.contains(&name) {
            match value {
                Value::String(text) => units.push(unit(path, text)),
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if let Value::String(text) = item {
                            path.push(i, i);
                            units.push(unit(path, text));
                            path.pop();
                        }
                    }
                }
                _ => {}
            }
        } else if groups.is_none_or(|g| path.at.segments().len() > 1 || g.contains(&name)) {
            match value {
                Value::Object(_) => walk(value, texts, groups, path, units),
                Value::Array(items) => {
                    let key_field = KEYED_LISTS
                        .iter()
                        .find(|(list, _)| *list == name)
                        .map(|(_, key)| *key);
                    for (i, item) in items.iter().enumerate() {
                        let key = match key_field.and_then(|k| item.get(k)?.as_str()) {
                            Some(id) => Segment::Key(id.to_owned()),
                            None => Segment::Index(i),
                        };
                        path.push(i, key);
                        walk(item, texts, groups, path, units);
                        path.pop();
                    }
                }
                _ => {}
            }
        }
        path.pop();
    }
}

fn unit(path: &Path, text: &str) -> Unit {
    Unit {
        at: path.at.clone(),
        key: path.key.clone(),
        text: text.to_owned(),
    }
}

/// Whether `key` is a list keyed by a field of its items (`strokes` by `id`), and by
/// which: what a translation names its items by.
pub fn keyed_by(list: &str) -> Option<&'static str> {
    KEYED_LISTS
        .iter()
        .find(|(l, _)| *l == list)
        .map(|(_, key)| *key)
}

/// The short hash a translation records of the source text it was made from: enough to
/// tell that the source changed, short enough to read past.
pub fn short_hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex()[..8].to_owned()
}

/// `value` (a module or course file as JSON) with the text at each `at` replaced.
pub fn with_texts(mut value: Value, texts: &[(&Field, &str)]) -> Value {
    for (at, text) in texts {
        if let Some(slot) = at
            .segments()
            .iter()
            .try_fold(&mut value, |v, segment| match segment {
                Segment::Key(k) => v.get_mut(k.as_str()),
                Segment::Index(i) => v.get_mut(*i),
            })
        {
            *slot = Value::String((*text).to_owned());
        }
    }
    value
}

/// The module with its texts at `texts` replaced.
pub fn translate_module(module: &Module, texts: &[(&Field, &str)]) -> Module {
    use super::ModuleKind as K;
    let value = with_texts(serde_json::to_value(module).unwrap_or_default(), texts);
    // Only texts changed, so the value reads back as the kind it was.
    let back = match module.kind() {
        K::Benefits => serde_json::from_value(value).map(Module::Benefits),
        K::KangarooCare => serde_json::from_value(value).map(Module::KangarooCare),
        K::Setup => serde_json::from_value(value).map(Module::Setup),
        K::Strokes => serde_json::from_value(value).map(Module::Strokes),
        K::ToddlerAdaptations => serde_json::from_value(value).map(Module::ToddlerAdaptations),
    };
    back.unwrap_or_else(|_| module.clone())
}

/// The course file with its texts at `texts` replaced and its language `language`.
pub fn translate_course(
    course: &CourseFile,
    texts: &[(&Field, &str)],
    language: &str,
) -> CourseFile {
    let value = with_texts(serde_json::to_value(course).unwrap_or_default(), texts);
    let mut translated: CourseFile =
        serde_json::from_value(value).unwrap_or_else(|_| course.clone());
    translated.language = language.to_owned();
    translated
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field;

    fn strokes() -> Module {
        let yaml = "kind: strokes\nid: legs\ntitle: Legs\nstrokes:\n  - id: water-wheel\n    name: Water wheel\n    body_area: tummy\n    direction: Down\n    repetitions: 6\n    steps: [One., Two.]\n    image: images/w.svg\n";
        Module::Strokes(serde_yaml::from_str(yaml).unwrap())
    }

    #[test]
    fn strokes_are_keyed_by_id_and_steps_by_position() {
        let units = module_units(&strokes());
        let keys: Vec<String> = units.iter().map(|u| u.key.to_string()).collect();
        assert_eq!(
            keys,
            [
                "title",
                "strokes.water-wheel.name",
                "strokes.water-wheel.direction",
                "strokes.water-wheel.steps[0]",
                "strokes.water-wheel.steps[1]"
            ]
        );
        assert_eq!(units[3].at, field!["strokes", 0, "steps", 0]);
        assert_eq!(units[3].text, "One.");
    }

    #[test]
    fn a_translated_module_keeps_everything_but_its_texts() {
        let module = strokes();
        let at = field!["strokes", 0, "steps", 1];
        let Module::Strokes(s) = translate_module(&module, &[(&at, "Zwei.")]) else {
            panic!()
        };
        assert_eq!(s.strokes[0].steps, ["One.", "Zwei."]);
        assert_eq!(s.strokes[0].repetitions, 6);
        assert_eq!(s.strokes[0].image.as_deref(), Some("images/w.svg"));
    }
}
