//! `course build`: the PDFs are read back and checked for what they must say.

use crate::support::{
    first_text_marks, links, outline, pdf_text, squash, straight_quotes, structure_tree, TestCourse,
};

const SESSIONS: usize = 5;

fn built_sample() -> TestCourse {
    let course = TestCourse::sample();
    course.run(&["build"]).status(0).no_crash();
    course
}

fn text_of(course: &TestCourse, name: &str) -> String {
    pdf_text(&course.read(&format!("build/{name}")))
}

#[test]
fn build_writes_every_pdf_and_says_where() {
    let course = TestCourse::sample();
    let run = course.run(&["build"]);
    run.status(0).no_crash();
    for i in 1..=SESSIONS {
        run.stdout_has(&format!("wrote     build/session-{i}-handout.pdf"))
            .stdout_has(&format!("wrote     build/session-{i}-checklist.pdf"));
    }
    run.stdout_has("wrote     build/booklet.pdf")
        .stdout_has("wrote     build/practice-log.pdf")
        .stdout_has("Built 12 PDFs (");
    let leftovers: Vec<_> = std::fs::read_dir(course.path().join("build"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().into_string().unwrap())
        .filter(|n| !n.ends_with(".pdf") && n != ".course-build.json")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    assert!(course.run(&["build", "--quiet"]).stdout.is_empty());
}

/// What the sample course says, read from its YAML with serde_yaml (not with `course`).
struct Sample {
    sessions: Vec<(String, Vec<String>)>,
    strokes: Vec<(String, String, Vec<String>)>,
}

fn sample() -> Sample {
    let dir = std::path::Path::new(crate::support::SAMPLE);
    let course: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(dir.join("course.yaml")).unwrap()).unwrap();
    let sessions = course["sessions"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["title"].as_str().unwrap().to_owned(),
                s["modules"]
                    .as_sequence()
                    .unwrap()
                    .iter()
                    .map(|m| m.as_str().unwrap().to_owned())
                    .collect(),
            )
        })
        .collect();
    let mut strokes = Vec::new();
    for entry in std::fs::read_dir(dir.join("modules")).unwrap() {
        let module: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        for s in module["strokes"].as_sequence().into_iter().flatten() {
            let steps = s["steps"]
                .as_sequence()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap().replace('*', ""))
                .collect();
            strokes.push((
                module["id"].as_str().unwrap().to_owned(),
                s["name"].as_str().unwrap().to_owned(),
                steps,
            ));
        }
    }
    Sample { sessions, strokes }
}

#[test]
fn handouts_carry_every_session_title_stroke_and_step() {
    let course = built_sample();
    let sample = sample();
    let booklet = squash(&straight_quotes(&text_of(&course, "booklet.pdf")));
    for (i, (title, modules)) in sample.sessions.iter().enumerate() {
        let handout = straight_quotes(&text_of(&course, &format!("session-{}-handout.pdf", i + 1)));
        assert!(
            !handout.contains('\0') && !handout.contains('\u{fffd}'),
            "broken characters in handout {}",
            i + 1
        );
        let flat = squash(&handout);
        assert!(flat.contains(title), "handout {} lacks its title", i + 1);
        assert!(booklet.contains(title), "booklet lacks {title}");
        assert!(
            flat.contains("Maren Solberg"),
            "no instructor in the header"
        );
        assert!(flat.contains("Page 1 of"), "no page numbers");
        for (_, name, steps) in sample
            .strokes
            .iter()
            .filter(|(m, _, _)| modules.contains(m))
        {
            assert!(
                flat.contains(name.as_str()),
                "handout {} lacks stroke {name}",
                i + 1
            );
            for step in steps {
                assert!(
                    compact(&flat).contains(&compact(&straight_quotes(step))),
                    "handout {} lacks step {step:?}",
                    i + 1
                );
                assert!(
                    compact(&booklet).contains(&compact(&straight_quotes(step))),
                    "booklet lacks step {step:?}"
                );
            }
        }
    }
}

#[test]
fn each_checklist_has_a_box_per_stroke() {
    let course = built_sample();
    let sample = sample();
    for (i, (_, modules)) in sample.sessions.iter().enumerate() {
        let file = format!("session-{}-checklist.pdf", i + 1);
        let checklist = text_of(&course, &file);
        let strokes: Vec<&String> = sample
            .strokes
            .iter()
            .filter(|(m, _, _)| modules.contains(m))
            .map(|(_, name, _)| name)
            .collect();
        for name in &strokes {
            assert!(checklist.contains(name.as_str()), "{file} lacks {name}");
        }
        // Boxes are drawn squares (any font prints them), never the font's ☐: one per
        // stroke, the room and safety items, and two per attendee (present, consent).
        let boxes = crate::support::drawn_squares(&course.read(&format!("build/{file}")));
        let attendees = 6;
        assert!(
            boxes >= strokes.len() + 3 + 2 * attendees,
            "{file}: {boxes} drawn boxes for {} strokes and {attendees} attendees",
            strokes.len()
        );
        assert!(checklist.contains("Aisha Rahman"), "{checklist}");
        assert!(
            !checklist.contains('☐'),
            "a checkbox printed as text:\n{checklist}"
        );
    }
    let log = text_of(&course, "practice-log.pdf");
    for day in ["Monday", "Sunday", "How your baby responded"] {
        assert!(log.contains(day), "practice log lacks {day}");
    }
}

