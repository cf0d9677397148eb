//! Render: Handlebars templates -> Markdown -> genpdf elements -> PDF bytes.

pub mod addresses;
pub mod batch;
pub mod budget;
mod caution;
mod closing;
pub mod contents;
mod each;
pub mod elements;
pub mod failure;
pub mod hyphenate;
pub mod includes;
mod keep;
mod lead;
pub mod markdown;
mod old_names;
pub mod pdf;
mod pictures;
pub mod quotes;
mod side_by_side;
pub mod templates;
pub mod writer;

use crate::diagnostic::{Code, Diagnostic, Place};
use crate::fonts::FontSet;
use crate::load::Course;
use crate::plan::PlannedDocument;
use std::collections::HashMap;

use crate::locale::Locale;
pub use contents::{Contents, ContentsMemory};
use failure::RenderFailure;
use genpdf::render::Frame;
use templates::Templates;

/// A finished PDF, in memory until it is written.
pub struct RenderedPdf {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Where its contents settled, for a document that has contents.
    pub contents: Option<Contents>,
}

/// What every document of one course shares.
pub struct Renderer<'a> {
    course: &'a Course,
    fonts: FontSet,
    writer: writer::Writer,
    /// The pictures this build has read, each once.
    pictures: pictures::Pictures,
    pub(crate) templates: Templates,
    pub locale: Locale,
    /// SOURCE_DATE_EPOCH: when set, every date in the PDFs is this one and the PDFs are
    /// byte-identical from build to build.
    pub source_date_epoch: Option<i64>,
    /// Where the contents of each document settled last time (see [`ContentsMemory`]).
    pub contents_memory: Option<std::sync::Arc<ContentsMemory>>,
    /// Markdown already made from these templates and this data (by validate's checks),
    /// by file name: laid out as it is instead of rendered again.
    pub prepared: HashMap<String, String>,
    /// The pages made so far by a build that makes several renderers' documents (one per
    /// language), so [`crate::limits::MAX_BUILD_PAGES`] holds for all of them.
    pub build_pages: Option<std::sync::Arc<std::sync::atomic::AtomicUsize>>,
    /// The bytes of documents made so far by such a build, so
    /// [`crate::limits::MAX_BUILD_BYTES`] holds for all of them.
    pub build_bytes: Option<std::sync::Arc<std::sync::atomic::AtomicU64>>,
}

/// What validate's template checks made on the way, for the build to use as it is: the
/// fixed words, the compiled templates, the plan and each document's Markdown.
pub struct Prepared {
    pub locale: Locale,
    pub templates: Templates,
    pub documents: Vec<PlannedDocument>,
    /// By file name; a document whose template failed has none.
    pub markdown: HashMap<String, String>,
}

impl<'a> Renderer<'a> {
    pub fn new(course: &'a Course, fonts: FontSet) -> Result<Renderer<'a>, Diagnostic> {
        let language = course
            .course
            .as_ref()
            .map_or("en", |c| c.value.language.as_str());
        let locale = Locale::load(language, &course.root)?;
        let templates = Templates::load(&course.root, &locale)?;
        Ok(Renderer::with(course, fonts, locale, templates))
    }

    /// A renderer with the fixed words and templates already loaded.
    pub fn with(
        course: &'a Course,
        fonts: FontSet,
        locale: Locale,
        templates: Templates,
    ) -> Renderer<'a> {
        let writer = writer::Writer::new(fonts.cache());
        Renderer {
            course,
            fonts,
            writer,
            pictures: pictures::Pictures::new(&course.root),
            templates,
            locale,
            source_date_epoch: None,
            contents_memory: None,
            prepared: HashMap::new(),
            build_pages: None,
            build_bytes: None,
        }
    }

    /// A renderer for what the checks `prepared`, and the documents to make; or, with
    /// nothing prepared, one that loads and plans for itself.
    pub fn prepared(
        course: &'a Course,
        fonts: FontSet,
        prepared: Option<Prepared>,
    ) -> Result<(Renderer<'a>, Vec<PlannedDocument>), Diagnostic> {
        Ok(match prepared {
            Some(p) => {
                let mut renderer = Renderer::with(course, fonts, p.locale, p.templates);
                renderer.prepared = p.markdown;
                (renderer, p.documents)
            }
            None => {
                let renderer = Renderer::new(course, fonts)?;
                let documents = crate::plan::plan(course, &renderer.locale);
                (renderer, documents)
            }
        })
    }

