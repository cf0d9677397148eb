//! Load: read `course.yaml` and `modules/*.yaml`, parse them with locations, check them
//! against the schema and deserialise them. Problems become diagnostics; only a missing
//! course is a usage error.

mod comments;
pub mod gate;
mod indentation;
pub mod label;
mod place;
pub mod salvage;
pub mod schema_check;
mod schema_rules;
pub mod source;
mod syntax;
pub mod translations;
pub mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diagnostic::{Code, Diagnostic, Field, Place};
use crate::field;
use crate::limits::MAX_MODULES;
use crate::model::{CourseFile, Module, ModuleKind};
pub use schema_check::FileSchema;
pub use source::Source;
pub use yaml::Node;

/// A deserialised file with the tree it came from, so later checks can point at lines.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub value: T,
    pub tree: Node,
    pub file: PathBuf,
    /// The fields left out of `value` because they have mistakes (see [`salvage`]);
    /// empty for a file without any.
    pub cut: Vec<Field>,
    /// Required fields whose wrong or missing value has a stand-in in `value`: what
    /// the checks find there is about the stand-in (see [`Course::about_a_stand_in`]).
    pub filled: Vec<Field>,
}

/// A course as read from disk. Files that could not be read are missing here and
/// explained in `diagnostics`.
#[derive(Debug)]
pub struct Course {
    pub root: PathBuf,
    pub sources: Vec<Source>,
    pub course: Option<Loaded<CourseFile>>,
    pub modules: Vec<Loaded<Module>>,
    /// Ids of module files that could not be loaded, so references to them are not
    /// reported a second time.
    pub unloaded_ids: Vec<String>,
    /// More module files than the limit: the rest were not read, so an id that is not
    /// found may well be in one of them and is not reported.
    pub modules_over_limit: bool,
    /// The ids written in parts of files that did not load (a stroke with a mistake),
    /// so references to them are not reported a second time.
    pub unloaded_part_ids: Vec<String>,
    /// Module files that could not be read as YAML at all: what they hold is unknown.
    pub unread_modules: Vec<PathBuf>,
    /// Module files that were read but not loaded, by the `kind` they declare.
    pub unloaded_kinds: Vec<(PathBuf, Option<ModuleKind>)>,
    pub diagnostics: Vec<Diagnostic>,
    /// The translation files of every language the course is translated into, one per
    /// file of the course, read or not (see [`translations`]).
    pub translations: Vec<translations::TranslationFile>,
    /// Whether untranslated and out-of-date texts are errors (`strict_translations` in
    /// course.yaml, or `--strict`).
    pub strict_translations: bool,
    /// The trees of files that parsed but did not load, so that their problems can
    /// still name the items they are in.
    unloaded_trees: Vec<(PathBuf, Node)>,
    /// Files and modules by name: every problem looks up its file, so finding one must
    /// not mean going through them all.
    index: Index,
}

/// Where in a [`Course`] each source, tree and module is. Where two have the same name,
/// the first one read is found.
#[derive(Debug, Default)]
struct Index {
    sources: HashMap<PathBuf, usize>,
    trees: HashMap<PathBuf, TreeOf>,
    modules: HashMap<String, usize>,
}

#[derive(Debug, Clone, Copy)]
enum TreeOf {
    CourseFile,
    Module(usize),
    Unloaded(usize),
    Translation(usize),
}

impl Course {
    pub fn source(&self, file: &Path) -> Option<&Source> {
        self.index.sources.get(file).map(|&i| &self.sources[i])
    }

    pub fn module(&self, id: &str) -> Option<&Loaded<Module>> {
        self.index.modules.get(id).map(|&i| &self.modules[i])
    }

    /// Whether `d` is about a value the file does not have: a stand-in for a wrong or
    /// missing required value, whose mistake is already said.
    pub fn about_a_stand_in(&self, d: &Diagnostic) -> bool {
        let Some(field) = &d.field else { return false };
        let filled = match self.index.trees.get(&d.file) {
            Some(TreeOf::CourseFile) => self.course.as_ref().map(|c| &c.filled),
            Some(TreeOf::Module(i)) => Some(&self.modules[*i].filled),
            _ => None,
        };
        filled
            .into_iter()
            .flatten()
            .any(|f| field.segments().starts_with(f.segments()))
    }

