//! Every document rendered to Markdown as `build` will: template syntax and recursion,
//! template failures, output and nesting budgets, and the pictures templates name that no
//! module field does. So `validate` passing means the build gets past its templates.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::limits::MAX_MARKDOWN_DEPTH;
use crate::load::Course;
use crate::render::locale::Locale;
use crate::render::markdown;
use crate::render::templates::Templates;

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) {
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
    let named_by_modules: BTreeSet<&str> = course
        .modules
        .iter()
        .flat_map(|m| m.value.images())
        .collect();
    let mut found = Vec::new();
    let mut pictures: BTreeSet<(String, PathBuf)> = BTreeSet::new();
    for doc in crate::plan::plan(course, &locale) {
        let template = doc.kind.template();
        let markdown_text = match templates.render(template, &doc.data) {
            Ok(text) => text,
            Err(d) => {
                found.push(d);
                continue;
            }
        };
        let (blocks, depth) = markdown::parse_measured(&markdown_text);
        if depth > MAX_MARKDOWN_DEPTH {
            found.push(
                Diagnostic::error(
                    templates.file_of(template),
                    format!("this template nests quotes (`>`) and lists {depth} levels deep; at most {MAX_MARKDOWN_DEPTH} levels are printed"),
                )
                .hint("use fewer `>` at the start of a line, and indent lists fewer times"),
            );
        }
        for path in markdown::images(&blocks) {
            if !named_by_modules.contains(path) {
                pictures.insert((path.to_owned(), templates.file_naming(path, template)));
            }
        }
    }
    for (path, file) in pictures {
        let problem = crate::paths::inside_course(&course.root, &path)
            .map_err(|why| (why, "name a PNG or JPEG file inside the course folder"))
            .and_then(|full| {
                crate::images::load(&full)
                    .map(|_| ())
                    .map_err(|e| (e.reason(&path), e.hint()))
            });
        if let Err((why, hint)) = problem {
            found.push(Diagnostic::error(file, why).hint(hint));
        }
    }
    // The same template problem shows in every document made from it: say it once.
    for d in found {
        if !out.contains(&d) {
            out.push(d);
        }
    }
}
