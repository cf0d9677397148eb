//! The memory budget, proven: the hostile inputs of the corpus (template and alias
//! bombs, deep Markdown, huge image headers and fixed words) are built under a capped
//! address space and must end with a clean error, not an out-of-memory abort.

use std::path::Path;
use std::process::Command;

use crate::support::TestCourse;

/// The address space `course` gets: enough for the sample course, far below what any
/// of the bombs would take without their budgets.
const CAP_BYTES: u64 = 1024 * 1024 * 1024;

const HOSTILE: [&str; 9] = [
    "template-nested-each",
    "template-deep-quote",
    "template-include-each-other",
    "template-inline-includes-itself",
    "limit-alias-bytes",
    "image-huge-jpeg-header",
    "image-lying-header",
    "image-named-only-in-template",
    "locale-long-word",
];

/// `course build` under `prlimit --as`: (exit status, stderr).
fn capped_build(dir: &Path) -> (i32, String) {
    let output = Command::new("prlimit")
        .arg(format!("--as={CAP_BYTES}"))
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_course"))
        .args(["build", "--quiet"])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("prlimit runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn hostile_inputs_fail_cleanly_under_a_capped_address_space() {
    if Command::new("prlimit").arg("--version").output().is_err() {
        eprintln!("skipped: `prlimit` (util-linux) is not installed, so the address space cannot be capped");
        return;
    }
    let sample = TestCourse::sample();
    let (status, stderr) = capped_build(sample.path());
    assert_eq!(
        status, 0,
        "the sample course does not build under the cap:\n{stderr}"
    );

    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    for case in HOSTILE {
        let course = TestCourse::sample();
        crate::support::copy_dir(&corpus.join(case).join("files"), course.path());
        let (status, stderr) = capped_build(course.path());
        assert_eq!(status, 1, "{case}:\n{stderr}");
        for bad in [
            "memory allocation",
            "panicked",
            "internal error",
            "overflow",
        ] {
            assert!(!stderr.contains(bad), "{case}: {bad}:\n{stderr}");
        }
        assert!(stderr.contains("error"), "{case}: no error said:\n{stderr}");
        assert!(
            !course.exists("build"),
            "{case}: a failed build wrote files"
        );
    }
}
