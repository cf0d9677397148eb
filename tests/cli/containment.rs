//! A course folder from anyone cannot make a build touch files outside the course and its
//! output folder, nor replace a file in the output folder that the build did not write.
//! Every test keeps a decoy outside the course and checks it afterwards.

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;

use crate::support::{run_in, TestCourse};

/// A file outside the course with content to compare afterwards.
struct Decoy {
    dir: tempfile::TempDir,
}

impl Decoy {
    fn new() -> Decoy {
        let decoy = Decoy {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::write(decoy.path().join("booklet.pdf"), "the user's own booklet").unwrap();
        std::fs::write(decoy.path().join("notes.txt"), "the user's notes").unwrap();
        decoy
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn assert_untouched(&self) {
        let mut names: Vec<String> = std::fs::read_dir(self.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["booklet.pdf", "notes.txt"],
            "files appeared or went"
        );
        assert_eq!(
            std::fs::read_to_string(self.path().join("booklet.pdf")).unwrap(),
            "the user's own booklet"
        );
        assert_eq!(
            std::fs::read_to_string(self.path().join("notes.txt")).unwrap(),
            "the user's notes"
        );
    }
}

fn entry(hash: &str) -> String {
    format!(r#"{{"fingerprint":"x","hash":"{hash}","bytes":22,"pages":1}}"#)
}

#[test]
fn a_shipped_manifest_cannot_remove_files_anywhere() {
    let decoy = Decoy::new();
    let outside = decoy.path().join("notes.txt").display().to_string();
    // The hash of the decoy's content, as a hostile author who knows the file would write it.
    let hash = blake3::hash(b"the user's notes").to_hex().to_string();
    let manifest = format!(
        r#"{{"files":{{"{outside}":{e},"../course.yaml":{e},"../../notes.txt":{e},"x/../../course.yaml":{e}}}}}"#,
        e = entry(&hash)
    );
    let course = TestCourse::sample().file("build/.course-build.json", manifest.clone());
    let course_yaml = course.read("course.yaml");
    let run = course.run(&["build"]);
    run.status(0).no_crash().stdout_lacks("removed");
    decoy.assert_untouched();
    assert_eq!(course.read("course.yaml"), course_yaml);
    // `course clean` reads the same record, and is held to the same rule.
    let course = TestCourse::sample().file("build/.course-build.json", manifest);
    course
        .run(&["clean"])
        .status(0)
        .no_crash()
        .stdout_has("Removed 0 PDFs");
    decoy.assert_untouched();
    assert_eq!(course.read("course.yaml"), course_yaml);
}

#[test]
fn a_build_folder_shipped_as_a_link_is_refused() {
    let decoy = Decoy::new();
    let course = TestCourse::sample();
    symlink(decoy.path(), course.path().join("build")).unwrap();
    course.run(&["build"]).status(2).no_crash().stderr_has(
        "error: the output folder `build` is a link that leads outside the course folder",
    );
    decoy.assert_untouched();
}

#[test]
fn dot_dot_in_out_is_resolved_before_it_is_judged() {
    for out in [
        "x/..",
        "x/../modules",
        "x/y/../../templates/z",
        "modules/../x/..",
    ] {
        let course = TestCourse::sample();
        let before = list(course.path());
        course
            .run(&["build", "--out", out])
            .status(2)
            .no_crash()
            .stderr_has(&format!(
                "error: the output folder `{out}` would mix PDFs into the course's own files"
            ));
        assert_eq!(
            list(course.path()),
            before,
            "--out {out} changed the course"
        );
    }
}

#[test]
fn files_the_build_did_not_write_are_never_replaced() {
    let decoy = Decoy::new();
    std::fs::write(decoy.path().join(".something.partial"), "keep me").unwrap();
    let course = TestCourse::sample();
    let out = decoy.path().display().to_string();
    course
        .run(&["build", "--out", &out])
        .status(1)
        .no_crash()
        .stderr_has("booklet.pdf: this file was not written by `course build`, so it is left as it is")
        .stderr_has("hint: move or rename it, choose another folder with `--out`, or build with `--overwrite` to replace it")
        .stderr_has("Nothing was written");
    assert_eq!(
        std::fs::read_to_string(decoy.path().join(".something.partial")).unwrap(),
        "keep me"
    );
    std::fs::remove_file(decoy.path().join(".something.partial")).unwrap();
    decoy.assert_untouched();

    // Asked to, the build replaces it; the next build then knows it as its own.
    course
        .run(&["build", "-q", "--out", &out, "--overwrite"])
        .status(0);
    assert!(std::fs::read(decoy.path().join("booklet.pdf"))
        .unwrap()
        .starts_with(b"%PDF"));
    course.run(&["build", "--out", &out, "--force"]).status(0);
}

#[test]
fn a_pdf_changed_by_the_user_after_a_build_is_kept() {
    let course = TestCourse::sample();
    course.run(&["build", "-q"]).status(0);
    std::fs::write(course.path().join("build/booklet.pdf"), "edited by hand").unwrap();
    course
        .run(&["build", "--force"])
        .status(1)
        .stderr_has("build/booklet.pdf: this file was not written by `course build`");
    assert_eq!(course.read("build/booklet.pdf"), b"edited by hand");
}

#[test]
fn a_manifest_that_is_a_folder_stops_the_build_before_writing() {
    let course = TestCourse::sample();
    std::fs::create_dir_all(course.path().join("build/.course-build.json")).unwrap();
    course
        .run(&["build"])
        .status(1)
        .stderr_has("error: build: `.course-build.json` in the output folder is not a file, so the build cannot record what it writes")
        .stderr_has("Nothing was written");
    assert!(!course.exists("build/booklet.pdf"));
}

#[test]
fn a_link_where_a_pdf_goes_is_not_followed() {
    let decoy = Decoy::new();
    let course = TestCourse::sample();
    std::fs::create_dir_all(course.path().join("build")).unwrap();
    symlink(
        decoy.path().join("booklet.pdf"),
        course.path().join("build/booklet.pdf"),
    )
    .unwrap();
    course.run(&["build", "--overwrite"]).status(1).stderr_has(
        "build/booklet.pdf: this is a folder or a link where the build would write a PDF",
    );
    decoy.assert_untouched();
}

#[test]
fn two_builds_into_one_folder_take_turns() {
    let course = TestCourse::sample();
    let path = course.path().to_owned();
    let other = std::thread::spawn(move || run_in(&path, &["build", "-q", "--force"], &[]));
    course.run(&["build", "-q", "--force"]).status(0);
    other.join().unwrap().status(0);
    let leftovers: Vec<String> = std::fs::read_dir(course.path().join("build"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn list(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for entry in walk(dir) {
        names.push(entry.strip_prefix(dir).unwrap().display().to_string());
    }
    names.sort();
    names
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        }
        found.push(path);
    }
    found
}

#[test]
fn a_write_that_fails_midway_is_reported_and_recorded() {
    if Command::new("prlimit").arg("--version").output().is_err() {
        eprintln!("skipped: prlimit (util-linux) is not installed");
        return;
    }
    let course = TestCourse::sample();
    // Files may grow to 30 kB: the build record fits, no PDF does (as on a full disk).
    let output = Command::new("prlimit")
        .arg("--fsize=30000")
        .arg(env!("CARGO_BIN_EXE_course"))
        .args(["build", "-q"])
        .current_dir(course.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error: build/"), "{stderr}");
    assert!(stderr.contains("cannot be written: "), "{stderr}");
    assert!(stderr.contains("Nothing was written"), "{stderr}");
    // The build record was written first, so the next build knows what it may replace.
    let manifest = course.read("build/.course-build.json");
    assert!(serde_json::from_slice::<serde_json::Value>(&manifest).is_ok());
    course.run(&["build", "-q"]).status(0);
}

/// `course clean` removes exactly the PDFs the build record proves the build wrote: a PDF
/// edited since, and the user's own files, stay.
#[test]
fn clean_removes_only_what_the_build_wrote() {
    let course = TestCourse::sample();
    course.run(&["build", "-q"]).status(0);
    let edited = course.path().join("build/session-2-handout.pdf");
    let mut bytes = std::fs::read(&edited).unwrap();
    bytes.extend_from_slice(b"\n% my note\n");
    std::fs::write(&edited, &bytes).unwrap();
    std::fs::write(course.path().join("build/notes.txt"), "mine").unwrap();
    course
        .run(&["clean"])
        .status(0)
        .stdout_has("Removed 11 PDFs from build.")
        .stdout_has("kept build/session-2-handout.pdf: it changed since the build wrote it");
    let mut left: Vec<String> = std::fs::read_dir(course.path().join("build"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["notes.txt", "session-2-handout.pdf"]);
    assert_eq!(std::fs::read(&edited).unwrap(), bytes);
}
