//! Checks a parsed file against the JSON Schema generated from the Rust types, reporting
//! every mismatch with its line and a hint, before serde sees the file.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value as Json;

use super::yaml::{Node, Value};
use crate::diagnostic::{Code, Diagnostic, Field, Place, Segment};
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

/// Compiles every schema ahead, for a run that will check a whole course: the course's
/// first, then each kind of module, in the order a course folder is read.
pub fn compile_all() {
    compiled(FileSchema::Course);
    for kind in ModuleKind::ALL {
        compiled(FileSchema::Module(kind));
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
        not_blank_as_keyword(&mut plain);
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft7)
            .should_validate_formats(false)
            .with_keyword(NOT_BLANK_KEYWORD, |_, _, _| Ok(Box::new(NotBlank)))
            .build(&plain)
            .expect("generated schemas are valid");
        Compiled { schema, validator }
    })
}

/// The keyword that stands for `"pattern": "\\S"` in the schema `course` checks with.
const NOT_BLANK_KEYWORD: &str = "notBlank";

/// Editors read "at least one visible character" as the pattern `\S`; checked as a
/// pattern, its Unicode class is built into a regex automaton some sixty times over,
/// a tenth of a whole build. The same rule as a keyword is one call per text.
fn not_blank_as_keyword(json: &mut Json) {
    match json {
        Json::Object(map) => {
            if map.get("pattern").and_then(Json::as_str) == Some(super::schema_rules::NOT_BLANK) {
                map.remove("pattern");
                map.insert(NOT_BLANK_KEYWORD.into(), Json::Bool(true));
            }
            map.values_mut().for_each(not_blank_as_keyword);
        }
        Json::Array(items) => items.iter_mut().for_each(not_blank_as_keyword),
        _ => {}
    }
}

/// Text with at least one character that is not white space, as `\S` matches.
struct NotBlank;

