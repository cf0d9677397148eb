//! What a person sees on a terminal: `init`'s questions and the `watch` screen, driven
//! through a pseudo-terminal.
#![cfg(unix)]

use std::process::Command;

use rexpect::session::{spawn_command, PtySession};

use crate::support::TestCourse;

fn course_on_terminal(dir: &std::path::Path, args: &[&str]) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_course"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("TERM", "dumb");
    spawn_command(command, Some(20_000)).expect("a pseudo-terminal")
}

#[test]
fn init_asks_for_what_the_options_left_out() {
    let dir = TestCourse::empty();
    let mut term = course_on_terminal(dir.path(), &["init", "my-course", "--language", "de"]);
    term.exp_string("Course title [Baby massage for new parents]")
        .unwrap();
    term.send_line("").unwrap();
    term.exp_string("Your name, as parents will read it")
        .unwrap();
    term.send_line("Anna Berg").unwrap();
    term.exp_string("Your credential (empty for none) [Certified Infant Massage Instructor]")
        .unwrap();
    term.send_line("").unwrap();
    term.exp_string("Email parents can write to (empty for none)")
        .unwrap();
    term.send_line("Anna Berg").unwrap();
    term.exp_string("that does not look like an email address, such as anna@example.com")
        .unwrap();
    term.send_line("anna@example.com").unwrap();
    term.exp_string("Phone (empty for none)").unwrap();
    term.send_line("+49 30 1234567").unwrap();
    // The language was given as an option, so it is not asked.
    let rest = term.exp_eof().unwrap();
    assert!(!rest.contains("Language"), "{rest}");
    assert!(rest.contains("Started a course in my-course"), "{rest}");
    assert!(!rest.contains("Fill in"), "{rest}");

    let written = std::fs::read_to_string(dir.path().join("my-course/course.yaml")).unwrap();
    assert!(
        written.contains(
            "title: Baby massage for new parents\ninstructor:\n  name: Anna Berg\n  credential: Certified Infant Massage Instructor\n  email: anna@example.com\n  phone: \"+49 30 1234567\"\nlanguage: de\n"
        ),
        "{written}"
    );
}

#[test]
fn init_with_yes_asks_nothing() {
    let dir = TestCourse::empty();
    let mut term = course_on_terminal(dir.path(), &["init", "my-course", "--yes"]);
    let out = term.exp_eof().unwrap();
    assert!(!out.contains("Course title"), "{out}");
    assert!(
        out.contains("Fill in your name and your email in my-course/course.yaml"),
        "{out}"
    );
}
