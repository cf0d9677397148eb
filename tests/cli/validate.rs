//! `course validate`: every class of problem, with its exact message.

use crate::support::TestCourse;

const JSON: [&str; 3] = ["validate", ".", "--message-format=json"];

/// Diagnostics of the sample course after one edit.
fn after_edit(file: &str, from: &str, to: &str) -> Vec<String> {
    let course = TestCourse::sample().edit(file, from, to);
    let run = course.run(&JSON);
    run.no_crash();
    run.diagnostics()
}

#[test]
fn sample_course_is_valid_and_says_what_it_checked() {
    TestCourse::sample()
        .run(&["validate"])
        .status(0)
        .stdout_has("Checked 9 files: 5 sessions, 8 modules, 15 strokes")
        .stdout_has("No problems found.");
}

#[test]
fn misspelt_key_suggests_the_right_one() {
    assert_eq!(
        after_edit(
            "modules/tummy.yaml",
            "title: Tummy strokes",
            "titel: Tummy strokes"
        ),
        // Not also "`title` is missing": the hint already says so.
        ["modules/tummy.yaml:4:1: titel: unknown field `titel` | did you mean `title`?"]
    );
}

#[test]
fn wrong_types_name_the_field_path() {
    assert_eq!(
        after_edit("modules/tummy.yaml", "repetitions: 3", "repetitions: three"),
        ["modules/tummy.yaml:27:18: stroke 2 (I love you), repetitions: `repetitions` should be a whole number, but it is `three` | write a whole number without quotes or units, such as `6`"]
    );
    assert_eq!(
        after_edit("modules/tummy.yaml", "body_area: tummy", "body_area: tumy"),
        ["modules/tummy.yaml:11:16: stroke 1 (Water wheel), body_area: `body_area` cannot be `tumy` | did you mean `tummy`?"]
    );
}

#[test]
fn text_with_a_colon_is_explained() {
    assert_eq!(
        after_edit("modules/tummy.yaml", "\"Your left hand draws a full clockwise circle: the sun.\"", "Your left hand draws a full clockwise circle: the sun."),
        ["modules/tummy.yaml:43:9: stroke 3 (Sun and moon), step 1: this list item should be text, but the `: ` in it makes YAML read it as a field | put the whole text in double quotes: \"...\""]
    );
}

#[test]
fn unknown_kind_suggests_one() {
    assert_eq!(
        after_edit("modules/tummy.yaml", "kind: strokes", "kind: stroke"),
        [
            "modules/tummy.yaml:2:7: kind: `stroke` is not a kind of module | did you mean `strokes`?",
        ]
    );
}

#[test]
fn duplicate_key_names_both_lines() {
    let course = TestCourse::sample().edit(
        "modules/tummy.yaml",
        "id: tummy\n",
        "id: tummy\nid: belly\n",
    );
    let run = course.run(&JSON);
    assert_eq!(run.diagnostics(), ["modules/tummy.yaml:4:1: the field `id` is written twice in the same group | keep one of them and delete the other"]);
    // The whole stream: a diagnostic with its code, start and end, and the related place
    // as an object; then the summary.
    assert_eq!(
        run.stdout,
        concat!(
            r#"{"type":"diagnostic","code":"duplicate-field","severity":"error","file":"modules/tummy.yaml","line":4,"column":1,"end":{"line":4,"column":3},"field":null,"field_label":null,"message":"the field `id` is written twice in the same group","hint":"keep one of them and delete the other","related":{"file":"modules/tummy.yaml","line":3,"column":1,"end":{"line":3,"column":3},"message":"first written here"}}"#,
            "\n",
            r#"{"type":"summary","errors":1,"warnings":0,"files":9,"sessions":5,"modules":7,"strokes":12}"#,
            "\n"
        )
    );
}

#[test]
fn references_and_ids() {
    let diagnostics = after_edit("course.yaml", "modules: [tummy]", "modules: [tumy]");
    assert_eq!(
        diagnostics,
        [
            "course.yaml:24:15: session 2 (Week 2: Tummy), module 1 (tumy): there is no module with the id `tumy` | did you mean `tummy`?",
        ]
    );
    let course = TestCourse::sample().file(
        "modules/zz-copy.yaml",
        std::fs::read(format!("{}/modules/tummy.yaml", crate::support::SAMPLE)).unwrap(),
    );
    let diagnostics = course.run(&JSON).diagnostics();
    assert!(diagnostics.contains(&"modules/zz-copy.yaml:3:5: id: the id `tummy` is already used by modules/tummy.yaml | give each module its own id; sessions in course.yaml refer to modules by id".to_owned()), "{diagnostics:#?}");
    assert!(
        diagnostics.iter().any(|d| d.starts_with(
            "modules/zz-copy.yaml:9:9: stroke 1 (Water wheel), id: the stroke id `water-wheel` is already used"
        )),
        "{diagnostics:#?}"
    );
}

