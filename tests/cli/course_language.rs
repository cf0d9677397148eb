//! A course in another language starts in that language: `init` and `new` write their
//! starter in it, with a drawing for the starter stroke; a course whose texts are still
//! a starter's words in another language is warned about once; quotes typed as they
//! should print stay as typed.

use std::path::Path;

use crate::drawings::{figure_alts, raster_images};
use crate::support::*;

/// The starter's words in `language`, from the file the program is built with.
fn starter_words(language: &str) -> serde_yaml::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("templates/starter/words/{language}.yaml"));
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn leaves(value: &serde_yaml::Value, out: &mut Vec<String>) {
    match value {
        serde_yaml::Value::String(text) => out.push(text.clone()),
        serde_yaml::Value::Mapping(map) => map.values().for_each(|v| leaves(v, out)),
        _ => {}
    }
}

/// Every text the starter has for a course's files (its questions left out).
fn written_texts(language: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (part, value) in starter_words(language).as_mapping().unwrap() {
        if part.as_str() != Some("ask") {
            leaves(value, &mut out);
        }
    }
    out
}

/// The texts of a new course that its PDFs print: all but the questions, the strokes
/// of other body areas than the first stroke's, and the drawing's alt text.
fn printed_texts(language: &str) -> Vec<String> {
    let words = starter_words(language);
    let mut out = Vec::new();
    for (part, value) in words.as_mapping().unwrap() {
        match part.as_str() {
            Some("ask") => {}
            Some("strokes") => {
                out.push(value["title"].as_str().unwrap().to_owned());
                for key in ["name", "direction", "step_1", "step_2", "caution"] {
                    out.push(value["legs"][key].as_str().unwrap().to_owned());
                }
            }
            _ => leaves(value, &mut out),
        }
    }
    out
}

/// Text as compared across line breaks and hyphenation.
fn flat(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{ad}')
        .collect()
}

/// The text of every PDF a build wrote, one string.
fn built_text(course: &Path) -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir(course.join("build")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pdf") {
            all.push_str(&pdf_text(&std::fs::read(&path).unwrap()));
        }
    }
    all
}

fn init(dir: &Path, language: &str) {
    run_in(
        dir,
        &[
            "init",
            "c",
            "--language",
            language,
            "--name",
            "Anna Berg",
            "--email",
            "anna@example.com",
            "--yes",
        ],
        &[],
    )
    .status(0)
    .no_crash();
}

#[test]
fn init_in_german_and_spanish_builds_handouts_without_english_module_texts() {
    let english = written_texts("en");
    for (language, printed, alt) in [
        (
            "de",
            [
                "Babymassage für junge Eltern",
                "Zertifizierte Kursleitung für Babymassage",
                "Indisches Melken",
                "Für Sie beide",
            ],
            "Ein Baby in Rückenlage, die Beine sind schattiert; an jedem Bein führt ein Pfeil von der Hüfte zum Knöchel.",
        ),
        (
            "es",
            [
                "Masaje infantil para madres y padres primerizos",
                "Formación certificada en masaje infantil",
                "Ordeño indio",
                "Para los dos",
            ],
            "Un bebé boca arriba con las piernas sombreadas; en cada pierna una flecha va de la cadera al tobillo.",
        ),
    ] {
        let dir = TestCourse::empty();
        init(dir.path(), language);
        let course = dir.path().join("c");
        let run = run_in(&course, &["validate", "--message-format=json"], &[]);
        assert_eq!(run.status(0).diagnostics(), Vec::<String>::new(), "{language}");
        run_in(&course, &["build", "-q"], &[]).status(0);
        let text = flat(&built_text(&course));
        for phrase in printed {
            assert!(text.contains(&flat(phrase)), "{language}: no {phrase:?} in {text}");
        }
        // Every text of the language's starter that parents read is printed in it ...
        let own = printed_texts(language);
        let missing: Vec<&String> = own.iter().filter(|t| !text.contains(&flat(t))).collect();
        assert!(missing.is_empty(), "{language}: not printed: {missing:#?}");
        // ... and none of the English one.
        let left: Vec<&String> = english.iter().filter(|t| text.contains(&flat(t))).collect();
        assert!(left.is_empty(), "{language}: English left: {left:#?}");
        // The drawing of the first stroke is a tagged figure with its alt text.
        let handout = std::fs::read(course.join("build/session-1-handout.pdf")).unwrap();
        assert_eq!(figure_alts(&handout), [alt], "{language}");
    }
}

