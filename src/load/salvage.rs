//! What a file with mistakes still says. The parts the schema check objects to are cut
//! out (a misspelt key is read as the key it was meant to be), so that the checks across
//! files (ids, references, class dates, safety) still run on the rest in the same
//! `course validate`, instead of only after the shape mistakes are fixed.

use std::collections::HashSet;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::schema_check::{self, FileSchema};
use super::yaml::{Node, Value};
use crate::diagnostic::{Code, Field, Segment};

/// The parts of a file that are right, as the tree they make.
#[derive(Debug, Clone)]
pub struct Salvaged {
    /// The tree without the parts cut out; read into the typed value.
    pub tree: Node,
    /// The fields cut out, as the file writes them (indexes of the whole list).
    pub cut: Vec<Field>,
    /// Required fields whose wrong or missing value is replaced by a stand-in of the
    /// right type (see [`schema_check::stand_in`]), so that their group is kept. What
    /// the checks find at these fields is about the stand-in, and is not said.
    pub filled: Vec<Field>,
}

/// How many rounds of cutting: each cut may leave a group without a field it needs,
/// which cuts the group in the next round; files are only a few levels deep.
const ROUNDS: usize = 8;

/// A file with more shape mistakes than this is not read further: its mistakes are said,
/// and the time to cut them out one by one is not spent.
const MOST_MISTAKES: usize = 100;

/// The parts of `tree` that pass the schema check, or None where nothing usable is left
/// (the file as a whole lacks a field it needs, or has too many mistakes).
pub fn salvage(which: FileSchema, tree: &Node, file: &Path, mistakes: usize) -> Option<Salvaged> {
    if mistakes > MOST_MISTAKES {
        return None;
    }
    let mut cut: Vec<Field> = Vec::new();
    let mut renames: Vec<(Field, String)> = Vec::new();
    let mut filled: Vec<(Field, Node)> = Vec::new();
    for _ in 0..ROUNDS {
        let edits = Edits {
            cut: cut.iter().collect(),
            renames: &renames,
            filled: filled.iter().map(|(f, n)| (f, n)).collect(),
        };
        let pruned = prune(tree, &edits, &mut Field::default());
        let problems = schema_check::check(which, &pruned, file);
        if problems.len() > MOST_MISTAKES {
            return None;
        }
        if problems.is_empty() {
            let filled = filled.into_iter().map(|(f, _)| f).collect();
            return Some(Salvaged {
                tree: pruned,
                cut,
                filled,
            });
        }
        for problem in &problems {
            let field = problem.field.clone().unwrap_or_default();
            let target = match problem.code {
                Code::UnknownField => {
                    // A misspelt key is read as the key it was meant to be, when the
                    // group does not have that key already.
                    let meant = schema_check::meant_key(which, &pruned, &field);
                    if let Some(meant) = meant {
                        renames.push((original(&field, &cut), meant));
                        continue;
                    }
                    field
                }
                _ => field,
            };
            // A required value is stood in for, once; a group is cut only when that
            // is not enough.
            let in_file = original(&target, &cut);
            let stand_in = schema_check::stand_in(which, &target)
                .filter(|_| !filled.iter().any(|(f, _)| *f == in_file));
            let target = match stand_in {
                Some(json) => {
                    let at = tree
                        .find(&in_file)
                        .or_else(|| tree.find(&in_file.parent()))
                        .map_or(tree.at, |n| n.at);
                    filled.push((in_file, from_json(&json, at)));
                    continue;
                }
                // The group cannot be read without it.
                None if problem.code == Code::MissingField => target.parent(),
                None if filled.iter().any(|(f, _)| *f == in_file) => target.parent(),
                None => target,
            };
            if target.is_empty() {
                return None;
            }
            let target = original(&target, &cut);
            if !cut.contains(&target) {
                cut.push(target);
            }
        }
    }
    None
}

/// The typed value of a salvaged tree, read by serde_yaml as the file itself would be.
pub fn deserialize<T: DeserializeOwned>(tree: &Node) -> Option<T> {
    let mut text = String::new();
    flow(tree, &mut text);
    serde_yaml::from_str(&text).ok()
}

/// The field `field` of the pruned tree, as the file writes it: an item's index counts
/// the items cut out before it.
pub fn original(field: &Field, cut: &[Field]) -> Field {
    let mut out = Field::default();
    for segment in field.segments() {
        match segment {
            Segment::Key(key) => out.push(key.as_str()),
            Segment::Index(i) => {
                // Each item cut out before it moves it one further; a field past the
                // end of the list stays past the end.
                let mut kept = 0;
                let mut j = 0;
                while j < i + cut.len() {
                    if !cut.contains(&out.join(j)) {
                        if kept == *i {
                            break;
                        }
                        kept += 1;
                    }
                    j += 1;
                }
                out.push(j);
            }
        }
    }
    out
}

