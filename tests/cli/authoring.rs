//! Authoring commands: init, new, list, schema, completions, man and watch.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{pdf_text, run_in, squash, TestCourse, SAMPLE};

#[test]
fn init_makes_a_course_that_builds_and_never_overwrites() {
    let dir = TestCourse::empty();
    let run = run_in(
        dir.path(),
        &[
            "init",
            "my-course",
            "--name",
            "Anna Berg",
            "--email",
            "anna@example.com",
        ],
        &[],
    );
    run.status(0)
        .stdout_has("Started a course in my-course")
        .stdout_has("course build my-course")
        .stdout_lacks("Fill in");
    run_in(dir.path(), &["validate", "my-course"], &[])
        .status(0)
        .stdout_has("No problems found.");
    run_in(dir.path(), &["build", "my-course", "-q"], &[]).status(0);
    for kind in [
        "benefits",
        "setup",
        "strokes",
        "kangaroo-care",
        "toddler-adaptations",
    ] {
        let found = std::fs::read_dir(dir.path().join("my-course/modules"))
            .unwrap()
            .any(|e| {
                std::fs::read_to_string(e.unwrap().path())
                    .unwrap()
                    .contains(&format!("kind: {kind}\n"))
            });
        assert!(found, "no {kind} module");
    }
    for entry in std::fs::read_dir(dir.path().join("my-course/modules")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema=../schema/module.schema.json\n"));
    }
    assert!(dir
        .path()
        .join("my-course/schema/module.schema.json")
        .is_file());

    let course_yaml = dir.path().join("my-course/course.yaml");
    std::fs::write(&course_yaml, "title: mine\n").unwrap();
    let run = run_in(dir.path(), &["init", "my-course"], &[]);
    run.status(2)
        .stderr_has("these files exist already and would be overwritten: my-course/course.yaml, my-course/modules/why-massage.yaml, my-course/modules/getting-ready.yaml and 6 more\n");
    assert_eq!(
        std::fs::read_to_string(course_yaml).unwrap(),
        "title: mine\n"
    );
}

/// Without a terminal and without options, the starter's placeholders stay, and
/// `validate` warns about each one until it is replaced.
#[test]
fn placeholders_left_by_init_are_warned_about() {
    let dir = TestCourse::empty();
    run_in(dir.path(), &["init", "my-course"], &[])
        .status(0)
        .stdout_has(
        "Fill in your name and your email in my-course/course.yaml: parents see them on every page",
    );
    run_in(dir.path(), &["validate", "my-course"], &[])
        .status(0)
        .stdout_has("No errors, 2 warnings.");
    let run = run_in(
        dir.path(),
        &["validate", "my-course", "--message-format", "json"],
        &[],
    );
    assert_eq!(
        run.diagnostics(),
        [
            "warning: my-course/course.yaml:6:9: instructor, name: \"Your Name\" is the starter's placeholder and would be printed on every page | write your name as parents will read it",
            "warning: my-course/course.yaml:8:10: instructor, email: \"you@example.org\" is the starter's placeholder and would be printed on every page | write the email address parents can write to, or remove the line",
        ]
    );
}

#[test]
fn init_options_fill_in_course_yaml_and_a_wrong_language_is_refused() {
    let dir = TestCourse::empty();
    run_in(
        dir.path(),
        &[
            "init",
            "c",
            "--title",
            "Massagem: semana 1",
            "--name",
            "Anna O'Neil",
            "--credential",
            "",
            "--phone",
            "123",
            "--language",
            "pt-BR",
        ],
        &[],
    )
    .status(0);
    let written = std::fs::read_to_string(dir.path().join("c/course.yaml")).unwrap();
    assert!(
        written.contains("title: \"Massagem: semana 1\"\ninstructor:\n  name: Anna O'Neil\n  email: you@example.org\n  phone: \"123\"\nlanguage: pt-BR\n"),
        "{written}"
    );
    run_in(dir.path(), &["validate", "c"], &[]).status(0);
    run_in(dir.path(), &["init", "d", "--language", "dee"], &[])
        .status(2)
        .stderr_has(
            "error: there are no built-in words for the language `dee`\n  hint: did you mean `de`?",
        );
    assert!(!dir.path().join("d").exists());
    run_in(dir.path(), &["init", "d", "--name", "Anna\nBerg"], &[])
        .status(2)
        .stderr_has("error: the name cannot be used: it has a line break\n  hint: give `--name` one line of text\n");
    std::fs::write(dir.path().join("a-file"), "").unwrap();
    run_in(dir.path(), &["init", "a-file"], &[])
        .status(2)
        .stderr_has("error: `a-file` is a file, not a folder\n");
    assert!(!dir.path().join("d").exists());
}

