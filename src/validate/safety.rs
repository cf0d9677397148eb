//! Domain rules: sensible numbers and the safety settings of `course.yaml`.

use crate::diagnostic::{Code, Diagnostic, Place};
use crate::field;
use crate::load::{Course, Loaded, COURSE_FILE};
use crate::model::{Module, SafetySettings, SetupModule};

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) {
    let settings = course
        .course
        .as_ref()
        .map(|c| c.value.safety.clone())
        .unwrap_or_default();
    let setups: Vec<(&Loaded<Module>, &SetupModule)> = course
        .modules
        .iter()
        .filter_map(|m| match &m.value {
            Module::Setup(s) => Some((m, s)),
            _ => None,
        })
        .collect();
    // A module that did not load may be the setup module (said in `skipped`).
    let loaded_cleanly = !super::skipped::setup_unknown(course);
    if setups.is_empty() && loaded_cleanly {
        out.push(Diagnostic::error(Code::NoSetupModule, COURSE_FILE, "the course has no setup module").hint("add a module with `kind: setup` that covers the room, materials, oils, timing and contraindications"));
    }
    for (m, setup) in &setups {
        check_setup(m, setup, &settings, out);
    }
    if settings.require_contraindications
        && loaded_cleanly
        && !setups.iter().any(|(m, s)| {
            !s.contraindications.is_empty() || has_mistakes_in(m, "contraindications")
        })
    {
        // Said at the first setup module, where the field belongs.
        let field = field!["contraindications"];
        let place = match setups.first() {
            Some((m, _)) => m.key_place(field),
            None => Place::new(COURSE_FILE, None, field),
        };
        out.push(Diagnostic::error(Code::NoContraindications, place, "the course does not say when not to massage").hint(
            "add `contraindications:` to the setup module: fever, infection, open sores, recent surgery, jaundice and so on (or set `safety.require_contraindications: false` in course.yaml)",
        ));
    }
}

fn check_setup(
    m: &Loaded<Module>,
    setup: &SetupModule,
    settings: &SafetySettings,
    out: &mut Vec<Diagnostic>,
) {
    let wait = setup.timing.wait_after_feed_minutes;
    if wait < settings.min_minutes_after_feed {
        out.push(
            Diagnostic::error(Code::ShortWaitAfterFeed, m.place(field!["timing", "wait_after_feed_minutes"]), format!("the wait after a feed is {wait} minutes; this course asks for at least {}", settings.min_minutes_after_feed))
                .hint(format!("a full tummy needs time: write {} or more (sources differ; to allow less, set `safety.min_minutes_after_feed` in course.yaml)", settings.min_minutes_after_feed)),
        );
    } else if wait > 240 {
        out.push(
            Diagnostic::error(
                Code::LongWaitAfterFeed,
                m.place(field!["timing", "wait_after_feed_minutes"]),
                format!(
                    "a wait of {wait} minutes after a feed is longer than the time between feeds"
                ),
            )
            .hint("write the wait in minutes, for example 45"),
        );
    }
    let t = setup.room.temperature_c;
    if !(18.0..=30.0).contains(&t) {
        out.push(
            Diagnostic::error(
                Code::RoomTemperature,
                m.place(field!["room", "temperature_c"]),
                format!("a room temperature of {t} °C is not safe for an undressed baby"),
            )
            .hint("write the temperature in degrees Celsius; about 24 is right"),
        );
    }
    if settings.require_patch_test {
        for (i, oil) in setup.oils.iter().enumerate() {
            if oil.patch_test.is_none() {
                out.push(
                    Diagnostic::error(Code::NoPatchTest, m.key_place(field!["oils", i, "patch_test"]), format!("the oil \"{}\" has no patch-test note", oil.name))
                        .hint("add `patch_test:` saying how to test a little oil on the baby's thigh or shoulder first"),
                );
            }
        }
    }
}

/// Whether the field `key` of `m` was left out or stood in for, for its mistakes.
fn has_mistakes_in(m: &Loaded<Module>, key: &str) -> bool {
    let top = |f: &crate::diagnostic::Field| matches!(f.segments().first(), Some(crate::diagnostic::Segment::Key(k)) if k == key);
    m.cut.iter().chain(&m.filled).any(top)
}