/// `init` writes the drawing through the same gate as its other files: into the course,
/// never over a file, never through a link out.
#[test]
fn init_starts_with_a_drawing_for_the_first_stroke() {
    let dir = TestCourse::empty();
    run_in(dir.path(), &["init", "c", "--yes"], &[])
        .status(0)
        .stdout_has("Started a course in c: course.yaml, 5 modules, a drawing for the first stroke and the schemas editors use.\n");
    let module = std::fs::read_to_string(dir.path().join("c/modules/first-strokes.yaml")).unwrap();
    assert!(
        module.ends_with("    cautions:\n      - Never pull on the leg.\n    image: images/first-strokes-milking.svg\n    image_alt: A baby lying on its back, legs shaded; an arrow runs down each leg from the hip to the ankle.\n"),
        "{module}"
    );
    let drawing =
        std::fs::read_to_string(dir.path().join("c/images/first-strokes-milking.svg")).unwrap();
    assert!(
        drawing.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{drawing}"
    );
    run_in(dir.path(), &["build", "c", "-q"], &[]).status(0);
    let handout = std::fs::read(dir.path().join("c/build/session-1-handout.pdf")).unwrap();
    assert_eq!(
        figure_alts(&handout),
        ["A baby lying on its back, legs shaded; an arrow runs down each leg from the hip to the ankle."]
    );
    assert_eq!(raster_images(&handout), 0, "the drawing is vector paths");

    // A drawing of the user's own is never replaced.
    let fresh = TestCourse::empty().file("images/first-strokes-milking.svg", "mine");
    fresh.run(&["init", "--yes", "."]).status(2).stderr_has(
        "these files exist already and would be overwritten: ./images/first-strokes-milking.svg\n",
    );
    assert_eq!(fresh.read("images/first-strokes-milking.svg"), b"mine");
    assert!(!fresh.exists("course.yaml"));

    // An `images` folder that is a link out of the course is not written through.
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        let linked = TestCourse::empty();
        std::os::unix::fs::symlink(outside.path(), linked.path().join("images")).unwrap();
        linked
            .run(&["init", "--yes", "."])
            .status(1)
            .no_crash()
            .stderr_has("error: `images` leads outside the folder it is written in");
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    }
}

#[test]
fn new_strokes_starts_in_the_course_language_with_a_drawing_per_stroke() {
    let dir = TestCourse::empty();
    init(dir.path(), "de");
    let course = dir.path().join("c");
    run_in(&course, &["new", "strokes", "face-and-back"], &[])
        .status(0)
        .stdout_has("Wrote modules/face-and-back.yaml and its drawings images/face-and-back-forehead.svg, images/face-and-back-back-circles.svg. Add `face-and-back` to a session's `modules` in course.yaml to teach it.\n");
    let module = std::fs::read_to_string(course.join("modules/face-and-back.yaml")).unwrap();
    assert!(
        module.contains("  - id: face-and-back-forehead\n    name: Stirn ausstreichen\n    body_area: face\n    direction: Von der Mitte der Stirn nach außen zu den Schläfen\n"),
        "{module}"
    );
    assert!(course
        .join("images/face-and-back-back-circles.svg")
        .is_file());
    // Taught in a session, both drawings print with their German alt text.
    let yaml = std::fs::read_to_string(course.join("course.yaml")).unwrap();
    std::fs::write(
        course.join("course.yaml"),
        yaml.replace("modules: [toddlers]", "modules: [toddlers, face-and-back]"),
    )
    .unwrap();
    let run = run_in(&course, &["validate", "--message-format=json"], &[]);
    assert_eq!(run.status(0).diagnostics(), Vec::<String>::new());
    run_in(&course, &["build", "-q"], &[]).status(0);
    let handout = std::fs::read(course.join("build/session-2-handout.pdf")).unwrap();
    assert_eq!(
        figure_alts(&handout),
        [
            "Ein Baby in Bauchlage, der Rücken ist schattiert; kleine kreisende Pfeile führen zu beiden Seiten der Wirbelsäule von den Schultern hinunter zum Po.",
            "Ein Baby in Rückenlage; zwei Pfeile führen von der Mitte der Stirn nach außen zu den Schläfen.",
        ]
    );

    // A drawing's name already taken stops the module too.
    std::fs::write(course.join("images/tummy-water-wheel.svg"), "mine").unwrap();
    run_in(&course, &["new", "strokes", "tummy"], &[])
        .status(2)
        .stderr_has("error: `images/tummy-water-wheel.svg` exists already\n  hint: choose another name for the module; nothing was changed\n");
    assert!(!course.join("modules/tummy.yaml").exists());
    assert_eq!(
        std::fs::read(course.join("images/tummy-water-wheel.svg")).unwrap(),
        b"mine"
    );

    // An `images` folder that is a link out of the course stops the module too.
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        std::fs::remove_dir_all(course.join("images")).unwrap();
        std::os::unix::fs::symlink(outside.path(), course.join("images")).unwrap();
        run_in(&course, &["new", "strokes", "arms"], &[])
            .status(1)
            .no_crash()
            .stderr_has("error: `images` leads outside the folder it is written in");
        assert!(!course.join("modules/arms.yaml").exists());
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    }
}

