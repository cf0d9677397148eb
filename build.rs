//! Two facts the binary carries about how it was built, and one file it reads faster:
//! - a fingerprint of its own source, so that PDFs built by an earlier build of the same
//!   version are rebuilt when the code that lays them out has changed (the build record
//!   compares it; see `Renderer::shared_fingerprint`);
//! - the commit and its date, for `course --version` as `cargo -V` shows them
//!   (`course 0.2.0 (abc1234 2026-12-02)`). Without git, or outside the project's own
//!   checkout (a crates.io download, a tarball), it falls back to the commit cargo recorded
//!   when packaging, or to the version alone: a missing git never fails the build;
//! - the starter's words in every language (`templates/starter/words/*.yaml`) as JSON, for
//!   `starter_words.rs`: every run parses all 21 files (validate looks for texts left from
//!   any starter), and parsing the YAML was a sixteenth of a whole sample build.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;

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

    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let commit = git_commit(&manifest_dir)
        .map(|(hash, date)| format!(" ({hash} {date})"))
        .or_else(|| packaged_commit(&manifest_dir).map(|hash| format!(" ({hash})")))
        .unwrap_or_default();
    println!("cargo:rustc-env=COURSE_COMMIT_INFO={commit}");

    starter_words_as_json();
}

/// Each `templates/starter/words/<language>.yaml` as `<language>.json` in `OUT_DIR`, the
/// same values in the same order.
fn starter_words_as_json() {
    let from = Path::new("templates/starter/words");
    let to = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let Ok(entries) = std::fs::read_dir(from) else {
        return;
    };
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).expect("the words file reads");
            let words: serde_json::Value =
                serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let json = serde_json::to_string(&words).expect("words are plain JSON");
            std::fs::write(
                to.join(path.with_extension("json").file_name().unwrap()),
                json,
            )
            .expect("OUT_DIR is writable");
        }
    }
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

/// The short hash and the date of the commit checked out, when this folder is the top of a
/// git checkout (not a crate unpacked inside some other repository).
fn git_commit(manifest_dir: &Path) -> Option<(String, String)> {
    let top = git(manifest_dir, &["rev-parse", "--show-toplevel"])?;
    if std::fs::canonicalize(top).ok()? != std::fs::canonicalize(manifest_dir).ok()? {
        return None;
    }
    // Rebuild when HEAD moves: a commit, a checkout, a merge. Only files that exist are
    // named, since cargo reruns the script on every build for one that does not.
    let mut watched = vec!["HEAD".to_owned(), "packed-refs".to_owned()];
    watched.extend(git(manifest_dir, &["symbolic-ref", "-q", "HEAD"]));
    for name in watched {
        if let Some(path) = git(manifest_dir, &["rev-parse", "--git-path", &name]) {
            let path = manifest_dir.join(path);
            if path.is_file() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
    let line = git(
        manifest_dir,
        &["log", "-1", "--abbrev=7", "--date=short", "--format=%h %cd"],
    )?;
    let (hash, date) = line.split_once(' ')?;
    Some((hash.to_owned(), date.to_owned()))
}

/// The commit `cargo package` wrote into `.cargo_vcs_info.json`, shortened, for a build
/// from a published crate.
fn packaged_commit(manifest_dir: &Path) -> Option<String> {
    let info = std::fs::read_to_string(manifest_dir.join(".cargo_vcs_info.json")).ok()?;
    let rest = &info[info.find("\"sha1\"")? + "\"sha1\"".len()..];
    let hash: String = rest
        .trim_start_matches([' ', ':', '"'])
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .take(7)
        .collect();
    (hash.len() == 7).then_some(hash)
}

/// The trimmed output of a git command that succeeded, or None (no git, not a checkout).
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (output.status.success() && !text.is_empty()).then(|| text.to_owned())
}
