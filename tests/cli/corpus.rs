//! The corpus of broken and hostile inputs in `tests/corpus/`: each case's files are laid
//! over a copy of the sample course; `expected` holds the exit status, every diagnostic
//! of `course validate` and their codes. `COURSE_BLESS=1 cargo test` rewrites the expectations
//! (review the diff before committing it).

use std::path::Path;

use crate::support::TestCourse;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");

fn overlay(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            overlay(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn every_case_in_the_corpus_gets_its_expected_answer() {
    let bless = std::env::var_os("COURSE_BLESS").is_some();
    let mut cases: Vec<_> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 40,
        "the corpus has only {} cases",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let course = TestCourse::sample();
        overlay(&case.join("files"), course.path());
        let run = course.run(&["validate", ".", "--message-format=json"]);
        run.no_crash();
        let codes: Vec<String> = run
            .json_lines("diagnostic")
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect();
        let actual = format!(
            "exit {}\n{}\ncodes: {}\n",
            run.status,
            run.diagnostics().join("\n"),
            codes.join(", ")
        );
        let expected_path = case.join("expected");
        if bless {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- actual\n{actual}",
                case.display()
            ));
        }
        assert_ne!(run.status, 0, "{}: a broken course passed", case.display());
        // The stream closes with its summary, which counts what it listed.
        let summary = run.json_lines("summary");
        assert_eq!(summary.len(), 1, "{}", case.display());
        assert!(
            run.stdout.trim_end().ends_with('}')
                && run
                    .stdout
                    .lines()
                    .last()
                    .unwrap()
                    .contains(r#""type":"summary""#)
        );
        assert_eq!(
            summary[0]["errors"].as_u64().unwrap() + summary[0]["warnings"].as_u64().unwrap(),
            codes.len() as u64,
            "{}",
            case.display()
        );
        // Every diagnostic names its file; syntax and type problems their line too.
        assert!(
            run.diagnostics()
                .iter()
                .all(|d| d.contains(".yaml") || d.contains("locales") || d.contains("templates/")),
            "{}: a diagnostic without a file",
            case.display()
        );
        // Building the same course writes nothing and answers the same way.
        let build = course.run(&["build"]);
        build.no_crash().status(run.status);
        assert!(
            !course.exists("build"),
            "{}: a failed build wrote files",
            case.display()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