/// Whether a system CJK font is installed: Chinese, Japanese and Korean text needs one.
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

/// Every built-in language starts a course that validates without a word to say: its
/// texts are YAML as written, printable with the course fonts, and none is another
/// language's starter text.
#[test]
fn every_built_in_language_starts_a_course_that_validates_cleanly() {
    let cjk = has_cjk_font();
    let languages = [
        "en", "de", "fr", "es", "pt", "it", "nl", "pl", "uk", "ru", "el", "tr", "vi", "ar", "he",
        "fa", "hi", "th", "ja", "zh", "ko",
    ];
    for language in languages {
        if ["ja", "zh", "ko"].contains(&language) && !cjk {
            eprintln!("no CJK font installed: `{language}` is not validated");
            continue;
        }
        let dir = TestCourse::empty();
        init(dir.path(), language);
        let course = dir.path().join("c");
        run_in(
            &course,
            &[
                "new",
                "strokes",
                "legs-feet-tummy-chest-arms-hands-face-back",
            ],
            &[],
        )
        .status(0);
        let yaml = std::fs::read_to_string(course.join("course.yaml")).unwrap();
        std::fs::write(
            course.join("course.yaml"),
            yaml.replace(
                "modules: [toddlers]",
                "modules: [toddlers, legs-feet-tummy-chest-arms-hands-face-back]",
            ),
        )
        .unwrap();
        let run = run_in(&course, &["validate", "--message-format=json"], &[]);
        assert_eq!(
            run.status(0).no_crash().diagnostics(),
            Vec::<String>::new(),
            "{language}"
        );
    }
}

/// The warning a course in Swedish gets for the English starter texts it still has,
/// placed at the first of them (at `column`). It names the first 40.
fn swedish_warning(column: usize, lines: &[&str]) -> String {
    let (at, label) = lines[0].split_once(": ").unwrap();
    let mut named = lines[..lines.len().min(40)].join("\n  ");
    if lines.len() > 40 {
        named.push_str(&format!("\n  and {} more", lines.len() - 40));
    }
    format!(
        "warning: {at}:{column}: {label}: the course is in Swedish (`sv`), but {} texts are in English (`en`), word for word as in the starter modules, so the handouts would mix languages:\n  {named} | write each of these in Swedish, or delete those you will not teach",
        lines.len(),
    )
}

