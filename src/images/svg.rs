//! SVG drawings: parsed within limits and checked to stay inside themselves before usvg
//! sees them. A drawing may refer only to its own parts (`#name`): no other file, no web
//! address, no stylesheet or font from elsewhere, no embedded picture; its words are drawn
//! as shapes, and filters (which the PDF writer turns into pixels) are refused. Each refusal
//! names the line and column of the part refused.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use usvg::roxmltree::{self, Document, Node};

/// The largest SVG file read, in bytes: a handout drawing is a few kilobytes.
pub const MAX_SVG_BYTES: u64 = 1024 * 1024;
/// The most XML nodes (elements, text, comments) a drawing may have.
pub const MAX_SVG_NODES: u32 = 20_000;
/// How deep elements may sit inside one another: usvg walks the tree recursively.
pub const MAX_SVG_DEPTH: usize = 64;

/// Why a drawing is refused, at its line and column (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SvgError {
    pub line: u32,
    pub column: u32,
    pub what: String,
    pub hint: &'static str,
}

const KEEP_INSIDE: &str = "a drawing may refer only to its own parts (`href=\"#name\"`): copy what it needs into the file";
const REDRAW: &str = "save the drawing again as plain SVG (in Inkscape: Save As, Plain SVG)";

/// Whether `bytes` look like an SVG (XML) file rather than a PNG or JPEG.
pub fn looks_like_svg(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    start.is_some_and(|at| bytes[at] == b'<')
}

/// Parses and checks a drawing; its size in CSS pixels (96 to the inch).
pub fn check(bytes: &[u8]) -> Result<(f32, f32), SvgError> {
    let tree = parse(bytes)?;
    let size = tree.size();
    Ok((size.width(), size.height()))
}

/// Parses a drawing into the tree the PDF writer draws, after every check: once per
/// content in a process. A build meets each drawing several times (checked, measured in
/// the handout and the booklet, drawn into each PDF, written into each page), and
/// parsing was a third of a sample build's work.
pub fn parse(bytes: &[u8]) -> Result<Arc<usvg::Tree>, SvgError> {
    let key = {
        let mut hasher = std::hash::DefaultHasher::new();
        bytes.hash(&mut hasher);
        hasher.finish()
    };
    if let Some(same) = Parsed::lock()
        .entries
        .get(&key)
        .and_then(|list| list.iter().find(|e| *e.bytes == *bytes))
    {
        return same.parsed.clone();
    }
    // Parsed outside the lock: drawings are parsed side by side.
    let parsed = parse_uncached(bytes).map(Arc::new);
    let mut cache = Parsed::lock();
    if cache.bytes + bytes.len() > Parsed::MAX_BYTES {
        cache.entries.clear();
        cache.bytes = 0;
    }
    cache.bytes += bytes.len();
    cache.entries.entry(key).or_default().push(Entry {
        bytes: Arc::from(bytes),
        parsed: parsed.clone(),
    });
    parsed
}

/// Drawings already parsed, keyed by their bytes (compared in full, not only hashed), up
/// to [`Parsed::MAX_BYTES`] of source: past that it starts over, so a watch that sees
/// many edits of a drawing holds only the recent ones.
struct Parsed {
    entries: HashMap<u64, Vec<Entry>>,
    bytes: usize,
}

/// A drawing's bytes and what parsing them gave.
struct Entry {
    bytes: Arc<[u8]>,
    parsed: Result<Arc<usvg::Tree>, SvgError>,
}

impl Parsed {
    const MAX_BYTES: usize = 32 * 1024 * 1024;

