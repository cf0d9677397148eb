//! Handouts in every script: a fixture course per script builds, its text reads back from
//! the PDFs in logical order, and no PDF shows the empty box of a missing glyph.

use std::path::Path;

use crate::support::{glyph_codes, pdf_text, pdf_text_in_reading_order, squash, TestCourse};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/scripts");

/// Whether a system CJK font is installed; CJK fixtures are skipped with a reason if not.
fn has_cjk_font() -> bool {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let found = db.faces().any(|f| {
        f.families
            .iter()
            .any(|(name, _)| name.contains("CJK") || name.contains("Han Sans"))
    });
    found
}

fn build(name: &str) -> TestCourse {
    let course = TestCourse::copy_of(&Path::new(FIXTURES).join(name));
    course.run(&["build", "-q"]).status(0).no_crash();
    course
}

/// Phrases of the fixture's own text that the handout of session 1 must contain.
fn session_one_phrases(course: &TestCourse) -> Vec<String> {
    let yaml: serde_yaml::Value =
        serde_yaml::from_slice(&course.read("course.yaml")).expect("fixture YAML");
    let title = yaml["sessions"][0]["title"].as_str().unwrap();
    let mut phrases = vec![title.to_owned()];
    let instructor = yaml["instructor"]["name"].as_str().unwrap();
    phrases.push(instructor.to_owned());
    phrases
}

fn check(name: &str) {
    let course = build(name);
    for entry in std::fs::read_dir(course.path().join("build")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pdf") {
            let bytes = std::fs::read(&path).unwrap();
            let codes = glyph_codes(&bytes);
            assert!(
                !codes.is_empty(),
                "{name}: {} shows no text",
                path.display()
            );
            assert!(
                !codes.contains(&0),
                "{name}: {} shows a .notdef glyph",
                path.display()
            );
        }
    }
    let bytes = course.read("build/session-1-handout.pdf");
    // Left-to-right scripts without reordering read back with the Rust extractor too.
    if ["french", "russian", "greek"].contains(&name) {
        let text = squash(&pdf_text(&bytes));
        for phrase in session_one_phrases(&course) {
            assert!(
                text.contains(&squash(&phrase)),
                "{name}: `{phrase}` not in {text}"
            );
        }
    }
    let Some(text) = pdf_text_in_reading_order(&bytes) else {
        return;
    };
    let text = squash(&text);
    if ["hebrew", "arabic", "arabic-latin"].contains(&name) {
        let text = fold_lam_alef(&text);
        // Extractors order neutral characters (":" between a digit and a Hebrew word)
        // differently; every word must still read in logical order, not reversed.
        for phrase in session_one_phrases(&course) {
            let phrase: String =
                unicode_normalization::UnicodeNormalization::nfc(phrase.as_str()).collect();
            for word in phrase.split_whitespace() {
                let word = fold_lam_alef(word.trim_matches(|c: char| !c.is_alphanumeric()));
                assert!(
                    word.is_empty() || text.contains(&word),
                    "{name}: the word `{word}` is not in the handout's text:\n{text}"
                );
            }
        }
        return;
    }
    for phrase in session_one_phrases(&course) {
        let phrase: String =
            unicode_normalization::UnicodeNormalization::nfc(phrase.as_str()).collect();
        assert!(
            text.contains(&squash(&phrase)),
            "{name}: `{phrase}` is not in the handout's text:\n{text}"
        );
    }
}

#[test]
fn latin_with_french_and_vietnamese() {
    check("french");
    check("vietnamese");
}

#[test]
fn cyrillic_and_greek() {
    check("russian");
    check("greek");
}

#[test]
fn devanagari_and_thai() {
    check("hindi");
    check("thai");
}

#[test]
fn right_to_left_scripts() {
    check("hebrew");
    check("arabic");
    check("arabic-latin");
}

#[test]
fn chinese_japanese_and_korean_with_a_system_font() {
    if !has_cjk_font() {
        eprintln!("skipped: no CJK font is installed (Debian: fonts-noto-cjk)");
        return;
    }
    check("japanese");
    check("chinese");
    check("korean");
}

