//! `course translations`: how far each language is, per file (done, out of date,
//! missing); and `course translations update LANG`, which writes into the translation
//! files of one language a stub for every text not yet there, and records the source
//! text of each text the translator marked `checked: true`. Written only through the
//! write gate, only inside the course's `translations/<language>/`; a file with a text
//! its source does not have is left for the translator to fix, never cut.

use std::path::Path;

use serde_json::json;
use serde_yaml::{Mapping, Value as Yaml};

use crate::cli::MessageFormat;
use crate::diagnostic::{Code, Segment};
use crate::error::Error;
use crate::language_names::english_name;
use crate::load::translations::{self, record, state, State, TranslationFile, TRANSLATIONS_DIR};
use crate::load::Course;
use crate::model::translation::{short_hash, Unit};

/// Done, out of date and missing texts.
#[derive(Default, Clone, Copy)]
pub(super) struct Counts {
    done: usize,
    stale: usize,
    pub(super) missing: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.done += other.done;
        self.stale += other.stale;
        self.missing += other.missing;
    }

    pub(super) fn in_words(&self) -> String {
        format!(
            "{} done, {} out of date, {} missing",
            self.done, self.stale, self.missing
        )
    }
}

fn counts(course: &Course, translation: &TranslationFile) -> Counts {
    let mut counts = Counts::default();
    for unit in translations::units(course, translation) {
        let found = translation.tree.as_ref().and_then(|t| record(t, &unit.key));
        match state(found.as_ref(), &unit) {
            State::Done => counts.done += 1,
            State::Stale => counts.stale += 1,
            State::Missing => counts.missing += 1,
        }
    }
    counts
}

/// "German (de)", or the code alone for a language without an English name.
pub(super) fn language_in_words(tag: &str) -> String {
    english_name(tag).map_or_else(|| format!("`{tag}`"), |name| format!("{name} ({tag})"))
}

/// The languages of the course's translations, or why there are none to show.
fn languages(course: &Course) -> Result<Vec<String>, Error> {
    let Some(c) = &course.course else {
        return Err(Error::Problems);
    };
    Ok(translations::languages(&c.value)
        .into_iter()
        .map(str::to_owned)
        .collect())
}

pub fn status(dir: &Path, format: MessageFormat) -> Result<(), Error> {
    let course = super::load_course(dir)?;
    let languages = match languages(&course) {
        Ok(languages) => languages,
        Err(e) => {
            super::print_diagnostics(&course, &course.diagnostics, format);
            return Err(e);
        }
    };
    if format == MessageFormat::Json {
        let per_language: Vec<_> = languages
            .iter()
            .map(|language| {
                let files: Vec<_> = of_language(&course, language)
                    .map(|t| {
                        let c = counts(&course, t);
                        json!({ "file": t.of, "translation": t.file, "done": c.done, "stale": c.stale, "missing": c.missing })
                    })
                    .collect();
                json!({ "language": language, "files": files })
            })
            .collect();
        println!(
            "{}",
            json!({ "type": "translations", "languages": per_language })
        );
        crate::report::summary(
            format,
            crate::diagnostic::counts(&course.diagnostics),
            json!({}),
        );
        return Ok(());
    }
    if languages.is_empty() {
        println!("This course has no translations. To add one, list its language in course.yaml, such as `translations: [de]`, and run `course translations update de`.");
        return Ok(());
    }
    for language in &languages {
        println!("{}:", language_in_words(language));
        let mut total = Counts::default();
        for t in of_language(&course, language) {
            let c = counts(&course, t);
            total.add(c);
            let note = if !t.exists { " (no file yet)" } else { "" };
            println!(
                "  {:<32} {}{note}",
                t.of.display().to_string(),
                c.in_words()
            );
        }
        println!("  {:<32} {}", "all", total.in_words());
    }
    println!("Texts not done print in the course's own language. `course validate` says which, and where.");
    Ok(())
}

fn of_language<'a>(
    course: &'a Course,
    language: &'a str,
) -> impl Iterator<Item = &'a TranslationFile> {
    course
        .translations
        .iter()
        .filter(move |t| t.language == language)
}

