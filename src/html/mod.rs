//! HTML pages: each document of the plan as one page that needs nothing else (its
//! stylesheet inside it, drawings as inline SVG, photos as `data:` addresses, nothing
//! fetched), made from the same templates and Markdown blocks as its PDF, in the course's
//! language and direction; and an index page that lists them.

mod body;
mod figure;
mod writer;

use crate::diagnostic::{Code, Diagnostic};
use crate::plan::PlannedDocument;
use crate::render::Renderer;
use writer::Html;

/// The index page's file name.
pub const INDEX: &str = "index.html";

/// The one stylesheet of every page.
const STYLE: &str = include_str!("style.css");

/// A finished page, in memory until it is written.
pub struct Page {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// The page's file name for a document whose PDF is `pdf_name`.
pub fn page_name(pdf_name: &str) -> String {
    format!("{}.html", pdf_name.trim_end_matches(".pdf"))
}

/// What every page shows around its content: the course and its instructor.
struct Frame<'a> {
    language: &'a str,
    title: &'a str,
    course_title: &'a str,
    instructor: String,
    contact: String,
}

impl<'a> Frame<'a> {
    fn of(renderer: &'a Renderer<'_>, title: &'a str) -> Option<Frame<'a>> {
        let c = &renderer.course().course.as_ref()?.value;
        let mut instructor = c.instructor.name.clone();
        if let Some(credential) = &c.instructor.credential {
            instructor.push_str(&format!(" — {credential}"));
        }
        let contact: Vec<&str> = [c.instructor.email.as_deref(), c.instructor.phone.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        Some(Frame {
            language: &c.language,
            title,
            course_title: &c.title,
            instructor,
            contact: contact.join(" · "),
        })
    }

    /// The page up to and including the opening of `<main>`.
    fn start(&self, html: &mut Html) {
        let dir = match crate::render::pdf::direction(self.language) {
            genpdf::text::Direction::Rtl => "rtl",
            _ => "ltr",
        };
        html.fixed("<!DOCTYPE html>\n");
        html.open("html", &[("lang", self.language), ("dir", dir)]);
        html.fixed("<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.element("title", &[], self.title);
        html.fixed("<style>");
        html.fixed(STYLE);
        html.fixed("</style></head><body><header><p class=\"course\">");
        html.element("a", &[("href", INDEX)], self.course_title);
        html.fixed("</p><p class=\"instructor\">");
        html.text(&self.instructor);
        if !self.contact.is_empty() {
            html.fixed("<br>");
            html.text(&self.contact);
        }
        html.fixed("</p></header>\n<main>");
    }

    fn end(&self, html: &mut Html, footer: &str) {
        html.fixed("</main>\n<footer>");
        html.element("p", &[], footer);
        html.fixed("</footer></body></html>\n");
    }
}

/// The page of one document: its Markdown (as its PDF is made from), parsed into the
/// same blocks, written as HTML.
pub fn page(renderer: &Renderer<'_>, doc: &PlannedDocument) -> Result<Page, Diagnostic> {
    let markdown = renderer.markdown(doc)?;
    let frame = Frame::of(renderer, &doc.title)
        .ok_or_else(|| cannot(doc, "the course has no course file"))?;
    let blocks = crate::render::markdown::parse(&markdown, frame.language);
    let mut html = Html::default();
    frame.start(&mut html);
    let mut body = body::Body::new(html, &renderer.course().root, renderer.locale.digits());
    body.blocks(&blocks).map_err(|why| cannot(doc, &why))?;
    let mut html = body.html;
    frame.end(&mut html, &doc.footer);
    Ok(Page {
        file_name: page_name(&doc.file_name),
        bytes: html.finish().into_bytes(),
    })
}

/// The index: the course, its instructor, and a link to each document's page (and to
/// its PDF, when `with_pdfs`), in plan order.
pub fn index(renderer: &Renderer<'_>, documents: &[PlannedDocument], with_pdfs: bool) -> Page {
    let course_title = renderer
        .course()
        .course
        .as_ref()
        .map_or("", |c| c.value.title.as_str());
    let mut html = Html::default();
    let Some(frame) = Frame::of(renderer, course_title) else {
        return Page {
            file_name: INDEX.to_owned(),
            bytes: Vec::new(),
        };
    };
    frame.start(&mut html);
    html.element("h1", &[], course_title);
    html.element("h2", &[], &renderer.locale.text("contents", &[]));
    html.open("ul", &[("class", "documents")]);
    for doc in documents {
        html.open("li", &[]);
        // The course's title is the page's heading already: not again on every line.
        let shown = match doc.kind {
            crate::plan::DocumentKind::Booklet => renderer.locale.text("booklet_subtitle", &[]),
            _ => [" — ", ": "]
                .iter()
                .find_map(|between| doc.title.strip_suffix(&format!("{between}{course_title}")))
                .unwrap_or(&doc.title)
                .to_owned(),
        };
        html.element("a", &[("href", &page_name(&doc.file_name))], &shown);
        if with_pdfs {
            html.fixed(" <span class=\"pdf\">(");
            html.element("a", &[("href", &doc.file_name)], "PDF");
            html.fixed(")</span>");
        }
        html.close("li");
    }
    html.close("ul");
    frame.end(&mut html, course_title);
    Page {
        file_name: INDEX.to_owned(),
        bytes: html.finish().into_bytes(),
    }
}

fn cannot(doc: &PlannedDocument, why: &str) -> Diagnostic {
    Diagnostic::error(
        Code::DocumentError,
        page_name(&doc.file_name),
        format!("this page could not be made: {why}"),
    )
}
