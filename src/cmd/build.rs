//! `course build`: validate, then render every PDF and write them atomically. With any
//! error nothing is written.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::cli::{MessageFormat, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::diagnostic::Diagnostic;
use crate::render::{RenderedPdf, Renderer};

pub struct Options {
    pub dir: PathBuf,
    pub out: Option<PathBuf>,
    pub quiet: bool,
    pub force: bool,
    pub format: MessageFormat,
}

pub fn run(options: &Options) -> u8 {
    let started = Instant::now();
    let course = match super::load_course(&options.dir) {
        Ok(course) => course,
        Err(status) => return status,
    };
    let out = options.out.clone().unwrap_or_else(|| default_out(&options.dir));
    if let Err(message) = check_out_dir(&options.dir, &out) {
        crate::report::usage_error(&message, "choose another folder with `--out`, or leave it out to use the course's `build` folder");
        return EXIT_USAGE;
    }
    let fail = |mut diagnostics: Vec<Diagnostic>| {
        // A template error repeats for every document that uses the template.
        crate::diagnostic::sort(&mut diagnostics);
        diagnostics.dedup();
        super::print_diagnostics(&course, &diagnostics, options.format);
        if options.format == MessageFormat::Human {
            eprintln!("Nothing was written: fix the problems above and build again.");
        }
        EXIT_PROBLEMS
    };
    let fonts = match super::course_fonts(&course) {
        Ok(fonts) => fonts,
        Err(d) => return fail(vec![d]),
    };
    let (diagnostics, _) = crate::validate::validate(&course, &fonts);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return fail(diagnostics);
    }
    super::print_diagnostics(&course, &diagnostics, options.format);
    let renderer = match Renderer::new(&course, fonts) {
        Ok(r) => r,
        Err(d) => return fail(vec![d]),
    };
    let documents = crate::plan::plan(&course, &renderer.locale);
    let results: Vec<Result<RenderedPdf, Diagnostic>> = documents
        .par_iter()
        .map(|doc| renderer.render(doc))
        .collect();
    let (pdfs, errors): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    if !errors.is_empty() {
        return fail(errors.into_iter().filter_map(Result::err).collect());
    }
    let pdfs: Vec<RenderedPdf> = pdfs.into_iter().filter_map(Result::ok).collect();
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!(
            "error: cannot create the output folder `{}`: {}",
            out.display(),
            crate::util::io_reason(&e)
        );
        return EXIT_PROBLEMS;
    }
    let mut total_bytes = 0;
    for pdf in &pdfs {
        match crate::write::write_atomically(&out, &pdf.file_name, &pdf.bytes) {
            Ok(path) => {
                total_bytes += pdf.bytes.len();
                if !options.quiet {
                    println!(
                        "  wrote {:<44} {:>2} {}  {:>4} KiB",
                        path.display(),
                        pdf.pages,
                        if pdf.pages == 1 { "page " } else { "pages" },
                        pdf.bytes.len().div_ceil(1024)
                    );
                }
            }
            Err(e) => {
                eprintln!(
                    "error: cannot write `{}`: {}",
                    out.join(&pdf.file_name).display(),
                    crate::util::io_reason(&e)
                );
                return EXIT_PROBLEMS;
            }
        }
    }
    let _ = options.force;
    if !options.quiet {
        println!(
            "Built {} PDFs ({} KiB) in {:.2} s into {}",
            pdfs.len(),
            total_bytes.div_ceil(1024),
            started.elapsed().as_secs_f64(),
            out.display()
        );
    }
    EXIT_OK
}

/// `--out` must not be the course's own folder, its parent, or the filesystem root:
/// a build must never mix PDFs into (or clear out) the sources.
fn check_out_dir(course: &Path, out: &Path) -> Result<(), String> {
    let canonical = |p: &Path| p.canonicalize().ok();
    let Some(course) = canonical(course) else {
        return Ok(());
    };
    // The output folder may not exist yet: judge by its nearest existing ancestor.
    let existing = out.ancestors().find(|p| p.exists()).and_then(canonical);
    let Some(existing) = existing else {
        return Ok(());
    };
    let out_full = existing.join(
        out.strip_prefix(out.ancestors().find(|p| p.exists()).unwrap_or(out))
            .unwrap_or(Path::new("")),
    );
    let bad = out_full == course
        || course.starts_with(&out_full)
        || out_full.parent().is_none()
        || out_full.starts_with(course.join(crate::load::MODULES_DIR));
    if bad {
        Err(format!(
            "the output folder `{}` would mix PDFs into the course's own files",
            out.display()
        ))
    } else {
        Ok(())
    }
}

/// `DIR/build`, written without a leading `./` when DIR is the current folder.
fn default_out(dir: &Path) -> PathBuf {
    if dir == Path::new(".") {
        PathBuf::from("build")
    } else {
        dir.join("build")
    }
}
