//! Domain rules: sensible numbers and the safety settings of `course.yaml`.

use crate::diagnostic::Diagnostic;
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
    let loaded_cleanly = course.diagnostics.is_empty();
    if setups.is_empty() && loaded_cleanly {
        out.push(Diagnostic::error(COURSE_FILE, "the course has no setup module").code(crate::diagnostic::Code::NoSetupModule).hint("add a module with `kind: setup` that covers the room, materials, oils, timing and contraindications"));
    }
    for (m, setup) in &setups {
        check_setup(m, setup, &settings, out);
    }
    if settings.require_contraindications
        && loaded_cleanly
        && !setups.iter().any(|(_, s)| !s.contraindications.is_empty())
    {
        let at = setups.first().map(|(m, _)| (m.file.clone(), m.tree.at));
        let mut d = Diagnostic::error(at.as_ref().map_or(COURSE_FILE.into(), |(f, _)| f.clone()), "the course does not say when not to massage").code(crate::diagnostic::Code::NoContraindications).field("contraindications").hint(
            "add `contraindications:` to the setup module: fever, infection, open sores, recent surgery, jaundice and so on (or set `safety.require_contraindications: false` in course.yaml)",
        );
        d.location = at.map(|(_, l)| l);
        out.push(d);
    }
}

fn check_setup(
    m: &Loaded<Module>,
    setup: &SetupModule,
    settings: &SafetySettings,
    out: &mut Vec<Diagnostic>,
) {
    let at = |path: &[&str]| m.tree.find(path.iter().copied()).map(|n| n.at);
    let wait = setup.timing.wait_after_feed_minutes;
    if wait < settings.min_minutes_after_feed {
        out.push(
            Diagnostic::error(&m.file, format!("the wait after a feed is {wait} minutes; this course asks for at least {}", settings.min_minutes_after_feed)).code(crate::diagnostic::Code::ShortWaitAfterFeed)
                .at(at(&["timing", "wait_after_feed_minutes"]))
                .field("timing.wait_after_feed_minutes")
                .hint(format!("a full tummy needs time: write {} or more (sources differ; to allow less, set `safety.min_minutes_after_feed` in course.yaml)", settings.min_minutes_after_feed)),
        );
    } else if wait > 240 {
        out.push(
            Diagnostic::error(
                &m.file,
                format!(
                    "a wait of {wait} minutes after a feed is longer than the time between feeds"
                ),
            )
            .code(crate::diagnostic::Code::LongWaitAfterFeed)
            .at(at(&["timing", "wait_after_feed_minutes"]))
            .field("timing.wait_after_feed_minutes")
            .hint("write the wait in minutes, for example 45"),
        );
    }
    let t = setup.room.temperature_c;
    if !(18.0..=30.0).contains(&t) {
        out.push(
            Diagnostic::error(
                &m.file,
                format!("a room temperature of {t} °C is not safe for an undressed baby"),
            )
            .code(crate::diagnostic::Code::RoomTemperature)
            .at(at(&["room", "temperature_c"]))
            .field("room.temperature_c")
            .hint("write the temperature in degrees Celsius; about 24 is right"),
        );
    }
    if settings.require_patch_test {
        for (i, oil) in setup.oils.iter().enumerate() {
            if oil.patch_test.is_none() {
                out.push(
                    Diagnostic::error(&m.file, format!("the oil \"{}\" has no patch-test note", oil.name)).code(crate::diagnostic::Code::NoPatchTest)
                        .at(at(&["oils", &i.to_string()]))
                        .field(format!("oils[{i}].patch_test"))
                        .hint("add `patch_test:` saying how to test a little oil on the baby's thigh or shoulder first"),
                );
            }
        }
    }
}
