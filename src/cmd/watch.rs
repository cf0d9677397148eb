//! `course watch`: build, then rebuild on every save until Ctrl-C. Each save gets a
//! compact screen: the time, the file that changed, the problems in full, and one line
//! saying what was written and how long it took. Only the documents a change touches
//! are rendered again (the build's fingerprints decide which).
//!
//! The folder is watched, not single files, so editors that save by writing a new file
//! and renaming it over the old one are seen too.

use crate::error::Error;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use super::build::{self, Options};
use crate::cli::MessageFormat;
use crate::pipeline;

/// A save is over once no file has changed for this long: editors write, rename and
/// touch within a few milliseconds.
const QUIET: Duration = Duration::from_millis(30);
/// Rebuild after this long even while files keep changing (a folder being copied in).
const MAX_WAIT: Duration = Duration::from_millis(500);

/// What one build of the watch came to, for `course serve` to show.
pub struct Built<'a> {
    /// The documents of the last build that succeeded, in plan order.
    pub documents: &'a [String],
    /// When this build stopped: its messages, as `course validate` prints them.
    pub problems: Option<&'a str>,
}

pub fn run(options: &Options) -> Result<(), Error> {
    watch(options, &mut |_| {})?;
    println!("Stopped watching.");
    Ok(())
}

/// Builds, then rebuilds on every save until Ctrl-C, telling `after` what each build
/// came to (`course serve` shows it in the browser); `Ok` once stopped by Ctrl-C.
pub fn watch(options: &Options, after: &mut dyn FnMut(Built<'_>)) -> Result<(), Error> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    if let Err(e) = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)) {
        return Err(Error::failed(
            &format!("cannot catch Ctrl-C: {e}"),
            "run `course build` instead, or start the watch from a terminal",
        ));
    }
    let output = build::output_folder(options)?;
    let (tx, rx) = mpsc::channel();
    // Links are not followed: a link in a course to `/` must not have the whole disk
    // watched, and nothing outside the course is its material anyway.
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut watcher = match notify::RecommendedWatcher::new(
        move |event: notify::Result<notify::Event>| {
            // Reading a file is an event too (the build reads every module); only
            // writes, creations, renames and removals are saves.
            match event {
                Ok(event) if is_save(&event.kind) => {
                    let _ = tx.send(event.paths);
                }
                _ => {}
            }
        },
        config,
    ) {
        Ok(w) => w,
        Err(e) => return Err(cannot_watch(&options.dir, &e)),
    };
    if let Err(e) = watcher.watch(&options.dir, RecursiveMode::Recursive) {
        return Err(cannot_watch(&options.dir, &e));
    }
    // The watcher reports absolute paths; they are shown as the user named the course.
    let dir_real = options.dir.canonicalize().unwrap_or(options.dir.clone());
    let mut screen = Screen {
        options: Options {
            quiet: true,
            build: crate::pipeline::Options {
                contents_memory: Some(Default::default()),
                ..options.build.clone()
            },
            ..options.clone()
        },
        output: output.clone(),
        clear: options.format == MessageFormat::Human && std::io::stdout().is_terminal(),
        failing: false,
        documents: Vec::new(),
        problems: None,
    };
    // A folder that is not a course ends the watch at once; problems in it do not.
    if let Err(e @ Error::Usage { .. }) = screen.rebuild(None) {
        return Err(e);
    }
    after(screen.built());
    // The viewer opens once; it shows each rebuild of the file by itself.
    if let Some(document) = &options.open {
        // A name that is no document is said; the watch goes on.
        if let Err(e) = build::open(&output, document, &screen.documents, options.build.formats) {
            e.print();
        }
    }
    let out_real = output.path.canonicalize().unwrap_or(output.path.clone());
    let mut watched = folder_identity(&options.dir);
    while !stop.load(Ordering::SeqCst) {
        let Ok(paths) = rx.recv_timeout(Duration::from_millis(200)) else {
            // A course folder deleted and made again (a copy put back, a checkout) is a
            // new folder the watcher does not see: watch it again, and build what is there.
            let now = folder_identity(&options.dir);
            if now != watched {
                watched = now;
                if now.is_some() {
                    let _ = watcher.unwatch(&options.dir);
                    if watcher
                        .watch(&options.dir, RecursiveMode::Recursive)
                        .is_ok()
                    {
                        screen.rebuild_and_say(Some(&[crate::locate::shown(
                            &options.dir,
                            Path::new(crate::load::COURSE_FILE),
                        )]));
                        after(screen.built());
                    }
                }
            }
            continue;
        };
        let mut changed: Vec<PathBuf> = Vec::new();
        let mut note = |paths: Vec<PathBuf>| {
            for path in paths {
                if is_source(&path, &out_real) && !changed.contains(&path) {
                    changed.push(path);
                }
            }
        };
        note(paths);
        // Let the editor finish (write, rename, touch) before reading the files.
        let first = Instant::now();
        while first.elapsed() < MAX_WAIT {
            match rx.recv_timeout(QUIET) {
                Ok(paths) => note(paths),
                Err(_) => break,
            }
        }
        if changed.is_empty() || stop.load(Ordering::SeqCst) {
            continue;
        }
        let changed: Vec<PathBuf> = changed
            .into_iter()
            .map(|p| match p.strip_prefix(&dir_real) {
                Ok(inside) => crate::locate::shown(&options.dir, inside),
                Err(_) => p,
            })
            .collect();
        screen.rebuild_and_say(Some(&changed));
        after(screen.built());
    }
    Ok(())
}

