//! Containment: every path a course names must stay inside the course folder.

use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::load::Node;

/// Resolves `name` (as written in `field` of `node`'s file) inside `root`, refusing
/// absolute paths, `..` and symlinks that lead out of the folder.
pub fn inside_course(
    root: &Path,
    name: &str,
    node: Option<(&Node, &str)>,
) -> Result<PathBuf, Diagnostic> {
    let at = node.and_then(|(n, field)| n.find(field.split('.')).map(|v| v.at));
    let file = if node.is_some() {
        crate::load::COURSE_FILE
    } else {
        ""
    };
    let refuse = |why: &str| {
        Diagnostic::error(file, format!("`{name}` {why}"))
            .at(at)
            .hint("name a file inside the course folder, such as `images/water-wheel.png`")
    };
    let relative = Path::new(name);
    if relative.is_absolute()
        || relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(refuse("points outside the course folder"));
    }
    let path = root.join(relative);
    let real_root = root.canonicalize().map_err(|_| refuse("cannot be found"))?;
    let real = path.canonicalize().map_err(|_| refuse("does not exist"))?;
    if !real.starts_with(&real_root) {
        return Err(refuse("leads outside the course folder (through a link)"));
    }
    Ok(real)
}
