//! The output folder, treated as shared ground: a course folder may come from anyone, and
//! `--out` may hold the user's own files. A build writes only inside the resolved folder,
//! takes a lock so two builds never interleave, and replaces or removes a file only when
//! the manifest it made proves the file is its own (by name and by content hash).

use std::fs::File;
use std::path::{Component, Path, PathBuf};

/// Where a build writes: the folder the user named (or the course's own `build`), as
/// shown to them and as resolved, and opened only through the write gate.
#[derive(Debug, Clone)]
pub struct Output {
    /// Resolved after every link and `..`.
    pub path: PathBuf,
    /// As the user named it, for messages.
    pub shown: PathBuf,
    /// The course folder, when this is its own `build` folder (no `--out`).
    own_of: Option<PathBuf>,
    /// The folders inside the output folder this is: `["de"]` for the documents of a
    /// translation, `["families", "Lena-Tom"]` for a family's.
    sub: Vec<String>,
}

/// The folder inside the output folder that holds one folder per family.
pub const FAMILIES_DIR: &str = "families";

impl Output {
    /// The output folder of the course in `course` for `out` (none: the course's own
    /// `build` folder), or why it cannot hold the course's PDFs.
    pub fn of(course: &Path, out: Option<&Path>) -> Result<Output, String> {
        let shown = out.map_or_else(|| default_out(course), Path::to_path_buf);
        let path = resolve(course, &shown, out.is_none())?;
        Ok(Output {
            path,
            shown,
            own_of: out.is_none().then(|| course.to_path_buf()),
            sub: Vec::new(),
        })
    }

    /// The folder of one translation's documents inside this one: `build/de`. Its
    /// language is a tag (checked before), so it is one plain folder name.
    pub fn translation(&self, language: &str) -> Output {
        self.inner(&[language])
    }

    /// The folder of one family's documents: `build/families/Lena-Tom`. Its name is made
    /// one plain file name first ([`crate::model::family::folder_names`]), and no link
    /// is ever followed on the way to it.
    pub fn family(&self, name: &str) -> Output {
        self.inner(&[FAMILIES_DIR, name])
    }

    fn inner(&self, names: &[&str]) -> Output {
        let mut inner = self.clone();
        for name in names {
            inner.path.push(name);
            inner.shown.push(name);
            inner.sub.push((*name).to_owned());
        }
        inner
    }

    /// The output folder this one is inside, or itself.
    pub fn top(&self) -> Output {
        let mut top = self.clone();
        for _ in 0..top.sub.len() {
            top.path.pop();
            top.shown.pop();
        }
        top.sub.clear();
        top
    }

    /// The folder, opened through the write gate: the course's own `build` folder is
    /// never reached through a link out of the course; a folder the user named is made
    /// if it is missing.
    pub fn open(&self) -> Result<crate::write::Folder, crate::diagnostic::Diagnostic> {
        use crate::write::Folder;
        let top = self.top();
        let base = match &self.own_of {
            Some(course) => Folder::open(course).and_then(|c| c.folder(Path::new("build"))),
            None => Folder::create_shown(&top.path, &top.shown),
        };
        let inner = match self.sub.as_slice() {
            [] => base,
            // A family's folder: no link followed, even one that stays inside.
            [families, name] if families == FAMILIES_DIR => base
                .and_then(|b| b.own_folder(FAMILIES_DIR))
                .and_then(|f| f.own_folder(name)),
            // Never through a link that leads out of the output folder.
            names => base.and_then(|base| {
                names
                    .iter()
                    .try_fold(base, |folder, name| folder.folder(Path::new(name)))
            }),
        };
        inner.map_err(|e| e.diagnostic())
    }

