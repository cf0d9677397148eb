//! Pictures to fuzz with: small PNG and JPEG seeds (fuzz/seeds/) with damaged bytes,
//! other sizes in their headers, cut short, PNG chunks repeated or their pixel data
//! changed (with the checksums made right again so the decoder reads on), JPEG scans
//! repeated and their progressive parameters changed.

use super::driver::Rng;

/// The seeds: (file name, bytes).
pub const SEEDS: [(&str, &[u8]); 10] = [
    ("baseline.jpg", include_bytes!("seeds/baseline.jpg")),
    (
        "baseline-444-restart.jpg",
        include_bytes!("seeds/baseline-444-restart.jpg"),
    ),
    ("progressive.jpg", include_bytes!("seeds/progressive.jpg")),
    (
        "progressive-grey.jpg",
        include_bytes!("seeds/progressive-grey.jpg"),
    ),
    ("grey.jpg", include_bytes!("seeds/grey.jpg")),
    ("cmyk.jpg", include_bytes!("seeds/cmyk.jpg")),
    ("rgb.png", include_bytes!("seeds/rgb.png")),
    ("rgba.png", include_bytes!("seeds/rgba.png")),
    ("grey16.png", include_bytes!("seeds/grey16.png")),
    ("palette.png", include_bytes!("seeds/palette.png")),
];

/// Sides that sit on or across the limits, or make no sense.
const SIDES: [u32; 10] = [0, 1, 2, 7, 4096, 9999, 10_000, 10_001, 65_535, 0x7FFF_FFFF];

/// What each PNG change is called in a case's description.
const PNG_CHANGES: [&str; 11] = [
    "IHDR size",
    "IHDR depth or colour",
    "pixel data",
    "chunk repeated or dropped",
    "cut short",
    "chunk added",
    "bytes flipped",
    "pixel data",
    "pixel data",
    "pixel data",
    "chunk added",
];

/// What each JPEG change is called in a case's description.
const JPEG_CHANGES: [&str; 10] = [
    "frame size",
    "frame type or components",
    "scans repeated",
    "scans repeated",
    "scan parameters",
    "tables damaged",
    "cut short",
    "bytes flipped",
    "scans repeated",
    "scan parameters",
];

/// A mutated picture: (its file name in the course, the bytes, what was changed).
pub fn image_case(rng: &mut Rng) -> (String, Vec<u8>, String) {
    let (name, seed) = rng.pick(&SEEDS);
    let mut bytes = seed.to_vec();
    let mut changes = Vec::new();
    for _ in 0..1 + rng.below(2) {
        changes.push(if bytes.starts_with(b"\x89PNG") {
            mutate_png(rng, &mut bytes)
        } else {
            mutate_jpeg(rng, &mut bytes)
        });
    }
    // Now and then a name that does not match what the file is.
    let ext = name.rsplit('.').next().unwrap_or("png");
    let ext = if rng.below(10) == 0 {
        rng.pick(&["png", "jpg", "jpeg", "PNG", "gif"])
    } else {
        ext
    };
    let what = format!("{name}: {}", changes.join(", "));
    (format!("fuzz.{ext}"), bytes, what)
}

fn flip_bytes(rng: &mut Rng, bytes: &mut [u8], from: usize) {
    for _ in 0..1 + rng.below(8) {
        let at = from + rng.below(bytes.len().saturating_sub(from).max(1));
        if let Some(b) = bytes.get_mut(at) {
            *b = match rng.below(3) {
                0 => *b ^ (1 << rng.below(8)),
                1 => 0xFF,
                _ => rng.next() as u8,
            };
        }
    }
}

/// PNG chunks: (where the chunk starts, its type, where its data starts, its length).
fn png_chunks(bytes: &[u8]) -> Vec<(usize, [u8; 4], usize, usize)> {
    let mut chunks = Vec::new();
    let mut at = 8;
    while at + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        let kind: [u8; 4] = bytes[at + 4..at + 8].try_into().unwrap();
        chunks.push((at, kind, at + 8, len));
        at = at.saturating_add(12).saturating_add(len);
    }
    chunks
}