pub fn update(dir: &Path, language: &str) -> Result<(), Error> {
    if !crate::model::is_language_tag(language) {
        return Err(Error::usage(
            &format!("`{language}` is not a language code"),
            "give one of the languages listed under `translations` in course.yaml, such as `de`",
        ));
    }
    let course = super::load_course(dir)?;
    let languages = match languages(&course) {
        Ok(languages) => languages,
        Err(e) => {
            super::print_diagnostics(&course, &course.diagnostics, MessageFormat::Human);
            return Err(e);
        }
    };
    if !languages.iter().any(|l| l == language) {
        let hint = if languages.is_empty() {
            format!("add `translations: [{language}]` to course.yaml first")
        } else {
            crate::suggest::hint_for(language, languages.iter().map(String::as_str), || {
                format!(
                    "the course is translated into {}; add `{language}` to `translations` in course.yaml first",
                    languages.join(", ")
                )
            })
        };
        return Err(Error::usage(
            &format!("the course is not translated into `{language}`"),
            &hint,
        ));
    }
    let (total, failed) = write_stubs(&course, dir, language, None)?;
    println!("{}: {}.", language_in_words(language), total.in_words());
    if failed {
        Err(Error::Problems)
    } else {
        Ok(())
    }
}

/// Writes into `translations/<language>/` of `course` (in `dir`) a stub for every text
/// not yet there and the source of every text marked `checked: true`, in each file (or
/// only in the one that translates the file `only`), saying each file it writes. Used by
/// `translations update`, by `init --languages` and by `new`. The counts once written,
/// and whether a file was left for its problems.
pub(super) fn write_stubs(
    course: &Course,
    dir: &Path,
    language: &str,
    only: Option<&Path>,
) -> Result<(Counts, bool), Error> {
    // A file with texts its source does not have (a misspelt stroke id) would lose them:
    // it is left for the translator, who is told why.
    let problems = crate::validate::check_translations(course);
    let blocked: Vec<&Path> = problems
        .iter()
        .filter(|d| d.is_error() && d.code == Code::TranslationUnknown)
        .map(|d| d.file.as_path())
        .chain(
            course
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.file.as_path()),
        )
        .collect();
    let folder = translation_folder(course, language)?;
    let mut failed = false;
    let mut total = Counts::default();
    for t in of_language(course, language).filter(|t| only.is_none_or(|o| t.of == o)) {
        let shown = crate::locate::shown(dir, &t.file);
        if blocked.contains(&t.file.as_path()) || (t.exists && t.tree.is_none()) {
            println!(
                "  left {}: it has problems to fix first (see `course validate`)",
                shown.display()
            );
            failed = true;
            continue;
        }
        let units = translations::units(course, t);
        if units.is_empty() {
            continue;
        }
        let (text, changes) = updated(course, t, &units);
        total.add(counts_after(&units, t));
        if changes.is_empty() && t.exists {
            continue;
        }
        let name = t
            .file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        match folder.replace(
            name,
            text.as_bytes(),
            &|_: &crate::write::Folder, _: &str| true,
        ) {
            Ok(()) => println!(
                "  {} {} ({})",
                if t.exists { "updated" } else { "wrote" },
                shown.display(),
                changes.join(", ")
            ),
            Err(e) => {
                eprintln!("error: {}\n  hint: {}", e.message(), e.hint());
                failed = true;
            }
        }
    }
    Ok((total, failed))
}

/// `translations/<language>/` in the course, made if missing, never reached through a
/// link that leads out of the course.
fn translation_folder(course: &Course, language: &str) -> Result<crate::write::Folder, Error> {
    let fail = |e: crate::write::WriteError| Error::failed(&e.message(), e.hint());
    crate::write::Folder::open(&course.root)
        .and_then(|c| c.folder(Path::new(TRANSLATIONS_DIR)))
        .and_then(|t| t.folder(Path::new(language)))
        .map_err(fail)
}

