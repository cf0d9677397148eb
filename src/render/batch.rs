//! The one path every document takes from plan to PDF, for `validate` (which keeps
//! nothing), `build` and `watch` (which write): rendered in parallel, each under its
//! budget, and each finished PDF handed to the caller as soon as it is made, so a build
//! never holds every PDF at once. The first failure stops the others at their next unit
//! of work; a build may not make more than [`MAX_BUILD_PAGES`] pages in all.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use rayon::prelude::*;

use super::budget::{self, Budget, Exceeded};
use super::{RenderedPdf, Renderer};
use crate::diagnostic::{Code, Diagnostic};
use crate::limits::{MAX_BUILD_BYTES, MAX_BUILD_PAGES};
use crate::plan::PlannedDocument;

/// Renders `documents`, handing each PDF to `done` (which may write it, or drop it); what
/// `done` returned, in the documents' order, or every problem found.
pub fn render_all<T: Send>(
    renderer: &Renderer<'_>,
    documents: &[&PlannedDocument],
    done: &(dyn Fn(&PlannedDocument, RenderedPdf) -> Result<T, Diagnostic> + Sync),
    progress: &(dyn Fn() + Sync),
) -> Result<Vec<T>, Vec<Diagnostic>> {
    // A build in several languages counts its pages over all of them.
    let own = AtomicUsize::new(0);
    let pages = renderer.build_pages.as_deref().unwrap_or(&own);
    let own_bytes = AtomicU64::new(0);
    let bytes = renderer.build_bytes.as_deref().unwrap_or(&own_bytes);
    let made = Made { pages, bytes };
    each(
        documents,
        &|doc, stop| render_one(renderer, doc, stop, &made),
        done,
        progress,
    )
}

/// Makes `documents` in another form (HTML pages) on the same terms as PDFs: in
/// parallel, each under its budget, each handed to `done` as soon as it is made, the
/// first failure stopping the others.
pub fn make_all<M: Send, T: Send>(
    renderer: &Renderer<'_>,
    documents: &[&PlannedDocument],
    make: &(dyn Fn(&PlannedDocument) -> Result<M, Diagnostic> + Sync),
    done: &(dyn Fn(&PlannedDocument, M) -> Result<T, Diagnostic> + Sync),
    progress: &(dyn Fn() + Sync),
) -> Result<Vec<T>, Vec<Diagnostic>> {
    let one = |doc: &PlannedDocument, stop: &Arc<AtomicBool>| {
        let (result, exceeded) = budget::within(Budget::new(stop.clone()), || make(doc));
        match (result, exceeded) {
            (Ok(made), _) => Ok(made),
            (Err(_), Some(Exceeded::Stopped)) => Err(None),
            (Err(_), Some(exceeded)) => Err(Some(
                exceeded.diagnostic(&renderer.templates.file_of(doc.kind.template())),
            )),
            (Err(problem), None) => Err(Some(problem)),
        }
    };
    each(documents, &one, done, progress)
}

/// Makes one document, given the stop shared by the build; `None` as the error when it
/// was only stopped because another document failed.
type MakeOne<'a, M> =
    dyn Fn(&PlannedDocument, &Arc<AtomicBool>) -> Result<M, Option<Diagnostic>> + Sync + 'a;

/// Makes each of `documents` with `one`, in parallel, and hands it to `done`.
fn each<M: Send, T: Send>(
    documents: &[&PlannedDocument],
    one: &MakeOne<'_, M>,
    done: &(dyn Fn(&PlannedDocument, M) -> Result<T, Diagnostic> + Sync),
    progress: &(dyn Fn() + Sync),
) -> Result<Vec<T>, Vec<Diagnostic>> {
    let stop = Arc::new(AtomicBool::new(false));
    let results: Vec<Result<T, Option<Diagnostic>>> = documents
        .par_iter()
        .map(|doc| {
            let result = one(doc, &stop).and_then(|made| done(doc, made).map_err(Some));
            if result.is_err() {
                stop.store(true, Ordering::Relaxed);
            }
            progress();
            result
        })
        .collect();
    let mut problems: Vec<Diagnostic> = results
        .iter()
        .filter_map(|r| r.as_ref().err().cloned().flatten())
        .collect();
    if problems.is_empty() && results.iter().any(Result::is_err) {
        problems.push(Diagnostic::error(
            Code::DocumentError,
            crate::load::COURSE_FILE,
            "the build was stopped",
        ));
    }
    if !problems.is_empty() {
        // A template problem repeats in every document made from the template.
        crate::diagnostic::sort(&mut problems);
        problems.dedup();
        return Err(problems);
    }
    Ok(results.into_iter().filter_map(Result::ok).collect())
}

