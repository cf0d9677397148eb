//! The one gate every file `course` writes goes through, as `load::gate` is for reading:
//! PDFs and the build record, the starter course of `init`, `new`'s module, `templates
//! copy`, the schema files and `man --dir`.
//!
//! A [`Folder`] is opened once, where the user pointed (the course folder, `--out`,
//! `--dir`); everything below it is reached through a capability-based handle (cap-std)
//! that never leaves it: a `..`, an absolute part, or a link planted inside that leads
//! elsewhere is refused by the operating system's own path resolution, not by checking
//! names first and hoping nothing changes in between. New files are made with
//! `create_new`, so nothing already there is ever overwritten; a file is replaced only
//! when its owner (the build record, or a man page's own header) proves `course` wrote it,
//! always by writing a temporary file beside it and renaming it into place, so a reader
//! never sees half a file.

use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use cap_std::fs::{Dir, OpenOptions};

use crate::diagnostic::{Code, Diagnostic};

/// Starts the names of the temporary files a write renames into place. No user names a
/// file like this, and only names the build record lists are ever removed.
pub const PARTIAL_PREFIX: &str = ".course-partial-";

/// Why a file could not be written. Every variant names the file as the user knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// A `..`, an absolute part, or a link leading out of the folder.
    Outside(PathBuf),
    /// Something is already there that `course` may not replace.
    Exists(PathBuf),
    /// A file where a folder must be, or a folder or link where a file must be.
    InTheWay(PathBuf),
    /// The system refused; the reason in words.
    Failed { path: PathBuf, reason: String },
}

impl WriteError {
    pub fn path(&self) -> &Path {
        match self {
            WriteError::Outside(p) | WriteError::Exists(p) | WriteError::InTheWay(p) => p,
            WriteError::Failed { path, .. } => path,
        }
    }

    /// What is wrong, in words, naming the file.
    pub fn message(&self) -> String {
        format!("`{}` {}", self.path().display(), self.reason())
    }

    /// What is wrong, in words, about the file a diagnostic names.
    pub fn reason(&self) -> String {
        match self {
            WriteError::Outside(_) => {
                "leads outside the folder it is written in (through `..` or a link), so nothing was written there".to_owned()
            }
            WriteError::Exists(_) => "exists already".to_owned(),
            WriteError::InTheWay(_) => {
                "cannot be written: a file stands where a folder is needed, or a folder or link where a file goes".to_owned()
            }
            WriteError::Failed { reason, .. } => format!("cannot be written: {reason}"),
        }
    }

    pub fn hint(&self) -> &'static str {
        match self {
            WriteError::Outside(_) => {
                "replace the link with a folder of its own; nothing is written outside the folder you named"
            }
            WriteError::Exists(_) => "move or rename it, or choose another folder; nothing was changed",
            WriteError::InTheWay(_) => "move it away, or choose another folder",
            WriteError::Failed { .. } => {
                "check that the folder exists, is not read-only and the disk is not full"
            }
        }
    }

    pub fn diagnostic(&self) -> Diagnostic {
        let code = match self {
            WriteError::Failed { .. } => Code::OutputWriteFailed,
            WriteError::Outside(_) => Code::PathOutsideCourse,
            _ => Code::OutputBlocked,
        };
        Diagnostic::error(code, self.path(), self.reason()).hint(self.hint())
    }

    fn from_io(path: PathBuf, e: &std::io::Error) -> WriteError {
        match e.kind() {
            std::io::ErrorKind::AlreadyExists => WriteError::Exists(path),
            std::io::ErrorKind::NotADirectory | std::io::ErrorKind::IsADirectory => {
                WriteError::InTheWay(path)
            }
            // cap-std's word for a path that resolved outside the folder.
            std::io::ErrorKind::PermissionDenied if e.to_string().contains("outside") => {
                WriteError::Outside(path)
            }
            _ => WriteError::Failed {
                path,
                reason: crate::util::io_reason(e),
            },
        }
    }
}

/// A folder `course` may write in, and nothing outside it.
pub struct Folder {
    dir: Dir,
    /// The folder as the user named it, for messages.
    shown: PathBuf,
}