/// A language without a built-in starter starts with the English one; `validate` and
/// `build` say once which texts are still English, where, and what to do.
#[test]
fn english_starter_texts_in_a_course_in_another_language_are_listed_once() {
    let dir = TestCourse::empty();
    init(dir.path(), "en");
    let course = TestCourse::copy_of(&dir.path().join("c"))
        .edit("course.yaml", "language: en", "language: sv")
        .file("locales/sv.yaml", "page_of: \"Sida {page} av {pages}\"\n");
    // `new` in a course without a starter of its own writes the English one.
    course.run(&["new", "strokes", "tummy"]).status(0);
    let all = [
        "course.yaml:4: title",
        "course.yaml:7: instructor, credential",
        "course.yaml:12: session 1 (Week 1: Getting started), title",
        "course.yaml:13: session 1 (Week 1: Getting started), intro",
        "course.yaml:15: session 2 (Week 2: Growing up), title",
        "modules/first-strokes.yaml:4: title",
        "modules/first-strokes.yaml:7: stroke 1 (Indian milking), name",
        "modules/first-strokes.yaml:9: stroke 1 (Indian milking), direction",
        "modules/first-strokes.yaml:12: stroke 1 (Indian milking), step 1",
        "modules/first-strokes.yaml:13: stroke 1 (Indian milking), step 2",
        "modules/first-strokes.yaml:15: stroke 1 (Indian milking), caution 1",
        "modules/first-strokes.yaml:17: stroke 1 (Indian milking), image_alt",
        "modules/getting-ready.yaml:4: title",
        "modules/getting-ready.yaml:7: room, surface",
        "modules/getting-ready.yaml:9: material 1 (pillow), item",
        "modules/getting-ready.yaml:11: material 2 (bath towel), item",
        "modules/getting-ready.yaml:14: oil 1 (Cold-pressed sunflower oil), name",
        "modules/getting-ready.yaml:15: oil 1 (Cold-pressed sunflower oil), patch_test",
        "modules/getting-ready.yaml:18: timing, best_time",
        "modules/getting-ready.yaml:20: permission, item 1",
        "modules/getting-ready.yaml:22: contraindication 1",
        "modules/getting-ready.yaml:23: contraindication 2",
        "modules/skin-to-skin.yaml:4: title",
        "modules/skin-to-skin.yaml:6: step 1",
        "modules/skin-to-skin.yaml:7: step 2",
        "modules/skin-to-skin.yaml:9: benefits, item 1",
        "modules/skin-to-skin.yaml:11: safety, item 1",
        "modules/toddlers.yaml:4: title",
        "modules/toddlers.yaml:6: tip 1",
        "modules/toddlers.yaml:9: adaptation 1 (first-strokes-milking), how",
        "modules/tummy.yaml:7: stroke 1 (Water wheel), name",
        "modules/tummy.yaml:9: stroke 1 (Water wheel), direction",
        "modules/tummy.yaml:12: stroke 1 (Water wheel), step 1",
        "modules/tummy.yaml:13: stroke 1 (Water wheel), step 2",
        "modules/tummy.yaml:15: stroke 1 (Water wheel), caution 1",
        "modules/tummy.yaml:17: stroke 1 (Water wheel), image_alt",
        "modules/why-massage.yaml:4: title",
        "modules/why-massage.yaml:6: physical, item 1",
        "modules/why-massage.yaml:8: emotional, item 1",
        "modules/why-massage.yaml:9: evidence",
        "modules/why-massage.yaml:10: note",
    ];
    let run = course.run(&["validate", "--message-format=json"]);
    run.status(0).no_crash();
    let diagnostics = run.diagnostics();
    assert_eq!(diagnostics.len(), 2, "{diagnostics:#?}");
    assert_eq!(diagnostics[0], swedish_warning(8, &all));
    assert!(diagnostics[1].contains("the module `tummy` is not taught in any session"));

    // Translated, a text leaves the list; the build says the rest, once.
    let course = course
        .edit(
            "course.yaml",
            "title: Baby massage for new parents",
            "title: Babymassage",
        )
        .edit(
            "modules/why-massage.yaml",
            "note: Every baby is different, so results vary.",
            "note: Varje bebis är olik.",
        );
    let rest: Vec<&str> = all
        .iter()
        .copied()
        .filter(|l| {
            !l.starts_with("course.yaml:4:") && !l.starts_with("modules/why-massage.yaml:10:")
        })
        .collect();
    let run = course.run(&["validate", "--message-format=json"]);
    assert_eq!(run.status(0).diagnostics()[0], swedish_warning(15, &rest));
    let run = course.run(&["build"]);
    run.status(0);
    let said = run
        .stderr
        .matches("word for word as in the starter modules")
        .count();
    assert_eq!(said, 1, "{}", run.stderr);
    run.stderr_has(
        "warning: the course is in Swedish (`sv`), but 39 texts are in English (`en`), word for word as in the starter modules, so the handouts would mix languages:\n  course.yaml:7: instructor, credential\n  course.yaml:12: session 1 (Week 1: Getting started), title\n",
    );
}