#[test]
fn the_sample_course_shows_no_missing_glyph() {
    let course = TestCourse::sample();
    course.run(&["build", "-q"]).status(0);
    for name in ["booklet.pdf", "session-1-checklist.pdf", "practice-log.pdf"] {
        let codes = glyph_codes(&course.read(&format!("build/{name}")));
        assert!(!codes.is_empty() && !codes.contains(&0), "{name}");
    }
}

/// pdftotext reverses the two letters of a lam-alef ligature (one glyph for lam and an
/// alef or alef maqsura) in right-to-left text; the PDF's own text map has them in order.
/// Folding both orders to one lets the check see past that reader's quirk.
fn fold_lam_alef(text: &str) -> String {
    const LAM_ALEF: &str = "لاأإآى";
    let mut out = String::new();
    let mut run: Vec<char> = Vec::new();
    for c in text.chars().chain(['\n']) {
        if LAM_ALEF.contains(c) {
            run.push(c);
        } else {
            run.sort_unstable();
            out.extend(run.drain(..));
            out.push(c);
        }
    }
    out.pop();
    out
}

#[test]
fn text_the_templates_and_locale_files_add_is_checked_against_the_fonts() {
    let course = TestCourse::sample()
        .file(
            "templates/handout.md.hbs",
            "# {{title}}\n\nTick \u{10000} here\n",
        )
        .edit("course.yaml", "language: en-GB", "language: en-x")
        .file("locales/en-x.yaml", "page_of: \"\u{10001} {page}\"\n");
    course
        .run(&["validate"])
        .status(1)
        .stderr_has("error: templates/handout.md.hbs: this template prints the character `\u{10000}` (U+10000), which the course fonts lack")
        .stderr_has("error: locales/en-x.yaml: the fixed words for `page_of` print the character `\u{10001}` (U+10001), which the course fonts lack\n = field: page_of");
}

#[test]
fn a_course_may_name_several_font_folders_and_files_in_order() {
    let font = |name: &str| std::fs::read(format!("fonts/{name}")).unwrap();
    let course = TestCourse::sample()
        .edit(
            "course.yaml",
            "language: en-GB",
            "language: en-GB\nfonts: [my-fonts, extra/hebrew.ttf]",
        )
        .file("my-fonts/Regular.ttf", font("DejaVuSans.ttf"))
        .file("my-fonts/Bold.ttf", font("DejaVuSans-Bold.ttf"))
        .file("extra/hebrew.ttf", font("NotoSansHebrew-Regular.ttf"))
        .edit(
            "modules/tummy.yaml",
            "name: Water wheel",
            "name: Water wheel שלום",
        );
    course.run(&["build", "-q"]).status(0).no_crash();
    let codes = glyph_codes(&course.read("build/session-2-handout.pdf"));
    assert!(!codes.is_empty() && !codes.contains(&0));

    let missing = TestCourse::sample().edit(
        "course.yaml",
        "language: en-GB",
        "language: en-GB\nfonts: [my-fonts, nowhere.otf]",
    );
    std::fs::create_dir_all(missing.path().join("my-fonts")).unwrap();
    missing
        .run(&["validate"])
        .status(1)
        .stderr_has("error: `nowhere.otf` does not exist")
        .stderr_has("= field: font 2 (nowhere.otf)");
}

#[test]
fn an_empty_or_truncated_course_font_is_a_clear_error_not_a_crash() {
    let dejavu = std::fs::read("fonts/DejaVuSans.ttf").unwrap();
    for (what, bytes) in [
        ("empty", Vec::new()),
        ("truncated", dejavu[..1000].to_vec()),
    ] {
        let course = TestCourse::sample()
            .edit(
                "course.yaml",
                "language: en-GB",
                "language: en-GB\nfonts: own",
            )
            .file("own/Regular.ttf", bytes);
        for command in ["validate", "build"] {
            course
                .run(&[command])
                .status(1)
                .no_crash()
                .stderr_has("error: own/Regular.ttf: this file is not a font that can be used");
        }
        assert!(!course.exists("build"), "{what}: something was written");
    }
}

