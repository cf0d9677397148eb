//! Hostile fonts, pictures and text: odd but parseable font metrics, one font named
//! thousands of times, a JPEG of thousands of scans, a PNG that unpacks far beyond its
//! pixels, a word of 10,000 letters and an Indic syllable longer than the shaper's counters.
//! Each ends in a located error or a PDF, within a capped address space, never a hang or
//! a crash.

use std::path::Path;

use crate::support::{glyph_codes, pdf_text, squash, Run, TestCourse};

/// Runs `course` under a 2 GiB address space.
fn capped(dir: &Path, args: &[&str]) -> Run {
    crate::support::run_capped(dir, args, &[])
}

fn dejavu() -> Vec<u8> {
    std::fs::read("fonts/DejaVuSans.ttf").unwrap()
}

/// Where the table `tag` starts in a font file, from its table directory.
fn table(font: &[u8], tag: &[u8; 4]) -> usize {
    let count = usize::from(u16::from_be_bytes([font[4], font[5]]));
    (0..count)
        .map(|i| 12 + 16 * i)
        .find(|&record| &font[record..record + 4] == tag)
        .map(|record| {
            u32::from_be_bytes(font[record + 8..record + 12].try_into().unwrap()) as usize
        })
        .unwrap_or_else(|| panic!("no {} table", String::from_utf8_lossy(tag)))
}

/// DejaVu Sans with 16-bit fields overwritten in place: (table, offset in it, value). No
/// checksum is recomputed: no parser checks them.
fn patched(fields: &[(&[u8; 4], usize, i32)]) -> Vec<u8> {
    let mut font = dejavu();
    for &(tag, offset, value) in fields {
        let at = table(&font, tag) + offset;
        font[at..at + 2].copy_from_slice(&(value as u16).to_be_bytes());
    }
    font
}

/// Ascender and descender (hhea, OS/2 typographic and Windows) all set to these.
fn line_metrics(ascent: i32, descent: i32) -> Vec<(&'static [u8; 4], usize, i32)> {
    vec![
        (b"hhea", 4, ascent),
        (b"hhea", 6, descent),
        (b"OS/2", 68, ascent),
        (b"OS/2", 70, descent),
        (b"OS/2", 74, ascent),
        (b"OS/2", 76, -descent),
    ]
}

const FIX_FONT: &str = "use another font, or a corrected version of this one from its maker";

#[test]
fn fonts_with_broken_metrics_are_refused_at_their_fonts_entry() {
    let upem = |units: i32| vec![(b"head", 18, units)];
    let cases = [
        (
            line_metrics(32_000, -32_000),
            "its lines would be 31.2 times as high as its text size (ascent 15.6, descent -15.6, line gap 0.0), where fonts are 0.5 to 5 times",
        ),
        (
            upem(16),
            "its lines would be 149.0 times as high as its text size (ascent 118.8, descent -30.2, line gap 0.0), where fonts are 0.5 to 5 times",
        ),
        (
            upem(20_000),
            "it divides its letters into 20000 units, where fonts use 16 to 16,384",
        ),
        (
            line_metrics(0, 0),
            "its lines would be 0.0 times as high as its text size (ascent 0.0, descent 0.0, line gap 0.0), where fonts are 0.5 to 5 times",
        ),
    ];
    for (fields, why) in cases {
        let course = TestCourse::sample()
            .file("fonts/odd.ttf", patched(&fields))
            .edit(
                "course.yaml",
                "page_size: a4",
                "page_size: a4\nfonts: fonts/odd.ttf",
            );
        for command in ["validate", "build"] {
            let run = capped(course.path(), &[command, "--message-format=json"]);
            run.status(1).no_crash();
            assert_eq!(
                run.diagnostics(),
                [format!("course.yaml:11:8: fonts: the font `fonts/odd.ttf` has broken size information: {why} | {FIX_FONT}")],
                "{command}"
            );
        }
        assert!(!course.exists("build"), "{why}: something was written");
    }
}

