//! A fuzz driver that runs on stable Rust (cargo-fuzz needs nightly): mutated course
//! files through the loader, validate and the report; generated Markdown through a
//! course template into a PDF. Any panic is a crash. Used by `fuzz/main.rs` for long
//! runs (`scripts/fuzz.sh SECONDS`) and by a fixed-seed short run in `cargo test`.

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The sample course's module files: the seeds that mutations start from.
const SEEDS: [&str; 8] = [
    include_str!("../courses/infant-massage/modules/chest-and-arms.yaml"),
    include_str!("../courses/infant-massage/modules/face-and-back.yaml"),
    include_str!("../courses/infant-massage/modules/getting-ready.yaml"),
    include_str!("../courses/infant-massage/modules/legs-and-feet.yaml"),
    include_str!("../courses/infant-massage/modules/skin-to-skin.yaml"),
    include_str!("../courses/infant-massage/modules/toddlers.yaml"),
    include_str!("../courses/infant-massage/modules/tummy.yaml"),
    include_str!("../courses/infant-massage/modules/why-massage.yaml"),
];
const COURSE: &str = include_str!("../courses/infant-massage/course.yaml");
/// The sample's drawings, which its strokes name.
const IMAGES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/courses/infant-massage/images");

/// Tokens that break YAML parsers and the checks after them.
const YAML_TOKENS: [&str; 34] = [
    "\n",
    "\r",
    "\r\n",
    "  ",
    "\t",
    "- ",
    ": ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "\"",
    "'",
    "\\",
    "\\u200b",
    "\\x01",
    "#",
    "---\n",
    "|\n",
    ">-\n",
    "? ",
    "!!str ",
    "0x10",
    "1e3",
    ".nan",
    "true",
    "~",
    "\u{feff}",
    "%YAML 1.2\n",
];

/// Characters that have broken things before: wide, invisible, direction-changing,
/// combining, outside the fonts.
const CHARS: [char; 14] = [
    'é',
    '中',
    '☐',
    '•',
    '\u{200b}',
    '\u{202e}',
    '\u{2066}',
    '\u{301}',
    '\u{1F600}',
    '\u{0}',
    '\u{7f}',
    '\u{a0}',
    'ß',
    '\u{10FFFF}',
];

/// Markdown a template may emit.
const MARKDOWN_TOKENS: [&str; 38] = [
    "\n",
    "\n\n",
    "> ",
    ">",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "  ",
    "    ",
    "**",
    "*",
    "_",
    "`",
    "|",
    "| a | b |\n|---|:-:|\n",
    "# ",
    "### ",
    "- [ ] ",
    "- [x] ",
    "![](images/none.png)",
    "![](<images/a b.png>)",
    "<!-- space 30 -->",
    "<!-- space 1e308 -->",
    "<!-- anchor session-1 -->",
    "---\n",
    "\\",
    "words and more words ",
    "<b>",
    "&amp;",
    "&#0;",
    "[link](x)",
    "<https://x>",
    "\t",
    "~~~\n",
    "```\n",
    "Wordwithoutanyspacesthatgoesonforeveracrossthepage",
];

/// Handlebars a course template might hold: loops, partials, helpers, broken syntax.
const TEMPLATE_TOKENS: [&str; 10] = [
    "{{#each @root.attendees}}",
    "{{/each}}",
    "{{> session}}",
    "{{session.title}}",
    "{{md session.intro}}",
    "{{t \"page_of\"}}",
    "{{#if x}}",
    "{{/if}}",
    "{{",
    "}}",
];

/// splitmix64: small, fast and the same on every machine, so a seed reproduces a run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// A module file: a sample module with a few mutations, or token soup.
pub fn loader_case(rng: &mut Rng) -> Vec<u8> {
    let mut bytes: Vec<u8> = if rng.below(8) == 0 {
        let mut soup = String::from("kind: strokes\nid: x\n");
        for _ in 0..rng.below(80) {
            soup.push_str(rng.pick(&YAML_TOKENS));
            if rng.below(3) == 0 {
                soup.push_str(rng.pick(&["title", "strokes", "steps", "name", "a b", "9"]));
            }
        }
        soup.into_bytes()
    } else {
        rng.pick(&SEEDS).as_bytes().to_vec()
    };
    for _ in 0..1 + rng.below(6) {
        mutate(rng, &mut bytes);
    }
    bytes
}

/// One change to a file's bytes: a flipped bit, a YAML token, a cut, a repeat, an odd
/// character, other indentation, or a plain value after a colon.
pub fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let at = rng.below(bytes.len() + 1);
    match rng.below(7) {
        0 => {
            if let Some(b) = bytes.get_mut(at) {
                *b ^= 1 << rng.below(8);
            }
        }
        1 => {
            let token = rng.pick(&YAML_TOKENS);
            bytes.splice(at..at, token.bytes());
        }
        2 => {
            let end = (at + rng.below(40)).min(bytes.len());
            bytes.drain(at..end);
        }
        3 => {
            let end = (at + rng.below(200)).min(bytes.len());
            let copy = bytes[at..end].to_vec();
            for _ in 0..1 + rng.below(4) {
                bytes.splice(at..at, copy.iter().copied());
            }
        }
        4 => {
            let c = rng.pick(&CHARS);
            let mut buf = [0; 4];
            bytes.splice(at..at, c.encode_utf8(&mut buf).bytes());
        }
        5 => {
            // Move to the start of a line and change its indentation.
            let start = bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let spaces = " ".repeat(rng.below(5));
            bytes.splice(start..start, spaces.bytes());
        }
        _ => {
            // A plain value in place of the text after a colon.
            let value = rng.pick(&["0x10", "1e3", ".nan", "true", "[]", "{}", "~", "-1", "\"\""]);
            if let Some(colon) = bytes[at..].iter().position(|&b| b == b':') {
                let start = at + colon + 1;
                let end = bytes[start..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |i| start + i);
                bytes.splice(start..end, format!(" {value}").bytes());
            }
        }
    }
}

