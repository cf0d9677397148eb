//! The Markdown blocks of a document (as `render::markdown` parsed them for the PDF)
//! written as HTML: headings renumbered so no level is skipped, lists, task lists as
//! checkboxes, tables with header cells, boxes as asides, pictures and QR codes inline.

use std::collections::HashSet;
use std::path::Path;

use pulldown_cmark::Alignment;

use super::figure::{self, Label};
use super::writer::Html;
use crate::render::markdown::{Block, ListItem, Span};

/// Writes one document's blocks.
pub struct Body<'a> {
    pub html: Html,
    root: &'a Path,
    /// The headings open now: the level the template wrote and the level written.
    headings: Vec<(u8, u8)>,
    /// Ids already on the page: an id is written once.
    ids: HashSet<String>,
    figures: usize,
    /// The CSS list style of the language's digits, when not 0-9.
    digits: Option<&'static str>,
    /// Inside `<!-- center -->`.
    centred: bool,
}

impl<'a> Body<'a> {
    pub fn new(html: Html, root: &'a Path, digits: Option<[char; 10]>) -> Body<'a> {
        Body {
            html,
            root,
            headings: Vec::new(),
            ids: HashSet::new(),
            figures: 0,
            digits: digits.and_then(|d| list_style(d[0])),
            centred: false,
        }
    }

    /// The attributes that centre a heading or paragraph inside `<!-- center -->`.
    fn alignment(&self) -> &'static [(&'static str, &'static str)] {
        if self.centred {
            &[("class", "center")]
        } else {
            &[]
        }
    }

    pub fn blocks(&mut self, blocks: &[Block]) -> Result<(), String> {
        blocks.iter().try_for_each(|b| self.block(b))
    }

    fn block(&mut self, block: &Block) -> Result<(), String> {
        match block {
            Block::Heading { level, spans } => {
                let tag = self.heading_tag(*level);
                self.html.open(tag, self.alignment());
                self.spans(spans);
                self.html.close(tag);
            }
            Block::Paragraph(spans) => {
                self.html.open("p", self.alignment());
                self.spans(spans);
                self.html.close("p");
            }
            Block::Centred(on) => self.centred = *on,
            Block::List { start, items } => self.list(*start, items)?,
            Block::Box(inner) => self.aside(inner)?,
            Block::Table {
                align,
                header,
                rows,
            } => self.table(align, header, rows),
            // On a screen a picture stands under the steps, whatever its place on paper.
            Block::Image {
                path,
                alt,
                decorative,
                caption,
                ..
            } => self.picture(path, alt, *decorative, caption)?,
            Block::Caution(spans) => {
                self.html.open("p", &[("class", "caution")]);
                self.spans(spans);
                self.html.close("p");
            }
            Block::PageBreak => self.html.open("hr", &[("class", "page")]),
            Block::NotesBox(label) => {
                self.html.open("div", &[("class", "notes")]);
                self.html.element("p", &[], label);
                self.html.close("div");
            }
            Block::Anchor(name) => {
                let id = id_of(name);
                if self.ids.insert(id.clone()) {
                    self.html.open("div", &[("id", &id), ("class", "anchor")]);
                    self.html.close("div");
                }
            }
            Block::Video { address, caption } => self.video(address, caption)?,
            // Room on paper and a page without header: a screen scrolls instead.
            Block::Space(_) | Block::Cover => {}
        }
        Ok(())
    }

