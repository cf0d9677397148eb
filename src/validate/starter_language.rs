//! Texts a course still has from a starter in another language than its own: a course
//! in a language without a built-in starter begins with the English one, and a course
//! whose language was changed keeps the old starter's words. The handouts would mix two
//! languages, so one warning lists every such text.

use std::path::PathBuf;

use crate::diagnostic::{Code, Diagnostic, Field, Location, Place};
use crate::load::yaml::Value;
use crate::load::Course;
use crate::starter_words::{starter_language, written_texts};

/// How many texts the warning names; the rest are counted.
const NAMED: usize = 40;

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) {
    let Some(c) = &course.course else { return };
    let language = c.value.language.as_str();
    // A language that is not one, or has no words, is the mistake to fix first.
    let language_field = crate::field!["language"];
    if out
        .iter()
        .any(|d| d.is_error() && d.file == c.file && d.field.as_ref() == Some(&language_field))
    {
        return;
    }
    let own = starter_language(language);
    let texts = written_texts();
    // (file, where, field, starter languages) of each text from another language's starter.
    let mut found: Vec<(PathBuf, Location, Field, &[&str])> = Vec::new();
    let trees = std::iter::once((&c.file, &c.tree))
        .chain(course.modules.iter().map(|m| (&m.file, &m.tree)));
    for (file, tree) in trees {
        let mut field = Field::default();
        super::text::walk(tree, &mut field, &mut |node, field| {
            let Value::Scalar { text, .. } = &node.value else {
                return;
            };
            let Some(languages) = texts.get(text.as_str()) else {
                return;
            };
            if own.is_some_and(|own| languages.contains(&own)) {
                return;
            }
            found.push((file.clone(), node.at, field.clone(), languages));
        });
    }
    let Some((file, at, field, _)) = found.first().cloned() else {
        return;
    };
    // A text several starters share (`Baby`) says less than one only a single one has.
    let mut likely: Vec<&str> = found
        .iter()
        .filter(|f| f.3.len() == 1)
        .map(|f| f.3[0])
        .collect();
    if likely.is_empty() {
        likely = found.iter().flat_map(|f| f.3.iter().copied()).collect();
    }
    likely.sort_by_key(|l| crate::starter_words::WORDS.iter().position(|(w, _)| w == l));
    likely.dedup();
    let names: Vec<String> = likely.iter().map(|l| language_name(l)).collect();
    let course_language = language_name(language);
    let count = found.len();
    let mut lines: Vec<String> = found
        .iter()
        .take(NAMED)
        .map(|(file, at, field, _)| {
            let shown = crate::locate::shown(&course.root, file);
            let label = crate::load::label::label(field, course.tree(file));
            format!("  {}:{}: {label}", shown.display(), at.line)
        })
        .collect();
    if count > NAMED {
        lines.push(format!("  and {} more", count - NAMED));
    }
    let texts = if count == 1 { "text is" } else { "texts are" };
    out.push(
        Diagnostic::warning(
            Code::StarterLanguage,
            Place::new(&file, Some(at), field),
            format!(
                "the course is in {course_language}, but {count} {texts} in {}, word for word as in the starter modules, so the handouts would mix languages:\n{}",
                crate::suggest::list(&names.iter().map(String::as_str).collect::<Vec<_>>(), 3),
                lines.join("\n")
            ),
        )
        .hint(format!(
            "write each of these in {}, or delete those you will not teach",
            crate::language_names::english_name(language).unwrap_or(language)
        )),
    );
}

/// `de` as "German (`de`)"; a code CLDR does not name stays a code.
fn language_name(code: &str) -> String {
    match crate::language_names::english_name(code) {
        Some(name) => format!("{name} (`{code}`)"),
        None => format!("`{code}`"),
    }
}
