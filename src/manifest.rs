//! The build manifest: which PDFs `course build` wrote and from which inputs. It lets a
//! rebuild skip PDFs whose inputs are unchanged, and it is the list of the only files a
//! build may ever replace or remove.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub const MANIFEST_FILE: &str = ".course-build.json";

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub files: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Hash of everything the PDF is made from.
    pub fingerprint: String,
    pub bytes: u64,
    pub pages: usize,
}

impl Manifest {
    /// The manifest in `out`; empty if there is none or it cannot be read.
    pub fn read(out: &Path) -> Manifest {
        std::fs::read(out.join(MANIFEST_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn write(&self, out: &Path) -> std::io::Result<()> {
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        crate::write::write_atomically(out, MANIFEST_FILE, &json).map(|_| ())
    }

    /// Whether `name` in `out` is still the file this manifest recorded for `fingerprint`.
    pub fn is_current(&self, out: &Path, name: &str, fingerprint: &str) -> bool {
        let Some(entry) = self.files.get(name) else {
            return false;
        };
        let on_disk = std::fs::metadata(out.join(name)).map(|m| m.len()).ok();
        entry.fingerprint == fingerprint && on_disk == Some(entry.bytes)
    }
}
