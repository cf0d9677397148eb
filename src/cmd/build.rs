//! `course build`: validate, then render the PDFs whose inputs changed and write them
//! atomically. With any error nothing is written.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::cli::{MessageFormat, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::diagnostic::Diagnostic;
use crate::load::Course;
use crate::manifest::{Entry, Manifest};
use crate::render::{ContentsMemory, RenderedPdf, Renderer};

#[derive(Clone)]
pub struct Options {
    pub dir: PathBuf,
    pub out: Option<PathBuf>,
    pub quiet: bool,
    pub force: bool,
    /// Replace PDFs in the output folder that no build of `course` wrote.
    pub overwrite: bool,
    /// A document to open in the system's viewer once built (`booklet`, ...).
    pub open: Option<String>,
    pub format: MessageFormat,
    /// Kept from build to build by `course watch`: see [`ContentsMemory`].
    pub contents_memory: Option<std::sync::Arc<ContentsMemory>>,
}

/// What one build did, for the closing line and for `course watch`.
#[derive(Debug, Default)]
pub struct Outcome {
    pub written: usize,
    pub unchanged: usize,
    pub bytes: u64,
    /// The documents written, such as `session-2-handout.pdf`, in plan order.
    pub written_names: Vec<String>,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Why a build stopped, and how many PDFs it had written by then.
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
    pub written: usize,
}

impl From<Vec<Diagnostic>> for Failure {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        Failure {
            diagnostics,
            written: 0,
        }
    }
}

pub fn run(options: &Options) -> u8 {
    let course = match super::load_course(&options.dir) {
        Ok(course) => course,
        Err(status) => return status,
    };
    let (out, shown) = match output_folder(options) {
        Ok(folders) => folders,
        Err(status) => return status,
    };
    match build(&course, &out, &shown, options) {
        Ok(outcome) => {
            super::print_diagnostics(&course, &outcome.warnings, options.format);
            let built =
                serde_json::json!({ "written": outcome.written, "unchanged": outcome.unchanged });
            crate::report::summary(options.format, (0, outcome.warnings.len()), built);
            match &options.open {
                Some(document) => open(&out, &shown, document),
                None => EXIT_OK,
            }
        }
        Err(failure) => {
            super::print_diagnostics(&course, &failure.diagnostics, options.format);
            let counts = crate::diagnostic::counts(&failure.diagnostics);
            crate::report::summary(
                options.format,
                counts,
                serde_json::json!({ "written": failure.written }),
            );
            if options.format == MessageFormat::Human {
                if failure.written == 0 {
                    eprintln!("Nothing was written: fix the problems above and build again.");
                } else {
                    eprintln!(
                        "{} PDFs were written before this stopped; the others are as they were. Fix the problem above and build again.",
                        failure.written
                    );
                }
            }
            EXIT_PROBLEMS
        }
    }
}

/// The output folder, resolved and as shown to the user; or the exit status after
/// saying why it cannot be used.
pub fn output_folder(options: &Options) -> Result<(PathBuf, PathBuf), u8> {
    let shown = options
        .out
        .clone()
        .unwrap_or_else(|| default_out(&options.dir));
    match crate::output::resolve(&options.dir, &shown, options.out.is_none()) {
        Ok(out) => Ok((out, shown)),
        Err(message) => {
            crate::report::usage_error(&message, "choose another folder with `--out`, or leave it out to use the course's `build` folder");
            Err(EXIT_USAGE)
        }
    }
}

