//! Writes a synthetic course of any size, for measuring how cost grows with the course.
//! Module 0 is the setup; the rest cycle through the other kinds, five modules a session.

use std::fmt::Write as _;
use std::path::Path;

pub fn write_course(dir: &Path, modules: usize, sessions: usize) {
    let modules_dir = dir.join("modules");
    std::fs::create_dir_all(&modules_dir).unwrap();
    let mut course = String::from(
        "title: Synthetic course\ninstructor:\n  name: Test Instructor\n  email: test@example.org\nlanguage: en\npage_size: a4\nsessions:\n",
    );
    let per_session = modules.div_ceil(sessions);
    for s in 0..sessions {
        let ids: Vec<String> = (s * per_session..((s + 1) * per_session).min(modules))
            .map(|i| format!("m{i}"))
            .collect();
        if ids.is_empty() {
            break;
        }
        let _ = writeln!(
            course,
            "  - title: \"Session {}\"\n    modules: [{}]",
            s + 1,
            ids.join(", ")
        );
    }
    std::fs::write(dir.join("course.yaml"), course).unwrap();
    let mut last_stroke = String::from("s1-0");
    for i in 0..modules {
        let text = match i % 5 {
            _ if i == 0 => setup(),
            1 | 3 => {
                last_stroke = format!("s{i}-0");
                strokes(i)
            }
            2 => benefits(i),
            4 if i % 10 == 4 => toddlers(i, &last_stroke),
            _ => kangaroo(i),
        };
        std::fs::write(modules_dir.join(format!("m{i:04}.yaml")), text).unwrap();
    }
}

fn setup() -> String {
    "kind: setup\nid: m0\ntitle: Getting ready\nroom:\n  temperature_c: 24\n  surface: On the floor, on a towel.\nmaterials:\n  - { item: towel, quantity: 1 }\noils:\n  - { name: Sunflower oil, patch_test: Test a drop on the thigh first. }\ntiming:\n  wait_after_feed_minutes: 45\ncontraindications:\n  - Fever\n  - Recent surgery\n".to_owned()
}

fn strokes(i: usize) -> String {
    let mut text = format!("kind: strokes\nid: m{i}\ntitle: Strokes {i}\nintro: Gentle strokes, always **slowly** and with warm hands.\nstrokes:\n");
    for s in 0..3 {
        let _ = write!(
            text,
            "  - id: s{i}-{s}\n    name: Stroke {i}.{s}\n    body_area: legs\n    direction: From hip to ankle\n    repetitions: 6\n    steps:\n      - Hold the ankle gently with one hand.\n      - Slide the other hand from the hip down to the ankle.\n      - Swap hands and repeat, slowly.\n    cautions:\n      - Never pull on the leg.\n"
        );
    }
    text
}

fn benefits(i: usize) -> String {
    format!("kind: benefits\nid: m{i}\ntitle: Benefits {i}\nphysical:\n  - Better sleep.\n  - Easier digestion.\nemotional:\n  - Closer bond.\nevidence: Studies found massaged babies cried less.\n")
}

fn kangaroo(i: usize) -> String {
    format!("kind: kangaroo-care\nid: m{i}\ntitle: Skin to skin {i}\nsteps:\n  - Hold your baby upright on your bare chest.\nbenefits:\n  - Steadier breathing.\nsafety:\n  - Stay awake.\n")
}

fn toddlers(i: usize, stroke: &str) -> String {
    format!("kind: toddler-adaptations\nid: m{i}\ntitle: Toddlers {i}\ntips:\n  - Keep it short.\nadaptations:\n  - stroke: {stroke}\n    how: Over clothes, with a song.\n")
}

/// Writes a large course made of `copies` copies of the sample course's own modules and
/// sessions (ids suffixed per copy), which are much heavier than the synthetic modules:
/// the figure that matters for real courses.
pub fn write_sample_copies(sample: &Path, dir: &Path, copies: usize) {
    let modules_dir = dir.join("modules");
    std::fs::create_dir_all(&modules_dir).unwrap();
    // The drawings the sample's strokes name, shared by every copy.
    std::fs::create_dir_all(dir.join("images")).unwrap();
    for entry in std::fs::read_dir(sample.join("images")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join("images").join(path.file_name().unwrap())).unwrap();
    }
    let mut files: Vec<(String, String)> = std::fs::read_dir(sample.join("modules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort();
    // Every id in the sample (modules and strokes), to suffix along with its references.
    let ids: Vec<String> = files
        .iter()
        .flat_map(|(_, text)| text.lines())
        .filter_map(|l| l.trim_start().trim_start_matches("- ").strip_prefix("id: "))
        .map(|id| id.trim().to_owned())
        .collect();
    let course = std::fs::read_to_string(sample.join("course.yaml")).unwrap();
    let start = course.find("sessions:\n").unwrap() + "sessions:\n".len();
    let end = course.find("\nclass:").unwrap();
    let sessions = &course[start..end];
    let mut all_sessions = String::new();
    for copy in 0..copies {
        let rename = |text: &str| {
            let mut out = String::new();
            for line in text.lines() {
                let mut line = line.to_owned();
                for id in &ids {
                    for key in ["id: ", "stroke: "] {
                        let from = format!("{key}{id}");
                        if line.trim_start().trim_start_matches("- ") == from {
                            line = line.replace(&from, &format!("{from}-c{copy}"));
                        }
                    }
                    if line.contains("modules: [") {
                        line = line
                            .replace(&format!("[{id},"), &format!("[{id}-c{copy},"))
                            .replace(&format!(" {id},"), &format!(" {id}-c{copy},"))
                            .replace(&format!(" {id}]"), &format!(" {id}-c{copy}]"))
                            .replace(&format!("[{id}]"), &format!("[{id}-c{copy}]"));
                    }
                }
                out.push_str(&line);
                out.push('\n');
            }
            out
        };
        for (name, text) in &files {
            std::fs::write(
                modules_dir.join(format!("{name}-c{copy}.yaml")),
                rename(text),
            )
            .unwrap();
        }
        all_sessions.push_str(&rename(sessions));
    }
    let class_end = course[end + 1..]
        .find("\nsafety:")
        .map_or(course.len(), |i| end + 1 + i);
    let course = format!(
        "{}{}{}",
        &course[..start],
        all_sessions,
        &course[class_end..]
    );
    std::fs::write(dir.join("course.yaml"), course).unwrap();
}
