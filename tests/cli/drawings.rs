//! SVG drawings: printed as vector paths and tagged as figures with their alt text; a
//! drawing that reaches outside itself, grows without end or cannot be read is refused at
//! its line, within the memory budget.

use crate::support::*;

/// A small drawing: a circle and an arrow.
pub const DRAWING: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="60mm" height="40mm" viewBox="0 0 60 40">
  <circle cx="30" cy="20" r="12" fill="none" stroke="#444" stroke-width="1"/>
  <path d="M10 35 L50 35 M45 31 L50 35 L45 39" fill="none" stroke="#c33" stroke-width="1.2"/>
</svg>
"##;

/// The water wheel's picture and its alt text, as the sample names them.
const WATER_WHEEL: &str = "    image: images/water-wheel.svg\n    image_alt: \"A baby's tummy; two arrows stroke down from below the ribs to the nappy, one hand after the other.\"\n";

/// The sample with `drawing` as the water wheel's picture, described by `extra` (lines of
/// YAML after `image:`, or nothing).
fn with_drawing(drawing: &str, extra: &str) -> TestCourse {
    TestCourse::sample()
        .file("images/water-wheel.svg", drawing)
        .edit(
            "modules/tummy.yaml",
            WATER_WHEEL,
            &format!("    image: images/water-wheel.svg\n{extra}"),
        )
}

/// The alt text of every figure in a tagged PDF's structure tree.
pub fn figure_alts(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF lopdf can read");
    let mut alts = Vec::new();
    for object in doc.objects.values() {
        let Ok(d) = object.as_dict() else { continue };
        if d.get(b"S").ok().and_then(|s| s.as_name().ok()) != Some(b"Figure") {
            continue;
        }
        if let Ok(lopdf::Object::String(alt, _)) = d.get(b"Alt") {
            alts.push(text_string(alt));
        }
    }
    alts.sort();
    alts
}

fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(utf16) => String::from_utf16_lossy(
            &utf16
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect::<Vec<_>>(),
        ),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// How many image XObjects a PDF holds.
pub fn raster_images(bytes: &[u8]) -> usize {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF lopdf can read");
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").ok().and_then(|t| t.as_name().ok()) == Some(b"Image"))
        .count()
}

/// How many curves (`c` operators) the pages and the forms they draw hold.
pub fn curves(bytes: &[u8]) -> usize {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF lopdf can read");
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter_map(|s| {
            s.decompressed_content()
                .ok()
                .or_else(|| Some(s.content.clone()))
        })
        .filter_map(|c| lopdf::content::Content::decode(&c).ok())
        .map(|c| c.operations.iter().filter(|op| op.operator == "c").count())
        .sum()
}

#[test]
fn a_drawing_prints_as_vector_paths_tagged_with_its_alt_text() {
    let plain = TestCourse::sample().edit("modules/tummy.yaml", WATER_WHEEL, "");
    plain.run(&["build", "-q"]).status(0);
    let before = curves(&plain.read("build/session-2-handout.pdf"));

    let alt = "A circle on the tummy and an arrow from left to right";
    let course = with_drawing(DRAWING, &format!("    image_alt: {alt}\n"));
    let run = course.run(&["validate", ".", "--message-format=json"]);
    assert_eq!(run.status(0).diagnostics(), Vec::<String>::new());
    course.run(&["build", "-q"]).status(0);
    let pdf = course.read("build/session-2-handout.pdf");
    assert_eq!(raster_images(&pdf), 0, "a drawing is not a picture");
    // The circle is four curves.
    assert!(curves(&pdf) >= before + 4, "{} curves", curves(&pdf));
    let others = figure_alts(&plain.read("build/session-2-handout.pdf"));
    assert_eq!(figure_alts(&pdf), with(&others, alt));
    let booklet = course.read("build/booklet.pdf");
    let others = figure_alts(&plain.read("build/booklet.pdf"));
    assert_eq!(figure_alts(&booklet), with(&others, alt));
}

/// `alts` and `alt`, sorted as `figure_alts` gives them.
fn with(alts: &[String], alt: &str) -> Vec<String> {
    let mut all = alts.to_vec();
    all.push(alt.to_owned());
    all.sort();
    all
}

