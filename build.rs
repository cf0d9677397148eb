//! Gives the binary a fingerprint of its own source, so that PDFs built by an earlier
//! build of the same version are rebuilt when the code that lays them out has changed
//! (the build record compares it; see `Renderer::shared_fingerprint`).

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

const SOURCES: [&str; 3] = ["src", "vendor/genpdf/src", "templates"];

fn main() {
    let mut hasher = DefaultHasher::new();
    for dir in SOURCES {
        println!("cargo:rerun-if-changed={dir}");
        hash_dir(Path::new(dir), &mut hasher);
    }
    println!(
        "cargo:rustc-env=COURSE_SOURCE_HASH={:016x}",
        hasher.finish()
    );
}

fn hash_dir(dir: &Path, hasher: &mut DefaultHasher) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            hash_dir(&path, hasher);
        } else if let Ok(bytes) = std::fs::read(&path) {
            path.hash(hasher);
            bytes.hash(hasher);
        }
    }
}
