//! Every document rendered to Markdown as `build` will: template syntax and recursion,
//! template failures, output, time and nesting budgets, every printed character in the
//! fonts, and the pictures templates name that no module field does. So `validate`
//! passing means the build gets past its templates.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use crate::diagnostic::{Code, Diagnostic, Place};
use crate::fonts::FontSet;
use crate::limits::MAX_MARKDOWN_DEPTH;
use crate::load::Course;
use crate::locale::Locale;
use crate::render::markdown;
use crate::render::templates::Templates;
use crate::render::Prepared;

/// Checks every document's Markdown; what it made on the way (the templates, the plan,
/// and the Markdown of each document whose template worked), for the build.
pub fn check(course: &Course, fonts: &FontSet, out: &mut Vec<Diagnostic>) -> Option<Prepared> {
    let mut made = HashMap::new();
    unused_templates(course, out);
    let Some(c) = &course.course else { return None };
    // A missing or broken locale is reported by the asset check.
    let Ok(locale) = Locale::load(&c.value.language, &course.root) else {
        return None;
    };
    let templates = match Templates::load_all(&course.root, &locale) {
        Ok(t) => t,
        Err(problems) => {
            out.extend(problems);
            return None;
        }
    };
    let language = c.value.language.clone();
    let named_by_modules: BTreeSet<&str> = course
        .modules
        .iter()
        .flat_map(|m| m.value.images())
        .collect();
    let mut documents = crate::plan::plan(course, &locale);
    let whole_class = documents.len();
    // A family's documents (the first family's stand for all) use the same templates
    // with `family` in their data, and one of their own, the certificate: checked here,
    // but made by the build family by family, never from this Markdown.
    let families = c.value.class.as_ref().filter(|c| c.family_files.is_some());
    if families.is_some_and(|c| !c.attendees.is_empty()) {
        documents.extend(crate::plan::family_plan(course, &locale, 0));
    }
    let rendered = render_within_budget(templates, &documents);
    let templates = &rendered.templates;
    let mut found: Vec<Diagnostic> = templates.old_names().to_vec();
    let mut pictures: BTreeSet<(String, PathBuf)> = BTreeSet::new();
    // Each document's Markdown is checked on its own, side by side; what they find is
    // gathered in the plan's order, so the messages come out the same on every run.
    let checked: Vec<(usize, Checked)> = {
        use rayon::prelude::*;
        let each = Each {
            course,
            fonts,
            locale: &locale,
            language: &language,
            templates,
            named_by_modules: &named_by_modules,
        };
        documents
            .par_iter()
            .zip(rendered.results)
            .enumerate()
            .filter_map(|(i, (doc, result))| Some((i, each.check(doc, result?))))
            .collect()
    };
    for (i, one) in checked {
        found.extend(one.found);
        pictures.extend(one.pictures);
        if let Some((file_name, text)) = one.markdown.filter(|_| i < whole_class) {
            made.insert(file_name, text);
        }
    }
    documents.truncate(whole_class);
    for (path, file) in pictures {
        if let Some((why, hint)) = super::assets::image_problem(course, &path) {
            found.push(Diagnostic::error(Code::TemplateError, file, why).hint(hint));
        }
    }
    // The same template problem shows in every document made from it: say it once.
    let mut said = Vec::new();
    for d in found {
        if !said.contains(&d) {
            said.push(d.clone());
            out.push(d);
        }
    }
    Some(Prepared {
        locale,
        templates: rendered.templates,
        documents,
        markdown: made,
    })
}

/// What one document's check found, and its Markdown when its template worked.
struct Checked {
    found: Vec<Diagnostic>,
    pictures: Vec<(String, PathBuf)>,
    markdown: Option<(String, String)>,
}

/// What every document's check reads.
struct Each<'a> {
    course: &'a Course,
    fonts: &'a FontSet,
    locale: &'a Locale,
    language: &'a str,
    templates: &'a Templates,
    named_by_modules: &'a BTreeSet<&'a str>,
}

