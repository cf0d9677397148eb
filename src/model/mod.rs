//! The course format: the Rust types are the single source of truth for
//! deserialising, for the JSON Schema (`course schema`) and for validation.

mod course;
mod module;

pub use course::*;
pub use module::*;
