//! The data each template receives, as types. What these serialize to is exactly what a
//! template can print: `{{session.title}}` is [`SessionView::title`]. docs/templates.md
//! describes every field, and a test holds the guide and these types together.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::model::{
    Adaptation, Attendee, BenefitsModule, Instructor, KangarooCareModule, ModuleHeader, ModuleKind,
    SetupModule, Stroke, StrokesModule,
};

/// What every template gets, whatever the document.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Common<'a> {
    /// The course as a whole.
    pub course: CourseView<'a>,
    /// The course's setup module (its fields are those of the module file), or null when
    /// the course has none.
    pub setup: Option<&'a SetupModule>,
    /// The class list (`class.attendees` in course.yaml); empty when there is none.
    pub attendees: &'a [Attendee],
    /// The days of the week in the course's language, Monday first (from the fixed words).
    pub days: Value,
    /// The family the document is made for (`class.family_files`); left out of the
    /// documents made for the whole class.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<FamilyView<'a>>,
}

/// The family a document is made for: one entry of the class list.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FamilyView<'a> {
    /// The parent's name.
    pub parent: &'a str,
    /// The baby's name.
    pub baby: &'a str,
    /// The language the family's documents are made in.
    pub language: &'a str,
    /// The sessions the family came to, in order (every session when the class list does
    /// not say).
    pub attended: Vec<AttendedSession<'a>>,
    /// How many sessions the course has.
    pub total: usize,
}

/// A session a family came to.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AttendedSession<'a> {
    /// Its number, from 1.
    pub number: usize,
    /// Its title.
    pub title: &'a str,
    /// Its date, written as the document's language writes dates, or null.
    pub date: Option<String>,
}

/// The course, as `course.yaml` gives it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CourseView<'a> {
    /// The course title.
    pub title: &'a str,
    /// The instructor: `name`, and `credential`, `email`, `phone` and `website` when given.
    pub instructor: &'a Instructor,
    /// Where the class meets (`class.place`), or null.
    pub place: Option<&'a str>,
    /// The course's video (`video` in course.yaml), an `https://` address, or null.
    pub video: Option<&'a str>,
}

/// The data of a handout or a checklist: one session.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SessionDocument<'a> {
    #[serde(flatten)]
    pub common: &'a Common<'a>,
    /// The session this document is for.
    pub session: &'a SessionView<'a>,
}

/// The data of the booklet: every session.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BookletDocument<'a> {
    #[serde(flatten)]
    pub common: &'a Common<'a>,
    /// The sessions, in the order they are taught.
    pub sessions: &'a [SessionView<'a>],
}

/// The data of the practice log: a grid for each week.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PracticeLogDocument<'a> {
    #[serde(flatten)]
    pub common: &'a Common<'a>,
    /// The numbers 1 to the number of sessions: one grid each.
    pub weeks: Vec<usize>,
}

/// The data of a family's certificate of completion: the common data, with `family`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CertificateDocument<'a> {
    #[serde(flatten)]
    pub common: &'a Common<'a>,
}

/// One session, as a handout, a checklist and the booklet print it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SessionView<'a> {
    /// Its place in the course, from 1: "session `number` of `total`".
    pub number: usize,
    /// How many sessions the course has.
    pub total: usize,
    /// The session's title, from course.yaml.
    pub title: &'a str,
    /// Its welcome, or null.
    pub intro: Option<&'a str>,
    /// What comes next week, or null.
    pub next: Option<&'a str>,
    /// Its class date (`class.dates`), written as the course's language writes dates, or
    /// null.
    pub date: Option<String>,
    /// The modules taught, in order.
    pub modules: Vec<ModuleView<'a>>,
    /// Every stroke of the session's strokes modules, in order.
    pub strokes: Vec<&'a Stroke>,
    /// The cautions of its strokes and the safety points of its kangaroo care modules,
    /// each once.
    pub safety: Vec<&'a str>,
    /// The safety points that belong to no one stroke (those of its kangaroo care
    /// modules), each once: the safety box, when each stroke prints its own cautions.
    pub general_safety: Vec<&'a str>,
    /// When not to massage, from the setup module, each once.
    pub contraindications: Vec<&'a str>,
    /// The booklet page the session starts on; null everywhere else. Known only once the
    /// booklet is laid out, so it may print a number and never decide what else prints.
    pub page: Option<usize>,
}

