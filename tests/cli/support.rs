//! A fluent builder for running `course` on a course in a temporary folder.

use std::path::{Path, PathBuf};
use std::process::Command;

pub const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/courses/infant-massage");

pub struct TestCourse {
    dir: tempfile::TempDir,
}

impl TestCourse {
    /// A copy of the bundled sample course.
    pub fn sample() -> Self {
        let course = TestCourse::empty();
        copy_dir(Path::new(SAMPLE), course.path());
        let _ = std::fs::remove_dir_all(course.path().join("build"));
        course
    }

    /// A copy of a course folder.
    pub fn copy_of(dir: &Path) -> Self {
        let course = TestCourse::empty();
        copy_dir(dir, course.path());
        course
    }

    /// An empty folder.
    pub fn empty() -> Self {
        TestCourse {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders).
    pub fn file(self, name: &str, content: impl AsRef<[u8]>) -> Self {
        let path = self.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
        self
    }

    /// Replaces `from` with `to` in a file, which must contain it.
    pub fn edit(self, name: &str, from: &str, to: &str) -> Self {
        let path = self.path().join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{name} does not contain {from:?}");
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
        self
    }

    /// Runs `course` with `args` in the course folder.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.path(), args, &[])
    }

    /// Runs `course` with extra environment variables.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        run_in(self.path(), args, env)
    }

    pub fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    pub fn exists(&self, name: &str) -> bool {
        self.path().join(name).exists()
    }
}

pub fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    Command::new(env!("CARGO_BIN_EXE_course"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .envs(env.iter().copied())
        .output()
        .expect("course runs")
        .into()
}

/// The address space `course` gets in the tests that prove the memory budget: 2 GiB.
pub const CAP_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// Runs `course` in `dir` under `prlimit --as` (2 GiB), or plainly where prlimit is missing.
pub fn run_capped(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = if Command::new("prlimit").arg("--version").output().is_ok() {
        let mut c = Command::new("prlimit");
        c.arg(format!("--as={CAP_BYTES}"))
            .arg("--")
            .arg(env!("CARGO_BIN_EXE_course"));
        c
    } else {
        eprintln!("`prlimit` (util-linux) is not installed: running without the cap");
        Command::new(env!("CARGO_BIN_EXE_course"))
    };
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .expect("course runs")
        .into()
}

impl From<std::process::Output> for Run {
    fn from(output: std::process::Output) -> Run {
        Run {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

#[derive(Debug)]
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn status(&self, code: i32) -> &Self {
        assert_eq!(
            self.status, code,
            "exit status\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn stdout_has(&self, text: &str) -> &Self {
        assert!(
            self.stdout.contains(text),
            "stdout lacks {text:?}:\n{}",
            self.stdout
        );
        self
    }

    pub fn stdout_lacks(&self, text: &str) -> &Self {
        assert!(
            !self.stdout.contains(text),
            "stdout has {text:?}:\n{}",
            self.stdout
        );
        self
    }

    pub fn stderr_has(&self, text: &str) -> &Self {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}:\n{}",
            self.stderr
        );
        self
    }

    /// Never a panic or a Rust debug dump.
    pub fn no_crash(&self) -> &Self {
        for bad in [
            "panicked",
            "internal error",
            "RUST_BACKTRACE",
            "Error {",
            "Os { code",
            "Custom {",
            "Utf8Error",
            "ScanError",
        ] {
            assert!(
                !self.stderr.contains(bad) && !self.stdout.contains(bad),
                "output has {bad:?}:\n{}{}",
                self.stdout,
                self.stderr
            );
        }
        self
    }

    /// The objects of a `--message-format json` stream whose `type` is `kind`; every
    /// line of the stream must be such an object.
    pub fn json_lines(&self, kind: &str) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l)
                    .unwrap_or_else(|e| panic!("not JSON ({e}): {l}"))
            })
            .filter(|v| v["type"] == kind)
            .collect()
    }

    /// `--message-format json` output, one line per diagnostic:
    /// `file:line:column: field: message | hint`.
    pub fn diagnostics(&self) -> Vec<String> {
        self.json_lines("diagnostic")
            .into_iter()
            .map(|v| {
                let s = |k: &str| v[k].as_str().map(str::to_owned);
                let place = match (v["line"].as_u64(), v["column"].as_u64()) {
                    (Some(l), Some(c)) => format!("{}:{l}:{c}", s("file").unwrap()),
                    _ => s("file").unwrap(),
                };
                let field = s("field_label")
                    .map(|f| format!("{f}: "))
                    .unwrap_or_default();
                let hint = s("hint").map(|h| format!(" | {h}")).unwrap_or_default();
                let severity = if s("severity").as_deref() == Some("warning") {
                    "warning: "
                } else {
                    ""
                };
                format!("{severity}{place}: {field}{}{hint}", s("message").unwrap())
            })
            .collect()
    }
}

