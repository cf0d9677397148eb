//! `course build`: the pipeline's build ([`crate::pipeline::build`]) with its options
//! taken from the command line and what it did said in the chosen format.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use crate::error::Error;
use crate::pipeline::{self, Document, Output, Stamp};
use crate::report::MessageFormat;

#[derive(Clone)]
pub struct Options {
    pub dir: PathBuf,
    pub out: Option<PathBuf>,
    pub quiet: bool,
    /// A document to open in the system's viewer once built (`booklet`, ...).
    pub open: Option<String>,
    /// Untranslated and out-of-date texts are errors (`--strict`).
    pub strict: bool,
    pub format: MessageFormat,
    pub build: pipeline::Options,
}

impl Options {
    /// Lines for people only: a JSON or short stream holds nothing but its own lines.
    fn chatty(&self) -> bool {
        !self.quiet && self.format == MessageFormat::Human
    }
}

pub fn run(options: &Options) -> Result<(), Error> {
    let started = Instant::now();
    // Taken before anything of the course is read; see `pipeline::Stamp`.
    let settled = Output::of(&options.dir, options.out.as_deref())
        .ok()
        .map(|output| {
            let stamp = Stamp::of(&options.dir, &output.path);
            let outcome = pipeline::unchanged(stamp.as_ref(), &output, &options.build);
            (output, stamp, outcome)
        });
    if let Some((output, _, Some(outcome))) = &settled {
        return done(options, output, outcome, None, started);
    }
    crate::pipeline::warm_up();
    let mut course = super::load_course(&options.dir)?;
    course.strict_translations |= options.strict;
    let output = output_folder(options)?;
    let stamp = settled.and_then(|(_, stamp, _)| stamp);
    let bar = ProgressBar::new(options, &output);
    let result = pipeline::build(&course, stamp, &output, &options.build, &bar);
    bar.bar.finish_and_clear();
    match result {
        Ok(outcome) => done(options, &output, &outcome, Some(&course), started),
        Err(failure) => {
            for document in &failure.written {
                report_document(options, &output, document);
            }
            super::print_diagnostics(&course, &failure.diagnostics, options.format);
            let counts = crate::diagnostic::counts(&failure.diagnostics);
            let written = failure.written.len();
            crate::report::summary(
                options.format,
                counts,
                serde_json::json!({ "written": written }),
            );
            if options.format == MessageFormat::Human {
                if written == 0 {
                    eprintln!("Nothing was written: fix the problems above and build again.");
                } else {
                    eprintln!(
                        "{written} {} were written before this stopped; the others are as they were. Fix the problem above and build again.",
                        options.build.formats.noun(written)
                    );
                }
            }
            Err(Error::Problems)
        }
    }
}

/// Says what a build did: each document, the files removed, a closing line and the
/// warnings (drawn with the `course` they are in); then opens the document asked for.
fn done(
    options: &Options,
    output: &Output,
    outcome: &pipeline::Outcome,
    course: Option<&crate::load::Course>,
    started: Instant,
) -> Result<(), Error> {
    for document in &outcome.documents {
        report_document(options, output, document);
    }
    if options.chatty() {
        for removed in &outcome.removed {
            println!("  removed {}", output.shown(removed).display());
        }
        let unchanged = match outcome.unchanged() {
            0 => String::new(),
            n => format!(", {n} unchanged"),
        };
        let written = outcome.written().count();
        println!(
            "Built {written} {}{unchanged} ({} KiB) in {:.2} s into {}",
            options.build.formats.noun(written),
            outcome.bytes().div_ceil(1024),
            started.elapsed().as_secs_f64(),
            output.shown.display()
        );
    }
    if let Some(course) = course {
        super::print_diagnostics(course, &outcome.warnings, options.format);
    }
    let built = serde_json::json!({
        "written": outcome.written().count(),
        "unchanged": outcome.unchanged(),
    });
    crate::report::summary(options.format, (0, outcome.warnings.len()), built);
    match &options.open {
        Some(document) => open(output, document, &outcome.names(), options.build.formats),
        None => Ok(()),
    }
}

