//! The stamp of a course folder: a hash of what every entry in it is (name, kind, size,
//! modification and change times, inode), as `make` and git's index judge a file
//! unchanged without reading it. A build whose course had no problems at all records the
//! stamp taken before it read anything; the next build with the same stamp has nothing
//! to check or make, so it is done without loading the course.
//!
//! The stamp only ever skips work: where it cannot be sure it is none, and the build
//! checks and fingerprints everything as usual.

use std::path::Path;
use std::time::{Duration, SystemTime};

/// At most this many entries are looked at; a larger folder is simply never stamped.
const MAX_ENTRIES: usize = 5_000;
/// A file changed this recently might change again within the same tick of a coarse
/// file system clock, unseen: such a folder is not stamped (git's "racy" files).
const SETTLE: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp(pub String);

impl Stamp {
    /// The stamp of the course in `dir`, leaving out the output folder `out` (resolved);
    /// none when a link, an unreadable or very new entry, or too many entries make it
    /// unsure.
    pub fn of(dir: &Path, out: &Path) -> Option<Stamp> {
        let root = dir.canonicalize().ok()?;
        let now = SystemTime::now();
        let mut h = blake3::Hasher::new();
        // What else the documents are made from: this program and the build's settings.
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(env!("COURSE_SOURCE_HASH").as_bytes());
        for name in [
            "SOURCE_DATE_EPOCH",
            crate::limits::TEMPLATE_SECONDS_VARIABLE,
        ] {
            h.update(format!("{name}={:?};", std::env::var_os(name)).as_bytes());
        }
        let mut todo = vec![root.clone()];
        let mut seen = 0;
        while let Some(folder) = todo.pop() {
            let mut entries: Vec<_> = std::fs::read_dir(&folder)
                .ok()?
                .collect::<Result<_, _>>()
                .ok()?;
            entries.sort_by_key(|e| e.file_name());
            for entry in entries {
                seen += 1;
                if seen > MAX_ENTRIES {
                    return None;
                }
                let path = entry.path();
                if path == out || entry.file_name() == ".git" {
                    continue;
                }
                let meta = entry.metadata().ok()?;
                if meta.is_symlink() {
                    // Where a link leads can change without the course folder changing.
                    return None;
                }
                let modified = meta.modified().ok()?;
                if now
                    .duration_since(modified)
                    .map_or(true, |age| age < SETTLE)
                {
                    return None;
                }
                let relative = path.strip_prefix(&root).ok()?;
                h.update(relative.as_os_str().as_encoded_bytes());
                h.update(&[0]);
                h.update(describe(&meta, modified).as_bytes());
                if meta.is_dir() {
                    todo.push(path);
                }
            }
        }
        Some(Stamp(h.finalize().to_hex().to_string()))
    }
}

/// What a change to an entry changes: its kind, size and times, and (on Unix) its inode
/// and change time, which no program can set back.
fn describe(meta: &std::fs::Metadata, modified: SystemTime) -> String {
    let since = |t: SystemTime| t.duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default();
    #[cfg(unix)]
    let unix = {
        use std::os::unix::fs::MetadataExt;
        format!("{} {} {}", meta.ino(), meta.ctime(), meta.ctime_nsec())
    };
    #[cfg(not(unix))]
    let unix = String::new();
    format!(
        "{} {} {:?} {unix};",
        if meta.is_dir() { 'd' } else { 'f' },
        meta.len(),
        since(modified)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A course folder whose files were last changed `age` ago.
    fn folder(age: Duration) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("modules")).unwrap();
        for name in ["course.yaml", "modules/tummy.yaml"] {
            std::fs::write(dir.path().join(name), "x: 1\n").unwrap();
        }
        set_age(dir.path(), age);
        dir
    }

    fn set_age(dir: &Path, age: Duration) {
        let then = SystemTime::now() - age;
        for name in ["course.yaml", "modules/tummy.yaml", "modules", "."] {
            let file = std::fs::File::open(dir.join(name)).unwrap();
            file.set_modified(then).unwrap();
        }
    }

    #[test]
    fn any_change_inside_changes_the_stamp() {
        let dir = folder(Duration::from_secs(60));
        let out = dir.path().join("build");
        let first = Stamp::of(dir.path(), &out).expect("a settled folder is stamped");
        assert_eq!(Stamp::of(dir.path(), &out), Some(first.clone()));

        // The output folder is not part of the course.
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("booklet.pdf"), "pdf").unwrap();
        set_age(dir.path(), Duration::from_secs(60));
        let with_output = Stamp::of(dir.path(), &out.canonicalize().unwrap()).unwrap();

        // The same size, and the time set back as it was: the change time still tells.
        std::fs::write(dir.path().join("modules/tummy.yaml"), "x: 2\n").unwrap();
        set_age(dir.path(), Duration::from_secs(60));
        let changed = Stamp::of(dir.path(), &out.canonicalize().unwrap()).unwrap();
        assert_ne!(with_output, changed);
    }

    #[test]
    fn a_folder_it_cannot_be_sure_of_has_no_stamp() {
        let dir = folder(Duration::ZERO);
        let out = dir.path().join("build");
        assert_eq!(Stamp::of(dir.path(), &out), None, "just changed");

        let dir = folder(Duration::from_secs(60));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/", dir.path().join("modules/elsewhere")).unwrap();
            set_age(dir.path(), Duration::from_secs(60));
            assert_eq!(Stamp::of(dir.path(), &out), None, "a link");
        }
    }
}
