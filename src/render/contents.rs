//! Where a document's contents pointed: its page count and the page each anchor landed
//! on. A booklet names its sessions' pages in contents that come before them, so it is
//! set until those numbers settle (see `Renderer::render_with_contents`). Starting from
//! where they settled last time, as a typesetter starts from its last run's auxiliary
//! file, saves the pass that only counts pages; a guess that turns out wrong costs one
//! more pass, and the result is checked the same way either way.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// A document's page count and the page each anchor of its contents landed on, as the
/// build record keeps them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contents {
    pub pages: usize,
    pub anchors: BTreeMap<String, usize>,
}

impl Contents {
    pub(super) fn new(pages: usize, anchors: &HashMap<String, usize>) -> Contents {
        Contents {
            pages,
            anchors: anchors
                .iter()
                .map(|(name, page)| (name.clone(), *page))
                .collect(),
        }
    }

    /// Whether it could be a real document's: a record comes from the output folder,
    /// which anyone may have edited, and its numbers reach the templates as the sessions'
    /// `page`. At most `max_pages` pages, every anchor on one of them, so a guess is never
    /// stranger than what a build can make.
    pub fn is_plausible(&self, max_pages: usize) -> bool {
        (1..=max_pages).contains(&self.pages)
            && self.anchors.len() <= self.pages.saturating_mul(4).max(64)
            && self
                .anchors
                .values()
                .all(|page| (1..=self.pages).contains(page))
    }
}

/// The contents of each document by file name, from the last build that set it: kept in
/// the build record between runs, and in memory from build to build by `course watch`.
#[derive(Debug, Default)]
pub struct ContentsMemory(Mutex<HashMap<String, Contents>>);

impl ContentsMemory {
    pub(super) fn recall(&self, document: &str) -> Option<Contents> {
        self.0.lock().ok()?.get(document).cloned()
    }

    /// Keeps `contents` as where `document`'s contents settled, in place of any older.
    pub fn keep(&self, document: &str, contents: Contents) {
        if let Ok(mut memory) = self.0.lock() {
            memory.insert(document.to_owned(), contents);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(pages: usize, anchors: &[(&str, usize)]) -> Contents {
        Contents {
            pages,
            anchors: anchors.iter().map(|(n, p)| (n.to_string(), *p)).collect(),
        }
    }

    #[test]
    fn only_contents_a_build_could_make_are_a_guess() {
        assert!(contents(14, &[("session-1", 3), ("closing", 14)]).is_plausible(100));
        assert!(!contents(0, &[]).is_plausible(100));
        assert!(!contents(101, &[("session-1", 3)]).is_plausible(100));
        assert!(!contents(14, &[("session-1", 0)]).is_plausible(100));
        assert!(!contents(14, &[("session-1", 15)]).is_plausible(100));
        let many: Vec<(String, usize)> = (0..100).map(|i| (format!("a{i}"), 1)).collect();
        let many: Vec<(&str, usize)> = many.iter().map(|(n, p)| (n.as_str(), *p)).collect();
        assert!(!contents(2, &many).is_plausible(100));
    }
}
