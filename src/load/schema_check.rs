//! Checks a parsed file against the JSON Schema generated from the Rust types, reporting
//! every mismatch with its line and a hint, before serde sees the file.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value as Json;

use super::yaml::{Node, Value};
use crate::diagnostic::Diagnostic;
use crate::model::{CourseFile, ModuleKind};
use crate::suggest::did_you_mean;

/// Which schema a file is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileSchema {
    Course,
    Module(ModuleKind),
}

impl FileSchema {
    /// The schema as used for checking and for editors: optional fields may be left out
    /// but not left empty.
    pub fn json(self) -> Json {
        let schema = match self {
            FileSchema::Course => schemars::schema_for!(CourseFile),
            FileSchema::Module(kind) => kind.schema(),
        };
        let mut json = schema.to_value();
        forbid_null(&mut json);
        super::schema_rules::tighten(&mut json);
        json
    }
}

struct Compiled {
    schema: Json,
    validator: jsonschema::Validator,
}

fn compiled(which: FileSchema) -> &'static Compiled {
    // Compiled on first use, one schema at a time: most runs need only some of them.
    static CACHE: [OnceLock<Compiled>; 6] = [const { OnceLock::new() }; 6];
    let slot = match which {
        FileSchema::Course => 0,
        FileSchema::Module(kind) => {
            1 + ModuleKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
        }
    };
    CACHE[slot].get_or_init(|| {
        let schema = which.json();
        // Under draft 2020-12 jsonschema compiles the meta-schema's dynamic references,
        // three quarters of a `course validate`; these schemas need nothing draft 7 lacks.
        let mut plain = schema.clone();
        if let Some(map) = plain.as_object_mut() {
            map.remove("$schema");
        }
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft7)
            .should_validate_formats(false)
            .build(&plain)
            .expect("generated schemas are valid");
        Compiled { schema, validator }
    })
}

/// schemars writes `Option<T>` as "T or null"; an empty value in a course file is a
/// mistake, so null is taken out of every alternative.
fn forbid_null(json: &mut Json) {
    match json {
        Json::Object(map) => {
            if let Some(Json::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types[0].clone();
                    map.insert("type".into(), only);
                }
            }
            if let Some(Json::Array(any)) = map.get("anyOf") {
                let rest: Vec<Json> = any
                    .iter()
                    .filter(|s| s.get("type") != Some(&Json::from("null")))
                    .cloned()
                    .collect();
                if rest.len() == 1 {
                    map.remove("anyOf");
                    if let Json::Object(inner) = &rest[0] {
                        for (k, v) in inner {
                            map.insert(k.clone(), v.clone());
                        }
                    }
                }
            }
            if map.get("default").is_some_and(Json::is_null) {
                map.remove("default");
            }
            map.values_mut().for_each(forbid_null);
        }
        Json::Array(items) => items.iter_mut().for_each(forbid_null),
        _ => {}
    }
}