fn media_box(pdf: &[u8]) -> (f32, f32) {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let page = doc.get_pages().into_values().next().unwrap();
    let dict = doc.get_dictionary(page).unwrap();
    let b = dict.get(b"MediaBox").unwrap().as_array().unwrap();
    let n = |o: &lopdf::Object| {
        o.as_float()
            .or_else(|_| o.as_i64().map(|i| i as f32))
            .unwrap()
    };
    (n(&b[2]), n(&b[3]))
}

#[test]
fn page_size_follows_the_course() {
    let course = built_sample();
    let (w, h) = media_box(&course.read("build/session-1-handout.pdf"));
    assert!(
        (w - 595.3).abs() < 1.0 && (h - 841.9).abs() < 1.0,
        "A4 expected, got {w} x {h}"
    );
    let letter = TestCourse::sample().edit("course.yaml", "page_size: a4", "page_size: letter");
    letter.run(&["build", "-q"]).status(0);
    let (w, h) = media_box(&letter.read("build/session-1-handout.pdf"));
    assert!(
        (w - 612.0).abs() < 1.0 && (h - 792.0).abs() < 1.0,
        "Letter expected, got {w} x {h}"
    );
}

#[test]
fn long_words_and_web_addresses_survive_whole() {
    let word = "Supercalifragilisticexpialidociouslyandevenlongerwordsforbabi";
    assert_eq!(word.len(), 61);
    let url = "https://calmhands.example/classes/baby-massage/a-very-long-address/that-does-not-fit-on-one-line-of-a-handout.html";
    let course = TestCourse::sample().edit(
        "course.yaml",
        "Welcome to the class!",
        &format!("Welcome to the class! {word} {url}"),
    );
    course.run(&["build", "-q"]).status(0);
    let text: String = text_of(&course, "session-1-handout.pdf")
        .split_whitespace()
        .collect();
    assert!(text.contains(word), "the long word was cut");
    assert!(text.contains(url), "the web address was cut");
}

#[test]
fn user_text_prints_as_written() {
    let course = TestCourse::sample().edit(
        "modules/tummy.yaml",
        "name: Water wheel",
        "name: \"Water wheel #1 * | [x] _y_\"",
    );
    course.run(&["build", "-q"]).status(0);
    assert!(
        squash(&text_of(&course, "session-2-handout.pdf")).contains("Water wheel #1 * | [x] _y_")
    );
}

#[test]
fn problems_mean_nothing_is_written() {
    let course =
        TestCourse::sample().edit("modules/tummy.yaml", "repetitions: 3", "repetitions: three");
    let run = course.run(&["build"]);
    run.status(1)
        .no_crash()
        .stderr_has("`repetitions` should be a whole number")
        .stderr_has("Nothing was written");
    assert!(!course.exists("build"));
}

#[test]
fn a_failed_build_keeps_the_last_good_pdfs() {
    let course = built_sample();
    let before = course.read("build/session-2-handout.pdf");
    let course = course.edit("modules/tummy.yaml", "repetitions: 3", "repetitions: three");
    course.run(&["build"]).status(1);
    assert_eq!(course.read("build/session-2-handout.pdf"), before);
}

#[test]
fn course_templates_override_the_built_in_ones() {
    let course = TestCourse::sample().file(
        "templates/practice-log.md.hbs",
        "# Our own log for {{course.title}}\n\n- [ ] Massage done\n",
    );
    course.run(&["build", "-q"]).status(0);
    let text = squash(&text_of(&course, "practice-log.pdf"));
    assert!(text.contains("Our own log for Calm Hands"), "{text}");
    let broken = TestCourse::sample().file(
        "templates/checklist.md.hbs",
        "# Title\n\n{{#each session.strokes}}\n- {{name}}\n",
    );
    let run = broken.run(&["build"]);
    run.status(1)
        .no_crash()
        .stderr_has("templates/checklist.md.hbs:");
}

