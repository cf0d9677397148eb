//! The write gate: every subcommand that writes is walked with a planted link, a `..`
//! and an absolute value, and a decoy folder outside the course must stay byte-identical.

use std::collections::BTreeMap;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use crate::support::TestCourse;

/// A folder outside the course holding files a hostile course would like to reach.
struct Decoy {
    dir: tempfile::TempDir,
    before: BTreeMap<PathBuf, Vec<u8>>,
}

impl Decoy {
    fn new() -> Decoy {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "victim.pdf",
            "x.yaml",
            "course.1",
            "victim.yaml",
            "booklet.pdf",
        ] {
            std::fs::write(dir.path().join(name), format!("the user's own {name}")).unwrap();
        }
        let before = snapshot(dir.path());
        Decoy { dir, before }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn untouched(&self, after: &str) {
        assert_eq!(
            snapshot(self.path()),
            self.before,
            "the folder outside the course changed after {after}"
        );
    }
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(folder) = todo.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                files.insert(path.clone(), std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    files
}

#[test]
fn templates_copy_never_writes_where_the_language_points() {
    let decoy = Decoy::new();
    let outside = decoy.path().join("x");
    for language in [
        "../../elsewhere/x".to_owned(),
        outside.display().to_string(),
    ] {
        let course = TestCourse::sample().edit(
            "course.yaml",
            "language: en-GB",
            &format!("language: {language}"),
        );
        course
            .run(&["templates", "copy", "words"])
            .status(2)
            .no_crash()
            .stderr_has(&format!(
                "error: `{language}` is not a language code (`language:` in course.yaml)\n  hint: write the code of the parents' language, such as `en`, `de`, `es` or `pt-BR`"
            ));
        // validate says the same, at the field, and no longer offers a path to write to.
        let run = course.run(&["validate", "--message-format=json"]);
        run.status(1).no_crash();
        assert_eq!(
            run.diagnostics(),
            [format!("course.yaml:9:11: language: `{language}` is not a language code | write the code of the parents' language, such as `en`, `de`, `es` or `pt-BR`")]
        );
        assert!(!course.path().join("locales").exists());
    }
    decoy.untouched("templates copy words");
}

#[test]
fn new_init_and_templates_copy_never_write_through_a_link_out() {
    let decoy = Decoy::new();
    // `new` through a `modules` folder that is a link elsewhere.
    let course = TestCourse::sample();
    std::fs::remove_dir_all(course.path().join("modules")).unwrap();
    symlink(decoy.path(), course.path().join("modules")).unwrap();
    course
        .run(&["new", "benefits", "zzz"])
        .status(1)
        .no_crash()
        .stderr_has("error: `modules` leads outside the folder it is written in (through `..` or a link), so nothing was written there");
    // Ids that are paths are not ids.
    for name in ["../zzz", "/tmp/zzz", "zzz/../../x"] {
        course.run(&["new", "benefits", name]).status(2).no_crash();
    }
    // `init` into a folder whose `schema` is a link elsewhere.
    let fresh = TestCourse::empty();
    symlink(decoy.path(), fresh.path().join("schema")).unwrap();
    fresh
        .run(&["init", "--yes", "."])
        .status(1)
        .no_crash()
        .stderr_has("error: `schema` leads outside the folder it is written in");
    // `templates copy` through a `templates` link, and a `locales` link.
    let course = TestCourse::sample();
    symlink(decoy.path(), course.path().join("templates")).unwrap();
    symlink(decoy.path(), course.path().join("locales")).unwrap();
    for name in ["handout", "words"] {
        course
            .run(&["templates", "copy", name])
            .status(1)
            .no_crash()
            .stderr_has("leads outside the folder it is written in");
    }
    decoy.untouched("new, init and templates copy");
}

#[test]
fn man_dir_replaces_neither_links_nor_other_files() {
    let decoy = Decoy::new();
    let place = TestCourse::empty();
    let man = place.path().join("man1");
    std::fs::create_dir(&man).unwrap();
    symlink(decoy.path().join("course.1"), man.join("course.1")).unwrap();
    place
        .run(&["man", "--dir", "man1"])
        .status(1)
        .no_crash()
        .stderr_has("error: `man1/course.1` cannot be written: a file stands where a folder is needed, or a folder or link where a file goes");
    decoy.untouched("man --dir");
    // A file of the user's own is left as it is; a page an earlier run wrote is replaced.
    std::fs::remove_file(man.join("course.1")).unwrap();
    std::fs::write(man.join("course-build.1"), "my notes").unwrap();
    place
        .run(&["man", "--dir", "man1"])
        .status(1)
        .stderr_has("error: `man1/course-build.1` exists already\n  hint: it is not a manual page of `course`, so it is left as it is: choose an empty folder");
    assert_eq!(
        std::fs::read(man.join("course-build.1")).unwrap(),
        b"my notes"
    );
    std::fs::remove_file(man.join("course-build.1")).unwrap();
    place.run(&["man", "--dir", "man1"]).status(0);
    place.run(&["man", "--dir", "man1"]).status(0);
    let page = std::fs::read_to_string(man.join("course-build.1")).unwrap();
    assert!(page.contains(".TH course-build"), "{page}");
    // No temporary file is left behind.
    assert!(std::fs::read_dir(&man)
        .unwrap()
        .flatten()
        .all(|e| !e.file_name().to_string_lossy().starts_with('.')));
}

#[test]
fn build_and_clean_never_reach_outside_and_open_only_the_plan() {
    let decoy = Decoy::new();
    // The default output folder is a link elsewhere.
    let course = TestCourse::sample();
    symlink(decoy.path(), course.path().join("build")).unwrap();
    course
        .run(&["build"])
        .status(2)
        .no_crash()
        .stderr_has("is a link that leads outside the course folder");
    course.run(&["clean"]).status(2).no_crash();
    std::fs::remove_file(course.path().join("build")).unwrap();
    // A link planted where a PDF goes is never followed.
    std::fs::create_dir(course.path().join("build")).unwrap();
    symlink(
        decoy.path().join("booklet.pdf"),
        course.path().join("build/booklet.pdf"),
    )
    .unwrap();
    course.run(&["build"]).status(1).no_crash();
    std::fs::remove_file(course.path().join("build/booklet.pdf")).unwrap();
    // `--open` opens only a document of the plan, never a path.
    let env = [("BROWSER", "true"), ("PATH", "/nonexistent")];
    for document in [
        "../../victim".to_owned(),
        decoy.path().join("victim").display().to_string(),
        "booklet/../../victim".to_owned(),
    ] {
        course
            .run_env(&["build", "-q", "--open", &document], &env)
            .status(2)
            .no_crash()
            .stderr_has(&format!(
                "error: `{document}` is not a document of this course"
            ));
    }
    course.run(&["clean"]).status(0);
    decoy.untouched("build, clean and --open");
}

#[test]
fn only_temporary_files_the_build_record_names_are_removed() {
    let course = TestCourse::sample();
    course.run(&["build", "-q"]).status(0);
    // The user's own file that looks like an old temporary file is kept.
    let own = course.path().join("build/.booklet.pdf.12345.partial");
    std::fs::write(&own, "mine").unwrap();
    // A temporary file a killed build recorded is removed by the next build.
    let record_path = course.path().join("build/.course-build.json");
    let mut record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&record_path).unwrap()).unwrap();
    let left = ".course-partial-1-2-3-booklet.pdf.partial";
    record["partials"] = serde_json::json!([left, "../../escape"]);
    std::fs::write(&record_path, record.to_string()).unwrap();
    std::fs::write(course.path().join("build").join(left), "half").unwrap();
    course.run(&["build", "-q", "--force"]).status(0);
    assert_eq!(std::fs::read(&own).unwrap(), b"mine");
    assert!(!course.path().join("build").join(left).exists());
    let names: Vec<String> = std::fs::read_dir(course.path().join("build"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".course-partial"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn a_name_too_long_for_the_running_header_is_a_problem_where_it_is_written() {
    let name = vec!["Anna"; 2_000].join(" ");
    let course = TestCourse::sample().edit(
        "course.yaml",
        "name: Maren Solberg",
        &format!("name: {name}"),
    );
    for command in ["validate", "build"] {
        let run = course.run(&[command, "--message-format=json"]);
        run.status(1).no_crash();
        assert_eq!(
            run.diagnostics(),
            ["course.yaml:4:9: instructor, name: the instructor's name with the credential is too long for its line at the top or bottom of every page | shorten it so it fits on one line: it is printed on every page"]
        );
    }
    assert!(!course.exists("build/booklet.pdf"));
}

#[test]
fn init_never_offers_a_path_made_of_a_language() {
    let place = TestCourse::empty();
    let run = place.run(&["init", "--yes", "--language", "../../x", "c"]);
    run.status(2).no_crash();
    assert!(
        run.stderr
            .starts_with("error: there are no built-in words for the language `../../x`\n  hint: give a language code such as "),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("locales/"), "{}", run.stderr);
    assert!(!place.path().join("c").exists());
}
