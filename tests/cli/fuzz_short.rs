//! Short fuzz runs with fixed seeds, so `cargo test` repeats the same cases every time;
//! `scripts/fuzz.sh SECONDS` runs the same driver for as long as you like.

// The driver's files are shared with the long-running example (fuzz/main.rs), which uses
// parts this short run does not.
#[allow(dead_code)]
#[path = "../../fuzz/course_cases.rs"]
mod course_cases;
#[allow(dead_code)]
#[path = "../../fuzz/driver.rs"]
mod driver;
#[allow(dead_code)]
#[path = "../../fuzz/font_cases.rs"]
mod font_cases;
#[allow(dead_code)]
#[path = "../../fuzz/image_cases.rs"]
mod image_cases;
#[allow(dead_code)]
#[path = "../../fuzz/locale_cases.rs"]
mod locale_cases;
#[allow(dead_code)]
#[path = "../../fuzz/oracle.rs"]
mod oracle;
#[allow(dead_code)]
#[path = "../../fuzz/template_cases.rs"]
mod template_cases;

use std::path::Path;
use std::time::Duration;

use course_cases::Mutator;
use oracle::Verdict;

#[test]
fn a_fixed_seed_fuzz_run_finds_no_crash() {
    let work = tempfile::tempdir().unwrap();
    let stats = driver::run(11, Duration::from_secs(120), 300, work.path());
    assert!(
        stats.crashes.is_empty(),
        "crashes: {:?}",
        stats
            .crashes
            .iter()
            .map(|(file, input)| format!("{file}: {:?}", String::from_utf8_lossy(input)))
            .collect::<Vec<_>>()
    );
    assert!(stats.loader_cases + stats.markdown_cases > 0);
}

/// One course folder per mutator, each through `course validate` and `course build` as
/// the long runs do. The seeds make cases that validate passes, so the build runs on the
/// mutated template, words, font or picture; each must still make its PDFs.
#[test]
fn fixed_seed_course_cases_validate_and_build() {
    let cases = [
        (2, Mutator::Template, "template handout"),
        (10, Mutator::Locale, "locale en-GB"),
        (
            8,
            Mutator::Font,
            "font DejaVuSans: hhea ascender and descender zero",
        ),
        (40, Mutator::Image, "image baseline.jpg: scans repeated"),
        (
            109,
            Mutator::Mixed,
            "image baseline.jpg: scans repeated, tables damaged; locale en-GB",
        ),
    ];
    let work = tempfile::tempdir().unwrap();
    let setup = course_cases::Setup {
        binary: Path::new(env!("CARGO_BIN_EXE_course")),
        work: work.path(),
        findings: None,
    };
    for (seed, mutator, what) in cases {
        assert_eq!(course_cases::mutator_of(seed), mutator, "case {seed}");
        let (checked, made) = course_cases::run_case(seed, &setup);
        assert!(made.starts_with(what), "case {seed} made {made:?}");
        assert_eq!(
            (checked.verdict(), checked.validate.code, checked.build.code),
            (Verdict::Fine, Some(0), Some(0)),
            "case {seed} ({made})\n--- validate\n{}\n--- build\n{}",
            checked.validate.stderr,
            checked.build.stderr
        );
        assert!(
            checked.build.stdout.contains("Built 12 PDFs"),
            "case {seed}: {}",
            checked.build.stdout
        );
    }
}

/// The oracle's sorting, on outcomes made by hand: a panic, a signal, a hang, and
/// validate passing where build fails.
#[test]
fn the_fuzz_oracle_sorts_outcomes() {
    let outcome =
        |code: Option<i32>, signal: Option<i32>, timed_out: bool, stderr: &str| oracle::Outcome {
            code,
            signal,
            timed_out,
            stderr: stderr.to_owned(),
            stdout: String::new(),
        };
    let ok = outcome(Some(0), None, false, "");
    let refused = outcome(Some(1), None, false, "error: x");
    let verdict = |validate: &oracle::Outcome, build: &oracle::Outcome| {
        oracle::Checked {
            validate: validate.clone(),
            build: build.clone(),
        }
        .verdict()
    };
    assert_eq!(verdict(&ok, &ok), Verdict::Fine);
    assert_eq!(verdict(&refused, &refused), Verdict::Fine);
    assert_eq!(verdict(&ok, &refused), Verdict::ValidatePassedBuildFailed);
    let panicked = outcome(
        Some(101),
        None,
        false,
        "error: course stopped on an internal error",
    );
    assert_eq!(verdict(&ok, &panicked), Verdict::Crash);
    assert_eq!(
        verdict(&outcome(None, Some(6), false, ""), &ok),
        Verdict::Crash
    );
    let hung = outcome(None, Some(9), true, "");
    assert_eq!(verdict(&ok, &hung), Verdict::OverTimeLimit);
    assert_eq!(verdict(&refused, &hung), Verdict::OverTimeLimit);
}

/// A child that outlives the time limit is ended and said to have hung; the address
/// space is capped, so a child that runs away in memory fails instead of taking the
/// machine.
#[cfg(unix)]
#[test]
fn the_fuzz_oracle_limits_time_and_memory() {
    let work = tempfile::tempdir().unwrap();
    let logs = work.path().join("logs");
    let run = |script: &str, limit: u64| {
        let sh = Path::new("/bin/sh");
        let limit = Duration::from_millis(limit);
        oracle::run_limited(sh, &["-c", script], work.path(), &logs, limit)
    };
    let quick = run("echo hi; exit 3", 5000);
    assert_eq!(
        (quick.code, quick.timed_out, quick.stdout.as_str()),
        (Some(3), false, "hi\n")
    );
    let hung = run("sleep 30", 200);
    assert!(hung.timed_out && !hung.crashed(), "{hung:?}");
    assert_eq!(hung.summary(), "killed at the time limit");
    let capped = run("ulimit -v", 5000);
    let kib = oracle::MEMORY_LIMIT / 1024;
    assert_eq!(capped.stdout.trim(), kib.to_string(), "{capped:?}");
}

/// Cases the driver found before they were fixed: a PNG only the PDF writer's decoder
/// refuses (krilla panicked on it), and a font krilla cannot subset (validate passed, build
/// failed). Both are now the same located problem in validate and build.
#[test]
fn cases_the_driver_found_are_located_problems_in_validate_and_build() {
    let cases: [(u64, &str); 2] = [
        (
            4081057169620840988,
            "is a damaged picture: its data is cut short or does not match its header",
        ),
        (
            13251633502737375296,
            "course.yaml:57:8: fonts: a font of this course cannot be put into the PDF: its tables are damaged (failed to subset font: malformed font)",
        ),
    ];
    for (seed, expected) in cases {
        let work = tempfile::tempdir().unwrap();
        let (dir, what) = course_cases::make_case(seed, work.path());
        for command in ["validate", "build"] {
            let run = crate::support::run_in(&dir, &[command, "--message-format=json"], &[]);
            run.no_crash();
            assert_eq!(run.status, 1, "{seed} ({what}) {command}: {}", run.stdout);
            let found = run.diagnostics();
            assert!(
                found.iter().any(|d| d.contains(expected)),
                "{seed} ({what}) {command}: {found:#?}"
            );
        }
    }
}
