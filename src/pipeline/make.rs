//! Making the documents: check, plan, render what changed (PDFs, HTML pages or both), and
//! put each file in place with a build record that proves which files are the build's own.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize};
use std::sync::Arc;

use super::manifest::{Entry, Manifest, Settled, MANIFEST_FILE};
use super::output::{self, Occupant, Output};
use super::{Document, Failure, Formats, Options, Outcome, Progress, Stamp, Status};
use crate::diagnostic::{Code, Diagnostic};
use crate::fonts::FontSet;
use crate::load::Course;
use crate::plan::{DocumentKind, PlannedDocument};
use crate::render::{Contents, Prepared, Renderer};
use crate::write::Folder;

/// Checks `course`, then makes the documents whose inputs changed since the last build
/// into `output`. With any error in the course nothing is written; a build stopped by a
/// failure leaves every PDF it had not yet put in place as it was.
pub fn build(
    course: &Course,
    stamp: Option<Stamp>,
    output: &Output,
    options: &Options,
    progress: &dyn Progress,
) -> Result<Outcome, Failure> {
    let fonts = super::course_fonts(course)?;
    let validated = crate::validate::validate(course, &fonts);
    let warnings = validated.diagnostics;
    if warnings.iter().any(Diagnostic::is_error) {
        return Err(warnings.into());
    }
    // A system font can change with the course as it was: no stamp vouches for it; nor
    // for the documents of translations and families, which the record of this folder
    // does not list.
    let settles = warnings.is_empty()
        && !fonts.from_system
        && course.translations.is_empty()
        && families(course).is_none();
    let pages = Arc::new(AtomicUsize::new(0));
    let bytes = Arc::new(AtomicU64::new(0));
    let (mut renderer, documents) = Renderer::prepared(course, fonts.clone(), validated.prepared)?;
    renderer.source_date_epoch = source_date_epoch();
    // Every build starts its booklets from where their contents settled last time: in
    // `watch`'s memory, or in each output folder's record.
    renderer.contents_memory = Some(options.contents_memory.clone().unwrap_or_default());
    renderer.build_pages = Some(pages.clone());
    renderer.build_bytes = Some(bytes.clone());
    let stamp = stamp.filter(|_| settles);
    let mut outcome = make(&renderer, &documents, stamp, output, options, progress)?;
    outcome.warnings = warnings;
    // Every language's course once, and its renderer (fixed words, templates), shared by
    // its translated documents and every family that reads it.
    let translated: Vec<(&str, Course)> = translated_languages(course)
        .into_iter()
        .filter_map(|language| Some((language, course.translated(language)?)))
        .collect();
    let mut renderers = Vec::new();
    for (language, translated) in &translated {
        let mut renderer = Renderer::new(translated, fonts.clone())?;
        renderer.source_date_epoch = source_date_epoch();
        renderer.contents_memory = Some(Default::default());
        renderer.build_pages = Some(pages.clone());
        renderer.build_bytes = Some(bytes.clone());
        renderers.push((*language, renderer));
    }
    for (language, renderer) in &renderers {
        let documents = parents_documents(renderer.course(), renderer);
        let folder = output.translation(language);
        let made = make(renderer, &documents, None, &folder, options, progress);
        gather(&mut outcome, made, language)?;
    }
    let Some(families) = families(course) else {
        sweep_families(output, &[], &mut outcome);
        return Ok(outcome);
    };
    // The course's own language: a renderer of its own, as the one above holds the
    // Markdown validate made of the class's documents, by their names.
    let mut own = Renderer::new(course, fonts)?;
    own.source_date_epoch = source_date_epoch();
    own.contents_memory = Some(Default::default());
    own.build_pages = Some(pages);
    own.build_bytes = Some(bytes);
    for family in &families {
        let renderer = renderers
            .iter()
            .find(|(l, _)| *l == family.language)
            .map_or(&own, |(_, r)| r);
        let documents = crate::plan::family_plan(renderer.course(), &renderer.locale, family.index);
        let folder = output.family(&family.folder);
        let made = make(renderer, &documents, None, &folder, options, progress);
        gather(
            &mut outcome,
            made,
            &format!("{}/{}", super::output::FAMILIES_DIR, family.folder),
        )?;
    }
    let names: Vec<String> = families.into_iter().map(|f| f.folder).collect();
    sweep_families(output, &names, &mut outcome);
    Ok(outcome)
}

