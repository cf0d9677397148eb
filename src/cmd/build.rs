//! `course build`: validate, then render the PDFs whose inputs changed and write them
//! atomically. With any error nothing is written.

use crate::error::Error;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::cli::MessageFormat;
use crate::diagnostic::{Code, Diagnostic};
use crate::load::Course;
use crate::manifest::{Entry, Manifest};
use crate::render::{ContentsMemory, Renderer};
use crate::write::Folder;
use std::collections::HashMap;

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
    /// Every document of the plan, built now or before: the only ones `--open` opens.
    pub documents: Vec<String>,
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

pub fn run(options: &Options) -> Result<(), Error> {
    let course = super::load_course(&options.dir)?;
    let (out, shown) = output_folder(options)?;
    match build(&course, &out, &shown, options) {
        Ok(outcome) => {
            super::print_diagnostics(&course, &outcome.warnings, options.format);
            let built =
                serde_json::json!({ "written": outcome.written, "unchanged": outcome.unchanged });
            crate::report::summary(options.format, (0, outcome.warnings.len()), built);
            match &options.open {
                Some(document) => open(&out, &shown, document, &outcome.documents),
                None => Ok(()),
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
            Err(Error::Problems)
        }
    }
}

/// The output folder, resolved and as shown to the user; or why it cannot be used.
pub fn output_folder(options: &Options) -> Result<(PathBuf, PathBuf), Error> {
    let shown = options
        .out
        .clone()
        .unwrap_or_else(|| default_out(&options.dir));
    match crate::output::resolve(&options.dir, &shown, options.out.is_none()) {
        Ok(out) => Ok((out, shown)),
        Err(message) => Err(Error::usage(
            &message,
            "choose another folder with `--out`, or leave it out to use the course's `build` folder",
        )),
    }
}

/// The folder a build writes into, through the write gate: the course's own `build`
/// folder (never reached through a link out of the course), or the `--out` the user named.
pub fn open_output(options: &Options, out: &Path) -> Result<Folder, Diagnostic> {
    match &options.out {
        None => Folder::open(&options.dir).and_then(|course| course.folder(Path::new("build"))),
        Some(shown) => Folder::create_shown(out, shown),
    }
    .map_err(|e| e.diagnostic())
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

    let folder = open_output(options, out).map_err(|d| vec![d])?;
    let _lock = crate::output::lock(&folder, || {
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

    // Temporary files of an earlier build that was stopped before renaming them into
    // place: only those its record names are removed, never a file of the user's.
    for partial in &old.partials {
        folder.discard_partial(partial);
    }
    folder.discard_partials_of(crate::manifest::MANIFEST_FILE);
    // The temporary names are recorded before any is made, so a build killed while
    // writing leaves nothing the next one does not know to be its own.
    let partial_names: HashMap<&str, String> = todo
        .iter()
        .map(|&i| {
            let name = documents[i].file_name.as_str();
            (name, crate::write::temporary_name(name))
        })
        .collect();
    let mut record = old.clone_entries();
    record.partials = partial_names.values().cloned().collect();
    record.write(&folder).map_err(|e| vec![e.diagnostic()])?;

    let progress = progress_bar(options, todo.len());
    let to_render: Vec<&crate::plan::PlannedDocument> =
        todo.iter().map(|&i| &documents[i]).collect();
    // Each PDF goes to its temporary file as soon as it is made; none is held in memory.
    let made = crate::render::batch::render_all(
        &renderer,
        &to_render,
        &|doc, pdf| {
            let partial = &partial_names[doc.file_name.as_str()];
            // Said of the document, not of its temporary name.
            let problem = |e: crate::write::WriteError| {
                let mut d = e.diagnostic();
                d.file = shown.join(&doc.file_name);
                d
            };
            let mut file = folder.start(partial).map_err(problem)?;
            file.write(&pdf.bytes).map_err(problem)?;
            file.keep().map_err(problem)?;
            Ok((
                doc.file_name.clone(),
                Entry {
                    fingerprint: String::new(),
                    hash: crate::output::content_hash(&pdf.bytes),
                    previous: None,
                    bytes: pdf.bytes.len() as u64,
                    pages: pdf.pages,
                },
            ))
        },
        &|| progress.inc(1),
    );
    progress.finish_and_clear();
    let made: HashMap<String, Entry> = match made {
        Ok(made) => made.into_iter().collect(),
        Err(problems) => {
            for partial in partial_names.values() {
                folder.discard_partial(partial);
            }
            let _ = old.clone_entries().write(&folder);
            return Err(problems.into());
        }
    };

    let mut manifest = Manifest::default();
    for (doc, fingerprint) in documents.iter().zip(&fingerprints) {
        let entry = match made.get(&doc.file_name) {
            Some(entry) => Entry {
                fingerprint: fingerprint.clone(),
                ..entry.clone()
            },
            None => old.files[&doc.file_name].clone(),
        };
        manifest.files.insert(doc.file_name.clone(), entry);
    }
    // First record what is about to be renamed into place, beside what was there: a
    // build killed while renaming PDFs into place leaves every file provably its own.
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
    during.partials = record.partials.clone();
    during.write(&folder).map_err(|e| vec![e.diagnostic()])?;

    let mut outcome = Outcome {
        warnings: diagnostics,
        documents: documents.iter().map(|d| d.file_name.clone()).collect(),
        ..Outcome::default()
    };
    // Lines for people only: a JSON or short stream holds nothing but its own lines.
    let quiet = options.quiet || options.format != MessageFormat::Human;
    let ours = |_: &Folder, name: &str| old.proves(name) || options.overwrite;
    for doc in &documents {
        let path = shown.join(&doc.file_name);
        let entry = &manifest.files[&doc.file_name];
        match partial_names.get(doc.file_name.as_str()) {
            Some(partial) => {
                if let Err(e) = folder.rename_partial(partial, &doc.file_name, &ours) {
                    for partial in partial_names.values() {
                        folder.discard_partial(partial);
                    }
                    return Err(Failure {
                        diagnostics: vec![e.diagnostic()],
                        written: outcome.written,
                    });
                }
                outcome.written += 1;
                outcome.written_names.push(doc.file_name.clone());
                report_file(options, "wrote", &path, entry.pages, entry.bytes);
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
        if folder.remove(stale, &|_: &Folder, n: &str| old.proves(n)) && !quiet {
            println!("  removed {}", shown.join(stale).display());
        }
    }
    manifest.write(&folder).map_err(|e| Failure {
        diagnostics: vec![e.diagnostic()],
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
                    Code::OutputBlocked,
                    &path,
                    "this file was not written by `course build`, so it is left as it is",
                )
                .hint("move or rename it, choose another folder with `--out`, or build with `--overwrite` to replace it"),
            ),
            Occupant::NotAFile => problems.push(
                Diagnostic::error(
                    Code::OutputBlocked,
                    &path,
                    "this is a folder or a link where the build would write a PDF",
                )
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
    Diagnostic::error(Code::OutputBlocked, shown, why)
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
    let status = if verb == "wrote" { "written" } else { verb };
    crate::report::document(options.format, path, status, pages, bytes);
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
    Diagnostic::error(Code::OutputWriteFailed, path, format!("{what} `{}`: {}", path.display(), crate::util::io_reason(e)))
        .hint("check that the folder exists, is not read-only and the disk is not full, or choose another folder with `--out`")
}

/// Opens the built `document` (`booklet`, `session-1-handout`, with or without `.pdf`)
/// in the system's PDF viewer: only a document of the course's plan, only as a file the
/// build wrote in its output folder.
pub fn open(out: &Path, shown: &Path, document: &str, documents: &[String]) -> Result<(), Error> {
    let name = format!("{}.pdf", document.trim_end_matches(".pdf"));
    let path = out.join(&name);
    let built = documents.contains(&name)
        && path
            .symlink_metadata()
            .is_ok_and(|m| m.is_file() && !m.is_symlink());
    if !built {
        let names: Vec<&str> = documents
            .iter()
            .map(|n| n.trim_end_matches(".pdf"))
            .collect();
        let hint = crate::suggest::hint_for(document, names.iter().copied(), || {
            format!("the documents are {}", names.join(", "))
        });
        return Err(Error::usage(
            &format!(
                "`{document}` is not a document of this course, so there is nothing in `{}` to open",
                shown.display()
            ),
            &hint,
        ));
    }
    match opener::open(&path) {
        Ok(()) => Ok(()),
        Err(e) => {
            // The PDFs are built; only the viewer could not be started.
            eprintln!(
                "warning: could not open `{}` in a viewer: {e}",
                shown.join(&name).display()
            );
            Ok(())
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
