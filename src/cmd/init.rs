//! `course init`: start a course from the starter files. The instructor's details come
//! from flags, or from questions on a terminal; whatever is left out stays a placeholder
//! that `course validate` warns about. Never overwrites a file.

use crate::error::Error;
use std::io::IsTerminal;
use std::path::Path;

use super::starter::{self, CourseAnswers};
use crate::locale::BUILT_IN;
use crate::starter_words::StarterWords;

pub struct Options {
    pub dir: std::path::PathBuf,
    pub answers: CourseAnswers,
    /// Ask nothing, even on a terminal.
    pub yes: bool,
}

pub fn run(options: Options) -> Result<(), Error> {
    let Options {
        dir,
        mut answers,
        yes,
    } = options;
    if dir.exists() && !dir.is_dir() {
        return Err(Error::usage(
            &format!("`{}` is a file, not a folder", dir.display()),
            "name a new folder for the course, for example `course init my-course`",
        ));
    }
    if let Err((option, why)) = check_answers(&answers) {
        return Err(Error::usage(
            &format!("the {option} cannot be used: {why}"),
            &format!("give `--{option}` one line of text"),
        ));
    }
    let files = starter::course_files(&answers);
    refuse_overwrite(&dir, &files)?;
    for language in answers.language.iter_mut().chain(&mut answers.translations) {
        if let Some(code) = crate::language_names::code_for_name(language) {
            *language = code.to_owned();
        }
        if let Err(hint) = check_language(language) {
            return Err(Error::usage(
                &format!("there are no built-in words for the language `{language}`"),
                &hint,
            ));
        }
    }
    let mut seen: Vec<&str> = answers.language.iter().map(String::as_str).collect();
    for language in &answers.translations {
        if seen.contains(&language.as_str()) {
            return Err(Error::usage(
                &format!("`{language}` is named twice in `--languages`"),
                "name each language once, the course's own first, such as `--languages en,uk,ar`",
            ));
        }
        seen.push(language);
    }
    if !yes && std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
        if let Err(e) = ask(&mut answers) {
            return Err(Error::usage(
                &format!("stopped: {e}"),
                "nothing was written; run `course init` again to start the course",
            ));
        }
    }
    starter::write_all(&dir, &starter::course_files(&answers))?;
    let shown = dir.display();
    println!(
        "Started a course in {shown}: course.yaml, {} modules, a drawing for the first stroke and the schemas editors use.",
        starter::MODULES.len()
    );
    if !answers.translations.is_empty() {
        let course = super::load_course(&dir)?;
        for language in &answers.translations {
            let (total, failed) = super::translations::write_stubs(&course, &dir, language, None)?;
            if failed {
                return Err(Error::Problems);
            }
            println!(
                "{}: {} texts to translate.",
                super::translations::language_in_words(language),
                total.missing
            );
        }
    }
    let left: Vec<&str> = [
        (answers.name.is_none(), "your name"),
        (answers.email.is_none(), "your email"),
    ]
    .into_iter()
    .filter_map(|(missing, what)| missing.then_some(what))
    .collect();
    if !left.is_empty() {
        println!(
            "Fill in {} in {}: parents see them on every page (`course init --name` and `--email` set them; `course validate` reminds you).",
            left.join(" and "),
            Path::new(&dir).join("course.yaml").display()
        );
    }
    let target = if dir == Path::new(".") {
        String::new()
    } else {
        format!(" {shown}")
    };
    println!(
        "Next: edit the modules, then run `course validate{target}` and `course build{target}`."
    );
    Ok(())
}

fn refuse_overwrite(dir: &Path, files: &[(std::path::PathBuf, String)]) -> Result<(), Error> {
    let existing: Vec<String> = files
        .iter()
        .filter(|(p, _)| dir.join(p).exists())
        .map(|(p, _)| dir.join(p).display().to_string())
        .collect();
    if existing.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = existing.iter().map(String::as_str).collect();
    Err(Error::usage(
        &format!(
            "not starting a course here: these files exist already and would be overwritten: {}",
            crate::suggest::list(&names, 3)
        ),
        "choose a new folder, for example `course init my-course`",
    ))
}