    fn lock() -> MutexGuard<'static, Parsed> {
        static PARSED: OnceLock<Mutex<Parsed>> = OnceLock::new();
        PARSED
            .get_or_init(|| {
                Mutex::new(Parsed {
                    entries: HashMap::new(),
                    bytes: 0,
                })
            })
            .lock()
            // A panic while holding it leaves whole entries: each is pushed in one step.
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn parse_uncached(bytes: &[u8]) -> Result<usvg::Tree, SvgError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = before.iter().filter(|b| **b == b'\n').count() as u32 + 1;
        let column = before.iter().rev().take_while(|b| **b != b'\n').count() as u32 + 1;
        SvgError {
            line,
            column,
            what: "is not text in UTF-8".into(),
            hint: REDRAW,
        }
    })?;
    let options = roxmltree::ParsingOptions {
        // Entities (<!DOCTYPE ... <!ENTITY>) are how one line grows into gigabytes.
        allow_dtd: false,
        nodes_limit: MAX_SVG_NODES,
        ..Default::default()
    };
    let doc = Document::parse_with_options(text, options).map_err(|e| xml_error(text, e))?;
    check_tree(&doc)?;
    let options = usvg::Options {
        resources_dir: None,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..Default::default()
    };
    usvg::Tree::from_xmltree(&doc, &options).map_err(|e| SvgError {
        line: 1,
        column: 1,
        what: format!("cannot be drawn: {e}"),
        hint: REDRAW,
    })
}

fn xml_error(text: &str, e: roxmltree::Error) -> SvgError {
    let mut pos = e.pos();
    if let (roxmltree::Error::DtdDetected, Some(at)) = (&e, text.find("<!DOCTYPE")) {
        // roxmltree says 1:1; the DOCTYPE's own place is more use.
        let before = &text[..at];
        pos.row = before.matches('\n').count() as u32 + 1;
        pos.col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    }
    let what = match e {
        roxmltree::Error::DtdDetected => {
            "declares a DOCTYPE or entities, which a drawing may not (one entity can grow into gigabytes)".to_owned()
        }
        roxmltree::Error::NodesLimitReached => format!(
            "has more than {MAX_SVG_NODES} parts; a handout drawing needs far fewer"
        ),
        e => {
            let said = e.to_string();
            let said = said
                .strip_suffix(&format!(" at {pos}"))
                .map(str::to_owned)
                .unwrap_or(said);
            format!("is not well-formed SVG: {said}")
        }
    };
    SvgError {
        line: pos.row,
        column: pos.col,
        what,
        hint: REDRAW,
    }
}

fn refused(doc: &Document, node: Node, what: String, hint: &'static str) -> SvgError {
    let pos = doc.text_pos_at(node.range().start);
    SvgError {
        line: pos.row,
        column: pos.col,
        what,
        hint,
    }
}

