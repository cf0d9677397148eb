//! The course format: the Rust types are the single source of truth for
//! deserialising, for the JSON Schema (`course schema`) and for validation.

mod course;
mod module;

pub use course::*;
pub use module::*;

/// What an id looks like: small letters and digits in words joined by dashes, such as
/// `tummy-strokes`. Ids become parts of file names and are typed in other files, so
/// nothing that could look alike or read differently is allowed.
pub const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
