//! Pictures a course names: read through the file gate, their size taken from the header
//! without decoding, and held to a budget of memory before anything is decoded. A 1 KB
//! file may claim to be 10,000 x 10,000 pixels; the header says so before the decoder
//! would allocate the memory.
//!
//! PNG and JPEG pictures and SVG drawings ([`svg`]) are accepted; GIF, TIFF, BMP and
//! WebP are named and refused.

pub mod svg;

use std::path::Path;

use crate::limits::{MAX_IMAGE_BYTES, MAX_IMAGE_DECODED_BYTES, MAX_IMAGE_SIDE, MAX_JPEG_SCANS};
use crate::load::gate::{self, GateError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Png,
    Jpeg,
    /// A drawing, printed as lines and shapes; its size is in CSS pixels (96 to the inch).
    Svg,
}

/// How pixels are stored, from the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    Grey,
    GreyAlpha,
    Rgb,
    Rgba,
    /// PNG with a palette: decoded to RGB or RGBA.
    Palette,
    /// JPEG with four components: decoded to RGB.
    Cmyk,
}

/// What an image header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageInfo {
    pub format: Format,
    pub width: u32,
    pub height: u32,
    pub colour: Colour,
    /// Bytes per sample: 2 for 16-bit PNGs, else 1.
    pub sample_bytes: u32,
}

impl ImageInfo {
    /// Whether the picture has transparent parts (PNG alpha channel or palette).
    pub fn has_alpha(&self) -> bool {
        matches!(
            self.colour,
            Colour::GreyAlpha | Colour::Rgba | Colour::Palette
        )
    }

    /// Bytes per pixel once decoded, counting the widest form the decoder may produce.
    pub fn bytes_per_pixel(&self) -> u32 {
        let channels = match self.colour {
            Colour::Grey => 1,
            Colour::GreyAlpha => 2,
            Colour::Rgb => 3,
            Colour::Rgba | Colour::Palette | Colour::Cmyk => 4,
        };
        channels * self.sample_bytes
    }

    /// Memory the decoded picture takes: width x height x bytes per pixel.
    pub fn decoded_bytes(&self) -> u64 {
        u64::from(self.width) * u64::from(self.height) * u64::from(self.bytes_per_pixel())
    }
}

/// Why a picture cannot be used. [`ImageError::reason`] words it for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageError {
    /// The file did not pass the gate (missing, a pipe, too large, ...).
    File(GateError),
    /// GIF, TIFF, BMP or WebP: named, but not used.
    Unsupported(&'static str),
    /// Not a picture at all.
    NotAPicture,
    /// The header ends early or makes no sense.
    BadHeader,
    /// Wider or taller than [`MAX_IMAGE_SIDE`].
    TooManyPixels { width: u32, height: u32 },
    /// Would take more than [`MAX_IMAGE_DECODED_BYTES`] once decoded.
    TooMuchMemory { info: ImageInfo },
    /// The header is fine but the picture data is cut short or damaged.
    Damaged,
    /// A JPEG in more scans (passes) than [`MAX_JPEG_SCANS`]: each is decoded over the
    /// whole picture, so a small file could take minutes.
    TooManyScans { scans: usize },
    /// A PNG whose data unpacks to far more than its pixels need (a compression bomb).
    TooMuchData,
    /// An SVG drawing larger than [`svg::MAX_SVG_BYTES`].
    SvgTooLarge { bytes: u64 },
    /// An SVG drawing refused at a line: malformed, or reaching outside itself.
    Svg(svg::SvgError),
}