/// Every schema mismatch in `tree`, as diagnostics for `file`.
pub fn check(which: FileSchema, tree: &Node, file: &std::path::Path) -> Vec<Diagnostic> {
    let compiled = compiled(which);
    let instance = tree.to_json();
    let mut out = Vec::new();
    if matches!(which, FileSchema::Module(_)) {
        plain_values_read_as_not_text(&compiled.schema, tree, &mut Vec::new(), file, &mut out);
    }
    // A value already reported as "read as a number, not text" is one mistake: the
    // schema's objections to the same value are not said again.
    let said: HashSet<String> = out.iter().filter_map(|d| d.field.clone()).collect();
    let errors: Vec<_> = compiled
        .validator
        .iter_errors(&instance)
        .filter(|e| {
            let segments: Vec<&str> = e.instance_path.as_str().split('/').skip(1).collect();
            !said.contains(&field_path(&segments))
        })
        .collect();
    // A misspelt key shows up twice: as unknown, and as the missing key it was meant to
    // be. Only the first is worth saying; its hint names the second.
    let meant: HashSet<(String, String)> = errors
        .iter()
        .filter_map(|e| match &e.kind {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let segments: Vec<String> = e
                    .instance_path
                    .as_str()
                    .split('/')
                    .skip(1)
                    .map(str::to_owned)
                    .collect();
                let allowed = allowed_keys(&compiled.schema, &segments);
                Some(
                    unexpected
                        .iter()
                        .filter_map(|k| did_you_mean(k, allowed.iter().map(String::as_str)))
                        .map(|m| (e.instance_path.as_str().to_owned(), m.to_owned()))
                        .collect::<Vec<_>>(),
                )
            }
            _ => None,
        })
        .flatten()
        .collect();
    for error in errors {
        let segments: Vec<String> = error
            .instance_path
            .as_str()
            .split('/')
            .skip(1)
            .map(|s| s.replace("~1", "/").replace("~0", "~"))
            .collect();
        let node = tree
            .find(segments.iter().map(String::as_str))
            .unwrap_or(tree);
        let field = field_path(&segments);
        let name = match segments.last() {
            None => "this file".to_owned(),
            Some(s) if s.parse::<usize>().is_ok() => "this list item".to_owned(),
            Some(s) => format!("`{s}`"),
        };
        let diagnostic = match &error.kind {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let allowed = allowed_keys(&compiled.schema, &segments);
                // Found once for all the unknown keys of the mapping, which may be many.
                let mut key_at: HashMap<&str, crate::diagnostic::Location> = HashMap::new();
                if let Value::Map(entries) = &node.value {
                    for (k, _) in entries {
                        if let Some(name) = k.as_str() {
                            key_at.entry(name).or_insert(k.at);
                        }
                    }
                }
                for key in unexpected {
                    let at = key_at.get(key.as_str()).copied().unwrap_or(node.at);
                    let hint =
                        crate::suggest::hint_for(key, allowed.iter().map(String::as_str), || {
                            format!("the fields allowed here are: {}", allowed.join(", "))
                        });
                    out.push(
                        Diagnostic::error(file, format!("unknown field `{key}`"))
                            .code(crate::diagnostic::Code::UnknownField)
                            .at(Some(at))
                            .field(join_field(&field, key))
                            .hint(hint),
                    );
                }
                continue;
            }
            ValidationErrorKind::Required { property } => {
                let key = property.as_str().unwrap_or_default();
                if meant.contains(&(error.instance_path.as_str().to_owned(), key.to_owned())) {
                    continue;
                }
                Diagnostic::error(file, format!("`{key}` is missing"))
                    .code(crate::diagnostic::Code::MissingField)
                    .at(Some(first_key_location(node)))
                    .field(join_field(&field, key))
                    .hint(format!(
                        "add a line `{key}: ...` here{}",
                        describe_expected(&compiled.schema, &segments, key)
                    ))
            }
            ValidationErrorKind::Type { kind } => {
                let expected = expected_types(kind);
                let plain_scalar = matches!(node.value, Value::Scalar { plain: true, .. });
                if expected.contains(&"string") && plain_scalar && !node.is_null() {
                    // serde_yaml reads a plain `2024` or `true` as text where text is wanted.
                    continue;
                }
                if node.is_null() {
                    // An empty value has no text to point at: point at its key.
                    let parent = tree.find(
                        segments[..segments.len().saturating_sub(1)]
                            .iter()
                            .map(String::as_str),
                    );
                    let at = match (parent, segments.last()) {
                        (Some(parent), Some(key)) => parent.key_location(key),
                        _ => node.at,
                    };
                    Diagnostic::error(file, format!("{name} is empty")).code(crate::diagnostic::Code::EmptyValue)
                        .at(Some(at))
                        .field(field)
                        .hint("write a value after the colon, or delete the line if the field is optional")
                } else {
                    let wanted = expected
                        .iter()
                        .map(|t| describe_type(t))
                        .collect::<Vec<_>>()
                        .join(" or ");
                    if expected == ["string"] && is_text_with_colon(node) {
                        out.push(
                            Diagnostic::error(file, format!("{name} should be text, but the `: ` in it makes YAML read it as a field")).code(crate::diagnostic::Code::TextWithColon)
                                .at(Some(node.at))
                                .field(field)
                                .hint("put the whole text in double quotes: \"...\""),
                        );
                        continue;
                    }
                    wrong_type(file, &name, node, field, &wanted, type_hint(expected[0]))
                }
            }
            ValidationErrorKind::Enum { options } => {
                let options: Vec<String> = options
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Json::as_str)
                    .map(str::to_owned)
                    .collect();
                not_a_choice(file, &name, node, field, &options)
            }
            ValidationErrorKind::OneOfNotValid { .. } | ValidationErrorKind::AnyOf { .. }
                if !choices(&compiled.schema, &segments).is_empty() =>
            {
                let options = choices(&compiled.schema, &segments);
                not_a_choice(file, &name, node, field, &options)
            }
            ValidationErrorKind::OneOfNotValid { .. } | ValidationErrorKind::AnyOf { .. } => {
                // Alternatives of shape, such as `fonts`: one folder, or a list of them.
                let wanted = alternatives(&compiled.schema, &segments);
                let hint = field_hint(&compiled.schema, &segments);
                wrong_type(file, &name, node, field, &wanted, &hint)
            }
            ValidationErrorKind::Minimum { limit }
            | ValidationErrorKind::ExclusiveMinimum { limit } => Diagnostic::error(
                file,
                format!("{name} is too small: it must be at least {limit}"),
            )
            .code(crate::diagnostic::Code::TooSmall)
            .at(Some(node.at))
            .field(field)
            .hint(range_hint(&compiled.schema, &segments, true)),
            ValidationErrorKind::Maximum { limit }
            | ValidationErrorKind::ExclusiveMaximum { limit } => Diagnostic::error(
                file,
                format!("{name} is too large: it must be at most {limit}"),
            )
            .code(crate::diagnostic::Code::TooLarge)
            .at(Some(node.at))
            .field(field)
            .hint(range_hint(&compiled.schema, &segments, false)),
            ValidationErrorKind::Pattern { pattern } if pattern == crate::model::ID_PATTERN => {
                let value = node.as_str().unwrap_or_default();
                Diagnostic::error(
                    file,
                    format!("`{value}` cannot be an id{}", odd_character(value)),
                )
                .code(crate::diagnostic::Code::BadId)
                .at(Some(node.at))
                .field(field)
                .hint(
                    "write ids with small letters a-z, digits and dashes, such as `tummy-strokes`",
                )
            }
            ValidationErrorKind::Pattern { .. } => Diagnostic::error(file, "this text is empty")
                .code(crate::diagnostic::Code::EmptyText)
                .at(Some(node.at))
                .field(field)
                .hint("write the text between the quotes, or delete the line"),
            ValidationErrorKind::MaxLength { limit } => {
                let chars = node.as_str().unwrap_or_default().chars().count();
                Diagnostic::error(
                    file,
                    format!("this text is {chars} characters long; the limit is {limit}"),
                )
                .code(crate::diagnostic::Code::TextTooLong)
                .at(Some(node.at))
                .field(field)
                .hint("shorten it, or split it into several items")
            }
            ValidationErrorKind::MinItems { .. } => Diagnostic::error(
                file,
                format!("{name} is an empty list, but it needs at least one item"),
            )
            .code(crate::diagnostic::Code::EmptyList)
            .at(Some(node.at))
            .field(field)
            .hint("add at least one item, each on its own line starting with `- `"),
            _ => Diagnostic::error(file, format!("{name} is not valid here"))
                .hint(field_hint(&compiled.schema, &segments))
                .code(crate::diagnostic::Code::NotValid)
                .at(Some(node.at))
                .field(field),
        };
        out.push(diagnostic);
    }
    out
}

