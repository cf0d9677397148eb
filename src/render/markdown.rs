//! The small Markdown the templates emit, parsed into blocks that map onto PDF elements.

use super::quotes::{localize, Quotes};
use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::limits::MAX_MARKDOWN_DEPTH;

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// The named place of this document the text links to (`[text](#name)` in a
    /// template: the booklet's contents link to its sessions).
    pub link: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading {
        level: u8,
        spans: Vec<Span>,
    },
    Paragraph(Vec<Span>),
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
    },
    /// A shaded box (a Markdown block quote).
    Box(Vec<Block>),
    Table {
        align: Vec<Alignment>,
        header: Vec<Vec<Span>>,
        rows: Vec<Vec<Vec<Span>>>,
    },
    /// A picture or drawing: `![alt](path)`, or `![](path "decorative")` for one that
    /// says nothing a reader would miss (it is then page decoration, not a figure). Its
    /// title may also say `beside` (set beside what follows it in a stroke), `width=0.5`
    /// (a share of the text width) and, after a `|`, a caption.
    Image {
        path: String,
        alt: String,
        decorative: bool,
        beside: bool,
        width: Option<f64>,
        caption: String,
    },
    /// A caution beside a stroke, from `<!-- caution Text -->`: a line set off with a
    /// warning sign.
    Caution(Vec<Span>),
    PageBreak,
    /// Vertical space in millimetres, from `<!-- space 40 -->`.
    Space(f64),
    /// A framed box for handwritten notes filling the rest of the page, from
    /// `<!-- notes Notes: -->` (with its label); left out when little room remains.
    NotesBox(String),
    /// The first page is a cover, from `<!-- cover -->`: it has no running header or
    /// footer.
    Cover,
    /// Headings and paragraphs after `<!-- center -->` are centred, until
    /// `<!-- end center -->` (a certificate, a cover page).
    Centred(bool),
    /// A named place, from `<!-- anchor session-2 -->`: the renderer learns its page.
    Anchor(String),
    /// A QR code that opens a web address, its caption above it and the address under it
    /// as a link, from `<!-- video https://... Caption words -->`.
    Video {
        address: String,
        caption: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// `Some(checked)` for task-list items, drawn with a checkbox.
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
}

/// Parses Markdown into blocks, with typographic punctuation (curly quotes in the marks
/// of `language`, dashes, ellipses). Block quotes and lists nested deeper than
/// [`MAX_MARKDOWN_DEPTH`] are flattened into the level above: each level of nesting
/// multiplies the work of laying out a page.
pub fn parse(markdown: &str, language: &str) -> Vec<Block> {
    parse_measured(markdown, language).0
}

/// Parses Markdown into blocks, with how deep its quotes and lists were nested as
/// written (before flattening), so `validate` can report a too-deep template.
pub fn parse_measured(markdown: &str, language: &str) -> (Vec<Block>, usize) {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_SMART_PUNCTUATION;
    let mut builder = Builder {
        quotes: Quotes::for_language(language),
        ..Builder::default()
    };
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        // Only the marks smart punctuation made from straight quotes take the language's
        // marks; marks typed as they should print („so“) stay as typed.
        let typed = matches!(markdown.get(range), Some("\"" | "'"));
        builder.straight_quote = typed;
        builder.event(event);
    }
    let deepest = builder.deepest;
    (builder.finish(), deepest)
}

/// Every image the blocks show, in order.
pub fn images(blocks: &[Block]) -> Vec<&str> {
    let mut out = Vec::new();
    fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a str>) {
        for block in blocks {
            match block {
                Block::Image { path, .. } => out.push(path),
                Block::Box(inner) => walk(inner, out),
                Block::List { items, .. } => items.iter().for_each(|i| walk(&i.blocks, out)),
                _ => {}
            }
        }
    }
    walk(blocks, &mut out);
    out
}