/// course.yaml with a few mutations.
pub fn course_case(rng: &mut Rng) -> Vec<u8> {
    let mut bytes = COURSE.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        mutate(rng, &mut bytes);
    }
    bytes
}

/// Markdown as a template might write it.
pub fn markdown_case(rng: &mut Rng) -> String {
    let mut text = String::new();
    for _ in 0..rng.below(120) {
        if rng.below(10) == 0 {
            text.push(rng.pick(&CHARS));
        } else {
            text.push_str(rng.pick(&MARKDOWN_TOKENS));
        }
    }
    // Braces would make it a Handlebars template rather than Markdown; now and then it
    // is meant to be one.
    let mut text = text.replace(['{', '}'], "");
    if rng.below(4) == 0 {
        for _ in 0..1 + rng.below(6) {
            let at = rng.below(text.len() + 1);
            if text.is_char_boundary(at) {
                text.insert_str(at, rng.pick(&TEMPLATE_TOKENS));
            }
        }
    }
    text
}

/// Runs one loader case in the course at `dir`: load, validate, draw the report. The
/// input is a module file, or (when `course_file`) course.yaml itself.
pub fn run_loader(dir: &Path, input: &[u8], course_file: bool) {
    let name = if course_file {
        "course.yaml"
    } else {
        "modules/fuzz.yaml"
    };
    std::fs::write(dir.join(name), input).expect("write the case");
    let Ok(course) = course::load::load(dir) else {
        return;
    };
    let diagnostics =
        course::validate::validate(&course, &course::fonts::FontSet::bundled()).diagnostics;
    course::report::render_plain(&course, &diagnostics);
}

/// Runs one Markdown case: the Markdown as the handout template, through to a PDF.
pub fn run_markdown(dir: &Path, markdown: &str) {
    std::fs::write(dir.join("templates/handout.md.hbs"), markdown).expect("write the case");
    course::render::markdown::parse(markdown, "en");
    let Ok(course) = course::load::load(dir) else {
        return;
    };
    let Ok(renderer) = course::render::Renderer::new(&course, course::fonts::FontSet::bundled())
    else {
        return;
    };
    let documents = course::plan::plan(&course, &renderer.locale);
    if let Some(doc) = documents.first() {
        let _ = renderer.render(doc);
    }
}

/// A copy of the sample course to run cases in.
pub fn work_course(work: &Path) -> PathBuf {
    let dir = work.join("course");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("modules")).unwrap();
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    std::fs::write(dir.join("course.yaml"), COURSE).unwrap();
    let names = [
        "chest-and-arms",
        "face-and-back",
        "getting-ready",
        "legs-and-feet",
        "skin-to-skin",
        "toddlers",
        "tummy",
        "why-massage",
    ];
    for (name, text) in names.iter().zip(SEEDS) {
        std::fs::write(dir.join(format!("modules/{name}.yaml")), text).unwrap();
    }
    std::fs::create_dir_all(dir.join("images")).unwrap();
    for entry in std::fs::read_dir(IMAGES).unwrap() {
        let from = entry.unwrap().path();
        std::fs::copy(&from, dir.join("images").join(from.file_name().unwrap())).unwrap();
    }
    dir
}

#[derive(Debug, Default)]
pub struct Stats {
    pub loader_cases: u64,
    pub markdown_cases: u64,
    /// Inputs that panicked: (the course file they were written to, the input).
    pub crashes: Vec<(&'static str, Vec<u8>)>,
}

/// Runs cases from `seed` until `budget` runs out or `max_cases` are done, in `work`.
pub fn run(seed: u64, budget: Duration, max_cases: u64, work: &Path) -> Stats {
    let dir = work_course(work);
    let mut rng = Rng::new(seed);
    let mut stats = Stats::default();
    let started = Instant::now();
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    while started.elapsed() < budget && stats.loader_cases + stats.markdown_cases < max_cases {
        // Markdown cases make a PDF: about one in eight keeps both stages busy.
        if rng.below(8) == 0 {
            let markdown = markdown_case(&mut rng);
            stats.markdown_cases += 1;
            let _ = std::fs::remove_file(dir.join("modules/fuzz.yaml"));
            if std::panic::catch_unwind(AssertUnwindSafe(|| run_markdown(&dir, &markdown))).is_err()
            {
                stats
                    .crashes
                    .push(("templates/handout.md.hbs", markdown.into_bytes()));
            }
            let _ = std::fs::remove_file(dir.join("templates/handout.md.hbs"));
        } else {
            // One loader case in ten mutates course.yaml instead of a module.
            let course_file = rng.below(10) == 0;
            let input = if course_file {
                course_case(&mut rng)
            } else {
                loader_case(&mut rng)
            };
            stats.loader_cases += 1;
            let run = || run_loader(&dir, &input, course_file);
            if std::panic::catch_unwind(AssertUnwindSafe(run)).is_err() {
                let file = if course_file {
                    "course.yaml"
                } else {
                    "modules/fuzz.yaml"
                };
                stats.crashes.push((file, input));
            }
            if course_file {
                std::fs::write(dir.join("course.yaml"), COURSE).expect("restore course.yaml");
            }
        }
    }
    std::panic::set_hook(quiet);
    stats
}
