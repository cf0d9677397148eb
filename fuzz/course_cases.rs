//! Whole course folders to fuzz with: the sample course with its own template, locale
//! file, font or picture (or several of them) mutated, each case made from one seed so it
//! can be made again. Every case goes through the real binary (see `oracle.rs`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::driver::{work_course, Rng};
use super::oracle::{self, Checked, Verdict};
use super::{font_cases, image_cases, locale_cases, template_cases};

/// What a case mutates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mutator {
    Template,
    Locale,
    Font,
    Image,
    /// Two or three of the above in one course.
    Mixed,
}

impl Mutator {
    pub const ALL: [Mutator; 5] = [
        Mutator::Template,
        Mutator::Locale,
        Mutator::Font,
        Mutator::Image,
        Mutator::Mixed,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Mutator::Template => "template",
            Mutator::Locale => "locale",
            Mutator::Font => "font",
            Mutator::Image => "image",
            Mutator::Mixed => "mixed",
        }
    }
}

/// The mutator a case seed picks.
pub fn mutator_of(case_seed: u64) -> Mutator {
    Rng::new(case_seed).pick(&Mutator::ALL)
}

/// Writes the case `case_seed` as a course folder `dir` (replacing what was there) and
/// says what it changed, such as "template booklet; locale hi".
pub fn make_case(case_seed: u64, work: &Path) -> (PathBuf, String) {
    let mut rng = Rng::new(case_seed);
    let mutator = rng.pick(&Mutator::ALL);
    let dir = work_course(work);
    let mut what = Vec::new();
    let steps: Vec<Mutator> = match mutator {
        Mutator::Mixed => (0..2 + rng.below(2))
            .map(|_| rng.pick(&Mutator::ALL[..4]))
            .collect(),
        one => vec![one],
    };
    if rng.below(6) == 0 {
        let language = some_language(&mut rng);
        set_language(&dir, language);
        what.push(format!("language {language}"));
    }
    for step in steps {
        what.push(apply(&mut rng, step, &dir));
    }
    (dir, what.join("; "))
}

fn apply(rng: &mut Rng, mutator: Mutator, dir: &Path) -> String {
    match mutator {
        Mutator::Template => {
            let (name, text) = template_cases::template_case(rng);
            write(dir, &format!("templates/{name}.md.hbs"), text.as_bytes());
            format!("template {name}")
        }
        Mutator::Locale => {
            let language = match rng.below(10) {
                0..=5 => language_of(dir),
                6..=8 => {
                    let language = some_language(rng);
                    set_language(dir, language);
                    language.to_owned()
                }
                _ => {
                    let language = rng.pick(&["xx", "tlh", "en-x-fuzz", "sr-Latn", "ar-EG"]);
                    set_language(dir, language);
                    language.to_owned()
                }
            };
            // `en-GB` is served by `locales/en-GB.yaml` or, without one, `locales/en.yaml`.
            let file = if rng.below(3) == 0 {
                language.split('-').next().unwrap_or(&language).to_owned()
            } else {
                language.clone()
            };
            let text = locale_cases::locale_case(rng, &language);
            write(dir, &format!("locales/{file}.yaml"), text.as_bytes());
            format!("locale {file}")
        }
        Mutator::Font => {
            let (seed, bytes, changes) = font_cases::font_case(rng);
            let (name, _, sample) = font_cases::SEEDS[seed];
            let fonts = match rng.below(3) {
                0 => {
                    write(dir, "fonts/fuzz.ttf", &bytes);
                    "fonts/fuzz.ttf"
                }
                1 => {
                    write(dir, "fonts/fuzz/Regular.ttf", &bytes);
                    "fonts/fuzz"
                }
                _ => {
                    // The damaged face as Bold, behind a sound Regular.
                    write(dir, "fonts/fuzz/Regular.ttf", font_cases::SEEDS[seed].1);
                    write(dir, "fonts/fuzz/Bold.ttf", &bytes);
                    "fonts/fuzz"
                }
            };
            add_course_line(dir, &format!("fonts: {fonts}"));
            // Text in the font's script, so the course's font shapes it.
            edit(
                dir,
                "course.yaml",
                "Welcome to the class!",
                &format!("Welcome to the class! **{sample}** {sample}"),
            );
            format!("font {name}: {changes}")
        }
        Mutator::Image => {
            let (file, bytes, changes) = image_cases::image_case(rng);
            write(dir, &format!("images/{file}"), &bytes);
            // A module's own picture, a stroke's, or both.
            let (module, stroke) = match rng.below(3) {
                0 => (true, false),
                1 => (false, true),
                _ => (true, true),
            };
            let line = format!("image: images/{file}");
            if module {
                let name = rng.pick(&["tummy", "getting-ready", "skin-to-skin", "why-massage"]);
                edit_first_line_starting(dir, &format!("modules/{name}.yaml"), "title:", &line);
            }
            if stroke {
                // In place of the water wheel's own drawing.
                edit(
                    dir,
                    "modules/tummy.yaml",
                    "    image: images/water-wheel.svg\n",
                    &format!("    {line}\n"),
                );
            }
            format!("image {changes}")
        }
        Mutator::Mixed => unreachable!("mixed cases are made of the others"),
    }
}