/// What the watch shows after each build.
struct Screen {
    options: Options,
    output: crate::pipeline::Output,
    /// Clear old output first: only on a terminal.
    clear: bool,
    /// Whether the last build had errors, to say when they are gone.
    failing: bool,
    /// The documents of the last build that succeeded: the ones `--open` may open.
    documents: Vec<String>,
    /// Why the last build stopped, as `course validate` says it; none when it did not.
    problems: Option<String>,
}

impl Screen {
    fn built(&self) -> Built<'_> {
        Built {
            documents: &self.documents,
            problems: self.problems.as_deref(),
        }
    }

    fn course_name(&self) -> String {
        course_name(&self.options.dir)
    }

    /// [`Screen::rebuild`] after a save: a folder that is no longer a course is said, and
    /// the watch goes on.
    fn rebuild_and_say(&mut self, changed: Option<&[PathBuf]>) {
        if let Err(e) = self.rebuild(changed) {
            e.print();
        }
    }

    /// [`Screen::rebuild`], keeping what stopped it for [`Screen::built`].
    fn rebuild(&mut self, changed: Option<&[PathBuf]>) -> Result<(), Error> {
        let result = self.build_and_show(changed);
        if let Err(Error::Usage { message, hint } | Error::Failed { message, hint }) = &result {
            // As a usage error prints, without the terminal's colours.
            self.problems = Some(format!(
                "error: {}\n  hint: {}\n",
                crate::report::visible(message),
                crate::report::visible(hint)
            ));
        }
        result
    }

    /// Builds again and shows the result; a folder that is not a course is returned
    /// without a word, for the caller to say.
    fn build_and_show(&mut self, changed: Option<&[PathBuf]>) -> Result<(), Error> {
        let started = Instant::now();
        let human = self.options.format == MessageFormat::Human;
        if self.clear {
            // Clear the screen and the scrollback, then go to the top left corner.
            print!("\x1b[2J\x1b[3J\x1b[H");
        }
        if human {
            let what = match changed {
                Some(paths) => changed_files(paths),
                None => format!("Building {}", self.course_name()),
            };
            // A changed file may be named with anything: show it as messages do.
            println!("{}  {}", clock(), crate::report::visible(&what));
        }
        // Taken before anything of the course is read; see `pipeline::Stamp`.
        let stamp = pipeline::Stamp::of(&self.options.dir, &self.output.path);
        let course = match super::load_course(&self.options.dir) {
            Ok(course) => course,
            Err(e) => {
                self.failing = true;
                return Err(e);
            }
        };
        let format = self.options.format;
        let build = &self.options.build;
        let status = match pipeline::build(&course, stamp, &self.output, build, &pipeline::Silent) {
            Ok(outcome) => {
                super::print_diagnostics(&course, &outcome.warnings, format);
                let built = serde_json::json!({
                    "written": outcome.written().count(),
                    "unchanged": outcome.unchanged(),
                    "changed": changed_names(changed),
                });
                crate::report::summary(format, (0, outcome.warnings.len()), built);
                if human {
                    if self.failing {
                        println!("The course has no errors again.");
                    }
                    println!("{}", built_line(&outcome, build.formats, started.elapsed()));
                }
                self.failing = false;
                self.documents = outcome.names();
                self.problems = None;
                Ok(())
            }
            Err(failure) => {
                super::print_diagnostics(&course, &failure.diagnostics, format);
                let counts = crate::diagnostic::counts(&failure.diagnostics);
                let stopped = serde_json::json!({
                    "written": failure.written.len(),
                    "changed": changed_names(changed),
                });
                crate::report::summary(format, counts, stopped);
                if human {
                    let errors = failure.diagnostics.iter().filter(|d| d.is_error()).count();
                    let what = if errors == 1 { "error" } else { "errors" };
                    let written = match failure.written.len() {
                        0 => "nothing was written".to_owned(),
                        n => format!(
                            "{n} {} were written before it stopped",
                            build.formats.noun(n)
                        ),
                    };
                    println!("{errors} {what}: {written}. Save to try again.");
                }
                self.failing = true;
                self.problems = Some(crate::report::render_plain(&course, &failure.diagnostics));
                Err(Error::Problems)
            }
        };
        if human {
            println!(
                "Watching {} for changes. Press Ctrl-C to stop.",
                self.course_name()
            );
        }
        status
    }
}