#[test]
fn new_adds_a_module_from_its_starter() {
    let course = TestCourse::sample();
    course
        .run(&["new", "strokes", "hand-strokes"])
        .status(0)
        .stdout_has("Wrote modules/hand-strokes.yaml");
    let module = String::from_utf8(course.read("modules/hand-strokes.yaml")).unwrap();
    assert!(
        module.contains("id: hand-strokes\ntitle: Hand strokes\n"),
        "{module}"
    );
    let run = course.run(&["validate"]);
    run.status(0)
        .stderr_has("the module `hand-strokes` is not taught in any session");
    course
        .run(&["new", "strokes", "hand-strokes"])
        .status(2)
        .stderr_has("exists already");
    course
        .run(&["new", "stroke", "more"])
        .status(2)
        .stderr_has("did you mean `strokes`?");
    course
        .run(&["new", "strokes", "../escape"])
        .status(2)
        .stderr_has("cannot be a module id");
    course
        .run(&["new", "strokes", "Back_Strokes"])
        .status(2)
        .stderr_has("error: `Back_Strokes` cannot be a module id\n  hint: use small letters, digits and dashes, such as `back-strokes`\n");
    // A strokes module starts with strokes for the body areas its name says.
    course.run(&["new", "strokes", "hands-and-feet"]).status(0);
    let module = String::from_utf8(course.read("modules/hands-and-feet.yaml")).unwrap();
    assert!(module.contains("title: Hands and feet\nstrokes:\n  - id: hands-and-feet-sole-thumbs\n    name: Thumbs over the sole\n    body_area: feet\n"), "{module}");
    assert!(
        module.contains(
            "  - id: hands-and-feet-finger-rolls\n    name: Finger rolls\n    body_area: hands\n"
        ),
        "{module}"
    );
    assert!(!module.contains("legs"), "{module}");
    let toddler = course.run(&["new", "toddler-adaptations", "big-kids"]);
    toddler.status(0);
    // The new adaptation points at a stroke the course has.
    course.run(&["validate"]).status(0);
}

#[test]
fn list_shows_sessions_modules_and_outputs() {
    TestCourse::sample()
        .run(&["list"])
        .status(0)
        .stdout_has("Calm Hands — Baby Massage in Five Weeks (5 sessions, 8 modules)")
        .stdout_has(" 2. Week 2: Tummy\n      tummy (strokes: Water wheel, I love you, Sun and moon)\n      builds session-2-handout.pdf and session-2-checklist.pdf")
        .stdout_has("Also builds booklet.pdf")
        .stdout_lacks("Not in any session");
    let course = TestCourse::sample();
    course.run(&["new", "benefits", "more-benefits"]).status(0);
    course
        .run(&["list"])
        .status(0)
        .stdout_has("Not in any session yet: more-benefits.");
}

fn yaml_as_json(path: &std::path::Path) -> serde_json::Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn every_sample_file_passes_the_published_schema_and_a_misspelt_key_fails() {
    let run = TestCourse::empty().run(&["schema"]);
    run.status(0);
    let both: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let module = jsonschema::validator_for(&both["module"]).unwrap();
    let course = jsonschema::validator_for(&both["course.yaml"]).unwrap();
    let dir = std::path::Path::new(SAMPLE);
    assert!(course.is_valid(&yaml_as_json(&dir.join("course.yaml"))));
    for entry in std::fs::read_dir(dir.join("modules")).unwrap() {
        let path = entry.unwrap().path();
        let value = yaml_as_json(&path);
        let errors: Vec<String> = module.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        let mut misspelt = value.clone();
        let title = misspelt.as_object_mut().unwrap().remove("title").unwrap();
        misspelt["titel"] = title;
        assert!(
            !module.is_valid(&misspelt),
            "{}: a misspelt key passed",
            path.display()
        );
    }
    // Field descriptions come from the Rust doc comments, for hover help.
    assert!(run.stdout.contains("Which way the hands move"));
    // The copies the sample course points its editors at are current.
    let pretty = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap() + "\n";
    assert_eq!(
        std::fs::read_to_string(dir.join("schema/module.schema.json")).unwrap(),
        pretty(&both["module"]),
        "run `course schema module > courses/infant-massage/schema/module.schema.json`"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("schema/course.schema.json")).unwrap(),
        pretty(&both["course.yaml"])
    );
}

