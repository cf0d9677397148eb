//! One course in several languages: translation files checked against their source
//! (each problem with the translation's line and the source's), `course translations`
//! and its `update`, and the documents built in each language.

use crate::support::{Run, TestCourse};

/// The sample course without the translation it ships with, so tests start from none.
fn untranslated_sample() -> TestCourse {
    let course = TestCourse::sample();
    std::fs::remove_dir_all(course.path().join("translations")).unwrap();
    course
}

/// The sample course translated into German, with a stub for every text written by
/// `course translations update de`.
fn german_stubs() -> TestCourse {
    let course = untranslated_sample().edit(
        "course.yaml",
        "language: en-GB\n",
        "language: en-GB\ntranslations: [de]\n",
    );
    course
        .run(&["translations", "update", "de"])
        .status(0)
        .stdout_has("wrote translations/de/tummy.yaml (23 new texts to translate)");
    course
}

/// Fills in the stub of the unit whose source is `source` (written on one line) with
/// `text`, at the indentation `indent` of its `text:`.
fn translate(course: TestCourse, file: &str, indent: &str, source: &str, text: &str) -> TestCourse {
    let under = " ".repeat(indent.len());
    course.edit(
        file,
        &format!("{indent}text: ''\n{under}source: {source}\n"),
        &format!("{indent}text: {text}\n{under}source: {source}\n"),
    )
}