#[test]
fn a_broken_face_in_a_font_folder_is_named_at_its_list_entry() {
    let run = TestCourse::sample()
        .file("own/Regular.ttf", dejavu())
        .file("own/Bold.ttf", patched(&[(b"head", 18, 16)]))
        .edit(
            "course.yaml",
            "page_size: a4",
            "page_size: a4\nfonts: [fonts/plain.ttf, own]",
        )
        .file("fonts/plain.ttf", dejavu())
        .run(&["validate", "--message-format=json"]);
    run.status(1).no_crash();
    assert_eq!(
        run.diagnostics(),
        [format!("course.yaml:11:26: font 2 (own): the font `own/Bold.ttf` has broken size information: its lines would be 149.0 times as high as its text size (ascent 118.8, descent -30.2, line gap 0.0), where fonts are 0.5 to 5 times | {FIX_FONT}")]
    );
}

/// 4,000 mentions of a 740 KB font would take 3 GB if each were read and parsed: under a
/// 2 GiB cap, the course validates and builds with it.
#[test]
fn one_font_named_thousands_of_times_is_read_once() {
    let list = vec!["fonts/own.ttf"; 4_000].join(", ");
    let course = TestCourse::sample().file("fonts/own.ttf", dejavu()).edit(
        "course.yaml",
        "page_size: a4",
        &format!("page_size: a4\nfonts: [{list}]"),
    );
    capped(course.path(), &["validate"]).status(0).no_crash();
    capped(course.path(), &["build", "--quiet"])
        .status(0)
        .no_crash();
    let text = pdf_text(&course.read("build/session-2-handout.pdf"));
    assert!(squash(&text).contains("Water wheel"), "{text}");
}

#[test]
fn more_than_sixteen_different_fonts_are_refused_at_the_first_too_many() {
    let mut course = TestCourse::sample().file("fonts/f0.ttf", dejavu());
    // Copies under other names (hard links: the same bytes, parsed once).
    for i in 1..17 {
        std::fs::hard_link(
            course.path().join("fonts/f0.ttf"),
            course.path().join(format!("fonts/f{i}.ttf")),
        )
        .unwrap();
    }
    let list: Vec<String> = (0..17).map(|i| format!("fonts/f{i}.ttf")).collect();
    course = course.edit(
        "course.yaml",
        "page_size: a4",
        &format!("page_size: a4\nfonts: [{}]", list.join(", ")),
    );
    let run = course.run(&["validate", "--message-format=json"]);
    run.status(1).no_crash();
    assert_eq!(
        run.diagnostics(),
        ["course.yaml:11:239: font 17 (fonts/f16.ttf): `fonts` names more than 16 different font folders and files | name at most 16: the fonts the course's text needs, in the order they are tried"]
    );
}

/// rustybuzz panicked on a syllable of more than 127 characters; HarfRust sets it.
#[test]
fn a_devanagari_syllable_of_129_conjuncts_is_printed() {
    let syllable = "क्".repeat(129);
    let course = TestCourse::sample().edit(
        "modules/tummy.yaml",
        "      - Stroke down towards the top of the nappy.",
        &format!("      - Stroke {syllable} down."),
    );
    course.run(&["validate"]).status(0).no_crash();
    course.run(&["build", "--quiet"]).status(0).no_crash();
    let pdf = course.read("build/session-2-handout.pdf");
    let codes = glyph_codes(&pdf);
    assert!(!codes.is_empty() && !codes.contains(&0), "a missing glyph");
    assert!(squash(&pdf_text(&pdf)).contains("Stroke"));
}

