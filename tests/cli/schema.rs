//! The published schemas, checked with a third-party validator (boon, not the
//! `jsonschema` crate `course` uses itself): it accepts every file of the sample course,
//! and rejects each wrong file that `course validate` rejects by its shape. The default
//! snippets editors offer are accepted by both, and keys come in the sample's order.

use std::path::Path;

use serde_json::Value;

use crate::support::{TestCourse, SAMPLE};

/// The two schemas as `course schema` prints them, compiled by boon with format
/// assertions on (so `format: date` is checked, as `course validate` checks dates).
struct Boon {
    schemas: boon::Schemas,
    course: boon::SchemaIndex,
    module: boon::SchemaIndex,
    module_schema: Value,
}

impl Boon {
    fn new() -> Boon {
        let run = TestCourse::empty().run(&["schema"]);
        run.status(0);
        let both: Value = serde_json::from_str(&run.stdout).unwrap();
        let mut compiler = boon::Compiler::new();
        compiler.enable_format_assertions();
        compiler
            .add_resource("urn:course", both["course.yaml"].clone())
            .unwrap();
        compiler
            .add_resource("urn:module", both["module"].clone())
            .unwrap();
        let mut schemas = boon::Schemas::new();
        let course = compiler.compile("urn:course", &mut schemas).unwrap();
        let module = compiler.compile("urn:module", &mut schemas).unwrap();
        Boon {
            schemas,
            course,
            module,
            module_schema: both["module"].clone(),
        }
    }

    /// Whether boon accepts the YAML `text` of the file `name`.
    fn accepts(&self, name: &str, text: &str) -> bool {
        let value: Value = serde_yaml::from_str(text).unwrap();
        let index = if name == "course.yaml" {
            self.course
        } else {
            self.module
        };
        self.schemas.validate(&value, index).is_ok()
    }
}

fn sample_files() -> Vec<String> {
    let mut names = vec!["course.yaml".to_owned()];
    for entry in std::fs::read_dir(Path::new(SAMPLE).join("modules")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        names.push(format!("modules/{name}"));
    }
    names.sort();
    names
}

#[test]
fn boon_accepts_the_sample_course_that_course_validate_accepts() {
    let boon = Boon::new();
    TestCourse::sample().run(&["validate"]).status(0);
    for name in sample_files() {
        let text = std::fs::read_to_string(Path::new(SAMPLE).join(&name)).unwrap();
        assert!(
            boon.accepts(&name, &text),
            "boon rejects the sample's {name}"
        );
    }
}

/// Mistakes of shape, each an edit of one sample file.
const WRONG: &[(&str, &str, &str)] = &[
    (
        "modules/tummy.yaml",
        "title: Tummy strokes",
        "titel: Tummy strokes",
    ),
    ("modules/tummy.yaml", "    direction: ", "    way: "),
    ("modules/tummy.yaml", "repetitions: 6", "repetitions: six"),
    ("modules/tummy.yaml", "repetitions: 6", "repetitions: 0"),
    ("modules/tummy.yaml", "repetitions: 6", "repetitions: 300"),
    (
        "modules/tummy.yaml",
        "repetitions: 6",
        "repetitions: 99999999999",
    ),
    ("modules/tummy.yaml", "body_area: tummy", "body_area: tumy"),
    ("modules/tummy.yaml", "name: Water wheel", "name: \"  \""),
    ("modules/tummy.yaml", "name: Water wheel", "name:"),
    ("modules/tummy.yaml", "id: tummy", "id: Tummy_Strokes"),
    ("modules/tummy.yaml", "id: water-wheel", "id: water--wheel"),
    ("modules/tummy.yaml", "kind: strokes", "kind: stroke"),
    ("modules/getting-ready.yaml", "quantity: 2", "quantity: 0"),
    (
        "modules/getting-ready.yaml",
        "temperature_c: 24",
        "temperature_c: warm",
    ),
    (
        "modules/toddlers.yaml",
        "stroke: water-wheel",
        "stroke: Water wheel",
    ),
    ("course.yaml", "modules: [tummy]", "modules: []"),
    ("course.yaml", "modules: [tummy]", "modules: [Tummy]"),
    ("course.yaml", "page_size: a4", "page_size: a3"),
    ("course.yaml", "page_size: a4", "page_size: [a4]"),
    ("course.yaml", "page_size: a4", "page_size: a4\nfonts: []"),
    ("course.yaml", "2027-03-08", "2027-02-30"),
    ("course.yaml", "2027-03-08", "2027-3-8"),
    ("course.yaml", "  name: Maren Solberg\n", ""),
];

#[test]
fn boon_rejects_each_wrong_file_that_course_validate_rejects() {
    let boon = Boon::new();
    for (file, from, to) in WRONG {
        let course = TestCourse::sample().edit(file, from, to);
        let run = course.run(&["validate", "--message-format=short"]);
        run.no_crash();
        assert_eq!(run.status, 1, "course validate accepts {file} with {to:?}");
        let text = String::from_utf8(course.read(file)).unwrap();
        assert!(
            !boon.accepts(file, &text),
            "boon accepts {file} with {to:?}, which course validate rejects:\n{}",
            run.stdout
        );
    }
}