/// `--message-format json` diagnostics about `file` (the other files' warnings are
/// left out): `file:line:column: message || note at file:line:column`.
fn problems_in(run: &Run, file: &str) -> Vec<String> {
    run.json_lines("diagnostic")
        .into_iter()
        .filter(|d| d["file"] == file)
        .map(|d| {
            let severity = if d["severity"] == "warning" {
                "warning: "
            } else {
                ""
            };
            let related = match &d["related"] {
                serde_json::Value::Null => String::new(),
                r => format!(
                    " || {} at {}:{}:{}",
                    r["message"].as_str().unwrap(),
                    r["file"].as_str().unwrap(),
                    r["line"],
                    r["column"]
                ),
            };
            format!(
                "{severity}{}:{}:{}: {}{related}",
                d["file"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["message"].as_str().unwrap()
            )
        })
        .collect()
}

const TUMMY: &str = "translations/de/tummy.yaml";

#[test]
fn a_stale_text_is_shown_with_its_old_and_new_source_in_both_files() {
    let course = translate(
        german_stubs(),
        TUMMY,
        "    - ",
        "Stroke down towards the top of the nappy.",
        "Streichen Sie bis zum Windelrand hinunter.",
    );
    let run = course.run(&["validate", "--message-format=json"]);
    run.status(0);
    assert!(
        !problems_in(&run, TUMMY)
            .iter()
            .any(|p| p.contains("Windelrand") || p.contains(":27:")),
        "{:#?}",
        problems_in(&run, TUMMY)
    );

    let course = course.edit(
        "modules/tummy.yaml",
        "Stroke down towards the top of the nappy.",
        "Stroke gently down towards the top of the nappy.",
    );
    let run = course.run(&["validate", "--message-format=json"]);
    run.status(0);
    let stale: Vec<String> = problems_in(&run, TUMMY)
        .into_iter()
        .filter(|p| p.contains("changed"))
        .collect();
    assert_eq!(
        stale,
        ["warning: translations/de/tummy.yaml:27:13: the English text changed since this was translated: it was “Stroke down towards the top of the nappy.”, it is now “Stroke gently down towards the top of the nappy.” || the English text is here at modules/tummy.yaml:16:9"]
    );

    // Strict, it stops the build.
    let run = course.run(&["validate", "--strict", "--message-format=json"]);
    run.status(1);
    assert!(problems_in(&run, TUMMY)
        .iter()
        .any(|p| p.starts_with("translations/de/tummy.yaml:27:13: the English text changed")));

    // The translator brings it in line and marks it checked: update records the new
    // source, and the warning is gone.
    let course = course.edit(
        TUMMY,
        "    - text: Streichen Sie bis zum Windelrand hinunter.\n",
        "    - text: Streichen Sie sanft bis zum Windelrand hinunter.\n      checked: true\n",
    );
    course
        .run(&["translations", "update", "de"])
        .status(0)
        .stdout_has("updated translations/de/tummy.yaml (1 checked texts recorded)");
    let written = String::from_utf8(course.read(TUMMY)).unwrap();
    assert!(written.contains("  - text: Streichen Sie sanft bis zum Windelrand hinunter.\n      source: Stroke gently down towards the top of the nappy.\n      hash: "), "{written}");
    assert!(!written.contains("      checked:"));
    let run = course.run(&["validate", "--strict", "--message-format=json"]);
    assert!(!problems_in(&run, TUMMY)
        .iter()
        .any(|p| p.contains("changed")));
}

#[test]
fn numbers_marks_addresses_endings_and_unchanged_texts_are_each_said() {
    let course = german_stubs();
    let course = translate(
        course,
        TUMMY,
        "    - ",
        "Lay the edge of one hand flat just below the ribs.",
        "Legen Sie die Handkante 5 cm unter die Rippen",
    );
    let course = translate(
        course,
        TUMMY,
        "    - ",
        "Stroke down towards the top of the nappy.",
        "Stroke down towards the top of the nappy.",
    );
    let course = course.edit(
        TUMMY,
        "  text: ''\n  source: Tummy strokes follow",
        "  text: Bauchstriche folgen der Verdauung, immer im Uhrzeigersinn, siehe https://example.org/bauch.\n  source: Tummy strokes follow",
    );
    let run = course.run(&["validate", "--message-format=json"]);
    run.status(1);
    let found: Vec<String> = problems_in(&run, TUMMY)
        .into_iter()
        .filter(|p| !p.contains("more texts"))
        .collect();
    assert_eq!(
        found,
        [
            "translations/de/tummy.yaml:10:9: the Markdown marks differ from the English text: it has 1 **bold** part, this has none || the English text is here at modules/tummy.yaml:6:3",
            "translations/de/tummy.yaml:10:9: the web addresses differ from the English text: it has none, this has `https://example.org/bauch` || the English text is here at modules/tummy.yaml:6:3",
            "translations/de/tummy.yaml:24:13: the numbers differ from the English text: it has no number, this has `5` || the English text is here at modules/tummy.yaml:15:9",
            "warning: translations/de/tummy.yaml:24:13: the English text ends with a full stop, this ends with no punctuation || the English text is here at modules/tummy.yaml:15:9",
            "warning: translations/de/tummy.yaml:27:13: this is still the English text, word for word || the English text is here at modules/tummy.yaml:16:9",
        ]
    );
}

#[test]
fn a_stroke_step_or_field_the_source_does_not_have_is_an_error() {
    let course = german_stubs()
        .edit(
            TUMMY,
            "  i-love-you:\n",
            "  i-love-yu:\n    name: Ich liebe dich\n  i-love-you:\n",
        )
        .edit(
            TUMMY,
            "      hash: cd749692\n",
            "      hash: cd749692\n    - text: Nicht bei Fieber.\n",
        )
        .edit(TUMMY, "strokes:\n", "repetitions: 4\nstrokes:\n")
        .edit(
            TUMMY,
            "  text: ''\n  source: Tummy strokes\n",
            "  txt: Bauch\n  source: Tummy strokes\n",
        );
    let run = course.run(&["validate", "--message-format=json"]);
    run.status(1);
    let errors: Vec<String> = problems_in(&run, TUMMY)
        .into_iter()
        .filter(|p| !p.starts_with("warning"))
        .collect();
    assert_eq!(
        errors,
        [
            "translations/de/tummy.yaml:6:3: `txt` is not a field of a translated text",
            "translations/de/tummy.yaml:13:1: `repetitions` is not a text to translate here || the English text is here at modules/tummy.yaml:2:1",
            "translations/de/tummy.yaml:41:7: this is caution 3 but the English text has 2 cautions here || the English text is here at modules/tummy.yaml:19:7",
            "translations/de/tummy.yaml:46:3: there is no stroke `i-love-yu` in `modules/tummy.yaml` || the English text is here at modules/tummy.yaml:9:3",
        ]
    );
    let hints: Vec<String> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d.contains("i-love-yu") || d.contains("`txt`"))
        .collect();
    assert!(hints[0].ends_with("| did you mean `text`?"), "{hints:?}");
    assert!(
        hints[1].ends_with("| did you mean `i-love-you`?"),
        "{hints:?}"
    );
}

