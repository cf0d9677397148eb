//! Long fuzz runs on stable Rust: `scripts/fuzz.sh SECONDS` runs this in release mode.
//!
//! `cargo run --release --example fuzz -- SECONDS [SEED] [WORK_DIR]` spends about three
//! quarters of SECONDS on whole course folders with a mutated template, locale file, font
//! or picture, each through the real `course validate` and `course build` (the release
//! binary beside this one, or `--course PATH`) under a time and memory limit, and the
//! rest on module files and Markdown in process. Failing cases are kept under
//! `target/fuzz-findings/` (or `--findings DIR`), each with a `repro.txt`; the counts
//! are printed at the end.
//!
//! `--case SEED` makes one course case again, runs it and keeps its folder.

#[path = "course_cases.rs"]
mod course_cases;
#[path = "driver.rs"]
mod driver;
#[path = "font_cases.rs"]
mod font_cases;
#[path = "image_cases.rs"]
mod image_cases;
#[path = "locale_cases.rs"]
mod locale_cases;
#[path = "oracle.rs"]
mod oracle;
#[path = "template_cases.rs"]
mod template_cases;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

struct Args {
    seconds: u64,
    seed: u64,
    work: PathBuf,
    binary: PathBuf,
    findings: PathBuf,
    case: Option<u64>,
}

fn parse_args() -> Args {
    let mut positional = Vec::new();
    let mut binary = None;
    let mut findings = None;
    let mut case = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--course" => binary = args.next().map(PathBuf::from),
            "--findings" => findings = args.next().map(PathBuf::from),
            "--case" => case = args.next().and_then(|s| s.parse().ok()),
            _ => positional.push(arg),
        }
    }
    let seconds = positional
        .first()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let seed = positional
        .get(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    let work = positional
        .get(2)
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join(format!("course-fuzz-{seed}")));
    // The release `course` beside the examples folder this runs from.
    let binary = binary.unwrap_or_else(|| {
        let me = std::env::current_exe().expect("where this runs from");
        let profile = me
            .parent()
            .and_then(Path::parent)
            .expect("target/<profile>");
        profile.join(format!("course{}", std::env::consts::EXE_SUFFIX))
    });
    let findings = findings
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-findings"));
    Args {
        seconds,
        seed,
        work,
        binary,
        findings,
        case,
    }
}

fn main() {
    let args = parse_args();
    if !args.binary.is_file() {
        eprintln!(
            "error: there is no course binary at {}: run `cargo build --release` first, or name one with --course PATH",
            args.binary.display()
        );
        std::process::exit(2);
    }
    std::fs::create_dir_all(&args.work).expect("work folder");
    let setup = course_cases::Setup {
        binary: &args.binary,
        work: &args.work.join("courses"),
        findings: Some(&args.findings),
    };
    if let Some(case_seed) = args.case {
        replay(case_seed, &setup);
        let _ = std::fs::remove_dir_all(&args.work);
        return;
    }
    let mut courses = course_cases::CourseStats::default();
    let mut in_process = driver::Stats::default();
    let mut seeds = driver::Rng::new(args.seed);
    let started = Instant::now();
    let budget = Duration::from_secs(args.seconds);
    // Three seconds of course folders, one in process, until the time is up.
    while started.elapsed() < budget {
        let left = budget.saturating_sub(started.elapsed());
        let part = course_cases::run(
            seeds.next(),
            left.min(Duration::from_secs(3)),
            u64::MAX,
            &setup,
        );
        merge_courses(&mut courses, part);
        let left = budget.saturating_sub(started.elapsed());
        let part = driver::run(
            seeds.next(),
            left.min(Duration::from_secs(1)),
            u64::MAX,
            &args.work.join("in-process"),
        );
        in_process.loader_cases += part.loader_cases;
        in_process.markdown_cases += part.markdown_cases;
        in_process.crashes.extend(part.crashes);
    }
    for (file, input) in &in_process.crashes {
        let folder = save_in_process_crash(&args.findings, &args.binary, file, input);
        println!("crash (in process): {}", oracle::shown(&folder).display());
    }
    for (verdict, mutator, case_seed, what, first) in &courses.findings {
        println!(
            "{}: {}-{}-{case_seed} ({what}): {first}",
            verdict.name(),
            verdict.name(),
            mutator.name()
        );
    }
    let in_process_cases = in_process.loader_cases + in_process.markdown_cases;
    let crashes = courses.crashes + in_process.crashes.len() as u64;
    println!(
        "seed {}: {} s, {} cases ({} course folders through validate and build, {} in process), {crashes} crashes, {} over {} s, {} where validate passed and build failed ({} where validate refused and build still made the PDFs); findings in {}",
        args.seed,
        started.elapsed().as_secs(),
        courses.cases + in_process_cases,
        courses.cases,
        in_process_cases,
        courses.over_time_limit,
        oracle::TIME_LIMIT.as_secs(),
        courses.validate_passed_build_failed,
        courses.validate_failed_build_passed,
        oracle::shown(&args.findings).display(),
    );
    // One line for scripts/fuzz.sh to add up.
    println!(
        "COUNTS cases={} course_cases={} in_process={in_process_cases} crashes={crashes} over_10s={} validate_pass_build_fail={} validate_fail_build_pass={}",
        courses.cases + in_process_cases,
        courses.cases,
        courses.over_time_limit,
        courses.validate_passed_build_failed,
        courses.validate_failed_build_passed,
    );
    let _ = std::fs::remove_dir_all(&args.work);
    let failed = crashes + courses.over_time_limit + courses.validate_passed_build_failed;
    std::process::exit(i32::from(failed > 0));
}