impl ImageError {
    /// A sentence about the picture `name`, such as "`images/a.gif` is a GIF picture...".
    pub fn reason(&self, name: &str) -> String {
        match self {
            ImageError::File(GateError::Missing) => format!("`{name}` does not exist"),
            ImageError::File(e) => format!("`{name}` cannot be read: {}", e.reason()),
            ImageError::Unsupported(kind) => {
                format!("`{name}` is a {kind} picture; only PNG and JPEG pictures can be printed")
            }
            ImageError::NotAPicture => format!("`{name}` cannot be read as a PNG or JPEG picture or an SVG drawing"),
            ImageError::BadHeader => {
                format!("`{name}` is a damaged picture: its header is cut short or makes no sense")
            }
            ImageError::TooManyPixels { width, height } => format!(
                "`{name}` is {width} x {height} pixels; images may be at most {MAX_IMAGE_SIDE} pixels a side"
            ),
            ImageError::TooMuchMemory { info } => format!(
                "`{name}` is {} x {} pixels, which takes {} MiB to print; a picture may take at most {} MiB",
                info.width,
                info.height,
                info.decoded_bytes().div_ceil(1024 * 1024),
                MAX_IMAGE_DECODED_BYTES / (1024 * 1024)
            ),
            ImageError::Damaged => format!(
                "`{name}` is a damaged picture: its data is cut short or does not match its header"
            ),
            ImageError::TooManyScans { scans } => format!(
                "`{name}` is a JPEG saved in {scans} passes, which takes far too long to read; a picture may have at most {MAX_JPEG_SCANS}"
            ),
            ImageError::TooMuchData => format!(
                "`{name}` holds far more picture data than its pixels need, which takes far too long to read"
            ),
            ImageError::SvgTooLarge { bytes } => format!(
                "`{name}` is a drawing of {} KiB; a drawing may be at most {} KiB",
                bytes.div_ceil(1024),
                svg::MAX_SVG_BYTES / 1024
            ),
            ImageError::Svg(e) => format!(
                "`{name}`, line {}, column {}: the drawing {}",
                e.line, e.column, e.what
            ),
        }
    }

    pub fn hint(&self) -> &'static str {
        match self {
            ImageError::TooManyPixels { .. }
            | ImageError::TooMuchMemory { .. }
            | ImageError::File(GateError::TooLarge { .. }) => {
                "save a smaller copy of the picture (a handout needs at most 2,000 pixels a side)"
            }
            ImageError::Unsupported(_) => {
                "open the picture in an image editor and save it as PNG or JPEG"
            }
            ImageError::BadHeader | ImageError::Damaged => {
                "open the picture in an image editor and save it again, or copy it again from where it came from"
            }
            ImageError::TooManyScans { .. } | ImageError::TooMuchData => {
                "open the picture in an image editor and save it again as an ordinary JPEG or as PNG"
            }
            ImageError::SvgTooLarge { .. } => {
                "simplify the drawing (fewer points), or save it as plain SVG without editor data"
            }
            ImageError::Svg(e) => e.hint,
            _ => "name a PNG, JPEG or SVG file inside the course folder, such as `images/water-wheel.svg`",
        }
    }
}

/// Reads what the first bytes of a picture say, without decoding it.
pub fn inspect_header(bytes: &[u8]) -> Result<ImageInfo, ImageError> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return png_header(bytes);
    }
    if bytes.starts_with(b"\xFF\xD8\xFF") {
        return jpeg_header(bytes);
    }
    let unsupported = if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        "GIF"
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        "TIFF"
    } else if bytes.starts_with(b"BM") {
        "BMP"
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        "WebP"
    } else {
        return Err(ImageError::NotAPicture);
    };
    Err(ImageError::Unsupported(unsupported))
}

/// Reads the picture at `path` through the file gate and checks its header against the
/// limits: the format, [`MAX_IMAGE_SIDE`] and [`MAX_IMAGE_DECODED_BYTES`]. Returns the
/// file's bytes and what the header says; nothing is decoded.
pub fn inspect(path: &Path) -> Result<(Vec<u8>, ImageInfo), ImageError> {
    let bytes = gate::read_file(path, MAX_IMAGE_BYTES).map_err(ImageError::File)?;
    if svg::looks_like_svg(&bytes) {
        let info = inspect_svg(&bytes)?;
        return Ok((bytes, info));
    }
    let info = inspect_header(&bytes)?;
    within_budget(&info)?;
    within_work(&bytes, &info)?;
    Ok((bytes, info))
}

/// A drawing within its limits, parsed and checked in full: its size in CSS pixels.
fn inspect_svg(bytes: &[u8]) -> Result<ImageInfo, ImageError> {
    let len = bytes.len() as u64;
    if len > svg::MAX_SVG_BYTES {
        return Err(ImageError::SvgTooLarge { bytes: len });
    }
    let (width, height) = svg::check(bytes).map_err(ImageError::Svg)?;
    Ok(ImageInfo {
        format: Format::Svg,
        width: width.ceil().max(1.0) as u32,
        height: height.ceil().max(1.0) as u32,
        colour: Colour::Rgba,
        sample_bytes: 1,
    })
}