/// Who may be replaced: called with the name of a regular file already in the way.
pub trait Owner {
    fn owns(&self, folder: &Folder, name: &str) -> bool;
}

/// Replaces nothing: only new files are written.
pub struct NoOne;

impl Owner for NoOne {
    fn owns(&self, _: &Folder, _: &str) -> bool {
        false
    }
}

impl<F: Fn(&Folder, &str) -> bool> Owner for F {
    fn owns(&self, folder: &Folder, name: &str) -> bool {
        self(folder, name)
    }
}

impl Folder {
    /// The folder at `path` (as the user typed it, which may itself be a link they made),
    /// created with its parents if it does not exist.
    pub fn create(path: &Path) -> Result<Folder, WriteError> {
        Folder::create_shown(path, path)
    }

    /// [`Folder::create`] for a folder the user knows as `shown`.
    pub fn create_shown(path: &Path, shown: &Path) -> Result<Folder, WriteError> {
        if path.symlink_metadata().is_ok() && !path.is_dir() {
            return Err(WriteError::InTheWay(shown.to_path_buf()));
        }
        std::fs::create_dir_all(path).map_err(|e| WriteError::from_io(shown.to_path_buf(), &e))?;
        let mut folder = Folder::open(path)?;
        folder.shown = shown.to_path_buf();
        Ok(folder)
    }

    /// The existing folder at `path`.
    pub fn open(path: &Path) -> Result<Folder, WriteError> {
        let shown = path.to_path_buf();
        let dir = Dir::open_ambient_dir(path, cap_std::ambient_authority())
            .map_err(|e| WriteError::from_io(shown.clone(), &e))?;
        Ok(Folder { dir, shown })
    }

    /// The folder as the user named it.
    pub fn shown(&self) -> &Path {
        &self.shown
    }

    /// `relative` as the user would name it.
    pub fn shown_path(&self, relative: &Path) -> PathBuf {
        crate::locate::shown(&self.shown, relative)
    }

    /// The folder `relative` inside this one, made if missing; never reached through a
    /// link that leads out.
    pub fn folder(&self, relative: &Path) -> Result<Folder, WriteError> {
        let shown = self.shown_path(relative);
        plain(relative, &shown)?;
        match self.dir.symlink_metadata(relative) {
            Ok(meta) if meta.is_dir() => {}
            // A link is followed only while it stays inside this folder.
            Ok(meta) if meta.is_symlink() => match self.dir.metadata(relative) {
                Ok(target) if target.is_dir() => {}
                Ok(_) => return Err(WriteError::InTheWay(shown)),
                Err(e) => return Err(WriteError::from_io(shown, &e)),
            },
            Ok(_) => return Err(WriteError::InTheWay(shown)),
            Err(_) => self
                .dir
                .create_dir_all(relative)
                .map_err(|e| WriteError::from_io(shown.clone(), &e))?,
        }
        let dir = self
            .dir
            .open_dir(relative)
            .map_err(|e| WriteError::from_io(shown.clone(), &e))?;
        Ok(Folder { dir, shown })
    }

    /// The folder `name` (one plain name) in this one, made if missing; a link there is
    /// never followed, even one that stays inside: for folders whose names come from a
    /// course (a family's), so no name can lead the build into another of its folders.
    pub fn own_folder(&self, name: &str) -> Result<Folder, WriteError> {
        let shown = self.shown_path(Path::new(name));
        plain(Path::new(name), &shown)?;
        if Path::new(name).components().count() != 1 {
            return Err(WriteError::Outside(shown));
        }
        match self.dir.symlink_metadata(name) {
            Ok(meta) if meta.is_dir() && !meta.is_symlink() => {}
            Ok(_) => return Err(WriteError::InTheWay(shown)),
            Err(_) => self
                .dir
                .create_dir(name)
                .map_err(|e| WriteError::from_io(shown.clone(), &e))?,
        }
        let dir = self
            .dir
            .open_dir(name)
            .map_err(|e| WriteError::from_io(shown.clone(), &e))?;
        Ok(Folder { dir, shown })
    }

