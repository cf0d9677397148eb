//! What can be checked of the packages without building them (that is
//! `scripts/package-test.sh`: minutes, root and a network): the version line, that the
//! .deb's and the archives' files exist or are made by `scripts/package-assets.sh`, and that
//! the README, the changelog and the release workflow agree with Cargo.toml.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::CommandFactory;

use crate::support::run_in;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(name: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn manifest() -> toml_edit::DocumentMut {
    read("Cargo.toml").parse().expect("Cargo.toml parses")
}

fn version() -> String {
    manifest()["package"]["version"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// `git log` in the checkout, or None where there is none (a crate unpacked from a tarball).
fn git_commit() -> Option<String> {
    let out = Command::new("git")
        .args(["log", "-1", "--abbrev=7", "--date=short", "--format=%h %cd"])
        .current_dir(ROOT)
        .output()
        .ok()?;
    let top = Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .current_dir(ROOT)
        .output()
        .ok()?;
    let same_checkout = std::fs::canonicalize(String::from_utf8_lossy(&top.stdout).trim()).ok()
        == std::fs::canonicalize(ROOT).ok();
    (out.status.success() && same_checkout)
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

#[test]
fn version_names_the_commit_and_its_date_as_cargo_does() {
    let expected = match git_commit() {
        Some(commit) => format!("course {} ({commit})\n", version()),
        None => format!("course {}\n", version()),
    };
    for flag in ["--version", "-V"] {
        let run = run_in(Path::new(ROOT), &[flag], &[]);
        run.status(0);
        assert_eq!(run.stdout, expected, "`course {flag}`");
    }
    // The shape, whatever the commit: `course 0.2.0 (abc1234 2026-12-02)`.
    if let Some(commit) = git_commit() {
        let (hash, date) = commit.split_once(' ').unwrap();
        assert!(hash.len() >= 7 && hash.chars().all(|c| c.is_ascii_hexdigit()));
        assert!(date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-');
    }
}

/// The man pages and completions the package script writes, into a temporary folder.
#[cfg(unix)]
fn generated_assets() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let status = Command::new("bash")
        .arg(Path::new(ROOT).join("scripts/package-assets.sh"))
        .arg(env!("CARGO_BIN_EXE_course"))
        .arg(out.path())
        .output()
        .expect("bash runs");
    assert!(
        status.status.success(),
        "package-assets.sh failed:\n{}",
        String::from_utf8_lossy(&status.stderr)
    );
    out
}

/// Every file the .deb takes (`[package.metadata.deb] assets`) exists: from the repository,
/// from the build (the program) or from `package-assets.sh`; and it has a man page for
/// `course` and each subcommand and the completions where each shell looks.
#[cfg(unix)]
#[test]
fn the_deb_takes_files_that_exist_and_a_man_page_per_subcommand() {
    let assets_dir = generated_assets();
    let manifest = manifest();
    let assets = manifest["package"]["metadata"]["deb"]["assets"]
        .as_array()
        .expect("[package.metadata.deb] assets");
    let mut installed = Vec::new();
    for asset in assets.iter() {
        let asset = asset.as_array().expect("[source, destination, mode]");
        let source = asset.get(0).and_then(|v| v.as_str()).unwrap();
        let destination = asset.get(1).and_then(|v| v.as_str()).unwrap();
        let sources: Vec<PathBuf> = if source == "target/release/course" {
            vec![PathBuf::from(env!("CARGO_BIN_EXE_course"))]
        } else if let Some(generated) = source.strip_prefix("target/assets/") {
            matching(assets_dir.path(), generated)
        } else {
            matching(Path::new(ROOT), source)
        };
        assert!(!sources.is_empty(), "no file for the .deb's asset {source}");
        for path in sources {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            installed.push(if destination.ends_with('/') {
                format!("{destination}{name}")
            } else {
                destination.to_owned()
            });
        }
    }
    let mut expected = vec![
        "usr/bin/course".to_owned(),
        "usr/share/man/man1/course.1".to_owned(),
    ];
    for sub in course::cli::Cli::command().get_subcommands() {
        if sub.get_name() != "help" {
            expected.push(format!("usr/share/man/man1/course-{}.1", sub.get_name()));
        }
    }
    expected.extend(
        [
            "usr/share/bash-completion/completions/course",
            "usr/share/zsh/vendor-completions/_course",
            "usr/share/fish/vendor_completions.d/course.fish",
            "usr/share/doc/course/fonts/LICENSE-DejaVu.txt",
            "usr/share/doc/course/fonts/LICENSE-Noto.txt",
        ]
        .map(str::to_owned),
    );
    for path in &expected {
        assert!(
            installed.contains(path),
            "the .deb lacks {path}: {installed:#?}"
        );
    }
    // Debian's synopsis is one line: cargo-deb wraps `Description: ` and it at 80 columns.
    let description = manifest["package"]["description"].as_str().unwrap();
    assert!(
        "Description: ".len() + description.len() <= 80,
        "{description}"
    );
    // Each completion script is the shell's own kind, for `course`.
    let completions = assets_dir.path().join("completions");
    let text = |name: &str| std::fs::read_to_string(completions.join(name)).unwrap();
    assert!(text("course.bash").contains("complete -F _course"));
    assert!(text("_course").starts_with("#compdef course"));
    assert!(text("course.fish").contains("complete -c course"));
}

/// Files whose name matches `pattern` (a path whose last part may hold one `*`) under `root`.
fn matching(root: &Path, pattern: &str) -> Vec<PathBuf> {
    let path = root.join(pattern);
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let Some((prefix, suffix)) = name.split_once('*') else {
        return if path.is_file() { vec![path] } else { vec![] };
    };
    let Ok(entries) = std::fs::read_dir(path.parent().unwrap()) else {
        return vec![];
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with(prefix) && n.ends_with(suffix) && p.is_file()
        })
        .collect();
    found.sort();
    found
}

/// The archives and installers: the five systems, the fonts' licences in each archive,
/// checksums, and the .deb built by the release workflow too.
#[test]
fn dist_builds_every_system_with_the_font_licences_and_the_deb() {
    let dist: toml_edit::DocumentMut = read("dist-workspace.toml").parse().unwrap();
    let dist = &dist["dist"];
    let list = |key: &str| -> Vec<String> {
        dist[key]
            .as_array()
            .unwrap_or_else(|| panic!("dist-workspace.toml: [dist] {key}"))
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    for target in [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "aarch64-apple-darwin",
        "x86_64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(list("targets").contains(&target.to_owned()), "no {target}");
    }
    assert_eq!(list("installers"), ["shell", "powershell"]);
    for file in list("include") {
        assert!(
            Path::new(ROOT).join(&file).is_file(),
            "dist includes {file}"
        );
    }
    for licence in ["fonts/LICENSE-DejaVu.txt", "fonts/LICENSE-Noto.txt"] {
        assert!(list("include").contains(&licence.to_owned()));
    }
    assert_eq!(dist["checksum"].as_str(), Some("sha256"));
    assert_eq!(list("local-artifacts-jobs"), ["./build-deb"]);

    let release = read(".github/workflows/release.yml");
    assert!(release.contains("/.github/workflows/build-deb.yml\n"));
    assert!(release.contains("This file was autogenerated by dist"));
    let deb = read(".github/workflows/build-deb.yml");
    assert!(deb.contains("scripts/package-deb.sh"));
    assert!(
        deb.contains("name: artifacts-"),
        "dist publishes only artifacts-*"
    );
}

/// The README's install lines point where dist publishes: the repository in Cargo.toml.
#[test]
fn readme_installs_from_the_repository_in_cargo_toml() {
    let repository = manifest()["package"]["repository"]
        .as_str()
        .unwrap()
        .to_owned();
    let readme = read("README.md");
    let install = &readme[..readme.find("\n## What an instructor does").unwrap()];
    for line in [
        format!("curl --proto '=https' --tlsv1.2 -LsSf {repository}/releases/latest/download/course-installer.sh | sh"),
        format!("powershell -ExecutionPolicy Bypass -c \"irm {repository}/releases/latest/download/course-installer.ps1 | iex\""),
        "sudo apt install ./course_".to_owned(),
        "cargo run --release -- build courses/infant-massage".to_owned(),
        "cargo test".to_owned(),
    ] {
        assert!(install.contains(&line), "README's install section lacks {line}");
    }
    assert!(install.contains("YAML") && install.contains("Red Hat"));
}

#[test]
fn changelog_has_an_entry_for_this_version() {
    let changelog = read("CHANGELOG.md");
    let heading = format!("## [{}] - ", version());
    let entry = changelog
        .lines()
        .find(|l| l.starts_with(&heading))
        .unwrap_or_else(|| panic!("CHANGELOG.md has no `{heading}YYYY-MM-DD`"));
    let date = &entry[heading.len()..];
    assert!(date.len() == 10 && date.as_bytes()[4] == b'-', "{entry}");
}