/// Whether the picture at `path` can be printed: a PNG or JPEG decoded as the build will,
/// a drawing parsed and checked.
pub fn check(path: &Path) -> Result<ImageInfo, ImageError> {
    let (bytes, info) = inspect(path)?;
    if info.format == Format::Svg {
        return Ok(info);
    }
    decode(bytes, info).map(|(_, info)| info)
}

/// The work decoding would take, bounded before any decoding: a JPEG's scans counted, a
/// PNG's data unpacked (no further than its pixels need) to see that it holds no more.
/// Both are one pass over the file.
pub fn within_work(bytes: &[u8], info: &ImageInfo) -> Result<(), ImageError> {
    match info.format {
        Format::Jpeg => {
            let scans = jpeg_scans(bytes);
            if scans > MAX_JPEG_SCANS {
                return Err(ImageError::TooManyScans { scans });
            }
        }
        Format::Png => {
            if png_data_exceeds(bytes, png_data_bound(info)) {
                return Err(ImageError::TooMuchData);
            }
        }
        Format::Svg => {}
    }
    Ok(())
}

/// How many scans (start-of-scan markers) a JPEG has, walking its segments and skipping
/// each scan's data, where a marker byte is always escaped.
fn jpeg_scans(bytes: &[u8]) -> usize {
    let mut at = 2;
    let mut scans = 0;
    while at + 1 < bytes.len() {
        if bytes[at] != 0xFF {
            at += 1;
            continue;
        }
        let marker = bytes[at + 1];
        match marker {
            // Fill byte, or markers without a length.
            0xFF => at += 1,
            0x01 | 0xD0..=0xD8 => at += 2,
            0xD9 => break,
            _ => {
                let Some(len) = be16(bytes, at + 2) else {
                    break;
                };
                at += 2 + usize::from(len);
                if marker == 0xDA {
                    scans += 1;
                    // The scan's data runs to the next marker that is not an escaped 0xFF
                    // or a restart marker.
                    let in_scan = |at: usize| {
                        bytes[at] != 0xFF || matches!(bytes[at + 1], 0x00 | 0xD0..=0xD7 | 0xFF)
                    };
                    while at + 1 < bytes.len() && in_scan(at) {
                        at += 1;
                    }
                }
            }
        }
    }
    scans
}

/// The most bytes a PNG's image data may unpack to: its rows with their filter bytes,
/// twice over (interlaced pictures add a little per pass), and some slack.
fn png_data_bound(info: &ImageInfo) -> u64 {
    let row = (u64::from(info.width) * u64::from(info.bytes_per_pixel())).max(1) + 1;
    2 * row * u64::from(info.height) + 64 * 1024
}

/// Whether the PNG's IDAT chunks unpack to more than `bound` bytes; unpacking stops there.
/// Data that cannot be unpacked is left to the decoder to call damaged.
fn png_data_exceeds(bytes: &[u8], bound: u64) -> bool {
    let mut inflate = flate2::Decompress::new(true);
    let mut out = vec![0u8; 64 * 1024];
    let mut at = 8;
    while let (Some(len), Some(kind)) = (be32(bytes, at), bytes.get(at + 4..at + 8)) {
        let Some(data) = bytes.get(at + 8..at + 8 + len as usize) else {
            return false;
        };
        at += 12 + len as usize;
        if kind != b"IDAT" {
            continue;
        }
        let mut input = data;
        while !input.is_empty() {
            let (before_in, before_out) = (inflate.total_in(), inflate.total_out());
            let status = inflate.decompress(input, &mut out, flate2::FlushDecompress::None);
            input = &input[(inflate.total_in() - before_in) as usize..];
            if inflate.total_out() > bound {
                return true;
            }
            let stuck = inflate.total_in() == before_in && inflate.total_out() == before_out;
            match status {
                Ok(flate2::Status::StreamEnd) | Err(_) => return false,
                Ok(_) if stuck => break,
                Ok(_) => {}
            }
        }
    }
    false
}

