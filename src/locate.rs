//! Which course a command works on: the folder given, the folder of a `course.yaml`
//! given, or (with no folder given) the nearest folder with a `course.yaml` from here
//! upward, as cargo, zola and mdBook find their projects.

use std::path::{Path, PathBuf};

use crate::load::COURSE_FILE;

/// The course folder for the `dir` a user gave (`.` when they gave none), as a path
/// relative to where they are, so messages name files the way they would type them.
pub fn course_dir(dir: &Path) -> PathBuf {
    if dir.file_name().is_some_and(|n| n == COURSE_FILE) && dir.is_file() {
        return match dir.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
    }
    if dir != Path::new(".") || Path::new(COURSE_FILE).exists() {
        return dir.to_path_buf();
    }
    let Ok(here) = std::env::current_dir() else {
        return dir.to_path_buf();
    };
    let mut up = PathBuf::new();
    for folder in here.ancestors().skip(1) {
        up.push("..");
        if folder.join(COURSE_FILE).is_file() {
            return up;
        }
    }
    dir.to_path_buf()
}

/// `file` (relative to the course folder `root`) as the user would type it from where
/// they ran the command.
pub fn shown(root: &Path, file: &Path) -> PathBuf {
    if root == Path::new(".") || file.is_absolute() {
        file.to_path_buf()
    } else {
        root.join(file)
    }
}