#[test]
fn empty_session_stroke_without_steps_and_empty_text() {
    assert_eq!(
        after_edit("course.yaml", "modules: [tummy]", "modules: []"),
        [
            "course.yaml:24:14: session 2 (Week 2: Tummy), modules: `modules` is an empty list, but it needs at least one item | add at least one item, each on its own line starting with `- `",
            // The rest of course.yaml is read, and the module is truly in no session.
            "warning: modules/tummy.yaml:3:5: id: the module `tummy` is not taught in any session | add its id to a session's `modules` in course.yaml, or delete the file",
        ]
    );
    let steps = "    steps:\n      - \"Your left hand draws a full clockwise circle: the sun.\"\n      - \"Your right hand follows with a half circle from 10 to 4 o’clock: the moon.\"\n";
    // One mistake, one error: the empty list is not also "a stroke without steps".
    assert_eq!(
        after_edit("modules/tummy.yaml", steps, "    steps: []\n"),
        ["modules/tummy.yaml:42:12: stroke 3 (Sun and moon), steps: `steps` is an empty list, but it needs at least one item | add at least one item, each on its own line starting with `- `"]
    );
    assert_eq!(
        after_edit("modules/tummy.yaml", "name: I love you", "name: \"  \""),
        ["modules/tummy.yaml:24:11: stroke 2 (i-love-you), name: this text is empty | write the text between the quotes, or delete the line"]
    );
    assert_eq!(
        after_edit("modules/tummy.yaml", "name: I love you", "name:"),
        ["modules/tummy.yaml:24:5: stroke 2 (i-love-you), name: `name` is empty | write a value after the colon, or delete the line if the field is optional"]
    );
}

#[test]
fn numbers_out_of_range() {
    assert_eq!(
        after_edit("modules/tummy.yaml", "repetitions: 3", "repetitions: 300"),
        ["modules/tummy.yaml:27:18: stroke 2 (I love you), repetitions: `repetitions` is too large: it must be at most 50 | write a whole number from 1 to 50"]
    );
    assert_eq!(
        after_edit("modules/getting-ready.yaml", "temperature_c: 24", "temperature_c: 42"),
        ["modules/getting-ready.yaml:7:18: room, temperature_c: a room temperature of 42 °C is not safe for an undressed baby | write the temperature in degrees Celsius; about 24 is right"]
    );
}

#[test]
fn safety_rules_use_their_defaults_and_can_be_tuned() {
    assert_eq!(
        after_edit("modules/getting-ready.yaml", "wait_after_feed_minutes: 45", "wait_after_feed_minutes: 30"),
        ["modules/getting-ready.yaml:32:28: timing, wait_after_feed_minutes: the wait after a feed is 30 minutes; this course asks for at least 45 | a full tummy needs time: write 45 or more (sources differ; to allow less, set `safety.min_minutes_after_feed` in course.yaml)"]
    );
    let tuned = TestCourse::sample()
        .edit(
            "modules/getting-ready.yaml",
            "wait_after_feed_minutes: 45",
            "wait_after_feed_minutes: 30",
        )
        .edit(
            "course.yaml",
            "min_minutes_after_feed: 45",
            "min_minutes_after_feed: 30",
        );
    tuned.run(&["validate"]).status(0);

    let no_patch_test = "    patch_test: Test a drop on the thigh first, as for any new oil.\n";
    assert_eq!(
        after_edit("modules/getting-ready.yaml", no_patch_test, ""),
        ["modules/getting-ready.yaml:26:5: oil 2 (Fractionated coconut oil), patch_test: the oil \"Fractionated coconut oil\" has no patch-test note | add `patch_test:` saying how to test a little oil on the baby's thigh or shoulder first"]
    );
    let course = TestCourse::sample();
    let setup = String::from_utf8(course.read("modules/getting-ready.yaml")).unwrap();
    let without = &setup[..setup.find("contraindications:").unwrap()];
    let course = course.file("modules/getting-ready.yaml", without);
    assert_eq!(
        course.run(&JSON).diagnostics(),
        ["modules/getting-ready.yaml:2:1: contraindications: the course does not say when not to massage | add `contraindications:` to the setup module: fever, infection, open sores, recent surgery, jaundice and so on (or set `safety.require_contraindications: false` in course.yaml)"]
    );
    course
        .edit(
            "course.yaml",
            "require_contraindications: true",
            "require_contraindications: false",
        )
        .run(&["validate"])
        .status(0);
}