/// `${1:text}` and `${1|a,b|}` become `text` and `a`, as an editor leaves them; the tab
/// stop numbers are returned in order.
fn fill_in(text: &str) -> (String, Vec<u32>) {
    let mut out = String::new();
    let mut stops = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let inner = &rest[start + 2..];
        let end = inner.find('}').unwrap();
        let (number, default) = inner[..end]
            .split_once([':', '|'])
            .unwrap_or((&inner[..end], ""));
        stops.push(number.parse().unwrap());
        out.push_str(default.trim_end_matches('|').split(',').next().unwrap());
        rest = &inner[end + 1..];
    }
    out.push_str(rest);
    (out, stops)
}

fn fill_in_value(value: &Value, stops: &mut Vec<u32>) -> Value {
    match value {
        Value::String(s) => {
            let (text, found) = fill_in(s);
            stops.extend(found);
            Value::String(text)
        }
        Value::Array(items) => items.iter().map(|v| fill_in_value(v, stops)).collect(),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| (k.clone(), fill_in_value(v, stops)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
        other => other.clone(),
    }
}

#[test]
fn each_kind_has_a_default_snippet_that_both_validators_accept() {
    let boon = Boon::new();
    let snippets = boon.module_schema["defaultSnippets"].as_array().unwrap();
    assert_eq!(snippets.len(), 5);
    let mut course = TestCourse::sample();
    for snippet in snippets {
        let label = snippet["label"].as_str().unwrap();
        assert!(
            !label.contains("Module") || label.ends_with("module"),
            "{label}"
        );
        let mut stops = Vec::new();
        let body = fill_in_value(&snippet["body"], &mut stops);
        let mut sorted = stops.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            sorted.len(),
            stops.len(),
            "{label} repeats a tab stop: {stops:?}"
        );
        assert_eq!(
            sorted,
            (1..=stops.len() as u32).collect::<Vec<_>>(),
            "{label}"
        );
        let yaml = serde_yaml::to_string(&body).unwrap();
        assert!(
            boon.accepts("module", &yaml),
            "boon rejects the {label} snippet"
        );
        let kind = body["kind"].as_str().unwrap();
        course = course.file(&format!("modules/snippet-{kind}.yaml"), yaml);
    }
    // Accepted, though no session teaches them yet (warnings only).
    let run = course.run(&["validate", "--message-format=short"]);
    run.status(0);
    assert!(
        run.stdout
            .lines()
            .all(|l| l.contains("is not taught in any session")),
        "{}",
        run.stdout
    );
}

/// The schema at `pointer` inside `root`, following `$ref`s.
fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => resolve(root, root.pointer(r.trim_start_matches('#')).unwrap()),
        None => schema,
    }
}

/// Checks that the keys of every mapping in `value` come in the order of the schema's
/// `properties` there.
fn keys_in_schema_order(root: &Value, schema: &Value, value: &serde_yaml::Value, at: &str) {
    let schema = resolve(root, schema);
    match value {
        serde_yaml::Value::Mapping(map) => {
            let order: Vec<&String> = schema["properties"]
                .as_object()
                .map(|p| p.keys().collect())
                .unwrap_or_default();
            let positions: Vec<usize> = map
                .keys()
                .filter_map(|k| k.as_str())
                .map(|k| order.iter().position(|o| *o == k).unwrap())
                .collect();
            assert!(
                positions.windows(2).all(|w| w[0] < w[1]),
                "{at}: the sample writes {:?}, the schema orders {order:?}",
                map.keys().collect::<Vec<_>>()
            );
            for (k, v) in map {
                let k = k.as_str().unwrap();
                keys_in_schema_order(root, &schema["properties"][k], v, &format!("{at}.{k}"));
            }
        }
        serde_yaml::Value::Sequence(items) => {
            for item in items {
                keys_in_schema_order(root, &schema["items"], item, at);
            }
        }
        _ => {}
    }
}

#[test]
fn the_schema_lists_keys_in_the_order_the_sample_writes_them_with_readable_titles() {
    let run = TestCourse::empty().run(&["schema"]);
    let both: Value = serde_json::from_str(&run.stdout).unwrap();
    for name in sample_files() {
        let text = std::fs::read_to_string(Path::new(SAMPLE).join(&name)).unwrap();
        let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        let (root, schema) = if name == "course.yaml" {
            (&both["course.yaml"], &both["course.yaml"])
        } else {
            let kind = value["kind"].as_str().unwrap();
            (&both["module"], &both["module"]["$defs"][kind])
        };
        keys_in_schema_order(root, schema, &value, &name);
    }
    // Titles are words, never Rust type names such as "StrokesModule".
    let titles: Vec<&str> = both["module"]["$defs"]
        .as_object()
        .unwrap()
        .values()
        .chain(both["course.yaml"]["$defs"].as_object().unwrap().values())
        .chain([&both["course.yaml"]])
        .map(|d| {
            d["title"]
                .as_str()
                .unwrap_or_else(|| panic!("no title: {d}"))
        })
        .collect();
    for title in &titles {
        assert!(
            !title.chars().skip(1).any(|c| c.is_ascii_uppercase()),
            "title {title:?} reads like a type name"
        );
    }
    assert!(titles.contains(&"Strokes module"), "{titles:?}");
    // Every choice says what it means.
    let body_area = &both["module"]["$defs"]["BodyArea"]["oneOf"];
    assert_eq!(body_area.as_array().unwrap().len(), 8);
    for choice in body_area.as_array().unwrap() {
        assert!(choice["description"].is_string(), "{choice}");
    }
    for choice in both["module"]["properties"]["kind"]["oneOf"]
        .as_array()
        .unwrap()
    {
        assert!(choice["description"].is_string(), "{choice}");
    }
}
