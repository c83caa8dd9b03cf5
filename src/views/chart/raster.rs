//! SVG to PNG on the server (resvg/tiny-skia) with the bundled fonts only, so
//! a chart's pixels are the same on every machine.

use std::io::Write as _;
use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use super::fonts;

/// The widths a PNG may be asked for (`?bredd=`), and the default.
pub const MIN_WIDTH: u32 = 600;
pub const MAX_WIDTH: u32 = 2400;
pub const DEFAULT_WIDTH: u32 = 1200;

#[derive(Debug, thiserror::Error)]
pub enum RasterError {
    #[error("the chart is not valid SVG: {0}")]
    Parse(#[from] usvg::Error),
    #[error("no image of {0}x{1} pixels can be made")]
    Size(u32, u32),
    #[error("the PNG could not be encoded: {0}")]
    Encode(String),
}

fn font_database() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            for face in [fonts::REGULAR, fonts::BOLD, fonts::OBLIQUE] {
                db.load_font_data(face.to_vec());
            }
            // Any family a chart names ends up in the bundled one.
            db.set_sans_serif_family(fonts::FAMILY);
            db.set_serif_family(fonts::FAMILY);
            Arc::new(db)
        })
        .clone()
}

fn tree(svg: &str) -> Result<usvg::Tree, RasterError> {
    let options = usvg::Options {
        fontdb: font_database(),
        font_family: fonts::FAMILY.to_string(),
        languages: vec!["sv".to_string()],
        ..usvg::Options::default()
    };
    Ok(usvg::Tree::from_str(svg, &options)?)
}