#[test]
fn the_language_chooses_the_fixed_words() {
    let course = TestCourse::sample().edit("course.yaml", "language: en-GB", "language: de");
    course.run(&["build", "-q"]).status(0);
    let text = squash(&text_of(&course, "session-1-handout.pdf"));
    assert!(
        text.contains("Seite 1 von")
            && text.contains("Sicherheit zuerst")
            && text.contains("1. März 2027"),
        "{text}"
    );
    let own = TestCourse::sample()
        .edit("course.yaml", "language: en-GB", "language: nl")
        .file(
            "locales/nl.yaml",
            "page_of: \"Pagina {page} van {pages}\"\n",
        );
    own.run(&["build", "-q"]).status(0);
    assert!(squash(&text_of(&own, "session-1-handout.pdf")).contains("Pagina 1 van"));
    let unknown = TestCourse::sample().edit("course.yaml", "language: en-GB", "language: dee");
    unknown
        .run(&["validate"])
        .status(1)
        .stderr_has("there are no words for the language `dee`")
        .stderr_has("did you mean `de`?");
}

#[test]
fn images_are_checked_and_printed() {
    let missing = TestCourse::sample().edit(
        "modules/tummy.yaml",
        "title: Tummy strokes",
        "title: Tummy strokes\nimage: images/tummy.png",
    );
    let run = missing.run(&["validate", ".", "--message-format=json"]);
    assert_eq!(run.diagnostics(), ["modules/tummy.yaml:5:8: image: `images/tummy.png` does not exist | name a PNG, JPEG or SVG file inside the course folder, such as `images/water-wheel.svg`"]);
    let outside = TestCourse::sample().edit(
        "modules/tummy.yaml",
        "title: Tummy strokes",
        "title: Tummy strokes\nimage: ../../etc/passwd",
    );
    outside
        .run(&["validate"])
        .status(1)
        .stderr_has("`../../etc/passwd` points outside the course folder");
    let mut png = Vec::new();
    image::DynamicImage::new_rgb8(40, 20)
        .write_to(&mut png, image::ImageOutputFormat::Png)
        .unwrap();
    let with_image = TestCourse::sample().file("images/tummy.png", png).edit(
        "modules/tummy.yaml",
        "title: Tummy strokes",
        "title: Tummy strokes\nimage: images/tummy.png",
    );
    with_image.run(&["build", "-q"]).status(0);
    let pdf = with_image.read("build/session-2-handout.pdf");
    assert!(
        pdf.windows(13)
            .any(|w| w == b"/Subtype /Ima" || w == b"/Subtype/Imag"),
        "no image in the PDF"
    );
}

#[test]
fn output_folder_must_be_writable_and_apart_from_the_sources() {
    let course = TestCourse::sample();
    course
        .run(&["build", "--out", "."])
        .status(2)
        .stderr_has("would mix PDFs into the course's own files");
    course.run(&["build", "--out", "modules"]).status(2);
    std::fs::write(course.path().join("not-a-folder"), "x").unwrap();
    let run = course.run(&["build", "--out", "not-a-folder/pdfs"]);
    run.status(1)
        .no_crash()
        .stderr_has("error: not-a-folder/pdfs: cannot be written: a file stands where a folder is needed, or a folder or link where a file goes");
}

fn modified(course: &TestCourse, name: &str) -> std::time::SystemTime {
    std::fs::metadata(course.path().join("build").join(name))
        .unwrap()
        .modified()
        .unwrap()
}

#[test]
fn a_rebuild_skips_pdfs_whose_inputs_are_unchanged() {
    let course = built_sample();
    let before = modified(&course, "session-1-handout.pdf");
    std::thread::sleep(std::time::Duration::from_millis(20));
    course
        .run(&["build"])
        .status(0)
        .stdout_has("Built 0 PDFs, 12 unchanged")
        .stdout_has("unchanged build/booklet.pdf");
    assert_eq!(
        modified(&course, "session-1-handout.pdf"),
        before,
        "an unchanged PDF was rewritten"
    );

    let course = course.edit(
        "modules/tummy.yaml",
        "name: Water wheel",
        "name: Paddle wheel",
    );
    let run = course.run(&["build"]);
    // Week 2 teaches the stroke, week 5 adapts it for toddlers, the booklet has both.
    run.status(0).stdout_has("Built 5 PDFs, 7 unchanged");
    for name in [
        "session-2-handout",
        "session-2-checklist",
        "session-5-handout",
        "session-5-checklist",
        "booklet",
    ] {
        run.stdout_has(&format!("wrote     build/{name}.pdf"));
    }
    assert_eq!(modified(&course, "session-1-handout.pdf"), before);
    assert!(squash(&text_of(&course, "session-2-handout.pdf")).contains("Paddle wheel"));

    course
        .run(&["build", "--force"])
        .status(0)
        .stdout_has("Built 12 PDFs (");
    // A deleted PDF is made again; one the user replaced is theirs and left alone.
    std::fs::remove_file(course.path().join("build/session-1-handout.pdf")).unwrap();
    course
        .run(&["build"])
        .status(0)
        .stdout_has("Built 1 PDF, 11 unchanged");
    std::fs::write(
        course.path().join("build/session-1-handout.pdf"),
        b"not a pdf",
    )
    .unwrap();
    course
        .run(&["build"])
        .status(1)
        .stderr_has("build/session-1-handout.pdf: this file was not written by `course build`");
}