#[test]
fn completions_man_page_and_help_examples() {
    let dir = TestCourse::empty();
    run_in(dir.path(), &["completions", "bash"], &[])
        .status(0)
        .stdout_has("_course()");
    run_in(dir.path(), &["man"], &[])
        .status(0)
        .stdout_has(".TH course");
    for command in [
        "validate",
        "build",
        "watch",
        "serve",
        "init",
        "new",
        "list",
        "schema",
        "completions",
        "man",
    ] {
        run_in(dir.path(), &[command, "--help"], &[])
            .status(0)
            .stdout_has("Examples:");
    }
}

/// Reads lines from `course watch` until one contains `wanted`.
fn wait_for(lines: &mut impl Iterator<Item = String>, wanted: &str, seen: &mut String) {
    let deadline = Instant::now() + Duration::from_secs(60);
    for line in lines.by_ref() {
        seen.push_str(&line);
        seen.push('\n');
        if line.contains(wanted) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {wanted:?}:\n{seen}"
        );
    }
    panic!("`course watch` ended before {wanted:?}:\n{seen}");
}

#[test]
fn watch_rebuilds_after_a_save_by_rename_and_stops_on_ctrl_c() {
    let course = TestCourse::sample();
    let mut child = Command::new(env!("CARGO_BIN_EXE_course"))
        .args(["watch", "."])
        .current_dir(course.path())
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map_while(Result::ok);
    let mut seen = String::new();
    wait_for(&mut lines, "Watching", &mut seen);
    // Idle: the build's own reads and writes must not start another build.
    std::thread::sleep(Duration::from_millis(1000));

    // Save the way many editors do: write a new file, then rename it over the old one.
    let target = course.path().join("modules/tummy.yaml");
    let text = std::fs::read_to_string(&target)
        .unwrap()
        .replace("name: Water wheel", "name: Paddle wheel");
    let temp = course.path().join("modules/.tummy.yaml.swp-new");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, &target).unwrap();
    wait_for(&mut lines, "Wrote 5 PDFs", &mut seen);
    // The scratch file the editor renamed is not named, only the file it saved.
    assert!(seen.contains("  modules/tummy.yaml changed\n"), "{seen}");
    // The watch starts the booklet from the pages its contents pointed to last time; the
    // result is the booklet a fresh build makes.
    let fresh = tempfile::tempdir().unwrap();
    let fresh_out = fresh.path().to_str().unwrap();
    run_in(
        course.path(),
        &["build", "-q", "--out", fresh_out],
        &[("SOURCE_DATE_EPOCH", "1700000000")],
    )
    .status(0);
    assert!(
        std::fs::read(fresh.path().join("booklet.pdf")).unwrap()
            == course.read("build/booklet.pdf"),
        "the watched booklet differs from a fresh build"
    );
    assert!(
        squash(&pdf_text(&course.read("build/session-2-handout.pdf"))).contains("Paddle wheel"),
        "{seen}"
    );

    // A broken save keeps the last good PDFs.
    let good = course.read("build/session-2-handout.pdf");
    std::fs::write(
        &target,
        std::fs::read_to_string(&target)
            .unwrap()
            .replace("repetitions: 3", "repetitions: three"),
    )
    .unwrap();
    wait_for(
        &mut lines,
        "1 error: nothing was written. Save to try again.",
        &mut seen,
    );
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(course.read("build/session-2-handout.pdf"), good);

    // SAFETY: sending SIGINT to our own child process.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    wait_for(&mut lines, "Stopped watching.", &mut seen);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{seen}");
    assert_eq!(
        seen.matches(" changed\n").count(),
        2,
        "one build per save:\n{seen}"
    );
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(
        stderr.contains("`repetitions` should be a whole number"),
        "{stderr}"
    );
}

