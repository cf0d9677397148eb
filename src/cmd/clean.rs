//! `course clean`: removes the PDFs and pages a build wrote, exactly those its build record proves
//! it wrote (a file edited or replaced since is left alone), then the record itself.

use crate::error::Error;
use std::path::{Path, PathBuf};

use crate::pipeline::manifest::MANIFEST_FILE;
use crate::pipeline::output::{clean_families, FAMILIES_DIR};
use crate::write::Folder;

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
    let folder = match Folder::open(&out) {
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
    let (mut removed, mut pages, mut kept) = match clean(&folder, &out) {
        Ok(done) => done,
        Err(why) => return Err(Error::failed(&why, "move it away; nothing was removed")),
    };
    // The folders of translations (`build/de`): only those a build's record is in, and
    // only what that record proves.
    for language in translation_folders(&out) {
        let Ok(inner) = folder.folder(Path::new(&language)) else {
            continue;
        };
        if let Ok((n, p, k)) = clean(&inner, &out.join(&language)) {
            removed += n;
            pages += p;
            kept.extend(k.into_iter().map(|name| format!("{language}/{name}")));
        }
        drop(inner);
        folder.remove_empty_folder(&language);
    }
    // Each family's folder (`build/families/Lena-Tom`): real folders only, never links.
    if let Some(families) = folder.existing_own_folder(FAMILIES_DIR) {
        let cleaned = clean_families(&families, &out.join(FAMILIES_DIR), &[]);
        let (n, p) = count(&cleaned.removed);
        removed += n;
        pages += p;
        kept.extend(
            cleaned
                .kept
                .into_iter()
                .map(|name| format!("{FAMILIES_DIR}/{name}")),
        );
        drop(families);
        folder.remove_empty_folder(FAMILIES_DIR);
    }
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

/// Removes from `folder` (at `path`) what its build record proves a build wrote, then the
/// record: how many PDFs and HTML pages were removed, and the names of those kept.
fn clean(folder: &Folder, path: &Path) -> Result<(usize, usize, Vec<String>), String> {
    let cleaned = crate::pipeline::output::clean(folder, path)?;
    let (removed, pages) = count(&cleaned.removed);
    Ok((removed, pages, cleaned.kept))
}

/// How many of `names` are PDFs, and how many HTML pages.
fn count(names: &[String]) -> (usize, usize) {
    let pages = names.iter().filter(|n| n.ends_with(".html")).count();
    (names.len() - pages, pages)
}

/// The folders in `out` named as a language that hold a build's record: real folders,
/// never links.
fn translation_folders(out: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(out) else {
        return Vec::new();
    };
    let mut found: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir() && !t.is_symlink()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| crate::model::is_language_tag(name))
        .filter(|name| out.join(name).join(MANIFEST_FILE).is_file())
        .collect();
    found.sort();
    found
}