    /// The parsed tree of `file`, whether or not the file loaded.
    pub fn tree(&self, file: &Path) -> Option<&Node> {
        Some(match *self.index.trees.get(file)? {
            TreeOf::CourseFile => &self.course.as_ref()?.tree,
            TreeOf::Module(i) => &self.modules[i].tree,
            TreeOf::Unloaded(i) => &self.unloaded_trees[i].1,
            TreeOf::Translation(i) => self.translations[i].tree.as_ref()?,
        })
    }

    /// Builds the index once everything is read.
    fn indexed(mut self) -> Course {
        let mut index = Index::default();
        for (i, source) in self.sources.iter().enumerate() {
            index.sources.entry(source.name.clone()).or_insert(i);
        }
        let trees = (self.course.iter().map(|c| (&c.file, TreeOf::CourseFile)))
            .chain(
                self.modules
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (&m.file, TreeOf::Module(i))),
            )
            .chain(
                self.unloaded_trees
                    .iter()
                    .enumerate()
                    .map(|(i, (file, _))| (file, TreeOf::Unloaded(i))),
            )
            .chain(
                self.translations
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (&t.file, TreeOf::Translation(i))),
            );
        for (file, at) in trees {
            index.trees.entry(file.clone()).or_insert(at);
        }
        for (i, module) in self.modules.iter().enumerate() {
            index
                .modules
                .entry(module.value.id().to_owned())
                .or_insert(i);
        }
        self.index = index;
        self
    }
}

/// Why there is no course to read at all (exit status 2).
#[derive(Debug)]
pub struct NotACourse {
    pub message: String,
    pub hint: String,
}

pub const COURSE_FILE: &str = "course.yaml";
pub const MODULES_DIR: &str = "modules";

/// Whether `root` is a folder at all: said first, before anything in it or beside it.
pub fn folder(root: &Path) -> Result<(), NotACourse> {
    if root.is_dir() {
        return Ok(());
    }
    Err(NotACourse {
        message: format!("there is no folder `{}`", root.display()),
        hint: "give the folder that holds `course.yaml`, or create a new course with `course init`"
            .into(),
    })
}

/// Loads the course in `root`.
pub fn load(root: &Path) -> Result<Course, NotACourse> {
    folder(root)?;
    // Anything by that name is read through the gate, which says what is wrong with it.
    if root.join(COURSE_FILE).symlink_metadata().is_err() {
        return Err(NotACourse {
            message: format!("there is no `{COURSE_FILE}` in {}", folder_in_words(root)),
            hint: "run this in a course folder, give the folder as an argument, or create a new course with `course init`".into(),
        });
    }
    let mut course = Course {
        root: root.to_owned(),
        sources: Vec::new(),
        course: None,
        modules: Vec::new(),
        unloaded_ids: Vec::new(),
        modules_over_limit: false,
        unloaded_part_ids: Vec::new(),
        unread_modules: Vec::new(),
        unloaded_kinds: Vec::new(),
        diagnostics: Vec::new(),
        translations: Vec::new(),
        strict_translations: false,
        unloaded_trees: Vec::new(),
        index: Index::default(),
    };
    course.course = read_file(&mut course, Path::new(COURSE_FILE), |_| {
        Ok(FileSchema::Course)
    })
    .and_then(|(checked, source)| typed::<CourseFile>(&mut course, checked, &source));

    let files = module_files(root, &mut course.diagnostics);
    course.modules_over_limit = files.len() == MAX_MODULES
        && course
            .diagnostics
            .iter()
            .any(|d| d.file == Path::new(MODULES_DIR));
    let parsed: Vec<_> = {
        use rayon::prelude::*;
        files
            .par_iter()
            .map(|name| parse_module(root, name))
            .collect()
    };
    for ((source, result), name) in parsed.into_iter().zip(&files) {
        match result {
            Ok((module, mut problems)) => {
                course
                    .unloaded_part_ids
                    .extend(salvage::ids_cut(&module.tree, &module.cut));
                course.diagnostics.append(&mut problems);
                course.modules.push(module)
            }
            Err((tree, mut diagnostics)) => {
                match &tree {
                    Some(tree) => {
                        salvage::ids_in(tree, &mut course.unloaded_part_ids);
                        let kind = module_kind(tree, name).ok();
                        course.unloaded_kinds.push((name.clone(), kind));
                    }
                    None => course.unread_modules.push(name.clone()),
                }
                course
                    .unloaded_trees
                    .extend(tree.map(|tree| (name.clone(), tree)));
                // A file that cannot be read still has the id it declares (read
                // leniently) and its name: references to either are not errors too.
                let text = match &source {
                    Some(source) => Some(source.text.clone()),
                    // Never through a link out of the course, even to read an id.
                    None => crate::paths::inside_course(root, &name.to_string_lossy())
                        .ok()
                        .and_then(|path| gate::read_file(&path, crate::limits::MAX_FILE_BYTES).ok())
                        .map(|bytes| lenient_text(&bytes)),
                };
                course
                    .unloaded_ids
                    .extend(text.as_deref().and_then(declared_id));
                // The stroke ids it declares, read as leniently: references to them
                // are not errors either.
                if course.unread_modules.last() == Some(name) {
                    course
                        .unloaded_part_ids
                        .extend(text.as_deref().map(declared_ids).unwrap_or_default());
                }
                course.unloaded_ids.extend(
                    name.file_stem()
                        .map(|stem| stem.to_string_lossy().into_owned()),
                );
                course.diagnostics.append(&mut diagnostics)
            }
        }
        if let Some(source) = source {
            course.sources.push(source);
        }
    }
    translations::read(&mut course);
    Ok(course.indexed())
}

