//! Whole outputs, as a user sees them, kept in `tests/cli/snapshots/`: a change to any
//! word, line or blank line of these shows in review as a diff of the `.snap` file
//! (`cargo insta review`, or read the `.snap.new` file beside it).
//!
//! Each snapshot is the exit status, then standard output, then standard error, with
//! the few things that differ from run to run (seconds taken) written as `[TIME]`.

use crate::support::{Run, TestCourse};

/// A run as one text: status, stdout and stderr, times taken replaced.
pub fn seen(run: &Run) -> String {
    let text = format!(
        "exit status {}\n--- stdout\n{}--- stderr\n{}",
        run.status, run.stdout, run.stderr
    );
    without_times(&text)
}

/// "in 0.37 s" and "(12 ms" written as "in [TIME] s" and "([TIME] ms".
fn without_times(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(|c: char| c.is_ascii_digit()) {
        let (before, from) = rest.split_at(i);
        out.push_str(before);
        let end = from
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(from.len());
        let (number, after) = from.split_at(end);
        let is_time =
            (after.starts_with(" s ") || after.starts_with(" s\n") || after.starts_with(" ms"))
                && (before.ends_with("in ") || before.ends_with('('));
        out.push_str(if is_time { "[TIME]" } else { number });
        rest = after;
    }
    out.push_str(rest);
    out
}

#[test]
fn times_are_the_only_thing_written_over() {
    assert_eq!(
        without_times("Built 12 PDFs (609 KiB) in 0.37 s into build\nNothing to write (12 ms).\nweek 2 in 3 steps"),
        "Built 12 PDFs (609 KiB) in [TIME] s into build\nNothing to write ([TIME] ms).\nweek 2 in 3 steps"
    );
}

/// A course with one mistake of each common kind, as a new instructor makes them.
fn course_with_mistakes() -> TestCourse {
    TestCourse::sample()
        .edit("modules/tummy.yaml", "repetitions: 6", "repetitions: six")
        .edit("modules/tummy.yaml", "direction:", "directoin:")
        .edit("course.yaml", "modules: [tummy]", "modules: [tumy]")
        .edit(
            "modules/getting-ready.yaml",
            "temperature_c: 24",
            "temperature_c: 12",
        )
}

#[test]
fn validate_a_good_course() {
    insta::assert_snapshot!(seen(&TestCourse::sample().run(&["validate"])));
}

#[test]
fn validate_a_course_with_mistakes() {
    insta::assert_snapshot!(seen(&course_with_mistakes().run(&["validate"])));
}

#[test]
fn validate_a_course_with_mistakes_short() {
    let run = course_with_mistakes().run(&["validate", "--message-format", "short"]);
    insta::assert_snapshot!(seen(&run));
}

#[test]
fn validate_a_course_with_mistakes_json() {
    let run = course_with_mistakes().run(&["validate", "--message-format", "json"]);
    insta::assert_snapshot!(seen(&run));
}

#[test]
fn build_the_sample_then_again() {
    let course = TestCourse::sample();
    let first = seen(&course.run(&["build"]));
    let again = seen(&course.run(&["build"]));
    insta::assert_snapshot!(format!("{first}\n=== built again\n{again}"));
}

#[test]
fn build_a_course_with_mistakes() {
    insta::assert_snapshot!(seen(&course_with_mistakes().run(&["build"])));
}

#[test]
fn build_into_a_folder_holding_a_file_of_the_users() {
    let course = TestCourse::sample().file("build/booklet.pdf", "my own notes");
    insta::assert_snapshot!(seen(&course.run(&["build"])));
}

#[test]
fn list_the_sample() {
    insta::assert_snapshot!(seen(&TestCourse::sample().run(&["list"])));
}

#[test]
fn templates_of_the_sample() {
    insta::assert_snapshot!(seen(&TestCourse::sample().run(&["templates"])));
}

#[test]
fn a_misspelt_subcommand() {
    insta::assert_snapshot!(seen(&TestCourse::sample().run(&["biuld"])));
}

#[test]
fn a_folder_that_is_not_a_course() {
    insta::assert_snapshot!(seen(&TestCourse::empty().run(&["validate"])));
}

#[test]
fn clean_after_a_build() {
    let course = TestCourse::sample();
    course.run(&["build", "-q"]).status(0);
    insta::assert_snapshot!(seen(&course.run(&["clean"])));
}
