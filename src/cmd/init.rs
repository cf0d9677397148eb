//! `course init` and `course new`: start a course, or add a module, from the starters in
//! `templates/starter/`. Neither ever overwrites a file.

use std::path::{Path, PathBuf};

use crate::cli::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::model::ModuleKind;

const COURSE: &str = include_str!("../../templates/starter/course.yaml");

fn starter(kind: ModuleKind) -> &'static str {
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
const MODULES: [(ModuleKind, &str); 5] = [
    (ModuleKind::Benefits, "why-massage"),
    (ModuleKind::Setup, "getting-ready"),
    (ModuleKind::Strokes, "first-strokes"),
    (ModuleKind::KangarooCare, "skin-to-skin"),
    (ModuleKind::ToddlerAdaptations, "toddlers"),
];

fn module_text(kind: ModuleKind, id: &str, stroke: &str) -> String {
    starter(kind)
        .replace("{{id}}", id)
        .replace("{{stroke}}", stroke)
}

/// A title to start from: `back-strokes` becomes "Back strokes".
fn title_from_id(id: &str) -> String {
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
                format!("title: {title}")
            }
            _ => line.to_owned(),
        })
        .collect();
    lines.join("\n") + "\n"
}

/// The files of a new course: relative path and content.
pub fn course_files() -> Vec<(PathBuf, String)> {
    let mut files = vec![(PathBuf::from("course.yaml"), COURSE.to_owned())];
    for (kind, id) in MODULES {
        files.push((
            Path::new("modules").join(format!("{id}.yaml")),
            module_text(kind, id, "first-strokes-milking"),
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

pub fn run_init(dir: &Path) -> u8 {
    let files = course_files();
    let existing: Vec<String> = files
        .iter()
        .filter(|(p, _)| dir.join(p).exists())
        .map(|(p, _)| dir.join(p).display().to_string())
        .collect();
    if !existing.is_empty() {
        let mut named = existing[..existing.len().min(3)].join(", ");
        if existing.len() > 3 {
            named.push_str(&format!(" and {} more", existing.len() - 3));
        }
        crate::report::usage_error(
            &format!("not starting a course here: these files exist already and would be overwritten: {named}"),
            "choose a new folder, for example `course init my-course`",
        );
        return EXIT_USAGE;
    }
    if let Err(status) = write_all(dir, &files) {
        return status;
    }
    let shown = dir.display();
    println!(
        "Started a course in {shown}: course.yaml, {} modules and the schemas editors use.",
        MODULES.len()
    );
    println!(
        "Next: edit the files, then run `course validate {shown}` and `course build {shown}`."
    );
    EXIT_OK
}

pub fn run_new(dir: &Path, kind: &str, name: &str) -> u8 {
    let names: Vec<&str> = ModuleKind::ALL.iter().map(|k| k.name()).collect();
    let Some(kind) = ModuleKind::from_name(kind) else {
        let hint = crate::suggest::hint_for(kind, names.iter().copied(), || {
            format!("the kinds are {}", names.join(", "))
        });
        crate::report::usage_error(&format!("`{kind}` is not a kind of module"), &hint);
        return EXIT_USAGE;
    };
    let valid_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid_name {
        crate::report::usage_error(
            &format!("`{name}` cannot be a module id"),
            "use letters, digits and dashes, for example `tummy-strokes`",
        );
        return EXIT_USAGE;
    }
    if !dir.join(crate::load::COURSE_FILE).is_file() {
        crate::report::usage_error(
            &format!("there is no `course.yaml` in `{}`", dir.display()),
            "run this in a course folder, or start one with `course init`",
        );
        return EXIT_USAGE;
    }
    let path = Path::new("modules").join(format!("{name}.yaml"));
    if dir.join(&path).exists() {
        crate::report::usage_error(
            &format!("`{}` exists already", dir.join(&path).display()),
            "choose another name; nothing was changed",
        );
        return EXIT_USAGE;
    }
    let stroke = first_stroke_id(dir).unwrap_or_else(|| "first-strokes-milking".to_owned());
    let text = with_title(&module_text(kind, name, &stroke), &title_from_id(name));
    let mut files = vec![(path.clone(), text)];
    files.extend(
        schema_files()
            .into_iter()
            .filter(|(p, _)| !dir.join(p).exists()),
    );
    if let Err(status) = write_all(dir, &files) {
        return status;
    }
    let shown = if dir == Path::new(".") {
        path.clone()
    } else {
        dir.join(&path)
    };
    println!(
        "Wrote {}. Add `{name}` to a session's `modules` in course.yaml to teach it.",
        shown.display()
    );
    EXIT_OK
}

/// A stroke id of the course, for a new toddler adaptation to point at.
fn first_stroke_id(dir: &Path) -> Option<String> {
    let course = crate::load::load(dir).ok()?;
    course.modules.iter().find_map(|m| match &m.value {
        crate::model::Module::Strokes(s) => s.strokes.first().map(|s| s.id.clone()),
        _ => None,
    })
}

fn write_all(dir: &Path, files: &[(PathBuf, String)]) -> Result<(), u8> {
    for (path, text) in files {
        let full = dir.join(path);
        let parent = full.parent().unwrap_or(dir);
        let written = std::fs::create_dir_all(parent).and_then(|()| {
            // `create_new` so that a file appearing meanwhile is never overwritten.
            use std::io::Write as _;
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&full)?
                .write_all(text.as_bytes())
        });
        if let Err(e) = written {
            eprintln!(
                "error: cannot write `{}`: {}",
                full.display(),
                crate::util::io_reason(&e)
            );
            return Err(EXIT_PROBLEMS);
        }
    }
    Ok(())
}