/// A built-in language other than Chinese, Japanese and Korean, whose built-in words need
/// a CJK font from the system (which a fuzzing machine may lack: every case would stop at
/// `validate`).
fn some_language(rng: &mut Rng) -> &'static str {
    let languages: Vec<&'static str> = course::locale::BUILT_IN
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| !["ja", "zh", "ko"].contains(name))
        .collect();
    rng.pick(&languages)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().expect("a file in a folder")).expect("case folder");
    std::fs::write(path, bytes).expect("write the case");
}

fn edit(dir: &Path, name: &str, from: &str, to: &str) {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).expect("read the case");
    std::fs::write(path, text.replacen(from, to, 1)).expect("write the case");
}

/// Adds `line` after the first line of `name` that starts with `prefix`.
fn edit_first_line_starting(dir: &Path, name: &str, prefix: &str, line: &str) {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).expect("read the case");
    let at = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .find(|&at| text[at..].starts_with(prefix))
        .and_then(|at| text[at..].find('\n').map(|i| at + i + 1))
        .unwrap_or(text.len());
    let mut text = text;
    text.insert_str(at, &format!("{line}\n"));
    std::fs::write(path, text).expect("write the case");
}

fn add_course_line(dir: &Path, line: &str) {
    let path = dir.join("course.yaml");
    let mut text = std::fs::read_to_string(&path).expect("read course.yaml");
    if text.contains("\nfonts:") {
        return;
    }
    text.push_str(&format!("{line}\n"));
    std::fs::write(path, text).expect("write course.yaml");
}

fn language_of(dir: &Path) -> String {
    let text = std::fs::read_to_string(dir.join("course.yaml")).expect("read course.yaml");
    text.lines()
        .find_map(|l| l.strip_prefix("language:"))
        .map_or("en".to_owned(), |l| l.trim().to_owned())
}

fn set_language(dir: &Path, language: &str) {
    let old = language_of(dir);
    edit(
        dir,
        "course.yaml",
        &format!("language: {old}\n"),
        &format!("language: {language}\n"),
    );
}

/// The counts of a run of course cases.
#[derive(Debug, Default)]
pub struct CourseStats {
    pub cases: u64,
    pub crashes: u64,
    pub over_time_limit: u64,
    pub validate_passed_build_failed: u64,
    /// Cases `validate` refused and `build` still made: told, not counted as failures.
    pub validate_failed_build_passed: u64,
    /// Each failing case: (verdict, mutator, case seed, what it changed, first error line).
    pub findings: Vec<(Verdict, Mutator, u64, String, String)>,
}

/// Where to run and what to keep.
pub struct Setup<'a> {
    /// The `course` binary to check.
    pub binary: &'a Path,
    /// A scratch folder for the cases.
    pub work: &'a Path,
    /// Where failing cases are kept; `None` keeps nothing (the short run in the tests).
    pub findings: Option<&'a Path>,
}

/// Runs one case and returns what the oracle saw, keeping it when it failed.
pub fn run_case(case_seed: u64, setup: &Setup) -> (Checked, String) {
    let (dir, what) = make_case(case_seed, setup.work);
    let checked = oracle::check(setup.binary, &dir, &setup.work.join("logs"));
    let verdict = checked.verdict();
    if let (Some(findings), false) = (setup.findings, verdict == Verdict::Fine) {
        let name = format!(
            "{}-{}-{case_seed}",
            verdict.name(),
            mutator_of(case_seed).name()
        );
        oracle::save_finding(
            findings,
            &name,
            &dir,
            setup.binary,
            &checked,
            &format!("cargo run --release --example fuzz -- --case {case_seed}"),
        );
    }
    (checked, what)
}

/// Course cases from `seed` until `budget` runs out or `max_cases` are done.
pub fn run(seed: u64, budget: Duration, max_cases: u64, setup: &Setup) -> CourseStats {
    let mut seeds = Rng::new(seed);
    let mut stats = CourseStats::default();
    let started = Instant::now();
    while started.elapsed() < budget && stats.cases < max_cases {
        let case_seed = seeds.next();
        let (checked, what) = run_case(case_seed, setup);
        stats.add(case_seed, &checked, what);
    }
    stats
}

impl CourseStats {
    pub fn add(&mut self, case_seed: u64, checked: &Checked, what: String) {
        self.cases += 1;
        let verdict = checked.verdict();
        match verdict {
            Verdict::Crash => self.crashes += 1,
            Verdict::OverTimeLimit => self.over_time_limit += 1,
            Verdict::ValidatePassedBuildFailed => self.validate_passed_build_failed += 1,
            Verdict::Fine => {
                if !checked.validate.passed() && checked.build.passed() {
                    self.validate_failed_build_passed += 1;
                }
                return;
            }
        }
        let stderr = if checked.failing_command() == "validate" {
            &checked.validate.stderr
        } else {
            &checked.build.stderr
        };
        let first = stderr
            .lines()
            .find(|l| l.contains("error") || l.contains("panicked"))
            .unwrap_or_default()
            .chars()
            .take(200)
            .collect();
        self.findings
            .push((verdict, mutator_of(case_seed), case_seed, what, first));
    }
}
