//! The starter files `course init` and `course new` write: a course, one module of each
//! kind, and the schemas editors read. Writing never overwrites a file.

use crate::error::Error;
use std::path::{Path, PathBuf};

use crate::model::{BodyArea, ModuleKind};

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
}

/// The starter `course.yaml` with the answers filled in. An answer left empty drops an
/// optional line (email, credential) rather than printing an empty field.
pub fn course_yaml(answers: &CourseAnswers) -> String {
    let mut out = String::new();
    for line in COURSE.lines() {
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
    }
    out
}

/// `value` as a YAML scalar: plain when it is plainly text (a name, an address), else
/// double-quoted, so that `123`, `no` or `a: b` stay the strings they were typed as.
fn yaml_scalar(value: &str) -> String {
    let keyword = [
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~",
    ]
    .contains(&value.to_lowercase().as_str());
    let plain = value.chars().next().is_some_and(char::is_alphabetic)
        && !keyword
        && !value.ends_with([' ', ':'])
        && !value.contains(": ")
        && !value.contains(" #")
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || " .,'-@+()/:_&".contains(c));
    if plain {
        value.to_owned()
    } else {
        // A JSON string is a valid double-quoted YAML scalar.
        serde_json::to_string(value).expect("a string serializes")
    }
}

/// The text of a starter module of `kind` called `id`, titled after its id when `title`
/// is given. A strokes module gets strokes for the body areas its id names.
pub fn module_text(kind: ModuleKind, id: &str, title: Option<&str>, stroke: &str) -> String {
    let mut text = module_starter(kind)
        .replace("{{id}}", id)
        .replace("{{stroke}}", stroke);
    if kind == ModuleKind::Strokes {
        let areas = body_areas_named(id);
        if !areas.is_empty() {
            let start = text.find("strokes:\n").map_or(text.len(), |i| i);
            text.truncate(start);
            text.push_str("strokes:\n");
            for area in areas {
                text.push_str(&stroke_yaml(id, area));
            }
        }
    }
    match title {
        Some(title) => with_title(&text, title),
        None => text,
    }
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

/// One starter stroke per body area: a real stroke, written to be changed.
struct StarterStroke {
    slug: &'static str,
    name: &'static str,
    direction: &'static str,
    repetitions: u32,
    steps: [&'static str; 2],
    caution: &'static str,
}

fn starter_stroke(area: BodyArea) -> StarterStroke {
    let s = |slug, name, direction, repetitions, steps, caution| StarterStroke {
        slug,
        name,
        direction,
        repetitions,
        steps,
        caution,
    };
    match area {
        BodyArea::Legs => s("milking", "Indian milking", "From hip to ankle", 6,
            ["Hold the ankle gently with one hand.", "Slide the other hand from the hip down to the ankle, then swap hands."],
            "Never pull on the leg."),
        BodyArea::Feet => s("sole-thumbs", "Thumbs over the sole", "From heel to toes", 5,
            ["Cup the heel in one hand.", "Press your thumbs in turn from the heel towards the toes."],
            "Tiny feet need only light pressure."),
        BodyArea::Tummy => s("water-wheel", "Water wheel", "From the ribs down to the top of the legs", 6,
            ["Lay one hand flat across the tummy just below the ribs.", "Paddle it down towards the legs, then follow with the other hand, like a water wheel."],
            "Leave the tummy out until the cord stump has healed."),
        BodyArea::Chest => s("open-book", "Open book", "From the middle of the chest out to the sides", 4,
            ["Rest both hands flat on the middle of the chest.", "Smooth them out to the sides, as if flattening the pages of a book."],
            "Keep the pressure very light over the ribs."),
        BodyArea::Arms => s("arm-milking", "Indian milking for the arms", "From shoulder to wrist", 6,
            ["Hold the wrist gently with one hand.", "Slide the other hand from the shoulder down to the wrist, then swap hands."],
            "Never pull or straighten an arm against its bend."),
        BodyArea::Hands => s("finger-rolls", "Finger rolls", "Along each finger to its tip", 2,
            ["Open the hand gently with your thumb.", "Roll each finger between your thumb and forefinger, out to the tip."],
            "If the hand closes, let it; never force it open."),
        BodyArea::Face => s("forehead", "Forehead smoothing", "From the middle of the forehead out to the temples", 4,
            ["Place the pads of both thumbs on the middle of the forehead.", "Smooth them out to the sides, just above the eyebrows."],
            "Use no oil near the eyes."),
        BodyArea::Back => s("back-circles", "Back circles", "From the shoulders down to the bottom", 5,
            ["Lay your baby on the tummy, across your legs or on the towel.", "Make small circles with your fingertips down both sides of the spine."],
            "Stay off the spine itself."),
    }
}

fn stroke_yaml(module_id: &str, area: BodyArea) -> String {
    let s = starter_stroke(area);
    let area_name = serde_yaml::to_string(&area).unwrap_or_default();
    format!(
        "  - id: {module_id}-{}\n    name: {}\n    body_area: {}\n    direction: {}\n    repetitions: {}\n    steps:\n      - {}\n      - {}\n    cautions:\n      - {}\n",
        s.slug,
        s.name,
        area_name.trim(),
        s.direction,
        s.repetitions,
        s.steps[0],
        s.steps[1],
        s.caution,
    )
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

/// The files of a new course: relative path and content.
pub fn course_files(answers: &CourseAnswers) -> Vec<(PathBuf, String)> {
    let mut files = vec![(PathBuf::from("course.yaml"), course_yaml(answers))];
    for (kind, id) in MODULES {
        files.push((
            Path::new("modules").join(format!("{id}.yaml")),
            module_text(kind, id, None, "first-strokes-milking"),
        ));
    }
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
