//! `course templates`: lists what decides the words and order of each document (the
//! built-in templates and the fixed words of the course's language), and `course
//! templates copy NAME` copies one into the course, where it replaces the built-in one.

use crate::error::Error;
use std::path::{Path, PathBuf};

use crate::locale::BUILT_IN;
use crate::render::templates::DEFAULTS;

/// The name that stands for the fixed words ("Page 1 of 2") in the course's language.
const WORDS: &str = "words";

/// One thing that can be copied: its name, where the copy goes, what it is for, its text.
struct Copyable {
    name: &'static str,
    path: PathBuf,
    about: String,
    text: &'static str,
}

fn copyables(language: &str) -> Vec<Copyable> {
    let mut all: Vec<Copyable> = DEFAULTS
        .iter()
        .map(|(name, text)| Copyable {
            name,
            path: Path::new("templates").join(format!("{name}.md.hbs")),
            about: about(text),
            text,
        })
        .collect();
    let words = crate::locale::built_in(language).unwrap_or(&BUILT_IN[0]);
    all.push(Copyable {
        name: WORDS,
        path: Path::new("locales").join(format!("{language}.yaml")),
        about: format!("The fixed words on the page, such as \"Page 1 of 2\", in `{language}`."),
        text: words.1,
    });
    all
}

/// A template's own description: its first line, a `{{!-- ... --}}` comment.
fn about(text: &str) -> String {
    let first = text.lines().next().unwrap_or_default();
    first
        .strip_prefix("{{!--")
        .and_then(|rest| rest.strip_suffix("--}}"))
        .map_or_else(String::new, |about| about.trim().to_owned())
}

/// The course's language, which names the words file: only a language tag can.
fn course_language(dir: &Path) -> Result<String, Error> {
    let course = super::load_course(dir)?;
    let language = course
        .course
        .map_or_else(|| "en".to_owned(), |c| c.value.language);
    if !crate::model::is_language_tag(&language) {
        let problem = crate::locale::not_a_language_tag(&language);
        return Err(Error::usage(
            &format!("{} (`language:` in course.yaml)", problem.message),
            problem.hint.as_deref().unwrap_or_default(),
        ));
    }
    Ok(language)
}

pub fn list(dir: &Path) -> Result<(), Error> {
    let language = course_language(dir)?;
    let all = copyables(&language);
    let width = all.iter().map(|c| c.name.len()).max().unwrap_or(0);
    println!("What each document says, and in what order:\n");
    for c in &all {
        let whose = if dir.join(&c.path).symlink_metadata().is_ok() {
            format!("your own copy: {}", c.path.display())
        } else {
            "built-in".to_owned()
        };
        let includes = match (includes(c.text).as_slice(), whose.as_str()) {
            ([], _) => String::new(),
            (names, "built-in") => format!("; includes `{}`", names.join("`, `")),
            (names, _) => format!("; the built-in one includes `{}`", names.join("`, `")),
        };
        println!("  {:width$}  {}", c.name, c.about);
        println!("  {:width$}  ({whose}{includes})", "");
    }
    println!("\nCopy one into the course to change it: `course templates copy NAME`.");
    println!("Your copy replaces the built-in one; delete it to go back.");
    println!("What each template gets, its helpers and the Markdown it may write: `course templates guide`.");
    Ok(())
}

pub fn guide() -> Result<(), Error> {
    print!("{}", crate::plan::GUIDE);
    Ok(())
}

/// The templates `text` includes (`{{> session}}`), in order, each once.
fn includes(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for part in text.split("{{>").skip(1) {
        let name = part.split("}}").next().unwrap_or_default();
        let name = name.split_whitespace().next().unwrap_or_default();
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

pub fn copy(dir: &Path, names: &[String]) -> Result<(), Error> {
    let language = course_language(dir)?;
    let all = copyables(&language);
    let mut chosen = Vec::new();
    for name in names {
        let Some(c) = all.iter().find(|c| c.name == name) else {
            let known: Vec<&str> = all.iter().map(|c| c.name).collect();
            let hint = crate::suggest::hint_for(name, known.iter().copied(), || {
                format!("the templates are {}", known.join(", "))
            });
            return Err(Error::usage(
                &format!("there is no template called `{name}`"),
                &hint,
            ));
        };
        if dir.join(&c.path).symlink_metadata().is_ok() {
            return Err(Error::usage(
                &format!("`{}` exists already", c.path.display()),
                "edit it, or delete it first to start again from the built-in one; nothing was changed",
            ));
        }
        chosen.push((c.path.clone(), c.text.to_owned()));
    }
    super::starter::write_all(dir, &chosen)?;
    for (path, _) in &chosen {
        let shown = crate::locate::shown(dir, path);
        println!(
            "Wrote {}: edit it, then `course build` uses it instead of the built-in one.",
            shown.display()
        );
    }
    Ok(())
}