fn merge_courses(all: &mut course_cases::CourseStats, part: course_cases::CourseStats) {
    all.cases += part.cases;
    all.crashes += part.crashes;
    all.over_time_limit += part.over_time_limit;
    all.validate_passed_build_failed += part.validate_passed_build_failed;
    all.validate_failed_build_passed += part.validate_failed_build_passed;
    all.findings.extend(part.findings);
}

/// Makes case `case_seed` again, runs it, says what happened and keeps its folder.
fn replay(case_seed: u64, setup: &course_cases::Setup) {
    let (checked, what) = course_cases::run_case(case_seed, setup);
    let verdict = checked.verdict();
    println!(
        "case {case_seed} ({what}): {}; validate {}, build {}",
        verdict.name(),
        checked.validate.summary(),
        checked.build.summary()
    );
    let findings = setup.findings.expect("replay keeps the case");
    let folder = findings.join(format!("case-{case_seed}"));
    let _ = std::fs::remove_dir_all(&folder);
    oracle::copy_course(&setup.work.join("course"), &folder);
    println!("the course folder: {}", oracle::shown(&folder).display());
}

/// Keeps an input that panicked in process as a course folder that shows it with the
/// real binary: the sample course with the input in the file it was written to.
fn save_in_process_crash(findings: &Path, binary: &Path, file: &str, input: &[u8]) -> PathBuf {
    let hash = blake3::hash(input).to_hex();
    let stage = if file.starts_with("templates") {
        "markdown"
    } else {
        "loader"
    };
    let folder = findings.join(format!("crash-{stage}-{}", &hash.as_str()[..16]));
    let scratch = folder.join("scratch");
    let course = driver::work_course(&scratch);
    std::fs::write(course.join(file), input).expect("write the input");
    let kept = folder.join("course");
    let _ = std::fs::remove_dir_all(&kept);
    std::fs::rename(&course, &kept).expect("keep the course");
    let _ = std::fs::remove_dir_all(&scratch);
    let command = if stage == "markdown" {
        "build"
    } else {
        "validate"
    };
    std::fs::write(
        folder.join("repro.txt"),
        format!(
            "{} {command} {}\n# panicked in process with {file} as saved here\n",
            oracle::shown(binary).display(),
            oracle::shown(&kept).display()
        ),
    )
    .expect("write repro.txt");
    folder
}