fn module_files(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let dir = root.join(MODULES_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        diagnostics.push(Diagnostic::error(Code::NoModulesFolder, MODULES_DIR, "there is no `modules` folder").hint("put each module in its own file in `modules/`, for example `modules/leg-strokes.yaml`"));
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .map(PathBuf::from)
        .filter(|name| {
            matches!(
                name.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml")
            )
        })
        .map(|name| Path::new(MODULES_DIR).join(name))
        .collect();
    files.sort();
    if files.len() > MAX_MODULES {
        diagnostics.push(
            Diagnostic::error(
                Code::TooManyModules,
                MODULES_DIR,
                format!(
                    "there are {} module files; a course may have at most {MAX_MODULES}",
                    files.len()
                ),
            )
            .hint("split the material into several courses"),
        );
        files.truncate(MAX_MODULES);
    }
    files
}

fn read_file(
    course: &mut Course,
    name: &Path,
    schema: impl Fn(&Node) -> Result<FileSchema, Diagnostic>,
) -> Option<(Checked, Source)> {
    let (source, result) = read_and_check(&course.root, name, schema);
    if let Some(source) = &source {
        course.sources.push(source.clone());
    }
    match result {
        Ok(checked) => source.map(|s| (checked, s)),
        Err((tree, mut d)) => {
            course
                .unloaded_trees
                .extend(tree.map(|tree| (name.to_owned(), tree)));
            course.diagnostics.append(&mut d);
            None
        }
    }
}

/// What went wrong with a file: its tree if it parsed, and the problems.
type Unloaded = (Option<Node>, Vec<Diagnostic>);

/// A file that parsed and is (at least partly) of the right shape.
struct Checked {
    tree: Node,
    /// The parts without mistakes, when the file has some.
    salvaged: Option<salvage::Salvaged>,
    /// Its shape mistakes.
    problems: Vec<Diagnostic>,
}

/// Reads, parses and schema-checks one file.
fn read_and_check(
    root: &Path,
    name: &Path,
    schema: impl Fn(&Node) -> Result<FileSchema, Diagnostic>,
) -> (Option<Source>, Result<Checked, Unloaded>) {
    let source = match Source::read(root, name) {
        Ok(source) => source,
        Err(d) => return (None, Err((None, vec![d]))),
    };
    if let Some(d) = source.forbidden_character() {
        return (Some(source), Err((None, vec![d])));
    }
    let tree = match yaml::parse(&source) {
        Ok(tree) => tree,
        Err(d) => return (Some(source), Err((None, vec![d]))),
    };
    if !matches!(tree.value, yaml::Value::Map(_)) {
        let d = Diagnostic::error(
            Code::NotFields,
            Place::in_text(name, tree.at),
            "this file should be a list of fields such as `title: ...`, one per line",
        )
        .hint("start the file with `kind:`, `id:` and `title:` lines");
        return (Some(source), Err((Some(tree), vec![d])));
    }
    let which = match schema(&tree) {
        Ok(which) => which,
        Err(d) => return (Some(source), Err((Some(tree), vec![d]))),
    };
    let mut problems = schema_check::check(which, &tree, name);
    let mistakes = problems.len();
    problems.extend(comments::check(&source, &tree));
    if mistakes == 0 {
        let checked = Checked {
            tree,
            salvaged: None,
            problems,
        };
        return (Some(source), Ok(checked));
    }
    match salvage::salvage(which, &tree, name, mistakes) {
        Some(salvaged) => {
            let checked = Checked {
                tree,
                salvaged: Some(salvaged),
                problems,
            };
            (Some(source), Ok(checked))
        }
        None => (Some(source), Err((Some(tree), problems))),
    }
}

/// The typed value of a checked file: read from its text, or from the parts without
/// mistakes. The problems go with it, or, where nothing could be read, the tree.
fn read_typed<T: DeserializeOwned>(
    checked: Checked,
    source: &Source,
) -> Result<(Loaded<T>, Vec<Diagnostic>), Unloaded> {
    let Checked {
        tree,
        salvaged,
        mut problems,
    } = checked;
    let (cut, filled) = salvaged
        .as_ref()
        .map(|s| (s.cut.clone(), s.filled.clone()))
        .unwrap_or_default();
    let value = match &salvaged {
        Some(s) => salvage::deserialize(&s.tree).ok_or(None),
        // serde_yaml does not know merge keys (`<<: *name`): the tree has them merged.
        None if source.text.contains("<<") => salvage::deserialize(&tree)
            .ok_or(None)
            .or_else(|_: Option<Diagnostic>| deserialize(source).map_err(Some)),
        None => deserialize(source).map_err(Some),
    };
    match value {
        Ok(value) => Ok((
            Loaded {
                value,
                tree,
                file: source.name.clone(),
                cut,
                filled,
            },
            problems,
        )),
        Err(d) => {
            problems.extend(d);
            Err((Some(tree), problems))
        }
    }
}

/// A module with the problems found in it.
type ModuleRead = (Loaded<Module>, Vec<Diagnostic>);

fn parse_module(root: &Path, name: &Path) -> (Option<Source>, Result<ModuleRead, Unloaded>) {
    let (source, checked) = read_and_check(root, name, |tree| {
        module_kind(tree, name).map(FileSchema::Module)
    });
    let checked = match checked {
        Ok(checked) => checked,
        Err(unloaded) => return (source, Err(unloaded)),
    };
    let source = source.expect("a checked file has a source");
    let kind = module_kind(&checked.tree, name).expect("checked above");
    fn into<T: DeserializeOwned>(
        checked: Checked,
        source: &Source,
        wrap: fn(T) -> Module,
    ) -> Result<ModuleRead, Unloaded> {
        read_typed(checked, source).map(|(l, p)| {
            let module = Loaded {
                value: wrap(l.value),
                tree: l.tree,
                file: l.file,
                cut: l.cut,
                filled: l.filled,
            };
            (module, p)
        })
    }
    let result = match kind {
        ModuleKind::Benefits => into(checked, &source, Module::Benefits),
        ModuleKind::KangarooCare => into(checked, &source, Module::KangarooCare),
        ModuleKind::Setup => into(checked, &source, Module::Setup),
        ModuleKind::Strokes => into(checked, &source, Module::Strokes),
        ModuleKind::ToddlerAdaptations => into(checked, &source, Module::ToddlerAdaptations),
    };
    (Some(source), result)
}

/// The `kind` of a module file, or why it has none.
fn module_kind(tree: &Node, name: &Path) -> Result<ModuleKind, Diagnostic> {
    let names: Vec<&str> = ModuleKind::ALL.iter().map(|k| k.name()).collect();
    let Some(value) = tree.get("kind") else {
        return Err(Diagnostic::error(
            Code::MissingKind,
            tree.key_place(name, field!["kind"]),
            "`kind` is missing: every module says what kind it is",
        )
        .hint(format!(
            "add a first line such as `kind: strokes`; the kinds are {}",
            names.join(", ")
        )));
    };
    let Some(text) = value.as_str() else {
        return Err(Diagnostic::error(
            Code::UnknownKind,
            tree.place(name, field!["kind"]),
            "`kind` should be one word, such as `strokes`",
        )
        .hint(format!("the kinds are {}", names.join(", "))));
    };
    ModuleKind::from_name(text).ok_or_else(|| {
        let hint = crate::suggest::hint_for(text, names.iter().copied(), || {
            format!("the kinds are {}", names.join(", "))
        });
        // An empty `kind:` has no text to point at: its key is pointed at.
        let place = if value.is_null() {
            tree.key_place(name, field!["kind"])
        } else {
            tree.place(name, field!["kind"])
        };
        Diagnostic::error(
            Code::UnknownKind,
            place,
            format!("`{text}` is not a kind of module"),
        )
        .hint(hint)
    })
}

fn typed<T: DeserializeOwned>(
    course: &mut Course,
    checked: Checked,
    source: &Source,
) -> Option<Loaded<T>> {
    match read_typed(checked, source) {
        Ok((loaded, mut problems)) => {
            course.diagnostics.append(&mut problems);
            Some(loaded)
        }
        Err((tree, mut problems)) => {
            course
                .unloaded_trees
                .extend(tree.map(|tree| (source.name.clone(), tree)));
            course.diagnostics.append(&mut problems);
            None
        }
    }
}

/// serde_yaml turns the checked text into typed values. The schema check has already
/// explained anything it could object to; this is a backstop that keeps its location and
/// field, but not serde's wording ("invalid value: integer, expected u32").
fn deserialize<T: DeserializeOwned>(source: &Source) -> Result<T, Diagnostic> {
    serde_yaml::from_str(&source.text).map_err(|e| {
        let at = e.location().map(|l| source.location(l.index(), 1));
        let message = e.to_string();
        let field = message
            .split_once(": ")
            .map(|(path, _)| path)
            .filter(|path| !path.contains(' '))
            .unwrap_or_default();
        let place = Place::new(&source.name, at, Field::parse(field));
        Diagnostic::error(Code::ValueUnusable, place, "this value cannot be used here")
            .hint("compare it with the same field in the sample course; numbers are whole numbers without units or quotes")
    })
}

/// Text from bytes that are not UTF-8: UTF-16 or UTF-32 by their zero bytes, else
/// Latin-1. Only for finding a broken file's id; never shown.
fn lenient_text(bytes: &[u8]) -> String {
    let zeros = |k: usize, of: usize| {
        bytes
            .iter()
            .skip(k)
            .step_by(of)
            .filter(|&&b| b == 0)
            .count()
    };
    let n = bytes.len();
    // UTF-32 has two zero bytes of every four where UTF-16 has one.
    if n >= 8 && zeros(1, 4) + zeros(2, 4) >= n / 2 {
        let be = zeros(0, 4) > zeros(3, 4);
        bytes
            .chunks_exact(4)
            .map(|c| {
                let c: [u8; 4] = c.try_into().unwrap_or_default();
                if be {
                    u32::from_be_bytes(c)
                } else {
                    u32::from_le_bytes(c)
                }
            })
            .filter_map(char::from_u32)
            .collect()
    } else if n >= 4 && (zeros(0, 2) >= n / 4 || zeros(1, 2) >= n / 4) {
        let be = zeros(0, 2) > zeros(1, 2);
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| {
                if be {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

/// The `id:` a module file declares, read leniently (the file may not parse).
fn declared_id(text: &str) -> Option<String> {
    text.lines()
        .find_map(|line| line.strip_prefix("id:"))
        .map(|v| v.trim().trim_matches(['"', '\'']).to_owned())
        .filter(|id| !id.is_empty())
}

/// Every `id:` a file declares, read leniently (the file does not parse).
fn declared_ids(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim_start().trim_start_matches("- ");
            line.strip_prefix("id:")
        })
        .map(|v| v.trim().trim_matches(['"', '\'']).to_owned())
        .filter(|id| !id.is_empty())
        .collect()
}

/// A folder as a message names it: "this folder" for the one the user is in.
pub fn folder_in_words(dir: &Path) -> String {
    if dir == Path::new(".") {
        "this folder".to_owned()
    } else {
        format!("`{}`", dir.display())
    }
}