impl jsonschema::Keyword for NotBlank {
    fn validate<'i>(
        &self,
        instance: &'i Json,
        location: &jsonschema::paths::LazyLocation,
    ) -> Result<(), jsonschema::ValidationError<'i>> {
        if self.is_valid(instance) {
            return Ok(());
        }
        Err(jsonschema::ValidationError::custom(
            jsonschema::paths::Location::new(),
            location.into(),
            instance,
            NOT_BLANK_KEYWORD,
        ))
    }

    fn is_valid(&self, instance: &Json) -> bool {
        instance
            .as_str()
            .is_none_or(|text| text.chars().any(|c| !c.is_whitespace()))
    }
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
        plain_values_read_as_not_text(
            &compiled.schema,
            tree,
            &mut Field::default(),
            file,
            &mut out,
        );
    }
    // A value already reported as "read as a number, not text" is one mistake: the
    // schema's objections to the same value are not said again.
    let said: HashSet<Field> = out.iter().filter_map(|d| d.field.clone()).collect();
    let errors: Vec<_> = compiled
        .validator
        .iter_errors(&instance)
        .filter(|e| !said.contains(&field_at(tree, e.instance_path.as_str())))
        .collect();
    // A misspelt key shows up twice: as unknown, and as the missing key it was meant to
    // be. Only the first is worth saying; its hint names the second.
    let meant: HashSet<(String, String)> = errors
        .iter()
        .filter_map(|e| match &e.kind {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let field = field_at(tree, e.instance_path.as_str());
                let allowed = allowed_keys(&compiled.schema, &field);
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
        let field = field_at(tree, error.instance_path.as_str());
        let name = match field.last() {
            None => "this file".to_owned(),
            Some(Segment::Index(_)) => "this list item".to_owned(),
            Some(Segment::Key(key)) => format!("`{key}`"),
        };
        let found = tree.find(&field);
        let place = Place::new(file, found.map(|n| n.at), field.clone());
        let node = found.unwrap_or(tree);
        let diagnostic = match &error.kind {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let allowed = allowed_keys(&compiled.schema, &field);
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
                        Diagnostic::error(
                            Code::UnknownField,
                            Place::new(file, Some(at), field.join(key)),
                            format!("unknown field `{key}`"),
                        )
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
                // Said where the group it belongs in starts.
                let group = Some(first_key_location(node));
                let place = Place::new(file, group, field.join(key));
                Diagnostic::error(Code::MissingField, place, format!("`{key}` is missing")).hint(
                    format!(
                        "add a line `{key}: ...` here{}",
                        describe_expected(&compiled.schema, &field.join(key))
                    ),
                )
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
                    let key = tree.key_place(file, field);
                    Diagnostic::error(Code::EmptyValue, key, format!("{name} is empty"))
                        .hint("write a value after the colon, or delete the line if the field is optional")
                } else {
                    let wanted = expected
                        .iter()
                        .map(|t| describe_type(t))
                        .collect::<Vec<_>>()
                        .join(" or ");
                    if expected == ["string"] && is_text_with_colon(node) {
                        out.push(
                            Diagnostic::error(Code::TextWithColon, place, format!("{name} should be text, but the `: ` in it makes YAML read it as a field"))
                                .hint("put the whole text in double quotes: \"...\""),
                        );
                        continue;
                    }
                    wrong_type(place, &name, node, &wanted, type_hint(expected[0]))
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
                not_a_choice(place, &name, node, &options)
            }
            ValidationErrorKind::OneOfNotValid { .. } | ValidationErrorKind::AnyOf { .. }
                if !choices(&compiled.schema, &field).is_empty() =>
            {
                let options = choices(&compiled.schema, &field);
                not_a_choice(place, &name, node, &options)
            }
            ValidationErrorKind::OneOfNotValid { .. } | ValidationErrorKind::AnyOf { .. } => {
                // Alternatives of shape, such as `fonts`: one folder, or a list of them.
                let wanted = alternatives(&compiled.schema, &field);
                let hint = field_hint(&compiled.schema, &field);
                wrong_type(place, &name, node, &wanted, &hint)
            }
            ValidationErrorKind::Minimum { limit }
            | ValidationErrorKind::ExclusiveMinimum { limit }
            | ValidationErrorKind::Maximum { limit }
            | ValidationErrorKind::ExclusiveMaximum { limit } => {
                let too_small = matches!(
                    error.kind,
                    ValidationErrorKind::Minimum { .. }
                        | ValidationErrorKind::ExclusiveMinimum { .. }
                );
                let exclusive = matches!(error.kind, ValidationErrorKind::ExclusiveMinimum { .. });
                let (code, message) = if too_small {
                    let bound = if exclusive { "more than" } else { "at least" };
                    (
                        Code::TooSmall,
                        format!("{name} is too small: it must be {bound} {limit}"),
                    )
                } else {
                    (
                        Code::TooLarge,
                        format!("{name} is too large: it must be at most {limit}"),
                    )
                };
                Diagnostic::error(code, place, message).hint(range_hint(
                    &compiled.schema,
                    &field,
                    too_small,
                ))
            }
            ValidationErrorKind::Pattern { pattern } if pattern == crate::model::ID_PATTERN => {
                let value = node.as_str().unwrap_or_default();
                match file_name_of_id(value) {
                    Some(id) => Diagnostic::error(
                        Code::BadId,
                        place,
                        format!("`{value}` is a file name, not an id"),
                    )
                    .hint(format!(
                        "did you mean `{id}`? modules are named by their id, without `.yaml`"
                    )),
                    None => Diagnostic::error(
                        Code::BadId,
                        place,
                        format!("`{value}` cannot be an id{}", odd_character(value)),
                    )
                    .hint(
                        "write ids with small letters a-z, digits and dashes, such as `tummy-strokes`",
                    ),
                }
            }
            ValidationErrorKind::Pattern { .. } | ValidationErrorKind::Custom { .. } => {
                Diagnostic::error(Code::EmptyText, place, "this text is empty")
                    .hint("write the text between the quotes, or delete the line")
            }
            ValidationErrorKind::MaxLength { limit } => {
                let chars = node.as_str().unwrap_or_default().chars().count();
                Diagnostic::error(
                    Code::TextTooLong,
                    place,
                    format!("this text is {chars} characters long; the limit is {limit}"),
                )
                .hint("shorten it, or split it into several items")
            }
            ValidationErrorKind::MinItems { .. } => Diagnostic::error(
                Code::EmptyList,
                place,
                format!("{name} is an empty list, but it needs at least one item"),
            )
            .hint("add at least one item, each on its own line starting with `- `"),
            _ => Diagnostic::error(Code::NotValid, place, format!("{name} is not valid here"))
                .hint(field_hint(&compiled.schema, &field)),
        };
        out.push(diagnostic);
    }
    out
}

