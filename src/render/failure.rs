//! Why a document could not be set or written: typed where it happens (the layout, the
//! PDF writer) and turned into a problem in the user's words in one place, at the seam
//! (`Renderer::problem`), as typst-pdf does with krilla's errors.

use crate::diagnostic::Diagnostic;

#[derive(Debug)]
pub enum RenderFailure {
    /// A problem already said in words, such as a template that failed.
    Problem(Diagnostic),
    /// The course's fonts cannot meet PDF/UA-1: the document is written again as a tagged
    /// PDF without that claim.
    NotAccessible,
    /// A font's tables cannot be copied into the PDF; the writer's reason.
    FontNotEmbeddable(String),
    /// A block fits on no page, even a page of its own; its first words.
    TooBigForAPage(String),
    /// Anything else, in the words of the stage that failed.
    Other(String),
}

impl From<String> for RenderFailure {
    fn from(why: String) -> Self {
        RenderFailure::Other(why)
    }
}

impl From<Diagnostic> for RenderFailure {
    fn from(problem: Diagnostic) -> Self {
        RenderFailure::Problem(problem)
    }
}
