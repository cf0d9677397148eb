//! course patch: embed only the glyphs a document uses.
//!
//! Upstream embeds every face whole and uncompressed and, on save, walks every code point
//! up to `char::MAX` per font to build the ToUnicode map and widths. Here, on save:
//! 1. the pages' text operators are scanned for the glyph ids each font uses;
//! 2. each font is subset to those glyphs with `subsetter` (new, dense glyph ids);
//! 3. the text operators are rewritten to the new ids;
//! 4. widths and ToUnicode are written for the used glyphs only, the reverse map coming
//!    from the font's own cmap (`ttf-parser`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use lopdf::content::Operation;
use lopdf::Object;

use types::pdf_page::PdfPage;

/// A font cut down to the glyphs one document uses.
#[derive(Debug, Clone)]
pub struct Subset {
    /// The subset font program.
    pub bytes: Vec<u8>,
    /// New glyph id -> (Unicode scalar, advance width in font units), sorted by id.
    pub glyphs: Vec<(u16, u32, u32)>,
}

/// Glyph ids used per font resource name (`F0`, `F1`, ...), from `Tf` / `Tj` / `TJ`.
pub fn used_glyphs(pages: &[PdfPage]) -> HashMap<Vec<u8>, BTreeSet<u16>> {
    let mut used: HashMap<Vec<u8>, BTreeSet<u16>> = HashMap::new();
    for page in pages {
        for layer in &page.layers {
            let mut font: Option<Vec<u8>> = None;
            for op in &layer.operations {
                match op.operator.as_str() {
                    "Tf" => font = op.operands.first().and_then(|o| o.as_name().ok()).map(|n| n.to_vec()),
                    "Tj" | "TJ" => {
                        if let Some(font) = &font {
                            let set = used.entry(font.clone()).or_default();
                            for_each_string(&op.operands, &mut |bytes| {
                                set.extend(bytes.chunks(2).filter(|c| c.len() == 2).map(|c| u16::from_be_bytes([c[0], c[1]])));
                            });
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    used
}

/// Rewrites glyph ids in text operators with each font's remapping.
pub fn remap_pages(pages: &mut [PdfPage], maps: &HashMap<Vec<u8>, HashMap<u16, u16>>) {
    for page in pages {
        for layer in &mut page.layers {
            let mut map: Option<&HashMap<u16, u16>> = None;
            for op in &mut layer.operations {
                match op.operator.as_str() {
                    "Tf" => map = op.operands.first().and_then(|o| o.as_name().ok()).and_then(|n| maps.get(n)),
                    "Tj" | "TJ" => {
                        if let Some(map) = map {
                            remap_operation(op, map);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

fn remap_operation(op: &mut Operation, map: &HashMap<u16, u16>) {
    for_each_string_mut(&mut op.operands, &mut |bytes| {
        for chunk in bytes.chunks_mut(2) {
            if chunk.len() == 2 {
                let old = u16::from_be_bytes([chunk[0], chunk[1]]);
                let new = map.get(&old).copied().unwrap_or(0);
                chunk.copy_from_slice(&new.to_be_bytes());
            }
        }
    });
}

fn for_each_string(objects: &[Object], f: &mut dyn FnMut(&[u8])) {
    for o in objects {
        match o {
            Object::String(bytes, _) => f(bytes),
            Object::Array(items) => for_each_string(items, f),
            _ => {}
        }
    }
}

fn for_each_string_mut(objects: &mut [Object], f: &mut dyn FnMut(&mut [u8])) {
    for o in objects {
        match o {
            Object::String(bytes, _) => f(bytes),
            Object::Array(items) => for_each_string_mut(items, f),
            _ => {}
        }
    }
}

/// Subsets `font` to `glyphs` (glyph 0, the missing-glyph box, is always kept) and
/// returns the subset and the old -> new glyph id map.
pub fn subset(font: &[u8], glyphs: &BTreeSet<u16>) -> Option<(Subset, HashMap<u16, u16>)> {
    let face = ttf_parser::Face::parse(font, 0).ok()?;
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut map = HashMap::new();
    for &old in std::iter::once(&0).chain(glyphs.iter()) {
        map.insert(old, remapper.remap(old));
    }
    let bytes = subsetter::subset(font, 0, &remapper).ok()?;
    let unicode = reverse_cmap(font, &face, glyphs);
    let mut out: Vec<(u16, u32, u32)> = map
        .iter()
        .map(|(&old, &new)| {
            let width = face.glyph_hor_advance(ttf_parser::GlyphId(old)).map_or(0, u32::from);
            (new, unicode.get(&old).copied().unwrap_or(0), width)
        })
        .collect();
    out.sort_unstable();
    Some((Subset { bytes, glyphs: out }, map))
}

/// The first Unicode scalar that maps to each of `wanted`.
fn reverse_cmap(font: &[u8], face: &ttf_parser::Face, wanted: &BTreeSet<u16>) -> BTreeMap<u16, u32> {
    let full = full_reverse_cmap(font, face);
    wanted.iter().filter_map(|g| full.get(g).map(|&cp| (*g, cp))).collect()
}

/// Glyph id -> first code point, for the whole font. Walking a font's cmap costs more
/// than the rest of the subsetting, and every document of a build uses the same fonts,
/// so it is done once per font and process. The key is the font's table directory
/// (which carries every table's checksum) and its length.
fn full_reverse_cmap(font: &[u8], face: &ttf_parser::Face) -> Arc<HashMap<u16, u32>> {
    static CACHE: OnceLock<Mutex<HashMap<(usize, Vec<u8>), Arc<HashMap<u16, u32>>>>> = OnceLock::new();
    let key = (font.len(), font[..font.len().min(1024)].to_vec());
    let cache = CACHE.get_or_init(Default::default);
    if let Some(found) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return found;
    }
    let mut found = HashMap::new();
    if let Some(cmap) = face.tables().cmap {
        for table in cmap.subtables.into_iter().filter(|t| t.is_unicode()) {
            table.codepoints(|cp| {
                if let Some(g) = table.glyph_index(cp) {
                    found.entry(g.0).or_insert(cp);
                }
            });
        }
    }
    let found = Arc::new(found);
    if let Ok(mut c) = cache.lock() {
        c.insert(key, found.clone());
    }
    found
}

/// Compresses every stream that may be compressed. lopdf's own `compress` uses the
/// slowest zlib level, which cost more time than laying out the document.
pub fn compress(doc: &mut lopdf::Document) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        if let Object::Stream(ref mut stream) = *object {
            if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
                continue;
            }
            let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
            let compressed = encoder.write_all(&stream.content).and_then(|_| encoder.finish());
            if let Ok(compressed) = compressed {
                if compressed.len() + 19 < stream.content.len() {
                    stream.dict.set("Filter", "FlateDecode");
                    stream.set_content(compressed);
                }
            }
        }
    }
}

/// A ToUnicode CMap in the standard form, for the used glyphs only.
pub fn to_unicode_cmap(glyphs: &[(u16, u32, u32)]) -> String {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let mapped: Vec<&(u16, u32, u32)> = glyphs.iter().filter(|g| g.1 != 0).collect();
    for chunk in mapped.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (gid, unicode, _) in chunk {
            let mut units = [0u16; 2];
            let encoded = std::char::from_u32(*unicode).map(|c| c.encode_utf16(&mut units).len()).unwrap_or(0);
            let hex: String = units[..encoded].iter().map(|u| format!("{:04X}", u)).collect();
            out.push_str(&format!("<{:04X}> <{}>\n", gid, hex));
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}