    /// The folder `name` in this one if it is a real folder there (not a link); none
    /// otherwise. Nothing is made.
    pub fn existing_own_folder(&self, name: &str) -> Option<Folder> {
        let shown = self.shown_path(Path::new(name));
        plain(Path::new(name), &shown).ok()?;
        let meta = self.dir.symlink_metadata(name).ok()?;
        if !meta.is_dir() || meta.is_symlink() {
            return None;
        }
        let dir = self.dir.open_dir(name).ok()?;
        Some(Folder { dir, shown })
    }

    /// The names of the real folders (not links) in this one, sorted.
    pub fn own_folders(&self) -> Vec<String> {
        let Ok(entries) = self.dir.entries() else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir() && !t.is_symlink()))
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        names.sort();
        names
    }

    /// Writes a new file at `relative` (folders made as needed), never replacing anything.
    pub fn create_new(&self, relative: &Path, bytes: &[u8]) -> Result<PathBuf, WriteError> {
        let shown = self.shown_path(relative);
        plain(relative, &shown)?;
        let (folder, name) = self.parent_of(relative)?;
        let mut file = folder
            .dir
            .open_with(name, OpenOptions::new().write(true).create_new(true))
            .map_err(|e| WriteError::from_io(shown.clone(), &e))?;
        let written = file.write_all(bytes).and_then(|()| file.sync_all());
        if let Err(e) = written {
            let _ = folder.dir.remove_file(name);
            return Err(WriteError::from_io(shown, &e));
        }
        Ok(shown)
    }

    /// Writes `name` in this folder whole: to a temporary file first, renamed into place.
    /// What stands there is replaced only if it is a regular file `owner` owns.
    pub fn replace(&self, name: &str, bytes: &[u8], owner: &dyn Owner) -> Result<(), WriteError> {
        let partial = self.start(&temporary_name(name))?;
        let mut partial = partial;
        partial.write(bytes)?;
        partial.finish(name, owner)
    }

    /// Starts a file under a temporary name, to be written piece by piece and renamed into
    /// place by [`Partial::finish`]; it is removed if dropped unfinished.
    pub fn start(&self, partial_name: &str) -> Result<Partial<'_>, WriteError> {
        let shown = self.shown_path(Path::new(partial_name));
        plain(Path::new(partial_name), &shown)?;
        let file = self
            .dir
            .open_with(
                partial_name,
                OpenOptions::new().write(true).create_new(true),
            )
            .map_err(|e| WriteError::from_io(shown, &e))?;
        Ok(Partial {
            folder: self,
            name: partial_name.to_owned(),
            file: Some(file),
        })
    }

    /// Removes the regular file `name` in this folder if `owner` owns it; a link or
    /// folder is never removed. Whether it was removed.
    pub fn remove(&self, name: &str, owner: &dyn Owner) -> bool {
        self.is_regular_file(name) && owner.owns(self, name) && self.dir.remove_file(name).is_ok()
    }

    /// Removes the folder `name` in this one if it is empty (not a link); whether it was.
    pub fn remove_empty_folder(&self, name: &str) -> bool {
        plain(Path::new(name), &self.shown_path(Path::new(name))).is_ok()
            && self
                .dir
                .symlink_metadata(name)
                .is_ok_and(|m| m.is_dir() && !m.is_symlink())
            && self.dir.remove_dir(name).is_ok()
    }

    /// Whether `name` here is a regular file (not a link, not a folder).
    pub fn is_regular_file(&self, name: &str) -> bool {
        self.dir
            .symlink_metadata(name)
            .is_ok_and(|m| m.is_file() && !m.is_symlink())
    }

    /// Whether anything (a file, folder or link, even a broken one) stands at `relative`.
    pub fn occupied(&self, relative: &Path) -> bool {
        self.dir.symlink_metadata(relative).is_ok()
    }

    /// The first `max` bytes and more of the regular file `name`, if it is one; for owners
    /// that recognise their files by content.
    pub fn head(&self, name: &str, max: usize) -> Option<Vec<u8>> {
        use std::io::Read as _;
        if !self.is_regular_file(name) {
            return None;
        }
        let file = self.dir.open(name).ok()?;
        let mut bytes = Vec::new();
        file.take(max as u64).read_to_end(&mut bytes).ok()?;
        Some(bytes)
    }

    /// The folder's handle as a plain file, for locking it.
    pub fn handle(&self) -> std::io::Result<std::fs::File> {
        // The folder's own handle is a path handle (O_PATH), which cannot be locked; the
        // folder opened again for reading can.
        Ok(self
            .dir
            .open_with(".", OpenOptions::new().read(true))?
            .into_std())
    }

    /// The folder holding `relative` (made if missing) and the file's own name.
    fn parent_of<'p>(&self, relative: &'p Path) -> Result<(Folder, &'p str), WriteError> {
        let shown = self.shown_path(relative);
        let name = relative
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| WriteError::Outside(shown.clone()))?;
        let parent = relative.parent().unwrap_or(Path::new(""));
        let folder = if parent.as_os_str().is_empty() {
            Folder {
                dir: self
                    .dir
                    .try_clone()
                    .map_err(|e| WriteError::from_io(shown.clone(), &e))?,
                shown: self.shown.clone(),
            }
        } else {
            self.folder(parent)?
        };
        Ok((folder, name))
    }
}

