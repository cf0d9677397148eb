//! Containment: every path a course names must stay inside the course folder.

use std::path::{Component, Path, PathBuf};

/// Resolves `name` inside `root`, refusing absolute paths, `..` and links that lead out
/// of the folder. The error says why, in words for the user.
pub fn inside_course(root: &Path, name: &str) -> Result<PathBuf, String> {
    let relative = Path::new(name);
    if relative.is_absolute()
        || relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(format!("`{name}` points outside the course folder"));
    }
    let real_root = root
        .canonicalize()
        .map_err(|_| format!("the course folder of `{name}` cannot be found"))?;
    let real = root
        .join(relative)
        .canonicalize()
        .map_err(|_| format!("`{name}` does not exist"))?;
    if !real.starts_with(&real_root) {
        return Err(format!(
            "`{name}` leads outside the course folder through a link"
        ));
    }
    Ok(real)
}