/// The header's size against the limits.
pub fn within_budget(info: &ImageInfo) -> Result<(), ImageError> {
    if info.width.max(info.height) > MAX_IMAGE_SIDE {
        return Err(ImageError::TooManyPixels {
            width: info.width,
            height: info.height,
        });
    }
    if info.decoded_bytes() > MAX_IMAGE_DECODED_BYTES {
        return Err(ImageError::TooMuchMemory { info: *info });
    }
    Ok(())
}

/// Inspects, then decodes the picture at `path`: what `validate` does to be sure a build
/// can print it, and what the PDF stage should call instead of `image::open`.
pub fn load(path: &Path) -> Result<(image::DynamicImage, ImageInfo), ImageError> {
    let (bytes, info) = inspect(path)?;
    decode(bytes, info)
}

fn decode(bytes: Vec<u8>, info: ImageInfo) -> Result<(image::DynamicImage, ImageInfo), ImageError> {
    let format = match info.format {
        Format::Png => image::ImageFormat::Png,
        Format::Jpeg => image::ImageFormat::Jpeg,
        // A drawing has no pixels to decode.
        Format::Svg => return Err(ImageError::NotAPicture),
    };
    let picture =
        image::load_from_memory_with_format(&bytes, format).map_err(|_| ImageError::Damaged)?;
    // The PDF writer reads the file with its own decoder, which is stricter (a PNG with
    // its header chunk twice): what it refuses is damaged too, said here at its name.
    let data: std::sync::Arc<dyn AsRef<[u8]> + Send + Sync> = std::sync::Arc::new(bytes);
    let readable = match info.format {
        Format::Png => krilla::image::Image::from_png(data.into(), true).is_ok(),
        Format::Jpeg => krilla::image::Image::from_jpeg(data.into(), true).is_ok(),
        Format::Svg => false,
    };
    if !readable {
        return Err(ImageError::Damaged);
    }
    let (width, height) = image::GenericImageView::dimensions(&picture);
    if (width, height) != (info.width, info.height) {
        return Err(ImageError::Damaged);
    }
    Ok((picture, info))
}

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn be16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

/// PNG: the signature, then the IHDR chunk with width, height, bit depth and colour type.
fn png_header(bytes: &[u8]) -> Result<ImageInfo, ImageError> {
    if bytes.get(12..16) != Some(b"IHDR") || be32(bytes, 8) != Some(13) {
        return Err(ImageError::BadHeader);
    }
    let width = be32(bytes, 16).ok_or(ImageError::BadHeader)?;
    let height = be32(bytes, 20).ok_or(ImageError::BadHeader)?;
    let depth = *bytes.get(24).ok_or(ImageError::BadHeader)?;
    let colour = match bytes.get(25).ok_or(ImageError::BadHeader)? {
        0 => Colour::Grey,
        2 => Colour::Rgb,
        3 => Colour::Palette,
        4 => Colour::GreyAlpha,
        6 => Colour::Rgba,
        _ => return Err(ImageError::BadHeader),
    };
    if width == 0 || height == 0 || !matches!(depth, 1 | 2 | 4 | 8 | 16) {
        return Err(ImageError::BadHeader);
    }
    Ok(ImageInfo {
        format: Format::Png,
        width,
        height,
        colour,
        sample_bytes: if depth == 16 { 2 } else { 1 },
    })
}

