//! Documents for each family on the class list (`class.family_files`): its handouts in
//! the language it reads, its practice log with its names, and a certificate of the
//! sessions it came to; every family's PDFs read back. The names come from a course, so
//! they are hostile: the folders they make stay one plain name inside the output folder.

use crate::support::{page_texts, pdf_text_in_reading_order, squash, text_lines, Run, TestCourse};

const ATTENDEES: &str = "  attendees:
    - { parent: Aisha Rahman, baby: Yusuf, age_months: 3 }
    - { parent: Tom Becker, baby: Lena, age_months: 2 }
    - { parent: Sofía Morales, baby: Mateo, age_months: 4 }
    - { parent: Chloé Martin, baby: Inès, age_months: 2 }
    - { parent: Oleksandr Koval, baby: Daryna, age_months: 5 }
    - { parent: Grace Okafor, baby: Ada, age_months: 3 }
";

/// The sample course in English, German (its own translation) and Arabic (one text
/// translated), with the class list `attendees` and `family_files: "{baby}-{parent}"`.
fn course_with(attendees: &str) -> TestCourse {
    let course = TestCourse::sample()
        .edit(
            "course.yaml",
            "language: en-GB\n",
            "language: en-GB\ntranslations: [de, ar]\n",
        )
        .edit(
            "course.yaml",
            ATTENDEES,
            &format!("  family_files: \"{{baby}}-{{parent}}\"\n{attendees}"),
        );
    course.run(&["translations", "update", "ar"]).status(0);
    course.edit(
        "translations/ar/course.yaml",
        "  text: ''\n  source: Calm Hands — Baby Massage in Five Weeks\n",
        "  text: 'أيادٍ هادئة: تدليك الرضّع في خمسة أسابيع'\n  source: Calm Hands — Baby Massage in Five Weeks\n",
    )
}

const THREE_FAMILIES: &str = "  attendees:
    - { parent: Tom Becker, baby: Lena, language: de, attended: [1, 2, 4] }
    - { parent: Aisha Rahman, baby: Yusuf, language: ar, attended: [5, 3] }
    - { parent: Grace Okafor, baby: Ada }
";

/// The problems `validate` found in `course.yaml`, one line each.
fn course_yaml_problems(run: &Run) -> Vec<String> {
    run.diagnostics()
        .into_iter()
        .filter(|d| d.starts_with("course.yaml"))
        .collect()
}

/// Every page of a PDF as one text, in reading order (right-to-left runs understood).
fn text(course: &TestCourse, file: &str) -> String {
    let read = pdf_text_in_reading_order(&course.read(file))
        .unwrap_or_else(|| page_texts(&course.read(file)).join("\n"));
    squash(&read)
}