/// Adds what a build made in the folder `inner` of the output folder to `outcome`, each
/// name prefixed with it; or the failure, with every file put in place so far.
fn gather(
    outcome: &mut Outcome,
    made: Result<Outcome, Failure>,
    inner: &str,
) -> Result<(), Failure> {
    let prefixed = |name: &str| format!("{inner}/{name}");
    match made {
        Ok(made) => {
            outcome
                .documents
                .extend(made.documents.into_iter().map(|d| Document {
                    name: prefixed(&d.name),
                    ..d
                }));
            outcome
                .removed
                .extend(made.removed.iter().map(|n| prefixed(n)));
            Ok(())
        }
        Err(mut failure) => {
            let mut written: Vec<Document> = outcome.written().cloned().collect();
            written.extend(failure.written.into_iter().map(|d| Document {
                name: prefixed(&d.name),
                ..d
            }));
            failure.written = written;
            Err(failure)
        }
    }
}

/// One family the build makes documents for.
struct Family {
    /// Its place on the class list, from 0.
    index: usize,
    /// Its folder in `families/`.
    folder: String,
    /// The language of its documents.
    language: String,
}

/// The families of a course that sets `class.family_files`, in the order of its list.
fn families(course: &Course) -> Option<Vec<Family>> {
    let c = &course.course.as_ref()?.value;
    let class = c.class.as_ref()?;
    let pattern = class.family_files.as_deref()?;
    let names = crate::model::family::folder_names(pattern, &class.attendees);
    Some(
        class
            .attendees
            .iter()
            .zip(names)
            .enumerate()
            .map(|(index, (a, folder))| Family {
                index,
                folder,
                language: a.language.clone().unwrap_or_else(|| c.language.clone()),
            })
            .collect(),
    )
}

/// Removes what earlier builds wrote for families no longer on the list (or for every
/// family, when the course makes no family documents now): only the files their
/// records prove, then their folders if left empty.
fn sweep_families(output: &Output, keep: &[String], outcome: &mut Outcome) {
    let Ok(top) = output.open() else { return };
    let Some(families) = top.existing_own_folder(super::output::FAMILIES_DIR) else {
        return;
    };
    let path = output.path.join(super::output::FAMILIES_DIR);
    let cleaned = super::output::clean_families(&families, &path, keep);
    outcome.removed.extend(
        cleaned
            .removed
            .into_iter()
            .map(|n| format!("{}/{n}", super::output::FAMILIES_DIR)),
    );
    drop(families);
    top.remove_empty_folder(super::output::FAMILIES_DIR);
}

/// The languages the course's parents' documents are also made in.
fn translated_languages(course: &Course) -> Vec<&str> {
    course
        .course
        .as_ref()
        .map(|c| crate::load::translations::languages(&c.value))
        .unwrap_or_default()
}

/// The documents of a translated course: the parents', as the plan makes them; the
/// instructor's checklists stay in the course's own language.
fn parents_documents(translated: &Course, renderer: &Renderer<'_>) -> Vec<PlannedDocument> {
    crate::plan::plan(translated, &renderer.locale)
        .into_iter()
        .filter(|d| d.kind != DocumentKind::Checklist)
        .collect()
}

/// Makes the documents whose inputs changed since the last build into `output`, and
/// records what it made there (settled by `stamp`, when given).
fn make(
    renderer: &Renderer<'_>,
    documents: &[PlannedDocument],
    stamp: Option<Stamp>,
    output: &Output,
    options: &Options,
    progress: &dyn Progress,
) -> Result<Outcome, Failure> {
    let products = Product::all(renderer, documents, options.formats);
    let folder = output.open()?;
    let _lock =
        output::lock(&folder, || progress.waiting()).map_err(|e| cannot_lock(output, &e))?;
    let old = Manifest::read(&output.path).map_err(|why| blocked(output, why))?;
    refuse_foreign_files(&products, &old, output, options.overwrite)?;
    // The documents of this folder start from where their contents settled last time.
    if let Some(memory) = &renderer.contents_memory {
        for (name, entry) in &old.files {
            if let Some(contents) = &entry.contents {
                memory.keep(name, contents.clone());
            }
        }
    }

    let work = Work::find(renderer, &products, &old, options.force);
    work.announce(&folder, &old)?;
    progress.rendering(work.todo.len());
    let made = work
        .render(renderer, &folder, output, progress)
        .inspect_err(|_| {
            work.discard(&folder);
            let _ = old.clone_entries().write(&folder);
        })?;
    let mut manifest = work.manifest(&products, made, &old, documents);
    let outcome = put_in_place(&folder, &work, &products, &manifest, &old, options)?;
    manifest.settled = stamp.map(|stamp| Settled {
        stamp: stamp.0,
        documents: outcome.names(),
    });
    manifest.write(&folder).map_err(|e| Failure {
        diagnostics: vec![e.diagnostic()],
        written: outcome.written().cloned().collect(),
    })?;
    Ok(outcome)
}

