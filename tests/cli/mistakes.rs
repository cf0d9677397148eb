//! Every mistake at once, in an instructor's words: shape mistakes in one file no longer
//! hide the checks across files, and YAML's own mistakes are said in what the user sees.

use crate::support::{run_in, TestCourse, SAMPLE};

const JSON: [&str; 3] = ["validate", "--message-format", "json"];

/// A copy of the sample with the mistakes a new instructor makes, in several files.
fn course_with_many_mistakes() -> TestCourse {
    TestCourse::sample()
        .edit(
            "course.yaml",
            "credential: Certified",
            "credentail: Certified",
        )
        .edit(
            "course.yaml",
            "[2027-03-01, 2027-03-08, 2027-03-15, 2027-03-22, 2027-03-29]",
            "[2027-03-01, 2027-03-08, 2027-03-15]",
        )
        .edit(
            "course.yaml",
            "baby: Ada, age_months: 3",
            "baby: Ada, age_months: 60",
        )
        .edit(
            "modules/getting-ready.yaml",
            "wait_after_feed_minutes: 45",
            "wait_after_feed_minutes: soon",
        )
        .edit(
            "modules/getting-ready.yaml",
            "  - name: Fractionated coconut oil",
            "  - name: Lavender essential oil",
        )
        .edit("modules/tummy.yaml", "repetitions: 6", "repetitions: three")
        .edit("modules/tummy.yaml", "id: sun-and-moon", "id: water-wheel")
        .edit(
            "modules/toddlers.yaml",
            "stroke: combing",
            "stroke: combbing",
        )
        .edit("modules/toddlers.yaml", "title: Massage", "titel: Massage")
}

#[test]
fn shape_mistakes_do_not_hide_the_checks_across_files() {
    let run = course_with_many_mistakes().run(&JSON);
    run.status(1).no_crash();
    assert_eq!(
        run.diagnostics(),
        [
            "course.yaml:5:3: instructor, credentail: unknown field `credentail` | did you mean `credential`?",
            "course.yaml:43:3: class, dates: there are 3 class dates for 5 sessions | give one date per session, in the order of the sessions (or leave out `dates`)",
            "course.yaml:51:54: class, attendee 6 (Ada), age_months: Ada's age of 60 months is outside the ages this course is for (0 to 48 months) | write the baby's age in months at the start of the class (or change `safety.min_age_months` and `safety.max_age_months` in course.yaml)",
            "modules/getting-ready.yaml:26:11: oil 2 (Lavender essential oil), name: \"Lavender essential oil\" is an essential oil (essential); essential oils are not used to massage babies | offer a plain, unscented vegetable oil such as cold-pressed sunflower oil (or set `safety.allow_essential_oils: true` in course.yaml)",
            "modules/getting-ready.yaml:32:28: timing, wait_after_feed_minutes: `wait_after_feed_minutes` should be a whole number, but it is `soon` | write a whole number without quotes or units, such as `6`",
            "modules/toddlers.yaml:4:1: titel: unknown field `titel` | did you mean `title`?",
            "modules/toddlers.yaml:25:13: adaptation 4 (combbing), stroke: there is no stroke with the id `combbing` | did you mean `combing`?",
            "modules/tummy.yaml:13:18: stroke 1 (Water wheel), repetitions: `repetitions` should be a whole number, but it is `three` | write a whole number without quotes or units, such as `6`",
            "modules/tummy.yaml:33:9: stroke 3 (Sun and moon), id: the stroke id `water-wheel` is already used | give each stroke its own id; toddler adaptations refer to strokes by id",
        ]
    );
}

#[test]
fn validate_a_course_with_many_mistakes() {
    let run = course_with_many_mistakes().run(&["validate"]);
    insta::assert_snapshot!(crate::snapshots::seen(&run));
}

