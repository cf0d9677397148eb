//! The file gate and the input budgets, through the real binary: pipes in place of any
//! course file are refused without hanging, one cause gives one error, and big or odd
//! inputs that are valid stay fast and are accepted.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::TestCourse;

/// Runs `course args` in `dir`, killing it after `limit`: a hang is a failure, not a
/// test that never ends. Returns (exit status, stderr).
fn run_with_deadline(dir: &Path, args: &[&str], limit: Duration) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_course"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("course runs");
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
            return (status.code().unwrap_or(-1), stderr);
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            panic!("`course {}` did not finish in {limit:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

#[test]
fn a_pipe_in_place_of_any_course_file_is_refused_without_hanging() {
    let cases = [
        ("modules/pipe.yaml", "modules/pipe.yaml: cannot read this file: it is a named pipe (FIFO), not a regular file"),
        ("templates/handout.md.hbs", "templates/handout.md.hbs: cannot read this file: it is a named pipe (FIFO), not a regular file"),
        ("locales/en.yaml", "locales/en.yaml: cannot read this file: it is a named pipe (FIFO), not a regular file"),
        ("images/pipe.png", "`images/pipe.png` cannot be read: it is a named pipe (FIFO), not a regular file"),
    ];
    for (name, expected) in cases {
        let course = TestCourse::sample().edit(
            "modules/tummy.yaml",
            "title: Tummy strokes",
            "title: Tummy strokes\nimage: images/pipe.png",
        );
        if name != "images/pipe.png" {
            std::fs::create_dir_all(course.path().join("images")).unwrap();
            std::fs::write(course.path().join("images/pipe.png"), tiny_png()).unwrap();
        }
        mkfifo(&course.path().join(name));
        for command in ["validate", "build"] {
            let (status, stderr) =
                run_with_deadline(course.path(), &[command], Duration::from_secs(60));
            assert_eq!(status, 1, "{name}, {command}:\n{stderr}");
            assert!(stderr.contains(expected), "{name}, {command}:\n{stderr}");
        }
        assert!(
            !course.exists("build"),
            "{name}: a refused course was built"
        );
    }
}

/// A valid 2 x 2 PNG.
pub fn tiny_png() -> Vec<u8> {
    let mut bytes = Vec::new();
    let picture = image::RgbImage::from_pixel(2, 2, image::Rgb([200, 100, 50]));
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut bytes, image::ImageOutputFormat::Png)
        .unwrap();
    bytes
}

#[test]
fn over_the_module_limit_there_is_one_error_and_no_false_missing_module() {
    let mut course = TestCourse::sample();
    // Sorted by name, `zz-last` is past the limit, and a session teaches it.
    for i in 0..5_000 {
        course = course.file(
            &format!("modules/m{i:04}.yaml"),
            format!("kind: benefits\nid: m{i}\ntitle: M\nphysical: [a]\nemotional: [b]\n"),
        );
    }
    let course = course
        .file(
            "modules/zz-last.yaml",
            "kind: benefits\nid: zz-last\ntitle: M\nphysical: [a]\nemotional: [b]\n",
        )
        .edit(
            "course.yaml",
            "modules: [tummy]",
            "modules: [tummy, zz-last]",
        );
    let run = course.run(&["validate", "--message-format=json"]);
    run.status(1).no_crash();
    let errors: Vec<String> = run
        .diagnostics()
        .into_iter()
        .filter(|d| !d.starts_with("warning: "))
        .collect();
    assert_eq!(
        errors,
        ["modules: there are 5009 module files; a course may have at most 5000 | split the material into several courses"]
    );
}

#[test]
fn empty_optional_lists_are_accepted() {
    let run = TestCourse::sample()
        .edit(
            "modules/tummy.yaml",
            "    cautions:\n      - Keep clear of the belly button while the cord stump heals.\n      - Skip tummy strokes if your baby has diarrhoea.\n",
            "    cautions: []\n",
        )
        .edit(
            "course.yaml",
            "dates: [2027-03-01, 2027-03-08, 2027-03-15, 2027-03-22, 2027-03-29]",
            "dates: []",
        )
        .run(&["validate"]);
    run.status(0).no_crash().stdout_has("No problems found.");
}

