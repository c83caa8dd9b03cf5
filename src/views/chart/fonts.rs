//! The fonts bundled for the charts drawn on the server (`assets/fonts`,
//! DejaVu Sans): their bytes for the rasteriser, and text widths measured
//! with the very same glyphs, so a layout can wrap a title and prove that no
//! label runs out of the image.

use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};
use skrifa::raw::FontRef;

/// The family the bundled files declare.
pub const FAMILY: &str = "DejaVu Sans";
/// `font-family` of a chart as a file: the bundled font, then fonts of about
/// its width for a viewer that has not got it.
pub const FILE_FONT: &str = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif";

pub const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
pub const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");
pub const OBLIQUE: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Oblique.ttf");

/// The width of `text` at `size` px, without kerning (which only narrows it).
/// A character the subset lacks counts as a wide one.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let Ok(font) = FontRef::new(if bold { BOLD } else { REGULAR }) else {
        return text.chars().count() as f64 * size;
    };
    let charmap = font.charmap();
    let metrics = font.glyph_metrics(Size::new(size as f32), LocationRef::default());
    text.chars()
        .map(|c| {
            charmap
                .map(c)
                .and_then(|g| metrics.advance_width(g))
                .map_or(size, f64::from)
        })
        .sum()
}

/// Where a column of 12-px names ends, left of a chart's bars: the widest
/// name and a 4-px margin, kept within `min` and `max` (a longer name is
/// wrapped or cut by its chart).
pub fn name_column_end<'a>(names: impl IntoIterator<Item = &'a str>, min: f64, max: f64) -> f64 {
    let widest = names
        .into_iter()
        .map(|n| text_width(n, 12.0, false))
        .fold(0.0, f64::max);
    (4.0 + widest).clamp(min, max)
}

/// Breaks `text` into lines no wider than `max_width` at spaces; a single
/// word wider than that keeps a line of its own.
pub fn wrap(text: &str, size: f64, bold: bool, max_width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, size, bold) > max_width {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_glyphs() {
        let narrow = text_width("iiii", 10.0, false);
        let wide = text_width("MMMM", 10.0, false);
        assert!(narrow < wide / 2.0, "{narrow} {wide}");
        assert!(text_width("Åsele", 13.0, true) > text_width("Åsele", 13.0, false));
        // Swedish letters are in the subset, so they are not counted as unknown.
        assert!(text_width("åäö", 10.0, false) < 3.0 * 10.0 * 0.8);
        assert!((text_width("ab", 20.0, false) - 2.0 * text_width("ab", 10.0, false)).abs() < 0.01);
    }

    #[test]
    fn wrapping_keeps_every_word_and_each_line_within_the_width() {
        let text =
            "Källa: SKR:s utvärderingar Kommunkompassen 2017 och 2020 (kumla.se) via kompass";
        let lines = wrap(text, 11.0, false, 200.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), text);
        assert!(lines.iter().all(|l| text_width(l, 11.0, false) <= 200.0));
        assert_eq!(wrap("Ordsomärlängreänbredden", 11.0, false, 10.0).len(), 1);
        assert!(wrap("  ", 11.0, false, 10.0).is_empty());
    }
}
