//! Plan: which documents a course makes, and the data each template receives.

pub mod data;

use serde_json::Value;

use data::{
    to_value, AdaptationView, AttendedSession, BookletDocument, CertificateDocument, Common,
    CourseView, FamilyView, ModuleFields, ModuleView, PracticeLogDocument, SessionDocument,
    SessionView, ToddlerAdaptationsView,
};

use crate::load::Course;
use crate::locale::Locale;
use crate::model::{CourseFile, Module};

/// The guide to writing templates (docs/templates.md): what each template gets, the
/// helpers, and the Markdown a template may write. `course templates guide` prints it.
pub const GUIDE: &str = include_str!("../../docs/templates.md");

/// The part of the guide from the heading that starts with `## {heading}` to the next
/// heading of that level.
pub fn guide_section(heading: &str) -> Option<&'static str> {
    let start = GUIDE.find(&format!("## {heading}"))?;
    let end = GUIDE[start + 1..]
        .find("\n## ")
        .map_or(GUIDE.len(), |e| start + 1 + e);
    Some(&GUIDE[start..end])
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Handout,
    Booklet,
    Checklist,
    PracticeLog,
    /// A family's certificate of completion.
    Certificate,
}

impl DocumentKind {
    pub fn template(self) -> &'static str {
        match self {
            DocumentKind::Handout => "handout",
            DocumentKind::Booklet => "booklet",
            DocumentKind::Checklist => "checklist",
            DocumentKind::PracticeLog => "practice-log",
            DocumentKind::Certificate => "certificate",
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
    /// What its template gets: one of the document types of [`data`], as Handlebars
    /// reads it.
    pub data: Value,
}

/// The documents of a valid course, in the order they are listed to the user.
pub fn plan(course: &Course, locale: &Locale) -> Vec<PlannedDocument> {
    plan_for(course, locale, None)
}

/// The documents of the family at `index` on the class list, in the course's language
/// (a translated course for a family that reads another): its handouts, its practice
/// log and its certificate of completion, each with `family` in its data.
pub fn family_plan(course: &Course, locale: &Locale, index: usize) -> Vec<PlannedDocument> {
    plan_for(course, locale, Some(index))
}

fn plan_for(course: &Course, locale: &Locale, family: Option<usize>) -> Vec<PlannedDocument> {
    let Some(c) = &course.course else {
        return Vec::new();
    };
    let file = &c.value;
    let sessions: Vec<SessionView> = (0..file.sessions.len())
        .map(|i| session_view(course, file, locale, i))
        .collect();
    let attendees = file.class.as_ref().map_or(&[][..], |c| &c.attendees[..]);
    let family = family.and_then(|i| attendees.get(i)).map(|a| FamilyView {
        parent: &a.parent,
        baby: &a.baby,
        language: &file.language,
        attended: sessions
            .iter()
            .filter(|s| {
                a.attended
                    .as_ref()
                    .is_none_or(|numbers| numbers.iter().any(|&n| n as usize == s.number))
            })
            .map(|s| AttendedSession {
                number: s.number,
                title: s.title,
                date: s.date.clone(),
            })
            .collect(),
        total: sessions.len(),
    });
    let for_family = family.is_some();
    let common = Common {
        course: CourseView {
            title: &file.title,
            instructor: &file.instructor,
            place: file.class.as_ref().and_then(|c| c.place.as_deref()),
            video: file.video.as_deref(),
        },
        setup: course.modules.iter().find_map(|m| match &m.value {
            Module::Setup(s) => Some(s),
            _ => None,
        }),
        attendees,
        days: locale.weekdays(),
        family,
    };
    let total = sessions.len();
    let mut docs = Vec::new();
    for (i, session) in sessions.iter().enumerate() {
        let footer = format!(
            "{} · {}",
            file.title,
            locale.text("week_of", &[("number", &(i + 1)), ("total", &total)])
        );
        let data = to_value(&SessionDocument {
            common: &common,
            session,
        });
        docs.push(PlannedDocument {
            kind: DocumentKind::Handout,
            file_name: format!("session-{}-handout.pdf", i + 1),
            footer: footer.clone(),
            title: format!("{} — {}", session.title, file.title),
            data: data.clone(),
        });
        if !for_family {
            docs.push(PlannedDocument {
                kind: DocumentKind::Checklist,
                file_name: format!("session-{}-checklist.pdf", i + 1),
                footer,
                title: format!("{}: {}", locale.text("checklist", &[]), session.title),
                data,
            });
        }
    }
    if !for_family {
        docs.push(PlannedDocument {
            kind: DocumentKind::Booklet,
            file_name: "booklet.pdf".into(),
            footer: file.title.clone(),
            title: file.title.clone(),
            data: to_value(&BookletDocument {
                common: &common,
                sessions: &sessions,
            }),
        });
    }
    let log_title = match &common.family {
        Some(f) => locale.text("practice_log_for", &[("baby", &f.baby)]),
        None => locale.text("practice_log", &[]),
    };
    docs.push(PlannedDocument {
        kind: DocumentKind::PracticeLog,
        file_name: "practice-log.pdf".into(),
        footer: file.title.clone(),
        title: format!("{log_title}: {}", file.title),
        data: to_value(&PracticeLogDocument {
            common: &common,
            weeks: (1..=total.max(1)).collect(),
        }),
    });
    if let Some(f) = &common.family {
        docs.push(PlannedDocument {
            kind: DocumentKind::Certificate,
            file_name: "certificate.pdf".into(),
            footer: file.title.clone(),
            title: format!(
                "{}: {} — {}",
                locale.text("certificate", &[]),
                locale.text(
                    "parent_and_baby",
                    &[("parent", &f.parent), ("baby", &f.baby)]
                ),
                file.title
            ),
            data: to_value(&CertificateDocument { common: &common }),
        });
    }
    docs
}

fn session_view<'a>(
    course: &'a Course,
    file: &'a CourseFile,
    locale: &Locale,
    index: usize,
) -> SessionView<'a> {
    let session = &file.sessions[index];
    let mut strokes = Vec::new();
    let mut safety: Vec<&str> = Vec::new();
    let mut general_safety: Vec<&str> = Vec::new();
    let mut modules = Vec::new();
    for module in session.modules.iter().filter_map(|id| course.module(id)) {
        let fields = match &module.value {
            Module::Benefits(b) => ModuleFields::Benefits(b),
            Module::KangarooCare(k) => {
                safety.extend(k.safety.iter().map(String::as_str));
                general_safety.extend(k.safety.iter().map(String::as_str));
                ModuleFields::KangarooCare(k)
            }
            Module::Setup(s) => ModuleFields::Setup(s),
            Module::Strokes(s) => {
                for stroke in &s.strokes {
                    strokes.push(stroke);
                    safety.extend(stroke.cautions.iter().map(String::as_str));
                }
                ModuleFields::Strokes(s)
            }
            Module::ToddlerAdaptations(t) => {
                ModuleFields::ToddlerAdaptations(ToddlerAdaptationsView {
                    header: &t.header,
                    tips: &t.tips,
                    adaptations: t
                        .adaptations
                        .iter()
                        .map(|a| AdaptationView {
                            adaptation: a,
                            stroke_name: stroke_name(course, &a.stroke),
                        })
                        .collect(),
                })
            }
        };
        modules.push(ModuleView::new(fields));
    }
    // A point two modules both make is printed once, where it first comes.
    let mut seen = std::collections::HashSet::new();
    safety.retain(|point| seen.insert(*point));
    let mut seen = std::collections::HashSet::new();
    general_safety.retain(|point| seen.insert(*point));
    let mut seen = std::collections::HashSet::new();
    let contraindications: Vec<&str> = course
        .modules
        .iter()
        .filter_map(|m| match &m.value {
            Module::Setup(s) => Some(s.contraindications.iter()),
            _ => None,
        })
        .flatten()
        .map(String::as_str)
        .filter(|c| seen.insert(*c))
        .collect();
    SessionView {
        number: index + 1,
        total: file.sessions.len(),
        title: &session.title,
        intro: session.intro.as_deref(),
        next: session.next.as_deref(),
        date: file
            .class
            .as_ref()
            .and_then(|c| c.dates.get(index))
            .map(|d| locale.date(d)),
        modules,
        strokes,
        safety,
        general_safety,
        contraindications,
        page: None,
    }
}

/// The name of the stroke `id`, or the id itself if no strokes module has it.
fn stroke_name<'a>(course: &'a Course, id: &'a str) -> &'a str {
    course
        .modules
        .iter()
        .find_map(|m| match &m.value {
            Module::Strokes(s) => s.strokes.iter().find(|s| s.id == id),
            _ => None,
        })
        .map_or(id, |s| s.name.as_str())
}