#[test]
fn only_pdfs_the_build_wrote_are_ever_removed() {
    let course = built_sample();
    std::fs::write(course.path().join("build/my-notes.txt"), "mine").unwrap();
    std::fs::write(
        course.path().join("build/session-9-handout.pdf"),
        "mine too",
    )
    .unwrap();
    // Drop the last session: its PDFs go, files the build did not write stay.
    let text = String::from_utf8(course.read("course.yaml")).unwrap();
    let start = text.find("  - title: \"Week 5").unwrap();
    let end = text.find("\nclass:").unwrap();
    let course = course.file(
        "course.yaml",
        format!("{}{}", &text[..start], &text[end + 1..]),
    );
    course
        .run(&["build"])
        .status(0)
        .stdout_has("removed build/session-5-handout.pdf");
    assert!(
        !course.exists("build/session-5-handout.pdf")
            && !course.exists("build/session-5-checklist.pdf")
    );
    assert!(course.exists("build/my-notes.txt") && course.exists("build/session-9-handout.pdf"));
}

#[test]
fn source_date_epoch_makes_builds_byte_identical() {
    let course = TestCourse::sample();
    let epoch = [("SOURCE_DATE_EPOCH", "1700000000")];
    course
        .run_env(&["build", "-q", "--out", "one"], &epoch)
        .status(0);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    course
        .run_env(&["build", "-q", "--out", "two"], &epoch)
        .status(0);
    for name in [
        "session-1-handout.pdf",
        "session-3-checklist.pdf",
        "booklet.pdf",
        "practice-log.pdf",
    ] {
        assert!(
            course.read(&format!("one/{name}")) == course.read(&format!("two/{name}")),
            "{name} differs between builds"
        );
    }
    course.run(&["build", "-q", "--out", "three"]).status(0);
    assert!(
        course.read("one/booklet.pdf") != course.read("three/booklet.pdf"),
        "without SOURCE_DATE_EPOCH the date is the build's"
    );
}

/// A rebuild starts the booklet from where its contents settled last time, kept in the
/// build record, instead of a pass that only counts pages. The record sits in the output
/// folder, where anyone may edit it: a wrong guess costs a pass and an impossible one is
/// ignored, and either way the booklet is the one a build from nothing makes.
#[test]
fn a_booklet_started_from_the_record_is_the_booklet_made_from_nothing() {
    let course = TestCourse::sample();
    let epoch = [("SOURCE_DATE_EPOCH", "1700000000")];
    course.run_env(&["build", "-q"], &epoch).status(0);
    let fresh = course.read("build/booklet.pdf");
    let record_of = |course: &TestCourse| -> serde_json::Value {
        serde_json::from_slice(&course.read("build/.course-build.json")).unwrap()
    };
    let mut record = record_of(&course);
    let pages = booklet_pages(&course);
    let week_2 = 1
        + (2..pages.len())
            .find(|&i| pages[i].contains("Week 2: Tummy"))
            .unwrap();
    assert_eq!(
        record["files"]["booklet.pdf"]["contents"]["pages"],
        pages.len()
    );
    assert_eq!(
        record["files"]["booklet.pdf"]["contents"]["anchors"]["session-2"],
        week_2
    );
    assert!(record["files"]["session-1-handout.pdf"]
        .get("contents")
        .is_none());
    for guess in [
        serde_json::json!({"pages": 3, "anchors": {"session-1": 1, "session-2": 2}}),
        serde_json::json!({"pages": 1_000_000_000_u64, "anchors": {"session-1": 999_999_999}}),
        serde_json::json!({"pages": 14, "anchors": {"session-1": 0}}),
        serde_json::json!("not contents"),
    ] {
        record["files"]["booklet.pdf"]["contents"] = guess.clone();
        std::fs::write(
            course.path().join("build/.course-build.json"),
            serde_json::to_vec(&record).unwrap(),
        )
        .unwrap();
        course
            .run_env(&["build", "-q", "--force"], &epoch)
            .status(0);
        assert!(
            course.read("build/booklet.pdf") == fresh,
            "started from {guess}, the booklet differs"
        );
        assert_eq!(
            record_of(&course)["files"]["booklet.pdf"]["contents"]["anchors"]["session-2"],
            week_2
        );
    }
}

