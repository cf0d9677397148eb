//! `course`: validate infant massage course modules written in YAML and build printable
//! PDF handouts and checklists from them.
//!
//! The pipeline, one module each: [`load`] (YAML with locations) -> [`validate`]
//! (diagnostics as data) -> [`plan`] (which documents to make) -> [`render`] (Handlebars
//! -> Markdown -> genpdf, or [`html`] pages from the same Markdown) -> [`write`] (atomically). [`pipeline`] runs them in that order for
//! `validate`, `build` and `watch`, and [`cmd`] is one thin file per subcommand over it;
//! [`serve`] shows what `watch` builds in a browser.

// Diagnostics are the error type everywhere; they are made rarely and carry what a user
// needs, so their size is not worth boxing for.
#![allow(clippy::result_large_err)]

pub mod cli;
pub mod cmd;
pub mod diagnostic;
pub mod error;
pub mod fonts;
pub mod html;
pub mod images;
pub mod language_names;
pub mod limits;
pub mod load;
pub mod locale;
pub mod locate;
pub mod model;
pub mod paths;
pub mod pipeline;
pub mod plan;
pub mod render;
pub mod report;
pub mod schema;
pub mod serve;
pub mod starter_words;
pub mod suggest;
pub mod util;
pub mod validate;
pub mod write;

#[cfg(test)]
mod layers {
    //! The library's layers depend one way, down the pipeline: a test rather than a
    //! convention, so an import back up fails here instead of closing a loop.

    use std::path::Path;

    /// Every `.rs` file under `dir` (relative to `src/`), with its text.
    fn sources(dir: &str) -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut todo = vec![root.join(dir)];
        let mut found = Vec::new();
        while let Some(path) = todo.pop() {
            if path.is_dir() {
                todo.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            } else if path.extension().is_some_and(|e| e == "rs") {
                let name = path.strip_prefix(&root).unwrap().display().to_string();
                found.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
        assert!(!found.is_empty(), "{dir}");
        found
    }

    #[test]
    fn nothing_imports_a_layer_above_it() {
        // What each layer may not name: the ones above it.
        let rules: [(&str, &[&str]); 7] = [
            (
                "model",
                &["load", "validate", "plan", "render", "write", "cmd", "cli"],
            ),
            (
                "diagnostic",
                &["load", "validate", "plan", "render", "write", "cmd", "cli"],
            ),
            (
                "load",
                &["validate", "plan", "render", "write", "cmd", "cli"],
            ),
            (
                "locale.rs",
                &["validate", "plan", "render", "write", "cmd", "cli"],
            ),
            ("plan", &["validate", "render", "write", "cmd", "cli"]),
            ("render", &["html", "write", "pipeline", "cmd", "cli"]),
            ("html", &["write", "pipeline", "cmd", "cli"]),
        ];
        let mut wrong = Vec::new();
        for (layer, above) in rules {
            for (file, text) in sources(layer) {
                for name in above {
                    if text.contains(&format!("crate::{name}::"))
                        || text.contains(&format!("crate::{name};"))
                    {
                        wrong.push(format!("{file} uses crate::{name}"));
                    }
                }
            }
        }
        for layer in ["validate", "report", "write.rs", "pipeline"] {
            for (file, text) in sources(layer) {
                if text.contains("crate::cmd") || text.contains("crate::cli") {
                    wrong.push(format!("{file} uses the command line"));
                }
            }
        }
        assert!(wrong.is_empty(), "imports back up the pipeline: {wrong:#?}");
    }
}