#[test]
fn toddler_adaptation_names_an_existing_stroke() {
    assert_eq!(
        after_edit("modules/toddlers.yaml", "stroke: water-wheel", "stroke: waterwheel"),
        ["modules/toddlers.yaml:20:13: adaptation 2 (waterwheel), stroke: there is no stroke with the id `waterwheel` | did you mean `water-wheel`?"]
    );
}

#[test]
fn characters_the_fonts_cannot_print_are_named_with_their_line() {
    assert_eq!(
        after_edit("modules/tummy.yaml", "name: Water wheel", "name: Water wheel 🌊"),
        ["modules/tummy.yaml:10:23: stroke 1 (Water wheel 🌊), name: the character `🌊` (U+1F30A) cannot be printed with the course fonts | replace it with a similar character, or name a font folder that has it with `fonts:` in course.yaml"]
    );
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let course = TestCourse::sample()
        .edit("modules/tummy.yaml", "body_area: tummy", "body_area: tumy")
        .edit(
            "modules/chest-and-arms.yaml",
            "title: Chest and arms",
            "titel: Chest and arms",
        )
        .edit(
            "course.yaml",
            "modules: [face-and-back]",
            "modules: [face-and-bak]",
        );
    let run = course.run(&["validate"]);
    // The misspelt module reference is one error: its module is not also "not taught".
    run.status(1).stdout_has("Found 3 errors.");
    run.stderr_has("did you mean `tummy`?")
        .stderr_has("did you mean `title`?")
        .stderr_has("did you mean `face-and-back`?");
}

#[test]
fn human_output_draws_the_line_with_a_caret() {
    let course =
        TestCourse::sample().edit("modules/tummy.yaml", "body_area: tummy", "body_area: tumy");
    let run = course.run(&["validate"]);
    run.status(1);
    assert_eq!(
        run.stderr,
        "error: `body_area` cannot be `tumy`\n   ┌─ modules/tummy.yaml:11:16\n   │\n11 │     body_area: tumy\n   │                ^^^^\n   │\n   = field: stroke 1 (Water wheel), body_area\n   = hint: did you mean `tummy`?\n\n"
    );
    assert_eq!(
        run.stdout,
        "Found 1 error. Fix it and run `course validate` again.\n"
    );
}

#[test]
fn crlf_line_endings_and_byte_order_marks_are_fine() {
    let course = TestCourse::sample();
    for name in [
        "course.yaml",
        "modules/tummy.yaml",
        "modules/getting-ready.yaml",
    ] {
        let text = String::from_utf8(course.read(name))
            .unwrap()
            .replace('\n', "\r\n");
        std::fs::write(
            course.path().join(name),
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        )
        .unwrap();
    }
    course
        .run(&["validate"])
        .status(0)
        .stdout_has("No problems found.");
}

fn broken_module(content: impl AsRef<[u8]>) -> Vec<String> {
    let course = TestCourse::sample().file("modules/broken.yaml", content);
    let run = course.run(&JSON);
    run.status(1).no_crash();
    run.diagnostics()
}

/// The parser's own words ("simple key expect ':'", "while parsing a block mapping")
/// never reach the user; each syntax mistake is said plainly, at the line to fix.
#[test]
fn syntax_mistakes_are_said_without_parser_jargon() {
    assert_eq!(
        broken_module("kind: benefits\nid: x\ntitle: y\nintro\nphysical: [a]\n"),
        ["modules/broken.yaml:4:1: this line is neither a field (`name: value`) nor a list item (`- ...`) | add `: ` after the field's name; if the line goes on with the text above, indent it more than its field, or put the whole text in quotes"]
    );
    assert_eq!(
        broken_module("kind: benefits\nid: x\ntitle: \"Warm\" hands\n"),
        ["modules/broken.yaml:3:15: there is more text after the closing quote | put the whole text inside the quotes, or remove the quotes"]
    );
    assert_eq!(
        broken_module("kind: benefits\nid: x\ntitle: @home\n"),
        ["modules/broken.yaml:3:8: a text cannot start with this character unless it is in quotes | put the whole text in double quotes: \"...\""]
    );
    assert_eq!(
        broken_module("kind: benefits\nid: x\ntitle: \"C:\\q\"\n"),
        ["modules/broken.yaml:3:8: a `\\` inside double quotes must start a special character, such as `\\n` | write `\\\\` for a backslash, or put the text in single quotes '...' instead"]
    );
}