/// One file a build makes: a document of the plan as a PDF or as an HTML page, or the
/// index page that lists the pages.
struct Product<'d> {
    name: String,
    made: Made<'d>,
}

enum Made<'d> {
    Pdf(&'d PlannedDocument),
    Page(&'d PlannedDocument),
    /// Made as soon as the plan is known: it is small, and its bytes are its fingerprint.
    Index(Vec<u8>),
}

impl<'d> Product<'d> {
    /// The files of `documents` in `formats`, PDFs first, each kind in plan order.
    fn all(
        renderer: &Renderer<'_>,
        documents: &'d [PlannedDocument],
        formats: Formats,
    ) -> Vec<Product<'d>> {
        let mut products = Vec::new();
        if formats.pdf() {
            products.extend(documents.iter().map(|d| Product {
                name: d.file_name.clone(),
                made: Made::Pdf(d),
            }));
        }
        if formats.html() {
            products.extend(documents.iter().map(|d| Product {
                name: crate::html::page_name(&d.file_name),
                made: Made::Page(d),
            }));
            let index = crate::html::index(renderer, documents, formats.pdf());
            products.push(Product {
                name: index.file_name,
                made: Made::Index(index.bytes),
            });
        }
        products
    }

    fn fingerprint(&self, renderer: &Renderer<'_>, shared: &str) -> String {
        match &self.made {
            Made::Pdf(doc) => renderer.fingerprint(doc, shared),
            Made::Page(doc) => renderer.fingerprint(doc, &format!("{shared} html")),
            Made::Index(bytes) => output::content_hash(bytes),
        }
    }
}

/// What a build has to make: every file's fingerprint, the files whose fingerprint the
/// last build did not record (the booklet's PDF first), and the temporary file each of
/// those is written to.
struct Work<'p, 'd> {
    fingerprints: Vec<String>,
    todo: Vec<&'p Product<'d>>,
    partials: HashMap<&'p str, String>,
}