/// Structural check with qpdf where it is installed (`apt install qpdf`); lopdf reads every
/// PDF back in the other tests either way.
#[test]
fn every_pdf_passes_qpdf_check() {
    if std::process::Command::new("qpdf")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("qpdf is not installed: skipping `qpdf --check`");
        return;
    }
    let course = built_sample();
    for entry in std::fs::read_dir(course.path().join("build")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pdf") {
            let check = std::process::Command::new("qpdf")
                .arg("--check")
                .arg(&path)
                .output()
                .unwrap();
            assert!(
                check.status.success(),
                "{}:\n{}",
                path.display(),
                String::from_utf8_lossy(&check.stdout)
            );
        }
    }
}

#[test]
fn booklet_contents_name_the_page_each_session_starts_on() {
    let course = built_sample();
    let pages = booklet_pages(&course);
    let titles = [
        "Week 1: Welcome, getting ready, legs and feet",
        "Week 2: Tummy",
        "Week 3: Chest and arms",
        "Week 4: Face and back",
        "Week 5: Growing up: massage for toddlers",
    ];
    // Where each session really starts: the first page after the contents with its title.
    let starts: Vec<String> = titles
        .iter()
        .map(|title| {
            let index = (2..pages.len())
                .find(|&i| pages[i].contains(title))
                .unwrap_or_else(|| panic!("{title} is not in the booklet"));
            (index + 1).to_string()
        })
        .collect();
    assert_eq!(starts.len(), SESSIONS);
    let contents = &pages[1];
    assert!(contents.contains("Contents"), "{contents}");
    let dates = [
        "1 March 2027",
        "8 March 2027",
        "15 March 2027",
        "22 March 2027",
        "29 March 2027",
    ];
    for (i, (title, page)) in titles.iter().zip(&starts).enumerate() {
        let row = format!("{title} {} {page}", dates[i]);
        assert!(contents.contains(&row), "{row:?} not in {contents}");
    }
    // Each row's title and page number link to the page where the session starts.
    let links = links(&course.read("build/booklet.pdf"));
    let mut expected: Vec<(usize, usize)> = starts
        .iter()
        .flat_map(|p| [(2, p.parse().unwrap()); 2])
        .collect();
    expected.sort();
    let mut found = links.clone();
    found.sort();
    assert_eq!(found, expected, "links (on page, to page): {links:?}");
}

/// Without any white space: extractors differ on spaces around kerned punctuation.
fn compact(text: &str) -> String {
    text.split_whitespace().collect()
}

/// The /Title of a PDF's document information, decoded (PDF text strings are PDFDocEncoding
/// or UTF-16BE with a byte order mark).
fn pdf_title(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|i| i.as_reference())
        .unwrap();
    let title = doc.get_dictionary(info).unwrap().get(b"Title").unwrap();
    let raw = title.as_str().unwrap();
    match raw {
        [0xfe, 0xff, rest @ ..] => {
            let units: Vec<u16> = rest
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).unwrap()
        }
        _ => raw.iter().map(|&b| b as char).collect(),
    }
}

#[test]
fn each_pdf_carries_its_own_title_properly_encoded() {
    let course = TestCourse::sample();
    course.run(&["build", "-q"]).status(0);
    let course_title = "Calm Hands — Baby Massage in Five Weeks";
    for (file, title) in [
        (
            "session-1-handout.pdf",
            format!("Week 1: Welcome, getting ready, legs and feet — {course_title}"),
        ),
        (
            "session-2-checklist.pdf",
            "Class checklist: Week 2: Tummy".to_owned(),
        ),
        ("booklet.pdf", course_title.to_owned()),
        ("practice-log.pdf", format!("Practice log: {course_title}")),
    ] {
        assert_eq!(pdf_title(&course.read(&format!("build/{file}"))), title);
    }
}

