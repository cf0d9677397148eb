//! `course schema`: print the JSON Schemas editors use for completion and hover help.

use clap::ValueEnum;

use crate::cli::EXIT_OK;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Which {
    /// The schema of course.yaml.
    Course,
    /// The schema of module files.
    Module,
}

pub fn run(which: Option<Which>) -> u8 {
    let schema = match which {
        Some(Which::Course) => crate::schema::course(),
        Some(Which::Module) => crate::schema::module(),
        None => crate::schema::both(),
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&schema).expect("a schema is plain JSON")
    );
    EXIT_OK
}