#[test]
fn each_family_gets_its_documents_in_its_language_with_its_names() {
    let course = course_with(THREE_FAMILIES);
    let run = course.run(&["build"]);
    run.status(0)
        .stdout_has("  wrote     build/families/Lena-Tom-Becker/certificate.pdf")
        .stdout_has("  wrote     build/families/Yusuf-Aisha-Rahman/session-3-handout.pdf")
        .stdout_has("  wrote     build/families/Ada-Grace-Okafor/practice-log.pdf")
        .no_crash();
    let documents = |family: &str| -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(course.path().join("build/families").join(family))
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .filter(|n| n.ends_with(".pdf"))
                .collect();
        names.sort();
        names
    };
    let expected = [
        "certificate.pdf",
        "practice-log.pdf",
        "session-1-handout.pdf",
        "session-2-handout.pdf",
        "session-3-handout.pdf",
        "session-4-handout.pdf",
        "session-5-handout.pdf",
    ];
    for family in ["Lena-Tom-Becker", "Yusuf-Aisha-Rahman", "Ada-Grace-Okafor"] {
        assert_eq!(documents(family), expected, "{family}");
    }

    // German: every handout greets the family, in German, with the German texts.
    let german = "build/families/Lena-Tom-Becker";
    for n in 1..=5 {
        let handout = text(&course, &format!("{german}/session-{n}-handout.pdf"));
        assert!(
            handout.contains("Für Tom Becker und Lena"),
            "{n}: {handout}"
        );
        assert!(handout.contains(&format!("Woche {n}")), "{n}: {handout}");
    }
    let log = text(&course, &format!("{german}/practice-log.pdf"));
    assert!(
        log.contains("Übungstagebuch für Lena Massieren Sie"),
        "{log}"
    );
    let certificate = text(&course, &format!("{german}/certificate.pdf"));
    assert!(
        certificate.contains("Teilnahmebescheinigung Diese Bescheinigung erhalten Tom Becker und Lena für die Teilnahme am Kurs Babymassage Ruhige Hände — Babymassage in fünf Wochen Besuchte Treffen: 3 von 5"),
        "{certificate}"
    );
    // Exactly the sessions attended, each with its date, and none other.
    assert!(certificate.contains("Woche 1: Willkommen"), "{certificate}");
    assert!(certificate.contains("1. März 2027"), "{certificate}");
    assert!(
        certificate.contains("Woche 2: Bauch 8. März 2027"),
        "{certificate}"
    );
    assert!(certificate.contains("22. März 2027"), "{certificate}");
    for absent in ["Woche 3", "Woche 5", "15. März", "29. März"] {
        assert!(!certificate.contains(absent), "{absent}: {certificate}");
    }
    assert!(certificate.contains("Maren Solberg"), "{certificate}");
    assert!(
        certificate.contains("Unterschrift der Kursleitung"),
        "{certificate}"
    );

    // Arabic, right to left: its fixed words and its one translated text.
    let arabic = "build/families/Yusuf-Aisha-Rahman";
    if let Some(handout) =
        pdf_text_in_reading_order(&course.read(&format!("{arabic}/session-2-handout.pdf")))
    {
        assert!(handout.contains("Aisha Rahman"), "{handout}");
        assert!(handout.contains("Yusuf"), "{handout}");
        assert!(handout.contains("أياٍد هادئة"), "{handout}");
        assert!(handout.contains("مرات"), "{handout}");
    }
    let log = text(&course, &format!("{arabic}/practice-log.pdf"));
    assert!(log.contains("التدليك") && log.contains("Yusuf"), "{log}");
    let certificate = text(&course, &format!("{arabic}/certificate.pdf"));
    for printed in [
        "شهادة",
        "Aisha Rahman",
        "Yusuf",
        "حضراها",
        "Week 3: Chest and arms",
        "Week 5: Growing up",
        "مارس",
        "15",
        "29",
    ] {
        assert!(certificate.contains(printed), "{printed}: {certificate}");
    }
    for absent in ["Week 1", "Week 2", "Week 4", "22"] {
        assert!(!certificate.contains(absent), "{absent}: {certificate}");
    }

    // English, with no `attended`: every session.
    let english = "build/families/Ada-Grace-Okafor";
    let handout = text(&course, &format!("{english}/session-1-handout.pdf"));
    assert!(handout.contains("For Grace Okafor and Ada"), "{handout}");
    let log = text(&course, &format!("{english}/practice-log.pdf"));
    assert!(log.contains("Ada’s practice log Massage at"), "{log}");
    let certificate = text(&course, &format!("{english}/certificate.pdf"));
    assert!(
        certificate.contains("Sessions attended: 5 of 5"),
        "{certificate}"
    );
    assert!(certificate.contains("29 March 2027"), "{certificate}");
    assert_eq!(
        page_texts(&course.read(&format!("{english}/certificate.pdf"))).len(),
        1
    );

    // The documents for the whole class know no family.
    let handout = text(&course, "build/session-1-handout.pdf");
    assert!(!handout.contains("For Grace"), "{handout}");

    // Nothing changed: nothing made again.
    course
        .run(&["build"])
        .status(0)
        .stdout_lacks("  wrote     ");
    // One German text changes: only German documents are made again, the German
    // family's among them.
    let course = course.edit(
        "translations/de/tummy.yaml",
        "text: Wasserrad",
        "text: Das Wasserrad",
    );
    course
        .run(&["build"])
        .status(0)
        .stdout_has("  wrote     build/de/session-2-handout.pdf")
        .stdout_has("  wrote     build/families/Lena-Tom-Becker/session-2-handout.pdf")
        .stdout_has("  unchanged build/families/Lena-Tom-Becker/certificate.pdf")
        .stdout_lacks("  wrote     build/families/Yusuf")
        .stdout_lacks("  wrote     build/families/Ada")
        .stdout_lacks("  wrote     build/ar/")
        .stdout_lacks("  wrote     build/session");
    assert!(text(
        &course,
        "build/families/Lena-Tom-Becker/session-2-handout.pdf"
    )
    .contains("Das Wasserrad"));
}