#[derive(Default)]
struct Builder {
    /// Open containers: each collects the blocks inside it.
    stack: Vec<Container>,
    root: Vec<Block>,
    spans: Vec<Span>,
    bold: usize,
    italic: usize,
    table: Option<TableState>,
    /// Containers not opened because the nesting was already at the limit.
    overflow: usize,
    /// Quotes and lists open now, counting those not opened: the nesting as written.
    level: usize,
    /// The deepest `level` seen.
    deepest: usize,
    quotes: Quotes,
    /// The named place the text being read links to.
    link: Option<String>,
    /// Whether a single quote is open, so the next `’` closes it (else an apostrophe).
    single_open: bool,
    /// Whether the text event being read is a mark smart punctuation made from a straight
    /// quote, the only marks that become the language's own.
    straight_quote: bool,
    /// The picture being read: its path, its title, its alt text so far.
    image: Option<(String, String, String)>,
}

enum Container {
    Box(Vec<Block>),
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
    },
    Item(ListItem),
}

struct TableState {
    align: Vec<Alignment>,
    header: Vec<Vec<Span>>,
    rows: Vec<Vec<Vec<Span>>>,
    in_header: bool,
}

impl Builder {
    /// Whether a new quote, list or item may open; counts it otherwise.
    fn open(&mut self) -> bool {
        // A list level is two containers (the list and its item).
        if self.overflow > 0 || self.stack.len() >= 2 * MAX_MARKDOWN_DEPTH {
            self.overflow += 1;
            return false;
        }
        true
    }

    /// Whether the closing tag belongs to a container that was not opened.
    fn close_skipped(&mut self) -> bool {
        if self.overflow > 0 {
            self.overflow -= 1;
            self.flush_spans();
            return true;
        }
        false
    }

