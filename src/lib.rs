//! `course`: validate infant massage course modules written in YAML and build printable
//! PDF handouts and checklists from them.
//!
//! The pipeline, one module each: [`load`] (YAML with locations) -> [`validate`]
//! (diagnostics as data) -> [`plan`] (which documents to make) -> [`render`] (Handlebars
//! -> Markdown -> genpdf) -> [`write`] (atomically).

// Diagnostics are the error type everywhere; they are made rarely and carry what a user
// needs, so their size is not worth boxing for.
#![allow(clippy::result_large_err)]

pub mod cli;
pub mod cmd;
pub mod diagnostic;
pub mod fonts;
pub mod images;
pub mod limits;
pub mod load;
pub mod locate;
pub mod manifest;
pub mod model;
pub mod output;
pub mod paths;
pub mod plan;
pub mod render;
pub mod report;
pub mod schema;
pub mod suggest;
pub mod util;
pub mod validate;
pub mod write;
