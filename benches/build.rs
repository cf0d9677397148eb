//! `cargo bench`: how fast and how small `course build` is, with medians, against Typst
//! setting the same handout and checklist in the same run (the `typst` program when it is
//! on the PATH, the Python binding when `pip install typst` is there). Builds run the release binary as a user would, process start included.

#[path = "many_problems.rs"]
mod many_problems;
#[path = "synthetic.rs"]
mod synthetic;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/courses/infant-massage");
const RUNS: usize = 15;

fn course(args: &[&str]) -> Duration {
    let started = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_course"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("course runs");
    let elapsed = started.elapsed();
    assert!(status.success(), "course {args:?} failed");
    elapsed
}

/// `course validate DIR --message-format FORMAT`, which may find problems: its time, with
/// everything it prints read (into nothing), as a terminal or an editor would.
fn validate_reporting(dir: &str, format: &str) -> Duration {
    let started = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_course"))
        .args(["validate", dir, "--message-format", format])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("course runs");
    let elapsed = started.elapsed();
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "course validate {dir} failed: {status}"
    );
    elapsed
}

/// Validating, and printing every problem in each format, at scale: the medians.
fn validate_at_scale(work: &Path) {
    println!("\nValidate at scale: load, check and report (benches/many_problems.rs)");
    let modules = work.join("many-modules");
    many_problems::write_many_modules(Path::new(SAMPLE), &modules, 5000);
    let problems = work.join("many-problems");
    many_problems::write_many_problems(Path::new(SAMPLE), &problems, 5000);
    for (dir, what) in [
        (&modules, "5000 modules, 4992 in no session (4992 warnings)"),
        (
            &problems,
            "5000 problems in one file (1000 strokes missing 5 fields)",
        ),
    ] {
        let dir = dir.to_str().unwrap();
        let times: Vec<String> = ["human", "short", "json"]
            .iter()
            .map(|format| {
                let time = median((0..5).map(|_| validate_reporting(dir, format)).collect());
                format!("{format} {}", ms(time))
            })
            .collect();
        println!("  {what}: {}", times.join(", "));
    }
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Runs `command` to its end: whether it succeeded, how long it took and its own peak
/// resident memory in MiB (from wait4, so one child's figure, not the largest so far).
fn measured(command: &mut Command) -> (bool, Duration, f64) {
    let started = Instant::now();
    // Reaped by wait4 below, which std cannot do while also reporting memory.
    #[allow(clippy::zombie_processes)]
    let child = command
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("the program starts");
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 reaps our own child and writes only into the two values we own.
    let reaped = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let elapsed = started.elapsed();
    let ok = reaped > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    (ok, elapsed, usage.ru_maxrss as f64 / 1024.0)
}

/// Three full builds of the course in `dir` into `out`: the median time, the largest
/// peak memory and the first build's time (into a new folder: no record of an earlier
/// build to start the booklet's contents from).
fn build_three_times(dir: &str, out: &str) -> (Duration, f64, Duration) {
    let runs: Vec<(Duration, f64)> = (0..3)
        .map(|_| course_measured(&["build", dir, "--out", out, "--quiet", "--force"]))
        .collect();
    let build = median(runs.iter().map(|r| r.0).collect());
    (
        build,
        runs.iter().map(|r| r.1).fold(0.0, f64::max),
        runs[0].0,
    )
}

/// The page count from a PDF's page tree (`/Count N` of its root, the largest), without
/// parsing it: the bench process must stay small, because on Linux a child's peak memory
/// starts from its parent's at the moment it is started.
fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Count ")
        .filter_map(|(i, m)| {
            let digits: String = text[i + m.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
        .max()
        .unwrap_or(0)
}

/// `course` with `args`: its time and peak memory; it must succeed.
fn course_measured(args: &[&str]) -> (Duration, f64) {
    let (ok, elapsed, memory) = measured(Command::new(env!("CARGO_BIN_EXE_course")).args(args));
    assert!(ok, "course {args:?} failed");
    (elapsed, memory)
}

/// PDFs and pages written into `out`, from the build record.
fn pdf_stats(out: &Path) -> (usize, usize, u64) {
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join(".course-build.json")).unwrap()).unwrap();
    let files = manifest["files"].as_object().unwrap();
    let pages = files
        .values()
        .map(|f| f["pages"].as_u64().unwrap() as usize)
        .sum();
    let bytes = files.values().map(|f| f["bytes"].as_u64().unwrap()).sum();
    (files.len(), pages, bytes)
}

fn typst_baseline() -> Option<Vec<(String, f64, u64)>> {
    let script = format!(
        r#"
import statistics, time, typst
for name in ["handout", "checklist"]:
    src = "{dir}/benches/typst/" + name + ".typ"
    typst.compile(src, root="{dir}", font_paths=["{dir}/fonts"])
    times = []
    for _ in range({RUNS}):
        t = time.perf_counter(); pdf = typst.compile(src, root="{dir}", font_paths=["{dir}/fonts"]); times.append(time.perf_counter() - t)
    print(name, statistics.median(times) * 1000, len(pdf))
"#,
        dir = env!("CARGO_MANIFEST_DIR")
    );
    let out = Command::new("python3")
        .args(["-c", &script])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    Some(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| {
                let parts: Vec<&str> = l.split_whitespace().collect();
                Some((
                    parts.first()?.to_string(),
                    parts.get(1)?.parse().ok()?,
                    parts.get(2)?.parse().ok()?,
                ))
            })
            .collect(),
    )
}