#[test]
fn a_flow_list_of_95000_items_validates_quickly() {
    let items = vec!["a"; 95_000].join(", ");
    let course = TestCourse::sample().file(
        "modules/long.yaml",
        format!("kind: benefits\nid: long\ntitle: Long\nphysical: [{items}]\nemotional: [b]\n"),
    );
    let started = Instant::now();
    let (status, stderr) = run_with_deadline(course.path(), &["validate"], Duration::from_secs(60));
    let took = started.elapsed();
    assert_eq!(status, 0, "{stderr}");
    assert!(took < Duration::from_secs(5), "validate took {took:?}");
}

#[test]
fn an_image_path_with_a_space_is_printed_as_a_picture() {
    let course = TestCourse::sample()
        .edit(
            "modules/tummy.yaml",
            "title: Tummy strokes",
            "title: Tummy strokes\nimage: images/my photo.png",
        )
        .file("images/my photo.png", tiny_png());
    course.run(&["build", "--quiet"]).status(0).no_crash();
    let text = crate::support::pdf_text(&course.read("build/session-2-handout.pdf"));
    assert!(!text.contains("my photo"), "the path was printed as text");
}

#[test]
fn folded_text_with_a_character_the_fonts_lack_is_reported_not_a_crash() {
    let course = TestCourse::sample().file(
        "modules/x.yaml",
        "kind: benefits\nid: x\ntitle: T\nphysical: [a]\nemotional: [b]\nintro: >-\n  a\u{10000}\n",
    );
    course
        .run(&["validate"])
        .status(1)
        .no_crash()
        .stderr_has("the character `\u{10000}` (U+10000) cannot be printed with the course fonts");
}

#[test]
fn a_device_inside_the_course_is_refused_without_reading_it() {
    let course = TestCourse::sample();
    let device = course.path().join("modules/zero.yaml");
    // Making a device node needs privileges; without them there is nothing to test.
    let made = Command::new("mknod")
        .arg(&device)
        .args(["c", "1", "5"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("skipped: cannot make a device node here (mknod needs privileges)");
        return;
    }
    let (status, stderr) = run_with_deadline(course.path(), &["validate"], Duration::from_secs(60));
    assert_eq!(status, 1, "{stderr}");
    assert!(
        stderr.contains(
            "modules/zero.yaml: cannot read this file: it is a device, not a regular file"
        ),
        "{stderr}"
    );
}

#[test]
fn a_file_too_big_in_values_says_so_without_blaming_aliases() {
    let items = vec!["a"; 100_001].join(",");
    let run = TestCourse::sample()
        .file(
            "modules/many.yaml",
            format!("kind: benefits\nid: many\ntitle: T\nphysical: [{items}]\nemotional: [b]\n"),
        )
        .run(&["validate", "--message-format=json"]);
    run.status(1).no_crash();
    assert_eq!(
        run.diagnostics(),
        ["modules/many.yaml:4:199998: this file holds more than 100000 values | split the module into several smaller modules"]
    );
}

#[test]
fn nested_loops_that_print_nothing_are_stopped_by_the_time_budget() {
    let each = "{{#each @root.attendees}}".repeat(12) + &"{{/each}}".repeat(12);
    let course = TestCourse::sample().file("templates/checklist.md.hbs", each);
    let started = Instant::now();
    let run = course.run_env(
        &["validate", "--message-format=json"],
        &[("COURSE_TEMPLATE_SECONDS", "2")],
    );
    run.status(1).no_crash();
    assert!(started.elapsed() < Duration::from_secs(30));
    assert_eq!(
        run.diagnostics(),
        ["templates/checklist.md.hbs: this template takes more than 2 seconds to fill in and lay out | check for `{{#each}}` blocks inside each other that repeat a long list many times"]
    );
}

#[test]
fn a_truncated_jpeg_fails_validate_as_it_would_fail_build() {
    let mut jpeg = Vec::new();
    let picture =
        image::RgbImage::from_fn(64, 64, |x, y| image::Rgb([x as u8 * 4, y as u8 * 4, 90]));
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut jpeg, image::ImageOutputFormat::Jpeg(90))
        .unwrap();
    jpeg.truncate(jpeg.len() / 3);
    let run = TestCourse::sample()
        .edit(
            "modules/tummy.yaml",
            "title: Tummy strokes",
            "title: Tummy strokes\nimage: images/cut.jpg",
        )
        .file("images/cut.jpg", jpeg)
        .run(&["validate", "--message-format=json"]);
    run.status(1).no_crash();
    assert_eq!(
        run.diagnostics(),
        ["modules/tummy.yaml:5:8: image: `images/cut.jpg` is a damaged picture: its data is cut short or does not match its header | open the picture in an image editor and save it again, or copy it again from where it came from"]
    );
}

