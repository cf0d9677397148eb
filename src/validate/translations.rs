//! Translations checked against their source: the languages named in `course.yaml`,
//! then each translation file unit by unit (missing, out of date, still the source text,
//! numbers and marks that differ) and as a whole (strokes, steps or fields its source
//! does not have). Every problem names the translation's line and, as its second place,
//! the source's.

use super::translation_text;
use crate::diagnostic::{Code, Diagnostic, Field, Location, Segment, Severity};
use crate::field;
use crate::language_names::english_name;
use crate::load::translations::{self, record, state, State, TranslationFile};
use crate::load::yaml::{Node, Value};
use crate::load::Course;
use crate::model::translation::{keyed_by, Unit, UNIT_FIELDS};
use crate::suggest::shorten;
use std::collections::HashSet;

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) {
    let Some(c) = &course.course else { return };
    languages(course, out);
    let source_name = name_of(&c.value.language);
    for translation in &course.translations {
        let units = translations::units(course, translation);
        let file = File {
            course,
            translation,
            source_name: &source_name,
            name: name_of(&translation.language),
            severity: if course.strict_translations {
                Severity::Error
            } else {
                Severity::Warning
            },
        };
        match &translation.tree {
            Some(tree) => {
                file.units(tree, &units, out);
                file.structure(tree, &units, out);
            }
            None if !translation.exists && !units.is_empty() => file.missing_file(out),
            None => {}
        }
    }
}

/// "German" for `de`, or the tag itself for a language without an English name.
fn name_of(tag: &str) -> String {
    english_name(tag).map_or_else(|| format!("`{tag}`"), str::to_owned)
}

/// Each language of `translations`: a tag, not the course's own, named once, with words
/// for the page.
fn languages(course: &Course, out: &mut Vec<Diagnostic>) {
    let Some(c) = &course.course else { return };
    let mut seen = HashSet::new();
    for (i, language) in c.value.translations.iter().enumerate() {
        let place = c.place(field!["translations", i]);
        let problem = |message: String, hint: &str| {
            Diagnostic::error(Code::BadTranslationLanguage, place.clone(), message).hint(hint)
        };
        if !crate::model::is_language_tag(language) {
            out.push(problem(
                format!("`{language}` is not a language code"),
                "write a language code such as `de`, `uk`, `ar` or `pt-BR`",
            ));
        } else if *language == c.value.language {
            out.push(problem(
                format!("`{language}` is the language the course is written in (`language`), so it needs no translation"),
                "list only the other languages the handouts are made in",
            ));
        } else if !seen.insert(language.as_str()) {
            out.push(problem(
                format!("`{language}` is named twice"),
                "remove one of them",
            ));
        } else if crate::locale::Locale::load(language, &course.root).is_err() {
            out.push(problem(
                format!("there are no words for the page (such as \"Page 1 of 2\") in `{language}`"),
                "check the language code, or copy the words of another language with `course templates copy words` into `locales/` and translate them",
            ));
        }
    }
}

/// More texts than this missing from one file are said as one problem.
const MISSING_SAID_ONE_BY_ONE: usize = 5;

/// One translation file being checked.
struct File<'a> {
    course: &'a Course,
    translation: &'a TranslationFile,
    source_name: &'a str,
    name: String,
    /// Of a text not yet translated or out of date.
    severity: Severity,
}