/// The Typst command-line program, as a user would run it (process start included), when
/// `typst` is on the PATH or named by `TYPST`.
fn typst_cli_baseline(work: &Path) -> Option<Vec<(String, f64, u64)>> {
    let typst = std::env::var("TYPST").unwrap_or_else(|_| "typst".to_owned());
    Command::new(&typst).arg("--version").output().ok()?;
    let dir = env!("CARGO_MANIFEST_DIR");
    let mut rows = Vec::new();
    for name in ["handout", "checklist"] {
        let src = format!("{dir}/benches/typst/{name}.typ");
        let pdf = work.join(format!("typst-{name}.pdf"));
        let compile = || {
            let started = Instant::now();
            let status = Command::new(&typst)
                .args([
                    "compile",
                    "--ignore-system-fonts",
                    "--root",
                    dir,
                    "--font-path",
                ])
                .arg(format!("{dir}/fonts"))
                .arg(&src)
                .arg(&pdf)
                .status()
                .ok()?;
            status.success().then(|| started.elapsed())
        };
        compile()?;
        let times: Option<Vec<Duration>> = (0..RUNS).map(|_| compile()).collect();
        let bytes = std::fs::metadata(&pdf).ok()?.len();
        rows.push((
            name.to_owned(),
            median(times?).as_secs_f64() * 1000.0,
            bytes,
        ));
    }
    Some(rows)
}

/// Typst setting the reference handout over and over, about `pages` pages in one document
/// (process start included): its time per page and peak memory, for the course at scale.
fn typst_at_scale(work: &Path, pages: usize) -> Option<(usize, Duration, f64)> {
    let typst = std::env::var("TYPST").unwrap_or_else(|_| "typst".to_owned());
    Command::new(&typst).arg("--version").output().ok()?;
    let dir = env!("CARGO_MANIFEST_DIR");
    let source = std::fs::read_to_string(format!("{dir}/benches/typst/handout.typ")).ok()?;
    // The page setup stays; the body (from the first heading) is repeated.
    let split = source.find("\n= ")? + 1;
    let (setup, body) = source.split_at(split);
    // The copy lives outside the repository, so the drawings are named from the file
    // system's root rather than the repository's.
    let setup = setup.replace("\"/courses/", &format!("\"{dir}/courses/"));
    let compile = |copies: usize| -> Option<(usize, Duration, f64)> {
        let src = work.join("typst-scale.typ");
        let pdf = work.join("typst-scale.pdf");
        std::fs::write(
            &src,
            format!("{setup}#let body = [\n{body}\n]\n#for _ in range({copies}) {{ body; pagebreak(weak: true) }}\n"),
        )
        .ok()?;
        let (ok, elapsed, memory) = measured(
            Command::new(&typst)
                .args([
                    "compile",
                    "--ignore-system-fonts",
                    "--root",
                    "/",
                    "--font-path",
                ])
                .arg(format!("{dir}/fonts"))
                .arg(&src)
                .arg(&pdf),
        );
        let count = page_count(&std::fs::read(&pdf).ok()?);
        ok.then_some((count, elapsed, memory))
    };
    let (one, _, _) = compile(1)?;
    let copies = pages.div_ceil(one);
    let runs: Option<Vec<(usize, Duration, f64)>> = (0..3).map(|_| compile(copies)).collect();
    let runs = runs?;
    let memory = runs.iter().map(|r| r.2).fold(0.0, f64::max);
    Some((
        runs[0].0,
        median(runs.iter().map(|r| r.1).collect()),
        memory,
    ))
}

