//! Property tests (proptest; cargo fuzz needs a nightly toolchain this project does not
//! use): any bytes in a module file get diagnostics, never a panic; any printable text in
//! a course comes out of the PDF whole. PROPTEST_CASES raises the number of cases.

use proptest::prelude::*;

use crate::support::{pdf_text, TestCourse};

/// YAML-ish text: the tokens that break parsers, the keys the schema knows, and words.
fn yamlish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("\n".to_owned()),
        Just("  ".to_owned()),
        Just("\t".to_owned()),
        Just("- ".to_owned()),
        Just(": ".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("&a ".to_owned()),
        Just("*a".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just("#".to_owned()),
        Just("---\n".to_owned()),
        Just("|\n".to_owned()),
        Just("? ".to_owned()),
        Just("!!str ".to_owned()),
        prop::sample::select(vec![
            "kind",
            "id",
            "title",
            "strokes",
            "steps",
            "name",
            "repetitions",
            "body_area",
            "direction",
            "strokes",
            "benefits",
            "setup",
            "legs"
        ])
        .prop_map(str::to_owned),
        "[a-z0-9 ]{0,8}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(token, 0..60).prop_map(|t| t.concat())
}

/// `PROPTEST_CASES` from the environment for long runs, else a count that keeps
/// `cargo test` quick.
fn cases(quick: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(quick)
}

fn check_module(bytes: &[u8]) {
    let course = TestCourse::sample().file("modules/fuzz.yaml", bytes);
    let run = course.run(&["validate", ".", "--message-format=json"]);
    run.no_crash();
    assert!(
        run.status == 0 || run.status == 1,
        "exit {} for {:?}",
        run.status,
        String::from_utf8_lossy(bytes)
    );
    for d in run.diagnostics() {
        assert!(
            d.starts_with("modules/")
                || d.starts_with("warning: modules/")
                || d.starts_with("course.yaml"),
            "{d}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(48), ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_get_diagnostics_not_a_crash(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_module(&bytes);
    }

    #[test]
    fn any_yamlish_text_gets_diagnostics_not_a_crash(text in yamlish()) {
        check_module(text.as_bytes());
    }
}

/// Text a user might write: letters of several scripts, digits, Markdown's special
/// characters, long words and web addresses.
fn printable_text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "[a-zA-Z]{1,12}",
        "[а-яА-Я]{1,8}",
        "[α-ωΑ-ΡΣ-Ω]{1,8}",
        "[0-9]{1,4}",
        prop::sample::select(vec![
            "#",
            "|",
            "[x]",
            "_",
            "<b>",
            "&",
            "\\",
            "`",
            "½",
            "→",
            "✓",
            "☐",
            "1.",
            "-",
            ">",
            "~",
            "![a](b)",
            "https://example.org/a/very/long/path/that/will/not/fit/on/one/line/of/any/handout"
        ])
        .prop_map(str::to_owned),
        "[a-z]{40,70}",
    ];
    prop::collection::vec(word, 1..12).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(12), ..ProptestConfig::default() })]

    #[test]
    fn any_printable_text_is_printed_whole(name in printable_text(), step in printable_text()) {
        let yaml_quote = |s: &str| format!("'{}'", s.replace('\'', "''"));
        // The water wheel's drawing below its steps: the step has the whole width that
        // the longest words are sized for.
        let course = TestCourse::sample()
            .edit("modules/tummy.yaml", "image: images/water-wheel.svg", "image: images/water-wheel.svg\n    image_placement: below")
            .edit("modules/tummy.yaml", "name: Water wheel", &format!("name: {}", yaml_quote(&name)))
            .edit("modules/tummy.yaml", "- Lay the edge of one hand flat just below the ribs.", &format!("- {}", yaml_quote(&step)));
        let run = course.run(&["build", "-q", "--message-format=json"]);
        prop_assert_eq!(run.status, 0, "{}", run.stdout);
        let text: String = pdf_text(&course.read("build/session-2-handout.pdf")).split_whitespace().collect();
        for wanted in [&name, &step] {
            let wanted: String = wanted.split_whitespace().collect();
            prop_assert!(text.contains(&wanted), "lost: {}", wanted);
        }
    }
}
