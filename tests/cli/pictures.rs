//! A picture's caption, its width as a share of the text width, and its place beside or
//! below a stroke's steps; widths and places that cannot be are refused at their line.

use std::process::Command;

use crate::support::*;

/// The water wheel's alt text, after which the tests add the picture's other fields.
const ALT: &str = "one hand after the other.\"\n";

/// The sample with `fields` (lines of YAML) added to the water wheel's picture.
fn with_fields(fields: &str) -> TestCourse {
    TestCourse::sample().edit("modules/tummy.yaml", ALT, &format!("{ALT}{fields}"))
}

/// A word printed on a page and its box, in points from the top-left corner.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

/// The words of page `page` (from 1) of a PDF with their boxes, from `pdftotext -bbox`.
fn words_on_page(pdf: &[u8], page: usize) -> Vec<Word> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.pdf");
    std::fs::write(&path, pdf).unwrap();
    let page = page.to_string();
    let out = Command::new("pdftotext")
        .args(["-bbox", "-f", &page, "-l", &page])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let number = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    html.split("<word ")
        .skip(1)
        .map(|w| {
            let (tag, rest) = w.split_once('>').unwrap();
            Word {
                text: rest.split("</word>").next().unwrap().to_owned(),
                left: number(tag, "xMin"),
                top: number(tag, "yMin"),
                right: number(tag, "xMax"),
                bottom: number(tag, "yMax"),
            }
        })
        .collect()
}

fn word<'a>(words: &'a [Word], text: &str) -> &'a Word {
    words
        .iter()
        .find(|w| w.text == text)
        .unwrap_or_else(|| panic!("no `{text}` in {words:?}"))
}

/// Where the water wheel's caption is: beside its steps or under them.
fn caption_and_steps(course: &TestCourse) -> (Word, Word, Word) {
    course.run(&["build", "-q"]).status(0);
    let pdf = course.read("build/session-2-handout.pdf");
    let words = words_on_page(&pdf, 1);
    (
        word(&words, "Paddles").clone(),
        word(&words, "Lay").clone(),
        word(&words, "wheel.").clone(),
    )
}

#[test]
fn a_caption_prints_beside_the_steps_with_its_picture_or_under_them() {
    let caption = "    image_caption: Paddles of a water wheel\n";
    let (caption_word, first_step, last_step) = caption_and_steps(&with_fields(caption));
    // Beside, the default: the caption is right of the steps, under the drawing (35 mm,
    // 99 points, tall) that starts beside the first step.
    assert!(
        caption_word.left > last_step.right,
        "{caption_word:?} {last_step:?}"
    );
    let under_drawing = caption_word.top - first_step.top;
    assert!(
        (95.0..120.0).contains(&under_drawing),
        "{caption_word:?} {first_step:?}"
    );

    let below = with_fields(&format!("{caption}    image_placement: below\n"));
    let (caption_word, first_step, last_step) = caption_and_steps(&below);
    // Below the steps, the cautions and the drawing.
    let under_steps = caption_word.top - last_step.bottom;
    assert!(
        (130.0..180.0).contains(&under_steps),
        "{caption_word:?} {last_step:?}"
    );
    assert!(
        caption_word.left > first_step.left,
        "centred: {caption_word:?}"
    );

    let text = squash(&pdf_text(&below.read("build/booklet.pdf")));
    assert!(text.contains("Paddles of a water wheel"), "{text}");
}