/// Typst's times beside ours per PDF, on a rebuild and on a first build (`first`).
fn print_baseline(title: &str, rows: Vec<(String, f64, u64)>, per_pdf: Duration, first: Duration) {
    println!("\nBaseline in this run: {title}, setting the same documents");
    let ours = per_pdf.as_secs_f64() * 1000.0;
    let first = first.as_secs_f64() * 1000.0;
    for (name, typst_ms, typst_bytes) in rows {
        println!(
            "  {name:<10} Typst {typst_ms:>6.1} ms {:>4} KiB | course {ours:>5.1} ms per PDF: {:.2}x Typst's time ({:.2}x on a first build)",
            typst_bytes / 1024,
            ours / typst_ms,
            first / typst_ms
        );
    }
}

/// Every document of the sample made (`--force`) into `out` as `format` (`pdf`, `html`,
/// `all`), after one build to warm the disk: the median of [`RUNS`].
fn sample_build(out: &Path, format: &str) -> Duration {
    let out = out.to_str().unwrap();
    let args = [
        "build", SAMPLE, "--out", out, "--quiet", "--force", "--format", format,
    ];
    course(&args);
    median((0..RUNS).map(|_| course(&args)).collect())
}

/// The sample's HTML pages against its PDFs, each set made from nothing: the pages must
/// take less time, as they are what `course serve` and a phone show first.
fn html_against_pdfs(work: &Path) {
    println!("\nHTML pages against PDFs: the sample, every document made, medians of {RUNS}");
    let pdfs = sample_build(&work.join("against-pdf"), "pdf");
    let html = sample_build(&work.join("against-html"), "html");
    let all = sample_build(&work.join("against-all"), "all");
    println!("  PDFs (--format pdf)        {:>10}", ms(pdfs));
    println!(
        "  pages (--format html)      {:>10}   {:.0}% of the PDFs' time",
        ms(html),
        html.as_secs_f64() / pdfs.as_secs_f64() * 100.0
    );
    println!("  both (--format all)        {:>10}", ms(all));
    assert!(html < pdfs, "the pages took longer than the PDFs");
}