/// Module files are read through a flattened header, where serde keeps a plain `2024`,
/// `0x10`, `1e3`, `.nan` or `true` as the number or boolean YAML reads, and a text field
/// then refuses it. Each such value is named here, with its field, before serde sees it.
fn plain_values_read_as_not_text(
    schema: &Json,
    node: &Node,
    path: &mut Vec<String>,
    file: &std::path::Path,
    out: &mut Vec<Diagnostic>,
) {
    match &node.value {
        Value::Scalar { text, plain: true } => {
            let Some(what) = non_text(text) else { return };
            let wants_text = schema_at(schema, path)
                .and_then(|s| s.get("type"))
                .is_some_and(|t| t == "string");
            if !wants_text {
                return;
            }
            let name = match path.last() {
                Some(last) if last.parse::<usize>().is_err() => format!("`{last}`"),
                _ => "this list item".to_owned(),
            };
            out.push(
                Diagnostic::error(
                    file,
                    format!("{name} must be text, but YAML reads `{text}` as {what}"),
                )
                .code(crate::diagnostic::Code::NotText)
                .at(Some(node.at))
                .field(field_path(path))
                .hint(format!("put it in quotes: \"{text}\"")),
            );
        }
        Value::Scalar { .. } => {}
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(i.to_string());
                plain_values_read_as_not_text(schema, item, path, file, out);
                path.pop();
            }
        }
        Value::Map(entries) => {
            for (k, v) in entries {
                path.push(k.as_str().unwrap_or_default().to_owned());
                plain_values_read_as_not_text(schema, v, path, file, out);
                path.pop();
            }
        }
    }
}