#[test]
fn a_stroke_left_out_whole_is_said_once_where_it_would_be() {
    let course = german_stubs();
    let text = String::from_utf8(course.read(TUMMY)).unwrap();
    // Every line of the stroke: from its id to the next line indented as little.
    let mut inside = false;
    let without: Vec<&str> = text
        .lines()
        .filter(|line| {
            if line.starts_with("  ") && !line.starts_with("   ") {
                inside = *line == "  sun-and-moon:";
            }
            !inside
        })
        .collect();
    let course = course.file(TUMMY, without.join("\n") + "\n");
    let run = course.run(&["validate", "--message-format=json"]);
    let missing: Vec<String> = problems_in(&run, TUMMY)
        .into_iter()
        .filter(|p| p.contains("sun-and-moon"))
        .collect();
    assert_eq!(
        missing,
        ["warning: translations/de/tummy.yaml:14:3: the stroke `sun-and-moon` is not translated into German yet, so it prints in English || the English text is here at modules/tummy.yaml:37:5"]
    );
}

#[test]
fn the_languages_named_are_checked() {
    let run = untranslated_sample()
        .edit(
            "course.yaml",
            "language: en-GB\n",
            "language: en-GB\ntranslations: [en-GB, xq, de, de, ../x]\n",
        )
        .run(&["validate", "--message-format=json"]);
    run.status(1);
    let course_problems: Vec<String> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d.starts_with("course.yaml:10"))
        .collect();
    assert_eq!(
        course_problems,
        [
            "course.yaml:10:16: translations, item 1: `en-GB` is the language the course is written in (`language`), so it needs no translation | list only the other languages the handouts are made in",
            "course.yaml:10:23: translations, item 2: there are no words for the page (such as \"Page 1 of 2\") in `xq` | check the language code, or copy the words of another language with `course templates copy words` into `locales/` and translate them",
            "course.yaml:10:31: translations, item 4: `de` is named twice | remove one of them",
            "course.yaml:10:35: translations, item 5: `../x` is not a language code | write a language code such as `de`, `uk`, `ar` or `pt-BR`",
        ]
    );
}