/// What is done to a file's tree to keep what is right in it.
struct Edits<'a> {
    cut: HashSet<&'a Field>,
    renames: &'a [(Field, String)],
    filled: std::collections::HashMap<&'a Field, &'a Node>,
}

/// A stand-in value as a node at `at`.
fn from_json(json: &serde_json::Value, at: crate::diagnostic::Location) -> Node {
    let value = match json {
        serde_json::Value::String(text) => Value::Scalar {
            text: text.clone(),
            plain: false,
        },
        other => Value::Scalar {
            text: other.to_string(),
            plain: true,
        },
    };
    Node { value, at }
}

/// `tree` with the `edits` made, walked at `at`.
fn prune(node: &Node, edits: &Edits, at: &mut Field) -> Node {
    if let Some(stand_in) = edits.filled.get(at) {
        return (*stand_in).clone();
    }
    let (cut, renames) = (&edits.cut, edits.renames);
    let value = match &node.value {
        Value::Scalar { .. } => node.value.clone(),
        Value::Seq(items) => {
            let mut kept = Vec::new();
            for (i, item) in items.iter().enumerate() {
                at.push(i);
                if !cut.contains(at) {
                    kept.push(prune(item, edits, at));
                }
                at.pop();
            }
            Value::Seq(kept)
        }
        Value::Map(entries) => {
            let mut kept = Vec::new();
            let present: HashSet<&str> = entries.iter().filter_map(|(k, _)| k.as_str()).collect();
            for (k, v) in entries {
                let name = k.as_str().unwrap_or_default();
                at.push(name);
                if !cut.contains(at) {
                    let renamed = renames
                        .iter()
                        .find(|(f, to)| f == at && !present.contains(to.as_str()));
                    let key = match renamed {
                        Some((_, to)) => Node {
                            value: Value::Scalar {
                                text: to.clone(),
                                plain: true,
                            },
                            at: k.at,
                        },
                        None => k.clone(),
                    };
                    kept.push((key, prune(v, edits, at)));
                }
                at.pop();
            }
            // Required fields that are missing, stood in for.
            for (&field, &stand_in) in &edits.filled {
                let Some(Segment::Key(key)) = field.last() else {
                    continue;
                };
                if field.parent() == *at && !kept.iter().any(|(k, _)| k.as_str() == Some(key)) {
                    let name = Node {
                        value: Value::Scalar {
                            text: key.clone(),
                            plain: true,
                        },
                        at: stand_in.at,
                    };
                    kept.push((name, stand_in.clone()));
                }
            }
            Value::Map(kept)
        }
    };
    Node { value, at: node.at }
}

/// `node` as YAML in flow style: text quoted (JSON strings are YAML double-quoted
/// scalars), and plain numbers, yes/no values and nulls as written, so serde_yaml reads
/// every value as it reads the file.
fn flow(node: &Node, out: &mut String) {
    let quoted = |text: &str| serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into());
    match &node.value {
        Value::Scalar { text, plain: true } if !node.to_json().is_string() => out.push_str(text),
        Value::Scalar { text, .. } => out.push_str(&quoted(text)),
        Value::Seq(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                flow(item, out);
            }
            out.push(']');
        }
        Value::Map(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&quoted(k.as_str().unwrap_or_default()));
                out.push_str(": ");
                flow(v, out);
            }
            out.push('}');
        }
    }
}

/// The `id`s written in the parts of `tree` that were cut out (a stroke that did not
/// load is still a stroke: a reference to it is not a second mistake).
pub fn ids_cut(tree: &Node, cut: &[Field]) -> Vec<String> {
    let mut ids = Vec::new();
    for field in cut {
        let holder = match field.last() {
            Some(Segment::Key(key)) if key == "id" => tree.find(&field.parent()),
            _ => tree.find(field),
        };
        if let Some(node) = holder {
            ids_in(node, &mut ids);
        }
    }
    ids
}

/// Every `id` text in `node`.
pub fn ids_in(node: &Node, ids: &mut Vec<String>) {
    match &node.value {
        Value::Scalar { .. } => {}
        Value::Seq(items) => items.iter().for_each(|i| ids_in(i, ids)),
        Value::Map(entries) => {
            for (k, v) in entries {
                match (k.as_str(), v.as_str()) {
                    (Some("id"), Some(id)) => ids.push(id.to_owned()),
                    _ => ids_in(v, ids),
                }
            }
        }
    }
}