#[test]
fn transparent_and_very_tall_pictures_print_as_they_are() {
    // Half transparent, half red: the alpha channel must reach the PDF as a soft mask.
    let picture = image::RgbaImage::from_fn(40, 4000, |x, _| {
        if x < 20 {
            image::Rgba([255, 0, 0, 0])
        } else {
            image::Rgba([255, 0, 0, 255])
        }
    });
    let mut png = Vec::new();
    image::DynamicImage::ImageRgba8(picture)
        .write_to(&mut png, image::ImageOutputFormat::Png)
        .unwrap();
    let course = TestCourse::sample().file("images/tall.png", png).edit(
        "modules/tummy.yaml",
        "title: Tummy strokes",
        "title: Tummy strokes\nimage: images/tall.png",
    );
    course.run(&["build", "-q"]).status(0).no_crash();
    let doc = lopdf::Document::load_mem(&course.read("build/session-2-handout.pdf")).unwrap();
    let images: Vec<&lopdf::Dictionary> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .map(|s| &s.dict)
        .filter(|d| {
            d.get(b"Subtype")
                .is_ok_and(|t| t.as_name().ok() == Some(&b"Image"[..]))
        })
        .collect();
    assert!(
        images.iter().any(|d| d.has(b"SMask")),
        "the picture lost its transparency"
    );
    // 4,000 pixels high at 150 dpi would be 68 cm: it is shrunk to fit the page's text area.
    let mut tallest = 0.0f32;
    for page in doc.get_pages().values() {
        let content = doc.get_and_decode_page_content(*page).unwrap();
        for op in content.operations.iter().filter(|o| o.operator == "cm") {
            tallest = tallest.max(op.operands[3].as_float().unwrap_or(0.0).abs());
        }
    }
    // The picture is scaled by a transform: it exists, and fits the text area (717 pt).
    assert!(
        tallest > 300.0 && tallest < 720.0,
        "picture {tallest} pt high"
    );
}

/// 40 sessions and no class dates: the contents run over several pages and their date
/// cells are empty, which once made a first pass without page numbers lay the contents
/// out longer than the real ones and every number after them point a few pages too far.
#[test]
fn contents_of_a_long_booklet_without_dates_point_at_the_right_pages() {
    const PARTS: usize = 40;
    let mut course_yaml = String::from(
        "title: Long course\ninstructor:\n  name: Maren Solberg\nlanguage: en-GB\nsessions:\n",
    );
    for i in 1..=PARTS {
        course_yaml += &format!("  - title: Part {i} of the course\n    modules: [why-massage]\n");
    }
    let course = TestCourse::sample().file("course.yaml", course_yaml);
    course.run(&["build"]).status(0).no_crash();
    let pages = booklet_pages(&course);
    let contents_end = (1..pages.len())
        .find(|&i| !pages[i].contains("Contents") && pages[i].contains("Part 1 of the course"))
        .expect("the first session starts after the contents");
    assert!(contents_end > 2, "the contents fill more than one page");
    let contents = pages[1..contents_end].join(" ");
    for part in 1..=PARTS {
        let title = format!("Part {part} of the course");
        let start = (contents_end..pages.len())
            .find(|&i| pages[i].contains(&title))
            .unwrap_or_else(|| panic!("{title} is not in the booklet"));
        let row = format!("{title} {}", start + 1);
        assert!(contents.contains(&row), "{row:?} not in {contents}");
    }
}

/// Straight quotes typed in the YAML print as the course language's marks, and an
/// apostrophe as an apostrophe.
#[test]
fn quotes_print_as_the_language_writes_them() {
    let english = built_sample();
    let text = compact(&text_of(&english, "session-1-handout.pdf"));
    assert!(text.contains("example“MayImassageyourlegs?”"), "{text}");
    assert!(text.contains("baby’sankle"), "{text}");
    assert!(!text.contains('"') && !text.contains("baby's"), "{text}");

    let german = TestCourse::sample().edit("course.yaml", "language: en-GB", "language: de");
    german.run(&["build"]).status(0).no_crash();
    let text = compact(&text_of(&german, "session-1-handout.pdf"));
    assert!(text.contains("example„MayImassageyourlegs?“"), "{text}");
    assert!(text.contains("baby’sankle"), "{text}");
}

/// Every PDF is tagged: headings with their titles, paragraphs, lists and tables with
/// header cells are in its structure tree; the running header and footer are not.
#[test]
fn pdfs_are_tagged_with_headings_lists_and_tables() {
    let course = built_sample();
    let handout = structure_tree(&course.read("build/session-1-handout.pdf"));
    let text = handout.join("\n");
    assert_eq!(handout[0], "Document", "{text}");
    assert_eq!(
        handout[1].trim(),
        "H1 Week 1: Welcome, getting ready, legs and feet",
        "{text}"
    );
    for wanted in ["H2 Why massage your baby?", "P", "L", "LI", "LBody"] {
        assert!(
            handout.iter().any(|l| l.trim() == wanted),
            "no {wanted} in\n{text}"
        );
    }
    let checklist = structure_tree(&course.read("build/session-1-checklist.pdf"));
    for wanted in ["Table", "TR", "TH", "TD"] {
        assert!(
            checklist.iter().any(|l| l.trim() == wanted),
            "no {wanted} in {checklist:?}"
        );
    }
    // Each page starts with its running header, which is page furniture (an artifact),
    // not text of the document.
    let marks = first_text_marks(&course.read("build/session-1-handout.pdf"));
    assert!(
        marks.len() > 1 && marks.iter().all(|m| m == "Artifact"),
        "{marks:?}"
    );
}