    fn push_block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(Container::Box(blocks)) => blocks.push(block),
            Some(Container::Item(item)) => item.blocks.push(block),
            // Blocks directly in a list only happen for malformed input; keep them.
            Some(Container::List { items, .. }) => items.push(ListItem {
                task: None,
                blocks: vec![block],
            }),
            None => self.root.push(block),
        }
    }

    fn text(&mut self, text: &str) {
        let localized;
        let text = if self.straight_quote {
            localized = localize(text, self.quotes, &mut self.single_open);
            &localized
        } else {
            text
        };
        if let Some((_, _, alt)) = &mut self.image {
            alt.push_str(text);
            return;
        }
        let (bold, italic) = (self.bold > 0, self.italic > 0);
        match self.spans.last_mut() {
            Some(last) if last.bold == bold && last.italic == italic && last.link == self.link => {
                last.text.push_str(text)
            }
            _ => self.spans.push(Span {
                text: text.to_owned(),
                bold,
                italic,
                link: self.link.clone(),
            }),
        }
    }

    /// Text outside a paragraph (a tight list item) becomes its own paragraph.
    fn flush_spans(&mut self) {
        if !self.spans.is_empty() {
            let spans = std::mem::take(&mut self.spans);
            self.push_block(Block::Paragraph(spans));
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) => self.text(&t),
            Event::SoftBreak | Event::HardBreak => self.text(" "),
            Event::TaskListMarker(checked) => {
                if let Some(Container::Item(item)) = self.stack.last_mut() {
                    item.task = Some(checked);
                }
            }
            Event::Rule => self.push_block(Block::PageBreak),
            Event::Html(html) => {
                let comment = |name: &str| {
                    html.trim()
                        .strip_prefix("<!--")
                        .and_then(|r| r.strip_suffix("-->"))
                        .and_then(|r| r.trim().strip_prefix(name))
                        .map(|r| r.trim().to_owned())
                };
                if let Some(mm) = comment("space ").and_then(|n| n.parse::<f64>().ok()) {
                    self.push_block(Block::Space(mm.clamp(0.0, 200.0)));
                } else if let Some(name) = comment("anchor ") {
                    self.push_block(Block::Anchor(name));
                } else if let Some(words) = comment("video ") {
                    // The address and caption come through a template's escaping.
                    let words = words.replace('\\', "");
                    let (address, caption) = words.split_once(' ').unwrap_or((&words, ""));
                    self.push_block(Block::Video {
                        address: address.to_owned(),
                        caption: caption.trim().to_owned(),
                    });
                } else if let Some(text) = comment("caution ") {
                    let spans = self.inline_spans(&text);
                    self.push_block(Block::Caution(spans));
                } else if comment("end center").is_some() {
                    self.push_block(Block::Centred(false));
                } else if comment("center").is_some() {
                    self.push_block(Block::Centred(true));
                } else if comment("cover").is_some() {
                    self.push_block(Block::Cover);
                } else if let Some(label) = comment("notes") {
                    // The label comes through a template's escaping: print it as written.
                    self.push_block(Block::NotesBox(label.replace('\\', "")));
                }
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Strong => self.bold += 1,
            Tag::Emphasis => self.italic += 1,
            Tag::BlockQuote(_) => {
                self.flush_spans();
                self.level += 1;
                self.deepest = self.deepest.max(self.level);
                if self.open() {
                    self.stack.push(Container::Box(Vec::new()))
                }
            }
            Tag::List(start) => {
                self.flush_spans();
                self.level += 1;
                self.deepest = self.deepest.max(self.level);
                if self.open() {
                    self.stack.push(Container::List {
                        start,
                        items: Vec::new(),
                    })
                }
            }
            Tag::Item if self.open() => self.stack.push(Container::Item(ListItem {
                task: None,
                blocks: Vec::new(),
            })),
            Tag::Table(align) => {
                self.table = Some(TableState {
                    align,
                    header: Vec::new(),
                    rows: Vec::new(),
                    in_header: false,
                })
            }
            Tag::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_header = true;
                }
            }
            Tag::TableRow => {
                if let Some(t) = &mut self.table {
                    t.rows.push(Vec::new());
                }
            }
            // Only links to a named place of the document itself: prose cannot make links
            // (its brackets are escaped), and a PDF handout has no use for web links here.
            Tag::Link { dest_url, .. } => {
                self.link = dest_url.strip_prefix('#').map(str::to_owned);
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                self.flush_spans();
                self.image = Some((dest_url.into_string(), title.into_string(), String::new()));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Image => {
                if let Some((path, title, alt)) = self.image.take() {
                    let (options, caption) = title.split_once('|').unwrap_or((&title, ""));
                    let words: Vec<&str> = options.split_whitespace().collect();
                    let width = words
                        .iter()
                        .find_map(|w| w.strip_prefix("width="))
                        .and_then(|w| w.parse::<f64>().ok())
                        .filter(|w| *w > 0.0 && *w <= 1.0);
                    let caption = localize(caption.trim(), self.quotes, &mut false);
                    self.push_block(Block::Image {
                        path,
                        alt: alt.trim().to_owned(),
                        decorative: words.contains(&"decorative"),
                        beside: words.contains(&"beside"),
                        width,
                        caption,
                    });
                }
            }
            TagEnd::Link => self.link = None,
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Paragraph => self.flush_spans(),
            TagEnd::Heading(level) => {
                let spans = std::mem::take(&mut self.spans);
                self.push_block(Block::Heading {
                    level: heading_level(level),
                    spans,
                });
            }
            TagEnd::Item if self.close_skipped() => {}
            TagEnd::BlockQuote(_) | TagEnd::List(_) if self.close_skipped() => {
                self.level = self.level.saturating_sub(1);
            }
            TagEnd::BlockQuote(_) => {
                self.flush_spans();
                self.level = self.level.saturating_sub(1);
                if let Some(Container::Box(blocks)) = self.stack.pop() {
                    self.push_block(Block::Box(blocks));
                }
            }
            TagEnd::Item => {
                self.flush_spans();
                if let Some(Container::Item(item)) = self.stack.pop() {
                    if let Some(Container::List { items, .. }) = self.stack.last_mut() {
                        items.push(item);
                    }
                }
            }
            TagEnd::List(_) => {
                self.level = self.level.saturating_sub(1);
                if let Some(Container::List { start, items }) = self.stack.pop() {
                    self.push_block(Block::List { start, items });
                }
            }
            TagEnd::TableCell => {
                let spans = std::mem::take(&mut self.spans);
                if let Some(t) = &mut self.table {
                    if t.in_header {
                        t.header.push(spans);
                    } else if let Some(row) = t.rows.last_mut() {
                        row.push(spans);
                    }
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_header = false;
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.push_block(Block::Table {
                        align: t.align,
                        header: t.header,
                        rows: t.rows,
                    });
                }
            }
            _ => {}
        }
    }

    /// The runs of text of one line of inline Markdown (a directive's words).
    fn inline_spans(&self, markdown: &str) -> Vec<Span> {
        let mut inner = Builder {
            quotes: self.quotes,
            ..Builder::default()
        };
        for event in Parser::new_ext(markdown, Options::ENABLE_SMART_PUNCTUATION) {
            inner.event(event);
        }
        inner
            .finish()
            .into_iter()
            .flat_map(|b| match b {
                Block::Paragraph(spans) => spans,
                _ => Vec::new(),
            })
            .collect()
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush_spans();
        self.root
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        _ => 4,
    }
}