    /// A hash of everything `doc` is made from: tool version, its data, the templates, the
    /// fixed words, the fonts, the page setup, pictures and the build date. Equal
    /// fingerprints mean an identical PDF, so a rebuild may skip it.
    pub fn fingerprint(&self, doc: &PlannedDocument, shared: &str) -> String {
        let mut h = blake3::Hasher::new();
        h.update(shared.as_bytes());
        h.update(doc.file_name.as_bytes());
        h.update(doc.footer.as_bytes());
        h.update(doc.data.to_string().as_bytes());
        h.finalize().to_hex().to_string()
    }

    /// The part of every fingerprint that all documents of this build share.
    pub fn shared_fingerprint(&self) -> String {
        let mut h = blake3::Hasher::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        // The code that lays the pages out, for builds between two versions.
        h.update(env!("COURSE_SOURCE_HASH").as_bytes());
        h.update(self.templates.digest.as_bytes());
        h.update(
            serde_json::Value::Object(self.locale.words.clone())
                .to_string()
                .as_bytes(),
        );
        h.update(self.fonts.digest.as_bytes());
        if let Some(c) = &self.course.course {
            h.update(
                serde_json::to_string(&c.value)
                    .unwrap_or_default()
                    .as_bytes(),
            );
        }
        for image in self.course.modules.iter().flat_map(|m| m.value.images()) {
            // Through the gate: validate has checked these, but never block on a pipe.
            let path = self.course.root.join(image);
            if let Ok(bytes) = crate::load::gate::read_file(&path, crate::limits::MAX_IMAGE_BYTES) {
                h.update(image.as_bytes());
                h.update(&bytes);
            }
        }
        h.update(format!("{:?}", self.source_date_epoch).as_bytes());
        h.finalize().to_hex().to_string()
    }

    /// The course being made.
    pub fn course(&self) -> &'a Course {
        self.course
    }

    /// The Markdown a document's template produces.
    pub fn markdown(&self, doc: &PlannedDocument) -> Result<String, Diagnostic> {
        match self.prepared.get(&doc.file_name) {
            Some(made) => Ok(made.clone()),
            None => self.templates.render(doc.kind.template(), &doc.data),
        }
    }

    pub fn render(&self, doc: &PlannedDocument) -> Result<RenderedPdf, Diagnostic> {
        let markdown = self.markdown(doc)?;
        let c = &self
            .course
            .course
            .as_ref()
            .expect("a planned course has a course file")
            .value;
        let contact: Vec<&str> = [c.instructor.email.as_deref(), c.instructor.phone.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let mut header_left = vec![(c.instructor.name.clone(), true)];
        if let Some(credential) = &c.instructor.credential {
            header_left.push((format!(" — {credential}"), false));
        }
        let setup = pdf::PageSetup {
            size: c.page_size,
            title: c.title.clone(),
            header_left,
            header_right: contact.join(" · "),
            footer_left: doc.footer.clone(),
            page_of: self.locale.text("page_of", &[]),
            digits: self.locale.digits(),
            continued: self.locale.text("continued", &[]),
        };
        let language = c.language.clone();
        let blocks = markdown::parse(&markdown, &language);
        let mut metadata = writer::Metadata {
            title: doc.title.clone(),
            language: language.clone(),
            accessible: true,
            date: self.source_date_epoch,
        };
        let layout_into =
            |blocks: &[markdown::Block],
             pages,
             sink: &mut dyn FnMut(Frame) -> Result<(), RenderFailure>| {
                pdf::layout_into(
                    blocks,
                    &self.fonts,
                    &setup,
                    &self.pictures,
                    &language,
                    pages,
                    sink,
                )
            };
        let has_anchors = blocks
            .iter()
            .any(|b| matches!(b, markdown::Block::Anchor(name) if name != closing::CLOSING));
        let write = |metadata: &writer::Metadata| {
            if has_anchors {
                self.render_with_contents(doc, metadata, &layout_into)
            } else {
                let mut pdf = self.writer.start(metadata, HashMap::new());
                let pages = layout_into(&blocks, pdf::Pages::Held, &mut |frame| pdf.page(&frame))?;
                Ok((pdf.finish()?, pages, None))
            }
        };
        // PDF/UA-1 where the course allows it, a tagged PDF without that claim otherwise.
        let (bytes, pages, contents) = match write(&metadata) {
            Err(RenderFailure::NotAccessible) => {
                metadata.accessible = false;
                write(&metadata)
            }
            result => result,
        }
        .map_err(|failure| self.problem(doc, failure))?;
        Ok(RenderedPdf {
            file_name: doc.file_name.clone(),
            bytes,
            pages,
            contents,
        })
    }
}