/// `course watch --message-format json` on `course`: the process and its output lines.
fn watch_json(course: &TestCourse) -> (std::process::Child, impl Iterator<Item = String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_course"))
        .args(["watch", "--message-format", "json"])
        .current_dir(course.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map_while(Result::ok);
    (child, lines)
}

/// The watch does not follow links out of the course: a link to a folder elsewhere (to
/// `/`, at worst) is not watched, and a change there starts no build.
#[cfg(unix)]
#[test]
fn watch_does_not_follow_links_out_of_the_course() {
    let outside = tempfile::tempdir().unwrap();
    let course = TestCourse::sample();
    std::os::unix::fs::symlink(outside.path(), course.path().join("elsewhere")).unwrap();
    let (mut child, mut lines) = watch_json(&course);
    let mut seen = String::new();
    wait_for(&mut lines, r#""type":"summary""#, &mut seen);
    std::fs::write(outside.path().join("notes.yaml"), "changed outside").unwrap();
    std::thread::sleep(Duration::from_millis(1000));
    // A save inside the course still starts a build, and it is the next one seen.
    let _course = course.edit("modules/tummy.yaml", "Water wheel", "Paddle wheel");
    wait_for(&mut lines, r#""type":"summary""#, &mut seen);
    let _ = child.kill();
    let _ = child.wait();
    let last: serde_json::Value = serde_json::from_str(seen.lines().last().unwrap()).unwrap();
    assert_eq!(
        last["changed"],
        serde_json::json!(["modules/tummy.yaml"]),
        "{seen}"
    );
    assert_eq!(seen.matches(r#""type":"summary""#).count(), 2, "{seen}");
}

/// With `--message-format json` the watch writes nothing but JSON: the problems of each
/// build and a summary naming the files that changed.
#[test]
fn watch_in_json_closes_each_build_with_a_summary() {
    let course = TestCourse::sample();
    let (mut child, mut lines) = watch_json(&course);
    let mut seen = String::new();
    wait_for(&mut lines, r#""type":"summary""#, &mut seen);
    assert!(seen.contains(r#""written":12"#), "{seen}");
    let _course = course.edit("modules/tummy.yaml", "repetitions: 3", "repetitions: three");
    wait_for(&mut lines, r#""type":"summary""#, &mut seen);
    let _ = child.kill();
    let _ = child.wait();
    let last: serde_json::Value = serde_json::from_str(seen.lines().last().unwrap()).unwrap();
    assert_eq!(last["errors"], 1, "{seen}");
    assert_eq!(
        last["changed"],
        serde_json::json!(["modules/tummy.yaml"]),
        "{seen}"
    );
    assert!(seen.contains(r#""code":"wrong-type""#), "{seen}");
    for line in seen.lines() {
        assert!(
            serde_json::from_str::<serde_json::Value>(line).is_ok(),
            "not JSON: {line}"
        );
    }
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    // `course schema | head -1`: the reader goes away before the schema is printed.
    let mut child = Command::new(env!("CARGO_BIN_EXE_course"))
        .arg("schema")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.is_empty(), "{stderr}");
}

/// Run from inside a course (its `modules` folder), `course` finds the course upward, as
/// cargo does, and names files as they are seen from there; a path to `course.yaml`
/// names its course.
#[test]
fn the_course_is_found_from_inside_it_and_from_its_course_yaml() {
    let course = TestCourse::sample().edit("course.yaml", "page_size: a4", "page_size: a3");
    let modules = course.path().join("modules");
    let run = run_in(&modules, &["validate"], &[]);
    run.status(1).stderr_has("┌─ ../course.yaml:10:12");
    let json = run_in(&modules, &["validate", "--message-format=json"], &[]);
    json.status(1).stdout_has(r#""file":"../course.yaml""#);
    let fixed = course.edit("course.yaml", "page_size: a3", "page_size: a4");
    run_in(&fixed.path().join("modules"), &["build", "-q"], &[]).status(0);
    assert!(
        fixed.exists("build/booklet.pdf"),
        "built into the course's own build folder"
    );
    let parent = fixed.path().parent().unwrap();
    let name = fixed.path().file_name().unwrap().to_str().unwrap();
    run_in(parent, &["validate", &format!("{name}/course.yaml")], &[])
        .status(0)
        .stdout_has("No problems found.");
    // Outside any course, the message stays the one that points to `course init`.
    let empty = TestCourse::empty();
    run_in(empty.path(), &["validate"], &[])
        .status(2)
        .stderr_has("there is no `course.yaml` in this folder");
}

/// The manual: a page for `course` with FILES and ENVIRONMENT, and one for every
/// subcommand it points to, so `course-validate(1)` exists.
#[test]
fn man_pages_cover_every_subcommand_with_files_and_environment() {
    let dir = TestCourse::empty();
    let main = run_in(dir.path(), &["man"], &[]);
    main.status(0)
        .stdout_has(".SH FILES")
        .stdout_has(".SH ENVIRONMENT")
        .stdout_has("SOURCE_DATE_EPOCH")
        .stdout_has("NO_COLOR");
    run_in(dir.path(), &["man", "validate"], &[])
        .status(0)
        .stdout_has(".TH course-validate 1")
        .stdout_has(".SH EXAMPLES\n.nf\n  course validate                   check the course in this folder\n")
        .stdout_has(".SH FILES")
        .stdout_has(".SH ENVIRONMENT")
        .stdout_lacks(".SH EXTRA")
        .stdout_has("course(1)");
    run_in(dir.path(), &["man", "frobnicate"], &[])
        .status(2)
        .stderr_has("`course` has no subcommand `frobnicate`");
    run_in(dir.path(), &["man", "--dir", "pages"], &[]).status(0);
    // Every page the main page refers to (`course\-validate(1)`) was written.
    let mut referred = 0;
    for reference in main.stdout.split("course\\-").skip(1) {
        let Some((name, _)) = reference.split_once("(1)") else {
            continue;
        };
        let name = name.replace("\\-", "-");
        referred += 1;
        assert!(
            dir.exists(&format!("pages/course-{name}.1")),
            "course-{name}(1) is referred to but not written"
        );
    }
    assert!(
        referred >= 8,
        "the main page refers to {referred} subcommand pages"
    );
    assert!(dir.exists("pages/course.1") && dir.exists("pages/course-build.1"));
}

/// `course new <TAB>` offers the five kinds in every shell's completions, and a misspelt
/// kind still gets `course new`'s own did-you-mean.
#[test]
fn completions_offer_the_module_kinds() {
    let dir = TestCourse::sample();
    // (clap_complete writes no candidates for positional arguments in fish.)
    for shell in ["bash", "zsh"] {
        let run = run_in(dir.path(), &["completions", shell], &[]);
        run.status(0);
        for kind in [
            "benefits",
            "kangaroo-care",
            "setup",
            "strokes",
            "toddler-adaptations",
        ] {
            run.stdout_has(kind);
        }
    }
    run_in(dir.path(), &["new", "stroke", "back"], &[])
        .status(2)
        .stderr_has("`stroke` is not a kind of module")
        .stderr_has("did you mean `strokes`?");
}

/// `build --open` opens the booklet (or the document named) in the system's viewer, here
/// a stand-in `xdg-open` that notes what it was asked to open.
#[cfg(target_os = "linux")]
#[test]
fn build_open_shows_the_booklet_or_a_named_document() {
    use std::os::unix::fs::PermissionsExt;
    let course = TestCourse::sample();
    let bin = course.path().join("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let opened = course.path().join("opened.txt");
    let script = format!("#!/bin/sh\necho \"$1\" >> '{}'\n", opened.display());
    std::fs::write(bin.join("xdg-open"), script).unwrap();
    std::fs::set_permissions(bin.join("xdg-open"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let env = [("PATH", path.as_str())];
    course.run_env(&["build", "-q", "--open"], &env).status(0);
    course
        .run_env(&["build", "-q", "--open", "session-2-handout"], &env)
        .status(0);
    course
        .run_env(&["build", "-q", "--open", "session-9-handout"], &env)
        .status(2)
        .stderr_has("error: `session-9-handout` is not a document of this course, so there is nothing in `build` to open\n  hint: did you mean `session-1-handout`?");
    // The viewer is started, not waited for: give it a moment to note its argument.
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut seen = String::new();
    while Instant::now() < deadline {
        seen = std::fs::read_to_string(&opened).unwrap_or_default();
        if seen.lines().count() >= 2 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let lines: Vec<&str> = seen.lines().collect();
    assert_eq!(lines.len(), 2, "{seen}");
    for wanted in ["build/booklet.pdf", "build/session-2-handout.pdf"] {
        assert!(
            lines.iter().any(|l| l.ends_with(wanted)),
            "{wanted} not opened: {seen}"
        );
    }
}

/// `course templates` says what each template is for and whose it is; a copy replaces
/// the built-in one in the PDFs.
#[test]
fn templates_are_listed_and_copied_into_the_course() {
    let course = TestCourse::sample();
    course
        .run(&["templates"])
        .status(0)
        .stdout_has("  handout       The handout parents take home after a session; what it says is in the `session` template (course templates copy session).\n                (built-in; includes `session`)\n")
        .stdout_has("  booklet       The whole course in one booklet: a cover, the contents, then every session.\n                (built-in; includes `session`)\n")
        .stdout_has("  words         The fixed words on the page, such as \"Page 1 of 2\", in `en-GB`.\n")
        .stdout_has("What each template gets, its helpers and the Markdown it may write: `course templates guide`.\n");
    // The guide comes with the program, for those who have no copy of its sources.
    let guide = course.run(&["templates", "guide"]);
    guide
        .status(0)
        .stdout_has("# Templates: what each document is made from\n");
    assert_eq!(
        guide.stdout,
        std::fs::read_to_string("docs/templates.md").unwrap()
    );
    course
        .run(&["templates", "copy", "handuot"])
        .status(2)
        .stderr_has(
            "error: there is no template called `handuot`\n  hint: did you mean `handout`?\n",
        );
    course
        .run(&["templates", "copy", "handout", "words"])
        .status(0)
        .stdout_has("Wrote templates/handout.md.hbs: edit it, then `course build` uses it instead of the built-in one.\n")
        .stdout_has("Wrote locales/en-GB.yaml: ");
    assert_eq!(
        course.read("templates/handout.md.hbs"),
        std::fs::read("templates/handout.md.hbs").unwrap()
    );
    course
        .run(&["templates"])
        .status(0)
        .stdout_has(
            "(your own copy: templates/handout.md.hbs; the built-in one includes `session`)",
        )
        .stdout_has("(your own copy: locales/en-GB.yaml)");
    course
        .run(&["templates", "copy", "handout"])
        .status(2)
        .stderr_has("error: `templates/handout.md.hbs` exists already");

    let course = course.edit(
        "templates/handout.md.hbs",
        "{{> session}}",
        "Bring this sheet next week.\n\n{{> session}}",
    );
    course.run(&["build", "-q"]).status(0);
    assert!(
        squash(&pdf_text(&course.read("build/session-1-handout.pdf")))
            .contains("Bring this sheet next week.")
    );
}

/// A `templates` folder that links out of the course is never written through.
#[cfg(unix)]
#[test]
fn templates_copy_does_not_write_through_a_link_out_of_the_course() {
    let outside = tempfile::tempdir().unwrap();
    let course = TestCourse::sample();
    std::os::unix::fs::symlink(outside.path(), course.path().join("templates")).unwrap();
    course
        .run(&["templates", "copy", "checklist"])
        .status(1)
        .stderr_has("error: `templates` leads outside the folder it is written in (through `..` or a link), so nothing was written there");
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}

/// A name a copied template prints but its data lacks (a typo) would print nothing: a
/// warning at its line, with the name it most likely meant. Copies of the built-in
/// templates as they are raise none.
#[test]
fn a_misspelt_name_in_a_copied_template_is_a_warning_at_its_line() {
    let course = TestCourse::sample();
    for name in ["session", "handout", "checklist", "booklet", "practice-log"] {
        course.run(&["templates", "copy", name]).status(0);
    }
    let clean = course.run(&["validate", "--message-format=json"]);
    clean.status(0);
    assert_eq!(clean.diagnostics(), Vec::<String>::new());
    let course = course.edit(
        "templates/checklist.md.hbs",
        "{{direction}}",
        "{{direktion}}",
    );
    let run = course.run(&["validate", "--message-format=json"]);
    run.status(0);
    assert_eq!(
        run.diagnostics(),
        ["warning: templates/checklist.md.hbs:25:32: `direktion` is not a name this template gets, so nothing is printed there | did you mean `direction`?"]
    );
    assert_eq!(
        run.json_lines("diagnostic")[0]["code"],
        "unknown-template-name"
    );
}