/// One document under its budget; `None` as the error when it was only stopped because
/// another document failed.
fn render_one(
    renderer: &Renderer<'_>,
    doc: &PlannedDocument,
    stop: &Arc<AtomicBool>,
    made: &Made<'_>,
) -> Result<RenderedPdf, Option<Diagnostic>> {
    let template = renderer.templates.file_of(doc.kind.template());
    let (result, exceeded) = budget::within(Budget::new(stop.clone()), || {
        // A fault in a library below (the PDF writer, an image decoder) becomes this
        // document's problem, said in words, instead of taking the program down; the
        // guard also keeps Rust's panic message off the user's terminal.
        genpdf::fonts::guard_shaper(|| renderer.render(doc))
    });
    let result = match result {
        Ok(result) => result,
        Err(_) => Err(Diagnostic::error(
            Code::DocumentError,
            &doc.file_name,
            "this PDF could not be made: `course` ran into a fault of its own while setting it",
        )
        .hint("please report this with the course folder; the other documents are not affected")),
    };
    match (result, exceeded) {
        (Ok(pdf), _) => made
            .count(&pdf, MAX_BUILD_PAGES, MAX_BUILD_BYTES)
            .map(|()| pdf)
            .map_err(Some),
        (Err(_), Some(Exceeded::Stopped)) => Err(None),
        (Err(_), Some(exceeded)) => Err(Some(exceeded.diagnostic(&template))),
        (Err(problem), None) => Err(Some(problem)),
    }
}

/// What the documents of one build made so far, over every language and family: counted
/// as each is made, before it is written, so a build stops before it passes its budgets.
struct Made<'a> {
    pages: &'a AtomicUsize,
    bytes: &'a AtomicU64,
}

impl Made<'_> {
    /// Counts `pdf`; the problem once the build has more pages or bytes than allowed.
    fn count(&self, pdf: &RenderedPdf, max_pages: usize, max_bytes: u64) -> Result<(), Diagnostic> {
        let pages = self.pages.fetch_add(pdf.pages, Ordering::Relaxed) + pdf.pages;
        let size = pdf.bytes.len() as u64;
        let bytes = self.bytes.fetch_add(size, Ordering::Relaxed) + size;
        let over = if pages > max_pages {
            format!("more than {max_pages} pages")
        } else if bytes > max_bytes {
            format!("more than {} MiB of documents", max_bytes / (1024 * 1024))
        } else {
            return Ok(());
        };
        Err(Diagnostic::error(
            Code::TemplateError,
            crate::load::COURSE_FILE,
            format!("this course makes {over} in one build"),
        )
        .hint("check the templates for page breaks (`---`) or `{{#each}}` blocks inside each other that repeat a list many times, and the class list for families that need no documents of their own"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_build_stops_at_its_page_and_byte_budgets() {
        let (pages, bytes) = (AtomicUsize::new(0), AtomicU64::new(0));
        let made = Made {
            pages: &pages,
            bytes: &bytes,
        };
        let pdf = RenderedPdf {
            file_name: "certificate.pdf".into(),
            bytes: vec![0; 1024 * 1024],
            pages: 1,
            contents: None,
        };
        assert!(made.count(&pdf, 10, 3 * 1024 * 1024).is_ok());
        assert!(made.count(&pdf, 10, 3 * 1024 * 1024).is_ok());
        assert!(made.count(&pdf, 10, 3 * 1024 * 1024).is_ok());
        let over = made.count(&pdf, 10, 3 * 1024 * 1024).unwrap_err();
        assert_eq!(
            over.message,
            "this course makes more than 3 MiB of documents in one build"
        );
        let over = made.count(&pdf, 4, u64::MAX).unwrap_err();
        assert_eq!(
            over.message,
            "this course makes more than 4 pages in one build"
        );
    }
}
