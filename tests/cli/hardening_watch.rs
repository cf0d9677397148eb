//! `course watch` with hostile or vanishing courses: a template over its time budget is
//! stopped, not left spinning on a thread; a course folder deleted and made again is
//! watched again.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::TestCourse;

/// `course watch DIR --message-format json`, run from `cwd`, its output lines.
fn watch(
    cwd: &std::path::Path,
    dir: &str,
    env: &[(&str, &str)],
) -> (Child, impl Iterator<Item = String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_course"))
        .args(["watch", dir, "--message-format", "json"])
        .current_dir(cwd)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map_while(Result::ok);
    (child, lines)
}

/// Reads lines until a build's closing summary; the summary.
fn next_summary(lines: &mut impl Iterator<Item = String>) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(90);
    for line in lines.by_ref() {
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        if value["type"] == "summary" {
            return value;
        }
        assert!(Instant::now() < deadline, "no summary in time");
    }
    panic!("`course watch` ended before a summary");
}

#[cfg(target_os = "linux")]
fn threads(child: &Child) -> usize {
    std::fs::read_dir(format!("/proc/{}/task", child.id()))
        .unwrap()
        .count()
}

#[cfg(target_os = "linux")]
#[test]
fn a_slow_template_leaves_no_thread_spinning_after_each_save() {
    let loops = "{{#each @root.days}}".repeat(12);
    let ends = "{{/each}}".repeat(12);
    let course =
        TestCourse::sample().file("templates/checklist.md.hbs", format!("{loops}{ends}\n"));
    let (mut child, mut lines) = watch(course.path(), ".", &[("COURSE_TEMPLATE_SECONDS", "1")]);
    let first = next_summary(&mut lines);
    assert_eq!(first["errors"], 1, "{first}");
    std::thread::sleep(Duration::from_millis(500));
    let before = threads(&child);
    for i in 0..4 {
        std::fs::write(
            course.path().join("templates/checklist.md.hbs"),
            format!("{loops}{{{{!-- save {i} --}}}}{ends}\n"),
        )
        .unwrap();
        let summary = next_summary(&mut lines);
        assert_eq!(summary["errors"], 1, "{summary}");
    }
    std::thread::sleep(Duration::from_millis(500));
    let after = threads(&child);
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        after <= before,
        "threads grew from {before} to {after} over four saves"
    );
}

#[test]
fn a_course_folder_deleted_and_made_again_is_watched_again() {
    let place = tempfile::tempdir().unwrap();
    let course = TestCourse::sample();
    let dir = place.path().join("c");
    copy(course.path(), &dir);
    let (mut child, mut lines) = watch(place.path(), "c", &[]);
    assert_eq!(next_summary(&mut lines)["errors"], 0);
    // The folder goes away and comes back (a copy put back in its place).
    std::fs::rename(&dir, place.path().join("c-old")).unwrap();
    std::thread::sleep(Duration::from_millis(600));
    copy(&place.path().join("c-old"), &dir);
    // Builds while the copy lands may fail; the folder, once whole, builds.
    while next_summary(&mut lines)["errors"] != 0 {}
    // A save in the new folder is seen.
    let module = dir.join("modules/tummy.yaml");
    let text = std::fs::read_to_string(&module).unwrap();
    std::fs::write(
        &module,
        text.replacen("repetitions: 3", "repetitions: three", 1),
    )
    .unwrap();
    let summary = loop {
        let summary = next_summary(&mut lines);
        if summary["changed"] == serde_json::json!(["c/modules/tummy.yaml"]) {
            break summary;
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(summary["errors"], 1, "{summary}");
}

fn copy(from: &std::path::Path, to: &std::path::Path) {
    let status = Command::new("cp")
        .arg("-r")
        .arg(from)
        .arg(to)
        .status()
        .unwrap();
    assert!(status.success());
}
