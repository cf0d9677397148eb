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
/// Largest file of a course's own fixed words (`locales/<language>.yaml`), in bytes.
pub const MAX_LOCALE_BYTES: u64 = 64 * 1024;
/// Longest fixed word, in characters: "Page {page} of {pages}" is printed on every page.
pub const MAX_LOCALE_WORD_CHARS: usize = 200;
/// Largest template file, in bytes.
pub const MAX_TEMPLATE_BYTES: u64 = 256 * 1024;
/// Most Markdown one template may produce for one document, in bytes.
pub const MAX_TEMPLATE_OUTPUT_BYTES: usize = 1024 * 1024;
/// Longest time one document may take to fill in and lay out, in seconds.
pub const MAX_DOCUMENT_SECONDS: u64 = 30;
/// Most pages one document may have (the booklet of a 60-session course has about 700).
pub const MAX_DOCUMENT_PAGES: usize = 2_000;
/// Most pages one build may make, over all its documents.
pub const MAX_BUILD_PAGES: usize = 10_000;
/// Most families on a class list a build makes documents for (`class.family_files`):
/// each is a folder of PDFs, so the roster multiplies the build.
pub const MAX_FAMILIES: usize = 200;
/// Most bytes of documents one build may make, over all its documents.
pub const MAX_BUILD_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// Longest name of a family's folder, in characters.
pub const MAX_FAMILY_NAME_CHARS: usize = 60;
/// Deepest chain of partials (`{{> name}}`) one template may include.
pub const MAX_TEMPLATE_DEPTH: usize = 16;
/// Deepest nesting of Markdown block quotes and lists on a page.
pub const MAX_MARKDOWN_DEPTH: usize = 8;
/// Most bytes a YAML file may expand to through aliases (its text plus every copy).
pub const MAX_EXPANDED_BYTES: usize = 4 * 1024 * 1024;
/// Most memory one image may take once decoded: width x height x bytes per pixel.
pub const MAX_IMAGE_DECODED_BYTES: u64 = 64 * 1024 * 1024;
/// Most scans (passes) a JPEG may have: each is decoded over the whole picture, and real
/// progressive JPEGs have about 10.
pub const MAX_JPEG_SCANS: usize = 64;
/// Largest font file read, in bytes (CJK collections are about 20 MB).
pub const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;
/// Most different font folders and files `fonts:` may name (one named again is not
/// counted, nor read again).
pub const MAX_FONTS: usize = 16;

/// The environment variable that sets [`MAX_DOCUMENT_SECONDS`] otherwise.
pub const TEMPLATE_SECONDS_VARIABLE: &str = "COURSE_TEMPLATE_SECONDS";