/// A file being written under a temporary name.
pub struct Partial<'a> {
    folder: &'a Folder,
    name: String,
    file: Option<cap_std::fs::File>,
}

impl Partial<'_> {
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), WriteError> {
        let shown = self.folder.shown_path(Path::new(&self.name));
        match &mut self.file {
            Some(file) => file
                .write_all(bytes)
                .map_err(|e| WriteError::from_io(shown, &e)),
            None => Ok(()),
        }
    }

    /// Makes the file whole on disk and renames it to `name`, replacing what is there
    /// only if it is a regular file `owner` owns.
    pub fn finish(mut self, name: &str, owner: &dyn Owner) -> Result<(), WriteError> {
        let shown = self.folder.shown_path(Path::new(name));
        plain(Path::new(name), &shown)?;
        if let Some(file) = self.file.take() {
            file.sync_all()
                .map_err(|e| WriteError::from_io(shown.clone(), &e))?;
        }
        if self.folder.occupied(Path::new(name)) {
            if !self.folder.is_regular_file(name) {
                return Err(WriteError::InTheWay(shown));
            }
            if !owner.owns(self.folder, name) {
                return Err(WriteError::Exists(shown));
            }
        }
        self.folder
            .dir
            .rename(&self.name, &self.folder.dir, name)
            .map_err(|e| WriteError::from_io(shown, &e))?;
        self.name.clear();
        Ok(())
    }

    /// As [`keep`](Self::keep), but the file is made whole on disk by `syncer`, off this
    /// thread; the build waits for it ([`Syncer::wait`]) before renaming anything.
    pub fn keep_syncing(mut self, syncer: &Syncer, name: &str) -> Result<String, WriteError> {
        if let Some(file) = self.file.take() {
            syncer.sync(file, name, self.folder.shown_path(Path::new(&self.name)))?;
        }
        Ok(std::mem::take(&mut self.name))
    }

    /// Renames the finished file into place later, keeping it on disk meanwhile: its
    /// temporary name, for [`Folder::rename_partial`].
    pub fn keep(mut self) -> Result<String, WriteError> {
        let shown = self.folder.shown_path(Path::new(&self.name));
        if let Some(file) = self.file.take() {
            file.sync_all()
                .map_err(|e| WriteError::from_io(shown, &e))?;
        }
        Ok(std::mem::take(&mut self.name))
    }
}

/// Makes files whole on disk on a thread of its own, one after another, so the threads
/// that make a build's documents go on laying out while the disk catches up (each sync
/// took a document's thread off its work for about a millisecond, as long as laying out
/// a small page). [`wait`](Self::wait) returns once every file handed over is on disk.
pub struct Syncer {
    files: Option<std::sync::mpsc::Sender<(cap_std::fs::File, String, PathBuf)>>,
    thread: Option<std::thread::JoinHandle<Result<(), (String, WriteError)>>>,
}