impl Renderer<'_> {
    /// Why a document could not be made, as a problem: a text too big for any page is
    /// named where the course writes it (or in the template that prints it), a font the
    /// writer refuses at `fonts:`; anything else names the PDF.
    fn problem(&self, doc: &PlannedDocument, failure: RenderFailure) -> Diagnostic {
        let could_not_make = |why: &str| {
            Diagnostic::error(
                Code::DocumentError,
                &doc.file_name,
                format!("this PDF could not be made: {why}"),
            )
        };
        match failure {
            RenderFailure::Problem(problem) => problem,
            RenderFailure::FontNotEmbeddable(why) => self.font_problem(doc, &why),
            RenderFailure::TooBigForAPage(words) => self.too_big_problem(doc, &words),
            // Only reached if the second writing, without the claim, fails the check too.
            RenderFailure::NotAccessible => could_not_make("the PDF/UA check failed"),
            RenderFailure::Other(why) => could_not_make(&why),
        }
    }

    /// A block that fits on no page, named by its first `words` where the course writes them.
    fn too_big_problem(&self, doc: &PlannedDocument, words: &str) -> Diagnostic {
        let quoted = format!("“{words}”");
        let start: String = quoted
            .trim_start_matches('“')
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        let written = (!start.is_empty())
            .then(|| {
                self.course.sources.iter().find_map(|source| {
                    source.text.find(&start).map(|offset| {
                        let at =
                            crate::load::gate::location_of_byte(source.text.as_bytes(), offset);
                        (source.name.clone(), Some(at))
                    })
                })
            })
            .flatten();
        let (file, at) =
            written.unwrap_or_else(|| (self.templates.file_of(doc.kind.template()), None));
        Diagnostic::error(
            Code::DocumentError,
            Place::in_text(file, at),
            format!(
                "{quoted} does not fit on a page of `{}`, even a page of its own",
                doc.file_name
            ),
        )
        .hint("shorten it or split it into several paragraphs; if every document fails, check the fonts named with `fonts:` in course.yaml")
    }

    /// A font the PDF writer cannot copy into the PDF, named at `fonts:` in course.yaml.
    fn font_problem(&self, doc: &PlannedDocument, why: &str) -> Diagnostic {
        let fonts = crate::field!["fonts"];
        let place = match self.course.course.as_ref() {
            Some(c) if c.tree.get("fonts").is_some() => c.place(fonts),
            _ => Place::new(&doc.file_name, None, fonts),
        };
        Diagnostic::error(
            Code::DocumentError,
            place,
            format!(
                "a font of this course cannot be put into the PDF: its tables are damaged ({why})"
            ),
        )
        .hint("use another font, or a corrected version of this one from its maker")
    }
}

/// Lays out blocks, handing each page to a sink as [`pdf::Pages`] says; the number of
/// pages.
type Layout<'a> = dyn Fn(
        &[markdown::Block],
        pdf::Pages,
        &mut dyn FnMut(Frame) -> Result<(), RenderFailure>,
    ) -> Result<usize, RenderFailure>
    + 'a;

/// How many times a booklet is set again when its contents' page numbers move the pages
/// they point to, before giving up.
const MAX_CONTENTS_PASSES: usize = 4;

