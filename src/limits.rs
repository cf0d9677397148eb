//! Limits on input, so a hostile or broken file gets a clear error instead of a hang or
//! an out-of-memory crash. The README lists them.

/// Largest course file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// Deepest nesting of lists and mappings in a YAML file.
pub const MAX_DEPTH: usize = 32;
/// Most values a YAML file may expand to, counting what aliases repeat.
pub const MAX_NODES: usize = 100_000;
/// Most module files in a course.
pub const MAX_MODULES: usize = 5_000;
/// Longest text field, in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// Largest image file, in bytes.
pub const MAX_IMAGE_BYTES: u64 = 10 * 1024 * 1024;
/// Widest or tallest image, in pixels: a small file can unpack into a huge picture.
pub const MAX_IMAGE_SIDE: u32 = 10_000;
/// Largest PDF a build reads back to prove it wrote it, in bytes.
pub const MAX_PDF_BYTES: u64 = 1024 * 1024 * 1024;
/// Largest build manifest read, in bytes.
pub const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;