/// A course switched to German after starting in English is warned the same way; one in
/// English with its own English texts is not.
#[test]
fn a_course_switched_to_another_built_in_language_is_warned_too() {
    let dir = TestCourse::empty();
    init(dir.path(), "en");
    let course = TestCourse::copy_of(&dir.path().join("c"));
    let run = course.run(&["validate", "--message-format=json"]);
    assert_eq!(run.status(0).diagnostics(), Vec::<String>::new());
    let course = course.edit("course.yaml", "language: en", "language: de");
    let run = course.run(&["validate", "--message-format=json"]);
    let diagnostics = run.status(0).diagnostics();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert!(
        diagnostics[0].starts_with("warning: course.yaml:4:8: title: the course is in German (`de`), but 35 texts are in English (`en`), word for word as in the starter modules, so the handouts would mix languages:\n  course.yaml:4: title\n"),
        "{}",
        diagnostics[0]
    );
    assert!(diagnostics[0]
        .ends_with(" | write each of these in German, or delete those you will not teach"));
}

/// German „so“ typed as it should print stays „so“; straight quotes become German ones.
#[test]
fn typed_quotes_print_as_typed_and_straight_ones_in_the_language_s_marks() {
    for (language, typed, straight, printed) in [
        (
            "de",
            "Sagen Sie „Darf ich?“",
            "oder \"Bereit?\"",
            "Sagen Sie „Darf ich?“ oder „Bereit?“",
        ),
        (
            "es",
            "Diga «¿Puedo?»",
            "o \"¿Listo?\"",
            "Diga «¿Puedo?» o «¿Listo?»",
        ),
        (
            "en",
            "Say “May I?”",
            "or \"Ready?\"",
            "Say “May I?” or “Ready?”",
        ),
    ] {
        let dir = TestCourse::empty();
        init(dir.path(), language);
        let course = TestCourse::copy_of(&dir.path().join("c"));
        let module = String::from_utf8(course.read("modules/getting-ready.yaml")).unwrap();
        let permission = module
            .lines()
            .skip_while(|l| *l != "permission:")
            .nth(1)
            .unwrap()
            .to_owned();
        let course = course.edit(
            "modules/getting-ready.yaml",
            &permission,
            &format!("  - '{typed} {straight}'"),
        );
        course.run(&["build", "-q"]).status(0);
        let text = squash(&pdf_text(&course.read("build/session-1-handout.pdf")));
        assert!(text.contains(printed), "{language}: {text}");
    }
}

/// Persian spells words with a zero-width non-joiner (`حرکت‌ها`): in a Persian word it is
/// part of the spelling, between Latin letters it is still a hidden character.
#[test]
fn a_zero_width_non_joiner_belongs_in_a_persian_word_only() {
    let dir = TestCourse::empty();
    init(dir.path(), "fa");
    let course = TestCourse::copy_of(&dir.path().join("c"));
    let module = String::from_utf8(course.read("modules/first-strokes.yaml")).unwrap();
    assert!(
        module.contains("title: نخستین حرکت\u{200c}ها\n"),
        "{module}"
    );
    let run = course.run(&["validate", "--message-format=json"]);
    assert_eq!(run.status(0).diagnostics(), Vec::<String>::new());
    let course = course.edit(
        "modules/first-strokes.yaml",
        "title: نخستین حرکت\u{200c}ها",
        "title: Strokes\u{200c}one",
    );
    let run = course.run(&["validate", "--message-format=json"]);
    assert_eq!(
        run.status(1).diagnostics(),
        ["modules/first-strokes.yaml:4:15: title: this text contains an invisible character, a zero-width non-joiner (U+200C) | delete it: retype the text around it (it is often copied in from web pages or chat messages)"]
    );
}