/// The counts once the file is updated: checked texts are done, the rest as they were.
fn counts_after(units: &[Unit], t: &TranslationFile) -> Counts {
    let mut counts = Counts::default();
    for unit in units {
        let found = t.tree.as_ref().and_then(|tree| record(tree, &unit.key));
        match (
            state(found.as_ref(), unit),
            found.is_some_and(|r| r.checked),
        ) {
            (State::Done, _) | (State::Stale, true) => counts.done += 1,
            (State::Stale, false) => counts.stale += 1,
            (State::Missing, _) => counts.missing += 1,
        }
    }
    counts
}

/// The translation file as `update` writes it, and what changed, in words.
fn updated(course: &Course, t: &TranslationFile, units: &[Unit]) -> (String, Vec<String>) {
    let (mut added, mut checked, mut recorded) = (0, 0, 0);
    let mut root = Yaml::Mapping(Mapping::new());
    for unit in units {
        let found = t.tree.as_ref().and_then(|tree| record(tree, &unit.key));
        let text = found.as_ref().and_then(|r| r.text()).unwrap_or_default();
        let (source, hash) = match &found {
            // Not translated yet: the stub shows the source as it is now.
            _ if text.is_empty() => {
                added += usize::from(found.is_none());
                (unit.text.clone(), short_hash(&unit.text))
            }
            Some(r) if r.checked => {
                checked += usize::from(r.hash != Some(short_hash(&unit.text).as_str()));
                (unit.text.clone(), short_hash(&unit.text))
            }
            Some(r) => match (r.source, r.hash) {
                (Some(source), Some(hash)) => (source.to_owned(), hash.to_owned()),
                // A text written without a record is a new translation of the source
                // the translator sees now.
                _ => {
                    recorded += 1;
                    (unit.text.clone(), short_hash(&unit.text))
                }
            },
            None => (unit.text.clone(), short_hash(&unit.text)),
        };
        let mut entry = Mapping::new();
        entry.insert("text".into(), text.into());
        entry.insert("source".into(), source.into());
        entry.insert("hash".into(), hash.into());
        insert(&mut root, unit.key.segments(), Yaml::Mapping(entry));
    }
    let mut changes = Vec::new();
    if added > 0 {
        changes.push(format!("{added} new texts to translate"));
    }
    if checked > 0 {
        changes.push(format!("{checked} checked texts recorded"));
    }
    if recorded > 0 {
        changes.push(format!("{recorded} new translations recorded"));
    }
    let source_name = course
        .course
        .as_ref()
        .and_then(|c| english_name(&c.value.language))
        .unwrap_or("source");
    let header = format!(
        "# {} translation of {}: write each text after `text:`. `source:` and `hash:` are\n# the {source_name} text it is translated from, kept by `course translations update`:\n# leave them. When the {source_name} text changes, `course validate` says so; update the\n# translation, add `checked: true` under its `text:`, and run `course translations update {}`.\n",
        english_name(&t.language).unwrap_or(&t.language),
        t.of.display(),
        t.language
    );
    let body = serde_yaml::to_string(&root).unwrap_or_default();
    (format!("{header}{body}"), changes)
}

/// Puts `value` at `path` in `root`, making the groups and lists on the way.
fn insert(root: &mut Yaml, path: &[Segment], value: Yaml) {
    let Some((first, rest)) = path.split_first() else {
        *root = value;
        return;
    };
    let empty = || match rest.first() {
        Some(Segment::Index(_)) => Yaml::Sequence(Vec::new()),
        _ => Yaml::Mapping(Mapping::new()),
    };
    match (root, first) {
        (Yaml::Mapping(map), Segment::Key(key)) => {
            let key = Yaml::String(key.clone());
            if !map.contains_key(&key) {
                map.insert(key.clone(), empty());
            }
            if let Some(child) = map.get_mut(&key) {
                insert(child, rest, value);
            }
        }
        (Yaml::Sequence(items), Segment::Index(i)) => {
            while items.len() <= *i {
                items.push(empty());
            }
            insert(&mut items[*i], rest, value);
        }
        _ => {}
    }
}