/// The booklet's outline has an entry per session, with its modules under it.
#[test]
fn booklet_has_an_outline_of_sessions_and_modules() {
    let course = built_sample();
    let outline = outline(&course.read("build/booklet.pdf"));
    let sessions: Vec<&str> = outline
        .iter()
        .filter(|l| l.starts_with("Week "))
        .map(String::as_str)
        .collect();
    assert_eq!(
        sessions,
        [
            "Week 1: Welcome, getting ready, legs and feet",
            "Week 2: Tummy",
            "Week 3: Chest and arms",
            "Week 4: Face and back",
            "Week 5: Growing up: massage for toddlers"
        ],
        "{outline:#?}"
    );
    assert!(
        outline.iter().any(|l| l == "  Tummy strokes"),
        "{outline:#?}"
    );
}

/// The PDFs are written as PDF/UA-1 (accessible PDF): language, a title the viewer shows
/// instead of the file name, and the claim in their metadata.
#[test]
fn pdfs_claim_pdf_ua_with_language_and_a_shown_title() {
    let course = built_sample();
    for name in [
        "session-1-handout.pdf",
        "session-1-checklist.pdf",
        "booklet.pdf",
    ] {
        let bytes = course.read(&format!("build/{name}"));
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let catalog = doc.catalog().unwrap();
        let lang = catalog.get(b"Lang").and_then(|l| l.as_str()).unwrap();
        assert_eq!(lang, b"en-GB", "{name}");
        let preferences = catalog.get(b"ViewerPreferences").unwrap();
        let preferences = match preferences {
            lopdf::Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
            other => other.as_dict().unwrap(),
        };
        assert!(
            preferences
                .get(b"DisplayDocTitle")
                .unwrap()
                .as_bool()
                .unwrap(),
            "{name}"
        );
        assert!(
            compact(&String::from_utf8_lossy(&bytes)).contains("<pdfuaid:part>1</pdfuaid:part>"),
            "{name} does not claim PDF/UA-1"
        );
    }
}

/// A course font whose licence forbids embedding it in accessible PDFs (OS/2 fsType
/// "restricted") still prints: the PDFs are tagged but do not claim PDF/UA-1.
#[test]
fn a_font_too_restricted_for_pdf_ua_still_prints_without_the_claim() {
    let mut font =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/DejaVuSans.ttf")).unwrap();
    let tables = u16::from_be_bytes([font[4], font[5]]) as usize;
    let os2 = (0..tables)
        .map(|i| 12 + 16 * i)
        .find(|&record| &font[record..record + 4] == b"OS/2")
        .map(|record| {
            u32::from_be_bytes(font[record + 8..record + 12].try_into().unwrap()) as usize
        })
        .expect("an OS/2 table");
    font[os2 + 8..os2 + 10].copy_from_slice(&2u16.to_be_bytes());
    let course = TestCourse::sample()
        .file("fonts/Restricted.ttf", font)
        .edit(
            "course.yaml",
            "page_size: a4",
            "page_size: a4\nfonts: fonts/Restricted.ttf",
        );
    course.run(&["build"]).status(0).no_crash();
    let bytes = course.read("build/session-1-handout.pdf");
    assert!(!structure_tree(&bytes).is_empty(), "not tagged");
    assert!(
        !String::from_utf8_lossy(&bytes).contains("pdfuaid"),
        "claims PDF/UA-1"
    );
    assert!(pdf_text(&bytes).contains("Week 1"));
}

/// The booklet's first page is a cover: no running header or footer on it, as on every
/// other page; and the contents number each session once (its title has the number).
#[test]
fn the_booklet_cover_has_no_running_header_and_contents_number_once() {
    let course = built_sample();
    let pages = booklet_pages(&course);
    assert!(pages[0].contains("Calm Hands"), "{}", pages[0]);
    assert!(!pages[0].contains("Page 1 of"), "{}", pages[0]);
    assert!(
        !pages[0].starts_with("Maren Solberg — Certified"),
        "{}",
        pages[0]
    );
    assert!(pages[1].contains("Page 2 of"), "{}", pages[1]);
    assert!(pages[1].contains("Week 1: Welcome"), "{}", pages[1]);
    assert!(!pages[1].contains("1. Week 1"), "{}", pages[1]);
}

/// A contraindication that two setup modules both list is printed once.
#[test]
fn a_contraindication_two_modules_list_is_printed_once() {
    let original = std::fs::read_to_string(
        std::path::Path::new(crate::support::SAMPLE).join("modules/getting-ready.yaml"),
    )
    .unwrap();
    let copy = original.replace("id: getting-ready", "id: getting-ready-again");
    let course = TestCourse::sample().file("modules/getting-ready-again.yaml", copy);
    course.run(&["build", "-q"]).status(0);
    let handout = text_of(&course, "session-1-handout.pdf");
    assert_eq!(handout.matches("Jaundice").count(), 1, "{handout}");
}