#[test]
fn a_picture_without_alt_text_is_warned_about_and_a_decorative_one_is_not_a_figure() {
    let course = with_drawing(DRAWING, "");
    let run = course.run(&["validate", ".", "--message-format=json"]);
    assert_eq!(run.diagnostics(), ["warning: modules/tummy.yaml:21:12: stroke 1 (Water wheel), image: `images/water-wheel.svg` has no `image_alt` saying what it shows, for readers who cannot see it | add `image_alt:` with a sentence such as \"Two hands stroking down the leg, hip to ankle\", or `image_decorative: true` if it shows nothing a reader would miss"]);
    let decorative = with_drawing(DRAWING, "    image_decorative: true\n");
    let run = decorative.run(&["validate", ".", "--message-format=json"]);
    assert_eq!(run.status(0).diagnostics(), Vec::<String>::new());
    decorative.run(&["build", "-q"]).status(0);
    let pdf = decorative.read("build/session-2-handout.pdf");
    // The other two strokes' drawings only.
    assert_eq!(figure_alts(&pdf).len(), 2);
    assert!(!figure_alts(&pdf)
        .iter()
        .any(|a| a.contains("one hand after the other")));
}

/// A drawing with `part` on its third line.
fn hostile(part: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"\n     width=\"60mm\" height=\"40mm\">\n  {part}\n</svg>\n"
    )
}

fn refusal(drawing: &str) -> Vec<String> {
    let course = with_drawing(drawing, "    image_alt: A drawing\n");
    let run = run_capped(
        course.path(),
        &["validate", ".", "--message-format=json"],
        &[],
    );
    run.status(1).no_crash();
    run.diagnostics()
}

const AT: &str =
    "modules/tummy.yaml:21:12: stroke 1 (Water wheel), image: `images/water-wheel.svg`";
const INSIDE: &str = "a drawing may refer only to its own parts (`href=\"#name\"`): copy what it needs into the file";