/// The texts that the rasteriser would draw (partly) outside the image, as
/// laid out with the bundled fonts: a clipped label or title is a defect.
pub fn texts_outside(svg: &str) -> Result<Vec<String>, RasterError> {
    let tree = tree(svg)?;
    let (w, h) = (tree.size().width(), tree.size().height());
    let mut out = Vec::new();
    let mut stack: Vec<&usvg::Node> = tree.root().children().iter().collect();
    while let Some(node) = stack.pop() {
        match node {
            usvg::Node::Group(g) => stack.extend(g.children()),
            usvg::Node::Text(t) => {
                let b = t.abs_bounding_box();
                if b.left() < 0.0 || b.top() < 0.0 || b.right() > w || b.bottom() > h {
                    let text: String = t.chunks().iter().map(|c| c.text()).collect();
                    out.push(text);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Rows drawn at a time: the raster held while a PNG is drawn is one band
/// (2.4 MB at the widest), not the whole image (tens of MB at 2400 px,
/// twice over while the whole image was encoded).
const BAND: u32 = 256;

/// Renders `svg` as a PNG `width` pixels wide, the height in proportion: a
/// band of rows at a time on a white ground, each encoded as it is drawn.
pub fn png(svg: &str, width: u32) -> Result<Vec<u8>, RasterError> {
    let tree = tree(svg)?;
    let size = tree.size();
    let scale = width as f32 / size.width();
    let height = (size.height() * scale).ceil() as u32;
    let mut band = tiny_skia::Pixmap::new(width, BAND.min(height).max(1))
        .ok_or(RasterError::Size(width, height))?;
    let encode = |e: png::EncodingError| RasterError::Encode(e.to_string());
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(encode)?;
    let mut rows = writer.stream_writer().map_err(encode)?;
    let mut top = 0;
    while top < height {
        let count = BAND.min(height - top);
        band.fill(tiny_skia::Color::WHITE);
        let shift =
            tiny_skia::Transform::from_scale(scale, scale).post_translate(0.0, -(top as f32));
        resvg::render(&tree, shift, &mut band.as_mut());
        // Every pixel is opaque (drawn over white), so the premultiplied
        // colours are the colours.
        let bytes = (width * count * 4) as usize;
        rows.write_all(&band.data()[..bytes])
            .map_err(|e| RasterError::Encode(e.to_string()))?;
        top += count;
    }
    rows.finish().map_err(encode)?;
    writer.finish().map_err(encode)?;
    Ok(out)
}

/// An icon file (`.ico`) of the square `svg` at `size` pixels, on a
/// transparent ground: one image, stored as PNG (which every browser of
/// this century reads from an `.ico`).
pub fn ico(svg: &str, size: u8) -> Result<Vec<u8>, RasterError> {
    let tree = tree(svg)?;
    let side = u32::from(size);
    let scale = side as f32 / tree.size().width();
    let mut pixmap = tiny_skia::Pixmap::new(side, side).ok_or(RasterError::Size(side, side))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let png = pixmap
        .encode_png()
        .map_err(|e| RasterError::Encode(e.to_string()))?;
    let length = u32::try_from(png.len()).map_err(|e| RasterError::Encode(e.to_string()))?;
    // ICONDIR (reserved, type 1 = icon, one image), then its ICONDIRENTRY
    // (width, height, no palette, reserved, 1 plane, 32 bits, length,
    // offset 6 + 16 = 22), then the image.
    let mut out = Vec::with_capacity(22 + png.len());
    out.extend_from_slice(&[0, 0, 1, 0, 1, 0]);
    out.extend_from_slice(&[size, size, 0, 0, 1, 0, 32, 0]);
    out.extend_from_slice(&length.to_le_bytes());
    out.extend_from_slice(&22u32.to_le_bytes());
    out.extend_from_slice(&png);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_icon_file_holds_one_png_of_its_size() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1c4e80"/></svg>"##;
        let ico = ico(svg, 32).unwrap();
        assert_eq!(&ico[..6], &[0, 0, 1, 0, 1, 0]);
        assert_eq!((ico[6], ico[7]), (32, 32));
        let length = u32::from_le_bytes([ico[14], ico[15], ico[16], ico[17]]) as usize;
        let offset = u32::from_le_bytes([ico[18], ico[19], ico[20], ico[21]]) as usize;
        assert_eq!((offset, offset + length), (22, ico.len()));
        assert_eq!(dimensions(&ico[offset..]), (32, 32));
    }

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100" font-family="system-ui, sans-serif"><rect width="200" height="100" fill="#ffffff"/><text x="10" y="50" font-size="20">Åsele</text></svg>"##;

    fn dimensions(png: &[u8]) -> (u32, u32) {
        let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        (be(&png[16..20]), be(&png[20..24]))
    }

    #[test]
    fn a_png_has_the_asked_width_and_the_charts_proportions() {
        assert_eq!(dimensions(&png(SVG, 1200).unwrap()), (1200, 600));
        assert_eq!(dimensions(&png(SVG, 600).unwrap()), (600, 300));
    }

    /// Drawn a band at a time, the image is the one drawn whole.
    #[test]
    fn bands_make_the_same_image_as_one_whole_raster() {
        let tall = SVG
            .replace(
                "viewBox=\"0 0 200 100\" width=\"200\" height=\"100\"",
                "viewBox=\"0 0 200 700\" width=\"200\" height=\"700\"",
            )
            .replace("y=\"50\"", "y=\"340\"");
        let tree = tree(&tall).unwrap();
        let mut whole = tiny_skia::Pixmap::new(400, 1400).unwrap();
        whole.fill(tiny_skia::Color::WHITE);
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(2.0, 2.0),
            &mut whole.as_mut(),
        );
        let banded = png(&tall, 400).unwrap();
        assert_eq!(dimensions(&banded), (400, 1400));
        let decoded = png::Decoder::new(std::io::Cursor::new(banded));
        let mut reader = decoded.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut pixels).unwrap();
        assert_eq!(pixels, whole.data());
    }

    #[test]
    fn text_is_drawn_with_the_bundled_font_on_any_machine() {
        let blank = SVG.replace("Åsele", "");
        assert_ne!(png(SVG, 400).unwrap(), png(&blank, 400).unwrap());
        assert_eq!(png(SVG, 400).unwrap(), png(SVG, 400).unwrap());
    }

    #[test]
    fn texts_running_out_of_the_image_are_found() {
        assert!(texts_outside(SVG).unwrap().is_empty());
        let clipped = SVG.replace("x=\"10\"", "x=\"150\"");
        assert_eq!(texts_outside(&clipped).unwrap(), vec!["Åsele".to_string()]);
    }

    #[test]
    fn broken_svg_is_an_error_not_a_panic() {
        assert!(matches!(png("<svg", 600), Err(RasterError::Parse(_))));
    }
}