impl Renderer<'_> {
    /// A document that marks where sessions start (the booklet) names their pages in its
    /// contents, which come before those pages. As a typesetter reruns until its references
    /// settle: a first pass with stand-in page numbers finds the pages and the page count,
    /// keeping no page; the next streams each page into the PDF as it is laid out (so
    /// memory holds one page of even the longest booklet) and checks that the pages stayed
    /// where they were. If the real numbers moved anything, it goes again. Where the
    /// numbers settled last time, when known, stands in for the first pass.
    fn render_with_contents(
        &self,
        doc: &PlannedDocument,
        metadata: &writer::Metadata,
        layout: &Layout<'_>,
    ) -> Result<(Vec<u8>, usize, Option<Contents>), RenderFailure> {
        let pass = |pages: &HashMap<String, usize>,
                    mut pdf: Option<(&mut writer::PdfBuilder<'_>, usize)>|
         -> Result<(usize, HashMap<String, usize>), RenderFailure> {
            // Each pass lays the same pages out again: only one pass counts.
            budget::restart_pages();
            let data = with_session_pages(&doc.data, pages);
            let markdown = self.templates.render(doc.kind.template(), &data)?;
            let blocks = markdown::parse(&markdown, &metadata.language);
            let mut found = HashMap::new();
            let mut page = 0;
            // A pass that only counts keeps nothing of its pages but where anchors land.
            let pages = match &pdf {
                Some((_, total)) => pdf::Pages::Streamed(*total),
                None => pdf::Pages::Counted,
            };
            let count = layout(&blocks, pages, &mut |frame| {
                page += 1;
                for name in frame.anchors() {
                    found.entry(name.to_owned()).or_insert(page);
                }
                match &mut pdf {
                    Some((pdf, _)) => pdf.page(&frame),
                    None => Ok(()),
                }
            })?;
            Ok((count, found))
        };
        let memory = self.contents_memory.as_deref();
        let last = memory.and_then(|m| m.recall(&doc.file_name));
        // A guess that was wrong spends a pass of its own, as the first pass would have.
        let passes = MAX_CONTENTS_PASSES + usize::from(last.is_some());
        let (mut total, mut found) = match last {
            Some(last) => (last.pages, last.anchors.into_iter().collect()),
            None => pass(&stand_in_pages(&doc.data), None)?,
        };
        for _ in 0..passes {
            let mut pdf = self.writer.start(metadata, found.clone());
            let (count, again) = pass(&found, Some((&mut pdf, total)))?;
            if count == total && again == found {
                let settled = Contents::new(count, &found);
                if let Some(memory) = memory {
                    memory.keep(&doc.file_name, settled.clone());
                }
                return Ok((pdf.finish()?, count, Some(settled)));
            }
            (total, found) = (count, again);
        }
        Err(RenderFailure::Problem(Diagnostic::error(
            Code::DocumentError,
            self.templates.file_of(doc.kind.template()),
            "the contents never settle: each time the sessions' page numbers are filled in, the sessions move to other pages",
        )
        .hint("print a session's `page` only as a number; do not let it decide what else is printed (such as `{{#if page}}` around text or page breaks)")))
    }
}

/// A page number for every session, so the first pass lays the contents out as full as
/// they will be: a row with empty cells is set taller, as room to write in.
fn stand_in_pages(data: &serde_json::Value) -> HashMap<String, usize> {
    let sessions = data.get("sessions").and_then(|s| s.as_array());
    sessions
        .into_iter()
        .flatten()
        .map(|session| (format!("session-{}", session["number"]), 100))
        .collect()
}

/// The template data with `page` set on each session whose anchor `session-N` was laid out.
fn with_session_pages(
    data: &serde_json::Value,
    found: &HashMap<String, usize>,
) -> serde_json::Value {
    let mut data = data.clone();
    if let Some(sessions) = data.get_mut("sessions").and_then(|s| s.as_array_mut()) {
        for session in sessions {
            let anchor = format!("session-{}", session["number"]);
            if let (Some(page), Some(fields)) = (found.get(&anchor), session.as_object_mut()) {
                fields.insert("page".to_owned(), (*page).into());
            }
        }
    }
    data
}
