//! Every document rendered to Markdown as `build` will: template syntax and recursion,
//! template failures, output, time and nesting budgets, every printed character in the
//! fonts, and the pictures templates name that no module field does. So `validate`
//! passing means the build gets past its templates.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::fonts::FontSet;
use crate::limits::{MAX_MARKDOWN_DEPTH, MAX_TEMPLATE_SECONDS};
use crate::load::Course;
use crate::render::locale::Locale;
use crate::render::markdown;
use crate::render::templates::Templates;

pub fn check(course: &Course, fonts: &FontSet, out: &mut Vec<Diagnostic>) {
    unused_templates(course, out);
    let Some(c) = &course.course else { return };
    // A missing or broken locale is reported by the asset check.
    let Ok(locale) = Locale::load(&c.value.language, &course.root) else {
        return;
    };
    let templates = match Templates::load_all(&course.root, &locale) {
        Ok(t) => t,
        Err(problems) => {
            out.extend(problems);
            return;
        }
    };
    let language = c.value.language.clone();
    let named_by_modules: BTreeSet<&str> = course
        .modules
        .iter()
        .flat_map(|m| m.value.images())
        .collect();
    let mut found = Vec::new();
    let mut pictures: BTreeSet<(String, PathBuf)> = BTreeSet::new();
    let documents = crate::plan::plan(course, &locale);
    let rendered = render_with_deadline(templates, &documents);
    let templates = &rendered.templates;
    for (doc, result) in documents.iter().zip(rendered.results) {
        let template = doc.kind.template();
        let markdown_text = match result {
            Some(Ok(text)) => text,
            Some(Err(d)) => {
                found.push(d);
                continue;
            }
            None => {
                // Timed out: the rest were not rendered either.
                found.push(
                    Diagnostic::error(
                        templates.file_of(template),
                        format!(
                            "this template takes more than {} seconds to fill in",
                            template_seconds()
                        ),
                    ).code(crate::diagnostic::Code::TemplateError)
                    .hint("check for `{{#each}}` blocks inside each other that repeat a long list many times"),
                );
                break;
            }
        };
        let (blocks, depth) = markdown::parse_measured(&markdown_text, &language);
        if depth > MAX_MARKDOWN_DEPTH {
            found.push(
                Diagnostic::error(
                    templates.file_of(template),
                    format!("this template nests quotes (`>`) and lists {depth} levels deep; at most {MAX_MARKDOWN_DEPTH} levels are printed"),
                ).code(crate::diagnostic::Code::TemplateTooDeep)
                .hint("use fewer `>` at the start of a line, and indent lists fewer times"),
            );
        }
        // Every character that reaches the page, including the bullets and checkboxes
        // the PDF draws and the fixed words in the footer, must be in the fonts.
        let mut printed = String::new();
        printed_text(&blocks, &mut printed);
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
                    words_file(&locale, &language),
                    message(&format!("the fixed words for `{key}` print")),
                )
                .code(crate::diagnostic::Code::UnprintableCharacter)
                .field(key)
                .hint(hint),
                None => {
                    Diagnostic::error(templates.file_of(template), message("this template prints"))
                        .code(crate::diagnostic::Code::UnprintableCharacter)
                        .hint(hint)
                }
            });
        }
        for path in markdown::images(&blocks) {
            if !named_by_modules.contains(path) {
                pictures.insert((path.to_owned(), templates.file_naming(path, template)));
            }
        }
    }
    for (path, file) in pictures {
        if let Some((why, hint)) = super::assets::image_problem(course, &path) {
            found.push(
                Diagnostic::error(file, why)
                    .code(crate::diagnostic::Code::TemplateError)
                    .hint(hint),
            );
        }
    }
    // The same template problem shows in every document made from it: say it once.
    for d in found {
        if !out.contains(&d) {
            out.push(d);
        }
    }
}

/// The text of `blocks` as printed, with the bullet or checkbox of each list item.
fn printed_text(blocks: &[markdown::Block], out: &mut String) {
    use markdown::Block;
    let spans = |spans: &[markdown::Span], out: &mut String| {
        spans.iter().for_each(|s| out.push_str(&s.text));
    };
    for block in blocks {
        match block {
            Block::Heading { spans: s, .. } | Block::Paragraph(s) => spans(s, out),
            Block::Box(inner) => printed_text(inner, out),
            Block::List { start, items } => {
                for item in items {
                    out.push_str(match (item.task, start) {
                        (Some(true), _) => "\u{2611}",
                        (Some(false), _) => "\u{2610}",
                        (None, Some(_)) => "0123456789.",
                        (None, None) => "\u{2022}",
                    });
                    printed_text(&item.blocks, out);
                }
            }
            Block::Table { header, rows, .. } => {
                for cell in header.iter().chain(rows.iter().flatten()) {
                    spans(cell, out);
                }
            }
            _ => {}
        }
    }
}

/// The file the fixed words of `language` come from, as shown to the user.
fn words_file(locale: &Locale, language: &str) -> PathBuf {
    locale.own_file.clone().unwrap_or_else(|| {
        PathBuf::from("(built-in)/templates/locales").join(format!("{language}.yaml"))
    })
}

struct Rendered {
    templates: std::sync::Arc<Templates>,
    /// One per document, in order; `None` for those not rendered in time.
    results: Vec<Option<Result<String, Diagnostic>>>,
}

/// Renders every document on a helper thread, giving up after [`MAX_TEMPLATE_SECONDS`]
/// for any one of them. Output is capped, but `{{#each}}` blocks nested inside each other
/// with nothing in them make no output and can still loop for hours; the thread left
/// behind ends with the process, which stops at the error.
fn render_with_deadline(
    templates: Templates,
    documents: &[crate::plan::PlannedDocument],
) -> Rendered {
    let templates = std::sync::Arc::new(templates);
    let jobs: Vec<(&'static str, serde_json::Value)> = documents
        .iter()
        .map(|d| (d.kind.template(), d.data.clone()))
        .collect();
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = std::sync::Arc::clone(&templates);
    std::thread::spawn(move || {
        for (name, data) in jobs {
            if tx.send(worker.render(name, &data)).is_err() {
                return;
            }
        }
    });
    let limit = std::time::Duration::from_secs(template_seconds());
    let mut results = Vec::with_capacity(documents.len());
    for _ in documents {
        match rx.recv_timeout(limit) {
            Ok(result) => results.push(Some(result)),
            Err(_) => break,
        }
    }
    results.resize_with(documents.len(), || None);
    Rendered { templates, results }
}

/// [`MAX_TEMPLATE_SECONDS`], or `COURSE_TEMPLATE_SECONDS` from the environment (for
/// tests, which cannot wait half a minute, and for very slow machines).
fn template_seconds() -> u64 {
    std::env::var("COURSE_TEMPLATE_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(MAX_TEMPLATE_SECONDS)
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
                PathBuf::from("templates").join(&name),
                "this template is not used: no document has this name",
            )
            .code(crate::diagnostic::Code::TemplateNotUsed)
            .hint(hint),
        );
    }
}