#[test]
fn a_pipe_named_course_yaml_is_refused_without_hanging() {
    let course = TestCourse::sample();
    std::fs::remove_file(course.path().join("course.yaml")).unwrap();
    mkfifo(&course.path().join("course.yaml"));
    let (status, stderr) = run_with_deadline(course.path(), &["validate"], Duration::from_secs(60));
    assert_eq!(status, 1, "{stderr}");
    assert!(
        stderr.contains(
            "course.yaml: cannot read this file: it is a named pipe (FIFO), not a regular file"
        ),
        "{stderr}"
    );
}

#[test]
fn a_misspelt_template_name_is_a_warning_not_silence() {
    let run = TestCourse::sample()
        .file("templates/handuot.md.hbs", "# My handout\n")
        .run(&["validate", "--message-format=json"]);
    run.status(0).no_crash();
    assert_eq!(
        run.diagnostics(),
        ["warning: templates/handuot.md.hbs: this template is not used: no document has this name | did you mean `handout.md.hbs`?"]
    );
}

#[test]
fn a_pipe_in_place_of_a_font_is_refused_without_hanging() {
    let dejavu = |face: &str| std::fs::read(format!("fonts/DejaVuSans{face}.ttf")).unwrap();
    let course = TestCourse::sample()
        .edit(
            "course.yaml",
            "language: en-GB",
            "language: en-GB\nfonts: own-fonts",
        )
        .file("own-fonts/Regular.ttf", dejavu(""))
        .file("own-fonts/Italic.ttf", dejavu("-Oblique"))
        .file("own-fonts/BoldItalic.ttf", dejavu("-BoldOblique"));
    mkfifo(&course.path().join("own-fonts/Bold.ttf"));
    for command in ["validate", "build"] {
        let (status, stderr) =
            run_with_deadline(course.path(), &[command], Duration::from_secs(60));
        assert_eq!(status, 1, "{command}:\n{stderr}");
        assert!(
            stderr.contains("own-fonts/Bold.ttf: cannot read this file: it is a named pipe (FIFO), not a regular file"),
            "{command}:\n{stderr}"
        );
    }
}

#[test]
fn a_bad_picture_named_by_several_strokes_is_one_error() {
    let course = TestCourse::sample()
        .file("images/a.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")
        .edit(
            "modules/tummy.yaml",
            "image: images/water-wheel.svg",
            "image: images/a.gif",
        )
        .edit(
            "modules/tummy.yaml",
            "image: images/i-love-you.svg",
            "image: images/a.gif",
        );
    let run = course.run(&["validate", "--message-format=json"]);
    run.status(1).no_crash();
    assert_eq!(
        run.diagnostics(),
        ["modules/tummy.yaml:21:12: stroke 1 (Water wheel), image: `images/a.gif` is a GIF picture; only PNG and JPEG pictures can be printed | open the picture in an image editor and save it as PNG or JPEG"]
    );
}
