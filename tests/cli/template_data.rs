//! The data templates get, as a course's own templates use it: the old names of module
//! kinds, and the guide's example.

use crate::support::{pdf_text, squash, TestCourse};

const EPOCH: [(&str, &str); 1] = [("SOURCE_DATE_EPOCH", "1700000000")];

/// The kinds as the session template asks them now, and as it asked them before `kind`.
const KINDS: [(&str, &str, usize); 5] = [
    ("benefits", "is_benefits", 14),
    ("setup", "is_setup", 39),
    ("strokes", "is_strokes", 107),
    ("kangaroo-care", "is_kangaroo_care", 143),
    ("toddler-adaptations", "is_toddler_adaptations", 167),
];

/// A session template copied before modules had `kind` asks `{{#if is_benefits}}`: it
/// still prints every module, the same PDFs to the byte, and validate warns at each old
/// name with what to write instead.
#[test]
fn a_template_copied_before_kind_still_prints_its_modules_and_is_warned_at_each_old_name() {
    let built_in = TestCourse::sample();
    built_in.run_env(&["build", "-q"], &EPOCH).status(0);

    let mut course = TestCourse::sample();
    course.run(&["templates", "copy", "session"]).status(0);
    for (kind, old, _) in KINDS {
        course = course.edit(
            "templates/session.md.hbs",
            &format!("{{{{#if (eq kind \"{kind}\")}}}}"),
            &format!("{{{{#if {old}}}}}"),
        );
    }
    let run = course.run(&["validate", "--message-format=json"]);
    run.status(0);
    let expected: Vec<String> = KINDS
        .iter()
        .map(|(kind, old, line)| {
            format!(
                "warning: templates/session.md.hbs:{line}:1: `{old}` is the old way to ask a module's kind: it still works, for now | write `(eq kind \"{kind}\")` in its place, as in `{{{{#if (eq kind \"{kind}\")}}}}`; docs/templates.md lists the names"
            )
        })
        .collect();
    assert_eq!(run.diagnostics(), expected);
    assert!(run
        .json_lines("diagnostic")
        .iter()
        .all(|d| d["code"] == "old-template-name"));

    course.run_env(&["build", "-q"], &EPOCH).status(0);
    let handout = course.read("build/session-1-handout.pdf");
    assert!(squash(&pdf_text(&handout)).contains("Why massage your baby?"));
    for name in [
        "session-1-handout.pdf",
        "session-3-handout.pdf",
        "booklet.pdf",
    ] {
        assert!(
            course.read(&format!("build/{name}")) == built_in.read(&format!("build/{name}")),
            "{name} differs from the one the built-in template makes"
        );
    }
}

/// The example in docs/templates.md works as written: it validates without a word and
/// the handouts print what it adds.
#[test]
fn the_template_guide_example_builds() {
    let guide = include_str!("../../docs/templates.md");
    let example = guide
        .split("```handlebars\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the guide has a handlebars example");
    let course = TestCourse::sample();
    course.run(&["templates", "copy", "handout"]).status(0);
    let course = course.file("templates/handout.md.hbs", example);
    let run = course.run(&["validate", "--message-format=json"]);
    run.status(0);
    assert_eq!(run.diagnostics(), Vec::<String>::new());
    course.run(&["build", "-q"]).status(0);
    let text = squash(&pdf_text(&course.read("build/session-2-handout.pdf")));
    assert!(text.contains("Tummy strokes"), "{text}");
    assert!(
        text.contains("Questions? Write to maren@calmhands.example any time"),
        "{text}"
    );
    assert!(text.contains("Your questions:"), "{text}");
}
