//! The build manifest: which PDFs `course build` wrote and from which inputs. It lets a
//! rebuild skip PDFs whose inputs are unchanged, and it is the proof of the only files a
//! build may ever replace or remove: each entry names a plain file in the output folder
//! and the hash of the bytes the build wrote there.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub const MANIFEST_FILE: &str = ".course-build.json";

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub files: BTreeMap<String, Entry>,
    /// Temporary files a build is writing, recorded before they are made: the only ones
    /// a later build removes if this one was stopped before renaming them into place.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partials: Vec<String>,
    /// Set by a build that found no problem at all: the course folder as it found it,
    /// and the documents it made, in plan order (see [`super::stamp`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled: Option<Settled>,
    /// For each entry whose file is still the one a build wrote: that file's hash. Read
    /// and hashed once, when the manifest is read.
    #[serde(skip)]
    proven: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settled {
    pub stamp: String,
    pub documents: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Hash of everything the PDF is made from.
    pub fingerprint: String,
    /// Hash of the PDF's own bytes, as written.
    pub hash: String,
    /// While a build replaces the PDF: the hash of the one it replaces, so a build killed
    /// halfway still knows both as its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    pub bytes: u64,
    pub pages: usize,
    /// Where its contents settled, for a document that has contents (the booklet): the
    /// next build of it starts from there.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "guess"
    )]
    pub contents: Option<crate::render::Contents>,
}

/// Contents as the record holds them; contents it cannot read are no guess, and leave the
/// rest of the record as good as it was.
fn guess<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<crate::render::Contents>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(serde_json::from_value(value).ok())
}

impl Manifest {
    /// The manifest in `out`; empty if there is none or it cannot be understood (then no
    /// file counts as written by a build). An error if something other than a file stands
    /// in its place, since the build could not record what it writes.
    pub fn read(out: &Path) -> Result<Manifest, String> {
        let path = out.join(MANIFEST_FILE);
        let Ok(meta) = path.symlink_metadata() else {
            return Ok(Manifest::default());
        };
        if !meta.is_file() {
            return Err(format!(
                "`{MANIFEST_FILE}` in the output folder is not a file, so the build cannot record what it writes"
            ));
        }
        let mut bytes = Vec::new();
        let read = open_no_follow(&path).and_then(|file| {
            file.take(crate::limits::MAX_MANIFEST_BYTES + 1)
                .read_to_end(&mut bytes)
        });
        if read.is_err() || bytes.len() as u64 > crate::limits::MAX_MANIFEST_BYTES {
            return Ok(Manifest::default());
        }
        let mut manifest: Manifest = serde_json::from_slice(&bytes).unwrap_or_default();
        // An entry that is not a plain PDF name in this folder was not made by a build.
        manifest
            .files
            .retain(|name, _| crate::pipeline::output::is_document_name(name));
        for entry in manifest.files.values_mut() {
            entry.contents = entry
                .contents
                .take()
                .filter(|c| c.is_plausible(crate::limits::MAX_BUILD_PAGES));
        }
        manifest.partials.retain(|name| {
            name.starts_with(crate::write::PARTIAL_PREFIX) && !name.contains(['/', '\\', '\0'])
        });
        for (name, entry) in &manifest.files {
            if let Some(hash) = crate::pipeline::output::hash_on_disk(out, name) {
                if hash == entry.hash || entry.previous.as_ref() == Some(&hash) {
                    manifest.proven.insert(name.clone(), hash);
                }
            }
        }
        Ok(manifest)
    }

    /// Writes the record through the write gate, replacing the one there.
    pub fn write(&self, out: &crate::write::Folder) -> Result<(), crate::write::WriteError> {
        let json = serde_json::to_vec_pretty(self).expect("a manifest is plain JSON");
        // The record is the build's own by its name; a link or folder there is not.
        out.replace(
            MANIFEST_FILE,
            &json,
            &|_: &crate::write::Folder, _: &str| true,
        )
    }

    /// A copy of the entries, as read, with what they prove; no temporary files.
    pub fn clone_entries(&self) -> Manifest {
        Manifest {
            files: self.files.clone(),
            partials: Vec::new(),
            settled: None,
            proven: self.proven.clone(),
        }
    }

    /// Whether the manifest proves the file `name` to be one a build wrote.
    pub fn proves(&self, name: &str) -> bool {
        self.proven.contains_key(name)
    }

    /// The documents of a build that found no problem in the course when its folder had
    /// `stamp`, if every one of them is still as that build wrote it and no build was
    /// stopped since.
    pub fn settled(&self, stamp: &str) -> Option<Vec<(&str, &Entry)>> {
        let settled = self.settled.as_ref().filter(|s| s.stamp == stamp)?;
        // The record may also hold files of the other format, kept from an earlier build;
        // they are not this build's to vouch for.
        if !self.partials.is_empty() {
            return None;
        }
        settled
            .documents
            .iter()
            .map(|name| {
                let entry = self.files.get(name)?;
                (self.proven.get(name) == Some(&entry.hash)).then_some((name.as_str(), entry))
            })
            .collect()
    }

    /// Whether the file `name` is still the one this manifest recorded for `fingerprint`.
    pub fn is_current(&self, name: &str, fingerprint: &str) -> bool {
        self.files.get(name).is_some_and(|entry| {
            entry.fingerprint == fingerprint && self.proven.get(name) == Some(&entry.hash)
        })
    }
}

/// Opens a file for reading without following a link and without blocking on a FIFO.
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if file.metadata()?.is_file() {
        Ok(file)
    } else {
        Err(std::io::Error::other("not a regular file"))
    }
}