#[test]
fn each_language_is_built_into_its_own_folder_and_only_it_is_rebuilt() {
    let course = untranslated_sample().edit(
        "course.yaml",
        "language: en-GB\n",
        "language: en-GB\ntranslations: [de, ar]\n",
    );
    course.run(&["translations", "update", "de"]).status(0);
    course.run(&["translations", "update", "ar"]).status(0);
    let course = course
        .edit(
            TUMMY,
            "  text: ''\n  source: Tummy strokes\n",
            "  text: Bauchmassage\n  source: Tummy strokes\n",
        )
        .edit(
            TUMMY,
            "      text: ''\n      source: Water wheel\n",
            "      text: Wasserrad\n      source: Water wheel\n",
        )
        .edit(
            "translations/ar/tummy.yaml",
            "  text: ''\n  source: Tummy strokes\n",
            "  text: تدليك البطن\n  source: Tummy strokes\n",
        );
    let run = course.run(&["build"]);
    run.status(0)
        .stdout_has("  wrote     build/session-1-checklist.pdf")
        .stdout_has("  wrote     build/de/session-2-handout.pdf")
        .stdout_has("  wrote     build/ar/booklet.pdf")
        .stdout_has("Built 26 PDFs")
        // The build says which texts print in English.
        .stderr_has("“Chest and arms” and 19 more texts of this file are not translated into German yet, so they print in English");
    // The instructor's checklists stay in English, at the top of the build folder.
    assert!(!course.exists("build/de/session-1-checklist.pdf"));
    assert!(!course.exists("build/ar/session-1-checklist.pdf"));

    let english = crate::support::pdf_text(&course.read("build/session-2-handout.pdf"));
    assert!(english.contains("Tummy strokes") && !english.contains("Bauchmassage"));
    let german = crate::support::pdf_text(&course.read("build/de/session-2-handout.pdf"));
    for printed in [
        "Bauchmassage",
        "Wasserrad",
        // Fixed words and dates in German.
        "6-mal",
        "8. März 2027",
        // Not yet translated: in English.
        "Stroke down towards the top of the nappy.",
    ] {
        assert!(german.contains(printed), "{printed}: {german}");
    }
    if let Some(arabic) =
        crate::support::pdf_text_in_reading_order(&course.read("build/ar/session-2-handout.pdf"))
    {
        assert!(arabic.contains("تدليك البطن"), "{arabic}");
        assert!(arabic.contains("مرات"), "{arabic}");
    }

    // One German text changes: only the German documents that print it are made again.
    let course = course.edit(TUMMY, "text: Wasserrad", "text: Das Wasserrad");
    let run = course.run(&["build"]);
    run.status(0)
        .stdout_has("  wrote     build/de/session-2-handout.pdf")
        .stdout_has("  wrote     build/de/booklet.pdf")
        .stdout_has("  unchanged build/de/session-1-handout.pdf")
        .stdout_lacks("  wrote     build/ar/")
        .stdout_lacks("  wrote     build/session");
    assert!(
        crate::support::pdf_text(&course.read("build/de/session-2-handout.pdf"))
            .contains("Das Wasserrad")
    );

    // `course clean` removes what every language's build wrote, and their folders.
    course
        .run(&["clean"])
        .status(0)
        .stdout_has("Removed 26 PDFs from build.");
    assert!(!course.exists("build/de") && !course.exists("build/ar"));
}

#[test]
fn update_writes_only_inside_the_course_translation_folder() {
    let course = untranslated_sample().edit(
        "course.yaml",
        "language: en-GB\n",
        "language: en-GB\ntranslations: [de]\n",
    );
    for language in ["../x", "/tmp/x", "de/../../x"] {
        course
            .run(&["translations", "update", language])
            .status(2)
            .stderr_has(&format!("error: `{language}` is not a language code"));
    }
    course
        .run(&["translations", "update", "fr"])
        .status(2)
        .stderr_has("error: the course is not translated into `fr`");

    // A link planted where the language's folder goes, leading out of the course.
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(course.path().join("translations")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.path(), course.path().join("translations/de")).unwrap();
        course
            .run(&["translations", "update", "de"])
            .status(1)
            .no_crash();
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    }
}

#[test]
fn translations_shows_each_language_and_file() {
    let course = translate(german_stubs(), TUMMY, "  ", "Tummy strokes", "Bauchmassage");
    course
        .run(&["translations"])
        .status(0)
        .stdout_has(
            "German (de):\n  course.yaml                      0 done, 0 out of date, 17 missing\n",
        )
        .stdout_has("  modules/tummy.yaml               1 done, 0 out of date, 22 missing\n")
        .stdout_has("  all                              1 done, 0 out of date, 199 missing\n");
}

#[test]
fn the_sample_course_has_a_german_translation_started() {
    let course = TestCourse::sample().edit(
        "course.yaml",
        "language: en-GB\n",
        "language: en-GB\ntranslations: [de]\n",
    );
    let run = course.run(&["validate", "--message-format=json"]);
    run.status(0);
    for file in ["translations/de/course.yaml", TUMMY] {
        assert_eq!(problems_in(&run, file), Vec::<String>::new());
    }
    course
        .run(&["translations"])
        .status(0)
        .stdout_has("  course.yaml                      17 done, 0 out of date, 0 missing\n")
        .stdout_has("  modules/tummy.yaml               23 done, 0 out of date, 0 missing\n");
    course.run(&["build"]).status(0);
    let german = crate::support::pdf_text(&course.read("build/de/session-2-handout.pdf"));
    for printed in [
        "Woche 2: Bauch",
        "Bauchstriche",
        "Sonne und Mond",
        "Familienzentrum am Fluss",
    ] {
        assert!(german.contains(printed), "{printed}: {german}");
    }
}

