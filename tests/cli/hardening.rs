//! Shared course packs and interrupted builds: nothing outside the course is read, no
//! build leaves a broken PDF, and no word of the course is lost on the page.

#[path = "../../benches/synthetic.rs"]
mod synthetic;

use std::os::unix::fs::symlink;
use std::process::Command;
use std::time::Duration;

use crate::support::{pdf_text, TestCourse, SAMPLE};

#[test]
fn links_that_leave_the_course_are_refused() {
    let secret = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(secret.path(), "kind: benefits\nid: secret-password-1234\n").unwrap();

    let course = TestCourse::sample();
    symlink(secret.path(), course.path().join("modules/linked.yaml")).unwrap();
    let run = course.run(&["validate"]);
    run.status(1).no_crash().stderr_has("modules/linked.yaml: this file is not read: `modules/linked.yaml` leads outside the course folder through a link");
    assert!(
        !run.stderr.contains("secret-password"),
        "a linked file was quoted"
    );

    let course = TestCourse::sample().edit(
        "modules/tummy.yaml",
        "title: Tummy strokes",
        "title: Tummy strokes\nimage: images/picture.png",
    );
    std::fs::create_dir_all(course.path().join("images")).unwrap();
    symlink(secret.path(), course.path().join("images/picture.png")).unwrap();
    course
        .run(&["validate"])
        .status(1)
        .stderr_has("`images/picture.png` leads outside the course folder through a link");

    let course = TestCourse::sample();
    std::fs::create_dir_all(course.path().join("templates")).unwrap();
    symlink(
        secret.path(),
        course.path().join("templates/handout.md.hbs"),
    )
    .unwrap();
    course
        .run(&["build"])
        .status(1)
        .no_crash()
        .stderr_has("this template is not used");
    assert!(!course.exists("build"));

    let dejavu = |face: &str| std::fs::read(format!("fonts/DejaVuSans{face}.ttf")).unwrap();
    let course = TestCourse::sample()
        .edit(
            "course.yaml",
            "language: en-GB",
            "language: en-GB\nfonts: own-fonts",
        )
        .file("own-fonts/Regular.ttf", dejavu(""))
        .file("own-fonts/Italic.ttf", dejavu("-Oblique"))
        .file("own-fonts/BoldItalic.ttf", dejavu("-BoldOblique"));
    symlink(secret.path(), course.path().join("own-fonts/Bold.ttf")).unwrap();
    course
        .run(&["build"])
        .status(1)
        .no_crash()
        .stderr_has("own-fonts/Bold.ttf: this font leads outside the course folder through a link");
    assert!(!course.exists("build"));
}

#[test]
fn the_output_folder_cannot_hold_the_sources() {
    let course = TestCourse::sample();
    for out in [".", "..", "/", "modules", "templates/pdfs"] {
        course
            .run(&["build", "--out", out])
            .status(2)
            .stderr_has("would mix PDFs into the course's own files");
    }
    course.run(&["build", "-q", "--out", "elsewhere"]).status(0);
}

fn assert_every_pdf_is_whole(dir: &std::path::Path, when: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".pdf") {
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                lopdf::Document::load_mem(&bytes).is_ok() && bytes.ends_with(b"%%EOF\n")
                    || bytes.ends_with(b"%%EOF"),
                "{name} is broken after a kill {when}"
            );
        }
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_no_broken_pdf() {
    let course = TestCourse::empty();
    synthetic::write_course(course.path(), 200, 40);
    let out = course.path().join("build");
    // Kill ever later, every 15 ms, until a build finishes before the kill: some kills
    // land while PDFs are being written, whatever the speed of the machine.
    let mut kills = 0;
    for delay_ms in (0..10_000).step_by(15) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_course"))
            .args(["build", "--force", "-q"])
            .current_dir(course.path())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        let _ = child.wait();
        assert_every_pdf_is_whole(&out, &format!("after {delay_ms} ms"));
        if finished {
            break;
        }
        kills += 1;
    }
    assert!(kills >= 3, "the build finished too fast to interrupt");
    course.run(&["build", "-q"]).status(0);
    assert_every_pdf_is_whole(&out, "and a clean build");
    let leftovers: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "the next build should clear {leftovers:?}"
    );
}

/// Every string in a YAML value, with the key it sits under.
fn strings(value: &serde_yaml::Value, key: &str, out: &mut Vec<(String, String)>) {
    match value {
        serde_yaml::Value::String(s) => out.push((key.to_owned(), s.clone())),
        serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| strings(v, key, out)),
        serde_yaml::Value::Mapping(map) => {
            for (k, v) in map {
                strings(v, k.as_str().unwrap_or(key), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_word_of_the_sample_course_is_printed() {
    let course = TestCourse::sample();
    course.run(&["build", "-q"]).status(0);
    let mut printed = String::new();
    // A picture's alt text is not printed but read out from the structure tree.
    let mut alts = Vec::new();
    for entry in std::fs::read_dir(course.path().join("build"))
        .unwrap()
        .flatten()
    {
        if entry.file_name().to_string_lossy().ends_with(".pdf") {
            let bytes = std::fs::read(entry.path()).unwrap();
            printed.push_str(&pdf_text(&bytes));
            alts.extend(crate::drawings::figure_alts(&bytes));
        }
    }
    let printed: String = crate::support::straight_quotes(&printed)
        .split_whitespace()
        .collect();
    // Names and settings, not text: ids, references, file names and enum values.
    let not_text = [
        "kind",
        "id",
        "stroke",
        "image",
        "body_area",
        "language",
        "page_size",
        "dates",
        "modules",
        "fonts",
    ];
    let mut files = vec![std::path::Path::new(SAMPLE).join("course.yaml")];
    files.extend(
        std::fs::read_dir(std::path::Path::new(SAMPLE).join("modules"))
            .unwrap()
            .map(|e| e.unwrap().path()),
    );
    let mut checked = 0;
    for file in files {
        let value: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let mut found = Vec::new();
        strings(&value, "", &mut found);
        for (key, text) in found
            .into_iter()
            .filter(|(k, _)| !not_text.contains(&k.as_str()))
        {
            if key == "image_alt" {
                let straight = crate::support::straight_quotes(&text);
                assert!(
                    alts.iter()
                        .any(|a| crate::support::straight_quotes(a) == straight),
                    "{}: `{text}` is no figure's alt text",
                    file.display()
                );
                checked += 1;
                continue;
            }
            let wanted: String = crate::support::straight_quotes(&text.replace('*', ""))
                .split_whitespace()
                .collect();
            assert!(
                printed.contains(&wanted),
                "{}: `{key}: {text}` is not in any PDF",
                file.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 150, "only {checked} texts checked");
}

#[test]
fn the_benchmark_course_of_sample_copies_is_a_valid_course() {
    let dir = tempfile::tempdir().unwrap();
    synthetic::write_sample_copies(std::path::Path::new(SAMPLE), dir.path(), 2);
    crate::support::run_in(dir.path(), &["validate"], &[])
        .status(0)
        .stdout_has("16 modules");
}
