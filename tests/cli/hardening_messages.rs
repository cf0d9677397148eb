//! Messages under hostile input: thousands of problems stay readable (and quick: see
//! `cargo bench`), text from a course never drives the terminal, and names that are not
//! UTF-8 are problems explained in words, never a crash.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::process::Command;

use crate::support::{Run, TestCourse};

/// A strokes module whose `count` strokes have only an id: five missing fields each.
fn strokes_missing_fields(count: usize) -> String {
    let mut text = String::from("kind: strokes\nid: big\ntitle: Big\nstrokes:\n");
    for i in 0..count {
        text.push_str(&format!("  - id: s{i}\n"));
    }
    text
}

/// A benefits module with the id `id`, taught in no session.
fn untaught(id: &str) -> String {
    format!("kind: benefits\nid: {id}\ntitle: T\nphysical:\n  - a\nemotional:\n  - b\n")
}

/// `course` with arguments that need not be UTF-8.
fn run_os(dir: &std::path::Path, args: &[&OsStr]) -> Run {
    Command::new(env!("CARGO_BIN_EXE_course"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("course runs")
        .into()
}

/// `message | hint` of each usage error of a `--message-format json` run.
fn usage_errors(run: &Run) -> Vec<String> {
    run.json_lines("diagnostic")
        .iter()
        .map(|d| {
            assert_eq!(d["code"], "bad-usage");
            assert_eq!(d["file"], serde_json::Value::Null);
            let text = |key: &str| d[key].as_str().unwrap_or_default().to_owned();
            format!("{} | {}", text("message"), text("hint"))
        })
        .collect()
}

fn drawn_headers(stderr: &str) -> usize {
    stderr
        .lines()
        .filter(|l| l.starts_with("error: ") || l.starts_with("warning: "))
        .count()
}

#[test]
fn thousands_of_problems_are_drawn_fifty_then_counted_per_file() {
    let course = TestCourse::sample().file("modules/big.yaml", strokes_missing_fields(1000));
    let run = course.run(&["validate"]);
    run.status(1).no_crash();
    assert_eq!(drawn_headers(&run.stderr), 50, "{}", run.stderr);
    assert!(
        run.stderr.ends_with(
            "and 4950 more errors: 4950 in modules/big.yaml\n  hint: fix the problems above first, or see every one, one per line, with `--message-format short`\n\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stdout,
        "Found 5000 errors. Fix them and run `course validate` again.\n"
    );

    // Programs get every one; the file did not load, yet its items are named.
    let run = course.run(&["validate", "--message-format", "json"]);
    let diagnostics = run.diagnostics();
    assert_eq!(diagnostics.len(), 5000);
    assert_eq!(
        diagnostics[4999],
        "modules/big.yaml:1004:5: stroke 1000 (s999), steps: `steps` is missing | add a line `steps: ...` here (what to do, step by step (inline markdown allowed))"
    );
    assert_eq!(run.json_lines("summary")[0]["errors"], 5000);
    let run = course.run(&["validate", "--message-format", "short"]);
    assert_eq!(run.stdout.lines().count(), 5000);
}

#[test]
fn the_rest_names_the_files_with_several_and_counts_those_with_one() {
    let mut course = TestCourse::sample().file("modules/big.yaml", strokes_missing_fields(20));
    for i in 0..15 {
        course = course.file(
            &format!("modules/untaught-{i:02}.yaml"),
            untaught(&format!("u{i}")),
        );
    }
    let run = course.run(&["validate"]);
    run.status(1).no_crash();
    assert_eq!(drawn_headers(&run.stderr), 50);
    assert!(
        run.stderr
            .contains("\nand 65 more problems: 50 in modules/big.yaml, 1 each in 15 other files\n"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.starts_with("Found 100 errors and 15 warnings."));

    let mut course = TestCourse::sample();
    for i in 0..53 {
        course = course.file(
            &format!("modules/untaught-{i:02}.yaml"),
            untaught(&format!("u{i}")),
        );
    }
    let run = course.run(&["validate"]);
    run.status(0).no_crash();
    assert!(
        run.stderr
            .contains("\nand 3 more warnings: 1 each in 3 files\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.ends_with("No errors, 53 warnings.\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn fifty_problems_or_fewer_are_all_drawn() {
    let course = TestCourse::sample().file("modules/big.yaml", strokes_missing_fields(10));
    let run = course.run(&["validate"]);
    run.status(1);
    assert_eq!(drawn_headers(&run.stderr), 50);
    assert!(!run.stderr.contains("more errors"), "{}", run.stderr);
}

/// An id with a screen-clearing escape, a window title and a direction override.
const HOSTILE_ID: &str = r#""x\e[2Jy\e]0;title\a\u202Ez""#;

#[test]
fn escapes_and_direction_characters_in_a_course_are_shown_by_name() {
    let course = TestCourse::sample().file(
        "modules/esc.yaml",
        format!(
            "kind: benefits\nid: {HOSTILE_ID}\ntitle: T\nphysical:\n  - a\nemotional:\n  - b\n"
        ),
    );
    let named = "`x<ESC>[2Jy<ESC>]0;title<BEL><U+202E RIGHT-TO-LEFT OVERRIDE>z` cannot be an id: it has a space or control character (U+001B), and ids are small letters, digits and dashes";

    let run = course.run(&["validate"]);
    run.status(1).no_crash();
    assert_eq!(
        run.stderr,
        format!("error: {named}\n  ┌─ modules/esc.yaml:2:5\n  │\n2 │ id: {HOSTILE_ID}\n  │     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  │\n  = field: id\n  = hint: write ids with small letters a-z, digits and dashes, such as `tummy-strokes`\n\n")
    );

    let run = course.run(&["validate", "--message-format", "short"]);
    assert_eq!(
        run.stdout,
        format!("modules/esc.yaml:2:5: error: {named} (write ids with small letters a-z, digits and dashes, such as `tummy-strokes`)\n")
    );

    // JSON keeps the text as it is, escaped as JSON escapes it.
    let run = course.run(&["validate", "--message-format", "json"]);
    let line = run.stdout.lines().next().unwrap();
    assert!(
        line.contains(r#""message":"`x\u001b[2Jy\u001b]0;title\u0007"#),
        "{line}"
    );
    assert!(line.contains(r#""end":{"line":2,"column":33}"#), "{line}");
    let d = &run.json_lines("diagnostic")[0];
    assert!(d["message"]
        .as_str()
        .unwrap()
        .starts_with("`x\u{1b}[2Jy\u{1b}]0;title\u{7}\u{202e}z`"));

    for out in [&run.stdout, &course.run(&["validate"]).stderr] {
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    }
}

#[test]
fn source_lines_show_control_characters_by_name_and_carets_and_columns_stay_true() {
    // A direction override written into a title, as copied from a web page.
    let course = TestCourse::sample().edit(
        "modules/tummy.yaml",
        "title: Tummy strokes",
        "title: \"Tummy\u{202e} strokes\"",
    );
    let run = course.run(&["validate"]);
    run.status(1).no_crash();
    assert!(
        run.stderr.contains(
            "  ┌─ modules/tummy.yaml:4:14\n  │\n4 │ title: \"Tummy<U+202E RIGHT-TO-LEFT OVERRIDE> strokes\"\n  │              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains('\u{202e}'));

    // Direction characters before the problem on its line (and CRLF line ends): the
    // caret is under the problem, its column counts each character once.
    let course = TestCourse::sample().file(
        "modules/marks.yaml",
        "kind: benefits\r\nid: marks\r\ntitle: T\r\nphysical: [\"a\u{202e}b\u{2066}\", 7]\r\nemotional:\r\n  - b\r\n",
    );
    let run = course.run(&["validate"]);
    run.status(1).no_crash();
    let before = "physical: [\"a<U+202E RIGHT-TO-LEFT OVERRIDE>b<U+2066 LEFT-TO-RIGHT ISOLATE>\", ";
    assert!(
        run.stderr.contains(&format!(
            "  ┌─ modules/marks.yaml:4:20\n  │\n4 │ {before}7]\n  │ {}^\n",
            " ".repeat(before.chars().count())
        )),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains(['\u{202e}', '\u{2066}', '\r']));
    course
        .run(&["validate", "--message-format", "short"])
        .stdout_has("modules/marks.yaml:4:20: error: this list item must be text, but YAML reads `7` as a number");
}

/// YAML allows no control character in a file, not even in a comment: said where it is,
/// instead of the parser's refusal of the whole file at its first line.
#[test]
fn a_raw_control_character_in_a_file_is_located_and_shown_by_name() {
    let course = TestCourse::sample().file(
        "modules/comment.yaml",
        "kind: benefits\r\nid: comment\r\ntitle: T # \u{1b}]0;pwned\u{7}\r\nphysical:\r\n  - a\r\nemotional:\r\n  - b\r\n",
    );
    let message = "this file holds a control character (U+001B): course files cannot hold one, not even in quotes or a comment";
    let hint = "delete it: retype the text around it (it is often pasted in from a terminal, a web page or a word processor)";
    let run = course.run(&["validate"]);
    run.status(1).no_crash();
    assert_eq!(
        run.stderr,
        format!("error: {message}\n  ┌─ modules/comment.yaml:3:12\n  │\n3 │ title: T # <ESC>]0;pwned<BEL>\n  │            ^^^^^\n  │\n  = hint: {hint}\n\n")
    );
    let run = course.run(&["validate", "--message-format", "json"]);
    assert_eq!(
        run.diagnostics(),
        [format!("modules/comment.yaml:3:12: {message} | {hint}")]
    );
    assert_eq!(run.json_lines("diagnostic")[0]["code"], "control-character");

    // A byte-order mark in the middle of a file, as pasting files together leaves it.
    let course = TestCourse::sample().file(
        "modules/joined.yaml",
        "kind: benefits\nid: joined\n\u{feff}title: T\nphysical:\n  - a\nemotional:\n  - b\n",
    );
    let run = course.run(&["validate", "--message-format", "json"]);
    run.status(1);
    assert_eq!(
        run.diagnostics(),
        [format!("modules/joined.yaml:3:1: this file has a byte-order mark (U+FEFF) in the middle of its text | {hint}")]
    );
}

#[test]
fn file_names_and_arguments_with_escapes_are_shown_by_name() {
    let course = TestCourse::sample().file("modules/a\u{1b}[2J.yaml", untaught("a"));
    let run = course.run(&["validate"]);
    run.status(0).no_crash();
    assert!(
        run.stderr
            .starts_with("warning: the module `a` is not taught in any session\n  ┌─ modules/a<ESC>[2J.yaml:2:5\n"),
        "{}",
        run.stderr
    );
    course
        .run(&["validate", "--message-format", "short"])
        .stdout_has(
            "modules/a<ESC>[2J.yaml:2:5: warning: the module `a` is not taught in any session",
        );

    let run = course.run(&["validate", "no\u{1b}]0;title\u{7}where"]);
    run.status(2);
    assert_eq!(
        run.stderr,
        "error: there is no folder `no<ESC>]0;title<BEL>where`\n  hint: give the folder that holds `course.yaml`, or create a new course with `course init`\n"
    );
}

#[test]
fn the_listing_shows_control_characters_by_name() {
    let course = TestCourse::sample().edit(
        "course.yaml",
        "  - title: \"Week 2: Tummy\"",
        "  - title: \"Week 2: \\e[2JTummy\\u202E\"",
    );
    let run = course.run(&["list"]);
    run.status(0)
        .stdout_has("\n 2. Week 2: <ESC>[2JTummy<U+202E RIGHT-TO-LEFT OVERRIDE>\n");
    assert!(!run.stdout.contains('\u{1b}'));
}

#[test]
fn a_module_file_whose_name_is_not_utf8_is_named_lossily_and_explained() {
    let course = TestCourse::sample();
    let name = OsStr::from_bytes(b"t\xff.yaml");
    std::fs::copy(
        course.path().join("modules/tummy.yaml"),
        course.path().join("modules").join(name),
    )
    .unwrap();
    let message = "the name of this file is not valid text (it has bytes that are not UTF-8), so it is not read";
    let hint = "rename the file with letters, digits and dashes, such as the module's id followed by `.yaml`";

    let run = course.run(&["validate", "--message-format", "json"]);
    run.status(1).no_crash();
    assert_eq!(
        run.diagnostics(),
        [format!("modules/t\u{fffd}.yaml: {message} | {hint}")]
    );
    assert_eq!(run.json_lines("diagnostic")[0]["code"], "file-unreadable");

    let run = course.run(&["validate"]);
    run.status(1).no_crash();
    assert_eq!(
        run.stderr,
        format!("error: modules/t\u{fffd}.yaml: {message}\n = hint: {hint}\n\n")
    );
    let run = course.run(&["validate", "--message-format", "short"]);
    assert_eq!(
        run.stdout,
        format!("modules/t\u{fffd}.yaml: error: {message} ({hint})\n")
    );
    course
        .run(&["build", "--message-format", "json"])
        .status(1)
        .no_crash()
        .stdout_has(r#""file":"modules/t�.yaml""#);
}

#[test]
fn arguments_that_are_not_utf8_are_usage_errors() {
    let course = TestCourse::sample();
    let bad = OsStr::from_bytes(b"\xff");
    let message = "an argument is not valid text (it has bytes that are not UTF-8)";
    let hint =
        "type it again; if it names a file or folder, rename that with letters, digits and dashes";
    let text_arguments: [&[&OsStr]; 5] = [
        &["build".as_ref(), "--open".as_ref(), bad],
        &["new".as_ref(), "strokes".as_ref(), bad],
        &["templates".as_ref(), "copy".as_ref(), bad],
        &["man".as_ref(), bad],
        &["init".as_ref(), "x".as_ref(), "--title".as_ref(), bad],
    ];
    for args in text_arguments {
        let run = run_os(course.path(), args);
        run.status(2).no_crash();
        assert_eq!(
            run.stderr,
            format!("error: {message}\n  hint: {hint}\n"),
            "{args:?}"
        );

        let mut json: Vec<&OsStr> = vec!["--message-format".as_ref(), "json".as_ref()];
        json.extend(args);
        let run = run_os(course.path(), &json);
        run.status(2).no_crash();
        assert_eq!(
            usage_errors(&run),
            [format!("{message} | {hint}")],
            "{args:?}"
        );
        assert_eq!(run.json_lines("summary")[0]["errors"], 1);
    }

    // Not a subcommand: the argument shown lossily.
    let run = run_os(course.path(), &[bad]);
    run.status(2)
        .no_crash()
        .stderr_has("error: `\u{fffd}` is not a command of `course`");
    let run = run_os(
        course.path(),
        &["--message-format".as_ref(), "json".as_ref(), bad],
    );
    run.status(2).no_crash();
    assert_eq!(
        usage_errors(&run),
        ["`\u{fffd}` is not a command of `course` | run `course --help` to see the commands"]
    );

    // A folder is a path: any name the system allows is looked for.
    let run = run_os(course.path(), &["validate".as_ref(), bad]);
    run.status(2).no_crash();
    assert_eq!(
        run.stderr,
        "error: there is no folder `\u{fffd}`\n  hint: give the folder that holds `course.yaml`, or create a new course with `course init`\n"
    );
}

/// Each search for the id a wrong reference meant goes through every module: past the
/// first hundred wrong references, the hint lists the ids instead.
#[test]
fn only_the_first_hundred_wrong_references_are_searched_for_a_likely_id() {
    // One letter off `tummy`: each one a likely misspelling of it.
    let wrong: Vec<String> = (0..5)
        .flat_map(|at| {
            ('a'..='z').map(move |c| {
                let mut id: Vec<char> = "tummy".chars().collect();
                id[at] = c;
                id.into_iter().collect::<String>()
            })
        })
        .filter(|id| id != "tummy")
        .take(101)
        .collect();
    let course = TestCourse::sample().edit(
        "course.yaml",
        "modules: [tummy]",
        &format!("modules: [tummy, {}]", wrong.join(", ")),
    );
    let run = course.run(&["validate", "--message-format", "json"]);
    run.status(1).no_crash();
    let hints: Vec<String> = run
        .json_lines("diagnostic")
        .iter()
        .filter(|d| d["code"] == "unknown-module")
        .map(|d| d["hint"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(hints.len(), 101);
    assert!(
        hints[..100].iter().all(|h| h == "did you mean `tummy`?"),
        "{hints:?}"
    );
    assert_eq!(
        hints[100],
        format!("no module in `modules/` has `id: {}`; the ids are: chest-and-arms, face-and-back, getting-ready, legs-and-feet, skin-to-skin, toddlers, tummy, why-massage", wrong[100])
    );
}
