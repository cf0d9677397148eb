//! The room's temperature from the setup module is printed where parents read how to get
//! ready at home, in the course's language.

use crate::support::*;

#[test]
fn the_handout_says_how_warm_the_room_should_be_in_the_course_language() {
    let course = TestCourse::sample().edit(
        "modules/getting-ready.yaml",
        "temperature_c: 24",
        "temperature_c: 24.5",
    );
    course.run(&["build", "-q"]).status(0);
    let text = squash(&pdf_text(&course.read("build/session-1-handout.pdf")));
    assert!(
        text.contains("Room Room temperature: about 24.5 °C. The floor is the safest place."),
        "{text}"
    );
    // The booklet has it where the handout does.
    let booklet = squash(&pdf_text(&course.read("build/booklet.pdf")));
    assert!(
        booklet.contains("Room temperature: about 24.5 °C."),
        "{booklet}"
    );

    let german = course.edit("course.yaml", "language: en-GB", "language: de");
    german.run(&["build", "-q"]).status(0);
    let text = squash(&pdf_text(&german.read("build/session-1-handout.pdf")));
    assert!(text.contains("Raumtemperatur: etwa 24,5 °C."), "{text}");
}

/// Every built-in language says it in its own words, with the place for the number.
#[test]
fn every_built_in_language_has_words_for_the_room_temperature() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/locales");
    let mut languages = 0;
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        let words: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let text = words["room_temperature"].as_str().unwrap_or_default();
        assert!(text.contains("{degrees}"), "{}: {text:?}", path.display());
        languages += 1;
    }
    assert_eq!(languages, 21);
}
