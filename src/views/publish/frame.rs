//! The height to give an embed's frame: room for its heading, figures,
//! source and link back, and for its chart (or, without one, its table of
//! figures), as a frame 640 px wide shows them. The embeds answer with it
//! and the pages offer it in their iframe code, each from what it shows, so
//! neither needs the other.

/// Space around the chart in a frame: heading, figures line, table link,
/// source, licence and the link back, in px at the embed's font size.
const CHROME_HEIGHT: f64 = 400.0;

/// A frame height that shows everything at a width of 400 px or more (the
/// chart scales down with the frame, never up past its size); the table of
/// figures is open only when there is no chart. Whole tens of pixels.
pub fn height(chart_height: Option<f64>, rows: usize) -> u32 {
    whole_tens(CHROME_HEIGHT + chart_height.unwrap_or(rows as f64 * ROW_HEIGHT))
}

/// A row of the table of figures.
const ROW_HEIGHT: f64 = 34.0;

/// The width an embed's content has in a frame 640 px wide (the body's
/// padding taken off): a wider chart is scaled down to it.
pub const CONTENT_WIDTH: f64 = 608.0;

/// A line of text in a 640 px frame: its height, and about how many
/// characters it holds.
const LINE_HEIGHT: f64 = 26.0;
const LINE_CHARS: usize = 70;

/// How many lines `text` takes in a 640 px frame.
fn lines(text: &str) -> usize {
    text.chars().count().div_ceil(LINE_CHARS).max(1)
}

/// The frame height for a drawn chart as a 640 px frame shows it (scaled
/// down when wider), with its lead (one line is in the chrome) and notes;
/// without a chart, its table of `rows` (open). The table opened under a
/// chart scrolls inside the frame, above the source and licence.
pub fn fitted(
    chart: Option<&crate::views::chart::svg::Drawn>,
    rows: usize,
    lead: &str,
    notes: &[String],
) -> u32 {
    let body = match chart {
        Some(c) => c.height * (CONTENT_WIDTH / c.width).min(1.0),
        None => rows as f64 * ROW_HEIGHT,
    };
    let extra = lines(lead) - 1 + notes.iter().map(|n| lines(n)).sum::<usize>();
    whole_tens(CHROME_HEIGHT + body + extra as f64 * LINE_HEIGHT)
}

fn whole_tens(px: f64) -> u32 {
    (px / 10.0).ceil() as u32 * 10
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

    #[test]
    fn a_chart_wider_than_the_frame_is_scaled_down_to_it() {
        let drawn = |width: f64, height: f64| crate::views::chart::svg::Drawn {
            id: "c".into(),
            title: String::new(),
            desc: String::new(),
            width,
            height,
            body: maud::html! {},
        };
        let short = "En rad.";
        assert_eq!(fitted(Some(&drawn(400.0, 301.0)), 8, short, &[]), 710);
        assert_eq!(fitted(Some(&drawn(1216.0, 600.0)), 8, short, &[]), 700);
        let note = vec!["Diagrammet visar de 15 största.".to_string()];
        assert_eq!(fitted(Some(&drawn(400.0, 300.0)), 8, short, &note), 730);
        assert_eq!(fitted(None, 8, short, &[]), 680);
        let long = "x".repeat(150);
        assert_eq!(fitted(None, 8, &long, &[]), 730, "two more lines of 26 px");
    }
}
