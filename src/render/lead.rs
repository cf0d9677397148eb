//! A heading's lead: the start of what it heads, which must fit below it on the page or
//! the heading moves to the next page with it. A module's heading keeps its intro and the
//! first lines of its first stroke; a stroke's name keeps its direction and first steps.

use super::markdown::Block;

/// The blocks a heading of `level` keeps with when `rest` follows it: the paragraphs and
/// pictures right after it, then the first other block whole if it is kept together (a
/// stroke, a box), or its start (a deeper heading with its own lead, the first items of a
/// list, the first rows of a table). Empty when nothing follows that it heads.
pub fn lead(level: u8, rest: &[Block]) -> Vec<Block> {
    let mut lead = Vec::new();
    for (i, block) in rest.iter().enumerate() {
        // A heading of its level or above starts something else.
        let its_own = !matches!(block, Block::Heading { level: l, .. } if *l <= level);
        if let Some(end) = kept_group(rest, i).filter(|_| its_own) {
            lead.extend_from_slice(&rest[i..end]);
            break;
        }
        match block {
            Block::Paragraph(_)
            | Block::Image { .. }
            | Block::Caution(_)
            | Block::Space(_)
            | Block::Anchor(_) => lead.push(block.clone()),
            Block::Heading { level: deeper, .. } if *deeper > level => {
                lead.push(block.clone());
                lead.extend(self::lead(*deeper, &rest[i + 1..]));
                break;
            }
            Block::Heading { .. } | Block::PageBreak | Block::Cover | Block::NotesBox(_) => break,
            other => {
                lead.push(start_of(other));
                break;
            }
        }
    }
    if lead
        .iter()
        .all(|b| matches!(b, Block::Space(_) | Block::Anchor(_)))
    {
        lead.clear();
    }
    lead
}

/// The part of `block` that may not be left alone at a page's foot: a list's first two
/// items (all of a list of three), a table's first two rows, a box's title and the start
/// of its first list.
pub fn start_of(block: &Block) -> Block {
    match block {
        Block::List { start, items } => {
            let keep = if items.len() <= 3 { items.len() } else { 2 };
            Block::List {
                start: *start,
                items: items[..keep].to_vec(),
            }
        }
        Block::Table {
            align,
            header,
            rows,
        } => Block::Table {
            align: align.clone(),
            header: header.clone(),
            rows: rows.iter().take(2).cloned().collect(),
        },
        Block::Box(blocks) => Block::Box(blocks.iter().take(2).map(start_of).collect()),
        other => other.clone(),
    }
}

/// Where a group of blocks that should not be split starts at `i`, its end: a stroke (a
/// level-4 heading and the paragraphs, lists, pictures and cautions after it), a table
/// with the heading above it, a shaded box.
pub fn kept_group(blocks: &[Block], i: usize) -> Option<usize> {
    match (&blocks[i], blocks.get(i + 1)) {
        (Block::Heading { level: 4, .. }, _) => {
            // Its direction, steps, pictures and cautions; a box or table after it stands
            // alone.
            let rest = blocks[i + 1..].iter().position(|b| {
                !matches!(
                    b,
                    Block::Paragraph(_)
                        | Block::List { .. }
                        | Block::Image { .. }
                        | Block::Caution(_)
                )
            });
            Some(i + 1 + rest.unwrap_or(blocks.len() - i - 1))
        }
        (Block::Heading { .. }, Some(Block::Table { .. })) => Some(i + 2),
        (Block::Box(_), _) => Some(i + 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markdown::parse;

    /// The words of `blocks`, one space apart: headings, paragraphs and list items.
    fn texts(blocks: &[Block]) -> String {
        fn walk(blocks: &[Block], out: &mut Vec<String>) {
            for block in blocks {
                match block {
                    Block::Heading { spans, .. } | Block::Paragraph(spans) => {
                        out.push(spans.iter().map(|s| s.text.as_str()).collect())
                    }
                    Block::List { items, .. } => items.iter().for_each(|i| walk(&i.blocks, out)),
                    Block::Box(inner) => walk(inner, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(blocks, &mut out);
        out.join(" ")
    }

    #[test]
    fn a_module_heading_keeps_its_intro_and_its_first_stroke_whole() {
        let blocks = parse(
            "## Legs\n\nWe begin here.\n\n#### 1. Milking\n\n*Hip to ankle*\n\n1. One\n2. Two\n3. Three\n4. Four\n\n#### 2. Squeeze\n",
            "en",
        );
        assert_eq!(
            texts(&lead(2, &blocks[1..])),
            "We begin here. 1. Milking Hip to ankle One Two Three Four"
        );
    }

    #[test]
    fn a_stroke_name_keeps_its_direction_and_first_two_steps() {
        let blocks = parse(
            "#### 1. Milking\n\n*Hip to ankle*\n\n1. One\n2. Two\n3. Three\n4. Four\n",
            "en",
        );
        assert_eq!(texts(&lead(4, &blocks[1..])), "Hip to ankle One Two");
    }

    #[test]
    fn a_heading_keeps_nothing_of_the_next_heading_of_its_level() {
        let blocks = parse("### Room\n\n### Oils\n\n- Sunflower\n", "en");
        assert!(lead(3, &blocks[1..]).is_empty());
    }

    #[test]
    fn a_box_keeps_its_title_and_first_two_points() {
        let blocks = parse("> **Safety**\n>\n> - a\n> - b\n> - c\n> - d\n", "en");
        assert_eq!(texts(&[start_of(&blocks[0])]), "Safety a b");
    }
}