#[test]
fn init_with_languages_starts_every_translation_file() {
    let dir = crate::support::TestCourse::empty();
    let run = dir.run(&["init", "c", "--languages", "en,uk,ar", "--yes"]);
    run.status(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[..15],
        [
            "Started a course in c: course.yaml, 5 modules, a drawing for the first stroke and the schemas editors use.",
            "  wrote c/translations/uk/course.yaml (5 new texts to translate)",
            "  wrote c/translations/uk/first-strokes.yaml (7 new texts to translate)",
            "  wrote c/translations/uk/getting-ready.yaml (10 new texts to translate)",
            "  wrote c/translations/uk/skin-to-skin.yaml (5 new texts to translate)",
            "  wrote c/translations/uk/toddlers.yaml (3 new texts to translate)",
            "  wrote c/translations/uk/why-massage.yaml (5 new texts to translate)",
            "Ukrainian (uk): 35 texts to translate.",
            "  wrote c/translations/ar/course.yaml (5 new texts to translate)",
            "  wrote c/translations/ar/first-strokes.yaml (7 new texts to translate)",
            "  wrote c/translations/ar/getting-ready.yaml (10 new texts to translate)",
            "  wrote c/translations/ar/skin-to-skin.yaml (5 new texts to translate)",
            "  wrote c/translations/ar/toddlers.yaml (3 new texts to translate)",
            "  wrote c/translations/ar/why-massage.yaml (5 new texts to translate)",
            "Arabic (ar): 35 texts to translate.",
        ]
    );
    let course_yaml = String::from_utf8(dir.read("c/course.yaml")).unwrap();
    assert!(
        course_yaml.contains("\nlanguage: en\ntranslations: [uk, ar]\n"),
        "{course_yaml}"
    );
    // The files are those `translations update` writes: nothing more to add.
    let course = dir.path().join("c");
    crate::support::run_in(&course, &["translations", "update", "uk"], &[])
        .status(0)
        .stdout_has("Ukrainian (uk): 0 done, 0 out of date, 35 missing.")
        .stdout_lacks("wrote");
    let stub = String::from_utf8(dir.read("c/translations/ar/course.yaml")).unwrap();
    assert!(
        stub.starts_with("# Arabic translation of course.yaml"),
        "{stub}"
    );
    assert!(stub.contains("title:\n  text: ''\n  source: "), "{stub}");

    // Each language is checked as `--language` is.
    for (languages, message) in [
        ("en,uk,uk", "error: `uk` is named twice in `--languages`"),
        ("en,uk,en", "error: `en` is named twice in `--languages`"),
        (
            "en,../x",
            "error: there are no built-in words for the language `../x`",
        ),
    ] {
        dir.run(&["init", "d", "--languages", languages, "--yes"])
            .status(2)
            .stderr_has(message);
        assert!(!dir.exists("d"), "{languages}");
    }
    dir.run(&["init", "d", "--languages", "en,uk", "--language", "de"])
        .status(2);
}

#[test]
fn new_writes_the_stub_of_its_module_in_each_language() {
    let course = untranslated_sample().edit(
        "course.yaml",
        "language: en-GB\n",
        "language: en-GB\ntranslations: [de, ar]\n",
    );
    course
        .run(&["new", "benefits", "more-benefits"])
        .status(0)
        .stdout_has(
            "Wrote modules/more-benefits.yaml. Add `more-benefits` to a session's `modules` in course.yaml to teach it.\n  wrote translations/de/more-benefits.yaml (",
        )
        .stdout_has("\n  wrote translations/ar/more-benefits.yaml (");
    // Only the new module's files: the others are left to `translations update`.
    assert!(!course.exists("translations/de/tummy.yaml"));
    let run = course.run(&["translations"]);
    run.status(0)
        .stdout_has("  modules/more-benefits.yaml       0 done, 0 out of date, ");
    let stub = String::from_utf8(course.read("translations/ar/more-benefits.yaml")).unwrap();
    assert!(stub.contains("title:\n  text: ''\n"), "{stub}");
}
