//! Render: Handlebars templates -> Markdown -> genpdf elements -> PDF bytes.

pub mod elements;
pub mod locale;
pub mod markdown;
pub mod pdf;
pub mod templates;

use crate::diagnostic::Diagnostic;
use crate::fonts::FontSet;
use crate::load::Course;
use crate::plan::PlannedDocument;
use locale::Locale;
use templates::Templates;

/// A finished PDF, in memory until it is written.
pub struct RenderedPdf {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// What every document of one course shares.
pub struct Renderer<'a> {
    course: &'a Course,
    fonts: FontSet,
    templates: Templates,
    pub locale: Locale,
}

impl<'a> Renderer<'a> {
    pub fn new(course: &'a Course, fonts: FontSet) -> Result<Renderer<'a>, Diagnostic> {
        let language = course
            .course
            .as_ref()
            .map_or("en", |c| c.value.language.as_str());
        let locale = Locale::load(language, &course.root)?;
        let templates = Templates::load(&course.root, &locale)?;
        Ok(Renderer {
            course,
            fonts,
            templates,
            locale,
        })
    }

    /// The Markdown a document's template produces.
    pub fn markdown(&self, doc: &PlannedDocument) -> Result<String, Diagnostic> {
        self.templates.render(doc.kind.template(), &doc.data)
    }

    pub fn render(&self, doc: &PlannedDocument) -> Result<RenderedPdf, Diagnostic> {
        let markdown = self.markdown(doc)?;
        let blocks = markdown::parse(&markdown);
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
        };
        let (bytes, pages) = pdf::render(&blocks, &self.fonts, &setup, &self.course.root, None)
            .map_err(|e| {
                Diagnostic::error(&doc.file_name, format!("this PDF could not be made: {e}"))
            })?;
        Ok(RenderedPdf {
            file_name: doc.file_name.clone(),
            bytes,
            pages,
        })
    }
}
