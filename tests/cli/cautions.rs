//! A stroke's cautions print right after its steps, on the page of the stroke, in the
//! handouts and the booklet; the safety box keeps the points that belong to no stroke.

use crate::support::*;

/// The sample's strokes modules and the sessions that teach them.
const MODULES: [(&str, usize); 4] = [
    ("legs-and-feet", 1),
    ("tummy", 2),
    ("chest-and-arms", 3),
    ("face-and-back", 4),
];

/// A stroke as its handout heads it ("1. Water wheel") and its cautions.
struct Stroke {
    heading: String,
    cautions: Vec<String>,
}

fn strokes_of(course: &TestCourse, module: &str) -> Vec<Stroke> {
    let text = String::from_utf8(course.read(&format!("modules/{module}.yaml"))).unwrap();
    let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let strokes = value["strokes"].as_sequence().unwrap();
    let text = |v: &serde_yaml::Value| straight_quotes(v.as_str().unwrap());
    strokes
        .iter()
        .enumerate()
        .map(|(i, s)| Stroke {
            heading: format!("{}. {}", i + 1, text(&s["name"])),
            cautions: s["cautions"]
                .as_sequence()
                .map_or(Vec::new(), |c| c.iter().map(text).collect()),
        })
        .collect()
}

/// Each page's text on one line, with straight quotes.
fn pages(pdf: &[u8]) -> Vec<String> {
    page_texts(pdf)
        .iter()
        .map(|p| squash(&straight_quotes(p)))
        .collect()
}

/// Where `text` is printed: (page from 0, place on the page) of each time.
fn found(pages: &[String], text: &str) -> Vec<(usize, usize)> {
    pages
        .iter()
        .enumerate()
        .flat_map(|(p, page)| page.match_indices(text).map(move |(at, _)| (p, at)))
        .collect()
}

/// Every caution of `strokes` is printed once, on a page of its stroke (where it starts
/// or, split, goes on under its heading again), after the stroke's heading there and
/// before the next stroke's.
fn each_caution_beside_its_stroke(pages: &[String], strokes: &[Stroke], what: &str) {
    let mut checked = 0;
    for (i, stroke) in strokes.iter().enumerate() {
        let headings = found(pages, &stroke.heading);
        assert!(!headings.is_empty(), "{what}: no `{}`", stroke.heading);
        let next = strokes.get(i + 1).map(|n| found(pages, &n.heading));
        for caution in &stroke.cautions {
            let places = found(pages, caution);
            assert_eq!(
                places.len(),
                1,
                "{what}: `{caution}` is printed {} times",
                places.len()
            );
            let (on, at) = places[0];
            let Some(&(_, heading)) = headings.iter().rev().find(|(p, h)| *p == on && *h < at)
            else {
                panic!(
                    "{what}: `{caution}` is not on a page of {}: {}",
                    stroke.heading, pages[on]
                );
            };
            let between = next
                .iter()
                .flatten()
                .any(|(p, n)| *p == on && heading < *n && *n < at);
            assert!(
                !between,
                "{what}: `{caution}` is not between {} and the next stroke: {}",
                stroke.heading, pages[on]
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "{what}: no caution checked");
}

#[test]
fn each_caution_prints_on_the_page_of_its_stroke_in_handouts_and_the_booklet() {
    for paper in ["a4", "a5"] {
        let course = TestCourse::sample().edit(
            "course.yaml",
            "page_size: a4",
            &format!("page_size: {paper}"),
        );
        course.run(&["build", "-q"]).status(0);
        let booklet = pages(&course.read("build/booklet.pdf"));
        for (module, session) in MODULES {
            let strokes = strokes_of(&course, module);
            let handout = pages(&course.read(&format!("build/session-{session}-handout.pdf")));
            each_caution_beside_its_stroke(
                &handout,
                &strokes,
                &format!("{paper} handout {session}"),
            );
            each_caution_beside_its_stroke(
                &booklet,
                &strokes,
                &format!("{paper} booklet, {module}"),
            );
        }
    }
}

#[test]
fn the_safety_box_keeps_the_points_that_belong_to_no_stroke() {
    let course = TestCourse::sample();
    course.run(&["build", "-q"]).status(0);
    let tummy = squash(&straight_quotes(
        &page_texts(&course.read("build/session-2-handout.pdf")).concat(),
    ));
    let box_start = tummy
        .find("Safety first")
        .expect("the tummy handout has a safety box");
    let in_box = &tummy[box_start..];
    assert!(
        in_box.contains("When not to massage: Fever, an acute infection"),
        "{in_box}"
    );
    assert!(
        !in_box.contains("Keep clear of the belly button"),
        "{in_box}"
    );
    // Skin to skin has no strokes: its safety points stay in the box of week 3.
    let week3 = squash(&page_texts(&course.read("build/session-3-handout.pdf")).concat());
    let box_start = week3.find("Safety first").expect("week 3 has a safety box");
    assert!(
        week3[box_start..].contains("Stay awake the whole time."),
        "{week3}"
    );
    // The instructor's checklist still has every caution to say aloud.
    let checklist = squash(&straight_quotes(&pdf_text(
        &course.read("build/session-2-checklist.pdf"),
    )));
    assert!(checklist.contains("Keep clear of the belly button while the cord stump heals."));
}
