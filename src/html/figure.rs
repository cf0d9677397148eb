//! Pictures, drawings and QR codes inside a page, with nothing fetched: a photo as a
//! `data:` address, a drawing as inline SVG written again from the tree usvg made of it
//! after `images::svg` checked it (never the file's own text, so no script, event
//! handler, style sheet or outside reference can come along), a QR code as squares.

use base64::Engine as _;

use crate::images::{self, Format};
use crate::render::elements::{QR_MODULE_MM, QR_QUIET_ZONE};

/// The widest a picture is shown, in CSS pixels: the PDF's 120 mm.
const MAX_WIDTH_PX: f64 = 120.0 * 96.0 / 25.4;
/// The resolution a photo is printed at in the PDF, which sets its size on the page too.
const PHOTO_DPI: f64 = 150.0;

/// Markup this module made from checked input; only it can make one.
pub struct Markup(String);

impl Markup {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a picture says to a reader: its alt text, or nothing when it is decoration.
pub enum Label<'a> {
    Alt(&'a str),
    Decorative,
}

/// A PNG, JPEG or SVG file of the course as a figure's content. `id_prefix` keeps the
/// ids inside one drawing (gradients, clip paths) apart from another's on the same page.
pub fn picture(
    path: &std::path::Path,
    name: &str,
    label: &Label<'_>,
    id_prefix: &str,
) -> Result<Markup, String> {
    let (bytes, info) = images::inspect(path).map_err(|e| e.reason(name))?;
    match info.format {
        Format::Svg => drawing(&bytes, name, label, id_prefix),
        Format::Png | Format::Jpeg => {
            let mime = if info.format == Format::Png {
                "image/png"
            } else {
                "image/jpeg"
            };
            let (w, h) = (f64::from(info.width), f64::from(info.height));
            let width = (w * 96.0 / PHOTO_DPI).min(MAX_WIDTH_PX);
            let height = width * h / w.max(1.0);
            let mut src = format!("data:{mime};base64,");
            base64::engine::general_purpose::STANDARD.encode_string(&bytes, &mut src);
            let alt = match label {
                Label::Alt(alt) => alt,
                Label::Decorative => "",
            };
            let mut out = String::with_capacity(src.len() + alt.len() + 64);
            out.push_str("<img src=\"");
            // Base64 holds only letters, digits, `+`, `/` and `=`: nothing to escape.
            out.push_str(&src);
            out.push_str("\" alt=\"");
            html_escape::encode_double_quoted_attribute_to_string(alt, &mut out);
            out.push_str(&format!(
                "\" width=\"{}\" height=\"{}\">",
                width.round().max(1.0),
                height.round().max(1.0)
            ));
            Ok(Markup(out))
        }
    }
}

/// A checked drawing as an `<svg>` element scaled to fit its box, labelled for screen
/// readers (or hidden from them when decorative).
fn drawing(bytes: &[u8], name: &str, label: &Label<'_>, id_prefix: &str) -> Result<Markup, String> {
    let tree = images::svg::parse(bytes).map_err(|e| {
        format!(
            "the drawing `{name}` {} (line {}, column {})",
            e.what, e.line, e.column
        )
    })?;
    let size = tree.size();
    let options = usvg::WriteOptions {
        id_prefix: Some(id_prefix.to_owned()),
        indent: usvg::Indent::None,
        attributes_indent: usvg::Indent::None,
        coordinates_precision: 3,
        transforms_precision: 5,
        ..Default::default()
    };
    let written = tree.to_string(&options);
    // usvg's own root element carries only the size and namespaces; ours adds the
    // view box that lets the drawing shrink on a narrow screen, and its label.
    let body = match written.find('>') {
        Some(end) if !written[..end].ends_with('/') => written[end + 1..]
            .strip_suffix("</svg>")
            .map(str::trim)
            .unwrap_or(""),
        _ => "",
    };
    let (w, h) = (f64::from(size.width()), f64::from(size.height()));
    let shown = w.min(MAX_WIDTH_PX);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{}\" height=\"{}\"",
        shown.round().max(1.0),
        (shown * h / w.max(1e-6)).round().max(1.0)
    );
    if body.contains("xlink:") {
        out.push_str(" xmlns:xlink=\"http://www.w3.org/1999/xlink\"");
    }
    match label {
        Label::Alt(alt) => {
            out.push_str(" role=\"img\" aria-label=\"");
            html_escape::encode_double_quoted_attribute_to_string(alt, &mut out);
            out.push('"');
        }
        Label::Decorative => out.push_str(" aria-hidden=\"true\""),
    }
    out.push('>');
    out.push_str(body);
    out.push_str("</svg>");
    Ok(Markup(out))
}

/// A QR code that opens `address`, as the PDF prints it (error correction M, a quiet
/// zone of four modules): dark runs of each row as one path. Hidden from screen readers,
/// as in the PDF: the address written under it says the same.
pub fn qr_code(address: &str) -> Result<Markup, String> {
    let code = qrcode::QrCode::with_error_correction_level(address, qrcode::EcLevel::M)
        .map_err(|e| format!("`{address}` cannot be made into a QR code: {e}"))?;
    let width = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < row.len() {
            if row[x] != qrcode::Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < row.len() && row[x] == qrcode::Color::Dark {
                x += 1;
            }
            path.push_str(&format!(
                "M{} {}h{}v1h-{}z",
                start + QR_QUIET_ZONE,
                y + QR_QUIET_ZONE,
                x - start,
                x - start
            ));
        }
    }
    let side = width + 2 * QR_QUIET_ZONE;
    // Printed as large as in the PDF: each module 0.6 mm.
    let px = (side as f64 * QR_MODULE_MM * 96.0 / 25.4).round();
    Ok(Markup(format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" width=\"{px}\" height=\"{px}\" shape-rendering=\"crispEdges\" aria-hidden=\"true\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drawing_is_written_from_its_tree_not_its_text() {
        let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 20 10"><!-- </svg><script>x</script> --><rect id="r" width="5" height="5" fill="#123456"/></svg>"##;
        let made = drawing(svg, "d.svg", &Label::Alt("a \"box\" <b>"), "d1-").unwrap();
        let text = made.as_str();
        assert!(
            text.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 20\""),
            "{text}"
        );
        assert!(
            text.contains("aria-label=\"a &quot;box&quot; &lt;b&gt;\""),
            "{text}"
        );
        assert!(!text.contains("script") && !text.contains("<!--"), "{text}");
        assert!(
            text.contains("#123456") && text.ends_with("</svg>"),
            "{text}"
        );
    }

    /// The squares of the path, drawn 4 pixels a module, read back by a QR reader.
    #[test]
    fn a_qr_code_reads_back_as_its_address() {
        let address = "https://example.org/videos/legs?t=3";
        let made = qr_code(address).unwrap();
        let text = made.as_str();
        assert!(text.contains("aria-hidden=\"true\""), "{text}");
        let side: usize = text
            .split("viewBox=\"0 0 ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let d = text
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let mut dark = vec![false; side * side];
        for run in d.split('M').filter(|r| !r.is_empty()) {
            let numbers: Vec<usize> = run
                .split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .map(|n| n.parse().unwrap())
                .collect();
            let (x, y, n) = (numbers[0], numbers[1], numbers[2]);
            (x..x + n).for_each(|x| dark[y * side + x] = true);
        }
        let scale = 4;
        let mut image =
            rqrr::PreparedImage::prepare_from_greyscale(side * scale, side * scale, |x, y| {
                if dark[(y / scale) * side + x / scale] {
                    0
                } else {
                    255
                }
            });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].decode().unwrap().1, address);
    }
}