#[test]
fn a_missing_contraindication_is_said_beside_a_typo_in_another_module() {
    let setup = std::fs::read_to_string(format!("{SAMPLE}/modules/getting-ready.yaml")).unwrap();
    let without = &setup[..setup.find("contraindications:").unwrap()];
    let run = TestCourse::sample()
        .edit("modules/tummy.yaml", "repetitions: 3", "repetitions: three")
        .file("modules/getting-ready.yaml", without)
        .run(&JSON);
    assert_eq!(
        run.diagnostics(),
        [
            "modules/getting-ready.yaml:2:1: contraindications: the course does not say when not to massage | add `contraindications:` to the setup module: fever, infection, open sores, recent surgery, jaundice and so on (or set `safety.require_contraindications: false` in course.yaml)",
            "modules/tummy.yaml:25:18: stroke 2 (I love you), repetitions: `repetitions` should be a whole number, but it is `three` | write a whole number without quotes or units, such as `6`",
        ]
    );
}

#[test]
fn checks_that_cannot_run_are_named_on_one_line() {
    let run = TestCourse::sample()
        .file(
            "modules/tummy.yaml",
            "kind: strokes\nid: tummy\ntitle: [Tummy\n",
        )
        .edit(
            "modules/toddlers.yaml",
            "stroke: combing",
            "stroke: combbing",
        )
        .run(&JSON);
    let found = run.diagnostics();
    let skipped: Vec<&String> = found.iter().filter(|d| d.contains("did not run")).collect();
    assert_eq!(
        skipped,
        ["warning: modules/tummy.yaml: some checks did not run, because `modules/tummy.yaml` could not be read as a whole: that toddler adaptations name strokes that exist | fix the mistakes in this file and run `course validate` again to check it with the rest"]
    );
    assert!(!found.iter().any(|d| d.contains("combbing")), "{found:#?}");
}

#[test]
fn indentation_is_said_in_spaces() {
    let run = TestCourse::sample()
        .edit(
            "modules/tummy.yaml",
            "    repetitions: 3\n",
            "   repetitions: 3\n",
        )
        .run(&JSON);
    assert_eq!(
        run.diagnostics(),
        ["modules/tummy.yaml:25:4: this line has 3 spaces; the fields around it have 4 | start it in the same column as the fields of its group, with spaces"]
    );
    let run = TestCourse::sample()
        .edit("modules/legs-and-feet.yaml", "    cautions:", "  cautions:")
        .run(&JSON);
    assert_eq!(
        run.diagnostics(),
        ["modules/legs-and-feet.yaml:20:3: this line has 2 spaces; the fields around it have 4 | start it in the same column as the fields of its group, with spaces"]
    );
}

#[test]
fn a_date_in_another_order_is_offered_in_both_readings() {
    let run = TestCourse::sample()
        .edit("course.yaml", "[2027-03-01,", "[12/05/2026,")
        .run(&JSON);
    assert_eq!(
        run.diagnostics(),
        ["course.yaml:43:11: class, date 1 (12/05/2026): `12/05/2026` is not written as year-month-day | write `2026-05-12` for 12 May 2026, or `2026-12-05` for 5 December 2026"]
    );
    let run = TestCourse::sample()
        .edit("course.yaml", "language: en-GB", "language: de")
        .edit("course.yaml", "[2027-03-01,", "[25.05.2026,")
        .run(&JSON);
    // The sample's English texts in a German course have a warning of their own.
    let errors: Vec<String> = run
        .diagnostics()
        .into_iter()
        .filter(|d| !d.starts_with("warning: "))
        .collect();
    assert_eq!(
        errors,
        ["course.yaml:43:11: class, date 1 (25.05.2026): `25.05.2026` is not written as year-month-day | write `2026-05-25` for 25. Mai 2026"]
    );
}

#[test]
fn a_hash_after_text_is_warned_about_with_how_to_keep_it() {
    let run = TestCourse::sample()
        .edit(
            "modules/getting-ready.yaml",
            "  - Recent surgery",
            "  - Recent surgery #not after jabs",
        )
        .run(&JSON);
    run.status(0);
    assert_eq!(
        run.diagnostics(),
        ["warning: modules/getting-ready.yaml:59:5: only `Recent surgery` is kept: YAML reads the `#not after jabs` after it as a comment | to keep the `#` and what follows, put the whole text in quotes: \"Recent surgery #not after jabs\""]
    );
}