/// JPEG: markers after the start of image, up to the first start of frame (SOFn).
fn jpeg_header(bytes: &[u8]) -> Result<ImageInfo, ImageError> {
    let mut at = 2;
    loop {
        // Fill bytes (0xFF) may pad before a marker.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        if bytes.get(at) != Some(&0xFF) {
            return Err(ImageError::BadHeader);
        }
        let marker = *bytes.get(at + 1).ok_or(ImageError::BadHeader)?;
        let len = usize::from(be16(bytes, at + 2).ok_or(ImageError::BadHeader)?);
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let height = u32::from(be16(bytes, at + 5).ok_or(ImageError::BadHeader)?);
            let width = u32::from(be16(bytes, at + 7).ok_or(ImageError::BadHeader)?);
            let colour = match bytes.get(at + 9).ok_or(ImageError::BadHeader)? {
                1 => Colour::Grey,
                3 => Colour::Rgb,
                4 => Colour::Cmyk,
                _ => return Err(ImageError::BadHeader),
            };
            if width == 0 || height == 0 {
                return Err(ImageError::BadHeader);
            }
            return Ok(ImageInfo {
                format: Format::Jpeg,
                width,
                height,
                colour,
                sample_bytes: 1,
            });
        }
        if len < 2 || marker == 0xD9 || marker == 0xDA {
            // End of image or image data before any frame header.
            return Err(ImageError::BadHeader);
        }
        at += 2 + len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32, colour: u8) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend(width.to_be_bytes());
        b.extend(height.to_be_bytes());
        b.extend([8, colour, 0, 0, 0]);
        b
    }

    #[test]
    fn headers_are_read_without_decoding() {
        let info = inspect_header(&png(100, 50, 6)).unwrap();
        assert_eq!(
            (info.width, info.height, info.colour),
            (100, 50, Colour::Rgba)
        );
        assert_eq!(info.decoded_bytes(), 100 * 50 * 4);
        let jpeg = b"\xFF\xD8\xFF\xE0\0\x04ab\xFF\xC2\0\x11\x08\x27\x10\x27\x10\x03";
        let info = inspect_header(jpeg).unwrap();
        assert_eq!(
            (info.width, info.height, info.colour),
            (10000, 10000, Colour::Rgb)
        );
        assert!(matches!(
            within_budget(&info),
            Err(ImageError::TooMuchMemory { .. })
        ));
    }

    /// A JPEG's segments: a marker and its payload (the length is added).
    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut b = vec![0xFF, marker];
        b.extend(((payload.len() + 2) as u16).to_be_bytes());
        b.extend(payload);
        b
    }

    #[test]
    fn jpeg_scans_are_counted_by_walking_the_segments() {
        let scan = |data: &[u8]| [segment(0xDA, &[1, 1, 0, 0, 63, 0]), data.to_vec()].concat();
        // 0xFF in scan data is escaped as FF 00; restart markers (FF D0..D7) belong to it;
        // an APP segment may hold the bytes FF DA (a thumbnail) without being a scan.
        let data = [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD3, 0x56];
        let mut jpeg = vec![0xFF, 0xD8];
        jpeg.extend(segment(0xE1, &[0xFF, 0xDA, 0, 4, 0xFF, 0xDA]));
        jpeg.extend(segment(0xC2, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
        for _ in 0..10 {
            jpeg.extend(scan(&data));
            jpeg.extend(segment(0xC4, &[0; 17]));
        }
        jpeg.extend([0xFF, 0xD9]);
        assert_eq!(jpeg_scans(&jpeg), 10);
        let info = inspect_header(&jpeg).unwrap();
        assert_eq!(within_work(&jpeg, &info), Ok(()));

        let mut many = jpeg[..jpeg.len() - 2].to_vec();
        for _ in 0..MAX_JPEG_SCANS - 10 + 1 {
            many.extend(scan(&data));
        }
        many.extend([0xFF, 0xD9]);
        assert_eq!(
            within_work(&many, &info),
            Err(ImageError::TooManyScans { scans: 65 })
        );
        // Cut short anywhere, the walk ends without reading past the end.
        for end in 0..jpeg.len() {
            assert!(jpeg_scans(&jpeg[..end]) <= 10);
        }
    }

    #[test]
    fn other_formats_are_named() {
        assert_eq!(
            inspect_header(b"GIF89a...."),
            Err(ImageError::Unsupported("GIF"))
        );
        assert_eq!(
            inspect_header(b"II*\0...."),
            Err(ImageError::Unsupported("TIFF"))
        );
        assert_eq!(
            inspect_header(b"BM......"),
            Err(ImageError::Unsupported("BMP"))
        );
        assert_eq!(inspect_header(b"kind: x"), Err(ImageError::NotAPicture));
        assert_eq!(
            inspect_header(&png(100, 50, 6)[..20]),
            Err(ImageError::BadHeader)
        );
        assert_eq!(
            inspect_header(b"\xFF\xD8\xFF\xE0\0\x10"),
            Err(ImageError::BadHeader)
        );
    }
}
