//! `--message-format json` and `short`: what programs and editors' problem matchers read.
//! Every JSON line has a `type`; a stream ends with one `summary`.

use crate::support::TestCourse;

fn misspelt_body_area() -> TestCourse {
    TestCourse::sample().edit("modules/tummy.yaml", "body_area: tummy", "body_area: tumy")
}

#[test]
fn a_json_diagnostic_has_its_code_start_end_and_a_field_a_person_reads() {
    let run = misspelt_body_area().run(&["validate", "--message-format", "json"]);
    run.status(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        r#"{"type":"diagnostic","code":"not-a-choice","severity":"error","file":"modules/tummy.yaml","line":11,"column":16,"end":{"line":11,"column":20},"field":"strokes[0].body_area","field_label":"stroke 1 (Water wheel), body_area","message":"`body_area` cannot be `tumy`","hint":"did you mean `tummy`?","related":null}"#
    );
    assert_eq!(
        lines.last().unwrap(),
        &r#"{"type":"summary","errors":1,"warnings":0,"files":9,"sessions":5,"modules":8,"strokes":14}"#
    );
}

#[test]
fn short_format_is_one_line_per_problem_and_nothing_else() {
    let run = TestCourse::sample()
        .edit("modules/tummy.yaml", "repetitions: 6", "repetitions: six")
        .edit("course.yaml", "modules: [tummy]", "modules: [tumy]")
        .run(&["validate", "--message-format=short"]);
    run.status(1);
    assert_eq!(
        run.stdout,
        "course.yaml:24:15: error: there is no module with the id `tumy` (did you mean `tummy`?)\n\
         modules/tummy.yaml:13:18: error: `repetitions` should be a whole number, but it is `six` (write a whole number without quotes or units, such as `6`)\n"
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn usage_errors_follow_the_format_and_exit_2() {
    let course = TestCourse::sample();
    // A mistake clap finds, before the format is even read.
    let run = course.run(&["validate", "--colour", "--message-format=json"]);
    run.status(2);
    assert_eq!(
        run.stdout,
        concat!(
            r#"{"type":"diagnostic","code":"bad-usage","severity":"error","file":null,"line":null,"column":null,"end":null,"field":null,"field_label":null,"message":"there is no option `--colour` here","hint":"run `course --help` to see the commands and their options","related":null}"#,
            "\n",
            r#"{"type":"summary","errors":1,"warnings":0}"#,
            "\n"
        )
    );
    assert_eq!(run.stderr, "");
    // A mistake `course` finds.
    let run = course.run(&["list", "nowhere", "--message-format", "json"]);
    run.status(2);
    assert_eq!(
        run.json_lines("diagnostic")[0]["message"],
        "there is no folder `nowhere`"
    );
    assert_eq!(run.json_lines("summary").len(), 1);
    let run = course.run(&["build", "nowhere", "--message-format", "short"]);
    run.status(2);
    assert_eq!(
        run.stdout,
        "course: error: there is no folder `nowhere` (give the folder that holds `course.yaml`, or create a new course with `course init`)\n"
    );
    // clap's did-you-mean is kept.
    let run = course.run(&["build", "--forse", "--message-format=json"]);
    run.status(2);
    assert_eq!(
        run.json_lines("diagnostic")[0]["hint"],
        "did you mean `--force`?"
    );
    // For people it is on stderr, in the words and form of every other message.
    let run = course.run(&["validate", "--colour"]);
    run.status(2).stderr_has("error: there is no option `--colour` here\n  hint: run `course --help` to see the commands and their options\n");
    course
        .run(&["validate", "My", "course"])
        .status(2)
        .stderr_has("error: `course` is one word too many: this command takes no more\n  hint: a folder name with spaces goes in quotes, such as \"My course\"\n");
    assert_eq!(run.stdout, "");
}

#[test]
fn a_json_build_prints_only_json_and_closes_with_what_it_wrote() {
    let course = TestCourse::sample();
    let run = course.run(&["build", "--message-format", "json"]);
    run.status(0);
    // One line per document, then the summary.
    assert_eq!(run.json_lines("document").len(), 12);
    assert_eq!(
        run.stdout.lines().last().unwrap(),
        "{\"type\":\"summary\",\"errors\":0,\"warnings\":0,\"written\":12,\"unchanged\":0}"
    );
    assert_eq!(run.stdout.lines().count(), 13);
    let again = course.run(&["build", "--message-format", "json"]);
    assert_eq!(
        again.stdout.lines().last().unwrap(),
        "{\"type\":\"summary\",\"errors\":0,\"warnings\":0,\"written\":0,\"unchanged\":12}"
    );
    let failed = misspelt_body_area().run(&["build", "--message-format", "json"]);
    failed.status(1);
    assert_eq!(failed.json_lines("diagnostic").len(), 1);
    assert_eq!(
        failed.stdout.lines().last().unwrap(),
        r#"{"type":"summary","errors":1,"warnings":0,"written":0}"#
    );
}

#[test]
fn list_honours_the_json_format() {
    let run = TestCourse::sample().run(&["list", "--message-format", "json"]);
    run.status(0);
    let course = &run.json_lines("course")[0];
    assert_eq!(course["sessions"].as_array().unwrap().len(), 5);
    let first = &course["sessions"][0];
    assert_eq!(first["number"], 1);
    assert_eq!(
        first["documents"],
        serde_json::json!(["session-1-handout.pdf", "session-1-checklist.pdf"])
    );
    assert_eq!(first["modules"][2]["id"], "legs-and-feet");
    assert_eq!(first["modules"][2]["kind"], "strokes");
    assert_eq!(first["modules"][2]["strokes"][0], "Indian milking");
    assert_eq!(
        course["documents"],
        serde_json::json!(["booklet.pdf", "practice-log.pdf"])
    );
    assert_eq!(
        run.stdout.lines().last().unwrap(),
        r#"{"type":"summary","errors":0,"warnings":0}"#
    );
}
