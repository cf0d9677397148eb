//! Checks on every piece of text in every file: no invisible or control characters, and
//! printable with the fonts the PDFs will use. (Empty and overlong text is the schema's
//! to refuse: see `load::schema_rules`.)

use crate::diagnostic::{Code, Diagnostic, Field, Place, Segment};
use crate::fonts::FontSet;
use crate::load::yaml::{Node, Value};
use crate::load::Course;
use crate::model::invisible;

pub fn check(course: &Course, fonts: &FontSet, out: &mut Vec<Diagnostic>) {
    // The parts cut out for a mistake are said once, for that mistake.
    let trees = course
        .course
        .iter()
        .map(|c| (&c.file, &c.tree, &c.cut))
        .chain(course.modules.iter().map(|m| (&m.file, &m.tree, &m.cut)));
    for (file, tree, cut) in trees {
        let source = course
            .source(file)
            .map(|s| s.text.as_str())
            .unwrap_or_default();
        let mut field = Field::default();
        walk(tree, &mut field, &mut |node, field| {
            if !cut
                .iter()
                .any(|c| field.segments().starts_with(c.segments()))
            {
                check_node(node, field, file, source, fonts, out)
            }
        });
    }
}

pub(super) fn walk<'a>(
    node: &'a Node,
    field: &mut Field,
    visit: &mut impl FnMut(&'a Node, &Field),
) {
    visit(node, field);
    match &node.value {
        Value::Scalar { .. } => {}
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                field.push(i);
                walk(item, field, visit);
                field.pop();
            }
        }
        Value::Map(entries) => {
            for (k, v) in entries {
                field.push(k.as_str().unwrap_or_default());
                walk(v, field, visit);
                field.pop();
            }
        }
    }
}

/// Fields that name or identify something: an invisible character there makes two
/// names that look the same differ, or text display in another order than it is stored.
const NAMES: [&str; 7] = ["id", "name", "title", "stroke", "parent", "baby", "modules"];

fn check_node(
    node: &Node,
    field: &Field,
    file: &std::path::Path,
    source: &str,
    fonts: &FontSet,
    out: &mut Vec<Diagnostic>,
) {
    let Value::Scalar { text, .. } = &node.value else {
        return;
    };
    let is_name = field
        .segments()
        .iter()
        .any(|s| matches!(s, Segment::Key(key) if NAMES.contains(&key.as_str())));
    let place = |c: char| {
        Place::new(
            file,
            Some(locate_char(node, text, c, source)),
            field.clone(),
        )
    };
    let chars: Vec<char> = text.chars().collect();
    if let Some((c, what)) = chars.iter().enumerate().find_map(|(i, &c)| {
        invisible(c)
            .filter(|(_, direction)| is_name || *direction)
            .filter(|_| !joiner_in_a_word(&chars, i))
            .map(|(name, _)| (c, name))
    }) {
        out.push(
            Diagnostic::error(Code::InvisibleCharacter, place(c), format!("this text contains an invisible character, {what} (U+{:04X})", c as u32))
                .hint("delete it: retype the text around it (it is often copied in from web pages or chat messages)"),
        );
    }
    if let Some(c) = text
        .chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t')
    {
        out.push(
            Diagnostic::error(
                Code::ControlCharacter,
                place(c),
                format!(
                    "this text contains an invisible control character (U+{:04X})",
                    c as u32
                ),
            )
            .hint("delete it: retype the text around it, or remove the `\\` escape that made it"),
        );
    }
    if let Some(c) = text
        .chars()
        .find(|&c| !c.is_control() && invisible(c).is_none() && !fonts.can_print(c))
    {
        out.push(
            Diagnostic::error(Code::UnprintableCharacter, place(c), unprintable(c))
                .hint(unprintable_hint(c)),
        );
    }
}

/// Whether the character at `i` is a zero-width (non-)joiner between two letters of a
/// script whose spelling needs one: Persian writes `حرکت‌ها` with a non-joiner, and
/// Indic scripts choose a conjunct's form with them. There it is part of the word.
fn joiner_in_a_word(chars: &[char], i: usize) -> bool {
    let needs_joiners = |c: &char| {
        matches!(*c as u32,
            0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF
            | 0x0900..=0x0DFF)
    };
    matches!(chars[i], '\u{200C}' | '\u{200D}')
        && i > 0
        && chars.get(i - 1).is_some_and(needs_joiners)
        && chars.get(i + 1).is_some_and(needs_joiners)
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

/// The location of `c` inside a one-line plain or quoted scalar, counted in the source
/// as written: an escape such as `\t` or `\u00e9` is several characters there but one in
/// the text. A block scalar (`|`, `>-`) or a scalar over several lines keeps its start.
fn locate_char(node: &Node, text: &str, c: char, source: &str) -> crate::diagnostic::Location {
    let mut at = node.at;
    let Some(pos) = text.chars().position(|x| x == c) else {
        return at;
    };
    let Some(rest) = source.get(at.offset..) else {
        return at;
    };
    let plain = matches!(node.value, Value::Scalar { plain: true, .. });
    let quote = match rest.chars().next() {
        _ if plain => None,
        Some(q @ ('"' | '\'')) => Some(q),
        // Block scalars start with `|` or `>`: their text is on the following lines.
        _ => return at,
    };
    let mut chars = rest
        .char_indices()
        .skip(usize::from(quote.is_some()))
        .peekable();
    let mut column = at.column + usize::from(quote.is_some());
    let mut decoded = 0;
    while let Some((i, ch)) = chars.next() {
        if ch == '\n'
            || ch == '\r'
            || (Some(ch) == quote && !(ch == '\'' && chars.peek().map(|p| p.1) == Some('\'')))
        {
            return node.at;
        }
        // How many source characters make this one text character.
        let width = match (quote, ch) {
            (Some('"'), '\\') => match chars.peek().map(|p| p.1) {
                Some('x') => 4,
                Some('u') => 6,
                Some('U') => 10,
                _ => 2,
            },
            (Some('\''), '\'') => 2,
            _ => 1,
        };
        if decoded == pos {
            let end = rest[i..]
                .char_indices()
                .nth(width)
                .map_or(rest.len(), |(j, _)| i + j);
            at.offset += i;
            at.column = column;
            at.len = end - i;
            return at;
        }
        for _ in 1..width {
            chars.next();
        }
        column += width;
        decoded += 1;
    }
    node.at
}
