//! A course's own font to fuzz with: a bundled font with its bytes damaged inside one of
//! its tables, or its metrics in `head`, `hhea` and `OS/2` set to odd values (zero,
//! negative, huge, ascender below descender), or its table directory bent.

use super::driver::Rng;

/// The bundled fonts as seeds, with text in the script each is for: a course that brings
/// its own font writes in that script, so the font is the first in the chain for it.
pub const SEEDS: [(&str, &[u8], &str); 5] = [
    (
        "DejaVuSans",
        include_bytes!("../fonts/DejaVuSans.ttf"),
        "Gentle strokes",
    ),
    (
        "NotoSansDevanagari",
        include_bytes!("../fonts/NotoSansDevanagari-Regular.ttf"),
        "शिशु की मालिश क्षत्रिय क्क्क्",
    ),
    (
        "NotoSansArabic",
        include_bytes!("../fonts/NotoSansArabic-Regular.ttf"),
        "تدليك الطفل بلطف",
    ),
    (
        "NotoSansHebrew",
        include_bytes!("../fonts/NotoSansHebrew-Regular.ttf"),
        "עיסוי תינוקות",
    ),
    (
        "NotoSansThai",
        include_bytes!("../fonts/NotoSansThai-Regular.ttf"),
        "นวดเด็กทารก",
    ),
];

/// Values that break arithmetic on font units.
const ODD: [i32; 12] = [
    0, 1, -1, 2, 16, 64, 16384, 16385, 0x7FFF, -0x8000, 0xFFFF, 1000,
];

/// Where metrics sit: (table, offset, what it is).
const METRICS: [(&[u8; 4], usize); 16] = [
    (b"head", 18), // unitsPerEm
    (b"head", 36), // xMin
    (b"head", 38), // yMin
    (b"head", 40), // xMax
    (b"head", 42), // yMax
    (b"head", 50), // indexToLocFormat
    (b"hhea", 4),  // ascender
    (b"hhea", 6),  // descender
    (b"hhea", 8),  // lineGap
    (b"hhea", 10), // advanceWidthMax
    (b"hhea", 34), // numberOfHMetrics
    (b"OS/2", 68), // sTypoAscender
    (b"OS/2", 70), // sTypoDescender
    (b"OS/2", 72), // sTypoLineGap
    (b"OS/2", 74), // usWinAscent
    (b"OS/2", 76), // usWinDescent
];

/// A table of the font: its tag, where it starts and how long it is.
struct Table {
    tag: [u8; 4],
    entry: usize,
    offset: usize,
    length: usize,
}

fn be32(bytes: &[u8], at: usize) -> usize {
    bytes
        .get(at..at + 4)
        .map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
}

/// The table directory: numTables at 4, then 16-byte records from 12.
fn tables(bytes: &[u8]) -> Vec<Table> {
    let count = bytes
        .get(4..6)
        .map_or(0, |b| u16::from_be_bytes([b[0], b[1]]));
    (0..usize::from(count))
        .filter_map(|i| {
            let entry = 12 + 16 * i;
            let tag: [u8; 4] = bytes.get(entry..entry + 4)?.try_into().ok()?;
            Some(Table {
                tag,
                entry,
                offset: be32(bytes, entry + 8),
                length: be32(bytes, entry + 12),
            })
        })
        .collect()
}

fn put16(bytes: &mut [u8], at: usize, value: i32) {
    if let Some(slot) = bytes.get_mut(at..at + 2) {
        slot.copy_from_slice(&(value as u16).to_be_bytes());
    }
}

fn put32(bytes: &mut [u8], at: usize, value: u32) {
    if let Some(slot) = bytes.get_mut(at..at + 4) {
        slot.copy_from_slice(&value.to_be_bytes());
    }
}