/// One module of a session: every field of its module file, `kind` included.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ModuleView<'a> {
    /// The fields of its module file.
    #[serde(flatten)]
    pub fields: ModuleFields<'a>,
    /// The old way to ask the kind, kept so that templates copied before `kind` still
    /// print their modules.
    #[serde(flatten)]
    pub old_flag: OldKindFlag,
}

impl<'a> ModuleView<'a> {
    pub fn new(fields: ModuleFields<'a>) -> Self {
        let old_flag = OldKindFlag(fields.kind());
        ModuleView { fields, old_flag }
    }
}

/// The fields of a module file, by kind.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ModuleFields<'a> {
    Benefits(&'a BenefitsModule),
    KangarooCare(&'a KangarooCareModule),
    Setup(&'a SetupModule),
    Strokes(&'a StrokesModule),
    ToddlerAdaptations(ToddlerAdaptationsView<'a>),
}

impl ModuleFields<'_> {
    fn kind(&self) -> ModuleKind {
        match self {
            ModuleFields::Benefits(_) => ModuleKind::Benefits,
            ModuleFields::KangarooCare(_) => ModuleKind::KangarooCare,
            ModuleFields::Setup(_) => ModuleKind::Setup,
            ModuleFields::Strokes(_) => ModuleKind::Strokes,
            ModuleFields::ToddlerAdaptations(_) => ModuleKind::ToddlerAdaptations,
        }
    }
}

/// A toddler adaptations module, each adaptation with the name of the stroke it adapts.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ToddlerAdaptationsView<'a> {
    #[serde(flatten)]
    pub header: &'a ModuleHeader,
    /// General tips, as in the module file.
    pub tips: &'a [String],
    /// The adapted strokes, as in the module file.
    pub adaptations: Vec<AdaptationView<'a>>,
}

/// One toddler adaptation.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AdaptationView<'a> {
    #[serde(flatten)]
    pub adaptation: &'a Adaptation,
    /// The name of the stroke it adapts (its `stroke` is the stroke's id).
    pub stroke_name: &'a str,
}

/// `is_benefits: true` on a benefits module, and so on for each kind: how templates
/// asked a module's kind before `kind`. Still given, so a template copied then keeps
/// printing its modules; `course validate` warns where one is used (see
/// [`ModuleKind::old_flag`]).
#[derive(Debug, Clone, Copy)]
pub struct OldKindFlag(pub ModuleKind);

impl Serialize for OldKindFlag {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry(&self.0.old_flag(), &true)?;
        map.end()
    }
}

impl JsonSchema for OldKindFlag {
    fn schema_name() -> Cow<'static, str> {
        "OldKindFlag".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let properties: serde_json::Map<String, Value> = ModuleKind::ALL
            .iter()
            .map(|kind| {
                let flag = serde_json::json!({
                    "type": "boolean",
                    "deprecated": true,
                    "description": format!("Old: use `(eq kind \"{}\")`.", kind.name()),
                });
                (kind.old_flag(), flag)
            })
            .collect();
        schemars::json_schema!({ "type": "object", "properties": properties })
    }
}

impl ModuleKind {
    /// The flag templates tested before `kind`: `is_kangaroo_care` for kangaroo care.
    pub fn old_flag(self) -> String {
        format!("is_{}", self.name().replace('-', "_"))
    }

    /// The kind whose old flag is `name`, if it is one.
    pub fn from_old_flag(name: &str) -> Option<ModuleKind> {
        ModuleKind::ALL.into_iter().find(|k| k.old_flag() == name)
    }
}

