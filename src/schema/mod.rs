//! JSON Schemas for editors: one for `course.yaml`, one for module files, generated from
//! the Rust types so they cannot drift from what `course validate` accepts.

mod snippets;

use serde_json::{json, Map, Value};

use crate::load::FileSchema;
use crate::model::ModuleKind;

/// The schema of `course.yaml`.
pub fn course() -> Value {
    FileSchema::Course.json()
}

/// The schema of a module file: `kind` picks which of the five shapes applies.
pub fn module() -> Value {
    let mut defs = Map::new();
    let mut branches = Vec::new();
    for kind in ModuleKind::ALL {
        let mut schema = FileSchema::Module(kind).json();
        let Some(object) = schema.as_object_mut() else {
            continue;
        };
        if let Some(Value::Object(inner)) = object.remove("$defs") {
            defs.extend(inner);
        }
        object.remove("$schema");
        let name = kind.name();
        defs.insert(name.to_owned(), schema);
        branches.push(json!({
            "if": { "properties": { "kind": { "const": name } }, "required": ["kind"] },
            "then": { "$ref": format!("#/$defs/{name}") },
        }));
    }
    // Each kind with what it is for, so an editor can say so next to the choice.
    let kinds: Vec<Value> = ModuleKind::ALL
        .iter()
        .map(|k| json!({ "const": k.name(), "description": k.purpose() }))
        .collect();
    let snippets: Vec<Value> = ModuleKind::ALL.into_iter().map(snippets::snippet).collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Course module",
        "description": "One module of an infant massage course: set `kind` first, then the fields of that kind.",
        "type": "object",
        "required": ["kind", "id", "title"],
        "properties": { "kind": { "description": "What kind of module this is.", "oneOf": kinds } },
        "allOf": branches,
        "defaultSnippets": snippets,
        "$defs": defs,
    })
}

/// Both schemas, as `course schema` prints them.
pub fn both() -> Value {
    json!({ "course.yaml": course(), "module": module() })
}