    /// `h1` to `h6` for a heading the template wrote at `level`: one below the heading it
    /// sits under, so a `####` under a `##` is an `h3` and the outline has no gaps.
    fn heading_tag(&mut self, level: u8) -> &'static str {
        while self
            .headings
            .last()
            .is_some_and(|(wrote, _)| *wrote >= level)
        {
            self.headings.pop();
        }
        let written = self.headings.last().map_or(1, |(_, w)| w + 1).min(6);
        self.headings.push((level, written));
        ["h1", "h2", "h3", "h4", "h5", "h6"][usize::from(written) - 1]
    }

    /// Runs of text: bold, italic, and a link over the spans that share it.
    fn spans(&mut self, spans: &[Span]) {
        for run in spans.chunk_by(|a, b| a.link == b.link) {
            let link = run[0].link.as_ref().map(|name| format!("#{}", id_of(name)));
            if let Some(href) = &link {
                self.html.open("a", &[("href", href)]);
            }
            for span in run {
                if span.bold {
                    self.html.open("strong", &[]);
                }
                if span.italic {
                    self.html.open("em", &[]);
                }
                if link.is_some() {
                    self.html.text(&span.text);
                } else {
                    self.text_with_addresses(&span.text);
                }
                if span.italic {
                    self.html.close("em");
                }
                if span.bold {
                    self.html.close("strong");
                }
            }
            if link.is_some() {
                self.html.close("a");
            }
        }
    }

    /// Text in which a web address is a link to itself, as in the PDF.
    fn text_with_addresses(&mut self, text: &str) {
        let mut from = 0;
        for address in crate::render::addresses::web_addresses(text) {
            self.html.text(&text[from..address.start]);
            let address_text = &text[address.clone()];
            self.html
                .element("a", &[("href", address_text)], address_text);
            from = address.end;
        }
        self.html.text(&text[from..]);
    }

    fn list(&mut self, start: Option<u64>, items: &[ListItem]) -> Result<(), String> {
        let tasks = items.iter().any(|i| i.task.is_some());
        let first = start.map(|n| n.to_string());
        let tag = match start {
            Some(_) => {
                let mut attributes: Vec<(&'static str, &str)> = Vec::new();
                if let Some(n) = first.as_deref().filter(|n| *n != "1") {
                    attributes.push(("start", n));
                }
                if let Some(style) = self.digits {
                    attributes.push(("class", style));
                }
                self.html.open("ol", &attributes);
                "ol"
            }
            None if tasks => {
                self.html.open("ul", &[("class", "tasks")]);
                "ul"
            }
            None => {
                self.html.open("ul", &[]);
                "ul"
            }
        };
        for item in items {
            self.html.open("li", &[]);
            match item.task {
                Some(checked) => self.task(checked, &item.blocks)?,
                None => self.item(&item.blocks)?,
            }
            self.html.close("li");
        }
        self.html.close(tag);
        Ok(())
    }

    /// A list item's blocks; a paragraph alone needs no `<p>` of its own.
    fn item(&mut self, blocks: &[Block]) -> Result<(), String> {
        match blocks {
            [Block::Paragraph(spans)] => {
                self.spans(spans);
                Ok(())
            }
            _ => self.blocks(blocks),
        }
    }

    /// A checklist item: a checkbox the reader can tick, labelled by the item's first
    /// paragraph, then the rest of the item.
    fn task(&mut self, checked: bool, blocks: &[Block]) -> Result<(), String> {
        let mut attributes = vec![("type", "checkbox")];
        if checked {
            attributes.push(("checked", ""));
        }
        match blocks.split_first() {
            Some((Block::Paragraph(spans), rest)) => {
                self.html.open("label", &[]);
                self.html.open("input", &attributes);
                self.html.fixed(" ");
                self.spans(spans);
                self.html.close("label");
                self.blocks(rest)
            }
            _ => {
                let mut said = String::new();
                crate::render::markdown::printed_text(blocks, &mut said);
                attributes.push(("aria-label", said.trim()));
                self.html.open("input", &attributes);
                self.blocks(blocks)
            }
        }
    }

    /// A shaded box (safety points) as an aside, named by its bold first line.
    fn aside(&mut self, blocks: &[Block]) -> Result<(), String> {
        let title = match blocks.first() {
            Some(Block::Paragraph(spans)) if spans.iter().all(|s| s.bold) => Some(spans),
            _ => None,
        };
        let name: Option<String> = title.map(|s| s.iter().map(|s| s.text.as_str()).collect());
        let mut attributes = vec![("class", "box")];
        if let Some(name) = name.as_deref() {
            attributes.push(("aria-label", name.trim()));
        }
        self.html.open("aside", &attributes);
        let rest = match title {
            Some(spans) => {
                self.html.open("p", &[("class", "box-title")]);
                self.spans(spans);
                self.html.close("p");
                &blocks[1..]
            }
            None => blocks,
        };
        self.blocks(rest)?;
        self.html.close("aside");
        Ok(())
    }

    fn table(&mut self, align: &[Alignment], header: &[Vec<Span>], rows: &[Vec<Vec<Span>>]) {
        let columns = header.len().max(1);
        let class = |c: usize| match align.get(c) {
            Some(Alignment::Center) => "center",
            Some(Alignment::Right) => "end",
            _ => "start",
        };
        self.html.open("div", &[("class", "table")]);
        self.html.open("table", &[]);
        self.html.open("thead", &[]);
        self.html.open("tr", &[]);
        for c in 0..columns {
            self.html
                .open("th", &[("scope", "col"), ("class", class(c))]);
            self.spans(header.get(c).map_or(&[][..], |s| s));
            self.html.close("th");
        }
        self.html.close("tr");
        self.html.close("thead");
        self.html.open("tbody", &[]);
        for row in rows {
            // A row with only its first cell filled is room to write in, as on paper.
            let to_fill = row
                .iter()
                .skip(1)
                .all(|spans| spans.iter().all(|s| s.text.trim().is_empty()));
            self.html.open(
                "tr",
                if to_fill {
                    &[("class", "to-fill")]
                } else {
                    &[]
                },
            );
            for c in 0..columns {
                self.html.open("td", &[("class", class(c))]);
                self.spans(row.get(c).map_or(&[][..], |s| s));
                self.html.close("td");
            }
            self.html.close("tr");
        }
        self.html.close("tbody");
        self.html.close("table");
        self.html.close("div");
    }

    /// A picture or drawing with the PDF's alt text: its own, or the file's name when it
    /// has none; nothing for a decorative one.
    fn picture(
        &mut self,
        path: &str,
        alt: &str,
        decorative: bool,
        caption: &str,
    ) -> Result<(), String> {
        let full = crate::paths::inside_course(self.root, path)?;
        let fallback = format!("Picture: {path}");
        let label = match (decorative, alt.is_empty()) {
            (true, _) => Label::Decorative,
            (false, true) => Label::Alt(&fallback),
            (false, false) => Label::Alt(alt),
        };
        self.figures += 1;
        let markup = figure::picture(&full, path, &label, &format!("f{}-", self.figures))?;
        self.html.open("figure", &[("class", "picture")]);
        self.html.made(&markup);
        if !caption.is_empty() {
            self.html.element("figcaption", &[], caption);
        }
        self.html.close("figure");
        // Beyond this a build could not prove the file its own the next time.
        if self.html.size() as u64 > crate::limits::MAX_PDF_BYTES {
            return Err(format!(
                "its pictures make it larger than {} MiB",
                crate::limits::MAX_PDF_BYTES >> 20
            ));
        }
        Ok(())
    }

    /// A video: its caption, a QR code that opens it and its address as a link.
    fn video(&mut self, address: &str, caption: &str) -> Result<(), String> {
        let code = figure::qr_code(address)?;
        self.html.open("figure", &[("class", "video")]);
        if !caption.is_empty() {
            self.html.element("figcaption", &[], caption);
        }
        self.html.made(&code);
        self.html.open("p", &[]);
        // Only a web address becomes a link: never `javascript:` or a file of this
        // computer, whatever a template writes.
        if address.starts_with("https://") {
            self.html.element("a", &[("href", address)], address);
        } else {
            self.html.text(address);
        }
        self.html.close("p");
        self.html.close("figure");
        Ok(())
    }
}

