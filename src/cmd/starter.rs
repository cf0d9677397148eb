//! The starter files `course init` and `course new` write: a course, one module of each
//! kind, and the schemas editors read. Writing never overwrites a file.

use crate::error::Error;
use std::path::{Path, PathBuf};

use crate::model::{BodyArea, ModuleKind};
use crate::starter_words::StarterWords;

const COURSE: &str = include_str!("../../templates/starter/course.yaml");

/// Placeholders the starter `course.yaml` leaves when `init` is not told the real values;
/// `course validate` warns about each one left in a course.
pub use crate::model::{PLACEHOLDER_EMAIL, PLACEHOLDER_NAME};

fn module_starter(kind: ModuleKind) -> &'static str {
    match kind {
        ModuleKind::Benefits => include_str!("../../templates/starter/benefits.yaml"),
        ModuleKind::KangarooCare => include_str!("../../templates/starter/kangaroo-care.yaml"),
        ModuleKind::Setup => include_str!("../../templates/starter/setup.yaml"),
        ModuleKind::Strokes => include_str!("../../templates/starter/strokes.yaml"),
        ModuleKind::ToddlerAdaptations => {
            include_str!("../../templates/starter/toddler-adaptations.yaml")
        }
    }
}

/// The modules a new course starts with: one of each kind, as `course.yaml` lists them.
pub const MODULES: [(ModuleKind, &str); 5] = [
    (ModuleKind::Benefits, "why-massage"),
    (ModuleKind::Setup, "getting-ready"),
    (ModuleKind::Strokes, "first-strokes"),
    (ModuleKind::KangarooCare, "skin-to-skin"),
    (ModuleKind::ToddlerAdaptations, "toddlers"),
];

/// What `init` puts into `course.yaml`; `None` keeps the starter's value.
#[derive(Debug, Default, Clone)]
pub struct CourseAnswers {
    pub title: Option<String>,
    pub name: Option<String>,
    pub credential: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub language: Option<String>,
    /// The languages the course is translated into (`init --languages en,uk,ar`).
    pub translations: Vec<String>,
}

