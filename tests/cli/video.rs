//! `video:` addresses: a QR code on the handout page that decodes to the address, the
//! address printed as a link, and addresses that are not https refused.

use std::process::Command;

use crate::support::*;

const ADDRESS: &str = "https://example.org/videos/water-wheel";

/// The sample with a video on the water wheel stroke.
fn with_video(address: &str) -> TestCourse {
    TestCourse::sample().edit(
        "modules/tummy.yaml",
        "    repetitions: 6\n    steps:\n      - Lay the edge",
        &format!("    repetitions: 6\n    video: {address}\n    steps:\n      - Lay the edge"),
    )
}

/// What the QR codes on page `page` (from 1) of a PDF say, read from a rendering of the
/// page as a phone would read the paper.
fn qr_codes_on_page(pdf: &std::path::Path, page: usize) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-gray", "-png", "-r", "150", "-singlefile"])
        .args(["-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm (poppler-utils) is installed");
    assert!(status.success());
    let picture = image::open(prefix.with_extension("png"))
        .unwrap()
        .to_luma8();
    let (width, height) = picture.dimensions();
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(width as usize, height as usize, |x, y| {
            picture.get_pixel(x as u32, y as u32)[0]
        });
    prepared
        .detect_grids()
        .into_iter()
        .map(|grid| grid.decode().expect("the QR code decodes").1)
        .collect()
}

#[test]
fn a_video_prints_a_qr_code_that_opens_it_and_its_address_as_a_link() {
    for paper in ["a4", "a5"] {
        let course = with_video(ADDRESS).edit(
            "course.yaml",
            "page_size: a4",
            &format!("page_size: {paper}"),
        );
        course.run(&["build", "-q"]).status(0);
        let handout = course.path().join("build/session-2-handout.pdf");
        let pdf = std::fs::read(&handout).unwrap();
        let links = web_links(&pdf);
        assert_eq!(links.len(), 1, "{paper}: {links:?}");
        let (page, address) = &links[0];
        assert_eq!(address, ADDRESS, "{paper}");
        // The code and its address are on one page.
        assert_eq!(qr_codes_on_page(&handout, *page), [ADDRESS], "{paper}");
        let text = squash(&pdf_text(&pdf));
        assert!(
            text.contains(&format!(
                "Scan the code with your phone's camera to watch the video: {ADDRESS}"
            )) || text.contains(&format!(
                "Scan the code with your phone’s camera to watch the video: {ADDRESS}"
            )),
            "{text}"
        );
        let tree = structure_tree(&pdf);
        assert!(tree.iter().any(|l| l.trim() == "Link"), "{tree:?}");
    }
}

#[test]
fn a_video_address_that_a_phone_could_not_open_is_refused() {
    let at = "modules/tummy.yaml:14:12: stroke 1 (Water wheel), video:";
    let hint = "copy the address from the browser's address bar, such as `https://example.org/videos/water-wheel`";
    for (address, why) in [
        ("http://example.org/v", "`http://example.org/v` is not a secure address: a video's address starts with `https://`"),
        ("example.org/v", "`example.org/v` is not a web address: a video's address starts with `https://`"),
        ("\"https://example.org/my video\"", "`https://example.org/my video` has a space in it; a web address has none"),
    ] {
        let run = with_video(address).run(&["validate", ".", "--message-format=json"]);
        run.status(1);
        assert_eq!(run.diagnostics(), [format!("{at} {why} | {hint}")], "{address}");
    }
}

#[test]
fn the_course_video_is_in_the_booklet_as_a_qr_code_and_a_link() {
    let address = "https://example.org/videos/the-whole-course";
    for paper in ["a4", "a5"] {
        let course = TestCourse::sample().edit(
            "course.yaml",
            "page_size: a4",
            &format!("page_size: {paper}\nvideo: {address}"),
        );
        course.run(&["build", "-q"]).status(0);
        let booklet = course.path().join("build/booklet.pdf");
        let links = web_links(&std::fs::read(&booklet).unwrap());
        let videos: Vec<&(usize, String)> = links.iter().filter(|(_, a)| a == address).collect();
        assert_eq!(videos.len(), 1, "{paper}: {links:?}");
        let page = videos[0].0;
        assert_eq!(qr_codes_on_page(&booklet, page), [address], "{paper}");
    }
}