#[test]
fn a_drawing_that_reaches_outside_itself_is_refused_at_its_line() {
    let cases = [
        (r#"<use href="../course.yaml#a"/>"#, "refers to `../course.yaml#a` outside the drawing", INSIDE),
        (r#"<use xlink:href="file:///etc/passwd"/>"#, "refers to `file:///etc/passwd` outside the drawing", INSIDE),
        (r#"<a href="http://example.com/"><rect width="1" height="1"/></a>"#, "refers to `http://example.com/` outside the drawing", INSIDE),
        (r#"<rect width="9" height="9" fill="url(https://example.com/p.svg#g)"/>"#, "refers to `https://example.com/p.svg#g` outside the drawing", INSIDE),
        (r#"<style>@import url(https://example.com/a.css);</style>"#, "imports a stylesheet from outside the drawing (`@import`)", INSIDE),
        (r#"<style>@font-face { font-family: x; src: url(/usr/share/fonts/x.ttf) }</style>"#, "loads a font (`@font-face`); a drawing has no words to set", INSIDE),
        (r#"<image href="/etc/hosts" width="9" height="9"/>"#, "has a picture inside it (`<image>`); a drawing is made of lines and shapes", "print the picture as a picture of its own (PNG or JPEG), or draw it as shapes"),
        (r#"<text x="1" y="9">Hello</text>"#, "has words in it (`<text>`); the handout's fonts cannot be used inside a drawing", "turn the words into shapes (in Inkscape: Path, Object to Path), or write them in the handout next to the drawing"),
    ];
    for (part, what, hint) in cases {
        assert_eq!(
            refusal(&hostile(part)),
            [format!(
                "{AT}, line 3, column 3: the drawing {what} | {hint}"
            )],
            "{part}"
        );
    }
}

#[test]
fn a_drawing_that_would_grow_without_end_is_refused_within_the_memory_budget() {
    let redraw = "save the drawing again as plain SVG (in Inkscape: Save As, Plain SVG)";
    // A billion laughs: ten levels of ten entities each.
    let mut laughs =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n <!ENTITY a \"lol\">\n");
    for i in 1..10u8 {
        let (name, inner) = ((b'a' + i) as char, (b'a' + i - 1) as char);
        laughs.push_str(&format!(
            " <!ENTITY {name} \"{}\">\n",
            format!("&{inner};").repeat(10)
        ));
    }
    laughs.push_str(&hostile("<desc>&j;</desc>"));
    assert_eq!(refusal(&laughs), [format!("{AT}, line 2, column 1: the drawing declares a DOCTYPE or entities, which a drawing may not (one entity can grow into gigabytes) | {redraw}")]);

    let deep = hostile(&format!("{}{}", "<g>".repeat(1_000), "</g>".repeat(1_000)));
    assert_eq!(
        refusal(&deep),
        [format!(
            "{AT}, line 3, column 192: the drawing has shapes nested more than 64 deep | {redraw}"
        )]
    );

    let many = hostile(&"<rect width=\"1\" height=\"1\"/>".repeat(25_000));
    assert_eq!(refusal(&many), [format!("{AT}, line 1, column 1: the drawing has more than 20000 parts; a handout drawing needs far fewer | {redraw}")]);

    // One path of 100,000 points is over the size limit; a filter would be pixels.
    let huge_path = hostile(&format!("<path d=\"M0 0{}\"/>", " L1 1".repeat(300_000)));
    assert_eq!(refusal(&huge_path), [format!("{AT} is a drawing of 1465 KiB; a drawing may be at most 1024 KiB | simplify the drawing (fewer points), or save it as plain SVG without editor data")]);
    let filter = hostile("<filter id=\"f\" x=\"-1e6\" y=\"-1e6\" width=\"2e6\" height=\"2e6\"><feGaussianBlur stdDeviation=\"1e5\"/></filter><rect width=\"60\" height=\"40\" filter=\"url(#f)\"/>");
    assert_eq!(refusal(&filter), [format!("{AT}, line 3, column 3: the drawing has a filter (`<filter>`), which would be printed as pixels, not lines | remove the blur or shadow, or draw it with plain shapes")]);
}

#[test]
fn a_malformed_drawing_is_a_located_error() {
    let broken = hostile("<rect width=\"1\" height=\"1\">\n  <circle r=\"2\"/>\n</svg>");
    assert_eq!(refusal(&broken), [format!("{AT}, line 5, column 1: the drawing is not well-formed SVG: expected 'rect' tag, not 'svg' | save the drawing again as plain SVG (in Inkscape: Save As, Plain SVG)")]);
    let latin1 = [
        &b"<svg xmlns=\"http://www.w3.org/2000/svg\">\n<desc>caf"[..],
        &[0xe9],
        b"</desc></svg>",
    ]
    .concat();
    let course = TestCourse::sample()
        .file("images/water-wheel.svg", latin1)
        .edit(
            "modules/tummy.yaml",
            WATER_WHEEL,
            "    image: images/water-wheel.svg\n    image_alt: A drawing\n",
        );
    let run = course.run(&["build", ".", "--message-format=json"]);
    run.status(1).no_crash();
    assert_eq!(run.diagnostics(), [format!("{AT}, line 2, column 10: the drawing is not text in UTF-8 | save the drawing again as plain SVG (in Inkscape: Save As, Plain SVG)")]);
}

/// The sample's strokes, by module file: each has a drawing in `images/`.
const SAMPLE_STROKES: [(&str, &[&str]); 4] = [
    (
        "legs-and-feet",
        &[
            "indian-milking",
            "twisting-squeeze",
            "thumbs-over-sole",
            "toe-rolls",
        ],
    ),
    ("tummy", &["water-wheel", "i-love-you", "sun-and-moon"]),
    (
        "chest-and-arms",
        &["open-book", "arm-milking", "palm-circles"],
    ),
    (
        "face-and-back",
        &[
            "forehead",
            "eyebrows",
            "jaw-circles",
            "back-circles",
            "combing",
        ],
    ),
];

#[test]
fn every_drawing_of_the_sample_prints_on_its_stroke_as_vector_paths() {
    let course = TestCourse::sample();
    let mut expected = Vec::new();
    for (module, strokes) in SAMPLE_STROKES {
        let text = String::from_utf8(course.read(&format!("modules/{module}.yaml"))).unwrap();
        let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        let named: Vec<&str> = value["strokes"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap())
            .collect();
        assert_eq!(named, strokes, "{module}");
        for stroke in value["strokes"].as_sequence().unwrap() {
            let id = stroke["id"].as_str().unwrap();
            assert_eq!(
                stroke["image"].as_str(),
                Some(format!("images/{id}.svg").as_str())
            );
            let alt = stroke["image_alt"].as_str().unwrap();
            expected.push(crate::support::straight_quotes(alt));
        }
    }
    let run = course.run(&["validate", ".", "--message-format=json"]);
    assert_eq!(run.status(0).diagnostics(), Vec::<String>::new());
    course.run(&["build", "-q"]).status(0);
    let booklet = course.read("build/booklet.pdf");
    expected.sort();
    let mut printed: Vec<String> = figure_alts(&booklet)
        .iter()
        .map(|a| crate::support::straight_quotes(a))
        .collect();
    printed.sort();
    assert_eq!(printed, expected);
    assert_eq!(raster_images(&booklet), 0);
}
