//! Ids: unique, and every reference points at something that exists.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Location};
use crate::load::Course;
use crate::model::Module;

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) {
    unique_module_ids(course, out);
    unique_stroke_ids(course, out);
    sessions(course, out);
    adaptations(course, out);
}

fn unique_module_ids(course: &Course, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, (&std::path::Path, Location)> = HashMap::new();
    for m in &course.modules {
        let at = m.tree.get("id").map_or(m.tree.at, |n| n.at);
        if let Some((first_file, first_at)) = seen.get(m.value.id()) {
            out.push(
                Diagnostic::error(
                    &m.file,
                    format!(
                        "the id `{}` is already used by {}",
                        m.value.id(),
                        first_file.display()
                    ),
                )
                .code(crate::diagnostic::Code::DuplicateModuleId)
                .at(Some(at))
                .field("id")
                .hint("give each module its own id; sessions in course.yaml refer to modules by id")
                .related(*first_file, *first_at, "first used here"),
            );
        } else {
            seen.insert(m.value.id(), (&m.file, at));
        }
    }
}

fn unique_stroke_ids(course: &Course, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, (&std::path::Path, Location)> = HashMap::new();
    for m in &course.modules {
        let Module::Strokes(strokes) = &m.value else {
            continue;
        };
        for (i, stroke) in strokes.strokes.iter().enumerate() {
            let i = i.to_string();
            let at = m
                .tree
                .find(["strokes", &i, "id"])
                .map_or(m.tree.at, |n| n.at);
            if let Some((first_file, first_at)) = seen.get(stroke.id.as_str()) {
                out.push(
                    Diagnostic::error(
                        &m.file,
                        format!("the stroke id `{}` is already used", stroke.id),
                    )
                    .code(crate::diagnostic::Code::DuplicateStrokeId)
                    .at(Some(at))
                    .field(format!("strokes[{i}].id"))
                    .hint("give each stroke its own id; toddler adaptations refer to strokes by id")
                    .related(*first_file, *first_at, "first used here"),
                );
            } else {
                seen.insert(&stroke.id, (&m.file, at));
            }
        }
    }
}