impl Each<'_> {
    fn check(
        &self,
        doc: &crate::plan::PlannedDocument,
        result: Result<String, Diagnostic>,
    ) -> Checked {
        let (course, fonts, locale, templates) =
            (self.course, self.fonts, self.locale, self.templates);
        let mut checked = Checked {
            found: Vec::new(),
            pictures: Vec::new(),
            markdown: None,
        };
        let found = &mut checked.found;
        let template = doc.kind.template();
        let markdown_text = match result {
            Ok(text) => text,
            Err(d) => {
                found.push(d);
                return checked;
            }
        };
        if let Some(d) = templates.unknown_name(template, &doc.data) {
            found.push(d);
        }
        let (blocks, depth) = markdown::parse_measured(&markdown_text, self.language);
        if depth > MAX_MARKDOWN_DEPTH {
            found.push(
                Diagnostic::error(
                    Code::TemplateTooDeep,
                    templates.file_of(template),
                    format!("this template nests quotes (`>`) and lists {depth} levels deep; at most {MAX_MARKDOWN_DEPTH} levels are printed"),
                )
                .hint("use fewer `>` at the start of a line, and indent lists fewer times"),
            );
        }
        // Every character that reaches the page, including the bullets and checkboxes
        // the PDF draws and the fixed words in the footer, must be in the fonts.
        let mut printed = String::new();
        markdown::printed_text(&blocks, &mut printed);
        printed.push_str(&doc.footer);
        printed.push_str(&locale.text("page_of", &[("page", &1), ("pages", &2)]));
        // Characters from the course's own files are reported where they are written.
        let unprintable = printed.chars().find(|&c| {
            !c.is_control()
                && !fonts.can_print(c)
                && !course.sources.iter().any(|s| s.text.contains(c))
        });
        if let Some(c) = unprintable {
            let message = |what: &str| {
                format!(
                    "{what} the character `{c}` (U+{:04X}), which the course fonts lack",
                    c as u32
                )
            };
            let hint = "name a font folder that has it with `fonts:` in course.yaml, or change the text that prints it";
            let word = locale
                .words
                .iter()
                .find(|(_, v)| v.to_string().contains(c))
                .map(|(k, _)| k.clone());
            found.push(match word {
                Some(key) => Diagnostic::error(
                    Code::UnprintableCharacter,
                    Place::new(words_file(locale, self.language), None, crate::field![&key]),
                    message(&format!("the fixed words for `{key}` print")),
                )
                .hint(hint),
                None => Diagnostic::error(
                    Code::UnprintableCharacter,
                    templates.file_of(template),
                    message("this template prints"),
                )
                .hint(hint),
            });
        }
        for path in markdown::images(&blocks) {
            if !self.named_by_modules.contains(path) {
                checked
                    .pictures
                    .push((path.to_owned(), templates.file_naming(path, template)));
            }
        }
        drop(blocks);
        checked.markdown = Some((doc.file_name.clone(), markdown_text));
        checked
    }
}

/// The file the fixed words of `language` come from, as shown to the user.
fn words_file(locale: &Locale, language: &str) -> PathBuf {
    locale.own_file.clone().unwrap_or_else(|| {
        PathBuf::from("(built-in)/templates/locales").join(format!("{language}.yaml"))
    })
}

struct Rendered {
    templates: Templates,
    /// One per document, in order; `None` for those not rendered (the build was stopped).
    results: Vec<Option<Result<String, Diagnostic>>>,
}

/// Renders every document's Markdown under the same budgets as a build (time, loop turns,
/// text), side by side, so a template that runs away stops itself; once one has run out
/// of time, the rest are stopped or not tried.
fn render_within_budget(
    templates: Templates,
    documents: &[crate::plan::PlannedDocument],
) -> Rendered {
    use crate::render::budget::{self, Exceeded};
    use rayon::prelude::*;
    use std::sync::atomic::Ordering;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let results = documents
        .par_iter()
        .map(|doc| {
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            let (result, exceeded) = budget::within(budget::Budget::new(stop.clone()), || {
                templates.render(doc.kind.template(), &doc.data)
            });
            match exceeded {
                Some(Exceeded::Time(_)) => stop.store(true, Ordering::Relaxed),
                // Stopped because another ran out of time: as if never tried.
                Some(Exceeded::Stopped) => return None,
                _ => {}
            }
            Some(result)
        })
        .collect();
    Rendered { templates, results }
}

/// A file in `templates/` that replaces no built-in template is never used: most likely
/// a misspelt name, which would otherwise leave the built-in one in place silently.
fn unused_templates(course: &Course, out: &mut Vec<Diagnostic>) {
    let Ok(entries) = std::fs::read_dir(course.root.join("templates")) else {
        return;
    };
    let names: Vec<String> = crate::render::templates::DEFAULTS
        .iter()
        .map(|(name, _)| format!("{name}.md.hbs"))
        .collect();
    let mut found: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".hbs") && !names.contains(name))
        .collect();
    found.sort();
    for name in found {
        let hint = crate::suggest::hint_for(&name, names.iter().map(String::as_str), || {
            format!(
                "the templates a course can replace are {}",
                names.join(", ")
            )
        });
        out.push(
            Diagnostic::warning(
                Code::TemplateNotUsed,
                PathBuf::from("templates").join(&name),
                "this template is not used: no document has this name",
            )
            .hint(hint),
        );
    }
}