/// Copies the folder `from` into `to`, laying its files over what is there.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target: PathBuf = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The text of a PDF, as a reader would copy it.
pub fn pdf_text(bytes: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(bytes).expect("PDF text can be extracted")
}

/// The text of a PDF as poppler's `pdftotext` reads it: in logical order, with ActualText
/// and right-to-left runs understood (which pdf-extract does not). None, with a printed
/// reason, where poppler is not installed.
pub fn pdf_text_in_reading_order(bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("in.pdf");
    std::fs::write(&path, bytes).ok()?;
    match Command::new("pdftotext").arg(&path).arg("-").output() {
        // Its bidi embedding marks are not part of the text.
        Ok(out) if out.status.success() => Some(
            String::from_utf8_lossy(&out.stdout)
                .chars()
                .filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'))
                .collect(),
        ),
        _ => {
            eprintln!(
                "skipped a reading-order check: pdftotext (Debian: poppler-utils) is not installed"
            );
            None
        }
    }
}

/// Typographic quotes and apostrophes as typed on a keyboard, to compare printed text with
/// its source.
pub fn straight_quotes(text: &str) -> String {
    text.replace(['‘', '’'], "'").replace(['“', '”'], "\"")
}

/// Whitespace-insensitive: line breaks in the PDF do not matter.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every glyph code a PDF's pages show, from the text operators of their content streams.
/// The fonts are two-byte CID fonts, so each code is a glyph id of the embedded subset;
/// 0 is `.notdef`, the empty box a reader sees for a character no font had.
pub fn glyph_codes(bytes: &[u8]) -> Vec<u16> {
    use lopdf::Object;
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF lopdf can read");
    let mut codes = Vec::new();
    let mut take = |o: &Object| {
        if let Object::String(s, _) = o {
            codes.extend(
                s.chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])),
            );
        }
    };
    for page in doc.get_pages().values() {
        let content = doc
            .get_and_decode_page_content(*page)
            .expect("page content");
        for op in content.operations {
            match op.operator.as_str() {
                "Tj" | "'" | "\"" => op.operands.iter().for_each(&mut take),
                "TJ" => {
                    for o in &op.operands {
                        if let Object::Array(items) = o {
                            items.iter().for_each(&mut take);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    codes
}

/// How many small squares a PDF strokes: paths of a move and four lines back to the start,
/// as wide as high (the drawn checkboxes).
pub fn drawn_squares(bytes: &[u8]) -> usize {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF lopdf can read");
    let number = |o: &lopdf::Object| o.as_float().map(f64::from).unwrap_or(f64::NAN);
    let mut count = 0;
    for page in doc.get_pages().values() {
        let content = doc
            .get_and_decode_page_content(*page)
            .expect("page content");
        let mut points: Vec<(f64, f64)> = Vec::new();
        for op in content.operations {
            match op.operator.as_str() {
                "m" => points = vec![(number(&op.operands[0]), number(&op.operands[1]))],
                "l" => points.push((number(&op.operands[0]), number(&op.operands[1]))),
                "S" => {
                    if points.len() == 5 && points[0] == points[4] {
                        let xs = points.iter().map(|p| p.0);
                        let ys = points.iter().map(|p| p.1);
                        let w = xs.clone().fold(f64::MIN, f64::max) - xs.fold(f64::MAX, f64::min);
                        let h = ys.clone().fold(f64::MIN, f64::max) - ys.fold(f64::MAX, f64::min);
                        if w > 3.0 && w < 20.0 && (w - h).abs() < 0.5 {
                            count += 1;
                        }
                    }
                    points.clear();
                }
                _ => {}
            }
        }
    }
    count
}

/// The structure tree of a tagged PDF as indented lines, one per element: its type and,
/// for headings, its title (`H1 Week 1`). Empty for an untagged PDF.
pub fn structure_tree(bytes: &[u8]) -> Vec<String> {
    use lopdf::Object;
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF lopdf can read");
    fn resolve<'a>(doc: &'a lopdf::Document, o: &'a Object) -> &'a Object {
        match o {
            Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
            _ => o,
        }
    }
    fn walk(doc: &lopdf::Document, o: &Object, depth: usize, out: &mut Vec<String>) {
        match resolve(doc, o) {
            Object::Array(items) => items.iter().for_each(|i| walk(doc, i, depth, out)),
            Object::Dictionary(d) => {
                let kind = d.get(b"S").ok().and_then(|s| s.as_name().ok());
                let Some(kind) = kind else { return };
                let mut line = format!("{}{}", "  ".repeat(depth), String::from_utf8_lossy(kind));
                if let Ok(Object::String(title, _)) = d.get(b"T").map(|t| resolve(doc, t)) {
                    line.push(' ');
                    line.push_str(&pdf_string(title));
                }
                out.push(line);
                if let Ok(kids) = d.get(b"K") {
                    walk(doc, kids, depth + 1, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    let root = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"StructTreeRoot").ok());
    if let Some(Object::Dictionary(root)) = root.map(|r| resolve(&doc, r)) {
        if let Ok(kids) = root.get(b"K") {
            walk(&doc, kids, 0, &mut out);
        }
    }
    out
}

/// The outline (bookmarks) of a PDF as indented titles.
pub fn outline(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF lopdf can read");
    let dict = |id| doc.get_object(id).ok().and_then(|o| o.as_dict().ok());
    fn first(d: &lopdf::Dictionary, key: &[u8]) -> Option<lopdf::ObjectId> {
        d.get(key).ok().and_then(|o| o.as_reference().ok())
    }
    let mut out = Vec::new();
    let mut stack: Vec<(Option<lopdf::ObjectId>, usize)> = Vec::new();
    let root = doc.catalog().ok().and_then(|c| first(c, b"Outlines"));
    stack.push((root.and_then(&dict).and_then(|d| first(d, b"First")), 0));
    while let Some((next, depth)) = stack.pop() {
        let Some(id) = next else { continue };
        let Some(item) = dict(id) else { continue };
        if let Ok(lopdf::Object::String(title, _)) = item.get(b"Title") {
            out.push(format!("{}{}", "  ".repeat(depth), pdf_string(title)));
        }
        stack.push((first(item, b"Next"), depth));
        stack.push((first(item, b"First"), depth + 1));
    }
    out
}

/// A PDF text string: UTF-16 with a byte-order mark, or PDFDocEncoding (ASCII here).
fn pdf_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = utf16
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// Per page, the marked-content tag around its first text (`Artifact` for page furniture,
/// `Span` for tagged text); "none" where the text is not marked.
pub fn first_text_marks(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF lopdf can read");
    let mut marks = Vec::new();
    for page in doc.get_pages().values() {
        let content = doc
            .get_and_decode_page_content(*page)
            .expect("page content");
        let mut open: Vec<String> = Vec::new();
        let mut first = None;
        for op in content.operations {
            match op.operator.as_str() {
                "BDC" | "BMC" => open.push(
                    op.operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .map(|n| String::from_utf8_lossy(n).into_owned())
                        .unwrap_or_default(),
                ),
                "EMC" => {
                    open.pop();
                }
                "Tj" | "TJ" => {
                    first = Some(open.last().cloned().unwrap_or_else(|| "none".to_owned()));
                    break;
                }
                _ => {}
            }
        }
        marks.push(first.unwrap_or_else(|| "no text".to_owned()));
    }
    marks
}

/// Per link annotation of a PDF: the page it is on and the page it goes to (both from 1).
pub fn links(bytes: &[u8]) -> Vec<(usize, usize)> {
    use lopdf::Object;
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF lopdf can read");
    let pages = doc.get_pages();
    let number_of = |id: lopdf::ObjectId| {
        pages
            .iter()
            .find(|(_, p)| **p == id)
            .map(|(n, _)| *n as usize)
    };
    let resolve = |o: &Object| match o {
        Object::Reference(id) => doc.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    let mut out = Vec::new();
    for (number, page) in &pages {
        let Ok(page) = doc.get_dictionary(*page) else {
            continue;
        };
        let Some(Object::Array(annots)) = page.get(b"Annots").ok().and_then(resolve) else {
            continue;
        };
        for annot in annots.iter().filter_map(resolve) {
            let Ok(annot) = annot.as_dict() else { continue };
            let Some(Object::Array(dest)) = annot.get(b"Dest").ok().and_then(resolve) else {
                continue;
            };
            if let Some(to) = dest
                .first()
                .and_then(|p| p.as_reference().ok())
                .and_then(number_of)
            {
                out.push((*number as usize, to));
            }
        }
    }
    out
}

/// The text of each page of a PDF, in order, as poppler's `pdftotext` reads it (the page
/// layout kept, so a line of a page is a line here).
pub fn page_texts(bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    // The text ends with a page break.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Per web link annotation of a PDF: its page (from 1) and address.
pub fn web_links(bytes: &[u8]) -> Vec<(usize, String)> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let resolve = |o: &lopdf::Object| match o {
        lopdf::Object::Reference(id) => doc.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    let mut out = Vec::new();
    for (number, page) in doc.get_pages() {
        let page = doc.get_dictionary(page).unwrap();
        let Some(lopdf::Object::Array(annots)) = page.get(b"Annots").ok().and_then(resolve) else {
            continue;
        };
        for annot in annots.iter().filter_map(resolve) {
            let Ok(annot) = annot.as_dict() else { continue };
            let Some(lopdf::Object::Dictionary(action)) = annot.get(b"A").ok().and_then(resolve)
            else {
                continue;
            };
            if let Ok(lopdf::Object::String(uri, _)) = action.get(b"URI") {
                out.push((number as usize, String::from_utf8_lossy(uri).into_owned()));
            }
        }
    }
    out
}

/// One line of text on a page: its page (from 1) and that page's height, box in points
/// and text.
#[derive(Debug, Clone)]
pub struct TextLine {
    pub page: usize,
    pub page_height: f64,
    pub x: (f64, f64),
    pub y: (f64, f64),
    pub text: String,
}

/// The text lines of a PDF, or None where pdftotext is missing.
pub fn text_lines(bytes: &[u8]) -> Option<Vec<TextLine>> {
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("in.pdf");
    std::fs::write(&path, bytes).ok()?;
    let out = match Command::new("pdftotext")
        .arg("-bbox-layout")
        .arg(&path)
        .arg("-")
        .output()
    {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
        _ => {
            eprintln!("skipped a page check: pdftotext (Debian: poppler-utils) is not installed");
            return None;
        }
    };
    let number = |line: &str, key: &str| -> f64 {
        let start = line.find(&format!("{key}=\"")).map(|i| i + key.len() + 2);
        start
            .and_then(|s| line[s..].split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN)
    };
    let mut lines = Vec::new();
    let mut page = 0;
    let mut page_height = 0.0;
    let mut current: Option<TextLine> = None;
    for row in out.lines().map(str::trim) {
        if row.starts_with("<page ") {
            page += 1;
            page_height = number(row, "height");
        } else if row.starts_with("<line ") {
            current = Some(TextLine {
                page,
                page_height,
                x: (number(row, "xMin"), number(row, "xMax")),
                y: (number(row, "yMin"), number(row, "yMax")),
                text: String::new(),
            });
        } else if row.starts_with("<word ") {
            if let (Some(line), Some(word)) = (&mut current, row.split('>').nth(1)) {
                let word = word.trim_end_matches("</word");
                if !line.text.is_empty() {
                    line.text.push(' ');
                }
                line.text.push_str(word);
            }
        } else if row.starts_with("</line>") {
            lines.extend(current.take());
        }
    }
    Some(lines)
}