/// An id for a named place: HTML ids hold no spaces.
fn id_of(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join("-")
}

/// The CSS list style that numbers with the digits that start with `zero`.
fn list_style(zero: char) -> Option<&'static str> {
    Some(match zero {
        '٠' => "digits-arabic-indic",
        '۰' => "digits-persian",
        '०' => "digits-devanagari",
        '০' => "digits-bengali",
        '௦' => "digits-tamil",
        '๐' => "digits-thai",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(markdown: &str) -> String {
        let mut body = Body::new(Html::default(), Path::new("."), None);
        body.blocks(&crate::render::markdown::parse(markdown, "en"))
            .unwrap();
        body.html.finish()
    }

    #[test]
    fn heading_levels_never_skip() {
        let html = written("# A\n\n## B\n\n#### C\n\n#### D\n\n### E\n\n# F\n\n### G\n");
        assert_eq!(
            html,
            "<h1>A</h1><h2>B</h2><h3>C</h3><h3>D</h3><h3>E</h3><h1>F</h1><h2>G</h2>"
        );
    }

    #[test]
    fn lists_tables_boxes_and_links() {
        let html = written(
            "- [ ] one\n- [x] **two**\n\n1. a\n2. b\n\n> **Safety**\n>\n> - calm\n\n| A | B |\n|---|:-:|\n| [x](#session-1) | 2 |\n",
        );
        assert_eq!(
            html,
            concat!(
                "<ul class=\"tasks\"><li><label><input type=\"checkbox\"> one</label></li>",
                "<li><label><input type=\"checkbox\" checked=\"\"> <strong>two</strong></label></li></ul>",
                "<ol><li>a</li><li>b</li></ol>",
                "<aside class=\"box\" aria-label=\"Safety\"><p class=\"box-title\"><strong>Safety</strong></p><ul><li>calm</li></ul></aside>",
                "<div class=\"table\"><table><thead><tr><th scope=\"col\" class=\"start\">A</th><th scope=\"col\" class=\"center\">B</th></tr></thead>",
                "<tbody><tr><td class=\"start\"><a href=\"#session-1\">x</a></td><td class=\"center\">2</td></tr></tbody></table></div>"
            )
        );
    }

    #[test]
    fn a_web_address_in_prose_is_a_link_to_itself() {
        let html =
            written("More at https://example.org/a?b=1&c=2. Or [here](#s1) https://x.example.\n");
        assert_eq!(
            html,
            "<p>More at <a href=\"https://example.org/a?b=1&amp;c=2\">https://example.org/a?b=1&amp;c=2</a>. Or <a href=\"#s1\">here</a> <a href=\"https://x.example\">https://x.example</a>.</p>"
        );
        // Only a web address: never another scheme, nor an address inside a link.
        let html = written("javascript:alert(1) and [https://a.example](#s2)\n");
        assert_eq!(
            html,
            "<p>javascript:alert(1) and <a href=\"#s2\">https://a.example</a></p>"
        );
    }

    #[test]
    fn a_video_links_only_a_web_address() {
        let html = written("<!-- video javascript:alert(1) Watch -->\n");
        assert!(!html.contains("href"), "{html}");
        let html = written("<!-- video https://example.org/v Watch -->\n");
        assert!(
            html.contains("<a href=\"https://example.org/v\">https://example.org/v</a>"),
            "{html}"
        );
        assert!(html.contains("<figcaption>Watch</figcaption>"), "{html}");
    }
}
