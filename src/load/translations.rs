//! Translation files: `translations/<language>/<file>.yaml`, one for `course.yaml` and
//! one per module file, each holding the texts of its source file in one language (see
//! [`crate::model::translation`]). They are read through the same gate as every course
//! file (inside the course folder, size limits, UTF-8), parsed with locations so that a
//! problem names its line, and a translated course is the source course with its texts
//! replaced.

use std::path::{Path, PathBuf};

use super::yaml::{self, Node, Value};
use super::{Course, Loaded, Source, COURSE_FILE};
use crate::diagnostic::{Code, Diagnostic, Field, Place};
use crate::model::translation::{self, Unit};
use crate::model::{is_language_tag, CourseFile};

/// The folder that holds one folder of translation files per language.
pub const TRANSLATIONS_DIR: &str = "translations";

/// One translation file: the texts of one source file in one language.
#[derive(Debug, Clone)]
pub struct TranslationFile {
    /// Its language, as `course.yaml` names it in `translations`.
    pub language: String,
    /// Where it is: `translations/de/tummy.yaml`.
    pub file: PathBuf,
    /// The file it translates: `modules/tummy.yaml` or `course.yaml`.
    pub of: PathBuf,
    /// Its tree; none when it does not exist or could not be read (said in the
    /// course's diagnostics).
    pub tree: Option<Node>,
    /// Whether there is a file at all.
    pub exists: bool,
}

/// The file that holds the `language` texts of `source` (`modules/tummy.yaml`).
pub fn file_for(language: &str, source: &Path) -> PathBuf {
    let name = source.file_name().unwrap_or(source.as_os_str());
    Path::new(TRANSLATIONS_DIR).join(language).join(name)
}

/// The languages a course is translated into that can name a folder: a tag that is not
/// one is reported by the checks, never used as a path.
pub fn languages(course: &CourseFile) -> Vec<&str> {
    let mut seen = Vec::new();
    for language in &course.translations {
        if is_language_tag(language)
            && *language != course.language
            && !seen.contains(&language.as_str())
        {
            seen.push(language.as_str());
        }
    }
    seen
}

/// Reads every translation file of `course` (after its own files), adding their sources
/// and the problems found reading them.
pub(super) fn read(course: &mut Course) {
    let Some(c) = &course.course else { return };
    let languages: Vec<String> = languages(&c.value).into_iter().map(str::to_owned).collect();
    course.strict_translations = c.value.strict_translations;
    let mut sources: Vec<PathBuf> = vec![PathBuf::from(COURSE_FILE)];
    sources.extend(course.modules.iter().map(|m| m.file.clone()));
    for language in &languages {
        for of in &sources {
            let file = file_for(language, of);
            let translation = read_one(course, language, &file, of);
            course.translations.push(translation);
        }
        unmatched_files(course, language, &sources);
    }
}

fn read_one(course: &mut Course, language: &str, file: &Path, of: &Path) -> TranslationFile {
    let mut translation = TranslationFile {
        language: language.to_owned(),
        file: file.to_owned(),
        of: of.to_owned(),
        tree: None,
        exists: course.root.join(file).symlink_metadata().is_ok(),
    };
    if !translation.exists {
        return translation;
    }
    let source = match Source::read(&course.root, file) {
        Ok(source) => source,
        Err(d) => {
            course.diagnostics.push(d);
            return translation;
        }
    };
    let parsed = match source.forbidden_character() {
        Some(d) => Err(d),
        None => yaml::parse(&source),
    };
    match parsed {
        Ok(tree) if matches!(tree.value, Value::Map(_)) => translation.tree = Some(tree),
        Ok(tree) => course.diagnostics.push(
            Diagnostic::error(
                Code::NotFields,
                Place::in_text(file, tree.at),
                "this file should be a list of fields such as `title:`, one per line",
            )
            .hint(format!(
                "run `course translations update {language}` to write it again with every text to translate"
            )),
        ),
        Err(d) => course.diagnostics.push(d),
    }
    course.sources.push(source);
    translation
}

/// A file in `translations/<language>/` that translates no file of the course (a module
/// renamed or removed): said, so its texts are not thought to be printed.
fn unmatched_files(course: &mut Course, language: &str, sources: &[PathBuf]) {
    let dir = Path::new(TRANSLATIONS_DIR).join(language);
    let Ok(entries) = std::fs::read_dir(course.root.join(&dir)) else {
        return;
    };
    let mut names: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| PathBuf::from(e.file_name()))
        .filter(|n| matches!(n.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .filter(|n| !sources.iter().any(|s| s.file_name() == Some(n.as_os_str())))
        .collect();
    names.sort();
    for name in names.into_iter().take(crate::limits::MAX_MODULES) {
        course.diagnostics.push(
            Diagnostic::warning(
                Code::TranslationUnknown,
                dir.join(&name),
                format!(
                    "this translation belongs to no file of the course: there is no `modules/{}`",
                    name.display()
                ),
            )
            .hint("rename it as its module file is named, or remove it if the module is gone"),
        );
    }
}

/// What a translation file holds for one unit.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    /// The unit in the file (a group with `text`, or the text itself).
    pub node: &'a Node,
    /// The translated text; none when it is empty.
    pub text: Option<&'a Node>,
    /// The source text it was made from, as recorded.
    pub source: Option<&'a str>,
    /// The short hash of that source text, as recorded.
    pub hash: Option<&'a str>,
    /// The translator's mark that the text matches the source as it is now.
    pub checked: bool,
}