/// The booklet's pages as text, white space squashed.
fn booklet_pages(course: &TestCourse) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(&course.read("build/booklet.pdf"))
        .unwrap()
        .iter()
        .map(|p| squash(p))
        .collect()
}

/// With `--message-format json` a build names each document it wrote or kept, as cargo
/// names its artifacts; `course templates` takes the course folder as `build` does.
#[test]
fn a_json_build_lists_its_documents_and_templates_takes_the_folder() {
    let course = TestCourse::sample();
    let first = course.run(&["build", "--message-format=json"]);
    first.status(0);
    let documents = first.json_lines("document");
    assert_eq!(documents.len(), 12, "{}", first.stdout);
    assert_eq!(documents[0]["file"], "build/session-1-handout.pdf");
    assert_eq!(documents[0]["status"], "written");
    assert!(documents[0]["pages"].as_u64().unwrap() >= 1);
    assert_eq!(
        documents[0]["bytes"].as_u64().unwrap(),
        course.read("build/session-1-handout.pdf").len() as u64
    );
    let again = course.run(&["build", "--message-format=json"]);
    assert!(again
        .json_lines("document")
        .iter()
        .all(|d| d["status"] == "unchanged"));
    let parent = course.path().parent().unwrap();
    let name = course.path().file_name().unwrap().to_str().unwrap();
    crate::support::run_in(parent, &["templates", name], &[])
        .status(0)
        .stdout_has("What each document says, and in what order:");
}

/// Sets every file and folder of `dir` to have last changed a minute ago, as a course
/// folder an instructor comes back to looks.
fn settle(dir: &std::path::Path) {
    let then = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            settle(&path);
        }
        std::fs::File::open(&path)
            .unwrap()
            .set_modified(then)
            .unwrap();
    }
}

fn record(course: &TestCourse) -> serde_json::Value {
    serde_json::from_slice(&course.read("build/.course-build.json")).unwrap()
}

/// A build that found no problem records the state of the course folder; the next build
/// of a folder in that state has nothing to do, and says so just as a build that checked
/// everything would. Any change, even one that keeps a file's size and time, is seen.
#[test]
fn a_rebuild_of_a_course_left_as_it_was_has_nothing_to_do() {
    let course = TestCourse::sample();
    settle(course.path());
    course
        .run(&["build"])
        .status(0)
        .stdout_has("Built 12 PDFs (");
    assert_eq!(
        record(&course)["settled"]["documents"][0],
        "session-1-handout.pdf"
    );
    let before = modified(&course, "booklet.pdf");
    course
        .run(&["build"])
        .status(0)
        .stdout_has("  unchanged build/session-1-handout.pdf               4 pages   66 KiB")
        .stdout_has("Built 0 PDFs, 12 unchanged");
    let json = course.run(&["build", "--message-format", "json"]);
    assert_eq!(json.json_lines("document").len(), 12);
    assert_eq!(
        json.json_lines("summary")[0].to_string(),
        r#"{"type":"summary","errors":0,"warnings":0,"written":0,"unchanged":12}"#
    );
    assert_eq!(modified(&course, "booklet.pdf"), before);

    // The same length, and the time set back: the change is still seen.
    let module = course.path().join("modules/tummy.yaml");
    let time = std::fs::metadata(&module).unwrap().modified().unwrap();
    let course = course.edit(
        "modules/tummy.yaml",
        "name: Water wheel",
        "name: Water whirl",
    );
    std::fs::File::open(&module)
        .unwrap()
        .set_modified(time)
        .unwrap();
    course
        .run(&["build"])
        .status(0)
        .stdout_has("Built 5 PDFs, 7 unchanged");
    assert!(squash(&text_of(&course, "session-2-handout.pdf")).contains("Water whirl"));

    // A PDF removed since is made again; a build date asked for makes every PDF again.
    settle(course.path());
    course.run(&["build"]).status(0);
    std::fs::remove_file(course.path().join("build/practice-log.pdf")).unwrap();
    course
        .run(&["build"])
        .status(0)
        .stdout_has("Built 1 PDF, 11 unchanged");
    course
        .run_env(&["build"], &[("SOURCE_DATE_EPOCH", "1700000000")])
        .status(0)
        .stdout_has("Built 12 PDFs (");

    // Warnings are said at every build, so a course with one is checked every time.
    let course = course.file("templates/handuot.md.hbs", "{{course.title}}\n");
    settle(course.path());
    course.run(&["build"]).status(0);
    assert!(record(&course).get("settled").is_none());
    course
        .run(&["build"])
        .status(0)
        .stdout_has("Built 0 PDFs, 12 unchanged")
        .stderr_has("this template is not used");
}