/// What YAML 1.2 (core schema) reads a plain value as, when that is not text. Empty
/// values are reported elsewhere.
fn non_text(text: &str) -> Option<&'static str> {
    if matches!(text, "true" | "True" | "TRUE" | "false" | "False" | "FALSE") {
        return Some("a yes-or-no value");
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    let is_int = digits(unsigned, 10)
        || text.strip_prefix("0x").is_some_and(|h| digits(h, 16))
        || text.strip_prefix("0o").is_some_and(|o| digits(o, 8));
    let special = matches!(
        unsigned,
        ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN"
    );
    let is_float = {
        let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
            Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
            None => (unsigned, None),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let mantissa_ok = (digits(whole, 10) && (fraction.is_empty() || digits(fraction, 10)))
            || (whole.is_empty() && digits(fraction, 10));
        let exponent_ok =
            exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e), 10));
        mantissa_ok && exponent_ok
    };
    (is_int || special || is_float).then_some("a number")
}

/// "`repetitions` should be a whole number, but it is `three`".
fn wrong_type(
    file: &std::path::Path,
    name: &str,
    node: &Node,
    field: String,
    wanted: &str,
    hint: &str,
) -> Diagnostic {
    Diagnostic::error(
        file,
        format!(
            "{name} should be {wanted}, but it is {}",
            describe_value(node)
        ),
    )
    .code(crate::diagnostic::Code::WrongType)
    .at(Some(node.at))
    .field(field)
    .hint(hint)
}

/// "`body_area` cannot be `tumy`", with a did-you-mean among `options`.
fn not_a_choice(
    file: &std::path::Path,
    name: &str,
    node: &Node,
    field: String,
    options: &[String],
) -> Diagnostic {
    let choose = || format!("choose one of: {}", options.join(", "));
    let (message, hint) = match node.as_str() {
        Some(value) => (
            format!("{name} cannot be `{value}`"),
            crate::suggest::hint_for(value, options.iter().map(String::as_str), choose),
        ),
        None => (
            format!(
                "{name} should be one word, but it is {}",
                describe_value(node)
            ),
            choose(),
        ),
    };
    Diagnostic::error(file, message)
        .code(crate::diagnostic::Code::NotAChoice)
        .at(Some(node.at))
        .field(field)
        .hint(hint)
}

/// "text or a list with at least one item": the shapes a value may take at `segments`.
fn alternatives(root: &Json, segments: &[String]) -> String {
    let schema = schema_at(root, segments);
    let options = schema
        .and_then(|s| s.get("anyOf").or_else(|| s.get("oneOf")))
        .and_then(Json::as_array);
    let words: Vec<String> = options
        .into_iter()
        .flatten()
        .map(|alt| resolve(root, alt))
        .filter_map(|alt| {
            let kind = describe_type(alt.get("type")?.as_str()?);
            Some(match alt.get("minItems").and_then(Json::as_u64) {
                Some(n) if n > 0 => format!("{kind} with at least one item"),
                _ => kind.to_owned(),
            })
        })
        .collect();
    if words.is_empty() {
        "something else".to_owned()
    } else {
        words.join(" or ")
    }
}

/// What the field at `segments` is for, from its description, as a hint.
fn field_hint(root: &Json, segments: &[String]) -> String {
    schema_at(root, segments)
        .and_then(|s| s.get("description"))
        .and_then(Json::as_str)
        .map(|d| format!("this field is for: {}", d.replace('\n', " ")))
        .unwrap_or_else(|| "compare it with the same field in the sample course".to_owned())
}

/// "write a whole number from 1 to 50", with the bounds the schema gives at `segments`.
fn range_hint(root: &Json, segments: &[String], too_small: bool) -> String {
    let bound = |key: &str| {
        schema_at(root, segments)
            .and_then(|s| s.get(key))
            .and_then(Json::as_u64)
    };
    match (bound("minimum"), bound("maximum")) {
        (Some(min), Some(max)) if max < u64::from(u32::MAX) => {
            format!("write a whole number from {min} to {max}")
        }
        (Some(min), _) if too_small => format!("write a whole number of at least {min}"),
        _ => "write a smaller whole number".to_owned(),
    }
}

/// ": it has `X` (U+2000B)" for the first character an id cannot have, so an invisible
/// or look-alike character is named.
fn odd_character(value: &str) -> String {
    if value.is_empty() {
        return ": it is empty".to_owned();
    }
    value
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        .map(|c| {
            let what = match crate::model::invisible(c) {
                Some((name, _)) => format!("an invisible character, {name}"),
                None if c.is_whitespace() || c.is_control() => {
                    "a space or control character".to_owned()
                }
                None => format!("`{c}`"),
            };
            format!(
                ": it has {what} (U+{:04X}), and ids are small letters, digits and dashes",
                c as u32
            )
        })
        .unwrap_or_else(|| ": a dash cannot start or end it, or come twice in a row".to_owned())
}