impl<'p, 'd> Work<'p, 'd> {
    fn find(
        renderer: &Renderer<'_>,
        products: &'p [Product<'d>],
        old: &Manifest,
        force: bool,
    ) -> Work<'p, 'd> {
        let shared = renderer.shared_fingerprint();
        let fingerprints: Vec<String> = products
            .iter()
            .map(|p| p.fingerprint(renderer, &shared))
            .collect();
        let mut todo: Vec<&Product> = products
            .iter()
            .zip(&fingerprints)
            .filter(|(p, f)| force || !old.is_current(&p.name, f))
            .map(|(p, _)| p)
            .collect();
        // The booklet, the longest by far, first: started last, it would run alone at
        // the end.
        todo.sort_by_key(|p| !matches!(p.made, Made::Pdf(d) if d.kind == DocumentKind::Booklet));
        let partials = todo
            .iter()
            .map(|p| (p.name.as_str(), crate::write::temporary_name(&p.name)))
            .collect();
        Work {
            fingerprints,
            todo,
            partials,
        }
    }

    /// Clears what an earlier, stopped build left and records the temporary names before
    /// any is made, so a build killed while writing leaves nothing the next one does not
    /// know to be its own. Only files a record names are removed, never the user's.
    fn announce(&self, folder: &Folder, old: &Manifest) -> Result<(), Diagnostic> {
        for partial in &old.partials {
            folder.discard_partial(partial);
        }
        folder.discard_partials_of(MANIFEST_FILE);
        let mut record = old.clone_entries();
        record.partials = self.partials.values().cloned().collect();
        record.write(folder).map_err(|e| e.diagnostic())
    }

    /// Makes each file to do into its temporary file as soon as it is made; none is held
    /// in memory. What each became, by file name.
    fn render(
        &self,
        renderer: &Renderer<'_>,
        folder: &Folder,
        output: &Output,
        progress: &dyn Progress,
    ) -> Result<HashMap<String, Entry>, Vec<Diagnostic>> {
        let syncer = crate::write::Syncer::start();
        // Said of the file, not of its temporary name.
        let keep = |name: &str,
                    bytes: &[u8],
                    pages: usize,
                    contents: Option<Contents>|
         -> Result<(String, Entry), Diagnostic> {
            let problem = |e: crate::write::WriteError| {
                let mut d = e.diagnostic();
                d.file = output.shown(name);
                d
            };
            let mut file = folder.start(&self.partials[name]).map_err(problem)?;
            file.write(bytes).map_err(problem)?;
            file.keep_syncing(&syncer, name).map_err(problem)?;
            Ok((
                name.to_owned(),
                Entry {
                    fingerprint: String::new(),
                    hash: output::content_hash(bytes),
                    previous: None,
                    bytes: bytes.len() as u64,
                    pages,
                    contents,
                },
            ))
        };
        let pdfs: Vec<&PlannedDocument> = self
            .todo
            .iter()
            .filter_map(|p| match p.made {
                Made::Pdf(doc) => Some(doc),
                _ => None,
            })
            .collect();
        let mut made = crate::render::batch::render_all(
            renderer,
            &pdfs,
            &|doc, pdf| keep(&doc.file_name, &pdf.bytes, pdf.pages, pdf.contents),
            &|| progress.rendered(),
        )?;
        let pages: Vec<&PlannedDocument> = self
            .todo
            .iter()
            .filter_map(|p| match p.made {
                Made::Page(doc) => Some(doc),
                _ => None,
            })
            .collect();
        made.extend(crate::render::batch::make_all(
            renderer,
            &pages,
            &|doc| crate::html::page(renderer, doc),
            &|doc, page| {
                keep(
                    &crate::html::page_name(&doc.file_name),
                    &page.bytes,
                    0,
                    None,
                )
            },
            &|| progress.rendered(),
        )?);
        for product in &self.todo {
            if let Made::Index(bytes) = &product.made {
                made.push(keep(&product.name, bytes, 0, None).map_err(|d| vec![d])?);
                progress.rendered();
            }
        }
        // Nothing is renamed into place before every file is whole on disk.
        syncer.wait().map_err(|(name, e)| {
            let mut d = e.diagnostic();
            d.file = output.shown(&name);
            vec![d]
        })?;
        Ok(made.into_iter().collect())
    }

    fn discard(&self, folder: &Folder) {
        for partial in self.partials.values() {
            folder.discard_partial(partial);
        }
    }

    /// The record of this build: what it made, what it kept from the last one, and the
    /// files of the other format an earlier build made of documents still in the plan
    /// (a build of pages leaves the PDFs as they are, and the other way round).
    fn manifest(
        &self,
        products: &[Product<'_>],
        mut made: HashMap<String, Entry>,
        old: &Manifest,
        documents: &[PlannedDocument],
    ) -> Manifest {
        let mut manifest = Manifest::default();
        for (product, fingerprint) in products.iter().zip(&self.fingerprints) {
            let entry = match made.remove(&product.name) {
                Some(entry) => Entry {
                    fingerprint: fingerprint.clone(),
                    ..entry
                },
                None => old.files[&product.name].clone(),
            };
            manifest.files.insert(product.name.clone(), entry);
        }
        let planned = |name: &str| {
            name == crate::html::INDEX
                || documents
                    .iter()
                    .any(|d| d.file_name == name || crate::html::page_name(&d.file_name) == name)
        };
        for (name, entry) in &old.files {
            if !manifest.files.contains_key(name) && planned(name) && old.proves(name) {
                manifest.files.insert(name.clone(), entry.clone());
            }
        }
        manifest
    }
}