/// Every element: how deep it is, what it is and what it refers to.
fn check_tree(doc: &Document) -> Result<(), SvgError> {
    let root = doc.root_element();
    if root.tag_name().name() != "svg" {
        return Err(refused(
            doc,
            root,
            format!("starts with `<{}>`, not `<svg>`", root.tag_name().name()),
            REDRAW,
        ));
    }
    // Depth first, in the order of the file, without recursion.
    let mut stack = vec![(root, 1usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_SVG_DEPTH {
            return Err(refused(
                doc,
                node,
                format!("has shapes nested more than {MAX_SVG_DEPTH} deep"),
                REDRAW,
            ));
        }
        check_element(doc, node)?;
        let children: Vec<Node> = node.children().filter(Node::is_element).collect();
        stack.extend(children.into_iter().rev().map(|child| (child, depth + 1)));
    }
    Ok(())
}

fn check_element(doc: &Document, node: Node) -> Result<(), SvgError> {
    let name = node.tag_name().name();
    let refuse = |what: String, hint| Err(refused(doc, node, what, hint));
    match name {
        "image" | "feImage" => {
            return refuse(
                format!("has a picture inside it (`<{name}>`); a drawing is made of lines and shapes"),
                "print the picture as a picture of its own (PNG or JPEG), or draw it as shapes",
            )
        }
        "text" | "tspan" | "textPath" => {
            return refuse(
                format!("has words in it (`<{name}>`); the handout's fonts cannot be used inside a drawing"),
                "turn the words into shapes (in Inkscape: Path, Object to Path), or write them in the handout next to the drawing",
            )
        }
        "filter" => {
            return refuse(
                "has a filter (`<filter>`), which would be printed as pixels, not lines".into(),
                "remove the blur or shadow, or draw it with plain shapes",
            )
        }
        "foreignObject" | "script" | "font" | "font-face" | "font-face-uri" => {
            return refuse(
                format!("has a `<{name}>`, which a handout drawing may not use"),
                REDRAW,
            )
        }
        "style" => {
            let css = node.text().unwrap_or("");
            check_css(css).or_else(|what| refuse(what, KEEP_INSIDE))?;
        }
        _ => {}
    }
    for attribute in node.attributes() {
        let value = attribute.value();
        let local = attribute.name();
        if local == "href" && !value.trim_start().starts_with('#') {
            return refuse(
                format!("refers to `{}` outside the drawing", short(value)),
                KEEP_INSIDE,
            );
        }
        if local == "filter" && value.trim() != "none" {
            return refuse(
                "has a filter, which would be printed as pixels, not lines".into(),
                "remove the blur or shadow, or draw it with plain shapes",
            );
        }
        if local == "style" {
            check_css(value).or_else(|what| refuse(what, KEEP_INSIDE))?;
            if value.contains("filter") && !value.contains("filter:none") {
                return refuse(
                    "has a filter, which would be printed as pixels, not lines".into(),
                    "remove the blur or shadow, or draw it with plain shapes",
                );
            }
        }
        check_urls(value).or_else(|what| refuse(what, KEEP_INSIDE))?;
    }
    Ok(())
}

/// A stylesheet may not import another or load a font.
fn check_css(css: &str) -> Result<(), String> {
    let lower = css.to_ascii_lowercase();
    if lower.contains("@import") {
        return Err("imports a stylesheet from outside the drawing (`@import`)".into());
    }
    if lower.contains("@font-face") {
        return Err("loads a font (`@font-face`); a drawing has no words to set".into());
    }
    check_urls(css)
}

/// Every `url(...)` must name a part of the drawing (`url(#name)`).
fn check_urls(value: &str) -> Result<(), String> {
    let lower = value.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("url(") {
        let inside = rest[at + 4..].trim_start_matches([' ', '"', '\'']);
        if !inside.starts_with('#') {
            let target: String = inside
                .chars()
                .take_while(|c| !matches!(c, ')' | '"' | '\''))
                .collect();
            return Err(format!(
                "refers to `{}` outside the drawing",
                short(&target)
            ));
        }
        rest = &rest[at + 4..];
    }
    Ok(())
}

/// At most 60 characters of what was written, for a message.
fn short(value: &str) -> String {
    let value = value.trim();
    if value.chars().count() > 60 {
        format!("{}…", value.chars().take(60).collect::<String>())
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(svg: &str) -> (u32, u32, String) {
        let e = parse(svg.as_bytes()).unwrap_err();
        (e.line, e.column, e.what)
    }

    const OPEN: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40mm" height="20mm" viewBox="0 0 40 20">"#;

    #[test]
    fn a_plain_drawing_is_read_with_its_size() {
        let svg = format!(
            r##"{OPEN}<defs><path id="a" d="M0 0 L10 10"/></defs><use href="#a" stroke="black"/><rect width="5" height="5" fill="url(#g)"/></svg>"##
        );
        let (w, h) = check(svg.as_bytes()).unwrap();
        assert!((w - 40.0 * 96.0 / 25.4).abs() < 0.1, "{w}");
        assert!((h - 20.0 * 96.0 / 25.4).abs() < 0.1, "{h}");
    }

    #[test]
    fn a_drawing_is_parsed_once_per_content() {
        let svg = format!(r#"{OPEN}<circle cx="5" cy="5" r="4" fill="red"/></svg>"#);
        let first = parse(svg.as_bytes()).unwrap();
        let again = parse(svg.clone().into_bytes().as_slice()).unwrap();
        assert!(
            Arc::ptr_eq(&first, &again),
            "the same bytes give the same tree"
        );
        let changed = svg.replace("r=\"4\"", "r=\"3\"");
        let other = parse(changed.as_bytes()).unwrap();
        assert!(
            !Arc::ptr_eq(&first, &other),
            "an edited drawing is parsed anew"
        );
        // A refusal is remembered with its place, and said the same way again.
        let bad = format!(r#"{OPEN}<use href="other.svg#a"/></svg>"#);
        assert_eq!(
            parse(bad.as_bytes()).unwrap_err(),
            parse(bad.as_bytes()).unwrap_err()
        );
    }

    #[test]
    fn every_way_out_is_refused_at_its_line() {
        let cases = [
            (
                r#"<use href="other.svg#a"/>"#,
                "refers to `other.svg#a` outside the drawing",
            ),
            (
                r#"<use xlink:href="file:///etc/passwd"/>"#,
                "refers to `file:///etc/passwd` outside the drawing",
            ),
            (
                r#"<a href="http://example.com/"><rect width="1" height="1"/></a>"#,
                "refers to `http://example.com/` outside the drawing",
            ),
            (
                r#"<rect width="1" height="1" fill="url(https://example.com/p.svg#g)"/>"#,
                "refers to `https://example.com/p.svg#g` outside the drawing",
            ),
            (
                r#"<rect width="1" height="1" style="fill: url('/tmp/x.svg#g')"/>"#,
                "refers to `/tmp/x.svg#g` outside the drawing",
            ),
            (
                r#"<style>@import url(https://example.com/a.css);</style>"#,
                "imports a stylesheet from outside the drawing (`@import`)",
            ),
            (
                r#"<style>@font-face { font-family: x; src: url(x.ttf) }</style>"#,
                "loads a font (`@font-face`); a drawing has no words to set",
            ),
            (
                r#"<image href="data:image/png;base64,AAAA" width="1" height="1"/>"#,
                "has a picture inside it (`<image>`); a drawing is made of lines and shapes",
            ),
            (
                r#"<text>Hi</text>"#,
                "has words in it (`<text>`); the handout's fonts cannot be used inside a drawing",
            ),
            (
                r#"<foreignObject/>"#,
                "has a `<foreignObject>`, which a handout drawing may not use",
            ),
        ];
        for (part, message) in cases {
            let svg = format!("{OPEN}\n  {part}\n</svg>");
            assert_eq!(refusal(&svg), (2, 3, message.to_owned()), "{part}");
        }
    }

    #[test]
    fn entities_are_refused_before_they_grow() {
        let mut svg =
            String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY a \"lol\">\n");
        for i in 1..10 {
            svg.push_str(&format!(
                "<!ENTITY {} \"{}\">\n",
                (b'a' + i) as char,
                format!("&{};", (b'a' + i - 1) as char).repeat(10)
            ));
        }
        svg.push_str(&format!("]>\n{OPEN}<desc>&j;</desc></svg>"));
        let (line, _, what) = refusal(&svg);
        assert_eq!(line, 2);
        assert!(what.starts_with("declares a DOCTYPE or entities"), "{what}");
    }

    #[test]
    fn deep_nesting_and_too_many_parts_are_refused() {
        let deep = format!(
            "{OPEN}{}{}</svg>",
            "<g>".repeat(10_000),
            "</g>".repeat(10_000)
        );
        let (line, _, what) = refusal(&deep);
        assert_eq!(
            (line, what.as_str()),
            (1, "has shapes nested more than 64 deep")
        );
        let many = format!(
            "{OPEN}\n{}</svg>",
            "<rect width=\"1\" height=\"1\"/>".repeat(30_000)
        );
        assert_eq!(
            refusal(&many).2,
            "has more than 20000 parts; a handout drawing needs far fewer"
        );
    }

    #[test]
    fn malformed_svg_is_located() {
        let svg = format!("{OPEN}\n<rect width=\"1\"\n  height=\"2></svg>");
        let (line, column, what) = refusal(&svg);
        assert!(what.starts_with("is not well-formed SVG: "), "{what}");
        assert!(line >= 2, "{line}:{column}");
        assert_eq!(refusal("<html/>").2, "starts with `<html>`, not `<svg>`");
    }

    #[test]
    fn filters_are_refused() {
        let svg = format!("{OPEN}\n<filter id=\"f\"><feGaussianBlur stdDeviation=\"99999\"/></filter>\n<rect width=\"1\" height=\"1\"/></svg>");
        assert_eq!(
            refusal(&svg),
            (
                2,
                1,
                "has a filter (`<filter>`), which would be printed as pixels, not lines".to_owned()
            )
        );
    }
}
