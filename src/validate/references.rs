//! Ids: unique, and every reference points at something that exists.

use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;

use crate::diagnostic::{Code, Diagnostic, Location, Place};
use crate::field;
use crate::load::{Course, Loaded};
use crate::model::Module;

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) {
    unique_module_ids(course, out);
    unique_stroke_ids(course, out);
    sessions(course, out);
    adaptations(course, out);
}

fn unique_module_ids(course: &Course, out: &mut Vec<Diagnostic>) {
    let uses = course
        .modules
        .iter()
        .map(|m| (m.value.id(), m.place(field!["id"])));
    for (id, place, first) in repeated(uses) {
        let d = Diagnostic::error(
            Code::DuplicateModuleId,
            place,
            format!(
                "the id `{id}` is already used by {}",
                first.file().display()
            ),
        )
        .hint("give each module its own id; sessions in course.yaml refer to modules by id");
        out.push(first_used(d, &first));
    }
}

fn unique_stroke_ids(course: &Course, out: &mut Vec<Diagnostic>) {
    let uses = course.modules.iter().flat_map(|m| match &m.value {
        Module::Strokes(s) => s
            .strokes
            .iter()
            .enumerate()
            .map(|(i, stroke)| (stroke.id.as_str(), m.place(field!["strokes", i, "id"])))
            .collect(),
        _ => Vec::new(),
    });
    for (id, place, first) in repeated(uses) {
        let d = Diagnostic::error(
            Code::DuplicateStrokeId,
            place,
            format!("the stroke id `{id}` is already used"),
        )
        .hint("give each stroke its own id; toddler adaptations refer to strokes by id");
        out.push(first_used(d, &first));
    }
}

/// Each use of an id after its first, with the place of the first.
fn repeated<'a>(uses: impl IntoIterator<Item = (&'a str, Place)>) -> Vec<(&'a str, Place, Place)> {
    let mut first: HashMap<&str, Place> = HashMap::new();
    let mut again = Vec::new();
    for (id, place) in uses {
        match first.get(id) {
            Some(earlier) => again.push((id, place, earlier.clone())),
            None => {
                first.insert(id, place);
            }
        }
    }
    again
}