/// ASCII punctuation is escaped, so it is printed as typed, except quotes: they can start
/// nothing in Markdown once brackets are escaped, and left bare they become curly.
fn needs_escape(c: char) -> bool {
    c.is_ascii_punctuation() && c != '"' && c != '\''
}

/// Escapes text so every character prints as written: `*`, `#`, `|` and the like lose
/// their Markdown meaning.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in collapse_whitespace(text).chars() {
        if needs_escape(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Turns a prose field into Markdown that keeps its **bold** and *italic* and escapes
/// everything else, so a prose field cannot start a heading, list or table.
pub fn inline(text: &str) -> String {
    // A leading no-break space cannot start any block construct, and it is whitespace for
    // the rules that decide whether `*` opens emphasis.
    // Every other punctuation mark is escaped before parsing, so links, images, code,
    // HTML, entities and backslash escapes never form and no character is dropped.
    let mut line = String::from("\u{a0}");
    for c in collapse_whitespace(text.trim()).chars() {
        if needs_escape(c) && c != '*' && c != '_' {
            line.push('\\');
        }
        line.push(c);
    }
    let mut out = String::with_capacity(line.len() + 8);
    for event in Parser::new(&line) {
        match event {
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => out.push_str("**"),
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => out.push('*'),
            Event::Text(t) => out.push_str(&escape(&t)),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.strip_prefix('\u{a0}').map(str::to_owned).unwrap_or(out)
}

/// Runs of whitespace (newlines included) become one space; a space at either end stays,
/// so text next to bold text keeps its gap.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// The text of `blocks` as printed, with the bullet or checkbox of each list item.
pub fn printed_text(blocks: &[Block], out: &mut String) {
    let spans = |spans: &[Span], out: &mut String| {
        spans.iter().for_each(|s| out.push_str(&s.text));
    };
    for block in blocks {
        match block {
            Block::Heading { spans: s, .. } | Block::Paragraph(s) | Block::Caution(s) => {
                spans(s, out)
            }
            Block::Image { caption, .. } => out.push_str(caption),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(blocks: &[Block]) -> String {
        match &blocks[0] {
            Block::Paragraph(spans) => spans.iter().map(|s| s.text.as_str()).collect(),
            other => panic!("not a paragraph: {other:?}"),
        }
    }

    /// Straight quotes become the language's marks; marks typed as they should print stay
    /// as typed, even where the language's closing mark is English's opening one.
    #[test]
    fn typed_quotes_stay_and_straight_ones_take_the_language_s_marks() {
        let german = |text: &str| plain(&parse(&inline(text), "de"));
        assert_eq!(
            german(r#"Sagen Sie „so“, nicht "so""#),
            "Sagen Sie „so“, nicht „so“"
        );
        assert_eq!(
            german("‚leise‘ und 'leise', Babys’"),
            "‚leise‘ und ‚leise‘, Babys’"
        );
        assert_eq!(
            plain(&parse(&inline(r#"Dites « doux » ou "doux""#), "fr")),
            "Dites « doux » ou «\u{202f}doux\u{202f}»"
        );
        assert_eq!(
            plain(&parse(r#"“Gentle” and "gentle""#, "en")),
            "“Gentle” and “gentle”"
        );
    }

    #[test]
    fn escaped_text_prints_as_written() {
        let text = "# 1. *not* | a [heading] _ever_ \\o/";
        assert_eq!(plain(&parse(&escape(text), "en")), text);
    }

    #[test]
    fn inline_keeps_emphasis_and_nothing_else() {
        let blocks = parse(&inline("- **Gentle** strokes, *always* # clockwise"), "en");
        let Block::Paragraph(spans) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        let got: Vec<(&str, bool, bool)> = spans
            .iter()
            .map(|s| (s.text.as_str(), s.bold, s.italic))
            .collect();
        assert_eq!(
            got,
            [
                ("- ", false, false),
                ("Gentle", true, false),
                (" strokes, ", false, false),
                ("always", false, true),
                (" # clockwise", false, false)
            ]
        );
    }

    /// Found by the property test `any_printable_text_is_printed_whole`: an image, a
    /// link or a code span in prose used to lose characters.
    #[test]
    fn inline_never_drops_characters() {
        for text in [
            "![a](b) |",
            "[see](https://example.org) and <https://example.org>",
            "`oil` &amp; \\o/ <b> &#42;",
        ] {
            assert_eq!(plain(&parse(&inline(text), "en")), text);
        }
    }

    #[test]
    fn task_lists_tables_and_boxes() {
        let blocks = parse(
            "- [ ] one\n- [x] two\n\n> **Safety**\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n",
            "en",
        );
        assert!(
            matches!(&blocks[0], Block::List { items, .. } if items[0].task == Some(false) && items[1].task == Some(true))
        );
        assert!(matches!(&blocks[1], Block::Box(inner) if inner.len() == 1));
        assert!(matches!(&blocks[2], Block::Table { rows, .. } if rows.len() == 1));
    }

    /// A picture's title says where it goes, how wide, and its caption; a caution
    /// directive keeps its bold and italic.
    #[test]
    fn picture_titles_and_cautions() {
        let blocks = parse(
            "![A tummy](<images/t.svg> (beside width=0.3 |Hand \\(over\\) hand))\n\n![](<x.png> \"decorative\")\n\n<!-- caution Keep **clear** of the cord\\. -->\n",
            "en",
        );
        assert_eq!(
            blocks[0],
            Block::Image {
                path: "images/t.svg".into(),
                alt: "A tummy".into(),
                decorative: false,
                beside: true,
                width: Some(0.3),
                caption: "Hand (over) hand".into(),
            }
        );
        assert!(
            matches!(&blocks[1], Block::Image { decorative: true, beside: false, width: None, caption, .. } if caption.is_empty())
        );
        let Block::Caution(spans) = &blocks[2] else {
            panic!("{blocks:?}")
        };
        let got: Vec<(&str, bool)> = spans.iter().map(|s| (s.text.as_str(), s.bold)).collect();
        assert_eq!(
            got,
            [("Keep ", false), ("clear", true), (" of the cord.", false)]
        );
    }

    fn depth(blocks: &[Block]) -> usize {
        blocks
            .iter()
            .map(|b| match b {
                Block::Box(inner) => 1 + depth(inner),
                Block::List { items, .. } => {
                    1 + items.iter().map(|i| depth(&i.blocks)).max().unwrap_or(0)
                }
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }

    /// 18 nested quotes or a list 20 deep once took gigabytes to lay out: past the limit
    /// they are flattened, and their words kept.
    #[test]
    fn deep_nesting_is_flattened_and_measured() {
        let quotes = format!("{} deep words", ">".repeat(18));
        let (blocks, deepest) = parse_measured(&quotes, "en");
        assert_eq!(deepest, 18);
        assert!(depth(&blocks) <= MAX_MARKDOWN_DEPTH * 2);
        assert!(format!("{blocks:?}").contains("deep words"));
        let list: String = (0..20)
            .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
            .collect();
        let (blocks, deepest) = parse_measured(&list, "en");
        assert_eq!(deepest, 20);
        assert!(depth(&blocks) <= MAX_MARKDOWN_DEPTH * 2);
        assert!(format!("{blocks:?}").contains("level 19"));
    }
}
