//! The pictures of one build, each found inside the course folder, read through the read
//! gate and checked once. A picture is met many times in a build (laid out to measure
//! the block around it and again for real, in each handout and again in the booklet, on
//! every pass of a booklet): reading it each time took five system calls to resolve its
//! path, four to read it, and a hash of its bytes, thousands of times at scale. One build
//! reads each once, so it also prints the same bytes everywhere even if the file changes
//! while it runs; the next build (`watch`) reads it afresh.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::elements::Picture;
use crate::images::ImageInfo;

/// How many bytes of pictures one build keeps; past that, further pictures are read each
/// time they are met, as before.
const MAX_KEPT_BYTES: usize = 64 * 1024 * 1024;

/// The pictures a build has read, by the name the course gives them.
pub struct Pictures {
    root: PathBuf,
    read: Mutex<Kept>,
}

/// A picture's bytes and what its header says, or why it cannot be printed.
type Read = Result<(Arc<Vec<u8>>, ImageInfo), String>;

#[derive(Default)]
struct Kept {
    pictures: HashMap<String, Read>,
    bytes: usize,
}

impl Pictures {
    /// None read yet, of the course in `root`.
    pub fn new(root: &Path) -> Pictures {
        Pictures {
            root: root.to_owned(),
            read: Mutex::new(Kept::default()),
        }
    }

    /// The picture the course names `name`, or why it cannot be printed.
    pub fn picture(&self, name: &str) -> Result<Picture, String> {
        let kept = self
            .read
            .lock()
            .ok()
            .and_then(|kept| kept.pictures.get(name).cloned());
        let (bytes, info) = match kept {
            Some(read) => read?,
            None => {
                let read = self.read_uncached(name);
                if let Ok(mut kept) = self.read.lock() {
                    let size = read.as_ref().map_or(0, |(bytes, _)| bytes.len());
                    if kept.bytes + size <= MAX_KEPT_BYTES {
                        kept.bytes += size;
                        kept.pictures.insert(name.to_owned(), read.clone());
                    }
                }
                read?
            }
        };
        Ok(Picture::new(bytes, &info))
    }

    fn read_uncached(&self, name: &str) -> Read {
        let full = crate::paths::inside_course(&self.root, name)?;
        let (bytes, info) = crate::images::inspect(&full).map_err(|e| e.reason(name))?;
        Ok((Arc::new(bytes), info))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>"#;

    #[test]
    fn a_picture_is_read_once_per_build_and_containment_still_holds() {
        let dir = tempfile::tempdir().unwrap();
        let course = dir.path().join("course");
        std::fs::create_dir_all(course.join("images")).unwrap();
        std::fs::write(course.join("images/a.svg"), SVG).unwrap();
        std::fs::write(dir.path().join("outside.svg"), SVG).unwrap();
        let pictures = Pictures::new(&course);
        let first = pictures.picture("images/a.svg").unwrap();
        assert_eq!(first.natural_width(), 40.0 * 25.4 / 96.0);
        // Changed while the build runs: the build keeps printing what it read.
        std::fs::write(course.join("images/a.svg"), SVG.replace("40", "80")).unwrap();
        let again = pictures.picture("images/a.svg").unwrap();
        assert_eq!(again.natural_width(), first.natural_width());
        // A new build reads it afresh.
        let next = Pictures::new(&course).picture("images/a.svg").unwrap();
        assert_eq!(next.natural_width(), 80.0 * 25.4 / 96.0);
        for name in ["../outside.svg", "/etc/passwd", "images/missing.svg"] {
            let first = pictures.picture(name).err().unwrap();
            assert_eq!(pictures.picture(name).err().unwrap(), first, "{name}");
        }
        assert_eq!(
            pictures.picture("../outside.svg").err().unwrap(),
            "`../outside.svg` points outside the course folder"
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(
                dir.path().join("outside.svg"),
                course.join("images/link.svg"),
            )
            .unwrap();
            assert_eq!(
                pictures.picture("images/link.svg").err().unwrap(),
                "`images/link.svg` leads outside the course folder through a link"
            );
        }
    }
}