fn first_key_location(node: &Node) -> crate::diagnostic::Location {
    match &node.value {
        Value::Map(entries) if !entries.is_empty() => entries[0].0.at,
        _ => node.at,
    }
}

/// `["strokes", "2", "steps", "0"]` as `strokes[2].steps[0]`.
pub fn field_path(segments: &[impl AsRef<str>]) -> String {
    let mut out = String::new();
    for s in segments {
        let s = s.as_ref();
        if s.parse::<usize>().is_ok() {
            out.push_str(&format!("[{s}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(s);
        }
    }
    out
}

fn join_field(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// The sub-schema that describes the value at `segments`, following `$ref`s.
fn schema_at<'a>(root: &'a Json, segments: &[String]) -> Option<&'a Json> {
    let mut schema = resolve(root, root);
    for s in segments {
        schema = if s.parse::<usize>().is_ok() && schema.get("items").is_some() {
            resolve(root, schema.get("items")?)
        } else {
            resolve(root, schema.get("properties")?.get(s)?)
        };
    }
    Some(schema)
}

fn resolve<'a>(root: &'a Json, schema: &'a Json) -> &'a Json {
    match schema
        .get("$ref")
        .and_then(Json::as_str)
        .and_then(|r| r.strip_prefix('#'))
    {
        Some(pointer) => root.pointer(pointer).map_or(schema, |s| resolve(root, s)),
        None => schema,
    }
}

/// The allowed values of an enum whose variants schemars wrote as `oneOf` constants (it
/// does so when the variants have doc comments).
fn choices(root: &Json, segments: &[String]) -> Vec<String> {
    let Some(schema) = schema_at(root, segments) else {
        return Vec::new();
    };
    let alternatives = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Json::as_array);
    alternatives
        .into_iter()
        .flatten()
        .filter_map(|alt| {
            alt.get("const")
                .or_else(|| alt.get("enum").and_then(|e| e.get(0)))
                .and_then(Json::as_str)
                .map(str::to_owned)
        })
        .collect()
}

fn allowed_keys(root: &Json, segments: &[String]) -> Vec<String> {
    schema_at(root, segments)
        .and_then(|s| s.get("properties"))
        .and_then(Json::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

fn describe_expected(root: &Json, segments: &[String], key: &str) -> String {
    let mut path = segments.to_vec();
    path.push(key.to_owned());
    schema_at(root, &path)
        .and_then(|s| s.get("description"))
        .and_then(Json::as_str)
        .map(|d| format!(" ({})", d.trim_end_matches('.').to_lowercase()))
        .unwrap_or_default()
}

fn expected_types(kind: &TypeKind) -> Vec<&'static str> {
    let name = |t: jsonschema::JsonType| match t {
        jsonschema::JsonType::Array => "array",
        jsonschema::JsonType::Boolean => "boolean",
        jsonschema::JsonType::Integer => "integer",
        jsonschema::JsonType::Null => "null",
        jsonschema::JsonType::Number => "number",
        jsonschema::JsonType::Object => "object",
        jsonschema::JsonType::String => "string",
    };
    match kind {
        TypeKind::Single(t) => vec![name(*t)],
        TypeKind::Multiple(set) => set.iter().map(name).collect(),
    }
}

fn describe_type(t: &str) -> &'static str {
    match t {
        "array" => "a list",
        "boolean" => "true or false",
        "integer" => "a whole number",
        "number" => "a number",
        "object" => "a group of fields",
        "string" => "text",
        _ => "empty",
    }
}

fn type_hint(t: &str) -> &'static str {
    match t {
        "array" => "write each item on its own line starting with `- `",
        "boolean" => "write `true` or `false`",
        "integer" => "write a whole number without quotes or units, such as `6`",
        "number" => "write a number without quotes or units, such as `24`",
        "object" => "put the fields on the following lines, indented by two spaces",
        _ => "put the text in quotes",
    }
}

fn describe_value(node: &Node) -> String {
    match &node.value {
        Value::Seq(items) if items.is_empty() => "an empty list".to_owned(),
        Value::Seq(_) => "a list".to_owned(),
        Value::Map(_) => "a group of fields".to_owned(),
        Value::Scalar { text, .. } => format!("`{}`", crate::suggest::shorten(text, 40)),
    }
}

/// A plain line such as `- Draw a circle: the sun` that YAML reads as a one-field mapping.
fn is_text_with_colon(node: &Node) -> bool {
    match &node.value {
        Value::Map(entries) => {
            entries.len() == 1
                && matches!(entries[0].1.value, Value::Scalar { plain: true, .. })
                && entries[0].0.at.line == entries[0].1.at.line
        }
        _ => false,
    }
}