/// The key an unknown key at `field` of `tree` was likely meant to be, when its group
/// does not have that key already.
pub fn meant_key(which: FileSchema, tree: &Node, field: &Field) -> Option<String> {
    let Some(Segment::Key(key)) = field.last() else {
        return None;
    };
    let group = field.parent();
    let allowed = allowed_keys(&compiled(which).schema, &group);
    let meant = did_you_mean(key, allowed.iter().map(String::as_str))?;
    let taken = tree.find(&group).and_then(|g| g.get(meant)).is_some();
    (!taken).then(|| meant.to_owned())
}

/// A value of the right type for the required field `field`, to stand in for a wrong or
/// missing one so the rest of its group can be read: the smallest number allowed, empty
/// text, `false`. None for a field that is not required or not a single value.
pub fn stand_in(which: FileSchema, field: &Field) -> Option<Json> {
    let root = &compiled(which).schema;
    let Some(Segment::Key(key)) = field.last() else {
        return None;
    };
    let required = schema_at(root, &field.parent())
        .and_then(|s| s.get("required"))
        .and_then(Json::as_array)
        .is_some_and(|r| r.iter().any(|k| k == key.as_str()));
    if !required {
        return None;
    }
    let schema = schema_at(root, field)?;
    let minimum = schema.get("minimum").and_then(Json::as_u64).unwrap_or(0);
    match schema.get("type").and_then(Json::as_str)? {
        "string" => Some(Json::from("")),
        "integer" | "number" => Some(Json::from(minimum)),
        "boolean" => Some(Json::from(false)),
        _ => None,
    }
}