/// A 10,000-letter word (the longest a field may be) breaks over lines, hyphenated, with
/// no letter lost. (Its speed is measured in `cargo bench -- long-word`.)
#[test]
fn a_word_of_ten_thousand_letters_is_broken_over_lines_whole() {
    let word: String = "massage".chars().cycle().take(10_000).collect();
    let course = TestCourse::sample().edit(
        "modules/tummy.yaml",
        "name: Water wheel",
        &format!("name: {word}"),
    );
    course.run(&["build", "--quiet"]).status(0).no_crash();
    let text = pdf_text(&course.read("build/session-2-handout.pdf"));
    // The word's lines, between the pages' headers and footers.
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.len() > 20 && l.chars().all(|c| "masge -".contains(c)))
        .collect();
    let printed: String = lines
        .iter()
        .map(|l| l.trim_end_matches(['-', ' ']))
        .collect();
    // The handout prints the stroke's name twice.
    assert!(
        printed == word.repeat(2),
        "{} letters printed, not twice {}",
        printed.len(),
        word.len()
    );
    assert!(
        lines.iter().filter(|l| l.ends_with('-')).count() > 10,
        "the word was not hyphenated"
    );
}

fn jpeg() -> Vec<u8> {
    let mut jpeg = Vec::new();
    let picture =
        image::RgbImage::from_fn(64, 64, |x, y| image::Rgb([x as u8 * 4, y as u8 * 4, 90]));
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut jpeg, image::ImageOutputFormat::Jpeg(90))
        .unwrap();
    jpeg
}

fn with_image(name: &str, bytes: Vec<u8>) -> TestCourse {
    TestCourse::sample()
        .edit(
            "modules/tummy.yaml",
            "title: Tummy strokes",
            &format!("title: Tummy strokes\nimage: {name}"),
        )
        .file(name, bytes)
}

const SAVE_AGAIN: &str =
    "open the picture in an image editor and save it again as an ordinary JPEG or as PNG";

#[test]
fn a_jpeg_of_too_many_scans_is_refused_before_decoding() {
    let mut jpeg = jpeg();
    // Its scan (from the start-of-scan marker to the end of image) said 100 more times.
    let sos = jpeg.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
    let eoi = jpeg.len() - 2;
    let scan = jpeg[sos..eoi].to_vec();
    for _ in 0..100 {
        jpeg.splice(eoi..eoi, scan.iter().copied());
    }
    let course = with_image("images/scans.jpg", jpeg);
    for command in ["validate", "build"] {
        let run = course.run(&[command, "--message-format=json"]);
        run.status(1).no_crash();
        assert_eq!(
            run.diagnostics(),
            [format!("modules/tummy.yaml:5:8: image: `images/scans.jpg` is a JPEG saved in 101 passes, which takes far too long to read; a picture may have at most 64 | {SAVE_AGAIN}")],
            "{command}"
        );
    }
    // The same picture in one scan prints.
    with_image("images/scans.jpg", self::jpeg())
        .run(&["validate"])
        .status(0);
}

/// A 1 x 1 PNG whose image data unpacks to 8 MiB: the decoder would unpack it all.
#[test]
fn a_png_whose_data_unpacks_far_beyond_its_pixels_is_refused() {
    use std::io::Write;
    fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        png.extend((data.len() as u32).to_be_bytes());
        png.extend(kind);
        png.extend(data);
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        png.extend(crc.sum().to_be_bytes());
    }
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    zlib.write_all(&vec![0u8; 8 * 1024 * 1024]).unwrap();
    let data = zlib.finish().unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    chunk(&mut png, b"IDAT", &data);
    chunk(&mut png, b"IEND", &[]);
    let course = with_image("images/bomb.png", png);
    for command in ["validate", "build"] {
        let run = course.run(&[command, "--message-format=json"]);
        run.status(1).no_crash();
        assert_eq!(
            run.diagnostics(),
            [format!("modules/tummy.yaml:5:8: image: `images/bomb.png` holds far more picture data than its pixels need, which takes far too long to read | {SAVE_AGAIN}")],
            "{command}"
        );
    }
}