/// A locale file of the course's own is read like course files: its syntax mistakes
/// are said in the same plain words, at their line.
#[test]
fn a_locale_file_with_a_syntax_mistake_is_explained_at_its_line() {
    let course = TestCourse::sample().file(
        "locales/en-GB.yaml",
        "page_of: \"Page {page} of {pages}\ncontents: Contents\n",
    );
    let run = course.run(&JSON);
    run.status(1);
    assert_eq!(
        run.diagnostics(),
        ["locales/en-GB.yaml:1:10: a quoted text is not closed | add the missing `\"` or `'` at the end of the text"]
    );
}

/// Where no line can be drawn (a locale file), the second place of a problem is named in
/// words.
#[test]
fn a_related_place_is_named_without_a_drawn_line() {
    let course = TestCourse::sample().file("locales/en-GB.yaml", "page_of: a\npage_of: b\n");
    let run = course.run(&["validate"]);
    run.status(1);
    assert_eq!(
        run.stderr,
        "error: locales/en-GB.yaml:2:1: the field `page_of` is written twice in the same group\n = hint: keep one of them and delete the other\n = note: first written here at locales/en-GB.yaml:1:1\n\n"
    );
}

#[test]
fn hostile_and_broken_files_get_clear_errors() {
    assert_eq!(broken_module(""), ["modules/broken.yaml: this file is empty | a module starts with `kind:`, `id:` and `title:`; `course new KIND NAME` writes one for you"]);
    assert_eq!(
        broken_module("kind: benefits\nid: x\n\ttitle: y\n"),
        ["modules/broken.yaml:3:1: this line is indented with a tab | YAML only allows spaces for indentation: replace the tab with spaces"]
    );
    assert_eq!(
        broken_module("kind: benefits\nid: x\ntitle: \"y\n"),
        ["modules/broken.yaml:3:8: a quoted text is not closed | add the missing `\"` or `'` at the end of the text"]
    );
    assert_eq!(
        broken_module(b"kind: benefits\nid: caf\xe9\n".as_slice()),
        ["modules/broken.yaml:2:8: this file is saved as Latin-1 (ISO 8859-1 or Windows-1252), not UTF-8: byte 0xE9 (`é` in Latin-1) cannot be read | save the file as UTF-8 in your editor (\"Save with encoding\" > UTF-8)"]
    );
    assert_eq!(
        broken_module(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".as_slice()),
        ["modules/broken.yaml:3:1: this is not a text file (it contains a NUL byte) | course files must be plain text saved as UTF-8; was a picture or a word-processor file saved with a .yaml name?"]
    );
    let deep = format!("kind: benefits\nid: x\ntitle: {}\n", "[".repeat(20_000));
    assert_eq!(
        broken_module(deep)[0].split(" | ").next().unwrap(),
        "modules/broken.yaml:3:263: lists and groups of fields are nested too deeply here"
    );
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let prev = if i == 1 {
            "a".to_owned()
        } else {
            format!("a{}", i - 1)
        };
        bomb.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*{prev}"); 9].join(", ")
        ));
    }
    assert_eq!(broken_module(bomb)[0], "modules/broken.yaml:6:10: this file expands to more than 100000 values | remove repeated aliases (`*name`): course files do not need them");
    let huge = format!(
        "kind: benefits\nid: x\ntitle: y\nintro: \"{}\"\n",
        "word ".repeat(600_000)
    );
    assert_eq!(broken_module(huge), ["modules/broken.yaml: this file is 2929 KiB; course files may be at most 1024 KiB | split the module into several smaller modules"]);
    assert_eq!(
        broken_module("kind: benefits\nid: x\ntitle: y\ntitle: z\nphysical: [a]\nemotional: [b]\n"),
        ["modules/broken.yaml:4:1: the field `title` is written twice in the same group | keep one of them and delete the other"]
    );
    assert_eq!(broken_module("- just\n- a list\n")[0], "modules/broken.yaml:1:1: this file should be a list of fields such as `title: ...`, one per line | start the file with `kind:`, `id:` and `title:` lines");
}

