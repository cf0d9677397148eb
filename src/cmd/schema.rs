//! `course schema`: print the JSON Schemas editors use for completion and hover help.

use crate::error::Error;
use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Which {
    /// The schema of course.yaml.
    Course,
    /// The schema of module files.
    Module,
}

pub fn run(which: Option<Which>) -> Result<(), Error> {
    let schema = match which {
        Some(Which::Course) => crate::schema::course(),
        Some(Which::Module) => crate::schema::module(),
        None => crate::schema::both(),
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&schema).expect("a schema is plain JSON")
    );
    Ok(())
}