    /// `name` in the folder, as shown to the user.
    pub fn shown(&self, name: &str) -> PathBuf {
        self.shown.join(name)
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

/// Resolves `out` (relative to the current folder) after every link and `..`, and checks it
/// may hold PDFs for the course in `course`. `default` is true when the user named no
/// `--out`: then the folder must stay inside the course, even through links.
pub fn resolve(course: &Path, out: &Path, default: bool) -> Result<PathBuf, String> {
    let shown = out.display();
    let course = course
        .canonicalize()
        .map_err(|_| format!("the course folder of `{shown}` cannot be found"))?;
    let absolute = std::env::current_dir()
        .map(|cwd| cwd.join(out))
        .map_err(|_| "the current folder cannot be read".to_owned())?;
    let resolved = resolve_lexically_past(&absolute)
        .ok_or_else(|| format!("the output folder `{shown}` cannot be found"))?;
    let inside_sources = [
        crate::load::MODULES_DIR,
        "templates",
        "locales",
        "images",
        "fonts",
        "schema",
    ]
    .iter()
    .any(|d| resolved.starts_with(course.join(d)));
    if resolved == course || course.starts_with(&resolved) || inside_sources {
        return Err(format!(
            "the output folder `{shown}` would mix PDFs into the course's own files"
        ));
    }
    if default && !resolved.starts_with(&course) {
        return Err(format!(
            "the output folder `{shown}` is a link that leads outside the course folder"
        ));
    }
    if resolved.exists() && !resolved.is_dir() {
        return Err(format!("`{shown}` is a file, not a folder"));
    }
    Ok(resolved)
}

/// The real path of `path`, which need not exist: the nearest existing ancestor is
/// resolved with every link, and the rest (which cannot hold links, since it does not
/// exist) is resolved by words, so `a/missing/..` is `a`.
fn resolve_lexically_past(path: &Path) -> Option<PathBuf> {
    let existing = path.ancestors().find(|p| p.exists())?;
    let mut real = existing.canonicalize().ok()?;
    for component in path.strip_prefix(existing).ok()?.components() {
        match component {
            Component::Normal(name) => real.push(name),
            Component::ParentDir => {
                real.pop();
            }
            _ => {}
        }
    }
    Some(real)
}

/// Whether `name` is a name a build could have written: one plain file name ending in
/// `.pdf` or `.html`, so a manifest entry can never point outside the folder or at a
/// hidden file.
pub fn is_document_name(name: &str) -> bool {
    (name.ends_with(".pdf") || name.ends_with(".html"))
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0'])
        && Path::new(name).components().count() == 1
}

/// What [`clean`] did in one folder.
#[derive(Debug, Default)]
pub struct Cleaned {
    /// The PDFs and HTML pages removed, by name.
    pub removed: Vec<String>,
    /// Those a build wrote that changed since, so were left.
    pub kept: Vec<String>,
}

/// Removes from `folder` (at `path`) what its build record proves a build wrote, any
/// temporary file the record names, then the record itself. Nothing else is touched.
pub fn clean(folder: &crate::write::Folder, path: &Path) -> Result<Cleaned, String> {
    use crate::pipeline::manifest::{Manifest, MANIFEST_FILE};
    use crate::write::Folder;
    let manifest = Manifest::read(path)?;
    let proven = |_: &Folder, name: &str| manifest.proves(name);
    let mut cleaned = Cleaned::default();
    for name in manifest.files.keys() {
        if folder.remove(name, &proven) {
            cleaned.removed.push(name.clone());
        } else if folder.occupied(Path::new(name)) {
            cleaned.kept.push(name.clone());
        }
    }
    for partial in &manifest.partials {
        folder.discard_partial(partial);
    }
    folder.remove(MANIFEST_FILE, &|_: &Folder, _: &str| true);
    Ok(cleaned)
}

/// Cleans the folder of each family in `families` (at `path`) that a build's record is
/// in, except those named in `keep`, and removes each folder left empty: the names of
/// the files removed and kept, as `name/file`.
pub fn clean_families(families: &crate::write::Folder, path: &Path, keep: &[String]) -> Cleaned {
    use crate::pipeline::manifest::MANIFEST_FILE;
    let mut all = Cleaned::default();
    for name in families.own_folders() {
        if keep.contains(&name) {
            continue;
        }
        let Some(family) = families.existing_own_folder(&name) else {
            continue;
        };
        if !family.is_regular_file(MANIFEST_FILE) {
            continue;
        }
        if let Ok(cleaned) = clean(&family, &path.join(&name)) {
            all.removed
                .extend(cleaned.removed.iter().map(|n| format!("{name}/{n}")));
            all.kept
                .extend(cleaned.kept.iter().map(|n| format!("{name}/{n}")));
        }
        drop(family);
        families.remove_empty_folder(&name);
    }
    all
}

/// A held lock on the output folder; released when dropped (or when the process ends).
pub struct Lock {
    _folder: File,
}

/// Takes the output folder's lock, waiting for another build that holds it. The lock is
/// on the folder itself, so no lock file is left behind. `waiting` is called once if it
/// must wait.
pub fn lock(out: &crate::write::Folder, waiting: impl FnOnce()) -> std::io::Result<Lock> {
    let folder = out.handle()?;
    match folder.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            waiting();
            folder.lock()?;
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(e),
    }
    Ok(Lock { _folder: folder })
}

/// Hash of a file's content as the manifest records it.
pub fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// The hash of `out/name` if it is a regular file (not a link, not a folder) a build
/// could have written; compared with a manifest's hashes, the proof that a build wrote it
/// and nobody changed it since.
pub fn hash_on_disk(out: &Path, name: &str) -> Option<String> {
    if !is_document_name(name) {
        return None;
    }
    let path = out.join(name);
    let meta = path.symlink_metadata().ok()?;
    if !meta.is_file() || meta.len() > crate::limits::MAX_PDF_BYTES {
        return None;
    }
    std::fs::read(&path).ok().map(|bytes| content_hash(&bytes))
}

/// What stands at `out/name`: nothing, or something a build may not replace.
pub enum Occupant {
    Free,
    /// A file the manifest does not prove to be ours.
    Foreign,
    /// A folder, link or other non-file, which is never replaced.
    NotAFile,
}

pub fn occupant(
    out: &Path,
    name: &str,
    manifest: &crate::pipeline::manifest::Manifest,
) -> Occupant {
    match out.join(name).symlink_metadata() {
        Err(_) => Occupant::Free,
        Ok(meta) if !meta.is_file() => Occupant::NotAFile,
        Ok(_) if manifest.proves(name) => Occupant::Free,
        Ok(_) => Occupant::Foreign,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_pdf_names_are_document_names() {
        for good in [
            "booklet.pdf",
            "session-1-handout.pdf",
            "a b.pdf",
            "index.html",
        ] {
            assert!(is_document_name(good), "{good}");
        }
        for bad in [
            "../course.yaml",
            "/etc/passwd",
            "../booklet.pdf",
            "sub/booklet.pdf",
            ".hidden.pdf",
            "..pdf",
            "booklet.PDF.txt",
            ".html",
            "../index.html",
            "a\\b.pdf",
            "",
        ] {
            assert!(!is_document_name(bad), "{bad}");
        }
    }

    #[test]
    fn missing_parts_of_a_path_resolve_by_words() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        assert_eq!(
            resolve_lexically_past(&dir.path().join("x/..")).unwrap(),
            real
        );
        assert_eq!(
            resolve_lexically_past(&dir.path().join("x/../y")).unwrap(),
            real.join("y")
        );
    }
}
