//! Courses that measure loading, checking and reporting at scale: thousands of small
//! modules (taught in no session, so no document is laid out for them), and thousands of
//! problems in one file.

use std::path::Path;

/// A copy of `sample` with small benefits modules added up to `modules` in all, none of
/// them taught in a session: each is one warning.
pub fn write_many_modules(sample: &Path, dir: &Path, modules: usize) {
    copy_sample(sample, dir);
    let have = std::fs::read_dir(dir.join("modules")).unwrap().count();
    for i in 0..modules.saturating_sub(have) {
        std::fs::write(
            dir.join(format!("modules/extra-{i:04}.yaml")),
            format!("kind: benefits\nid: extra-{i}\ntitle: Benefits {i}\nphysical:\n  - Better sleep.\nemotional:\n  - Closer bond.\n"),
        )
        .unwrap();
    }
}

/// A copy of `sample` with a strokes module of `problems / 5` strokes that give only
/// their id: five missing fields each.
pub fn write_many_problems(sample: &Path, dir: &Path, problems: usize) {
    copy_sample(sample, dir);
    let mut text = String::from("kind: strokes\nid: big\ntitle: Big\nstrokes:\n");
    for i in 0..problems / 5 {
        text.push_str(&format!("  - id: s{i}\n"));
    }
    std::fs::write(dir.join("modules/big.yaml"), text).unwrap();
}

fn copy_sample(sample: &Path, dir: &Path) {
    std::fs::create_dir_all(dir.join("modules")).unwrap();
    std::fs::copy(sample.join("course.yaml"), dir.join("course.yaml")).unwrap();
    for entry in std::fs::read_dir(sample.join("modules")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join("modules").join(path.file_name().unwrap())).unwrap();
    }
    // The drawings the sample's strokes name.
    std::fs::create_dir_all(dir.join("images")).unwrap();
    for entry in std::fs::read_dir(sample.join("images")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join("images").join(path.file_name().unwrap())).unwrap();
    }
}
