//! `course new KIND NAME`: add a module whose starter fits its kind and its name (a
//! strokes module called `face-and-back` starts with a face stroke and a back stroke).
//! Never overwrites a file.

use crate::error::Error;
use std::path::Path;

use super::starter;
use crate::model::ModuleKind;
use crate::starter_words::StarterWords;

pub fn run(dir: &Path, kind: &str, name: &str) -> Result<(), Error> {
    let names: Vec<&str> = ModuleKind::ALL.iter().map(|k| k.name()).collect();
    let Some(kind) = ModuleKind::from_name(kind) else {
        let hint = crate::suggest::hint_for(kind, names.iter().copied(), || {
            format!("the kinds are {}", names.join(", "))
        });
        return Err(Error::usage(
            &format!("`{kind}` is not a kind of module"),
            &hint,
        ));
    };
    if !crate::model::is_id(name) {
        let suggestion = suggested_id(name);
        let hint = if crate::model::is_id(&suggestion) {
            format!("use small letters, digits and dashes, such as `{suggestion}`")
        } else {
            "use small letters, digits and dashes, for example `tummy-strokes`".to_owned()
        };
        return Err(Error::usage(
            &format!("`{name}` cannot be a module id"),
            &hint,
        ));
    }
    if !dir.join(crate::load::COURSE_FILE).is_file() {
        return Err(Error::usage(
            &format!(
                "there is no `course.yaml` in {}",
                crate::load::folder_in_words(dir)
            ),
            "run this in a course folder, or start one with `course init`",
        ));
    }
    let path = Path::new("modules").join(format!("{name}.yaml"));
    let shown = crate::locate::shown(dir, &path);
    if dir.join(&path).exists() {
        return Err(Error::usage(
            &format!("`{}` exists already", shown.display()),
            "choose another name; nothing was changed",
        ));
    }
    let course = crate::load::load(dir).ok();
    let stroke = course
        .as_ref()
        .and_then(first_stroke_id)
        .unwrap_or_else(|| "first-strokes-milking".to_owned());
    // A course whose course.yaml cannot be read yet gets the English starter.
    let language = course
        .as_ref()
        .and_then(|c| c.course.as_ref())
        .map_or("en", |c| c.value.language.as_str());
    let words = StarterWords::for_language(language);
    let title = starter::title_from_id(name);
    let module = starter::module(kind, name, Some(&title), &stroke, &words);
    // A drawing is named after its stroke: one already there is another stroke's.
    if let Some((drawing, _)) = module.drawings.iter().find(|(p, _)| dir.join(p).exists()) {
        return Err(Error::usage(
            &format!(
                "`{}` exists already",
                crate::locate::shown(dir, drawing).display()
            ),
            "choose another name for the module; nothing was changed",
        ));
    }
    let drawings: Vec<String> = module
        .drawings
        .iter()
        .map(|(p, _)| crate::locate::shown(dir, p).display().to_string())
        .collect();
    // The drawings first: a module is not left naming a drawing that could not be written.
    let mut files = module.drawings;
    files.push((path.clone(), module.text));
    files.extend(
        starter::schema_files()
            .into_iter()
            .filter(|(p, _)| !dir.join(p).exists()),
    );
    starter::write_all(dir, &files)?;
    let with = match drawings.len() {
        0 => String::new(),
        1 => format!(" and its drawing {}", drawings[0]),
        _ => format!(
            " and its drawings {}",
            crate::suggest::list(
                &drawings.iter().map(String::as_str).collect::<Vec<_>>(),
                usize::MAX
            )
        ),
    };
    println!(
        "Wrote {}{with}. Add `{name}` to a session's `modules` in course.yaml to teach it.",
        shown.display()
    );
    translation_stubs(dir, &path)
}

/// A stub of the new module's translation in each language the course is translated
/// into, as `course translations update` writes it.
fn translation_stubs(dir: &Path, module: &Path) -> Result<(), Error> {
    let Ok(course) = crate::load::load(dir) else {
        return Ok(());
    };
    let languages: Vec<String> = course
        .course
        .as_ref()
        .map(|c| crate::load::translations::languages(&c.value))
        .unwrap_or_default()
        .into_iter()
        .map(str::to_owned)
        .collect();
    let mut failed = false;
    for language in &languages {
        failed |= super::translations::write_stubs(&course, dir, language, Some(module))?.1;
    }
    if failed {
        Err(Error::Problems)
    } else {
        Ok(())
    }
}

/// `Back_Strokes` as an id: `back-strokes`.
fn suggested_id(name: &str) -> String {
    let lower = name.to_lowercase().replace(['_', ' ', '.'], "-");
    let words: Vec<&str> = lower.split('-').filter(|w| !w.is_empty()).collect();
    words.join("-")
}

/// A stroke id of the course, for a new toddler adaptation to point at.
fn first_stroke_id(course: &crate::load::Course) -> Option<String> {
    course.modules.iter().find_map(|m| match &m.value {
        crate::model::Module::Strokes(s) => s.strokes.first().map(|s| s.id.clone()),
        _ => None,
    })
}
