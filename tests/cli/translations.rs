//! One course in several languages: translation files checked against their source
//! (each problem with the translation's line and the source's), `course translations`
//! and its `update`, and the documents built in each language.

use crate::support::{Run, TestCourse};

/// The sample course translated into German, with a stub for every text written by
/// `course translations update de`.
fn german_stubs() -> TestCourse {
    let course = TestCourse::sample().edit(
        "course.yaml",
        "language: en-GB\n",
        "language: en-GB\ntranslations: [de]\n",
    );
    course
        .run(&["translations", "update", "de"])
        .status(0)
        .stdout_has("wrote translations/de/tummy.yaml (20 new texts to translate)");
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
            "translations/de/tummy.yaml:42:3: there is no stroke `i-love-yu` in `modules/tummy.yaml` || the English text is here at modules/tummy.yaml:9:3",
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
        ["warning: translations/de/tummy.yaml:14:3: the stroke `sun-and-moon` is not translated into German yet, so it prints in English || the English text is here at modules/tummy.yaml:33:5"]
    );
}

#[test]
fn the_languages_named_are_checked() {
    let run = TestCourse::sample()
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