/// The data as Handlebars reads it, made once per document: every render of it (the
/// booklet's passes, validate's strict look) reads the same value.
pub fn to_value(data: &impl Serialize) -> Value {
    // Plain structs, strings and numbers: nothing here can fail to serialize.
    serde_json::to_value(data).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;

    use super::{BookletDocument, CertificateDocument, PracticeLogDocument, SessionDocument};
    use crate::model::ModuleKind;

    /// Every key of the template data, read off the types: the property names, at every
    /// depth, of the JSON Schema of what each document's data serializes to.
    fn keys_of_the_types() -> BTreeSet<String> {
        let schema = |generator: schemars::SchemaGenerator| {
            [
                generator.clone().into_root_schema_for::<SessionDocument>(),
                generator.clone().into_root_schema_for::<BookletDocument>(),
                generator
                    .clone()
                    .into_root_schema_for::<PracticeLogDocument>(),
                generator.into_root_schema_for::<CertificateDocument>(),
            ]
        };
        let generator = schemars::generate::SchemaSettings::default()
            .for_serialize()
            .into_generator();
        let mut keys = BTreeSet::new();
        for s in schema(generator) {
            property_names(s.as_value(), &mut keys);
        }
        keys
    }

    fn property_names(schema: &Value, keys: &mut BTreeSet<String>) {
        match schema {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    keys.extend(properties.keys().cloned());
                }
                map.values().for_each(|v| property_names(v, keys));
            }
            Value::Array(items) => items.iter().for_each(|v| property_names(v, keys)),
            _ => {}
        }
    }

    /// The part of the guide that describes the data.
    fn data_section() -> &'static str {
        crate::plan::guide_section("The data").expect("the guide has a data section")
    }

    /// The code spans in `text`: `a` and `b` in "`a` and `b`".
    fn code_spans(text: &str) -> Vec<&str> {
        text.split('`').skip(1).step_by(2).collect()
    }

    /// The keys the guide describes: the code spans before the colon of each list item
    /// of its data section that starts with one ("- `number` and `total`: ...").
    fn keys_the_guide_describes() -> BTreeSet<String> {
        data_section()
            .lines()
            .filter_map(|line| line.trim_start().strip_prefix("- "))
            .filter(|item| item.starts_with('`'))
            .flat_map(|item| code_spans(item.split(": ").next().unwrap_or_default()))
            .map(str::to_owned)
            .collect()
    }

    /// docs/templates.md describes every key the templates get, so a field added to the
    /// data without a word for the people who write templates fails here.
    #[test]
    fn the_template_guide_names_every_key_of_the_data() {
        let keys = keys_of_the_types();
        assert!(keys.len() > 60, "{keys:?}");
        let described = keys_the_guide_describes();
        let missing: Vec<&String> = keys.difference(&described).collect();
        assert!(
            missing.is_empty(),
            "docs/templates.md does not describe {missing:?}: add a list item such as \"- `key`: what it is\" to its data section"
        );
    }

    /// And describes no key the data lacks (a renamed or removed field, a typo).
    #[test]
    fn the_template_guide_describes_no_key_the_data_lacks() {
        let keys = keys_of_the_types();
        let described = keys_the_guide_describes();
        assert!(described.len() > 60, "{described:?}");
        let unknown: Vec<&String> = described.difference(&keys).collect();
        assert!(
            unknown.is_empty(),
            "docs/templates.md describes {unknown:?}, which the template data does not have"
        );
    }

    /// The types' schema says what the data really serializes to: every key the sample
    /// course's documents get is one the types declare, and the reverse.
    #[test]
    fn the_sample_data_has_exactly_the_keys_of_the_types() {
        let root = std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/courses/infant-massage"
        ));
        let course = crate::load::load(root).expect("the sample loads");
        let language = &course.course.as_ref().unwrap().value.language;
        let locale = crate::locale::Locale::load(language, root).unwrap();
        let mut seen = BTreeSet::new();
        for doc in super::super::plan(&course, &locale) {
            object_keys(&doc.data, &mut seen);
        }
        for doc in super::super::family_plan(&course, &locale, 0) {
            object_keys(&doc.data, &mut seen);
        }
        // The sample leaves these out: they are exercised by the types alone.
        let optional = ["age_months", "image_width", "image_placement"];
        let keys = keys_of_the_types();
        let undeclared: Vec<&String> = seen.difference(&keys).collect();
        assert!(undeclared.is_empty(), "{undeclared:?}");
        let unseen: Vec<&String> = keys
            .difference(&seen)
            .filter(|k| !optional.contains(&k.as_str()))
            .collect();
        assert!(unseen.is_empty(), "{unseen:?}");
    }

    fn object_keys(value: &Value, keys: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    keys.insert(key.clone());
                    object_keys(inner, keys);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| object_keys(v, keys)),
            _ => {}
        }
    }

    /// A module's `kind` in the data is spelt as in its file, and each old flag names
    /// its kind back.
    #[test]
    fn kinds_are_spelt_as_in_the_files() {
        for kind in ModuleKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.name());
            assert_eq!(ModuleKind::from_old_flag(&kind.old_flag()), Some(kind));
        }
        assert_eq!(ModuleKind::KangarooCare.old_flag(), "is_kangaroo_care");
        assert_eq!(ModuleKind::from_old_flag("is_kangaroo-care"), None);
    }
}
