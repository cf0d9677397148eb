//! Indentation said in spaces. YAML's parser notices a field indented 3 spaces among
//! fields of 4 (or `cautions:` moved one level left) only later, in its own grammar's
//! words; this finds the line whose indentation no group around it has.

/// A line out of line: its number (from 1), its spaces, and those of the fields around it.
#[derive(Debug, PartialEq, Eq)]
pub struct Misaligned {
    pub line: usize,
    pub spaces: usize,
    pub around: usize,
}

/// What a level of indentation holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holds {
    Fields,
    Items,
}

/// The first line, at or before `until` (from 1), indented differently from every group
/// it could belong to.
pub fn misaligned(text: &str, until: usize) -> Option<Misaligned> {
    // Levels open at the line being read: (spaces, what they hold).
    let mut levels: Vec<(usize, Holds)> = Vec::new();
    // Whether the last line opened a group on the next lines (`key:` with nothing after).
    let mut opens = true;
    for (i, line) in text.lines().enumerate().take(until.saturating_add(1)) {
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') || content.starts_with('\t') {
            continue;
        }
        if matches!(content, "---" | "...") || content.starts_with("--- ") {
            continue;
        }
        let spaces = line.len() - content.len();
        let item = content == "-" || content.starts_with("- ");
        let deeper = levels.last().is_none_or(|&(s, _)| spaces > s);
        if deeper && !opens {
            // The text of a value going on over several lines.
            continue;
        }
        if !deeper {
            let mut popped = None;
            while levels.last().is_some_and(|&(s, _)| s > spaces) {
                popped = levels.pop().map(|(s, _)| s);
            }
            let holds = if item { Holds::Items } else { Holds::Fields };
            let fits = levels
                .iter()
                .rev()
                .take_while(|&&(s, _)| s == spaces)
                .any(|&(_, h)| h == holds);
            // A list may start at its field's own column (`steps:` then `- ...`).
            let list_at_field = item && opens;
            if !fits && !list_at_field {
                let around = match (levels.last(), popped) {
                    (Some(&(s, Holds::Items)), _) if s == spaces && !item => spaces + 2,
                    (_, Some(p)) => p,
                    _ => return None,
                };
                if item {
                    return None;
                }
                return Some(Misaligned {
                    line: i + 1,
                    spaces,
                    around,
                });
            }
        }
        let holds = if item { Holds::Items } else { Holds::Fields };
        if levels.last() != Some(&(spaces, holds)) {
            levels.push((spaces, holds));
        }
        // `- key: value`: the item's further fields line up with `key`.
        let mut rest = content;
        let mut column = spaces;
        while let Some(after) = rest.strip_prefix("- ") {
            let inner = after.trim_start_matches(' ');
            column += rest.len() - inner.len();
            rest = inner;
            let holds = if rest.starts_with("- ") {
                Holds::Items
            } else {
                Holds::Fields
            };
            levels.push((column, holds));
        }
        opens = ends_open(rest);
    }
    None
}

/// Whether a line's content opens a group on the lines after it: `key:` or `-` with
/// nothing (but a comment) after.
fn ends_open(content: &str) -> bool {
    let without_comment = match content.find(" #") {
        Some(i) => &content[..i],
        None => content,
    };
    let trimmed = without_comment.trim_end();
    trimmed == "-"
        || trimmed.ends_with(':')
        || trimmed.ends_with(": |")
        || trimmed.ends_with(": >")
        || trimmed.ends_with(": >-")
        || trimmed.ends_with(": |-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_with_three_spaces_among_four() {
        let text = "strokes:\n  - id: a\n    name: A\n   body_area: legs\n";
        assert_eq!(
            misaligned(text, 4),
            Some(Misaligned {
                line: 4,
                spaces: 3,
                around: 4
            })
        );
    }

    #[test]
    fn a_field_moved_one_level_left() {
        let text = "strokes:\n  - id: a\n    steps:\n      - Do it.\n  cautions:\n    - Careful.\n";
        assert_eq!(
            misaligned(text, 6),
            Some(Misaligned {
                line: 5,
                spaces: 2,
                around: 4
            })
        );
    }

    #[test]
    fn well_indented_files_have_no_such_line() {
        let text = "kind: strokes\nintro: >-\n  Some text\n  more.\nstrokes:\n- id: a\n  steps:\n  - x\n  - y\n  name: b\nnext: c\n";
        assert_eq!(misaligned(text, 11), None);
    }
}
