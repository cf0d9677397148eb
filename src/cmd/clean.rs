//! `course clean`: removes the PDFs and pages a build wrote, exactly those its build record proves
//! it wrote (a file edited or replaced since is left alone), then the record itself.

use crate::error::Error;
use std::path::{Path, PathBuf};

use crate::pipeline::manifest::{Manifest, MANIFEST_FILE};

pub fn run(dir: &Path, out: Option<PathBuf>) -> Result<(), Error> {
    let (out, shown) = match crate::pipeline::Output::of(dir, out.as_deref()) {
        Ok(output) => (output.path, output.shown),
        Err(message) => {
            return Err(Error::usage(
                &message,
                "name the folder the build wrote to with `--out`",
            ));
        }
    };
    if !out.is_dir() {
        println!("Nothing to clean: `{}` does not exist.", shown.display());
        return Ok(());
    }
    let folder = match crate::write::Folder::open(&out) {
        Ok(folder) => folder,
        Err(e) => return Err(Error::failed(&e.message(), e.hint())),
    };
    let _lock = match crate::pipeline::output::lock(&folder, || {}) {
        Ok(lock) => lock,
        Err(e) => {
            return Err(Error::failed(
                &format!(
                    "cannot lock `{}`: {}",
                    shown.display(),
                    crate::util::io_reason(&e)
                ),
                "check that the folder can be written to",
            ))
        }
    };
    let manifest = match Manifest::read(&out) {
        Ok(manifest) => manifest,
        Err(why) => return Err(Error::failed(&why, "move it away; nothing was removed")),
    };
    let proven = |_: &crate::write::Folder, name: &str| manifest.proves(name);
    let (mut removed, mut pages, mut kept) = (0, 0, Vec::new());
    for name in manifest.files.keys() {
        if folder.remove(name, &proven) {
            if name.ends_with(".html") {
                pages += 1;
            } else {
                removed += 1;
            }
        } else if folder.occupied(Path::new(name)) {
            kept.push(name.clone());
        }
    }
    for partial in &manifest.partials {
        folder.discard_partial(partial);
    }
    folder.remove(MANIFEST_FILE, &|_: &crate::write::Folder, _: &str| true);
    let pages = match pages {
        0 => String::new(),
        1 => " and 1 page".to_owned(),
        n => format!(" and {n} pages"),
    };
    println!("Removed {removed} PDFs{pages} from {}.", shown.display());
    for name in &kept {
        println!(
            "  kept {}: it changed since the build wrote it",
            shown.join(name).display()
        );
    }
    Ok(())
}
