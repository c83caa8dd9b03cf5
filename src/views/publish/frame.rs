//! The height to give an embed's frame: room for its heading, figures,
//! source and link back, and for its chart (or, without one, its table of
//! figures). The embeds answer with it and the municipality page offers it
//! in its iframe code, each from what it shows, so neither needs the other.

/// Space around the chart in a frame: heading, figures line, table link,
/// source, licence and the link back, in px at the embed's font size.
const CHROME_HEIGHT: f64 = 400.0;

/// A frame height that shows everything at a width of 400 px or more (the
/// chart scales down with the frame, never up past its size); the table of
/// figures is open only when there is no chart. Whole tens of pixels.
pub fn height(chart_height: Option<f64>, rows: usize) -> u32 {
    let body = chart_height.unwrap_or(rows as f64 * 34.0);
    ((CHROME_HEIGHT + body) / 10.0).ceil() as u32 * 10
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_holds_the_chart_or_the_table_in_whole_tens() {
        assert_eq!(height(Some(301.0), 8), 710);
        assert_eq!(height(None, 8), 680);
        assert_eq!(height(None, 0), 400);
    }
}