fn crc(data: &[u8]) -> u32 {
    let mut crc = flate2::Crc::new();
    crc.update(data);
    crc.sum()
}

/// Writes the checksum of the chunk at `start` again after its data changed.
fn fix_crc(bytes: &mut [u8], start: usize, len: usize) {
    let end = start + 8 + len;
    if end + 4 <= bytes.len() {
        let sum = crc(&bytes[start + 4..end]);
        bytes[end..end + 4].copy_from_slice(&sum.to_be_bytes());
    }
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let sum = crc(&out[4..]);
    out.extend(sum.to_be_bytes());
    out
}

fn mutate_png(rng: &mut Rng, bytes: &mut Vec<u8>) -> &'static str {
    let chunks = png_chunks(bytes);
    // Pixel data changed and packed again, and chunks added, most often: those pictures
    // still pass `validate`, so `build` has to print them.
    let change = rng.below(PNG_CHANGES.len());
    match change {
        0 => {
            // Another width or height in IHDR, its checksum right.
            let at = 16 + 4 * rng.below(2);
            let side = rng.pick(&SIDES);
            if bytes.len() >= at + 4 {
                bytes[at..at + 4].copy_from_slice(&side.to_be_bytes());
                fix_crc(bytes, 8, 13);
            }
        }
        1 => {
            // Another bit depth, colour type or interlace method.
            let (at, values): (usize, &[u8]) = match rng.below(3) {
                0 => (24, &[1, 2, 4, 8, 16, 3, 0]),
                1 => (25, &[0, 2, 3, 4, 6, 1, 7]),
                _ => (28, &[0, 1, 2]),
            };
            if bytes.len() > at {
                bytes[at] = rng.pick(values);
                fix_crc(bytes, 8, 13);
            }
        }
        2 | 7..=9 => {
            // The pixel data changed (rows, filter bytes) and packed again, so it gets
            // past the checksums to the decoder.
            if let Some(&(start, _, data, len)) = chunks.iter().find(|c| &c.1 == b"IDAT") {
                let mut raw = Vec::new();
                let packed = bytes.get(data..data + len).unwrap_or_default();
                if std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(packed), &mut raw)
                    .is_ok()
                {
                    match rng.below(5) {
                        0..=2 => flip_bytes(rng, &mut raw, 0),
                        3 => raw.truncate(rng.below(raw.len() + 1)),
                        _ => {
                            let copy = raw.clone();
                            raw.extend(copy.iter().take(rng.below(copy.len() + 1)));
                        }
                    }
                    let mut packer =
                        flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
                    std::io::Write::write_all(&mut packer, &raw).expect("pack in memory");
                    let packed = packer.finish().expect("pack in memory");
                    bytes.splice(start..data + len + 4, chunk(b"IDAT", &packed));
                }
            }
        }
        3 => {
            // A chunk repeated, or one left out (IEND, PLTE, IDAT).
            if let Some(&(start, _, _, len)) = chunks.get(rng.below(chunks.len())) {
                let end = (start + 12 + len).min(bytes.len());
                if rng.below(2) == 0 {
                    let copy = bytes[start..end].to_vec();
                    for _ in 0..1 + rng.below(50) {
                        bytes.splice(start..start, copy.iter().copied());
                    }
                } else {
                    bytes.drain(start..end);
                }
            }
        }
        4 => {
            let keep = rng.below(bytes.len() + 1);
            bytes.truncate(keep);
        }
        5 | 10 => {
            // A chunk the decoder may not know, or a huge text chunk.
            let extra = match rng.below(3) {
                0 => chunk(b"tEXt", &vec![b'a'; rng.below(100_000)]),
                1 => chunk(b"zzZz", b"data"),
                _ => chunk(b"acTL", &[0, 0, 0, 200, 0, 0, 0, 0]),
            };
            let at = chunks.get(1).map_or(bytes.len(), |c| c.0);
            bytes.splice(at..at, extra);
        }
        _ => flip_bytes(rng, bytes, 8),
    }
    PNG_CHANGES[change]
}