/// `course watch` on a copy of the sample: from saving a module to the watch's line that
/// the PDFs are written, which comes after they are in place. The median and the slowest.
fn watch_latency(work: &Path) -> (Duration, Duration) {
    use std::io::{BufRead, BufReader};
    let dir = work.join("watched");
    let copied = Command::new("cp").arg("-R").arg(SAMPLE).arg(&dir).status();
    assert!(copied.is_ok_and(|s| s.success()), "the sample is copied");
    let _ = std::fs::remove_dir_all(dir.join("build"));
    let module = dir.join("modules/tummy.yaml");
    let original = std::fs::read_to_string(&module).expect("the copy has a tummy module");
    let mut child = Command::new(env!("CARGO_BIN_EXE_course"))
        .args(["watch", dir.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("course watch starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut wait_for = |start: &str| loop {
        let line = lines.next().expect("watch keeps running").unwrap();
        if line.starts_with(start) {
            return line;
        }
    };
    wait_for("Watching");
    let mut samples = Vec::new();
    for run in 0..RUNS {
        // Let the watcher settle, as between two saves of a person.
        std::thread::sleep(Duration::from_millis(300));
        let changed = original.replace("Water wheel", &format!("Water wheel {run}"));
        let started = Instant::now();
        std::fs::write(&module, changed).unwrap();
        let line = wait_for("Wrote ");
        samples.push(started.elapsed());
        assert!(line.starts_with("Wrote 5 PDFs"), "{line}");
    }
    let _ = child.kill();
    let _ = child.wait();
    let slowest = *samples.iter().max().unwrap();
    (median(samples), slowest)
}

fn main() {
    // `cargo bench --bench build -- generate DIR [MODULES SESSIONS]` only writes a course.
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "generate") {
        let dir = PathBuf::from(args.get(i + 1).expect("generate DIR [MODULES SESSIONS]"));
        let modules = args.get(i + 2).and_then(|n| n.parse().ok()).unwrap_or(1000);
        let sessions = args.get(i + 3).and_then(|n| n.parse().ok()).unwrap_or(200);
        synthetic::write_course(&dir, modules, sessions);
        println!(
            "wrote a course of {modules} modules in {sessions} sessions to {}",
            dir.display()
        );
        return;
    }
    // `cargo bench --bench build -- copies DIR [COPIES]` only writes the sample-copies course.
    if let Some(i) = args.iter().position(|a| a == "copies") {
        let dir = PathBuf::from(args.get(i + 1).expect("copies DIR [COPIES]"));
        let copies = args.get(i + 2).and_then(|n| n.parse().ok()).unwrap_or(62);
        synthetic::write_sample_copies(Path::new(SAMPLE), &dir, copies);
        println!(
            "wrote {copies} copies of the sample course to {}",
            dir.display()
        );
        return;
    }
    let work = tempfile::tempdir().unwrap();
    // `cargo bench --bench build -- scale` measures only validating at scale.
    if args.iter().any(|a| a == "scale") {
        validate_at_scale(work.path());
        return;
    }
    // `cargo bench --bench build -- long-word` measures only the long words.
    if args.iter().any(|a| a == "long-word") {
        long_words(work.path());
        return;
    }
    // `cargo bench --bench build -- html` measures only pages against PDFs.
    if args.iter().any(|a| a == "html") {
        html_against_pdfs(work.path());
        return;
    }
    // `cargo bench --bench build -- watch` measures only the watch latency.
    if args.iter().any(|a| a == "watch") {
        let (latency, slowest) = watch_latency(work.path());
        println!(
            "watch, save to updated PDFs: median {}, slowest of {RUNS} {}",
            ms(latency),
            ms(slowest)
        );
        return;
    }
    let out = work.path().join("sample");
    let out_s = out.to_str().unwrap();

    println!("course build benchmark: medians of {RUNS} runs of the release binary\n");
    // `cargo bench` has just written the binaries: with their pages still going to disk,
    // the first builds measured ran slower than the same builds later in the run.
    // SAFETY: sync takes no arguments and cannot fail.
    unsafe { libc::sync() };
    // Into a new folder: no record of an earlier build, so the booklet takes its pass
    // that only counts pages (later builds start from where the last one's settled).
    let first = median(
        (0..RUNS)
            .map(|i| {
                let fresh = work.path().join(format!("fresh-{i}"));
                course(&["build", SAMPLE, "--out", fresh.to_str().unwrap(), "--quiet"])
            })
            .collect(),
    );
    course(&["build", SAMPLE, "--out", out_s, "--quiet", "--force"]);
    let full = median(
        (0..RUNS)
            .map(|_| course(&["build", SAMPLE, "--out", out_s, "--quiet", "--force"]))
            .collect(),
    );
    let (pdfs, pages, bytes) = pdf_stats(&out);
    let per_pdf = full / pdfs as u32;
    let unchanged = median(
        (0..RUNS)
            .map(|_| course(&["build", SAMPLE, "--out", out_s, "--quiet"]))
            .collect(),
    );
    // A save that changed nothing a document shows: every check runs, nothing is made.
    let saved = work.path().join("saved");
    let copied = Command::new("cp")
        .arg("-R")
        .arg(SAMPLE)
        .arg(&saved)
        .status();
    assert!(copied.is_ok_and(|s| s.success()), "cannot copy the sample");
    let saved_out = work.path().join("saved-out");
    let (saved_s, saved_out_s) = (saved.to_str().unwrap(), saved_out.to_str().unwrap());
    course(&["build", saved_s, "--out", saved_out_s, "--quiet"]);
    let just_saved = median(
        (0..RUNS)
            .map(|_| {
                let file = std::fs::File::options()
                    .append(true)
                    .open(saved.join("course.yaml"));
                file.and_then(|f| f.set_modified(std::time::SystemTime::now()))
                    .expect("course.yaml can be touched");
                course(&["build", saved_s, "--out", saved_out_s, "--quiet"])
            })
            .collect(),
    );
    let validate = median((0..RUNS).map(|_| course(&["validate", SAMPLE])).collect());
    let html = sample_build(&work.path().join("sample-html"), "html");
    println!("Sample course ({pdfs} PDFs, {pages} pages)");
    println!(
        "  build --force, every PDF  {:>10}   {:>8} per PDF",
        ms(full),
        ms(per_pdf)
    );
    println!(
        "  first build, a new folder {:>10}   {:>8} per PDF",
        ms(first),
        ms(first / pdfs as u32)
    );
    println!(
        "  rebuild, nothing changed  {:>10}   (the course folder as the last build left it)",
        ms(unchanged)
    );
    println!(
        "  rebuild, a file just saved {:>9}   (every check, no PDF made)",
        ms(just_saved)
    );
    println!(
        "  build, every HTML page    {:>10}   (--format html)",
        ms(html)
    );
    println!("  validate                  {:>10}", ms(validate));
    println!(
        "  size                      {:>7} KiB   {:.1} KiB per page, {:.1} KiB per PDF",
        bytes / 1024,
        bytes as f64 / 1024.0 / pages as f64,
        bytes as f64 / 1024.0 / pdfs as f64
    );

    let (latency, slowest) = watch_latency(work.path());
    println!(
        "  watch, save to updated PDFs {:>8}   (slowest of {RUNS}: {}; a stroke's name changed: 5 PDFs rebuilt)",
        ms(latency),
        ms(slowest)
    );

    html_against_pdfs(work.path());

    match typst_cli_baseline(work.path()) {
        Some(rows) => print_baseline(
            "Typst command line (process start included)",
            rows,
            per_pdf,
            first / pdfs as u32,
        ),
        None => {
            println!("\nTypst command-line baseline skipped: put `typst` on the PATH or set TYPST")
        }
    }
    match typst_baseline() {
        Some(rows) => print_baseline(
            "Typst Python binding (in-process, warm)",
            rows,
            per_pdf,
            first / pdfs as u32,
        ),
        None => println!(
            "\nTypst in-process baseline skipped: `pip install typst` to compare in the same run"
        ),
    }

    println!("\nThe sample's own modules, 62 copies (benches/synthetic.rs)");
    {
        let dir = work.path().join("sample-copies");
        synthetic::write_sample_copies(Path::new(SAMPLE), &dir, 62);
        let dir_s = dir.to_str().unwrap();
        let out = dir.join("build");
        let out_s = out.to_str().unwrap();
        let (build, memory, first) = build_three_times(dir_s, out_s);
        let (pdfs, pages, _) = pdf_stats(&out);
        let booklet = page_count(&std::fs::read(out.join("booklet.pdf")).unwrap());
        let per_page = build.as_secs_f64() * 1000.0 / pages as f64;
        let first_per_page = first.as_secs_f64() * 1000.0 / pages as f64;
        println!(
            "  build {:>9} ({pdfs} PDFs, {pages} pages, booklet {booklet} pages): {per_page:.2} ms per page, peak memory {memory:.0} MiB",
            ms(build),
        );
        println!(
            "  first build, a new folder {:>9}: {first_per_page:.2} ms per page",
            ms(first),
        );
        match typst_at_scale(work.path(), 2000) {
            Some((typst_pages, typst, typst_memory)) => {
                let typst_per_page = typst.as_secs_f64() * 1000.0 / typst_pages as f64;
                println!(
                    "  Typst, the reference handout repeated to {typst_pages} pages: {} ({typst_per_page:.2} ms per page, peak memory {typst_memory:.0} MiB); course takes {:.2}x Typst's time per page ({:.2}x on a first build)",
                    ms(typst),
                    per_page / typst_per_page,
                    first_per_page / typst_per_page
                );
            }
            None => println!("  Typst at scale skipped: put `typst` on the PATH or set TYPST"),
        }
    }

    long_words(work.path());

    println!("\nSynthetic courses (benches/synthetic.rs)");
    let mut rows = Vec::new();
    for (modules, sessions) in [(1000, 200), (100, 20)] {
        let dir: PathBuf = work.path().join(format!("synthetic-{modules}"));
        synthetic::write_course(&dir, modules, sessions);
        let dir_s = dir.to_str().unwrap();
        let out_s = dir.join("build");
        let out_s = out_s.to_str().unwrap();
        let (build, memory, _) = build_three_times(dir_s, out_s);
        let memory = if modules == 1000 { memory } else { f64::NAN };
        let validate = median((0..5).map(|_| course(&["validate", dir_s])).collect());
        let (pdfs, pages, _) = pdf_stats(&dir.join("build"));
        println!("  {modules:>5} modules, {sessions:>3} sessions: build {:>9} ({pdfs} PDFs, {pages} pages), validate {:>8}{}", ms(build), ms(validate), if memory.is_nan() { String::new() } else { format!(", peak memory {memory:.0} MiB") });
        rows.push((build, validate));
    }
    println!(
        "  1000 vs 100 modules: build {:.1}x, validate {:.1}x (linear would be 10x)",
        rows[0].0.as_secs_f64() / rows[1].0.as_secs_f64(),
        rows[0].1.as_secs_f64() / rows[1].1.as_secs_f64()
    );

    three_languages(work.path(), full);
    validate_at_scale(work.path());
}

/// The sample course in three languages: English, German (as far as the sample's own
/// translation goes) and Arabic (stubs only, so its texts print in English on right-to-left
/// pages with Arabic fixed words), every PDF built, against the one-language build `one`.
fn three_languages(work: &Path, one: Duration) {
    println!(
        "
The sample course in three languages (en-GB, de, ar)"
    );
    let dir = work.join("three-languages");
    let copied = Command::new("cp").arg("-R").arg(SAMPLE).arg(&dir).status();
    assert!(copied.is_ok_and(|s| s.success()), "cannot copy the sample");
    let _ = std::fs::remove_dir_all(dir.join("build"));
    let course_file = dir.join("course.yaml");
    let text = std::fs::read_to_string(&course_file).unwrap();
    std::fs::write(
        &course_file,
        text.replacen(
            "language: en-GB\n",
            "language: en-GB\ntranslations: [de, ar]\n",
            1,
        ),
    )
    .unwrap();
    let dir_s = dir.to_str().unwrap();
    let quiet = |args: &[&str]| {
        let started = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_course"))
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("course runs");
        assert!(status.success(), "course {args:?} failed");
        started.elapsed()
    };
    for language in ["de", "ar"] {
        quiet(&["translations", "update", language, "--dir", dir_s]);
    }
    quiet(&["build", dir_s, "--quiet", "--force"]);
    let three = median(
        (0..RUNS)
            .map(|_| quiet(&["build", dir_s, "--quiet", "--force"]))
            .collect(),
    );
    let (top, _, _) = pdf_stats(&dir.join("build"));
    let translated: usize = ["de", "ar"]
        .iter()
        .map(|l| pdf_stats(&dir.join("build").join(l)).0)
        .sum();
    println!(
        "  build, every PDF          {:>10}   ({} PDFs) {:.2}x the one-language build (the aim: at most 3x)",
        ms(three),
        top + translated,
        three.as_secs_f64() / one.as_secs_f64()
    );
}

/// The sample course with one stroke named by a single word of `letters` letters (no
/// spaces), in `dir`.
fn sample_with_long_word(dir: &Path, letters: usize) {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    copy(Path::new(SAMPLE), dir);
    // Real syllables, so the word is hyphenated as well as cut.
    let word: String = "massage".chars().cycle().take(letters).collect();
    let module = dir.join("modules/tummy.yaml");
    let text = std::fs::read_to_string(&module).unwrap();
    assert!(text.contains("name: Water wheel"));
    std::fs::write(
        &module,
        text.replacen("name: Water wheel", &format!("name: {word}"), 1),
    )
    .unwrap();
}

/// Building the sample with a stroke named by one word of 5,000 and of 10,000 letters (the
/// longest a field may be): line breaking must stay linear in the length of a word.
fn long_words(work: &Path) {
    println!("\nOne word without spaces as a stroke's name (the sample course)");
    let mut times = Vec::new();
    for letters in [5_000, 10_000] {
        let dir = work.join(format!("long-word-{letters}"));
        sample_with_long_word(&dir, letters);
        let dir_s = dir.to_str().unwrap();
        let out = dir.join("build");
        let out_s = out.to_str().unwrap();
        let build = median(
            (0..5)
                .map(|_| course(&["build", dir_s, "--out", out_s, "--quiet", "--force"]))
                .collect(),
        );
        let (pdfs, pages, _) = pdf_stats(&out);
        println!(
            "  {letters:>6} letters: build {:>9} ({pdfs} PDFs, {pages} pages)",
            ms(build)
        );
        times.push(build);
    }
    println!(
        "  10,000 vs 5,000 letters: build {:.1}x (linear would be 2x, quadratic 4x)",
        times[1].as_secs_f64() / times[0].as_secs_f64()
    );
}