/// Validates and builds `course` into the resolved folder `out` (shown to the user as
/// `shown`); the diagnostics if anything stopped it.
pub fn build(
    course: &Course,
    out: &Path,
    shown: &Path,
    options: &Options,
) -> Result<Outcome, Failure> {
    let started = Instant::now();
    let fonts = super::course_fonts(course).map_err(|d| vec![d])?;
    let (diagnostics, _) = crate::validate::validate(course, &fonts);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics.into());
    }
    let mut renderer = Renderer::new(course, fonts).map_err(|d| vec![d])?;
    renderer.source_date_epoch = source_date_epoch();
    renderer.contents_memory = options.contents_memory.clone();
    let documents = crate::plan::plan(course, &renderer.locale);

    std::fs::create_dir_all(out)
        .map_err(|e| vec![write_error(shown, "cannot create the output folder", &e)])?;
    let _lock = crate::output::lock(out, || {
        if !options.quiet {
            eprintln!(
                "Waiting for another build into `{}` to finish...",
                shown.display()
            );
        }
    })
    .map_err(|e| vec![write_error(shown, "cannot lock the output folder", &e)])?;
    let old = Manifest::read(out).map_err(|why| vec![out_problem(shown, why)])?;
    refuse_foreign_files(&documents, &old, out, shown, options.overwrite)?;

    let shared = renderer.shared_fingerprint();
    let fingerprints: Vec<String> = documents
        .iter()
        .map(|d| renderer.fingerprint(d, &shared))
        .collect();
    let mut todo: Vec<usize> = (0..documents.len())
        .filter(|&i| options.force || !old.is_current(&documents[i].file_name, &fingerprints[i]))
        .collect();
    // The booklet, the longest by far, first: started last, it would run alone at the end.
    todo.sort_by_key(|&i| documents[i].kind != crate::plan::DocumentKind::Booklet);

    let progress = progress_bar(options, todo.len());
    let results: Vec<Result<RenderedPdf, Diagnostic>> = todo
        .par_iter()
        .map(|&i| {
            let result = renderer.render(&documents[i]);
            progress.inc(1);
            result
        })
        .collect();
    progress.finish_and_clear();
    let mut errors: Vec<Diagnostic> = results
        .iter()
        .filter_map(|r| r.as_ref().err().cloned())
        .collect();
    if !errors.is_empty() {
        // A template error repeats for every document that uses the template.
        crate::diagnostic::sort(&mut errors);
        errors.dedup();
        return Err(errors.into());
    }
    let pdfs: Vec<RenderedPdf> = results.into_iter().filter_map(Result::ok).collect();

    crate::output::remove_partial_files(
        out,
        documents
            .iter()
            .map(|d| d.file_name.as_str())
            .chain(old.files.keys().map(String::as_str))
            .chain([crate::manifest::MANIFEST_FILE]),
    );
    let rendered: std::collections::HashMap<&str, &RenderedPdf> =
        pdfs.iter().map(|p| (p.file_name.as_str(), p)).collect();
    let mut manifest = Manifest::default();
    for (doc, fingerprint) in documents.iter().zip(&fingerprints) {
        let entry = match rendered.get(doc.file_name.as_str()) {
            Some(pdf) => Entry {
                fingerprint: fingerprint.clone(),
                hash: crate::output::content_hash(&pdf.bytes),
                previous: None,
                bytes: pdf.bytes.len() as u64,
                pages: pdf.pages,
            },
            None => old.files[&doc.file_name].clone(),
        };
        manifest.files.insert(doc.file_name.clone(), entry);
    }
    // First record what is about to be written, beside what was there: a build killed
    // while renaming PDFs into place leaves every file provably its own.
    let mut during = Manifest::default();
    for (name, entry) in &manifest.files {
        let mut entry = entry.clone();
        entry.previous = old
            .files
            .get(name)
            .filter(|_| old.proves(name))
            .map(|e| e.hash.clone());
        during.files.insert(name.clone(), entry);
    }
    for (name, entry) in &old.files {
        if !during.files.contains_key(name) && old.proves(name) {
            during.files.insert(name.clone(), entry.clone());
        }
    }
    during
        .write(out)
        .map_err(|e| vec![write_error(shown, "cannot write the build record in", &e)])?;

    let mut outcome = Outcome {
        warnings: diagnostics,
        ..Outcome::default()
    };
    // Lines for people only: a JSON or short stream holds nothing but its own lines.
    let quiet = options.quiet || options.format != MessageFormat::Human;
    for doc in &documents {
        let path = shown.join(&doc.file_name);
        let entry = &manifest.files[&doc.file_name];
        match rendered.get(doc.file_name.as_str()) {
            Some(pdf) => {
                if let Err(e) = crate::write::write_atomically(out, &pdf.file_name, &pdf.bytes) {
                    return Err(Failure {
                        diagnostics: vec![write_error(&path, "cannot write", &e)],
                        written: outcome.written,
                    });
                }
                outcome.written += 1;
                outcome.written_names.push(doc.file_name.clone());
                report_file(options, "wrote", &path, pdf.pages, entry.bytes);
            }
            None => {
                outcome.unchanged += 1;
                report_file(options, "unchanged", &path, entry.pages, entry.bytes);
            }
        }
        outcome.bytes += entry.bytes;
    }
    // PDFs an earlier build wrote that this course no longer makes (a session was
    // removed). Only files the old manifest proves to be ours are ever removed.
    for stale in old
        .files
        .keys()
        .filter(|name| !manifest.files.contains_key(*name))
    {
        if old.proves(stale) && std::fs::remove_file(out.join(stale)).is_ok() && !quiet {
            println!("  removed {}", shown.join(stale).display());
        }
    }
    manifest.write(out).map_err(|e| Failure {
        diagnostics: vec![write_error(shown, "cannot write the build record in", &e)],
        written: outcome.written,
    })?;
    if !quiet {
        let unchanged = if outcome.unchanged > 0 {
            format!(", {} unchanged", outcome.unchanged)
        } else {
            String::new()
        };
        println!(
            "Built {} PDFs{unchanged} ({} KiB) in {:.2} s into {}",
            outcome.written,
            outcome.bytes.div_ceil(1024),
            started.elapsed().as_secs_f64(),
            shown.display()
        );
    }
    Ok(outcome)
}