/// In Persian the numbers the course prints itself (pages, the contents, weeks of the
/// practice log, quantities) are in Persian digits, as CLDR writes Persian numbers.
#[test]
fn persian_numbers_are_written_in_persian_digits() {
    let course = TestCourse::copy_of(&Path::new(FIXTURES).join("arabic")).edit(
        "course.yaml",
        "language: ar\n",
        "language: fa\n",
    );
    course.run(&["build", "-q"]).status(0).no_crash();
    let Some(booklet) = pdf_text_in_reading_order(&course.read("build/booklet.pdf")) else {
        return;
    };
    // Without spaces: extractors space right-to-left runs differently.
    let booklet: String = booklet.split_whitespace().collect();
    for page in ["۲", "۳", "۴", "۵"] {
        assert!(
            booklet.contains(&format!("{page}از۵")),
            "page {page}: {booklet}"
        );
    }
    assert!(!booklet.contains("از5"), "{booklet}");
    // The contents: each session's page.
    assert!(booklet.contains("۱۴۰۵۳"), "{booklet}");
    let log = pdf_text_in_reading_order(&course.read("build/practice-log.pdf")).unwrap();
    assert!(log.contains('۱') && log.contains('۲'), "{log}");
    assert!(!log.contains(|c: char| c.is_ascii_digit()), "{log}");
}

/// Chinese sets its own punctuation between a label and its text: a full-width colon and
/// full stop, with no space after them.
#[test]
fn chinese_labels_take_full_width_punctuation() {
    if !has_cjk_font() {
        eprintln!("skipped: no CJK font is installed (Debian: fonts-noto-cjk)");
        return;
    }
    let course = build("chinese");
    let Some(handout) = pdf_text_in_reading_order(&course.read("build/session-1-handout.pdf"))
    else {
        return;
    };
    assert!(handout.contains("1 × 浴巾：铺在枕头上"), "{handout}");
    assert!(
        handout.contains("冷榨葵花籽油。切勿给新生儿使用精油。先在宝宝"),
        "{handout}"
    );
    let checklist =
        pdf_text_in_reading_order(&course.read("build/session-1-checklist.pdf")).unwrap();
    assert!(checklist.contains("房间：24 °C。在地板上"), "{checklist}");
    assert!(!checklist.contains(": "), "{checklist}");
}

/// Korean lines break between words, never between the syllables of one (keep-all): every
/// Hangul word printed is a whole word of the course or of the Korean fixed words.
#[test]
fn korean_words_are_never_broken_across_lines() {
    if !has_cjk_font() {
        eprintln!("skipped: no CJK font is installed (Debian: fonts-noto-cjk)");
        return;
    }
    let course = build("korean");
    let hangul = |c: char| ('\u{AC00}'..='\u{D7A3}').contains(&c);
    let bare = |w: &str| -> String { w.chars().filter(|c| c.is_alphanumeric()).collect() };
    let mut known = std::collections::HashSet::new();
    let locale = concat!(env!("CARGO_MANIFEST_DIR"), "/templates/locales/ko.yaml");
    let mut sources = vec![std::fs::read_to_string(locale).unwrap()];
    sources.push(String::from_utf8(course.read("course.yaml")).unwrap());
    for entry in std::fs::read_dir(course.path().join("modules")).unwrap() {
        sources.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    for text in &sources {
        known.extend(
            text.split(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
                .map(bare),
        );
    }
    let mut checked = 0;
    for name in [
        "session-1-handout.pdf",
        "booklet.pdf",
        "session-1-checklist.pdf",
    ] {
        let Some(text) = pdf_text_in_reading_order(&course.read(&format!("build/{name}"))) else {
            return;
        };
        for word in text.split(|c: char| c.is_whitespace() || c.is_ascii_punctuation()) {
            let word = bare(word);
            // Dates and numbers come from CLDR, not from the course's words.
            if !word.chars().any(hangul) || word.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            checked += 1;
            assert!(
                known.contains(&word),
                "{name}: `{word}` is part of a word broken at a line end"
            );
        }
    }
    assert!(checked > 100, "only {checked} Korean words were checked");
}