impl Record<'_> {
    pub fn text(&self) -> Option<&str> {
        self.text.and_then(Node::as_str)
    }
}

/// The unit at `key` of a translation's tree, if the file has it.
pub fn record<'a>(tree: &'a Node, key: &Field) -> Option<Record<'a>> {
    let node = tree.find(key)?;
    let filled = |n: &&Node| !n.is_null() && n.as_str().is_some_and(|t| !t.trim().is_empty());
    Some(match &node.value {
        // A text written straight after its key: a translation with no record yet.
        Value::Scalar { .. } => Record {
            node,
            text: Some(node).filter(filled),
            source: None,
            hash: None,
            checked: false,
        },
        Value::Map(_) => Record {
            node,
            text: node.get("text").filter(filled),
            source: node.get("source").and_then(Node::as_str),
            hash: node.get("hash").and_then(Node::as_str),
            checked: node
                .get("checked")
                .and_then(Node::as_str)
                .is_some_and(|c| matches!(c, "true" | "yes" | "True" | "Yes")),
        },
        Value::Seq(_) => return None,
    })
}

/// How far one unit is translated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Translated from the source as it is now.
    Done,
    /// Translated from another source text (or with no record of which).
    Stale,
    /// Not translated.
    Missing,
}

/// The state of a unit whose source text is `unit.text`.
pub fn state(record: Option<&Record<'_>>, unit: &Unit) -> State {
    match record {
        Some(r) if r.text().is_some() => {
            if r.hash == Some(translation::short_hash(&unit.text).as_str()) {
                State::Done
            } else {
                State::Stale
            }
        }
        _ => State::Missing,
    }
}

/// The units of the file a translation translates.
pub fn units(course: &Course, translation: &TranslationFile) -> Vec<Unit> {
    if translation.of == Path::new(COURSE_FILE) {
        return course
            .course
            .as_ref()
            .map(|c| translation::course_units(&c.value))
            .unwrap_or_default();
    }
    course
        .modules
        .iter()
        .find(|m| m.file == translation.of)
        .map(|m| translation::module_units(&m.value))
        .unwrap_or_default()
}

impl Course {
    /// The course in `language`: every text its translation has replaced, the rest as
    /// written, and `language` as the course's language (for the fixed words, quotes and
    /// hyphenation). Nothing else changes: pictures, numbers, dates and ids are shared.
    pub fn translated(&self, language: &str) -> Option<Course> {
        let c = self.course.as_ref()?;
        let texts_of = |of: &Path, units: &[Unit]| -> Vec<(Field, String)> {
            let Some(tree) = self
                .translations
                .iter()
                .find(|t| t.language == language && t.of == of)
                .and_then(|t| t.tree.as_ref())
            else {
                return Vec::new();
            };
            units
                .iter()
                .filter_map(|u| {
                    let text = record(tree, &u.key)?.text()?.to_owned();
                    Some((u.at.clone(), text))
                })
                .collect()
        };
        let course_texts = texts_of(Path::new(COURSE_FILE), &translation::course_units(&c.value));
        let pairs: Vec<(&Field, &str)> =
            course_texts.iter().map(|(f, t)| (f, t.as_str())).collect();
        let course_file = Loaded {
            value: translation::translate_course(&c.value, &pairs, language),
            ..c.clone()
        };
        let modules = self
            .modules
            .iter()
            .map(|m| {
                let texts = texts_of(&m.file, &translation::module_units(&m.value));
                let pairs: Vec<(&Field, &str)> =
                    texts.iter().map(|(f, t)| (f, t.as_str())).collect();
                Loaded {
                    value: translation::translate_module(&m.value, &pairs),
                    ..m.clone()
                }
            })
            .collect();
        let translated = Course {
            root: self.root.clone(),
            sources: self.sources.clone(),
            course: Some(course_file),
            modules,
            unloaded_ids: self.unloaded_ids.clone(),
            modules_over_limit: self.modules_over_limit,
            unloaded_part_ids: self.unloaded_part_ids.clone(),
            unread_modules: self.unread_modules.clone(),
            unloaded_kinds: self.unloaded_kinds.clone(),
            diagnostics: Vec::new(),
            translations: Vec::new(),
            strict_translations: false,
            unloaded_trees: self.unloaded_trees.clone(),
            index: Default::default(),
        };
        Some(translated.indexed())
    }
}