/// Details given as options are printed on every page: one line of visible text each,
/// within the length any text of a course may have.
fn check_answers(answers: &CourseAnswers) -> Result<(), (&'static str, String)> {
    let given = [
        ("title", &answers.title),
        ("name", &answers.name),
        ("credential", &answers.credential),
        ("email", &answers.email),
        ("phone", &answers.phone),
    ];
    for (option, value) in given {
        let Some(value) = value else { continue };
        if let Some(c) = value.chars().find(|c| c.is_control()) {
            let what = if c == '\n' || c == '\r' {
                "it has a line break".to_owned()
            } else {
                format!("it holds the control character U+{:04X}", c as u32)
            };
            return Err((option, what));
        }
        let length = value.chars().count();
        if length > crate::limits::MAX_TEXT_CHARS {
            return Err((
                option,
                format!(
                    "it is {length} characters long; the limit is {}",
                    crate::limits::MAX_TEXT_CHARS
                ),
            ));
        }
    }
    Ok(())
}

/// A language with built-in words (`pt-BR` takes those of `pt`), or a hint naming them.
/// A language typed by its name (`German`, `Deutsch`) is taken as its code.
fn check_language(language: &str) -> Result<(), String> {
    let language = crate::language_names::code_for_name(language).unwrap_or(language);
    if crate::locale::built_in(language).is_some() {
        return Ok(());
    }
    let names: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
    // A language CLDR names is the one meant, never one spelt alike (`no` is not `nl`).
    if let Some(name) = crate::language_names::english_name(language) {
        let code = language.to_ascii_lowercase();
        return Err(format!(
            "there are no built-in words for {name} yet: start with `en` and add the words for {name} in `locales/{code}.yaml`, then set `language: {code}` in course.yaml"
        ));
    }
    Err(crate::suggest::hint_for(
        language,
        names.iter().copied(),
        || {
            // Only a language code may name a file, even in a hint.
            if crate::model::is_language_tag(language) {
                format!(
                    "the built-in languages are {}; for another one, start with `en` and add your words in `locales/{language}.yaml`",
                    names.join(", ")
                )
            } else {
                format!("give a language code such as {}", names.join(", "))
            }
        },
    ))
}

/// Asks on the terminal for every detail not given as a flag: the language first, so
/// that the other questions and their defaults are in the language of the course.
fn ask(answers: &mut CourseAnswers) -> dialoguer::Result<()> {
    use dialoguer::Input;
    let theme = dialoguer::theme::SimpleTheme;
    if answers.language.is_none() {
        let language = Input::<String>::with_theme(&theme)
            .with_prompt("Language of the handouts (en, de, fr, es, ar, ja, ..., or its name, such as Deutsch)")
            .default("en".to_owned())
            .validate_with(|v: &String| check_language(v.trim()))
            .interact_text()?;
        let language = language.trim();
        let code = crate::language_names::code_for_name(language).unwrap_or(language);
        answers.language = Some(code.to_owned());
    }
    let words = StarterWords::for_language(answers.language.as_deref().unwrap_or("en"));
    let ask = |key: &str| words.get(&format!("ask.{key}"));
    eprintln!("{}", ask("intro"));
    let text = |prompt: &str, initial: Option<&str>, optional: bool| {
        let mut input = Input::<String>::with_theme(&theme).with_prompt(prompt);
        if let Some(initial) = initial {
            input = input.default(initial.to_owned());
        }
        input.allow_empty(optional).interact_text()
    };
    if answers.title.is_none() {
        answers.title = Some(text(ask("title"), Some(words.get("course.title")), false)?);
    }
    if answers.name.is_none() {
        answers.name = Some(text(ask("name"), None, false)?);
    }
    if answers.credential.is_none() {
        answers.credential = Some(text(
            ask("credential"),
            Some(words.get("course.credential")),
            true,
        )?);
    }
    if answers.email.is_none() {
        let not_an_email = ask("not_an_email");
        let email = Input::<String>::with_theme(&theme)
            .with_prompt(ask("email"))
            .allow_empty(true)
            .validate_with(|v: &String| -> Result<(), &str> {
                if v.trim().is_empty() || looks_like_email(v.trim()) {
                    Ok(())
                } else {
                    Err(not_an_email)
                }
            })
            .interact_text()?;
        answers.email = Some(email);
    }
    if answers.phone.is_none() {
        answers.phone = Some(text(ask("phone"), None, true)?);
    }
    Ok(())
}

/// A light check that catches a name typed into the email question; not RFC 5322.
pub fn looks_like_email(text: &str) -> bool {
    text.split_once('@').is_some_and(|(user, domain)| {
        !user.is_empty() && domain.contains('.') && !text.contains(char::is_whitespace)
    })
}
