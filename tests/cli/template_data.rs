//! The data templates get, as a course's own templates use it.

use crate::support::{pdf_text, squash, TestCourse};

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
