// SPDX-License-Identifier: Apache-2.0 or MIT

//! course patch (new): a cache of shaped words.
//!
//! Shaping is most of the cost of laying out text, and the words of a course repeat: in
//! every paragraph, and across the handouts, checklists and booklet made from the same
//! modules. Browsers keep the same kind of cache (Blink's word shaper). A word is shaped
//! with its trailing spaces, at one em, by the fallback chain it was asked for; a run of
//! text is then the cached words placed one after the other. Kerning across a space and
//! contextual forms across words are lost, which Latin, Cyrillic, Greek, Arabic (no
//! joining across a space), Hebrew and Indic text never use.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use crate::fonts::Font;

/// One glyph of a word shaped at one em: its face, id, the bytes of its cluster in the
/// word, and its advance and offsets in ems.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WordGlyph {
    pub font: Font,
    pub id: u16,
    pub cluster: (u16, u16),
    pub x_advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
}

/// Words longer than this are shaped every time: long words rarely repeat, and a
/// stretch of Thai or Chinese (no spaces) is one long "word".
pub(crate) const MAX_WORD_BYTES: usize = 48;

/// Enough for the vocabulary of a long course in a few scripts; when full, the cache
/// starts again, so memory stays bounded whatever the text.
const MAX_WORDS: usize = 50_000;

/// Hashed with foldhash: a word is looked up for every word of every run, and SipHash
/// was most of the lookup; foldhash is seeded per process, so text chosen to collide in
/// one run collides in no other.
type Words = HashMap<Box<str>, Arc<[WordGlyph]>, foldhash::fast::RandomState>;

/// What a word's shape depends on besides its text: the fonts tried, the direction and
/// the script.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) struct WordKey<'a> {
    pub fonts: &'a [Font],
    pub rtl: bool,
    pub script: [u8; 4],
}

/// Shaped words by fallback chain and direction, shared by every document laid out with
/// the same fonts (and so by the threads that lay them out).
#[derive(Default)]
pub(crate) struct WordCache {
    chains: Mutex<(Vec<(Vec<Font>, bool, [u8; 4], Words)>, usize)>,
}

impl std::fmt::Debug for WordCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WordCache")
    }
}

impl WordCache {
    /// The shaped glyphs of `word` as `key` sets it, shaped by `shape` the first time it
    /// is asked for.
    pub fn get_or_shape<E>(
        &self,
        key: &WordKey<'_>,
        word: &str,
        shape: impl FnOnce() -> Result<Vec<WordGlyph>, E>,
    ) -> Result<Arc<[WordGlyph]>, E> {
        if let Some(found) = self.lookup(key, word) {
            return Ok(found);
        }
        // Shaped outside the lock: two threads may shape one word twice, never wait.
        let glyphs: Arc<[WordGlyph]> = shape()?.into();
        let mut guard = self.chains.lock().unwrap_or_else(|e| e.into_inner());
        let (chains, count) = &mut *guard;
        if *count >= MAX_WORDS {
            chains.clear();
            *count = 0;
        }
        let i = match chains.iter().position(|c| key.matches(c)) {
            Some(i) => i,
            None => {
                chains.push((key.fonts.to_vec(), key.rtl, key.script, Words::default()));
                chains.len() - 1
            }
        };
        if chains[i].3.insert(word.into(), glyphs.clone()).is_none() {
            *count += 1;
        }
        Ok(glyphs)
    }

    fn lookup(&self, key: &WordKey<'_>, word: &str) -> Option<Arc<[WordGlyph]>> {
        let guard = self.chains.lock().unwrap_or_else(|e| e.into_inner());
        guard
            .0
            .iter()
            .find(|c| key.matches(c))
            .and_then(|c| c.3.get(word).cloned())
    }
}

impl WordKey<'_> {
    fn matches(&self, chain: &(Vec<Font>, bool, [u8; 4], Words)) -> bool {
        chain.0 == self.fonts && chain.1 == self.rtl && chain.2 == self.script
    }
}

/// `range` of `text` cut after each run of spaces: the words to shape one by one.
pub(crate) fn split_words(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut start = range.start;
    std::iter::from_fn(move || {
        if start >= range.end {
            return None;
        }
        let mut i = start;
        while i < range.end && bytes[i] != b' ' {
            i += 1;
        }
        while i < range.end && bytes[i] == b' ' {
            i += 1;
        }
        let word = start..i;
        start = i;
        Some(word)
    })
}