/// Module files are read through a flattened header, where serde keeps a plain `2024`,
/// `0x10`, `1e3`, `.nan` or `true` as the number or boolean YAML reads, and a text field
/// then refuses it. Each such value is named here, with its field, before serde sees it.
fn plain_values_read_as_not_text(
    schema: &Json,
    node: &Node,
    field: &mut Field,
    file: &std::path::Path,
    out: &mut Vec<Diagnostic>,
) {
    match &node.value {
        Value::Scalar { text, plain: true } => {
            let Some(what) = non_text(text) else { return };
            let wants_text = schema_at(schema, field)
                .and_then(|s| s.get("type"))
                .is_some_and(|t| t == "string");
            if !wants_text {
                return;
            }
            let name = match field.last() {
                Some(Segment::Key(key)) => format!("`{key}`"),
                _ => "this list item".to_owned(),
            };
            out.push(
                Diagnostic::error(
                    Code::NotText,
                    Place::new(file, Some(node.at), field.clone()),
                    format!("{name} must be text, but YAML reads `{text}` as {what}"),
                )
                .hint(format!("put it in quotes: \"{text}\"")),
            );
        }
        Value::Scalar { .. } => {}
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                field.push(i);
                plain_values_read_as_not_text(schema, item, field, file, out);
                field.pop();
            }
        }
        Value::Map(entries) => {
            for (k, v) in entries {
                field.push(k.as_str().unwrap_or_default());
                plain_values_read_as_not_text(schema, v, field, file, out);
                field.pop();
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
fn wrong_type(place: Place, name: &str, node: &Node, wanted: &str, hint: &str) -> Diagnostic {
    Diagnostic::error(
        Code::WrongType,
        place,
        format!(
            "{name} should be {wanted}, but it is {}",
            describe_value(node)
        ),
    )
    .hint(hint)
}

/// "`body_area` cannot be `tumy`", with a did-you-mean among `options`.
fn not_a_choice(place: Place, name: &str, node: &Node, options: &[String]) -> Diagnostic {
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
    Diagnostic::error(Code::NotAChoice, place, message).hint(hint)
}

/// "text or a list with at least one item": the shapes a value may take at `field`.
fn alternatives(root: &Json, field: &Field) -> String {
    let schema = schema_at(root, field);
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

/// What `field` is for, from its description, as a hint.
fn field_hint(root: &Json, field: &Field) -> String {
    schema_at(root, field)
        .and_then(|s| s.get("description"))
        .and_then(Json::as_str)
        .map(|d| format!("this field is for: {}", d.replace('\n', " ")))
        .unwrap_or_else(|| "compare it with the same field in the sample course".to_owned())
}

/// "write a whole number from 1 to 50", with the bounds the schema gives at `field`; for
/// a number that may have a fraction, "write a number more than 0 and at most 1, such as
/// 0.5".
fn range_hint(root: &Json, field: &Field, too_small: bool) -> String {
    let schema = schema_at(root, field);
    let bound = |key: &str| schema.and_then(|s| s.get(key)).and_then(Json::as_u64);
    let fraction = schema.and_then(|s| s.get("type")).is_some_and(|t| {
        t == "number" || t.as_array().is_some_and(|a| a.contains(&"number".into()))
    });
    if fraction {
        let number = |key: &str| schema.and_then(|s| s.get(key)).and_then(Json::as_f64);
        let lower = match (number("exclusiveMinimum"), number("minimum")) {
            (Some(min), _) => Some(format!("more than {min}")),
            (None, Some(min)) => Some(format!("at least {min}")),
            _ => None,
        };
        let upper = number("maximum").map(|max| format!("at most {max}"));
        let example = schema
            .and_then(|s| s.get("examples"))
            .and_then(|e| e.get(0))
            .map(|e| format!(", such as {e}"))
            .unwrap_or_default();
        let range: Vec<String> = lower.into_iter().chain(upper).collect();
        return format!("write a number {}{example}", range.join(" and "));
    }
    match (bound("minimum"), bound("maximum")) {
        (Some(min), Some(max)) if max < u64::from(u32::MAX) => {
            format!("write a whole number from {min} to {max}")
        }
        (Some(min), _) if too_small => format!("write a whole number of at least {min}"),
        _ => "write a smaller whole number".to_owned(),
    }
}

/// The id in a module's file name written where its id belongs: `tummy` for `tummy.yaml`.
fn file_name_of_id(value: &str) -> Option<&str> {
    let stem = value
        .strip_prefix("modules/")
        .unwrap_or(value)
        .strip_suffix(".yaml")
        .or_else(|| value.strip_suffix(".yml"))?;
    crate::model::is_id(stem).then_some(stem)
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
            // The code point only for a character one cannot see.
            let what = match crate::model::invisible(c) {
                Some((name, _)) => format!("an invisible character, {name} (U+{:04X})", c as u32),
                None if c == ' ' => "a space".to_owned(),
                None if c.is_whitespace() || c.is_control() => {
                    format!("a space or control character (U+{:04X})", c as u32)
                }
                None if c.is_ascii_uppercase() => format!("the capital letter `{c}`"),
                None => format!("`{c}`"),
            };
            format!(": it has {what}, and ids are small letters, digits and dashes")
        })
        .unwrap_or_else(|| ": a dash cannot start or end it, or come twice in a row".to_owned())
}

fn first_key_location(node: &Node) -> crate::diagnostic::Location {
    match &node.value {
        Value::Map(entries) if !entries.is_empty() => entries[0].0.at,
        _ => node.at,
    }
}

/// The field a JSON pointer into `tree` names: a step into a list is an index, any other
/// a key (a key may be all digits).
fn field_at(tree: &Node, pointer: &str) -> Field {
    let mut field = Field::default();
    let mut node = Some(tree);
    for part in pointer.split('/').skip(1) {
        let key = part.replace("~1", "/").replace("~0", "~");
        let segment = match (node.map(|n| &n.value), key.parse()) {
            (Some(Value::Seq(_)), Ok(index)) => Segment::Index(index),
            _ => Segment::Key(key),
        };
        node = node.and_then(|n| n.child(&segment));
        field.push(segment);
    }
    field
}

/// The sub-schema that describes the value at `field`, following `$ref`s.
fn schema_at<'a>(root: &'a Json, field: &Field) -> Option<&'a Json> {
    let mut schema = resolve(root, root);
    for segment in field.segments() {
        schema = match (segment, schema.get("items")) {
            (Segment::Index(_), Some(items)) => resolve(root, items),
            (Segment::Index(i), None) => {
                resolve(root, schema.get("properties")?.get(i.to_string())?)
            }
            (Segment::Key(key), _) => resolve(root, schema.get("properties")?.get(key)?),
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
fn choices(root: &Json, field: &Field) -> Vec<String> {
    let Some(schema) = schema_at(root, field) else {
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

fn allowed_keys(root: &Json, field: &Field) -> Vec<String> {
    schema_at(root, field)
        .and_then(|s| s.get("properties"))
        .and_then(Json::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// " (what the field is for)", from the description of `field`.
fn describe_expected(root: &Json, field: &Field) -> String {
    schema_at(root, field)
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
