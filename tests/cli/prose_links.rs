//! A web address written in prose (a module's text, a step, a note) prints as the text
//! written and is a tagged link annotation that opens it.

use crate::support::*;

#[test]
fn a_web_address_in_prose_is_a_link_with_the_same_address() {
    let intro = "https://example.org/tummy-guide";
    let step = "https://example.org/videos/water-wheel?t=30";
    let note = "http://example.org/room";
    let course = TestCourse::sample()
        .edit(
            "modules/tummy.yaml",
            "keep the pressure gentle.",
            &format!("keep the pressure gentle. More at {intro}."),
        )
        .edit(
            "modules/tummy.yaml",
            "      - Stroke down towards the top of the nappy.",
            &format!("      - \"Stroke down towards the top of the nappy (see {step}).\""),
        )
        .edit(
            "modules/getting-ready.yaml",
            "    - Choose a warm, quiet room without draughts.",
            &format!("    - \"Choose a warm, quiet room without draughts ({note}).\""),
        );
    let run = course.run(&["validate", ".", "--message-format=json"]);
    assert_eq!(run.status(0).diagnostics(), Vec::<String>::new());
    course.run(&["build", "-q"]).status(0);

    let tummy = course.read("build/session-2-handout.pdf");
    let mut links: Vec<String> = web_links(&tummy).into_iter().map(|(_, a)| a).collect();
    // The step's address is on two lines beside the drawing: a link on each.
    assert_eq!(links.len(), 3, "{links:?}");
    links.dedup();
    // The full stop and the bracket after an address are not part of it.
    assert_eq!(links, [intro, step]);
    let text = squash(&page_texts(&tummy).concat());
    assert!(text.contains(&format!("More at {intro}.")), "{text}");
    // On two lines: poppler reads the break as a space.
    let wrapped = step.replacen("/videos", "/ videos", 1);
    assert!(text.contains(&format!("(see {wrapped}).")), "{text}");
    let tree = structure_tree(&tummy);
    assert_eq!(
        tree.iter().filter(|l| l.trim() == "Link").count(),
        3,
        "{tree:?}"
    );

    let week1 = course.read("build/session-1-handout.pdf");
    let links: Vec<String> = web_links(&week1).into_iter().map(|(_, a)| a).collect();
    assert_eq!(links, [note]);
    // The booklet has them all, the instructor's website on its cover first.
    let booklet = course.read("build/booklet.pdf");
    let mut links: Vec<String> = web_links(&booklet).into_iter().map(|(_, a)| a).collect();
    links.dedup();
    assert_eq!(
        links,
        [
            "https://calmhands.example/classes/baby-massage-for-new-parents-spring-term",
            note,
            intro,
            step
        ]
    );
}

#[test]
fn text_that_only_looks_like_an_address_is_no_link() {
    let course = TestCourse::sample().edit(
        "modules/tummy.yaml",
        "keep the pressure gentle.",
        "keep the pressure gentle. Ask about https:// addresses or example.org in class.",
    );
    course.run(&["build", "-q"]).status(0);
    let tummy = course.read("build/session-2-handout.pdf");
    assert_eq!(web_links(&tummy), Vec::<(usize, String)>::new());
    let text = squash(&page_texts(&tummy).concat());
    assert!(
        text.contains("Ask about https:// addresses or example.org in class."),
        "{text}"
    );
}

#[test]
fn a_web_address_in_prose_is_a_link_on_the_page_too() {
    let intro = "https://example.org/tummy-guide?part=1&step=2";
    let course = TestCourse::sample().edit(
        "modules/tummy.yaml",
        "keep the pressure gentle.",
        &format!("keep the pressure gentle. More at {intro}. Or javascript:alert(1)."),
    );
    course.run(&["build", "-q", "--format", "html"]).status(0);
    let page = String::from_utf8(course.read("build/session-2-handout.html")).unwrap();
    let shown = intro.replace('&', "&amp;");
    assert!(
        page.contains(&format!(
            "More at <a href=\"{shown}\">{shown}</a>. Or javascript:alert(1)."
        )),
        "{page}"
    );
    assert!(!page.contains("href=\"javascript"), "{page}");
}