impl Syncer {
    pub fn start() -> Syncer {
        let (files, synced) = std::sync::mpsc::channel::<(cap_std::fs::File, String, PathBuf)>();
        let thread = std::thread::Builder::new()
            .name("sync".into())
            .spawn(move || {
                let mut result = Ok(());
                for (file, name, shown) in synced {
                    if let (Err(e), Ok(())) = (file.sync_all(), &result) {
                        result = Err((name, WriteError::from_io(shown, &e)));
                    }
                }
                result
            })
            .ok();
        Syncer {
            files: thread.as_ref().map(|_| files),
            thread,
        }
    }

    /// Hands `file` (to become `name`, written as `shown`) over to be synced; synced here
    /// when there is no thread to take it.
    fn sync(&self, file: cap_std::fs::File, name: &str, shown: PathBuf) -> Result<(), WriteError> {
        let handed = match &self.files {
            Some(files) => files.send((file, name.to_owned(), shown.clone())),
            None => return file.sync_all().map_err(|e| WriteError::from_io(shown, &e)),
        };
        match handed {
            Ok(()) => Ok(()),
            Err(std::sync::mpsc::SendError((file, _, shown))) => {
                file.sync_all().map_err(|e| WriteError::from_io(shown, &e))
            }
        }
    }

    /// Waits until every file handed over is on disk; the first that could not be made
    /// so, with the name it was to have.
    pub fn wait(mut self) -> Result<(), (String, WriteError)> {
        self.files = None;
        match self.thread.take().map(std::thread::JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err((
                String::new(),
                WriteError::from_io(
                    PathBuf::new(),
                    &std::io::Error::other("the thread writing files to disk stopped"),
                ),
            )),
            None => Ok(()),
        }
    }
}

impl Drop for Syncer {
    fn drop(&mut self) {
        self.files = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Partial<'_> {
    fn drop(&mut self) {
        if !self.name.is_empty() {
            self.file = None;
            let _ = self.folder.dir.remove_file(&self.name);
        }
    }
}

impl Folder {
    /// Renames a file kept by [`Partial::keep`] to `name`, on the same terms as
    /// [`Partial::finish`].
    pub fn rename_partial(
        &self,
        partial_name: &str,
        name: &str,
        owner: &dyn Owner,
    ) -> Result<(), WriteError> {
        let partial = Partial {
            folder: self,
            name: partial_name.to_owned(),
            file: None,
        };
        partial.finish(name, owner)
    }

    /// Removes the temporary files a killed process left for `name` (see
    /// [`is_temporary_of`]).
    pub fn discard_partials_of(&self, name: &str) {
        let Ok(entries) = self.dir.entries() else {
            return;
        };
        for entry in entries.flatten() {
            let file_name = entry.file_name();
            if let Some(candidate) = file_name.to_str() {
                if is_temporary_of(candidate, name) {
                    self.discard_partial(candidate);
                }
            }
        }
    }

