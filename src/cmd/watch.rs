//! `course watch`: build, then rebuild whatever changed on every save until Ctrl-C.
//! The folder is watched, not single files, so editors that save by writing a new file
//! and renaming it over the old one are seen too.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use super::build::{self, Options};
use crate::cli::{EXIT_OK, EXIT_PROBLEMS};

/// How long to wait for an editor to finish a burst of writes before rebuilding.
const SETTLE: Duration = Duration::from_millis(150);

pub fn run(options: &Options) -> u8 {
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| build::default_out(&options.dir));
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    if let Err(e) = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)) {
        eprintln!("error: cannot catch Ctrl-C: {e}");
        return EXIT_PROBLEMS;
    }
    let (tx, rx) = mpsc::channel();
    let mut watcher =
        match notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            // Reading a file is an event too (the build reads every module); only
            // writes, creations, renames and removals are saves.
            match event {
                Ok(event) if is_save(&event.kind) => {
                    let _ = tx.send(event.paths);
                }
                _ => {}
            }
        }) {
            Ok(w) => w,
            Err(e) => {
                eprintln!("error: cannot watch `{}`: {e}", options.dir.display());
                return EXIT_PROBLEMS;
            }
        };
    if let Err(e) = watcher.watch(&options.dir, RecursiveMode::Recursive) {
        eprintln!("error: cannot watch `{}`: {e}", options.dir.display());
        return EXIT_PROBLEMS;
    }
    let first = build::run(options);
    if first == crate::cli::EXIT_USAGE {
        return first;
    }
    // The viewer opens once; it shows each rebuild of the file by itself.
    let rebuild = build::Options {
        open: None,
        ..options.clone()
    };
    println!(
        "Watching {} for changes. Press Ctrl-C to stop.",
        options.dir.display()
    );
    let out_real = out.canonicalize().unwrap_or(out.clone());
    while !stop.load(Ordering::SeqCst) {
        let Ok(paths) = rx.recv_timeout(Duration::from_millis(200)) else {
            continue;
        };
        if !paths.iter().any(|p| is_source(p, &out_real)) {
            continue;
        }
        // Let the editor finish (write, rename, touch) before reading the files.
        std::thread::sleep(SETTLE);
        while rx.try_recv().is_ok() {}
        if stop.load(Ordering::SeqCst) {
            break;
        }
        println!("\nChange seen; building again.");
        build::run(&rebuild);
    }
    println!("Stopped watching.");
    EXIT_OK
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
        || name == crate::manifest::MANIFEST_FILE)
}
