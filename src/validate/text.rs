//! Checks on every piece of text in every file: not empty, not too long, and printable
//! with the fonts the PDFs will use.

use crate::diagnostic::Diagnostic;
use crate::fonts::FontSet;
use crate::limits::MAX_TEXT_CHARS;
use crate::load::yaml::{Node, Value};
use crate::load::{field_path, Course};

pub fn check(course: &Course, fonts: &FontSet, out: &mut Vec<Diagnostic>) {
    let trees = course
        .course
        .iter()
        .map(|c| (&c.file, &c.tree))
        .chain(course.modules.iter().map(|m| (&m.file, &m.tree)));
    for (file, tree) in trees {
        let mut path = Vec::new();
        walk(tree, &mut path, &mut |node, path| {
            check_node(node, path, file, fonts, out)
        });
    }
}

fn walk<'a>(node: &'a Node, path: &mut Vec<String>, visit: &mut impl FnMut(&'a Node, &[String])) {
    visit(node, path);
    match &node.value {
        Value::Scalar { .. } => {}
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(i.to_string());
                walk(item, path, visit);
                path.pop();
            }
        }
        Value::Map(entries) => {
            for (k, v) in entries {
                path.push(k.as_str().unwrap_or_default().to_owned());
                walk(v, path, visit);
                path.pop();
            }
        }
    }
}

fn check_node(
    node: &Node,
    path: &[String],
    file: &std::path::Path,
    fonts: &FontSet,
    out: &mut Vec<Diagnostic>,
) {
    let field = field_path(path);
    match &node.value {
        Value::Seq(items) if items.is_empty() => {
            out.push(
                Diagnostic::error(file, "this list is empty")
                    .at(Some(node.at))
                    .field(field)
                    .hint("add items, one per line starting with `- `, or delete the line"),
            );
        }
        Value::Scalar { text, plain } => {
            if !*plain && text.trim().is_empty() {
                out.push(
                    Diagnostic::error(file, "this text is empty")
                        .at(Some(node.at))
                        .field(field)
                        .hint("write the text between the quotes, or delete the line"),
                );
                return;
            }
            let chars = text.chars().count();
            if chars > MAX_TEXT_CHARS {
                out.push(
                    Diagnostic::error(
                        file,
                        format!(
                            "this text is {chars} characters long; the limit is {MAX_TEXT_CHARS}"
                        ),
                    )
                    .at(Some(node.at))
                    .field(field.clone())
                    .hint("shorten it, or split it into several items"),
                );
            }
            if let Some(c) = text
                .chars()
                .find(|&c| c.is_control() && c != '\n' && c != '\t')
            {
                out.push(
                    Diagnostic::error(file, format!("this text contains an invisible control character (U+{:04X})", c as u32))
                        .at(Some(locate_char(node, text, c)))
                        .field(field.clone())
                        .hint("delete it: retype the text around it, or remove the `\\` escape that made it"),
                );
            }
            if let Some(c) = text
                .chars()
                .find(|&c| !c.is_control() && !fonts.can_print(c))
            {
                let at = locate_char(node, text, c);
                out.push(
                    Diagnostic::error(file, unprintable(c))
                        .at(Some(at))
                        .field(field)
                        .hint(unprintable_hint(c)),
                );
            }
        }
        _ => {}
    }
}

fn unprintable(c: char) -> String {
    format!(
        "the character `{c}` (U+{:04X}) cannot be printed with the course fonts",
        c as u32
    )
}

/// What to do about a character no font in the chain has: CJK fonts are too large to
/// bundle, so they come from the system or the course.
fn unprintable_hint(c: char) -> &'static str {
    if crate::fonts::is_cjk(c) {
        "install a CJK font such as Noto Sans CJK (Debian and Ubuntu: `fonts-noto-cjk`), or copy one (.otf, .ttc) into a font folder named with `fonts:` in course.yaml"
    } else {
        "replace it with a similar character, or name a font folder that has it with `fonts:` in course.yaml"
    }
}

/// Every character the locale's words and the course's own templates add to the page must
/// be printable too: a checkbox or bullet no font has would print as an empty box.
pub fn check_added_text(course: &Course, fonts: &FontSet, out: &mut Vec<Diagnostic>) {
    let language = course
        .course
        .as_ref()
        .map_or("en", |c| c.value.language.as_str());
    if let Ok(locale) = crate::render::locale::Locale::load(language, &course.root) {
        let own = std::path::Path::new("locales").join(format!("{language}.yaml"));
        let own_text = std::fs::read_to_string(course.root.join(&own)).unwrap_or_default();
        // The line that sets `key` in the course's own file, if it is set there.
        let line_of = |key: &str| {
            let prefix = format!("{key}:");
            own_text
                .lines()
                .position(|l| l.starts_with(&prefix))
                .map(|i| crate::diagnostic::Location {
                    line: i + 1,
                    column: 1,
                    offset: own_text.lines().take(i).map(|l| l.len() + 1).sum(),
                    len: key.len(),
                })
        };
        let mut words: Vec<(&String, &serde_json::Value)> = locale.words.iter().collect();
        words.sort_by_key(|(k, _)| k.as_str());
        for (key, value) in words {
            let text = match value {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            if let Some(c) = text
                .chars()
                .find(|&c| !c.is_control() && !fonts.can_print(c))
            {
                out.push(
                    Diagnostic::error(&own, unprintable(c))
                        .at(line_of(key))
                        .field(key.clone())
                        .hint(unprintable_hint(c)),
                );
            }
        }
    }
    let Ok(entries) = std::fs::read_dir(course.root.join("templates")) else {
        return;
    };
    let mut files: Vec<std::path::PathBuf> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path.strip_prefix(&course.root).unwrap_or(&path);
        for (i, line) in text.lines().enumerate() {
            if let Some((col, c)) = line
                .chars()
                .enumerate()
                .find(|&(_, c)| !c.is_control() && !fonts.can_print(c))
            {
                let offset = text.lines().take(i).map(|l| l.len() + 1).sum::<usize>()
                    + line.char_indices().nth(col).map_or(0, |(b, _)| b);
                out.push(
                    Diagnostic::error(name, unprintable(c))
                        .at(Some(crate::diagnostic::Location {
                            line: i + 1,
                            column: col + 1,
                            offset,
                            len: c.len_utf8(),
                        }))
                        .hint(unprintable_hint(c)),
                );
                break;
            }
        }
    }
}

/// The location of `c` inside a one-line scalar; the scalar's start otherwise.
fn locate_char(node: &Node, text: &str, c: char) -> crate::diagnostic::Location {
    let mut at = node.at;
    if !text.contains('\n') {
        if let Some(pos) = text.chars().position(|x| x == c) {
            // Quoted scalars start one character before their text.
            let quote = usize::from(matches!(node.value, Value::Scalar { plain: false, .. }));
            at.column += pos + quote;
            at.offset += text.char_indices().nth(pos).map_or(0, |(i, _)| i) + quote;
            at.len = c.len_utf8();
        }
    }
    at
}