/// Renames each made file into place, recording first what is about to happen beside
/// what was there, so a build killed while renaming leaves every file provably its
/// own; then removes the files an earlier build wrote that the course no longer makes
/// (only files the old record proves to be ours).
fn put_in_place(
    folder: &Folder,
    work: &Work<'_, '_>,
    products: &[Product<'_>],
    manifest: &Manifest,
    old: &Manifest,
    options: &Options,
) -> Result<Outcome, Failure> {
    let mut during = in_between(manifest, old);
    during.partials = work.partials.values().cloned().collect();
    during.write(folder).map_err(|e| e.diagnostic())?;

    let mut outcome = Outcome::default();
    let ours = |_: &Folder, name: &str| old.proves(name) || options.overwrite;
    for product in products {
        let entry = &manifest.files[&product.name];
        let status = match work.partials.get(product.name.as_str()) {
            Some(partial) => {
                if let Err(e) = folder.rename_partial(partial, &product.name, &ours) {
                    work.discard(folder);
                    return Err(Failure {
                        diagnostics: vec![e.diagnostic()],
                        written: outcome.written().cloned().collect(),
                    });
                }
                Status::Written
            }
            None => Status::Unchanged,
        };
        outcome.documents.push(Document {
            name: product.name.clone(),
            status,
            pages: entry.pages,
            bytes: entry.bytes,
        });
    }
    for stale in old
        .files
        .keys()
        .filter(|n| !manifest.files.contains_key(*n))
    {
        if folder.remove(stale, &|_: &Folder, n: &str| old.proves(n)) {
            outcome.removed.push(stale.clone());
        }
    }
    Ok(outcome)
}

/// The record kept while PDFs are renamed into place: the new entries, each with the
/// hash of the file it replaces when that was the build's own, and the old entries the
/// new plan no longer has.
fn in_between(new: &Manifest, old: &Manifest) -> Manifest {
    let mut during = Manifest::default();
    for (name, entry) in &new.files {
        let mut entry = entry.clone();
        entry.previous = old
            .files
            .get(name)
            .filter(|_| old.proves(name))
            .map(|e| e.hash.clone());
        during.files.insert(name.clone(), entry);
    }
    for (name, entry) in &old.files {
        if !during.files.contains_key(name) && old.proves(name) {
            during.files.insert(name.clone(), entry.clone());
        }
    }
    during
}

/// Every document made as `build` makes it, on the same path with the same data and
/// budgets, page numbers included, and then dropped.
pub(super) fn render_without_writing(
    course: &Course,
    fonts: FontSet,
    prepared: Option<Prepared>,
) -> Vec<Diagnostic> {
    let (renderer, documents) = match Renderer::prepared(course, fonts, prepared) {
        Ok(made) => made,
        Err(d) => return vec![d],
    };
    let mut all: Vec<&PlannedDocument> = documents.iter().collect();
    // As in a build: the booklet first, so it does not run alone at the end.
    all.sort_by_key(|d| d.kind != DocumentKind::Booklet);
    crate::render::batch::render_all(&renderer, &all, &|_, _| Ok(()), &|| {})
        .err()
        .unwrap_or_default()
}

/// Every translation's documents made as `build` makes them, and dropped.
pub(super) fn render_translations_without_writing(
    course: &Course,
    fonts: &FontSet,
) -> Vec<Diagnostic> {
    let pages = Arc::new(AtomicUsize::new(0));
    for language in translated_languages(course) {
        let Some(translated) = course.translated(language) else {
            continue;
        };
        let mut renderer = match Renderer::new(&translated, fonts.clone()) {
            Ok(renderer) => renderer,
            Err(d) => return vec![d],
        };
        renderer.build_pages = Some(pages.clone());
        let documents = parents_documents(&translated, &renderer);
        let mut all: Vec<&PlannedDocument> = documents.iter().collect();
        all.sort_by_key(|d| d.kind != DocumentKind::Booklet);
        if let Err(found) =
            crate::render::batch::render_all(&renderer, &all, &|_, _| Ok(()), &|| {})
        {
            return found;
        }
    }
    Vec::new()
}

/// Files in the output folder with a document's name that no build proves it wrote: the
/// user's own, never replaced unless they say so; folders and links never.
fn refuse_foreign_files(
    products: &[Product<'_>],
    old: &Manifest,
    output: &Output,
    overwrite: bool,
) -> Result<(), Failure> {
    let mut problems = Vec::new();
    for product in products {
        let path = output.shown(&product.name);
        match output::occupant(&output.path, &product.name, old) {
            Occupant::Free => {}
            Occupant::Foreign if overwrite => {}
            Occupant::Foreign => problems.push(
                Diagnostic::error(
                    Code::OutputBlocked,
                    &path,
                    "this file was not written by `course build`, so it is left as it is",
                )
                .hint("move or rename it, choose another folder with `--out`, or build with `--overwrite` to replace it"),
            ),
            Occupant::NotAFile => problems.push(
                Diagnostic::error(
                    Code::OutputBlocked,
                    &path,
                    format!(
                        "this is a folder or a link where the build would write a {}",
                        if product.name.ends_with(".pdf") { "PDF" } else { "page" }
                    ),
                )
                .hint("move it away, or choose another folder with `--out`"),
            ),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.into())
    }
}

fn blocked(output: &Output, why: String) -> Diagnostic {
    Diagnostic::error(Code::OutputBlocked, &output.shown, why)
        .hint("move it away, or choose another folder with `--out`")
}

fn cannot_lock(output: &Output, e: &std::io::Error) -> Diagnostic {
    let path = &output.shown;
    Diagnostic::error(Code::OutputWriteFailed, path, format!("cannot lock the output folder `{}`: {}", path.display(), crate::util::io_reason(e)))
        .hint("check that the folder exists, is not read-only and the disk is not full, or choose another folder with `--out`")
}

/// SOURCE_DATE_EPOCH, the reproducible-builds convention for a fixed build date.
fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}
