//! The logical structure of a PDF (tagged PDF), its outline and its links, built from the
//! structure marks layout leaves in frames. Screen readers follow the tag tree; viewers
//! show the outline as bookmarks.

use std::collections::{HashMap, VecDeque};
use std::num::NonZeroU16;

use genpdf::render::Structure;
use krilla::destination::XyzDestination;
use krilla::geom::{Point, Rect};
use krilla::outline::{Outline, OutlineNode};
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, TableHeaderScope, Tag,
    TagGroup, TagKind, TagTree,
};

/// An open structure element.
enum Open {
    Group(TagGroup),
    /// Page furniture: everything in it is an artifact, nothing joins the tree.
    Artifact,
    /// A link: its text and its annotation (when it starts and ends on one page) join the
    /// group.
    Link {
        group: TagGroup,
        page: usize,
    },
}

/// A link found on a page before it is drawn: the box around its text, where it goes and
/// its text (the annotation's description for screen readers).
pub struct PlannedLink {
    pub rect: Rect,
    pub to: krilla::annotation::Target,
    pub text: String,
}

/// Builds the tag tree, the outline and the links while the pages are written.
pub struct StructureBuilder {
    tree: TagTree,
    stack: Vec<Open>,
    /// Headings: level, title, page index and where they start.
    headings: Vec<(u8, String, usize, Point)>,
    /// Pages of named places (from an earlier layout pass), counted from 1.
    anchors: HashMap<String, usize>,
    /// The page being drawn (from 0), and the annotations of its links, in the order the
    /// links end; `None` for a link to a place the document does not have.
    page: usize,
    page_links: VecDeque<Option<Identifier>>,
}

impl StructureBuilder {
    pub fn new(anchors: HashMap<String, usize>) -> StructureBuilder {
        StructureBuilder {
            tree: TagTree::new(),
            stack: Vec::new(),
            headings: Vec::new(),
            anchors,
            page: 0,
            page_links: VecDeque::new(),
        }
    }

    pub fn open(&mut self, structure: &Structure, page: usize, at: Point) {
        let tag: TagKind = match structure {
            Structure::Artifact => {
                self.stack.push(Open::Artifact);
                return;
            }
            Structure::Link { .. } => {
                self.stack.push(Open::Link {
                    group: TagGroup::new(Tag::Link),
                    page,
                });
                return;
            }
            Structure::Heading { level, title } => {
                self.headings.push((*level, title.clone(), page, at));
                let level =
                    NonZeroU16::new(u16::from((*level).clamp(1, 6))).unwrap_or(NonZeroU16::MIN);
                Tag::Hn(level, Some(title.clone())).into()
            }
            Structure::Paragraph => Tag::P.into(),
            Structure::List { numbered } => Tag::L(if *numbered {
                ListNumbering::Decimal
            } else {
                ListNumbering::Disc
            })
            .into(),
            Structure::ListItem => Tag::LI.into(),
            Structure::ListLabel => Tag::Lbl.into(),
            Structure::ListBody => Tag::LBody.into(),
            Structure::Table => Tag::Table.into(),
            Structure::TableRow => Tag::TR.into(),
            Structure::TableHeaderCell => Tag::TH(TableHeaderScope::Column).into(),
            Structure::TableCell => Tag::TD.into(),
            Structure::Aside => Tag::Div.into(),
            Structure::Figure { alt } => Tag::Figure(Some(alt.clone())).into(),
        };
        self.stack.push(Open::Group(TagGroup::new(tag)));
    }

    pub fn close(&mut self) {
        let group = match self.stack.pop() {
            Some(Open::Group(group)) => group,
            Some(Open::Link { mut group, page }) => {
                if page == self.page {
                    if let Some(annotation) = self.page_links.pop_front().flatten() {
                        group.push(annotation);
                    }
                }
                group
            }
            Some(Open::Artifact) | None => return,
        };
        self.attach(group);
    }

    /// Attaches a finished group to the innermost open one, or to the root.
    fn attach(&mut self, group: TagGroup) {
        match self.stack.last_mut() {
            Some(Open::Group(parent) | Open::Link { group: parent, .. }) => parent.push(group),
            // Structure inside page furniture is furniture.
            Some(Open::Artifact) => {}
            None => self.tree.push(group),
        }
    }

    /// Whether content drawn now is page furniture rather than text of the document.
    pub fn in_artifact(&self) -> bool {
        self.stack.iter().any(|o| matches!(o, Open::Artifact))
    }

    /// The mark for text of the document.
    pub fn text_tag() -> ContentTag<'static> {
        ContentTag::Span(SpanTag::empty())
    }

    /// The mark for page furniture and decoration (shading, rules, checkbox squares).
    pub fn artifact_tag() -> ContentTag<'static> {
        ContentTag::Artifact(Artifact::new(ArtifactType::Other, None))
    }

    /// Adds tagged content `id` (marked with [`text_tag`](Self::text_tag)) to the open
    /// element.
    pub fn add(&mut self, id: Identifier) {
        match self.stack.last_mut() {
            Some(Open::Group(group) | Open::Link { group, .. }) => group.push(id),
            Some(Open::Artifact) => {}
            None => self.tree.push(id),
        }
    }

    /// Where a link to `to` goes: the top of the page its named place is on.
    pub fn destination(&self, to: &str) -> Option<XyzDestination> {
        let page = self.anchors.get(to)?;
        Some(XyzDestination::new(
            page.saturating_sub(1),
            Point::from_xy(0.0, 0.0),
        ))
    }

    /// Where a link to `to` goes: a web address (`https://` or `http://`) opens in a
    /// browser; anything else is a named place of the document.
    pub fn target(&self, to: &str) -> Option<krilla::annotation::Target> {
        if to.starts_with("https://") || to.starts_with("http://") {
            let action = krilla::action::LinkAction::new(to.to_owned());
            return Some(krilla::annotation::Target::Action(action.into()));
        }
        Some(krilla::annotation::Target::Destination(
            self.destination(to)?.into(),
        ))
    }

    /// Starts page `page` (from 0), whose links have the annotations `links`.
    pub fn start_page(&mut self, page: usize, links: Vec<Option<Identifier>>) {
        self.page = page;
        self.page_links = links.into();
    }

    /// The tag tree (closing whatever is still open) and the outline: one entry per
    /// heading of level 1 and 2, the second level under the first.
    pub fn finish(mut self) -> (TagTree, Outline) {
        while !self.stack.is_empty() {
            self.close();
        }
        let mut outline = Outline::new();
        let mut top: Option<OutlineNode> = None;
        for (level, title, page, at) in self.headings {
            let node = OutlineNode::new(title, XyzDestination::new(page, at));
            match (level, &mut top) {
                (1, _) => {
                    if let Some(done) = top.replace(node) {
                        outline.push_child(done);
                    }
                }
                (2, Some(parent)) => parent.push_child(node),
                (2, None) => outline.push_child(node),
                _ => {}
            }
        }
        if let Some(done) = top {
            outline.push_child(done);
        }
        (self.tree, outline)
    }
}
