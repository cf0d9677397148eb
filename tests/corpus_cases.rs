//! The corpus of broken and hostile inputs in `tests/corpus/`, one test per case, so a
//! case runs by name (`cargo test --test corpus_cases image-gif`). Each case's files are
//! laid over a copy of the sample course; `expected` holds the exit status, every
//! diagnostic of `course validate` and their codes. `COURSE_BLESS=1 cargo test --test
//! corpus_cases` rewrites the expectations (review the diff before committing it).

#[allow(dead_code)]
#[path = "cli/support.rs"]
mod support;

use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};
use support::TestCourse;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");

fn main() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(CORPUS)
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
    let trials = cases
        .into_iter()
        .map(|case| {
            let name = case.file_name().unwrap().to_string_lossy().into_owned();
            Trial::test(name, move || check(&case))
        })
        .collect();
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}

/// One case: its expected answer, a closing summary that counts what it listed, a file
/// named by every diagnostic, and a build that answers the same and writes nothing.
fn check(case: &Path) -> Result<(), Failed> {
    let course = TestCourse::sample();
    support::copy_dir(&case.join("files"), course.path());
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
    if std::env::var_os("COURSE_BLESS").is_some() {
        std::fs::write(&expected_path, &actual).unwrap();
        return Ok(());
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    if expected != actual {
        return Err(format!("--- expected\n{expected}--- actual\n{actual}").into());
    }
    if run.status == 0 {
        return Err("a broken course passed".into());
    }
    let summary = run.json_lines("summary");
    let last = run.stdout.lines().last().unwrap_or_default();
    if summary.len() != 1 || !last.contains(r#""type":"summary""#) {
        return Err("the stream does not close with one summary".into());
    }
    let counted = summary[0]["errors"].as_u64().unwrap() + summary[0]["warnings"].as_u64().unwrap();
    if counted != codes.len() as u64 {
        return Err(format!(
            "the summary counts {counted}, the stream has {}",
            codes.len()
        )
        .into());
    }
    let unplaced: Vec<String> = run
        .diagnostics()
        .into_iter()
        .filter(|d| !(d.contains(".yaml") || d.contains("locales") || d.contains("templates/")))
        .collect();
    if !unplaced.is_empty() {
        return Err(format!("diagnostics without a file: {unplaced:?}").into());
    }
    let build = course.run(&["build"]);
    build.no_crash();
    if build.status != run.status {
        return Err(format!("build exits {}, validate {}", build.status, run.status).into());
    }
    if course.exists("build") {
        return Err("a failed build wrote files".into());
    }
    Ok(())
}