/// The starter `course.yaml` in the words of `words`, with the answers filled in. An
/// answer left empty drops an optional line (email, credential) rather than printing an
/// empty field.
pub fn course_yaml(answers: &CourseAnswers, words: &StarterWords) -> String {
    let mut out = String::new();
    for line in fill(COURSE, words).lines() {
        let (indent, rest) = line.split_at(line.len() - line.trim_start().len());
        let key = rest.split_once(": ").map(|(k, _)| k);
        // The starter has no phone line; it closes the instructor block, which `language`
        // follows.
        if (indent.len(), key) == (0, Some("language")) {
            if let Some(phone) = answers.phone.as_deref().filter(|p| !p.trim().is_empty()) {
                out.push_str(&format!("  phone: {}\n", yaml_scalar(phone.trim())));
            }
        }
        let answer = match (indent.len(), key) {
            (0, Some("title")) => Some(&answers.title),
            (2, Some("name")) => Some(&answers.name),
            (2, Some("credential")) => Some(&answers.credential),
            (2, Some("email")) => Some(&answers.email),
            (0, Some("language")) => Some(&answers.language),
            _ => None,
        };
        match (answer, key) {
            (Some(Some(value)), Some(key)) if value.trim().is_empty() => {
                if key == "name" || key == "title" {
                    out.push_str(line);
                    out.push('\n');
                }
            }
            (Some(Some(value)), Some(key)) => {
                out.push_str(&format!("{indent}{key}: {}\n", yaml_scalar(value.trim())));
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
        if (indent.len(), key) == (0, Some("language")) && !answers.translations.is_empty() {
            out.push_str(&format!(
                "translations: [{}]\n",
                answers.translations.join(", ")
            ));
        }
    }
    out
}

/// `template` with each `{{part.key}}` replaced by those words, as a YAML scalar.
fn fill(template: &str, words: &StarterWords) -> String {
    let mut out = String::with_capacity(template.len() + 256);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        let key = &rest[start + 2..start + len];
        out.push_str(&rest[..start]);
        if key.contains('.') {
            out.push_str(&yaml_scalar(words.get(key)));
        } else {
            // `{{id}}` and `{{stroke}}` are filled by the caller.
            out.push_str(&rest[start..start + len + 2]);
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

/// `value` as a YAML scalar: plain when it is plainly text (a name, a sentence in any
/// script), else double-quoted, so that `123`, `no`, `a: b` or `- x` stay the strings
/// they were typed as.
fn yaml_scalar(value: &str) -> String {
    let keyword = [
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~",
    ]
    .contains(&value.to_lowercase().as_str());
    // A plain scalar may not start with an indicator or a digit (it could read as a
    // number), nor hold `: ` or ` #`, nor end in a space or colon.
    let plain = value
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || !(c.is_ascii() || c.is_whitespace()))
        && !keyword
        && !value.ends_with(|c: char| c.is_whitespace() || c == ':')
        && !value.contains(": ")
        && !value.contains(" #")
        // Joiners are part of Persian and Indic spelling; a text with another hidden
        // character is quoted, so that its end is plain to see.
        && value.chars().all(|c| {
            !c.is_control()
                && (matches!(c, '\u{200C}' | '\u{200D}') || crate::model::invisible(c).is_none())
        });
    if plain {
        value.to_owned()
    } else {
        // A JSON string is a valid double-quoted YAML scalar.
        serde_json::to_string(value).expect("a string serializes")
    }
}

/// A starter module: its text, and the drawings its strokes name (path in the course,
/// SVG text).
pub struct StarterModule {
    pub text: String,
    pub drawings: Vec<(PathBuf, String)>,
}

/// The starter module of `kind` called `id` in the words of `words`, titled `title` when
/// given. A strokes module gets a stroke, with its drawing, for each body area its id
/// names (the legs when it names none).
pub fn module(
    kind: ModuleKind,
    id: &str,
    title: Option<&str>,
    stroke: &str,
    words: &StarterWords,
) -> StarterModule {
    let mut text = fill(module_starter(kind), words)
        .replace("{{id}}", id)
        .replace("{{stroke}}", stroke);
    let mut drawings = Vec::new();
    if kind == ModuleKind::Strokes {
        let mut areas = body_areas_named(id);
        if areas.is_empty() {
            areas.push(BodyArea::Legs);
        }
        for area in areas {
            let (yaml, drawing) = stroke_yaml(id, area, words);
            text.push_str(&yaml);
            drawings.push(drawing);
        }
    }
    let text = match title {
        Some(title) => with_title(&text, title),
        None => text,
    };
    StarterModule { text, drawings }
}

/// Body areas a module id names, such as `face-and-back`, in teaching order.
fn body_areas_named(id: &str) -> Vec<BodyArea> {
    let words: Vec<String> = id.split(['-', '_']).map(str::to_ascii_lowercase).collect();
    let named = |names: &[&str]| words.iter().any(|w| names.contains(&w.as_str()));
    [
        (BodyArea::Legs, &["leg", "legs", "thigh", "thighs"][..]),
        (
            BodyArea::Feet,
            &["foot", "feet", "toe", "toes", "sole", "soles"],
        ),
        (BodyArea::Tummy, &["tummy", "belly", "tum", "abdomen"]),
        (BodyArea::Chest, &["chest"]),
        (BodyArea::Arms, &["arm", "arms"]),
        (BodyArea::Hands, &["hand", "hands", "finger", "fingers"]),
        (BodyArea::Face, &["face", "forehead"]),
        (BodyArea::Back, &["back", "spine"]),
    ]
    .into_iter()
    .filter(|(_, names)| named(names))
    .map(|(area, _)| area)
    .collect()
}

/// The starter stroke for a body area: the end of its id, its repetitions and its
/// drawing (its words are in the words files, under the area's name).
fn starter_stroke(area: BodyArea) -> (&'static str, u32, &'static str) {
    match area {
        BodyArea::Legs => (
            "milking",
            6,
            include_str!("../../templates/starter/drawings/legs.svg"),
        ),
        BodyArea::Feet => (
            "sole-thumbs",
            5,
            include_str!("../../templates/starter/drawings/feet.svg"),
        ),
        BodyArea::Tummy => (
            "water-wheel",
            6,
            include_str!("../../templates/starter/drawings/tummy.svg"),
        ),
        BodyArea::Chest => (
            "open-book",
            4,
            include_str!("../../templates/starter/drawings/chest.svg"),
        ),
        BodyArea::Arms => (
            "arm-milking",
            6,
            include_str!("../../templates/starter/drawings/arms.svg"),
        ),
        BodyArea::Hands => (
            "finger-rolls",
            2,
            include_str!("../../templates/starter/drawings/hands.svg"),
        ),
        BodyArea::Face => (
            "forehead",
            4,
            include_str!("../../templates/starter/drawings/face.svg"),
        ),
        BodyArea::Back => (
            "back-circles",
            5,
            include_str!("../../templates/starter/drawings/back.svg"),
        ),
    }
}

/// A stroke of the module `module_id` for `area`, and its drawing, named after the
/// stroke's id.
fn stroke_yaml(
    module_id: &str,
    area: BodyArea,
    words: &StarterWords,
) -> (String, (PathBuf, String)) {
    let (slug, repetitions, drawing) = starter_stroke(area);
    let area_name = serde_yaml::to_string(&area).unwrap_or_default();
    let area_name = area_name.trim();
    let word = |key: &str| yaml_scalar(words.get(&format!("strokes.{area_name}.{key}")));
    let stroke_id = format!("{module_id}-{slug}");
    let picture = Path::new("images").join(format!("{stroke_id}.svg"));
    let yaml = format!(
        "  - id: {stroke_id}\n    name: {}\n    body_area: {area_name}\n    direction: {}\n    repetitions: {repetitions}\n    steps:\n      - {}\n      - {}\n    cautions:\n      - {}\n    image: images/{stroke_id}.svg\n    image_alt: {}\n",
        word("name"),
        word("direction"),
        word("step_1"),
        word("step_2"),
        word("caution"),
        word("drawing"),
    );
    (yaml, (picture, drawing.to_owned()))
}

/// A title to start from: `back-strokes` becomes "Back strokes".
pub fn title_from_id(id: &str) -> String {
    let words = id.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

/// Replaces the starter's module title (its first top-level `title:` line).
fn with_title(text: &str, title: &str) -> String {
    let mut done = false;
    let lines: Vec<String> = text
        .lines()
        .map(|line| match line.strip_prefix("title: ") {
            Some(_) if !done => {
                done = true;
                format!("title: {}", yaml_scalar(title))
            }
            _ => line.to_owned(),
        })
        .collect();
    lines.join("\n") + "\n"
}

/// The files of a new course in its language: relative path and content.
pub fn course_files(answers: &CourseAnswers) -> Vec<(PathBuf, String)> {
    let words = StarterWords::for_language(answers.language.as_deref().unwrap_or("en"));
    let mut files = vec![(PathBuf::from("course.yaml"), course_yaml(answers, &words))];
    let mut drawings = Vec::new();
    for (kind, id) in MODULES {
        let module = module(kind, id, None, "first-strokes-milking", &words);
        files.push((Path::new("modules").join(format!("{id}.yaml")), module.text));
        drawings.extend(module.drawings);
    }
    files.extend(drawings);
    files.extend(schema_files());
    files
}

/// The schema files the `# yaml-language-server` lines point at.
pub fn schema_files() -> Vec<(PathBuf, String)> {
    let pretty = |v: serde_json::Value| {
        serde_json::to_string_pretty(&v).expect("a schema is plain JSON") + "\n"
    };
    vec![
        (
            PathBuf::from("schema/course.schema.json"),
            pretty(crate::schema::course()),
        ),
        (
            PathBuf::from("schema/module.schema.json"),
            pretty(crate::schema::module()),
        ),
    ]
}

/// Writes `files` under `dir` through the write gate: never replacing a file that
/// exists, never through a link out of `dir`.
pub fn write_all(dir: &Path, files: &[(PathBuf, String)]) -> Result<(), Error> {
    let written = crate::write::Folder::create(dir).and_then(|folder| {
        files
            .iter()
            .try_for_each(|(path, text)| folder.create_new(path, text.as_bytes()).map(|_| ()))
    });
    written.map_err(|e| Error::failed(&e.message(), e.hint()))
}