fn sessions(course: &Course, out: &mut Vec<Diagnostic>) {
    let Some(c) = &course.course else { return };
    // Modules that failed to load are reported already; references to them are fine.
    let mut ids: Vec<&str> = course
        .modules
        .iter()
        .map(|m| m.value.id())
        .chain(course.unloaded_ids.iter().map(String::as_str))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    // A module whose file is named for the missing id but that took another module's id:
    // the duplicate id is the one mistake, already reported.
    let renamed_to_a_duplicate = |id: &str| {
        course.modules.iter().any(|m| {
            m.file.file_stem().is_some_and(|stem| stem == id)
                && course
                    .modules
                    .iter()
                    .filter(|o| o.value.id() == m.value.id())
                    .count()
                    > 1
        })
    };
    // Modules a misspelt reference was meant to name: they are taught, just misspelt.
    let mut meant: Vec<&str> = Vec::new();
    for (i, session) in c.value.sessions.iter().enumerate() {
        let si = i.to_string();
        let mut in_session: HashMap<&str, Location> = HashMap::new();
        for (j, id) in session.modules.iter().enumerate() {
            let at_item = c
                .tree
                .find(["sessions", &si, "modules", &j.to_string()])
                .map_or(c.tree.at, |n| n.at);
            if let Some(first) = in_session.get(id.as_str()) {
                out.push(
                    Diagnostic::error(
                        &c.file,
                        format!(
                            "the module `{id}` is listed twice in the session \"{}\"",
                            session.title
                        ),
                    )
                    .code(crate::diagnostic::Code::ModuleTwiceInSession)
                    .at(Some(at_item))
                    .field(format!("sessions[{i}].modules[{j}]"))
                    .hint("teach a module once per session: delete one of the two")
                    .related(&c.file, *first, "first listed here"),
                );
                continue;
            }
            in_session.insert(id, at_item);
            // Over the module limit, the rest of the files were not read: the limit
            // error says why an id may be missing.
            // An id with an invisible character in it is reported as such (text check);
            // if it names a module once that is removed, that is the one cause.
            let visible: String = id.chars().filter(|c| !is_invisible(*c)).collect();
            let same_when_visible = |other: &&str| {
                other
                    .chars()
                    .filter(|c| !is_invisible(*c))
                    .eq(visible.chars())
            };
            if ids.contains(&id.as_str())
                || ids.iter().any(same_when_visible)
                || course.modules_over_limit
                || renamed_to_a_duplicate(id)
            {
                continue;
            }
            // The file named for the id may declare another: that module is the one meant.
            let file_named = course
                .modules
                .iter()
                .find(|m| m.file.file_stem().is_some_and(|stem| stem == id.as_str()));
            meant.extend(crate::suggest::did_you_mean(id, ids.iter().copied()));
            meant.extend(file_named.map(|m| m.value.id()));
            let at = c
                .tree
                .find(["sessions", &si, "modules", &j.to_string()])
                .map(|n| n.at);
            let hint = match file_named {
                Some(m) => format!(
                    "{} has `id: {}`: write that here, or change the id in the file back to `{id}`",
                    m.file.display(),
                    m.value.id()
                ),
                None => crate::suggest::hint_for(id, ids.iter().copied(), || {
                    format!(
                        "no module in `modules/` has `id: {id}`; the ids are: {}",
                        crate::suggest::list(&ids, 20)
                    )
                }),
            };
            out.push(
                Diagnostic::error(&c.file, format!("there is no module with the id `{id}`"))
                    .code(crate::diagnostic::Code::UnknownModule)
                    .at(at)
                    .field(format!("sessions[{i}].modules[{j}]"))
                    .hint(hint),
            );
        }
    }
    for m in &course.modules {
        if meant.contains(&m.value.id()) {
            continue;
        }
        if !c.value.sessions.iter().any(|s| {
            s.modules.iter().any(|id| {
                id == m.value.id()
                    || id.chars().filter(|c| !is_invisible(*c)).eq(m
                        .value
                        .id()
                        .chars()
                        .filter(|c| !is_invisible(*c)))
            })
        }) {
            out.push(
                Diagnostic::warning(
                    &m.file,
                    format!("the module `{}` is not taught in any session", m.value.id()),
                )
                .code(crate::diagnostic::Code::ModuleNotTaught)
                .at(m.tree.get("id").map(|n| n.at))
                .field("id")
                .hint("add its id to a session's `modules` in course.yaml, or delete the file"),
            );
        }
    }
}

fn adaptations(course: &Course, out: &mut Vec<Diagnostic>) {
    let stroke_ids: Vec<&str> = course
        .modules
        .iter()
        .filter_map(|m| match &m.value {
            Module::Strokes(s) => Some(s.strokes.iter().map(|s| s.id.as_str())),
            _ => None,
        })
        .flatten()
        .collect();
    let broken = course
        .diagnostics
        .iter()
        .any(|d| d.file.starts_with(crate::load::MODULES_DIR));
    for m in &course.modules {
        let Module::ToddlerAdaptations(t) = &m.value else {
            continue;
        };
        for (i, a) in t.adaptations.iter().enumerate() {
            if stroke_ids.contains(&a.stroke.as_str()) || broken {
                continue;
            }
            let at = m
                .tree
                .find(["adaptations", &i.to_string(), "stroke"])
                .map(|n| n.at);
            let hint = crate::suggest::hint_for(&a.stroke, stroke_ids.iter().copied(), || {
                "use the `id` of a stroke from a strokes module".to_owned()
            });
            out.push(
                Diagnostic::error(
                    &m.file,
                    format!("there is no stroke with the id `{}`", a.stroke),
                )
                .code(crate::diagnostic::Code::UnknownStroke)
                .at(at)
                .field(format!("adaptations[{i}].stroke"))
                .hint(hint),
            );
        }
    }
}

/// Characters that take no space on the page (zero-width, direction marks and overrides).
fn is_invisible(c: char) -> bool {
    super::text::invisible(c).is_some()
}
