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

/// The questions and their defaults are in the course's language.
/// `text` as the pseudo-terminal reader gives it back: one character per byte.
fn as_read(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

#[test]
fn init_asks_for_what_the_options_left_out() {
    let dir = TestCourse::empty();
    let mut term = course_on_terminal(dir.path(), &["init", "my-course", "--language", "de"]);
    term.exp_string(&as_read(
        "Ein paar Angaben für die Handzettel (Enter übernimmt den Vorschlag in Klammern):",
    ))
    .unwrap();
    term.exp_string(&as_read("Titel des Kurses [Babymassage für junge Eltern]"))
        .unwrap();
    term.send_line("").unwrap();
    term.exp_string("Ihr Name, wie die Eltern ihn lesen sollen")
        .unwrap();
    term.send_line("Anna Berg").unwrap();
    term.exp_string(&as_read(
        "Ihre Qualifikation (leer lassen, wenn keine) [Zertifizierte Kursleitung für Babymassage]",
    ))
    .unwrap();
    term.send_line("").unwrap();
    term.exp_string(&as_read(
        "E-Mail-Adresse für die Eltern (leer lassen, wenn keine)",
    ))
    .unwrap();
    term.send_line("Anna Berg").unwrap();
    term.exp_string("das sieht nicht wie eine E-Mail-Adresse aus, zum Beispiel anna@example.com")
        .unwrap();
    term.send_line("anna@example.com").unwrap();
    term.exp_string("Telefon (leer lassen, wenn keines)")
        .unwrap();
    term.send_line("+49 30 1234567").unwrap();
    // The language was given as an option, so it is not asked.
    let rest = term.exp_eof().unwrap();
    assert!(!rest.contains("Language"), "{rest}");
    assert!(rest.contains("Started a course in my-course"), "{rest}");
    assert!(!rest.contains("Fill in"), "{rest}");

    let written = std::fs::read_to_string(dir.path().join("my-course/course.yaml")).unwrap();
    assert!(
        written.contains(
            "title: Babymassage für junge Eltern\ninstructor:\n  name: Anna Berg\n  credential: Zertifizierte Kursleitung für Babymassage\n  email: anna@example.com\n  phone: \"+49 30 1234567\"\nlanguage: de\n"
        ),
        "{written}"
    );
}

/// Without `--language`, the language is the first question, so that the others are
/// asked in it.
#[test]
fn init_asks_the_language_first() {
    let dir = TestCourse::empty();
    let mut term = course_on_terminal(dir.path(), &["init", "my-course"]);
    term.exp_string("Language of the handouts").unwrap();
    term.send_line("Español").unwrap();
    term.exp_string("Unos datos para las hojas").unwrap();
    term.exp_string(&as_read(
        "Título del curso [Masaje infantil para madres y padres primerizos]",
    ))
    .unwrap();
    term.send_line("").unwrap();
    term.exp_string(&as_read("Su nombre, tal como lo leerán las familias"))
        .unwrap();
    term.send_line("Lucía Pérez").unwrap();
    term.exp_string(&as_read(
        "Su titulación (vacío si no tiene) [Formación certificada en masaje infantil]",
    ))
    .unwrap();
    term.send_line("").unwrap();
    term.exp_string(&as_read(
        "Correo electrónico para las familias (vacío si no tiene)",
    ))
    .unwrap();
    term.send_line("").unwrap();
    term.exp_string(&as_read("Teléfono (vacío si no tiene)"))
        .unwrap();
    term.send_line("").unwrap();
    let rest = term.exp_eof().unwrap();
    assert!(rest.contains("Started a course in my-course"), "{rest}");
    let written = std::fs::read_to_string(dir.path().join("my-course/course.yaml")).unwrap();
    assert!(
        written.contains(
            "title: Masaje infantil para madres y padres primerizos\ninstructor:\n  name: Lucía Pérez\n  credential: Formación certificada en masaje infantil\nlanguage: es\n"
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

/// On a terminal each save clears the screen and shows the time, the file, the problems
/// and one line of what happened; a fixed course says so.
#[test]
fn watch_shows_one_screen_per_save() {
    let course = TestCourse::sample();
    let mut term = course_on_terminal(course.path(), &["watch"]);
    let first = term
        .exp_string("Watching the course for changes. Press Ctrl-C to stop.")
        .unwrap();
    assert!(first.starts_with("\x1b[2J\x1b[3J\x1b[H"), "{first:?}");
    assert!(first.contains("Wrote 12 PDFs (session-1-handout, session-1-checklist, session-2-handout, session-2-checklist and 8 more) in "), "{first}");
    let target = course.path().join("modules/tummy.yaml");
    let good = std::fs::read_to_string(&target).unwrap();
    std::fs::write(
        &target,
        good.replace("repetitions: 3", "repetitions: three"),
    )
    .unwrap();
    let broken = term.exp_string("Save to try again.").unwrap();
    let (clock, rest) = broken
        .trim_start()
        .trim_start_matches("\x1b[2J\x1b[3J\x1b[H")
        .split_once("  ")
        .unwrap();
    assert!(
        clock.len() == 8 && clock.chars().filter(|c| *c == ':').count() == 2,
        "{broken:?}"
    );
    assert!(rest.starts_with("modules/tummy.yaml changed"), "{rest}");
    assert!(
        rest.contains("`repetitions` should be a whole number"),
        "{rest}"
    );
    assert!(rest.contains("1 error: nothing was written."), "{rest}");
    term.exp_string("Press Ctrl-C to stop.\r\n").unwrap();

    std::fs::write(&target, good.replace("Water wheel", "Paddle wheel")).unwrap();
    let fixed = term.exp_string("Watching").unwrap();
    assert!(
        fixed.trim_start().starts_with("\x1b[2J\x1b[3J\x1b[H"),
        "{fixed:?}"
    );
    assert!(
        !fixed.contains("repetitions"),
        "old errors are cleared: {fixed}"
    );
    assert!(fixed.contains("The course has no errors again.\r\nWrote 5 PDFs (session-2-handout, session-2-checklist, session-5-handout, session-5-checklist and 1 more) in "), "{fixed}");
    term.send_control('c').unwrap();
    term.exp_string("Stopped watching.").unwrap();
}

/// Problems are coloured on a terminal, and not with NO_COLOR set (no-color.org).
#[test]
fn problems_are_coloured_on_a_terminal_unless_no_color() {
    let course =
        TestCourse::sample().edit("modules/tummy.yaml", "repetitions: 3", "repetitions: three");
    let run = |no_color: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_course"));
        command
            .arg("validate")
            .current_dir(course.path())
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR");
        if let Some(value) = no_color {
            command.env("NO_COLOR", value);
        }
        let mut term = spawn_command(command, Some(20_000)).unwrap();
        term.exp_eof().unwrap()
    };
    let coloured = run(None);
    assert!(coloured.contains("\x1b["), "{coloured:?}");
    assert!(
        coloured.contains("should be a whole number"),
        "{coloured:?}"
    );
    let plain = run(Some("1"));
    assert!(!plain.contains("\x1b["), "{plain:?}");
    assert!(
        plain.contains("error: `repetitions` should be a whole number"),
        "{plain:?}"
    );
}
