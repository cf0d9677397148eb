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
                    Diagnostic::error(file, format!("the character `{c}` (U+{:04X}) cannot be printed with the course fonts", c as u32))
                        .at(Some(at))
                        .field(field)
                        .hint("replace it with a similar character, or name a font folder that has it with `fonts:` in course.yaml"),
                );
            }
        }
        _ => {}
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