/// The printed width, in millimetres, of each raster picture a PDF's pages draw: the
/// horizontal scale of the last transform before the picture is drawn (a picture is drawn
/// into a unit square).
fn picture_widths_mm(bytes: &[u8]) -> Vec<f64> {
    use lopdf::Object;
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let resolve = |o: &Object| match o {
        Object::Reference(id) => doc.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    let mut widths = Vec::new();
    for page in doc.get_pages().values() {
        let page_dict = doc.get_dictionary(*page).unwrap();
        let resources = page_dict.get(b"Resources").ok().and_then(resolve);
        let xobjects = resources
            .as_ref()
            .and_then(|r| r.as_dict().ok())
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(resolve);
        let is_picture = |name: &[u8]| {
            xobjects
                .as_ref()
                .and_then(|x| x.as_dict().ok())
                .and_then(|x| x.get(name).ok())
                .and_then(resolve)
                .and_then(|o| o.as_stream().ok().cloned())
                .is_some_and(|s| {
                    s.dict.get(b"Subtype").ok().and_then(|t| t.as_name().ok()) == Some(b"Image")
                })
        };
        let content = doc.get_and_decode_page_content(*page).unwrap();
        let mut scale = 0.0;
        for op in content.operations {
            match op.operator.as_str() {
                "cm" => {
                    scale = op
                        .operands
                        .first()
                        .and_then(|o| o.as_float().ok())
                        .unwrap_or(0.0) as f64
                }
                "Do" => {
                    let name = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .unwrap_or_default();
                    if is_picture(name) {
                        widths.push((scale.abs() * 25.4 / 72.0 * 10.0).round() / 10.0);
                    }
                }
                _ => {}
            }
        }
    }
    widths
}

/// A grey PNG of `side` by `side` pixels.
fn png(side: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let picture = image::GrayImage::from_pixel(side, side, image::Luma([128]));
    image::DynamicImage::ImageLuma8(picture)
        .write_to(&mut bytes, image::ImageOutputFormat::Png)
        .unwrap();
    bytes
}

#[test]
fn a_width_prints_the_picture_at_that_share_of_the_text_width() {
    // 300 pixels at 150 dpi: 50.8 mm wide as it is.
    let photo = |fields: &str, paper: &str| {
        let course = with_fields(fields)
            .file("images/photo.png", png(300))
            .edit(
                "modules/tummy.yaml",
                "image: images/water-wheel.svg",
                "image: images/photo.png",
            )
            .edit(
                "course.yaml",
                "page_size: a4",
                &format!("page_size: {paper}"),
            );
        course.run(&["build", "-q"]).status(0);
        picture_widths_mm(&course.read("build/session-2-handout.pdf"))
    };
    // The text is 170 mm wide on A4, 120 mm on A5.
    assert_eq!(photo("    image_placement: below\n", "a4"), [50.8]);
    assert_eq!(
        photo("    image_width: 0.5\n    image_placement: below\n", "a4"),
        [85.0]
    );
    assert_eq!(
        photo("    image_width: 1\n    image_placement: below\n", "a5"),
        [120.0]
    );
    assert_eq!(photo("    image_width: 0.25\n", "a5"), [30.0]);
    // Beside the steps a picture takes at most half the text width.
    assert_eq!(photo("    image_width: 0.9\n", "a4"), [85.0]);
}

#[test]
fn a_width_or_place_that_cannot_be_is_refused_at_its_line() {
    let at = "modules/tummy.yaml:23:18: stroke 1 (Water wheel), image_width:";
    let range = "write a number more than 0 and at most 1, such as 0.5";
    for (value, message) in [
        (
            "0",
            format!("{at} `image_width` is too small: it must be more than 0 | {range}"),
        ),
        (
            "2",
            format!("{at} `image_width` is too large: it must be at most 1 | {range}"),
        ),
        (
            "-0.5",
            format!("{at} `image_width` is too small: it must be more than 0 | {range}"),
        ),
    ] {
        let run = with_fields(&format!("    image_width: {value}\n")).run(&[
            "validate",
            ".",
            "--message-format=json",
        ]);
        run.status(1);
        assert_eq!(run.diagnostics(), [message], "{value}");
    }
    let run =
        with_fields("    image_placement: left\n").run(&["validate", ".", "--message-format=json"]);
    run.status(1);
    assert_eq!(
        run.diagnostics(),
        ["modules/tummy.yaml:23:22: stroke 1 (Water wheel), image_placement: `image_placement` cannot be `left` | choose one of: beside, below"]
    );
}