/// The course as the user named it: "the course" when it is the current folder.
pub fn course_name(dir: &Path) -> String {
    if dir == Path::new(".") {
        "the course".to_owned()
    } else {
        dir.display().to_string()
    }
}

/// The files a save changed, for a JSON summary.
fn changed_names(changed: Option<&[PathBuf]>) -> Vec<String> {
    changed
        .unwrap_or_default()
        .iter()
        .map(|p| p.display().to_string())
        .collect()
}

/// "modules/tummy.yaml changed", naming at most two files. An editor's scratch file,
/// gone by now, is not named beside the file it was saved as.
fn changed_files(paths: &[PathBuf]) -> String {
    let there: Vec<&PathBuf> = paths.iter().filter(|p| p.exists()).collect();
    if there.is_empty() {
        return format!("{} removed", shown_list(paths.iter()));
    }
    format!("{} changed", shown_list(there.into_iter()))
}

fn shown_list<'a>(paths: impl Iterator<Item = &'a PathBuf>) -> String {
    let names: Vec<String> = paths
        .map(|p| p.strip_prefix(".").unwrap_or(p).display().to_string())
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    crate::suggest::list(&names, 2)
}

/// "Wrote 3 PDFs (session-2-handout, session-2-checklist, booklet) in 64 ms; 9 unchanged."
fn built_line(outcome: &pipeline::Outcome, formats: pipeline::Formats, took: Duration) -> String {
    let ms = took.as_millis();
    let warnings = match outcome.warnings.len() {
        0 => String::new(),
        1 => ", 1 warning".to_owned(),
        n => format!(", {n} warnings"),
    };
    let written = outcome.written().count();
    if written == 0 {
        let every = formats.noun(1);
        return format!("Nothing to write: every {every} is up to date ({ms} ms{warnings}).");
    }
    // With both kinds, a document's PDF and page are one name.
    let mut names: Vec<&str> = outcome
        .written()
        .map(|d| d.name.trim_end_matches(".pdf").trim_end_matches(".html"))
        .collect();
    let mut seen = std::collections::HashSet::new();
    names.retain(|name| seen.insert(*name));
    format!(
        "Wrote {} {} ({}) in {ms} ms; {} unchanged{warnings}.",
        written,
        formats.noun(written),
        crate::suggest::list(&names, 4),
        outcome.unchanged()
    )
}

/// The local time of day, as a clock on the wall shows it.
fn clock() -> String {
    jiff::Zoned::now().strftime("%H:%M:%S").to_string()
}

fn is_save(kind: &notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
    match kind {
        // A read may touch the access time: not a save.
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Whether a changed path is course material, not the build's own output or an editor's
/// scratch file.
fn is_source(path: &Path, out: &Path) -> bool {
    let real: PathBuf = path.canonicalize().unwrap_or(path.to_owned());
    if real.starts_with(out) || path.starts_with(out) {
        return false;
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    !(name.ends_with(".partial")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.starts_with(".#")
        || name == crate::pipeline::manifest::MANIFEST_FILE)
}

/// Which folder stands at `dir` now (device and inode), or `None` if none does.
fn folder_identity(dir: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(dir).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        meta.created()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| (d.as_secs(), u64::from(d.subsec_nanos())))
    }
}

fn cannot_watch(dir: &Path, e: &notify::Error) -> Error {
    Error::failed(
        &format!("cannot watch `{}`: {e}", dir.display()),
        "check that the folder exists and can be read; `course build` builds it once",
    )
}
