//! Pages as a typesetter would set them, on every paper size: read back with poppler's
//! `pdftotext -bbox-layout`, which gives each text line's box (skipped with a printed
//! reason where poppler is not installed).

use std::process::Command;

use crate::support::{text_lines, TestCourse, TextLine};

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

/// A PDF read back: its paper, file name and text lines.
type ReadBack = (&'static str, String, Vec<TextLine>);

/// The text lines of every PDF of the sample on every paper, built once for all the tests
/// here: (paper, file name, lines). None where pdftotext is missing.
fn every_pdf_on_every_paper() -> Option<&'static [ReadBack]> {
    static BUILT: std::sync::OnceLock<Option<Vec<ReadBack>>> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let mut all = Vec::new();
            for paper in PAPERS {
                let course = sample_on(paper);
                for (name, bytes) in pdfs(&course) {
                    all.push((paper, name, text_lines(&bytes)?));
                }
            }
            Some(all)
        })
        .as_deref()
}

/// No two lines of text overlap, on any page of any PDF of the sample, on A4, Letter and
/// A5: headings that wrap, the running header on a narrow page, table cells.
#[test]
fn no_two_text_lines_overlap_on_any_paper() {
    let Some(all) = every_pdf_on_every_paper() else {
        return;
    };
    for (paper, name, lines) in all {
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

/// The lines between the running header and footer.
fn content(lines: &[TextLine]) -> Vec<&TextLine> {
    const MM: f64 = 72.0 / 25.4;
    lines
        .iter()
        .filter(|l| l.y.0 > 24.0 * MM && l.y.1 < l.page_height - 19.0 * MM)
        .collect()
}

/// No page holds only a heading or a single line: a heading keeps the start of its
/// section, a stroke moves whole, a paragraph leaves no line alone at a page's top.
#[test]
fn no_page_holds_a_single_line_on_any_paper() {
    let Some(all) = every_pdf_on_every_paper() else {
        return;
    };
    for (paper, name, lines) in all {
        let lines = content(lines);
        let pages = lines.iter().map(|l| l.page).max().unwrap_or(0);
        for page in 1..=pages {
            let on_page: Vec<&str> = lines
                .iter()
                .filter(|l| l.page == page)
                .map(|l| l.text.as_str())
                .collect();
            assert!(
                on_page.len() >= 2,
                "{paper} {name} page {page} holds only {on_page:?}"
            );
        }
    }
}

/// Every numbered step of every stroke keeps its number, on every paper, in the booklet
/// (which has them all).
#[test]
fn every_numbered_step_keeps_its_number_on_any_paper() {
    let modules = std::path::Path::new(crate::support::SAMPLE).join("modules");
    let mut steps: Vec<(usize, String)> = Vec::new();
    for entry in std::fs::read_dir(modules).unwrap() {
        let module: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        for stroke in module["strokes"].as_sequence().into_iter().flatten() {
            for (i, step) in stroke["steps"].as_sequence().unwrap().iter().enumerate() {
                steps.push((i + 1, step.as_str().unwrap().replace('*', "")));
            }
        }
    }
    assert!(steps.len() >= 39, "the sample's steps were not read");
    for paper in PAPERS {
        let course = sample_on(paper);
        // In reading order: pdf-extract may put a list number after its text.
        let bytes = course.read("build/booklet.pdf");
        let Some(booklet) = crate::support::pdf_text_in_reading_order(&bytes) else {
            return;
        };
        let text = crate::support::squash(&crate::support::straight_quotes(&booklet));
        for (number, step) in &steps {
            let step = crate::support::squash(&crate::support::straight_quotes(step));
            let numbered = format!("{number}. {step}");
            assert!(
                text.contains(&numbered),
                "{paper}: {numbered:?} lost its number"
            );
        }
    }
}

/// How full a page is: from the top of its text area down to the foot of its last line
/// of text, or of a drawing beside the steps that reaches lower (`ink_feet`), as a
/// fraction of the text area (24 mm below the paper's top to 20 mm above its foot,
/// between the running header and footer).
fn fill(lines: &[&TextLine], page: usize, ink_foot: f64) -> f64 {
    const MM: f64 = 72.0 / 25.4;
    let on_page: Vec<&&TextLine> = lines.iter().filter(|l| l.page == page).collect();
    let Some(height) = on_page.first().map(|l| l.page_height) else {
        return 0.0;
    };
    let foot = on_page.iter().map(|l| l.y.1).fold(ink_foot, f64::max);
    (foot - 24.0 * MM) / (height - 44.0 * MM)
}

/// Per page of a PDF, the foot of the lowest ink in its text area (text, rules, drawings),
/// in points from the paper's top, from a rendering of the page.
fn ink_feet(pdf: &[u8]) -> Vec<f64> {
    const MM: f64 = 72.0 / 25.4;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.pdf");
    std::fs::write(&path, pdf).unwrap();
    let status = std::process::Command::new("pdftoppm")
        .args(["-gray", "-png", "-r", "36"])
        .arg(&path)
        .arg(dir.path().join("page"))
        .status()
        .expect("pdftoppm (poppler-utils) is installed");
    assert!(status.success());
    let mut pages: Vec<std::path::PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    pages.sort();
    pages
        .iter()
        .map(|p| {
            let picture = image::open(p).unwrap().to_luma8();
            let points = 72.0 / 36.0;
            let (width, height) = picture.dimensions();
            let (top, bottom) = (
                (24.0 * MM / points) as u32,
                (f64::from(height) - 19.0 * MM / points) as u32,
            );
            (top..bottom)
                .rev()
                .find(|&y| (0..width).any(|x| picture.get_pixel(x, y)[0] < 200))
                .map_or(0.0, |y| f64::from(y + 1) * points)
        })
        .collect()
}

/// No page of a handout but its last is less than two thirds full, on A4, Letter and A5: a
/// block kept together moves to the next page only when the page it leaves stays that
/// full, and splits otherwise. Prints the emptiest such page of each paper (run with
/// `--nocapture` to see it).
#[test]
fn every_page_of_a_handout_but_the_last_is_two_thirds_full_on_any_paper() {
    let Some(all) = every_pdf_on_every_paper() else {
        return;
    };
    for paper in PAPERS {
        let built = sample_on(paper);
        let mut emptiest: Option<(f64, &str, usize)> = None;
        let handouts = all
            .iter()
            .filter(|(p, name, _)| *p == paper && name.ends_with("handout.pdf"));
        for (_, name, lines) in handouts {
            let feet = ink_feet(&built.read(&format!("build/{name}")));
            let lines = content(lines);
            let pages = lines.iter().map(|l| l.page).max().unwrap_or(0);
            for page in 1..pages {
                let fill = fill(&lines, page, feet[page - 1]);
                if emptiest.is_none_or(|(least, _, _)| fill < least) {
                    emptiest = Some((fill, name, page));
                }
                assert!(
                    fill >= 2.0 / 3.0,
                    "{paper} {name} page {page} of {pages} is only {:.0}% full; no page but the last may be less than two thirds (67%) full",
                    fill * 100.0
                );
            }
        }
        if let Some((fill, name, page)) = emptiest {
            println!(
                "{paper}: the emptiest page but a last is {name} page {page}, {:.0}% full",
                fill * 100.0
            );
        }
    }
}

/// The headings of a tagged PDF in reading order, from its structure tree: level, title.
fn headings(bytes: &[u8]) -> Vec<(u8, String)> {
    crate::support::structure_tree(bytes)
        .iter()
        .filter_map(|line| {
            let (kind, title) = line.trim().split_once(' ')?;
            let level = kind.strip_prefix('H')?.parse::<u8>().ok()?;
            Some((level, title.to_owned()))
        })
        .collect()
}

/// No page of any PDF of the sample ends with a heading, on any paper: a heading keeps
/// with the start of what it heads (a module's heading with its intro and first stroke).
#[test]
fn no_page_ends_with_a_heading_on_any_paper() {
    let mut checked = 0;
    for paper in PAPERS {
        let course = sample_on(paper);
        for (name, bytes) in pdfs(&course) {
            let Some(lines) = text_lines(&bytes) else {
                return;
            };
            let tree = headings(&bytes);
            let titles: Vec<&String> = tree.iter().map(|(_, t)| t).collect();
            assert!(!titles.is_empty(), "{paper} {name}: no headings read back");
            let lines = content(&lines);
            // A module's heading and intro stay on the page of its first stroke.
            for pair in tree.windows(2) {
                let [(2, module), (4, stroke)] = pair else {
                    continue;
                };
                let at = |title: &str, from: usize| {
                    lines[from..]
                        .iter()
                        .position(|l| l.text == title)
                        .map(|i| from + i)
                };
                let Some(m) = at(module, 0) else { continue };
                let s = at(stroke, m).expect("the first stroke after its module");
                assert_eq!(
                    lines[m].page, lines[s].page,
                    "{paper} {name}: the module {module:?} is on page {} but its first stroke {stroke:?} on page {}",
                    lines[m].page, lines[s].page
                );
                checked += 1;
            }
            let pages = lines.iter().map(|l| l.page).max().unwrap_or(0);
            for page in 1..pages {
                let on_page: Vec<&str> = lines
                    .iter()
                    .filter(|l| l.page == page)
                    .map(|l| l.text.as_str())
                    .collect();
                let Some(last) = on_page.last() else { continue };
                // A heading that wraps ends with its last line, after the line before.
                let before = on_page.len().checked_sub(2).map(|i| on_page[i]);
                let ends_a_heading = titles.iter().any(|t| {
                    t.as_str() == *last || before.is_some_and(|b| **t == format!("{b} {last}"))
                });
                checked += 1;
                assert!(
                    !ends_a_heading,
                    "{paper} {name} page {page} ends with the heading {last:?}; it belongs on the next page, with what it heads"
                );
            }
        }
    }
    assert!(checked > 20, "only {checked} page ends were checked");
}

/// No handout ends with a page holding only its closing matter (the quick reference and
/// "Next time"), on any paper: the closing matter is brought up onto the page before, or
/// the last lines of the body come over to it.
#[test]
fn no_handout_ends_with_a_page_of_only_closing_matter_on_any_paper() {
    let Some(all) = every_pdf_on_every_paper() else {
        return;
    };
    let handouts = all
        .iter()
        .filter(|(_, name, _)| name.ends_with("handout.pdf"));
    for (paper, name, lines) in handouts {
        let lines = content(lines);
        let pages = lines.iter().map(|l| l.page).max().unwrap_or(0);
        let first_on_last = lines.iter().find(|l| l.page == pages).expect("a last page");
        assert!(
            pages == 1 || !["Quick reference", "Next time"].contains(&first_on_last.text.as_str()),
            "{paper} {name}: its last page, {pages}, holds only closing matter from {:?} on",
            first_on_last.text
        );
    }
}

/// A safety box that splits goes on at the top of the next page under its title and
/// "(continued)", in every handout on every paper.
#[test]
fn a_safety_box_that_splits_goes_on_under_its_title_continued() {
    let Some(all) = every_pdf_on_every_paper() else {
        return;
    };
    for (paper, name, lines) in all {
        let title = lines.iter().find(|l| l.text == "Safety first");
        let last = lines.iter().find(|l| l.text.contains("doctor first"));
        if let (Some(title), Some(last)) = (title, last) {
            for page in title.page + 1..=last.page {
                let first = content(lines).into_iter().find(|l| l.page == page);
                assert_eq!(
                    first.map(|l| l.text.as_str()),
                    Some("Safety first (continued)"),
                    "{paper} {name} page {page} goes on with the safety box but not its title"
                );
            }
        }
    }
}

/// qpdf finds nothing wrong in any PDF of the sample, on any paper (skipped with a printed
/// reason where qpdf is not installed).
#[test]
fn qpdf_finds_every_pdf_sound() {
    for paper in PAPERS {
        let course = sample_on(paper);
        for entry in std::fs::read_dir(course.path().join("build")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "pdf") {
                continue;
            }
            match Command::new("qpdf").arg("--check").arg(&path).output() {
                Ok(out) => assert!(
                    out.status.success(),
                    "{paper} {}: {}",
                    path.display(),
                    String::from_utf8_lossy(&out.stdout)
                ),
                Err(_) => {
                    eprintln!("skipped a check: qpdf is not installed");
                    return;
                }
            }
        }
    }
}

/// A word longer than the line breaks where the language's hyphenation patterns allow,
/// with a visible hyphen, and nothing of it is lost.
#[test]
fn a_word_too_long_for_the_line_is_hyphenated() {
    const WORD: &str =
        "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellungsbetriebsleitung";
    let course = TestCourse::sample()
        .edit("course.yaml", "language: en-GB", "language: de")
        .edit("course.yaml", "page_size: a4", "page_size: a5")
        .edit(
            "course.yaml",
            "Chest and arm strokes open your baby up",
            &format!("{WORD} open your baby up"),
        );
    course.run(&["build"]).status(0).no_crash();
    let bytes = course.read("build/session-3-handout.pdf");
    let Some(lines) = text_lines(&bytes) else {
        return;
    };
    let first = lines
        .iter()
        .position(|l| l.text.starts_with("Donau"))
        .expect("the long word is printed");
    let head = lines[first]
        .text
        .strip_suffix('-')
        .expect("a hyphen ends the first part");
    let tail = lines[first + 1].text.split(' ').next().unwrap();
    assert_eq!(format!("{head}{tail}"), WORD);
    // German patterns break "-her-stel-lungs-", never after a single letter.
    assert!(
        head.len() > 2 && tail.chars().count() > 2,
        "{head} | {tail}"
    );
}

/// On a right-to-left page a table's first column is the rightmost, and the safety box's
/// bar is on the right: the Hebrew quick-reference table reads from the right.
#[test]
fn right_to_left_tables_start_on_the_right() {
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scripts/hebrew");
    let course = TestCourse::copy_of(&fixture);
    course.run(&["build", "-q"]).status(0);
    let Some(lines) = text_lines(&course.read("build/session-2-handout.pdf")) else {
        return;
    };
    // pdftotext's boxes give right-to-left words in visual order, letters reversed.
    let x_of = |word: &str| {
        let visual: String = word.chars().rev().collect();
        lines
            .iter()
            .find(|l| l.text == word || l.text == visual)
            .map(|l| l.x.0)
            .unwrap_or_else(|| panic!("no {word} in {lines:#?}"))
    };
    // "Stroke" heads the first column, "Repetitions" the last.
    assert!(x_of("תנועה") > x_of("חזרות"), "the table is not mirrored");
}

/// A table longer than a page starts each further page with its header row again.
#[test]
fn a_long_table_repeats_its_header_row_on_each_page() {
    let many: String = (1..=90)
        .map(|i| format!("    - {{ parent: Parent {i}, baby: Baby {i}, age_months: 3 }}\n"))
        .collect();
    let course = TestCourse::sample().edit(
        "course.yaml",
        "    - { parent: Aisha Rahman, baby: Yusuf, age_months: 3 }\n",
        &format!("    - {{ parent: Aisha Rahman, baby: Yusuf, age_months: 3 }}\n{many}"),
    );
    course.run(&["build", "-q"]).status(0);
    let Some(lines) = text_lines(&course.read("build/session-1-checklist.pdf")) else {
        return;
    };
    let pages_with_rows: std::collections::BTreeSet<usize> = lines
        .iter()
        .filter(|l| l.text.starts_with("Parent ") && l.text.len() > 7)
        .map(|l| l.page)
        .collect();
    assert!(
        pages_with_rows.len() >= 2,
        "the table fits one page: {pages_with_rows:?}"
    );
    for page in pages_with_rows {
        let first_row = lines
            .iter()
            .position(|l| l.page == page && l.text.starts_with("Parent "))
            .unwrap();
        let header = lines
            .iter()
            .position(|l| l.page == page && l.text == "Parent");
        assert!(
            header.is_some_and(|h| h < first_row),
            "page {page} has attendee rows without the header row above them"
        );
    }
}

/// A safety box longer than a page goes on over the next, with its title again there,
/// marked as going on.
#[test]
fn a_box_longer_than_a_page_repeats_its_title() {
    // The box has the points that belong to no stroke: when not to massage.
    let many: String = (1..=70)
        .map(|i| format!("  - Caution number {i}, keep one hand on your baby.\n"))
        .collect();
    let course = TestCourse::sample().edit(
        "modules/getting-ready.yaml",
        "  - Jaundice\n",
        &format!("  - Jaundice\n{many}"),
    );
    course.run(&["build", "-q"]).status(0);
    let Some(lines) = text_lines(&course.read("build/session-1-handout.pdf")) else {
        return;
    };
    let title = lines
        .iter()
        .find(|l| l.text == "Safety first")
        .expect("the box");
    let last = lines
        .iter()
        .find(|l| l.text.contains("Caution number 70"))
        .expect("its last caution");
    assert!(last.page > title.page, "the box fits one page");
    for page in title.page + 1..=last.page {
        assert!(
            lines
                .iter()
                .any(|l| l.page == page && l.text == "Safety first (continued)"),
            "page {page} goes on with the box but not its title"
        );
    }
}

/// A title that wraps is balanced: its lines are about as long as each other, so none ends
/// with one word alone ("Calm Hands — Baby Massage in Five / Weeks"), on any paper.
#[test]
fn wrapped_titles_never_end_with_one_word() {
    let Some(all) = every_pdf_on_every_paper() else {
        return;
    };
    let mut wrapped = 0;
    for (paper, name, lines) in all {
        // Titles (the cover's and each session's) are set at 20 points and more.
        let titles: Vec<&TextLine> = lines.iter().filter(|l| l.y.1 - l.y.0 > 20.0).collect();
        for pair in titles.windows(2) {
            let (first, second) = (pair[0], pair[1]);
            let same_title = first.page == second.page
                && (second.y.0 - first.y.1).abs() < 0.6 * (first.y.1 - first.y.0);
            if !same_title {
                continue;
            }
            wrapped += 1;
            assert!(
                second.text.split_whitespace().count() > 1,
                "{paper} {name}: a title ends with one word: {:?} / {:?}",
                first.text,
                second.text
            );
            let (a, b) = (first.x.1 - first.x.0, second.x.1 - second.x.0);
            assert!(
                a.min(b) / a.max(b) > 0.5,
                "{paper} {name}: unbalanced title lines {:?} / {:?}",
                first.text,
                second.text
            );
        }
    }
    assert!(
        wrapped > 0,
        "no title wraps on any paper, so nothing was checked"
    );
}

/// The title a split box goes on under is in the course's language.
#[test]
fn a_split_box_goes_on_under_its_title_in_the_course_language() {
    // The box has the points that belong to no stroke: when not to massage.
    let many: String = (1..=70)
        .map(|i| format!("  - Caution number {i}, keep one hand on your baby.\n"))
        .collect();
    let course = TestCourse::sample()
        .edit("course.yaml", "language: en-GB", "language: de")
        .edit(
            "modules/getting-ready.yaml",
            "  - Jaundice\n",
            &format!("  - Jaundice\n{many}"),
        );
    course.run(&["build", "-q"]).status(0);
    let Some(lines) = text_lines(&course.read("build/session-1-handout.pdf")) else {
        return;
    };
    assert!(
        lines
            .iter()
            .any(|l| l.text == "Sicherheit zuerst (Fortsetzung)"),
        "no German title goes on: {:#?}",
        lines.iter().map(|l| &l.text).collect::<Vec<_>>()
    );
}
