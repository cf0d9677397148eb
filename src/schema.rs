//! JSON Schemas for editors: one for `course.yaml`, one for module files, generated from
//! the Rust types so they cannot drift from what `course validate` accepts.

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
        let name = object
            .get("title")
            .and_then(Value::as_str)
            .unwrap_or(kind.name())
            .to_owned();
        defs.insert(name.clone(), schema);
        branches.push(json!({
            "if": { "properties": { "kind": { "const": kind.name() } }, "required": ["kind"] },
            "then": { "$ref": format!("#/$defs/{name}") },
        }));
    }
    let kinds: Vec<&str> = ModuleKind::ALL.iter().map(|k| k.name()).collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Course module",
        "description": "One module of an infant massage course: set `kind` first, then the fields of that kind.",
        "type": "object",
        "required": ["kind", "id", "title"],
        "properties": { "kind": { "description": "What kind of module this is.", "enum": kinds } },
        "allOf": branches,
        "$defs": defs,
    })
}

/// Both schemas, as `course schema` prints them.
pub fn both() -> Value {
    json!({ "course.yaml": course(), "module": module() })
}