/// A certificate reads as one: its title, the names, the course and the signature are
/// centred on the page; the table of sessions spans the text width.
#[test]
fn the_certificate_centres_its_names_and_signature() {
    let course = course_with(THREE_FAMILIES);
    course.run(&["build"]).status(0);
    let Some(lines) = text_lines(&course.read("build/families/Ada-Grace-Okafor/certificate.pdf"))
    else {
        return;
    };
    let page_width = 595.0; // A4, in points
    let line = |start: &str| {
        lines
            .iter()
            .find(|l| l.text.starts_with(start))
            .unwrap_or_else(|| panic!("no line {start:?} in {lines:#?}"))
    };
    for centred in [
        "Certificate of completion",
        "Grace Okafor and Ada",
        "Calm Hands",
        "Sessions attended: 5 of 5",
        "Maren Solberg, Certified Infant Massage Instructor",
        "Instructor’s signature",
    ] {
        let l = line(centred);
        let (left, right) = (l.x.0, page_width - l.x.1);
        assert!(
            (left - right).abs() < 2.0,
            "{centred:?} is not centred: {left:.1} pt to the left, {right:.1} pt to the right"
        );
    }
    let session = lines
        .iter()
        .find(|l| l.text.split(' ').next() == Some("Session"))
        .expect("the table's header");
    let margin = line("Certificate of completion").x.0.min(session.x.0);
    assert!(
        session.x.0 < 80.0 && session.x.0 <= margin,
        "the table starts at the margin: {session:?}"
    );
}

#[test]
fn a_language_or_session_the_course_does_not_have_is_said_at_its_line() {
    let run = course_with(
        "  attendees:
    - { parent: Tom Becker, baby: Lena, language: de-AT }
    - { parent: Aisha Rahman, baby: Yusuf, language: fr, attended: [1, 6, 1] }
",
    )
    .edit(
        "course.yaml",
        "family_files: \"{baby}-{parent}\"",
        "family_files: \"{babby}\"",
    )
    .run(&["validate", "--message-format=json"]);
    run.status(1);
    let found = course_yaml_problems(&run);
    assert_eq!(
        found,
        [
            "course.yaml:46:17: class, family_files: `{babby}` is not a part of a family's folder name | did you mean `baby`?",
            "course.yaml:46:17: class, family_files: this names every family's folder the same | put in `{parent}`, `{baby}` or `{number}`, such as `{baby}-{parent}`",
            "course.yaml:48:51: class, attendee 1 (Lena), language: `de-AT` is not a language of this course, so Tom Becker and Lena's documents cannot be made in it | did you mean `de`?",
            "course.yaml:49:54: class, attendee 2 (Yusuf), language: `fr` is not a language of this course, so Aisha Rahman and Yusuf's documents cannot be made in it | write one of the course's languages (en-GB, de, ar), or add `fr` to `translations`",
            "course.yaml:49:72: class, attendee 2 (Yusuf), attended, item 2: there is no session 6: the course has 5 sessions | list the sessions the family came to by their numbers, 1 to 5",
            "course.yaml:49:75: class, attendee 2 (Yusuf), attended, item 3: session 1 is named twice | remove one of them",
        ]
    );
}