/// The output folder, resolved; or why it cannot be used (a course folder that is not
/// there is said as such, not as an output folder not found).
pub fn output_folder(options: &Options) -> Result<Output, Error> {
    crate::load::folder(&options.dir).map_err(|e| Error::usage(&e.message, &e.hint))?;
    Output::of(&options.dir, options.out.as_deref()).map_err(|message| {
        Error::usage(
            &message,
            "choose another folder with `--out`, or leave it out to use the course's `build` folder",
        )
    })
}

/// A progress bar on a terminal; nothing when output is piped or `--quiet`.
struct ProgressBar {
    bar: indicatif::ProgressBar,
    on_terminal: bool,
    /// The line said while another build holds the folder; none with `--quiet`.
    waiting: Option<String>,
}

impl ProgressBar {
    fn new(options: &Options, output: &Output) -> ProgressBar {
        ProgressBar {
            bar: indicatif::ProgressBar::hidden(),
            on_terminal: options.chatty() && std::io::stderr().is_terminal(),
            waiting: (!options.quiet).then(|| {
                format!(
                    "Waiting for another build into `{}` to finish...",
                    output.shown.display()
                )
            }),
        }
    }
}

impl pipeline::Progress for ProgressBar {
    fn waiting(&self) {
        if let Some(line) = &self.waiting {
            eprintln!("{line}");
        }
    }

    fn rendering(&self, documents: usize) {
        if self.on_terminal && documents >= 2 {
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("  {bar:30} {pos}/{len} PDFs")
            {
                self.bar.set_style(style);
            }
            self.bar.set_length(documents as u64);
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    fn rendered(&self) {
        self.bar.inc(1);
    }
}

fn report_document(options: &Options, output: &Output, document: &Document) {
    let path = output.shown(&document.name);
    let (pages, bytes) = (document.pages, document.bytes);
    crate::report::document(
        options.format,
        &path,
        document.status.as_str(),
        pages,
        bytes,
    );
    if options.chatty() {
        let verb = match document.status {
            pipeline::Status::Written => "wrote",
            pipeline::Status::Unchanged => "unchanged",
        };
        // A web page has no pages of paper to count.
        let pages = match pages {
            _ if document.name.ends_with(".html") => "        ".to_owned(),
            1 => " 1 page ".to_owned(),
            n => format!("{n:>2} pages"),
        };
        println!(
            "  {verb:<9} {:<40} {pages} {:>4} KiB",
            path.display(),
            bytes.div_ceil(1024)
        );
    }
}

/// Opens the built `document` (`booklet`, `session-1-handout`, with or without `.pdf` or
/// `.html`) in the system's PDF viewer, or its page in the browser when only pages were
/// built: only a document of the course's plan, only as a file the build wrote in its
/// output folder.
pub fn open(
    output: &Output,
    document: &str,
    documents: &[String],
    formats: pipeline::Formats,
) -> Result<(), Error> {
    let extension = if formats.pdf() { ".pdf" } else { ".html" };
    let bare = |name: &str| {
        name.trim_end_matches(".pdf")
            .trim_end_matches(".html")
            .to_owned()
    };
    let name = format!("{}{extension}", bare(document));
    let path = output.path.join(&name);
    let built = documents.contains(&name)
        && path
            .symlink_metadata()
            .is_ok_and(|m| m.is_file() && !m.is_symlink());
    if !built {
        let names: Vec<String> = documents
            .iter()
            .filter(|n| n.ends_with(extension))
            .map(|n| bare(n))
            .collect();
        let hint = crate::suggest::hint_for(document, names.iter().map(String::as_str), || {
            format!("the documents are {}", names.join(", "))
        });
        return Err(Error::usage(
            &format!(
                "`{document}` is not a document of this course, so there is nothing in `{}` to open",
                output.shown.display()
            ),
            &hint,
        ));
    }
    if let Err(e) = opener::open(&path) {
        // The PDFs are built; only the viewer could not be started.
        eprintln!(
            "warning: could not open `{}` in a viewer: {e}",
            output.shown(&name).display()
        );
    }
    Ok(())
}
