//! Budgets on what a course makes, and `validate` on build's own path: a tiny input that
//! multiplies is stopped with a message at its template, in `validate` as in `build`, in
//! bounded memory and time.

use crate::support::{Run, TestCourse};

const BOOKLET: &str = include_str!("../../templates/booklet.md.hbs");
const ANCHOR: &str = "<!-- anchor session-{{number}} -->\n";

/// Runs `course` under a 2 GiB address space.
fn run_limited(course: &TestCourse, args: &[&str], env: &[(&str, &str)]) -> Run {
    crate::support::run_capped(course.path(), args, env)
}

/// The booklet template with `extra` right after each session's anchor.
fn booklet_with(extra: &str) -> String {
    assert!(BOOKLET.contains(ANCHOR));
    BOOKLET.replace(ANCHOR, &format!("{ANCHOR}{extra}\n"))
}

/// `validate` and `build` both exit 1 with exactly these problems, and nothing is written.
fn both_refuse(course: &TestCourse, env: &[(&str, &str)], expected: &[&str]) {
    for command in ["validate", "build"] {
        let run = run_limited(course, &[command, "--message-format=json"], env);
        run.status(1).no_crash();
        assert_eq!(run.diagnostics(), expected, "{command}");
    }
    assert!(!course.path().join("build/booklet.pdf").exists());
}

#[test]
fn what_only_exists_in_build_is_checked_by_validate() {
    // `page` is set only once the booklet is laid out.
    let course = TestCourse::sample().file(
        "templates/booklet.md.hbs",
        booklet_with("{{#if page}}{{> nosuch}}{{/if}}"),
    );
    both_refuse(
        &course,
        &[],
        &["templates/booklet.md.hbs:41:13: this template failed: Partial not found nosuch | compare it with the built-in template of the same name (`course templates copy NAME` writes one out)"],
    );
}

#[test]
fn contents_that_never_settle_are_named_at_the_booklet_template() {
    // An extra page before the sessions whenever the first one starts early enough, which
    // moves it later, which takes the page away again.
    let template = BOOKLET.replacen(
        ANCHOR,
        &format!("{{{{#if @first}}}}{{{{#if (lt page 4)}}}}\n\nMoved.\n\n---\n\n{{{{/if}}}}{{{{/if}}}}\n{ANCHOR}"),
        1,
    );
    let course = TestCourse::sample().file("templates/booklet.md.hbs", template);
    both_refuse(
        &course,
        &[],
        &["templates/booklet.md.hbs: the contents never settle: each time the sessions' page numbers are filled in, the sessions move to other pages | print a session's `page` only as a number; do not let it decide what else is printed (such as `{{#if page}}` around text or page breaks)"],
    );
}

#[test]
fn a_page_bomb_stops_at_the_page_budget() {
    let loops = "{{#each @root.days}}".repeat(6);
    let ends = "{{/each}}".repeat(6);
    let course = TestCourse::sample().file(
        "templates/practice-log.md.hbs",
        format!("{loops}\n---\n{ends}\n"),
    );
    both_refuse(
        &course,
        &[],
        &["templates/practice-log.md.hbs: this template makes more than 2000 pages for one document | a handout is a few pages: check for page breaks (`---`) or `{{#each}}` blocks inside each other that repeat a list many times"],
    );
}

#[test]
fn loops_that_depend_on_page_numbers_stop_at_the_time_budget_in_build_too() {
    let loops = "{{#each @root.days}}".repeat(12);
    let ends = "{{/each}}".repeat(12);
    let course = TestCourse::sample().file(
        "templates/booklet.md.hbs",
        booklet_with(&format!("{{{{#if page}}}}{loops}{ends}{{{{/if}}}}")),
    );
    both_refuse(
        &course,
        &[("COURSE_TEMPLATE_SECONDS", "1")],
        &["templates/booklet.md.hbs: this template takes more than 1 seconds to fill in and lay out | check for `{{#each}}` blocks inside each other that repeat a long list many times"],
    );
}

#[test]
fn a_helper_cannot_multiply_text_past_the_budget() {
    let many = "{a}".repeat(2_000);
    let course = TestCourse::sample().file(
        "templates/practice-log.md.hbs",
        format!("{{{{t \"{many}\" a=this}}}}\n"),
    );
    both_refuse(
        &course,
        &[],
        &["templates/practice-log.md.hbs:1:1: this template failed: a helper here would write more than the 1 MiB one document may hold | compare it with the built-in template of the same name (`course templates copy NAME` writes one out)"],
    );
    // Many names holding the whole course count together.
    let names: Vec<String> = (0..5_000).map(|i| format!("a{i}=this")).collect();
    let course = TestCourse::sample().file(
        "templates/practice-log.md.hbs",
        format!("{{{{t \"x\" {}}}}}\n", names.join(" ")),
    );
    both_refuse(
        &course,
        &[],
        &["templates/practice-log.md.hbs:1:1: this template failed: a helper here would write more than the 1 MiB one document may hold | compare it with the built-in template of the same name (`course templates copy NAME` writes one out)"],
    );
}

#[test]
fn a_locale_with_thousands_of_days_stops_at_the_page_budget() {
    // 60 KB: 30,000 one-letter days, under the 64 KiB a locale file may have.
    let days = "a,".repeat(30_000);
    let course = TestCourse::sample().file("locales/en-GB.yaml", format!("days: [{days}]\n"));
    let run = run_limited(&course, &["build", "--message-format=json"], &[]);
    run.status(1).no_crash();
    assert_eq!(
        run.diagnostics(),
        ["(built-in)/templates/practice-log.md.hbs: this template makes more than 2000 pages for one document | a handout is a few pages: check for page breaks (`---`) or `{{#each}}` blocks inside each other that repeat a list many times"]
    );
}