/// A mutated font: (the seed's index in [`SEEDS`], the bytes, what was changed).
pub fn font_case(rng: &mut Rng) -> (usize, Vec<u8>, String) {
    let seed = rng.below(SEEDS.len());
    let mut bytes = SEEDS[seed].1.to_vec();
    let changes: Vec<String> = (0..1 + rng.below(4))
        .map(|_| mutate(rng, &mut bytes))
        .collect();
    (seed, bytes, changes.join(", "))
}

/// One change; says what it changed, such as "hhea+4 = -1" or "glyf bytes".
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) -> String {
    let tables = tables(bytes);
    let tag = |t: &Table| String::from_utf8_lossy(&t.tag).into_owned();
    match rng.below(8) {
        0 | 1 => {
            // One metric set to an odd value.
            let (tag, at) = rng.pick(&METRICS);
            let value = if rng.below(4) == 0 {
                i32::from(rng.below(0x1_0000) as u16)
            } else {
                rng.pick(&ODD)
            };
            if let Some(table) = tables.iter().find(|t| &t.tag == tag) {
                put16(bytes, table.offset + at, value);
            }
            format!("{}+{at} = {value}", String::from_utf8_lossy(tag))
        }
        2 => {
            // Ascender and descender swapped, or equal: lines of no height, or less.
            let (tag, at) = rng.pick(&[(b"hhea", 4), (b"OS/2", 68)]);
            let Some(table) = tables.iter().find(|t| &t.tag == tag) else {
                return "no table".to_owned();
            };
            let read = |bytes: &[u8], at: usize| {
                bytes
                    .get(at..at + 2)
                    .map_or(0, |b| i32::from(i16::from_be_bytes([b[0], b[1]])))
            };
            let ascender = read(bytes, table.offset + at);
            let descender = read(bytes, table.offset + at + 2);
            let (a, d, what) = match rng.below(3) {
                0 => (descender, ascender, "swapped"),
                1 => (ascender, ascender, "equal"),
                _ => (0, 0, "zero"),
            };
            put16(bytes, table.offset + at, a);
            put16(bytes, table.offset + at + 2, d);
            format!(
                "{} ascender and descender {what}",
                String::from_utf8_lossy(tag)
            )
        }
        3 => {
            // Bytes flipped inside one table, so the damage lands where a parser looks.
            if let Some(table) = tables.get(rng.below(tables.len())) {
                for _ in 0..1 + rng.below(16) {
                    let at = table.offset + rng.below(table.length.max(1));
                    if let Some(b) = bytes.get_mut(at) {
                        *b = match rng.below(3) {
                            0 => *b ^ (1 << rng.below(8)),
                            1 => 0xFF,
                            _ => 0,
                        };
                    }
                }
                return format!("{} bytes", tag(table));
            }
            "no table".to_owned()
        }
        4 => {
            // A table said to be longer, shorter or elsewhere than it is.
            if let Some(table) = tables.get(rng.below(tables.len())) {
                let field = table.entry + if rng.below(2) == 0 { 8 } else { 12 };
                let value = match rng.below(4) {
                    0 => 0,
                    1 => u32::MAX,
                    2 => bytes.len() as u32,
                    _ => (table.length as u32).wrapping_add(rng.below(64) as u32),
                };
                put32(bytes, field, value);
                return format!("{} directory entry", tag(table));
            }
            "no table".to_owned()
        }
        5 => {
            // One table's contents zeroed.
            if let Some(table) = tables.get(rng.below(tables.len())) {
                let end = (table.offset + table.length).min(bytes.len());
                let start = table.offset.min(end);
                bytes[start..end].fill(0);
                return format!("{} zeroed", tag(table));
            }
            "no table".to_owned()
        }
        6 => {
            let keep = rng.below(bytes.len() + 1);
            bytes.truncate(keep);
            format!("cut to {keep} bytes")
        }
        _ => {
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(bytes.len().max(1));
                if let Some(b) = bytes.get_mut(at) {
                    *b = rng.next() as u8;
                }
            }
            "bytes anywhere".to_owned()
        }
    }
}