    /// Removes a temporary file this process made, whatever happens to the build.
    pub fn discard_partial(&self, partial_name: &str) {
        if partial_name.starts_with(PARTIAL_PREFIX) && self.is_regular_file(partial_name) {
            let _ = self.dir.remove_file(partial_name);
        }
    }
}

/// A temporary name for a file about to become `name`, unique to this process and call.
pub fn temporary_name(name: &str) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "{PARTIAL_PREFIX}{}-{nanos}-{}-{name}.partial",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// Whether `candidate` is a temporary name [`temporary_name`] made for `name`: the
/// prefix, three numbers, the name and the suffix, nothing else. No one else names a
/// file like this, so one left by a killed process may be removed.
pub fn is_temporary_of(candidate: &str, name: &str) -> bool {
    let Some(rest) = candidate
        .strip_prefix(PARTIAL_PREFIX)
        .and_then(|r| r.strip_suffix(".partial"))
        .and_then(|r| r.strip_suffix(name))
        .and_then(|r| r.strip_suffix('-'))
    else {
        return false;
    };
    let numbers: Vec<&str> = rest.split('-').collect();
    numbers.len() == 3
        && numbers
            .iter()
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Refuses anything but plain names: no `..`, no root, no drive, no `.` tricks.
fn plain(relative: &Path, shown: &Path) -> Result<(), WriteError> {
    let ok = !relative.as_os_str().is_empty()
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if ok {
        Ok(())
    } else {
        Err(WriteError::Outside(shown.to_path_buf()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files kept through a syncer are whole and in place once it has waited for them;
    /// one it could not take is synced by the thread that kept it.
    #[test]
    fn files_synced_off_the_thread_are_whole_before_they_are_renamed() {
        let inside = tempfile::tempdir().unwrap();
        let folder = Folder::open(inside.path()).unwrap();
        let syncer = Syncer::start();
        let mut kept = Vec::new();
        for i in 0..20 {
            let mut file = folder.start(&temporary_name(&format!("{i}.pdf"))).unwrap();
            file.write(format!("document {i}").as_bytes()).unwrap();
            kept.push((i, file.keep_syncing(&syncer, &format!("{i}.pdf")).unwrap()));
        }
        syncer.wait().unwrap();
        for (i, partial) in kept {
            let name = format!("{i}.pdf");
            folder
                .rename_partial(&partial, &name, &|_: &Folder, _: &str| true)
                .unwrap();
            assert_eq!(
                std::fs::read_to_string(inside.path().join(&name)).unwrap(),
                format!("document {i}")
            );
        }
        // With its thread gone, the syncer syncs where it is asked.
        let mut gone = Syncer::start();
        gone.files = None;
        let mut file = folder.start(&temporary_name("late.pdf")).unwrap();
        file.write(b"late").unwrap();
        assert!(file.keep_syncing(&gone, "late.pdf").is_ok());
        assert!(gone.wait().is_ok());
    }

    #[test]
    fn nothing_is_written_through_dots_roots_or_links_out() {
        let outside = tempfile::tempdir().unwrap();
        let inside = tempfile::tempdir().unwrap();
        let folder = Folder::open(inside.path()).unwrap();
        for bad in ["../x", "/tmp/x", "a/../../x", ""] {
            assert!(
                matches!(
                    folder.create_new(Path::new(bad), b"x"),
                    Err(WriteError::Outside(_))
                ),
                "{bad}"
            );
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(outside.path(), inside.path().join("link")).unwrap();
            let result = folder.create_new(Path::new("link/x.yaml"), b"x");
            assert!(
                matches!(
                    result,
                    Err(WriteError::Outside(_) | WriteError::InTheWay(_))
                ),
                "{result:?}"
            );
            std::os::unix::fs::symlink(outside.path().join("victim"), inside.path().join("v"))
                .unwrap();
            assert!(matches!(
                folder.create_new(Path::new("v"), b"x"),
                Err(WriteError::Exists(_))
            ));
            assert!(matches!(
                folder.replace("v", b"x", &NoOne),
                Err(WriteError::InTheWay(_))
            ));
        }
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    }

    #[test]
    fn temporary_names_are_recognised_exactly() {
        let name = temporary_name("booklet.pdf");
        assert!(is_temporary_of(&name, "booklet.pdf"));
        assert!(!is_temporary_of(&name, "klet.pdf"));
        for other in [
            ".booklet.pdf.12345.partial",
            ".course-partial-1-2-booklet.pdf.partial",
            ".course-partial-1-2-x-booklet.pdf.partial",
            ".course-partial-1-2-3-booklet.pdf",
        ] {
            assert!(!is_temporary_of(other, "booklet.pdf"), "{other}");
        }
    }

    #[test]
    fn files_are_new_or_replaced_only_when_owned() {
        let inside = tempfile::tempdir().unwrap();
        let folder = Folder::open(inside.path()).unwrap();
        folder.create_new(Path::new("a/b.txt"), b"one").unwrap();
        assert!(matches!(
            folder.create_new(Path::new("a/b.txt"), b"two"),
            Err(WriteError::Exists(_))
        ));
        let sub = folder.folder(Path::new("a")).unwrap();
        assert!(matches!(
            sub.replace("b.txt", b"two", &NoOne),
            Err(WriteError::Exists(_))
        ));
        sub.replace("b.txt", b"two", &|_: &Folder, n: &str| n == "b.txt")
            .unwrap();
        assert_eq!(
            std::fs::read(inside.path().join("a/b.txt")).unwrap(),
            b"two"
        );
        // No temporary file is left behind either way.
        assert_eq!(
            std::fs::read_dir(inside.path().join("a")).unwrap().count(),
            1
        );
    }
}
