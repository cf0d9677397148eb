//! `course build`: validate, then render the PDFs whose inputs changed and write them
//! atomically. With any error nothing is written.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::cli::{MessageFormat, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::diagnostic::Diagnostic;
use crate::load::Course;
use crate::manifest::{Entry, Manifest};
use crate::render::{RenderedPdf, Renderer};

pub struct Options {
    pub dir: PathBuf,
    pub out: Option<PathBuf>,
    pub quiet: bool,
    pub force: bool,
    pub format: MessageFormat,
}

/// What one build did, for the closing line and for `course watch`.
#[derive(Debug, Default)]
pub struct Outcome {
    pub written: usize,
    pub unchanged: usize,
    pub bytes: u64,
}

pub fn run(options: &Options) -> u8 {
    let course = match super::load_course(&options.dir) {
        Ok(course) => course,
        Err(status) => return status,
    };
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| default_out(&options.dir));
    if let Err(message) = check_out_dir(&options.dir, &out) {
        crate::report::usage_error(&message, "choose another folder with `--out`, or leave it out to use the course's `build` folder");
        return EXIT_USAGE;
    }
    match build(&course, &out, options) {
        Ok(_) => EXIT_OK,
        Err(diagnostics) => {
            super::print_diagnostics(&course, &diagnostics, options.format);
            if options.format == MessageFormat::Human {
                eprintln!("Nothing was written: fix the problems above and build again.");
            }
            EXIT_PROBLEMS
        }
    }
}

/// Validates and builds `course` into `out`; the diagnostics if anything stopped it.
pub fn build(course: &Course, out: &Path, options: &Options) -> Result<Outcome, Vec<Diagnostic>> {
    let started = Instant::now();
    let fonts = super::course_fonts(course).map_err(|d| vec![d])?;
    let (diagnostics, _) = crate::validate::validate(course, &fonts);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    super::print_diagnostics(course, &diagnostics, options.format);
    let mut renderer = Renderer::new(course, fonts).map_err(|d| vec![d])?;
    renderer.source_date_epoch = source_date_epoch();
    let documents = crate::plan::plan(course, &renderer.locale);
    let shared = renderer.shared_fingerprint();
    let old = Manifest::read(out);
    let fingerprints: Vec<String> = documents
        .iter()
        .map(|d| renderer.fingerprint(d, &shared))
        .collect();
    let todo: Vec<usize> = (0..documents.len())
        .filter(|&i| {
            options.force || !old.is_current(out, &documents[i].file_name, &fingerprints[i])
        })
        .collect();

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
        return Err(errors);
    }
    let pdfs: Vec<RenderedPdf> = results.into_iter().filter_map(Result::ok).collect();

    std::fs::create_dir_all(out)
        .map_err(|e| vec![write_error(out, "cannot create the output folder", &e)])?;
    remove_partial_files(out);
    let mut manifest = Manifest::default();
    let mut outcome = Outcome::default();
    let rendered: std::collections::HashMap<&str, &RenderedPdf> =
        pdfs.iter().map(|p| (p.file_name.as_str(), p)).collect();
    for (doc, fingerprint) in documents.iter().zip(&fingerprints) {
        let path = out.join(&doc.file_name);
        let entry = match rendered.get(doc.file_name.as_str()) {
            Some(pdf) => {
                crate::write::write_atomically(out, &pdf.file_name, &pdf.bytes)
                    .map_err(|e| vec![write_error(&path, "cannot write", &e)])?;
                outcome.written += 1;
                report_file(options, "wrote", &path, pdf.pages, pdf.bytes.len() as u64);
                Entry {
                    fingerprint: fingerprint.clone(),
                    bytes: pdf.bytes.len() as u64,
                    pages: pdf.pages,
                }
            }
            None => {
                let entry = old.files[&doc.file_name].clone();
                outcome.unchanged += 1;
                report_file(options, "unchanged", &path, entry.pages, entry.bytes);
                entry
            }
        };
        outcome.bytes += entry.bytes;
        manifest.files.insert(doc.file_name.clone(), entry);
    }
    // PDFs an earlier build wrote that this course no longer makes (a session was
    // removed). Only files in the manifest are ever removed.
    for stale in old
        .files
        .keys()
        .filter(|name| !manifest.files.contains_key(*name))
    {
        if std::fs::remove_file(out.join(stale)).is_ok() && !options.quiet {
            println!("  removed {}", out.join(stale).display());
        }
    }
    manifest
        .write(out)
        .map_err(|e| vec![write_error(out, "cannot write the build record in", &e)])?;
    if !options.quiet {
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
            out.display()
        );
    }
    Ok(outcome)
}

/// Temporary files of a build that was killed before it could rename them into place.
/// They are recognisable by name (see `write::write_atomically`), so only ours go.
fn remove_partial_files(out: &Path) {
    let Ok(entries) = std::fs::read_dir(out) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(crate::write::PARTIAL_SUFFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
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
    Diagnostic::error(path, format!("{what} `{}`: {}", path.display(), crate::util::io_reason(e)))
        .hint("check that the folder exists, is not read-only and the disk is not full, or choose another folder with `--out`")
}

/// `DIR/build`, written without a leading `./` when DIR is the current folder.
pub fn default_out(dir: &Path) -> PathBuf {
    if dir == Path::new(".") {
        PathBuf::from("build")
    } else {
        dir.join("build")
    }
}

/// `--out` must not be the course's own folder, its parent, or the filesystem root:
/// a build must never mix PDFs into (or clear out) the sources.
fn check_out_dir(course: &Path, out: &Path) -> Result<(), String> {
    let Ok(course) = course.canonicalize() else {
        return Ok(());
    };
    let out_abs = std::env::current_dir()
        .map(|cwd| cwd.join(out))
        .unwrap_or_else(|_| out.to_owned());
    // The output folder may not exist yet: judge by its nearest existing ancestor.
    let Some(existing) = out_abs.ancestors().find(|p| p.exists()) else {
        return Ok(());
    };
    let Ok(real) = existing.canonicalize() else {
        return Ok(());
    };
    let out_full = real.join(out_abs.strip_prefix(existing).unwrap_or(Path::new("")));
    let inside_sources = [
        crate::load::MODULES_DIR,
        "templates",
        "locales",
        "images",
        "fonts",
    ]
    .iter()
    .any(|d| out_full.starts_with(course.join(d)));
    if out_full == course || course.starts_with(&out_full) || inside_sources {
        Err(format!(
            "the output folder `{}` would mix PDFs into the course's own files",
            out.display()
        ))
    } else {
        Ok(())
    }
}

/// SOURCE_DATE_EPOCH, the reproducible-builds convention for a fixed build date.
fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}