/// Files in the output folder with a document's name that no build proves it wrote: the
/// user's own, never replaced unless they say so; folders and links never.
fn refuse_foreign_files(
    documents: &[crate::plan::PlannedDocument],
    old: &Manifest,
    out: &Path,
    shown: &Path,
    overwrite: bool,
) -> Result<(), Failure> {
    use crate::output::Occupant;
    let mut problems = Vec::new();
    for doc in documents {
        let name = doc.file_name.as_str();
        let path = shown.join(name);
        match crate::output::occupant(out, name, old) {
            Occupant::Free => {}
            Occupant::Foreign if overwrite => {}
            Occupant::Foreign => problems.push(
                Diagnostic::error(
                    &path,
                    "this file was not written by `course build`, so it is left as it is",
                ).code(crate::diagnostic::Code::OutputBlocked)
                .hint("move or rename it, choose another folder with `--out`, or build with `--overwrite` to replace it"),
            ),
            Occupant::NotAFile => problems.push(
                Diagnostic::error(
                    &path,
                    "this is a folder or a link where the build would write a PDF",
                ).code(crate::diagnostic::Code::OutputBlocked)
                .hint("move it away, or choose another folder with `--out`"),
            ),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.into())
    }
}

fn out_problem(shown: &Path, why: String) -> Diagnostic {
    Diagnostic::error(shown, why)
        .code(crate::diagnostic::Code::OutputBlocked)
        .hint("move it away, or choose another folder with `--out`")
}

/// A progress bar on a terminal; nothing when output is piped or `--quiet`.
fn progress_bar(options: &Options, len: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if options.quiet
        || options.format != MessageFormat::Human
        || !std::io::stderr().is_terminal()
        || len < 2
    {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("  {bar:30} {pos}/{len} PDFs") {
        bar.set_style(style);
    }
    bar
}

fn report_file(options: &Options, verb: &str, path: &Path, pages: usize, bytes: u64) {
    if !options.quiet && options.format == MessageFormat::Human {
        let unit = if pages == 1 { "page " } else { "pages" };
        println!(
            "  {verb:<9} {:<40} {pages:>2} {unit} {:>4} KiB",
            path.display(),
            bytes.div_ceil(1024)
        );
    }
}

fn write_error(path: &Path, what: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(path, format!("{what} `{}`: {}", path.display(), crate::util::io_reason(e))).code(crate::diagnostic::Code::OutputWriteFailed)
        .hint("check that the folder exists, is not read-only and the disk is not full, or choose another folder with `--out`")
}

/// Opens the built `document` (`booklet`, `session-1-handout`, with or without `.pdf`)
/// in the system's PDF viewer.
pub fn open(out: &Path, shown: &Path, document: &str) -> u8 {
    let name = format!("{}.pdf", document.trim_end_matches(".pdf"));
    let path = out.join(&name);
    if !path.is_file() {
        let mut built: Vec<String> = std::fs::read_dir(out)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".pdf"))
            .map(|n| n.trim_end_matches(".pdf").to_owned())
            .collect();
        built.sort();
        let hint = crate::suggest::hint_for(document, built.iter().map(String::as_str), || {
            format!("the documents are {}", built.join(", "))
        });
        crate::report::usage_error(
            &format!("there is no `{name}` in `{}` to open", shown.display()),
            &hint,
        );
        return EXIT_USAGE;
    }
    match opener::open(&path) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            // The PDFs are built; only the viewer could not be started.
            eprintln!(
                "warning: could not open `{}` in a viewer: {e}",
                shown.join(&name).display()
            );
            EXIT_OK
        }
    }
}

/// `DIR/build`, written without a leading `./` when DIR is the current folder.
pub fn default_out(dir: &Path) -> PathBuf {
    if dir == Path::new(".") {
        PathBuf::from("build")
    } else {
        dir.join("build")
    }
}

/// SOURCE_DATE_EPOCH, the reproducible-builds convention for a fixed build date.
fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}