#[test]
fn a_message_names_a_family_on_one_short_line_and_a_tag_that_is_no_language_is_said_so() {
    let long = "X".repeat(300);
    let run = course_with(&format!(
        "  attendees:
    - {{ parent: \"Tom\\nBecker\\tSr\", baby: Lena, language: fr }}
    - {{ parent: \"{long}\", baby: B, language: \"</script>\" }}
"
    ))
    .run(&["validate", "--message-format=json"]);
    run.status(1);
    let found = course_yaml_problems(&run);
    assert_eq!(
        found,
        [
            "course.yaml:48:58: class, attendee 1 (Lena), language: `fr` is not a language of this course, so Tom Becker Sr and Lena's documents cannot be made in it | write one of the course's languages (en-GB, de, ar), or add `fr` to `translations`".to_owned(),
            format!("course.yaml:49:340: class, attendee 2 (B), language: `</script>` is not a language of this course, so {}... and B's documents cannot be made in it | write one of the course's languages (en-GB, de, ar): `</script>` is no language tag such as `de` or `pt-BR`", "X".repeat(40)),
        ]
    );
}

#[test]
fn hostile_names_stay_one_folder_inside_the_output_folder() {
    let long = "W".repeat(300);
    let course = course_with(&format!(
        "  attendees:
    - {{ parent: ../../../escaped, baby: \"..\" }}
    - {{ parent: /absolute/path, baby: a/b\\\\c }}
    - {{ parent: \"{long}\", baby: Long }}
    - {{ parent: Tom Becker, baby: Lena }}
    - {{ parent: tom becker, baby: lena }}
    - {{ parent: \".\", baby: \".\" }}
    - {{ parent: \"C:*?<>|\", baby: \"nul\" }}
"
    ));
    let run = course.run(&["build", "--out", "out"]);
    run.status(0).no_crash();
    let mut folders: Vec<String> = std::fs::read_dir(course.path().join("out/families"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    folders.sort();
    let mut expected = vec![
        "escaped".to_owned(),
        "a-b-c-absolute-path".to_owned(),
        format!("Long-{}", "W".repeat(55)),
        "Lena-Tom-Becker".to_owned(),
        "lena-tom-becker-2".to_owned(),
        "family-6".to_owned(),
        "nul-C".to_owned(),
    ];
    expected.sort();
    assert_eq!(folders, expected);
    for folder in &folders {
        assert!(course.exists(&format!("out/families/{folder}/certificate.pdf")));
    }
    // The names print as written.
    let certificate = text(&course, "out/families/escaped/certificate.pdf");
    assert!(
        certificate.contains("../../../escaped and .."),
        "{certificate}"
    );
    // Nothing was written beside the output folder or above the course.
    assert!(!course.path().parent().unwrap().join("escaped").exists());
    assert!(!course.exists("escaped") && !course.exists("out/escaped"));

    // A control character in a name is refused where it is written, before anything.
    let run = course_with("  attendees:\n    - { parent: \"Bell\\aName\", baby: x }\n")
        .run(&["build", "--message-format=json"]);
    run.status(1);
    assert!(run.diagnostics().contains(&"course.yaml:48:22: class, attendee 1 (x), parent: this text contains an invisible control character (U+0007) | delete it: retype the text around it, or remove the `\\` escape that made it".to_owned()), "{:#?}", run.diagnostics());
}

#[cfg(unix)]
#[test]
fn a_link_planted_where_a_family_folder_goes_is_never_followed() {
    let course = course_with(THREE_FAMILIES);
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(course.path().join("build/families")).unwrap();
    std::os::unix::fs::symlink(
        outside.path(),
        course.path().join("build/families/Lena-Tom-Becker"),
    )
    .unwrap();
    let run = course.run(&["build"]);
    run.status(1)
        .no_crash()
        .stderr_has("error: build/families/Lena-Tom-Becker: cannot be written: a file stands where a folder is needed, or a folder or link where a file goes");
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);

    // A link inside the output folder, to the German documents: not followed either.
    std::fs::remove_file(course.path().join("build/families/Lena-Tom-Becker")).unwrap();
    std::os::unix::fs::symlink(
        "../de",
        course.path().join("build/families/Lena-Tom-Becker"),
    )
    .unwrap();
    course.run(&["build"]).status(1).no_crash();
    assert!(!course.exists("build/de/certificate.pdf"));

    // The folder of all families a link: not followed.
    std::fs::remove_dir_all(course.path().join("build/families")).unwrap();
    std::os::unix::fs::symlink(outside.path(), course.path().join("build/families")).unwrap();
    course.run(&["build"]).status(1).no_crash();
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}

#[test]
fn a_roster_too_long_for_one_build_is_said_before_anything_is_made() {
    let mut attendees = String::from("  attendees:\n");
    for i in 0..5000 {
        attendees.push_str(&format!("    - {{ parent: Parent {i}, baby: Baby {i} }}\n"));
    }
    let course = course_with(&attendees);
    let run = course.run(&["build", "--message-format=json"]);
    run.status(1);
    let found: Vec<String> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d.contains("families"))
        .collect();
    assert_eq!(
        found,
        ["course.yaml:248:7: class, attendee 201 (Baby 200): the class list has 5000 families; one build makes documents for at most 200 | make a course folder for each group of families, or remove `family_files` to build no family documents"]
    );
    assert!(!course.exists("build"));
}

#[test]
fn clean_and_a_shorter_list_remove_what_was_made_for_families() {
    let course = course_with(THREE_FAMILIES);
    course.run(&["build"]).status(0);
    assert!(course.exists("build/families/Ada-Grace-Okafor/certificate.pdf"));
    // A file of the user's own in a family's folder is never removed.
    std::fs::write(
        course
            .path()
            .join("build/families/Ada-Grace-Okafor/notes.txt"),
        "mine",
    )
    .unwrap();

    // A family leaves the list: its documents go with it.
    let course = course.edit(
        "course.yaml",
        "    - { parent: Tom Becker, baby: Lena, language: de, attended: [1, 2, 4] }\n",
        "",
    );
    course
        .run(&["build"])
        .status(0)
        .stdout_has("  removed build/families/Lena-Tom-Becker/certificate.pdf");
    assert!(!course.exists("build/families/Lena-Tom-Becker"));

    course
        .run(&["clean"])
        .status(0)
        .stdout_has("Removed 40 PDFs from build.");
    assert!(!course.exists("build/families/Yusuf-Aisha-Rahman"));
    assert!(course.exists("build/families/Ada-Grace-Okafor/notes.txt"));
}
