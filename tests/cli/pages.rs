//! Pages as a typesetter would set them, on every paper size: read back with poppler's
//! `pdftotext -bbox-layout`, which gives each text line's box (skipped with a printed
//! reason where poppler is not installed).

use std::process::Command;

use crate::support::TestCourse;

/// One line of text on a page: its page (from 1), box in points and text.
#[derive(Debug, Clone)]
struct TextLine {
    page: usize,
    x: (f64, f64),
    y: (f64, f64),
    text: String,
}

/// The text lines of a PDF, or None where pdftotext is missing.
fn text_lines(bytes: &[u8]) -> Option<Vec<TextLine>> {
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
    let mut current: Option<TextLine> = None;
    for row in out.lines().map(str::trim) {
        if row.starts_with("<page ") {
            page += 1;
        } else if row.starts_with("<line ") {
            current = Some(TextLine {
                page,
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

fn sample_on(paper: &str) -> TestCourse {
    let course = TestCourse::sample().edit(
        "course.yaml",
        "page_size: a4",
        &format!("page_size: {paper}"),
    );
    course.run(&["build"]).status(0).no_crash();
    course
}

const PAPERS: [&str; 3] = ["a4", "letter", "a5"];

fn pdfs(course: &TestCourse) -> Vec<(String, Vec<u8>)> {
    let mut names: Vec<String> = std::fs::read_dir(course.path().join("build"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let bytes = course.read(&format!("build/{n}"));
            (n, bytes)
        })
        .collect()
}

/// No two lines of text overlap, on any page of any PDF of the sample, on A4, Letter and
/// A5: headings that wrap, the running header on a narrow page, table cells.
#[test]
fn no_two_text_lines_overlap_on_any_paper() {
    for paper in PAPERS {
        let course = sample_on(paper);
        for (name, bytes) in pdfs(&course) {
            let Some(lines) = text_lines(&bytes) else {
                return;
            };
            assert!(!lines.is_empty(), "{paper} {name}: no text read back");
            for (i, a) in lines.iter().enumerate() {
                for b in lines[i + 1..].iter().filter(|b| b.page == a.page) {
                    let wide = a.x.1.min(b.x.1) - a.x.0.max(b.x.0);
                    let high = a.y.1.min(b.y.1) - a.y.0.max(b.y.0);
                    assert!(
                        wide <= 0.5 || high <= 0.5,
                        "{paper} {name} page {}: {:?} overlaps {:?}",
                        a.page,
                        a.text,
                        b.text
                    );
                }
            }
        }
    }
}

/// A5 is a paper size: its pages are 148 x 210 mm and keep every word.
#[test]
fn a5_pages_are_half_of_a4() {
    let course = sample_on("a5");
    let bytes = course.read("build/session-1-handout.pdf");
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let page = doc.get_pages()[&1];
    let media = doc.get_dictionary(page).unwrap().get(b"MediaBox").unwrap();
    let numbers: Vec<f32> = media
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_float().unwrap())
        .collect();
    assert!(
        (numbers[2] - 419.53).abs() < 0.1 && (numbers[3] - 595.28).abs() < 0.1,
        "{numbers:?}"
    );
    let text = crate::support::squash(&crate::support::pdf_text(&bytes));
    assert!(
        text.contains("Hold your baby’s ankle gently with one hand."),
        "{text}"
    );
}