impl File<'_> {
    fn diagnostic(
        &self,
        severity: Severity,
        code: Code,
        at: Option<Location>,
        field: &Field,
        message: String,
    ) -> Diagnostic {
        let place = crate::diagnostic::Place::new(&self.translation.file, at, field.clone());
        match severity {
            Severity::Error => Diagnostic::error(code, place, message),
            Severity::Warning => Diagnostic::warning(code, place, message),
        }
    }

    /// `d` with the source's line of `at` as its second place.
    fn with_source(&self, d: Diagnostic, at: &Field) -> Diagnostic {
        let location = self
            .course
            .tree(&self.translation.of)
            .and_then(|tree| tree.find(at).or(Some(tree)))
            .map(|n| n.at);
        match location {
            Some(location) => d.related(
                &self.translation.of,
                location,
                format!("the {} text is here", self.source_name),
            ),
            None => d,
        }
    }

    fn update_hint(&self) -> String {
        format!(
            "run `course translations update {}` to add what is missing to the file, then translate it",
            self.translation.language
        )
    }

    fn missing_file(&self, out: &mut Vec<Diagnostic>) {
        let d = self.diagnostic(
            self.severity,
            Code::TranslationMissing,
            None,
            &Field::default(),
            format!(
                "there is no {} translation of `{}` yet, so its texts print in {}",
                self.name,
                self.translation.of.display(),
                self.source_name
            ),
        );
        out.push(self.with_source(d.hint(self.update_hint()), &Field::default()));
    }

    fn units(&self, tree: &Node, units: &[Unit], out: &mut Vec<Diagnostic>) {
        // A stroke left out whole is said once, not once for each of its texts.
        let mut missing_items: HashSet<Field> = HashSet::new();
        let mut missing: Vec<(Location, &Unit)> = Vec::new();
        for unit in units {
            let found = record(tree, &unit.key);
            if found.is_none() {
                if let Some(item) = missing_item(tree, &unit.key) {
                    if missing_items.insert(item.clone()) {
                        out.push(self.item_not_translated(tree, unit, &item));
                    }
                    continue;
                }
            }
            match state(found.as_ref(), unit) {
                State::Missing => {
                    let at = found
                        .map(|r| r.node.get("text").unwrap_or(r.node).at)
                        .unwrap_or_else(|| nearest(tree, &unit.key));
                    missing.push((at, unit));
                    continue;
                }
                State::Stale => out.push(self.stale(found.as_ref().expect("translated"), unit)),
                State::Done => {}
            }
            let Some(found) = found else { continue };
            let (Some(text), Some(node)) = (found.text(), found.text) else {
                continue;
            };
            for mismatch in translation_text::mismatches(&unit.text, text, self.source_name) {
                let (severity, code) = if mismatch.warning {
                    (Severity::Warning, Code::TranslationPunctuation)
                } else {
                    (Severity::Error, Code::TranslationMismatch)
                };
                let d = self.diagnostic(severity, code, Some(node.at), &unit.key, mismatch.message);
                let hint = if mismatch.warning {
                    "end it as the source text ends, unless the language writes it otherwise"
                } else {
                    "parents read the same handout in every language: make it say the same"
                };
                out.push(self.with_source(d.hint(hint), &unit.at));
            }
            if translation_text::unchanged(&unit.text, text) {
                let d = self.diagnostic(
                    Severity::Warning,
                    Code::TranslationUnchanged,
                    Some(node.at),
                    &unit.key,
                    format!("this is still the {} text, word for word", self.source_name),
                );
                let hint = format!(
                    "translate it into {}, or leave it if it is a name that stays the same",
                    self.name
                );
                out.push(self.with_source(d.hint(hint), &unit.at));
            }
        }
        self.not_translated(&missing, out);
    }

    /// Texts not translated: each said where it is; or, in a file that has many (a stub
    /// just written), the first with how many more, so they do not drown the rest.
    fn not_translated(&self, missing: &[(Location, &Unit)], out: &mut Vec<Diagnostic>) {
        let one = |at: Location, unit: &Unit, message: String| {
            let d = self.diagnostic(
                self.severity,
                Code::TranslationMissing,
                Some(at),
                &unit.key,
                message,
            );
            self.with_source(d.hint(self.update_hint()), &unit.at)
        };
        match missing {
            [] => {}
            [(at, unit), rest @ ..] if rest.len() >= MISSING_SAID_ONE_BY_ONE => out.push(one(
                *at,
                unit,
                format!(
                    "“{}” and {} more texts of this file are not translated into {} yet, so they print in {}",
                    shorten(&unit.text, 60),
                    rest.len(),
                    self.name,
                    self.source_name
                ),
            )),
            _ => out.extend(missing.iter().map(|(at, unit)| {
                one(
                    *at,
                    unit,
                    format!(
                        "“{}” is not translated into {} yet, so it prints in {}",
                        shorten(&unit.text, 60),
                        self.name,
                        self.source_name
                    ),
                )
            })),
        }
    }

    fn stale(&self, found: &translations::Record<'_>, unit: &Unit) -> Diagnostic {
        let at = found.text.map_or(found.node.at, |n| n.at);
        let message = match found.source {
            Some(old) if found.hash.is_some() => format!(
                "the {} text changed since this was translated: it was “{}”, it is now “{}”",
                self.source_name,
                shorten(old, 80),
                shorten(&unit.text, 80)
            ),
            _ => format!(
                "there is no record of the {} text this was translated from; it is now “{}”",
                self.source_name,
                shorten(&unit.text, 80)
            ),
        };
        let d = self.diagnostic(
            self.severity,
            Code::TranslationStale,
            Some(at),
            &unit.key,
            message,
        );
        let hint = format!(
            "bring the translation in line with it, add `checked: true` under its `text`, and run `course translations update {}`",
            self.translation.language
        );
        self.with_source(d.hint(hint), &unit.at)
    }

    fn item_not_translated(&self, tree: &Node, unit: &Unit, item: &Field) -> Diagnostic {
        let (list, id) = match item.segments() {
            [.., Segment::Key(list), Segment::Key(id)] => (list.as_str(), id.as_str()),
            _ => ("", ""),
        };
        let what = match list {
            "adaptations" => format!("the toddler adaptation of the stroke `{id}`"),
            _ => format!("the stroke `{id}`"),
        };
        let d = self.diagnostic(
            self.severity,
            Code::TranslationMissing,
            Some(nearest(tree, item)),
            item,
            format!(
                "{what} is not translated into {} yet, so it prints in {}",
                self.name, self.source_name
            ),
        );
        let at = Field::from(unit.at.segments()[..item.segments().len()].to_vec());
        self.with_source(d.hint(self.update_hint()), &at)
    }

    /// What the file holds that its source does not: a stroke, an item of a list, a
    /// field, or a field of a text.
    fn structure(&self, tree: &Node, units: &[Unit], out: &mut Vec<Diagnostic>) {
        let keys: HashSet<&Field> = units.iter().map(|u| &u.key).collect();
        let mut prefixes: HashSet<Field> = HashSet::new();
        for unit in units {
            let mut field = unit.key.clone();
            while !field.is_empty() {
                field.pop();
                prefixes.insert(field.clone());
            }
        }
        self.walk(tree, &mut Field::default(), &keys, &prefixes, units, out);
    }

    fn walk(
        &self,
        node: &Node,
        path: &mut Field,
        keys: &HashSet<&Field>,
        prefixes: &HashSet<Field>,
        units: &[Unit],
        out: &mut Vec<Diagnostic>,
    ) {
        let children: Vec<(Segment, &Node, Location)> = match &node.value {
            Value::Map(entries) => entries
                .iter()
                .filter_map(|(k, v)| Some((Segment::Key(k.as_str()?.to_owned()), v, k.at)))
                .collect(),
            Value::Seq(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (Segment::Index(i), v, v.at))
                .collect(),
            Value::Scalar { .. } => return,
        };
        for (segment, child, at) in children {
            path.push(segment.clone());
            if keys.contains(path) {
                self.unit_fields(child, path, out);
            } else if prefixes.contains(path) {
                self.walk(child, path, keys, prefixes, units, out);
            } else {
                out.push(self.unknown(path, at, &segment, units));
            }
            path.pop();
        }
    }

    /// A unit written as a group may have only the fields of a unit.
    fn unit_fields(&self, node: &Node, path: &Field, out: &mut Vec<Diagnostic>) {
        let Value::Map(entries) = &node.value else {
            return;
        };
        for (key, _) in entries {
            let Some(name) = key.as_str() else { continue };
            if UNIT_FIELDS.contains(&name) {
                continue;
            }
            let hint = crate::suggest::hint_for(name, UNIT_FIELDS, || {
                "a translated text has `text` (the translation) and, written by `course translations update`, `source` and `hash`; `checked: true` marks it as checked".to_owned()
            });
            let d = self.diagnostic(
                Severity::Error,
                Code::TranslationUnknown,
                Some(key.at),
                &path.join(name),
                format!("`{name}` is not a field of a translated text"),
            );
            out.push(d.hint(hint));
        }
    }

    fn unknown(&self, path: &Field, at: Location, segment: &Segment, units: &[Unit]) -> Diagnostic {
        let of = self.translation.of.display();
        let parent = path.parent();
        let list = match parent.last() {
            Some(Segment::Key(list)) => list.as_str(),
            _ => "",
        };
        // The source's field that holds what is unknown here, for the second place.
        let source_parent = units
            .iter()
            .find(|u| u.key.segments().starts_with(parent.segments()))
            .map(|u| Field::from(u.at.segments()[..parent.segments().len()].to_vec()))
            .unwrap_or_default();
        let (message, hint) = match segment {
            Segment::Key(id) if keyed_by(list).is_some() => {
                let ids: Vec<&str> = units
                    .iter()
                    .filter_map(|u| match u.key.segments().get(parent.segments().len()) {
                        Some(Segment::Key(id)) if u.key.segments().starts_with(parent.segments()) => Some(id.as_str()),
                        _ => None,
                    })
                    .collect();
                let noun = if list == "adaptations" { "toddler adaptation of a stroke" } else { "stroke" };
                let hint = crate::suggest::hint_for(id, ids.iter().copied(), || {
                    format!("a translation holds only the {noun}s of `{of}`: remove it, or add it there first")
                });
                (format!("there is no {noun} `{id}` in `{of}`"), hint)
            }
            Segment::Index(i) => {
                let count = units
                    .iter()
                    .filter_map(|u| match u.key.segments().get(parent.segments().len()) {
                        Some(Segment::Index(j)) if u.key.segments().starts_with(parent.segments()) => Some(*j),
                        _ => None,
                    })
                    .max()
                    .map_or(0, |j| j + 1);
                let noun = crate::load::label::item_noun(list).unwrap_or("item");
                (
                    format!(
                        "this is {noun} {} but the {} text has {} here",
                        i + 1,
                        self.source_name,
                        plural(count, noun)
                    ),
                    format!("remove it, or add the {noun} to `{of}` first"),
                )
            }
            Segment::Key(name) => (
                format!("`{name}` is not a text to translate here"),
                format!("a translation holds only the texts of `{of}`; numbers, pictures and ids come from there"),
            ),
        };
        let d = self.diagnostic(
            Severity::Error,
            Code::TranslationUnknown,
            Some(at),
            path,
            message,
        );
        self.with_source(d.hint(hint), &source_parent)
    }
}

fn plural(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

/// The stroke (or adaptation) of `key` when the translation leaves it out whole: a
/// keyed item the tree does not have.
fn missing_item(tree: &Node, key: &Field) -> Option<Field> {
    let segments = key.segments();
    (1..segments.len()).find_map(|n| {
        let item = Field::from(segments[..=n].to_vec());
        match (&segments[n - 1], &segments[n]) {
            (Segment::Key(list), Segment::Key(_))
                if keyed_by(list).is_some() && tree.find(&item).is_none() =>
            {
                Some(item)
            }
            _ => None,
        }
    })
}

/// Where `key` would be in the tree: the deepest part of it the tree has.
fn nearest(tree: &Node, key: &Field) -> Location {
    let mut node = tree;
    for segment in key.segments() {
        match node.child(segment) {
            Some(child) => node = child,
            None => break,
        }
    }
    node.at
}
