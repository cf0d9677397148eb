//! Making the documents: check, plan, render what changed, and put each PDF in place
//! with a build record that proves which files are the build's own.

use std::collections::HashMap;
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;

use super::manifest::{Entry, Manifest, Settled, MANIFEST_FILE};
use super::output::{self, Occupant, Output};
use super::{Document, Failure, Options, Outcome, Progress, Stamp, Status};
use crate::diagnostic::{Code, Diagnostic};
use crate::fonts::FontSet;
use crate::load::Course;
use crate::plan::{DocumentKind, PlannedDocument};
use crate::render::{Prepared, Renderer};
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
    // for the documents of translations, which the record of this folder does not list.
    let settles = warnings.is_empty() && !fonts.from_system && course.translations.is_empty();
    let pages = Arc::new(AtomicUsize::new(0));
    let (mut renderer, documents) = Renderer::prepared(course, fonts.clone(), validated.prepared)?;
    renderer.source_date_epoch = source_date_epoch();
    renderer.contents_memory = options.contents_memory.clone();
    renderer.build_pages = Some(pages.clone());
    let mut outcome = make(
        &renderer,
        &documents,
        stamp.filter(|_| settles),
        output,
        options,
        progress,
    )?;
    outcome.warnings = warnings;
    for language in translated_languages(course) {
        let Some(translated) = course.translated(language) else {
            continue;
        };
        let mut renderer = Renderer::new(&translated, fonts.clone())?;
        renderer.source_date_epoch = source_date_epoch();
        renderer.build_pages = Some(pages.clone());
        // The instructor's checklists stay in the course's own language.
        let documents: Vec<PlannedDocument> = crate::plan::plan(&translated, &renderer.locale)
            .into_iter()
            .filter(|d| d.kind != DocumentKind::Checklist)
            .collect();
        let folder = output.translation(language);
        let prefixed = |name: &str| format!("{language}/{name}");
        match make(&renderer, &documents, None, &folder, options, progress) {
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
            }
            Err(mut failure) => {
                let mut written: Vec<Document> = outcome.written().cloned().collect();
                written.extend(failure.written.into_iter().map(|d| Document {
                    name: prefixed(&d.name),
                    ..d
                }));
                failure.written = written;
                return Err(failure);
            }
        }
    }
    Ok(outcome)
}

/// The languages the course's parents' documents are also made in.
fn translated_languages(course: &Course) -> Vec<&str> {
    course
        .course
        .as_ref()
        .map(|c| crate::load::translations::languages(&c.value))
        .unwrap_or_default()
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
    let folder = output.open()?;
    let _lock =
        output::lock(&folder, || progress.waiting()).map_err(|e| cannot_lock(output, &e))?;
    let old = Manifest::read(&output.path).map_err(|why| blocked(output, why))?;
    refuse_foreign_files(documents, &old, output, options.overwrite)?;

    let work = Work::find(renderer, documents, &old, options.force);
    work.announce(&folder, &old)?;
    progress.rendering(work.todo.len());
    let made = work
        .render(renderer, &folder, output, progress)
        .inspect_err(|_| {
            work.discard(&folder);
            let _ = old.clone_entries().write(&folder);
        })?;
    let mut manifest = work.manifest(documents, made, &old);
    let outcome = put_in_place(&folder, &work, documents, &manifest, &old, options)?;
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

/// What a build has to make: every document's fingerprint, the documents whose
/// fingerprint the last build did not record (the booklet first), and the temporary
/// file each of those is written to.
struct Work<'d> {
    fingerprints: Vec<String>,
    todo: Vec<&'d PlannedDocument>,
    partials: HashMap<&'d str, String>,
}

impl<'d> Work<'d> {
    fn find(
        renderer: &Renderer<'_>,
        documents: &'d [PlannedDocument],
        old: &Manifest,
        force: bool,
    ) -> Work<'d> {
        let shared = renderer.shared_fingerprint();
        let fingerprints: Vec<String> = documents
            .iter()
            .map(|d| renderer.fingerprint(d, &shared))
            .collect();
        let mut todo: Vec<&PlannedDocument> = documents
            .iter()
            .zip(&fingerprints)
            .filter(|(d, f)| force || !old.is_current(&d.file_name, f))
            .map(|(d, _)| d)
            .collect();
        // The booklet, the longest by far, first: started last, it would run alone at
        // the end.
        todo.sort_by_key(|d| d.kind != DocumentKind::Booklet);
        let partials = todo
            .iter()
            .map(|d| {
                (
                    d.file_name.as_str(),
                    crate::write::temporary_name(&d.file_name),
                )
            })
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