#[test]
fn ids_name_code_points_only_for_what_cannot_be_seen_and_file_names_get_the_id() {
    let run = TestCourse::sample()
        .edit("course.yaml", "modules: [tummy]", "modules: [tummy.yaml]")
        .run(&JSON);
    assert_eq!(
        run.diagnostics(),
        ["course.yaml:24:15: session 2 (Week 2: Tummy), module 1 (tummy.yaml): `tummy.yaml` is a file name, not an id | did you mean `tummy`? modules are named by their id, without `.yaml`"]
    );
    let run = TestCourse::sample()
        .edit("modules/tummy.yaml", "id: tummy\n", "id: tummy.strokes\n")
        .run(&JSON);
    assert_eq!(
        run.diagnostics()[0],
        "modules/tummy.yaml:3:5: id: `tummy.strokes` cannot be an id: it has `.`, and ids are small letters, digits and dashes | write ids with small letters a-z, digits and dashes, such as `tummy-strokes`"
    );
}

#[test]
fn merge_keys_bring_in_the_fields_of_a_group() {
    let run = TestCourse::sample()
        .edit("modules/tummy.yaml", "  - id: water-wheel\n", "  - &ww\n    id: water-wheel\n")
        .edit(
            "modules/tummy.yaml",
            "  - id: i-love-you\n",
            "  - <<: *ww\n    id: water-wheel-again\n    name: Water wheel again\n  - id: i-love-you\n",
        )
        .run(&JSON);
    run.status(0);
    assert_eq!(run.diagnostics(), Vec::<String>::new());
    let run = TestCourse::sample()
        .edit(
            "modules/tummy.yaml",
            "  - id: i-love-you\n",
            "  - <<: plain\n    id: i-love-you\n",
        )
        .run(&JSON);
    assert_eq!(
        run.diagnostics(),
        ["modules/tummy.yaml:21:5: `<<:` brings in the fields of a group, but what follows it is not a group of fields | write `<<: *name`, where `&name` marks a group of fields written earlier"]
    );
}

#[test]
fn unknown_words_in_a_course_locale_file_are_warned_about() {
    let run = TestCourse::sample()
        .file(
            "locales/en-GB.yaml",
            "page_off: \"Page {page} of {pages}\"\nmonths: [Jan, Feb]\n",
        )
        .run(&JSON);
    run.status(0);
    assert_eq!(
        run.diagnostics(),
        [
            "warning: locales/en-GB.yaml:1:1: page_off: `page_off` is not a word the pages use, so it is not printed | did you mean `page_of`?",
            "warning: locales/en-GB.yaml:2:1: months: the month names are used only with a `date` pattern, which this file does not have | add a line such as `date: \"{day} {month} {year}\"`, or delete `months` to keep the dates CLDR writes for the language",
        ]
    );
}

#[test]
fn a_language_cldr_knows_is_never_corrected_to_another() {
    let run = TestCourse::sample()
        .edit("course.yaml", "language: en-GB", "language: no")
        .run(&JSON);
    assert_eq!(
        run.diagnostics(),
        ["course.yaml:9:11: language: there are no built-in words for Norwegian (`no`) | add the words for Norwegian in `locales/no.yaml`, translating each line of the built-in en.yaml; dates and numbers already follow Norwegian"]
    );
}

#[test]
fn init_takes_a_language_by_its_name_in_english_or_its_own() {
    for (typed, code) in [("German", "de"), ("Deutsch", "de"), ("español", "es")] {
        let dir = TestCourse::empty();
        run_in(dir.path(), &["init", "c", "--language", typed], &[]).status(0);
        let course = String::from_utf8(dir.read("c/course.yaml")).unwrap();
        assert!(
            course.contains(&format!("language: {code}\n")),
            "{typed}: {course}"
        );
    }
    let dir = TestCourse::empty();
    run_in(dir.path(), &["init", "c", "--language", "no"], &[])
        .status(2)
        .stderr_has("there are no built-in words for Norwegian yet: start with `en` and add the words for Norwegian in `locales/no.yaml`, then set `language: no` in course.yaml");
}

#[test]
fn a_fonts_line_naming_a_file_that_is_no_font_is_pointed_at() {
    let run = TestCourse::sample()
        .edit(
            "course.yaml",
            "page_size: a4",
            "page_size: a4\nfonts: course.yaml",
        )
        .run(&JSON);
    assert_eq!(
        run.diagnostics(),
        ["course.yaml:11:8: fonts: `course.yaml` is not a font that can be used | use a TrueType (.ttf) or OpenType (.otf, .ttc) font file, or a folder of them"]
    );
}