/// `d`, with the place where its id was first used.
fn first_used(d: Diagnostic, first: &Place) -> Diagnostic {
    match first.location() {
        Some(at) => d.related(first.file(), at, "first used here"),
        None => d,
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
    // Sets, not lists: a course may have thousands of modules and references.
    let visible_ids: HashSet<String> = ids.iter().map(|id| without_invisible(id)).collect();
    // A module whose file is named for the missing id but that took another module's id:
    // the duplicate id is the one mistake, already reported.
    let mut modules_with_id: HashMap<&str, usize> = HashMap::new();
    for m in &course.modules {
        *modules_with_id.entry(m.value.id()).or_default() += 1;
    }
    let renamed_to_a_duplicate: HashSet<&OsStr> = course
        .modules
        .iter()
        .filter(|m| modules_with_id[m.value.id()] > 1)
        .filter_map(|m| m.file.file_stem())
        .collect();
    let mut by_file_name: HashMap<&OsStr, &Loaded<Module>> = HashMap::new();
    for m in &course.modules {
        if let Some(stem) = m.file.file_stem() {
            by_file_name.entry(stem).or_insert(m);
        }
    }
    let mut suggestions_left = SUGGESTED_AT_MOST;
    // Modules a misspelt reference was meant to name: they are taught, just misspelt.
    let mut meant: HashSet<&str> = HashSet::new();
    for (i, session) in c.value.sessions.iter().enumerate() {
        let mut in_session: HashMap<&str, Location> = HashMap::new();
        for (j, id) in session.modules.iter().enumerate() {
            let item = c.place(field!["sessions", i, "modules", j]);
            let at_item = item.location().unwrap_or(c.tree.at);
            if let Some(first) = in_session.get(id.as_str()) {
                out.push(
                    Diagnostic::error(
                        Code::ModuleTwiceInSession,
                        item,
                        format!(
                            "the module `{id}` is listed twice in the session \"{}\"",
                            session.title
                        ),
                    )
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
            if ids.binary_search(&id.as_str()).is_ok()
                || visible_ids.contains(&without_invisible(id))
                || course.modules_over_limit
                || renamed_to_a_duplicate.contains(OsStr::new(id))
            {
                continue;
            }
            // The file named for the id may declare another: that module is the one meant.
            let file_named = by_file_name.get(OsStr::new(id)).copied();
            // Each search for a likely misspelling goes through every id: with thousands
            // of wrong references, only the first ones are searched.
            let suggested = (suggestions_left > 0).then(|| {
                suggestions_left -= 1;
                crate::suggest::did_you_mean(id, ids.iter().copied())
            });
            meant.extend(suggested.flatten());
            meant.extend(file_named.map(|m| m.value.id()));
            let hint = match file_named {
                Some(m) => format!(
                    "{} has `id: {}`: write that here, or change the id in the file back to `{id}`",
                    m.file.display(),
                    m.value.id()
                ),
                None => match suggested.flatten() {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!(
                        "no module in `modules/` has `id: {id}`; the ids are: {}",
                        crate::suggest::list(&ids, 20)
                    ),
                },
            };
            out.push(
                Diagnostic::error(
                    Code::UnknownModule,
                    item,
                    format!("there is no module with the id `{id}`"),
                )
                .hint(hint),
            );
        }
    }
    // Read from the file, so a session left out for a mistake still teaches its modules.
    let mut taught: HashSet<String> = c
        .value
        .sessions
        .iter()
        .flat_map(|s| &s.modules)
        .map(|id| without_invisible(id))
        .collect();
    if let Some(crate::load::yaml::Value::Seq(sessions)) = c.tree.get("sessions").map(|s| &s.value)
    {
        for session in sessions {
            if let Some(crate::load::yaml::Value::Seq(ids)) =
                session.get("modules").map(|m| &m.value)
            {
                // `tummy.yaml` where `tummy` belongs is said once, as that mistake.
                let named = ids
                    .iter()
                    .filter_map(|id| id.as_str())
                    .map(|id| id.trim_end_matches(".yaml").trim_end_matches(".yml"));
                taught.extend(named.map(without_invisible));
            }
        }
    }
    for m in &course.modules {
        if meant.contains(m.value.id()) {
            continue;
        }
        if !taught.contains(&without_invisible(m.value.id())) {
            out.push(
                Diagnostic::warning(
                    Code::ModuleNotTaught,
                    m.place(field!["id"]),
                    format!("the module `{}` is not taught in any session", m.value.id()),
                )
                .hint("add its id to a session's `modules` in course.yaml, or delete the file"),
            );
        }
    }
}

/// Whether a toddler adaptation names a stroke that no module read so far has.
pub fn strokes_not_found(course: &Course) -> bool {
    let ids = stroke_ids(course);
    course.modules.iter().any(|m| match &m.value {
        Module::ToddlerAdaptations(t) => t
            .adaptations
            .iter()
            .any(|a| ids.binary_search(&a.stroke.as_str()).is_err()),
        _ => false,
    })
}

/// The ids of every stroke, in modules and in the parts of files that did not load,
/// sorted.
fn stroke_ids(course: &Course) -> Vec<&str> {
    let mut stroke_ids: Vec<&str> = course
        .modules
        .iter()
        .filter_map(|m| match &m.value {
            Module::Strokes(s) => Some(s.strokes.iter().map(|s| s.id.as_str())),
            _ => None,
        })
        .flatten()
        .collect();
    // Strokes in parts that did not load are strokes all the same.
    stroke_ids.extend(course.unloaded_part_ids.iter().map(String::as_str));
    stroke_ids.sort_unstable();
    stroke_ids.dedup();
    stroke_ids
}

fn adaptations(course: &Course, out: &mut Vec<Diagnostic>) {
    let stroke_ids = stroke_ids(course);
    let mut suggestions_left = SUGGESTED_AT_MOST;
    // A module file that could not be read at all may hold any stroke (said in
    // `skipped`).
    let broken = !course.unread_modules.is_empty();
    for m in &course.modules {
        let Module::ToddlerAdaptations(t) = &m.value else {
            continue;
        };
        for (i, a) in t.adaptations.iter().enumerate() {
            if broken || stroke_ids.binary_search(&a.stroke.as_str()).is_ok() {
                continue;
            }
            let plain = || "use the `id` of a stroke from a strokes module".to_owned();
            let suggested = (suggestions_left > 0).then(|| {
                suggestions_left -= 1;
                crate::suggest::did_you_mean(&a.stroke, stroke_ids.iter().copied())
            });
            // Meant for a stroke whose own id has a mistake: that is the one mistake.
            if let Some(Some(best)) = suggested {
                if course.unloaded_part_ids.iter().any(|id| id == best) {
                    continue;
                }
            }
            let hint = match suggested.flatten() {
                Some(best) => format!("did you mean `{best}`?"),
                None => plain(),
            };
            out.push(
                Diagnostic::error(
                    Code::UnknownStroke,
                    m.place(field!["adaptations", i, "stroke"]),
                    format!("there is no stroke with the id `{}`", a.stroke),
                )
                .hint(hint),
            );
        }
    }
}

/// How many wrong references are searched for the id they were likely meant to be.
const SUGGESTED_AT_MOST: usize = 100;

/// An id without the characters that take no space on the page (zero-width, direction
/// marks and overrides): two ids that differ only in those look the same.
fn without_invisible(id: &str) -> String {
    id.chars()
        .filter(|c| crate::model::invisible(*c).is_none())
        .collect()
}