    /// Makes each document to do into its temporary file as soon as it is made; none is
    /// held in memory. What each became, by file name.
    fn render(
        &self,
        renderer: &Renderer<'_>,
        folder: &Folder,
        output: &Output,
        progress: &dyn Progress,
    ) -> Result<HashMap<String, Entry>, Vec<Diagnostic>> {
        let made = crate::render::batch::render_all(
            renderer,
            &self.todo,
            &|doc, pdf| {
                // Said of the document, not of its temporary name.
                let problem = |e: crate::write::WriteError| {
                    let mut d = e.diagnostic();
                    d.file = output.shown(&doc.file_name);
                    d
                };
                let mut file = folder
                    .start(&self.partials[doc.file_name.as_str()])
                    .map_err(problem)?;
                file.write(&pdf.bytes).map_err(problem)?;
                file.keep().map_err(problem)?;
                Ok((
                    doc.file_name.clone(),
                    Entry {
                        fingerprint: String::new(),
                        hash: output::content_hash(&pdf.bytes),
                        previous: None,
                        bytes: pdf.bytes.len() as u64,
                        pages: pdf.pages,
                    },
                ))
            },
            &|| progress.rendered(),
        )?;
        Ok(made.into_iter().collect())
    }

    fn discard(&self, folder: &Folder) {
        for partial in self.partials.values() {
            folder.discard_partial(partial);
        }
    }

    /// The record of this build: what it made, and what it kept from the last one.
    fn manifest(
        &self,
        documents: &[PlannedDocument],
        mut made: HashMap<String, Entry>,
        old: &Manifest,
    ) -> Manifest {
        let mut manifest = Manifest::default();
        for (doc, fingerprint) in documents.iter().zip(&self.fingerprints) {
            let entry = match made.remove(&doc.file_name) {
                Some(entry) => Entry {
                    fingerprint: fingerprint.clone(),
                    ..entry
                },
                None => old.files[&doc.file_name].clone(),
            };
            manifest.files.insert(doc.file_name.clone(), entry);
        }
        manifest
    }
}

/// Renames each made PDF into place, recording first what is about to happen beside
/// what was there, so a build killed while renaming leaves every file provably its
/// own; then removes the PDFs an earlier build wrote that the course no longer makes
/// (only files the old record proves to be ours).
fn put_in_place(
    folder: &Folder,
    work: &Work<'_>,
    documents: &[PlannedDocument],
    manifest: &Manifest,
    old: &Manifest,
    options: &Options,
) -> Result<Outcome, Failure> {
    let mut during = in_between(manifest, old);
    during.partials = work.partials.values().cloned().collect();
    during.write(folder).map_err(|e| e.diagnostic())?;

    let mut outcome = Outcome::default();
    let ours = |_: &Folder, name: &str| old.proves(name) || options.overwrite;
    for doc in documents {
        let entry = &manifest.files[&doc.file_name];
        let status = match work.partials.get(doc.file_name.as_str()) {
            Some(partial) => {
                if let Err(e) = folder.rename_partial(partial, &doc.file_name, &ours) {
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
            name: doc.file_name.clone(),
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
    let mut problems = Vec::new();
    for language in translated_languages(course) {
        let Some(translated) = course.translated(language) else {
            continue;
        };
        let mut renderer = match Renderer::new(&translated, fonts.clone()) {
            Ok(renderer) => renderer,
            Err(d) => return vec![d],
        };
        renderer.build_pages = Some(pages.clone());
        let documents: Vec<PlannedDocument> = crate::plan::plan(&translated, &renderer.locale)
            .into_iter()
            .filter(|d| d.kind != DocumentKind::Checklist)
            .collect();
        let mut all: Vec<&PlannedDocument> = documents.iter().collect();
        all.sort_by_key(|d| d.kind != DocumentKind::Booklet);
        if let Err(mut found) =
            crate::render::batch::render_all(&renderer, &all, &|_, _| Ok(()), &|| {})
        {
            problems.append(&mut found);
            break;
        }
    }
    problems
}

/// Files in the output folder with a document's name that no build proves it wrote: the
/// user's own, never replaced unless they say so; folders and links never.
fn refuse_foreign_files(
    documents: &[PlannedDocument],
    old: &Manifest,
    output: &Output,
    overwrite: bool,
) -> Result<(), Failure> {
    let mut problems = Vec::new();
    for doc in documents {
        let path = output.shown(&doc.file_name);
        match output::occupant(&output.path, &doc.file_name, old) {
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
                    "this is a folder or a link where the build would write a PDF",
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