#[test]
fn no_course_is_bad_usage() {
    let empty = TestCourse::empty();
    let run = empty.run(&["validate", "no-such-folder"]);
    run.status(2)
        .stderr_has("error: there is no folder `no-such-folder`")
        .stderr_has("`course init`");
    let run = empty.run(&["validate"]);
    run.status(2)
        .stderr_has("error: there is no `course.yaml` in this folder")
        .stderr_has("`course init`");
    empty.run(&["validate", "--frobnicate"]).status(2);
    empty.run(&["frobnicate"]).status(2);
}

/// Each edit of the sample gives exactly the one diagnostic expected.
fn one_diagnostic_each(cases: &[(&str, &str, &str, &str)]) {
    for (file, from, to, expected) in cases {
        assert_eq!(after_edit(file, from, to), [*expected], "{file}: {to}");
    }
}

/// Ids are what the schema's pattern allows, so an editor and `course validate` agree;
/// the message names the character that does not belong, visible or not.
#[test]
fn ids_are_small_letters_digits_and_dashes() {
    one_diagnostic_each(&[
        ("modules/tummy.yaml", "id: water-wheel", "id: Water_wheel", "modules/tummy.yaml:9:9: stroke 1 (Water wheel), id: `Water_wheel` cannot be an id: it has the capital letter `W`, and ids are small letters, digits and dashes | write ids with small letters a-z, digits and dashes, such as `tummy-strokes`"),
        ("modules/tummy.yaml", "id: water-wheel", "id: water--wheel", "modules/tummy.yaml:9:9: stroke 1 (Water wheel), id: `water--wheel` cannot be an id: a dash cannot start or end it, or come twice in a row | write ids with small letters a-z, digits and dashes, such as `tummy-strokes`"),
        ("course.yaml", "modules: [tummy]", "modules: [\"tum\\u00ADmy\"]", "course.yaml:24:15: session 2 (Week 2: Tummy), module 1 (tum\u{AD}my): `tum\u{AD}my` cannot be an id: it has an invisible character, a soft hyphen (U+00AD), and ids are small letters, digits and dashes | write ids with small letters a-z, digits and dashes, such as `tummy-strokes`"),
    ]);
}

/// A mistake in an id is one message, not also a warning about what it broke. (A
/// misspelt reference is one error too: `references_and_ids`.)
#[test]
fn an_id_mistake_is_said_once() {
    one_diagnostic_each(&[
        // A module's id changed: the reference names the file and its new id.
        ("modules/tummy.yaml", "id: tummy\n", "id: tummy-time\n", "course.yaml:24:15: session 2 (Week 2: Tummy), module 1 (tummy): there is no module with the id `tummy` | modules/tummy.yaml has `id: tummy-time`: write that here, or change the id in the file back to `tummy`"),
        // A module took another's id: the duplicate is the mistake, not the reference.
        ("modules/tummy.yaml", "id: tummy\n", "id: legs-and-feet\n", "modules/tummy.yaml:3:5: id: the id `legs-and-feet` is already used by modules/legs-and-feet.yaml | give each module its own id; sessions in course.yaml refer to modules by id"),
    ]);
}

/// A value of the wrong shape is named in words, never in the schema validator's
/// ("is not valid under any of the schemas listed in the 'anyOf' keyword").
#[test]
fn wrong_shapes_are_said_in_words() {
    one_diagnostic_each(&[
        ("course.yaml", "page_size: a4", "page_size: a4\nfonts: []", "course.yaml:11:8: fonts: `fonts` should be text or a list with at least one item, but it is an empty list | this field is for: One font folder or file, or several in the order they are tried."),
        ("course.yaml", "page_size: a4", "page_size: [a4]", "course.yaml:10:12: page_size: `page_size` should be one word, but it is a list | choose one of: a4, letter, a5"),
        ("modules/tummy.yaml", "kind: strokes", "kind: [strokes]", "modules/tummy.yaml:2:7: kind: `kind` should be one word, such as `strokes` | the kinds are benefits, kangaroo-care, setup, strokes, toddler-adaptations"),
    ]);
}
