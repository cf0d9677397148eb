//! Plan: which documents a course makes, and the data each template receives.

use serde_json::{json, Value};

use crate::load::Course;
use crate::locale::Locale;
use crate::model::{CourseFile, Module};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Handout,
    Booklet,
    Checklist,
    PracticeLog,
}

impl DocumentKind {
    pub fn template(self) -> &'static str {
        match self {
            DocumentKind::Handout => "handout",
            DocumentKind::Booklet => "booklet",
            DocumentKind::Checklist => "checklist",
            DocumentKind::PracticeLog => "practice-log",
        }
    }
}

/// One PDF to make.
#[derive(Debug, Clone)]
pub struct PlannedDocument {
    pub kind: DocumentKind,
    pub file_name: String,
    /// Shown in the footer, left.
    pub footer: String,
    /// The document's own title, for the PDF's metadata (viewers show it).
    pub title: String,
    pub data: Value,
}

/// The documents of a valid course, in the order they are listed to the user.
pub fn plan(course: &Course, locale: &Locale) -> Vec<PlannedDocument> {
    let Some(c) = &course.course else {
        return Vec::new();
    };
    let file = &c.value;
    let sessions: Vec<Value> = (0..file.sessions.len())
        .map(|i| session_view(course, file, locale, i))
        .collect();
    let common = json!({
        "course": {
            "title": file.title,
            "instructor": file.instructor,
            "place": file.class.as_ref().and_then(|c| c.place.clone()),
        },
        "setup": course.modules.iter().find_map(|m| match &m.value { Module::Setup(s) => Some(s), _ => None }),
        "attendees": file.class.as_ref().map(|c| c.attendees.clone()).unwrap_or_default(),
        "days": locale.weekdays(),
    });
    let with = |extra: Value| {
        let mut data = common.clone();
        if let (Value::Object(d), Value::Object(e)) = (&mut data, extra) {
            d.extend(e);
        }
        data
    };
    let total = sessions.len();
    let mut docs = Vec::new();
    for (i, session) in sessions.iter().enumerate() {
        let footer = format!(
            "{} · {}",
            file.title,
            locale.text("week_of", &[("number", &(i + 1)), ("total", &total)])
        );
        let session_title = session["title"].as_str().unwrap_or_default().to_owned();
        docs.push(PlannedDocument {
            kind: DocumentKind::Handout,
            file_name: format!("session-{}-handout.pdf", i + 1),
            footer: footer.clone(),
            title: format!("{session_title} — {}", file.title),
            data: with(json!({ "session": session })),
        });
        docs.push(PlannedDocument {
            kind: DocumentKind::Checklist,
            file_name: format!("session-{}-checklist.pdf", i + 1),
            footer,
            title: format!("{}: {session_title}", locale.text("checklist", &[])),
            data: with(json!({ "session": session })),
        });
    }
    docs.push(PlannedDocument {
        kind: DocumentKind::Booklet,
        file_name: "booklet.pdf".into(),
        footer: file.title.clone(),
        title: file.title.clone(),
        data: with(json!({ "sessions": sessions })),
    });
    let weeks: Vec<usize> = (1..=total.max(1)).collect();
    docs.push(PlannedDocument {
        kind: DocumentKind::PracticeLog,
        file_name: "practice-log.pdf".into(),
        footer: file.title.clone(),
        title: format!("{}: {}", locale.text("practice_log", &[]), file.title),
        data: with(json!({ "weeks": weeks })),
    });
    docs
}

fn session_view(course: &Course, file: &CourseFile, locale: &Locale, index: usize) -> Value {
    let session = &file.sessions[index];
    let modules: Vec<&Module> = session
        .modules
        .iter()
        .filter_map(|id| course.module(id))
        .map(|m| &m.value)
        .collect();
    let mut strokes = Vec::new();
    let mut safety: Vec<String> = Vec::new();
    let mut module_views = Vec::new();
    for module in &modules {
        let mut view = serde_json::to_value(module).unwrap_or_default();
        view["is_".to_owned() + &module.kind().name().replace('-', "_")] = Value::Bool(true);
        match module {
            Module::Strokes(s) => {
                for stroke in &s.strokes {
                    strokes.push(json!(stroke));
                    safety.extend(stroke.cautions.iter().cloned());
                }
            }
            Module::KangarooCare(k) => safety.extend(k.safety.iter().cloned()),
            Module::ToddlerAdaptations(t) => {
                for (i, a) in t.adaptations.iter().enumerate() {
                    view["adaptations"][i]["stroke_name"] = json!(stroke_name(course, &a.stroke));
                }
            }
            _ => {}
        }
        module_views.push(view);
    }
    // A point two modules both make is printed once, where it first comes.
    let mut seen = std::collections::HashSet::new();
    safety.retain(|point| seen.insert(point.clone()));
    let mut seen = std::collections::HashSet::new();
    let contraindications: Vec<&String> = course
        .modules
        .iter()
        .filter_map(|m| match &m.value {
            Module::Setup(s) => Some(s.contraindications.iter()),
            _ => None,
        })
        .flatten()
        .filter(|c| seen.insert(*c))
        .collect();
    let date = file
        .class
        .as_ref()
        .and_then(|c| c.dates.get(index))
        .map(|d| locale.date(d));
    json!({
        "number": index + 1,
        "total": file.sessions.len(),
        "title": session.title,
        "intro": session.intro,
        "next": session.next,
        "date": date,
        "modules": module_views,
        "strokes": strokes,
        "safety": safety,
        "contraindications": contraindications,
    })
}

fn stroke_name(course: &Course, id: &str) -> String {
    course
        .modules
        .iter()
        .filter_map(|m| match &m.value {
            Module::Strokes(s) => s
                .strokes
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.name.clone()),
            _ => None,
        })
        .next()
        .unwrap_or_else(|| id.to_owned())
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    /// docs/templates.md names every key the templates get, so a key added to the data
    /// without a word for the people who write templates fails here.
    #[test]
    fn the_template_guide_names_every_key_of_the_data() {
        let guide = include_str!("../docs/templates.md");
        let root = std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/courses/infant-massage"
        ));
        let course = crate::load::load(root).expect("the sample loads");
        let language = &course.course.as_ref().unwrap().value.language;
        let locale = crate::locale::Locale::load(language, root).unwrap();
        let mut keys = std::collections::BTreeSet::new();
        let object_keys = |value: &Value, keys: &mut std::collections::BTreeSet<String>| {
            if let Value::Object(map) = value {
                keys.extend(map.keys().cloned());
            }
        };
        for doc in super::plan(&course, &locale) {
            object_keys(&doc.data, &mut keys);
            object_keys(&doc.data["course"], &mut keys);
            let sessions = doc.data["sessions"].as_array().cloned().unwrap_or_default();
            for session in sessions.iter().chain([&doc.data["session"]]) {
                object_keys(session, &mut keys);
                for module in session["modules"].as_array().into_iter().flatten() {
                    keys.extend(
                        module
                            .as_object()
                            .into_iter()
                            .flat_map(|m| m.keys())
                            .filter(|k| k.starts_with("is_"))
                            .cloned(),
                    );
                    for adaptation in module["adaptations"].as_array().into_iter().flatten() {
                        object_keys(adaptation, &mut keys);
                    }
                }
            }
        }
        assert!(keys.len() > 20, "{keys:?}");
        let missing: Vec<&String> = keys
            .iter()
            .filter(|k| !guide.contains(&format!("`{k}`")))
            .collect();
        assert!(
            missing.is_empty(),
            "docs/templates.md does not name {missing:?}"
        );
    }
}
