//! `course clean`: removes the PDFs a build wrote, exactly those its build record proves
//! it wrote (a file edited or replaced since is left alone), then the record itself.

use std::path::{Path, PathBuf};

use crate::cli::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::manifest::{Manifest, MANIFEST_FILE};

pub fn run(dir: &Path, out: Option<PathBuf>) -> u8 {
    let shown = out
        .clone()
        .unwrap_or_else(|| super::build::default_out(dir));
    let out = match crate::output::resolve(dir, &shown, out.is_none()) {
        Ok(out) => out,
        Err(message) => {
            crate::report::usage_error(&message, "name the folder the build wrote to with `--out`");
            return EXIT_USAGE;
        }
    };
    if !out.is_dir() {
        println!("Nothing to clean: `{}` does not exist.", shown.display());
        return EXIT_OK;
    }
    let _lock = match crate::output::lock(&out, || {}) {
        Ok(lock) => lock,
        Err(e) => {
            eprintln!(
                "error: cannot lock `{}`: {}",
                shown.display(),
                crate::util::io_reason(&e)
            );
            return EXIT_PROBLEMS;
        }
    };
    let manifest = match Manifest::read(&out) {
        Ok(manifest) => manifest,
        Err(why) => {
            eprintln!("error: {why}");
            return EXIT_PROBLEMS;
        }
    };
    let (mut removed, mut kept) = (0, Vec::new());
    for name in manifest.files.keys() {
        if manifest.proves(name) && std::fs::remove_file(out.join(name)).is_ok() {
            removed += 1;
        } else if out.join(name).exists() {
            kept.push(name.clone());
        }
    }
    let _ = std::fs::remove_file(out.join(MANIFEST_FILE));
    println!("Removed {removed} PDFs from {}.", shown.display());
    for name in &kept {
        println!(
            "  kept {}: it changed since the build wrote it",
            shown.join(name).display()
        );
    }
    EXIT_OK
}
