//! Write: every PDF goes to a temporary file beside its final place and is renamed into
//! place, so an interrupted build never leaves a half-written PDF.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Ends the name of a file being written; it is renamed into place when complete.
pub const PARTIAL_SUFFIX: &str = ".partial";

/// Writes `bytes` to `dir/name` atomically.
pub fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let target = dir.join(name);
    let temp = dir.join(format!(".{name}.{}{PARTIAL_SUFFIX}", std::process::id()));
    let result = (|| {
        // `create_new` never follows a link or reuses a file someone placed there.
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, &target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.map(|()| target)
}
