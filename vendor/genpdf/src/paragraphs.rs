// SPDX-License-Identifier: Apache-2.0 or MIT

//! course patch (new): a cache of shaped paragraphs.
//!
//! The same paragraphs are laid out many times in one build: the booklet holds every
//! handout's text and is laid out twice (once to find its page numbers), and a block kept
//! together may be tried on two pages. Shaping (normalising, bidi levels, scripts, line
//! break opportunities and the glyphs) depends only on the styled text, the direction and
//! the fonts, so a paragraph is shaped once per build and shared after that.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::style::StyledString;
use crate::text::{Direction, ShapedParagraph};

/// Paragraphs longer than this are shaped every time: they rarely repeat, and it keeps
/// any one entry small.
const MAX_PARAGRAPH_BYTES: usize = 16 * 1024;

/// Text kept, in bytes; a shaped paragraph takes some fifty bytes per byte of text, so
/// the cache stays under about fifty megabytes. When full, it starts again.
const MAX_CACHED_BYTES: usize = 1024 * 1024;

type Paragraphs = HashMap<Box<[u8]>, Arc<ShapedParagraph>, foldhash::fast::RandomState>;

/// Shaped paragraphs by their styled text and direction, shared by every document laid
/// out with the same fonts (and so by the threads that lay them out).
#[derive(Default)]
pub(crate) struct ParagraphCache {
    paragraphs: Mutex<(Paragraphs, usize)>,
}

impl std::fmt::Debug for ParagraphCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ParagraphCache")
    }
}

impl ParagraphCache {
    /// `spans` shaped in `direction`, by `shape` the first time they are asked for.
    pub fn get_or_shape<E>(
        &self,
        spans: &[StyledString],
        direction: Direction,
        shape: impl FnOnce() -> Result<ShapedParagraph, E>,
    ) -> Result<Arc<ShapedParagraph>, E> {
        let bytes: usize = spans.iter().map(|s| s.s.len()).sum();
        if bytes > MAX_PARAGRAPH_BYTES {
            return shape().map(Arc::new);
        }
        let key = key(spans, direction);
        {
            let guard = self.paragraphs.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(found) = guard.0.get(&key) {
                return Ok(found.clone());
            }
        }
        // Shaped outside the lock: two threads may shape one paragraph twice, never wait.
        let shaped = Arc::new(shape()?);
        let mut guard = self.paragraphs.lock().unwrap_or_else(|e| e.into_inner());
        let (paragraphs, kept) = &mut *guard;
        if *kept + bytes > MAX_CACHED_BYTES {
            paragraphs.clear();
            *kept = 0;
        }
        if paragraphs.insert(key, shaped.clone()).is_none() {
            *kept += bytes;
        }
        Ok(shaped)
    }
}

/// Everything a paragraph's shape depends on besides the fonts, as bytes.
fn key(spans: &[StyledString], direction: Direction) -> Box<[u8]> {
    let mut key = Vec::with_capacity(spans.iter().map(|s| s.s.len() + 32).sum::<usize>() + 1);
    key.push(direction as u8);
    for span in spans {
        span.style.cache_key(&mut key);
        key.extend((span.s.len() as u64).to_le_bytes());
        key.extend(span.s.as_bytes());
    }
    key.into_boxed_slice()
}