/// JPEG segments up to the first scan's data: (marker, where it starts, its length).
fn jpeg_segments(bytes: &[u8]) -> Vec<(u8, usize, usize)> {
    let mut segments = Vec::new();
    let mut at = 2;
    while at + 4 <= bytes.len() && bytes[at] == 0xFF {
        let marker = bytes[at + 1];
        let len = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        segments.push((marker, at, len));
        if marker == 0xDA {
            break;
        }
        at += 2 + len;
    }
    segments
}

/// Where each scan starts (its SOS marker) and ends (the next marker that is not a
/// restart marker or a stuffed byte).
fn jpeg_scans(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut scans = Vec::new();
    let mut i = 2;
    let mut open: Option<usize> = None;
    while i + 1 < bytes.len() {
        if bytes[i] == 0xFF {
            let m = bytes[i + 1];
            let ends_data = m != 0x00 && m != 0xFF && !(0xD0..=0xD7).contains(&m);
            if ends_data {
                if let Some(start) = open.take() {
                    scans.push((start, i));
                }
                if m == 0xDA {
                    open = Some(i);
                }
            }
        }
        i += 1;
    }
    scans
}

fn mutate_jpeg(rng: &mut Rng, bytes: &mut Vec<u8>) -> &'static str {
    let segments = jpeg_segments(bytes);
    // Scans repeated or changed most often: what progressive decoders spend their time on.
    let change = rng.below(JPEG_CHANGES.len());
    match change {
        0 => {
            // Another width or height in the frame header.
            if let Some(&(_, at, _)) = segments.iter().find(|s| matches!(s.0, 0xC0..=0xC2)) {
                let field = at + 5 + 2 * rng.below(2);
                let side = rng.pick(&SIDES).min(0xFFFF) as u16;
                if bytes.len() >= field + 2 {
                    bytes[field..field + 2].copy_from_slice(&side.to_be_bytes());
                }
            }
        }
        1 => {
            // Baseline read as progressive and back, or another number of components.
            if let Some(&(_, at, _)) = segments.iter().find(|s| matches!(s.0, 0xC0..=0xC2)) {
                if rng.below(2) == 0 {
                    bytes[at + 1] = rng.pick(&[0xC0, 0xC1, 0xC2, 0xC3, 0xC9]);
                } else if let Some(b) = bytes.get_mut(at + 9) {
                    *b = rng.pick(&[0, 1, 2, 3, 4, 5, 255]);
                }
            }
        }
        2 | 3 | 8 => {
            // Scans repeated: a progressive file may have many, each refining the last.
            let scans = jpeg_scans(bytes);
            if let Some(&(start, end)) = scans.get(rng.below(scans.len())) {
                let copy = bytes[start..end].to_vec();
                let times = rng.pick(&[1, 2, 10, 100, 1000, 5000]);
                let mut repeated = Vec::with_capacity(copy.len() * times);
                for _ in 0..times {
                    repeated.extend_from_slice(&copy);
                }
                bytes.splice(end..end, repeated);
            }
        }
        4 | 9 => {
            // A scan's spectral selection and successive approximation changed.
            let scans = jpeg_scans(bytes);
            if let Some(&(start, _)) = scans.get(rng.below(scans.len())) {
                let components = usize::from(*bytes.get(start + 4).unwrap_or(&0));
                let params = start + 5 + 2 * components;
                if let Some(b) = bytes.get_mut(params + rng.below(3)) {
                    *b = rng.pick(&[0, 1, 5, 63, 64, 0xFF, 0x11, 0xF0, 0x0F]);
                }
            }
        }
        5 => {
            // Huffman or quantisation tables damaged.
            let tables: Vec<_> = segments
                .iter()
                .filter(|s| matches!(s.0, 0xC4 | 0xDB | 0xDD))
                .collect();
            if let Some(&&(_, at, len)) = tables.get(rng.below(tables.len())) {
                let end = (at + 2 + len).min(bytes.len());
                let mut segment = bytes[at..end].to_vec();
                flip_bytes(rng, &mut segment, 4);
                bytes.splice(at..end, segment);
            }
        }
        6 => {
            let keep = rng.below(bytes.len() + 1);
            bytes.truncate(keep);
        }
        _ => flip_bytes(rng, bytes, 2),
    }
    JPEG_CHANGES[change]
}
