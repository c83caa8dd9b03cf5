//! A ranking as sorted horizontal bars from zero, each named and with its
//! figure, and the reference figure as a dashed vertical line across them,
//! named at its top.

use maud::{Markup, html};

use super::fonts::{name_column_end, text_width};
use super::geometry::{LinearScale, num, ticks};
use super::svg::{self, BENCHMARK, Drawn, PRIMARY, grid, value_axis};
use crate::views::format::number;

#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub id: String,
    pub title: String,
    pub desc: String,
    /// 800 or 100.
    pub max: f64,
    pub bars: Vec<Bar>,
    /// The reference figure: its name and value.
    pub reference: Option<(String, f64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// "1. Vallentuna".
    pub label: String,
    pub value: f64,
}

pub const WIDTH: f64 = 440.0;
const NAME_MIN: f64 = 100.0;
const NAME_MAX: f64 = 200.0;
const VALUE_ROOM: f64 = 34.0;
const TOP: f64 = 26.0;
const ROW: f64 = 22.0;
const BAR: f64 = 15.0;

#[derive(Debug, Clone, PartialEq)]
pub struct BarLayout {
    pub height: f64,
    pub name_end: f64,
    pub bar_start: f64,
    /// Each bar's y and width.
    pub bars: Vec<(f64, f64)>,
    pub reference_x: Option<f64>,
    pub axis_y: f64,
    pub ticks: Vec<(f64, f64)>,
}

/// The chart's height with `bars` bars: what a caller needs to keep a file
/// within its proportions.
pub fn height_for(bars: usize) -> f64 {
    TOP + bars as f64 * ROW + 26.0
}

pub fn layout(chart: &BarChart) -> BarLayout {
    let name_end = name_column_end(
        chart.bars.iter().map(|b| b.label.as_str()),
        NAME_MIN,
        NAME_MAX,
    );
    let bar_start = name_end + 6.0;
    let scale = LinearScale::new((0.0, chart.max), (bar_start, WIDTH - VALUE_ROOM));
    let bars = chart
        .bars
        .iter()
        .enumerate()
        .map(|(i, b)| (TOP + i as f64 * ROW + 3.0, scale.map(b.value) - bar_start))
        .collect();
    let axis_y = TOP + chart.bars.len() as f64 * ROW + 4.0;
    BarLayout {
        height: height_for(chart.bars.len()),
        name_end,
        bar_start,
        bars,
        reference_x: chart.reference.as_ref().map(|(_, v)| scale.map(*v)),
        axis_y,
        ticks: ticks(chart.max, chart.max / 4.0)
            .into_iter()
            .map(|t| (t, scale.map(t)))
            .collect(),
    }
}

/// Where the reference's name stands at the top: right of its line when
/// it fits, else ending at the line (measured in bold, as it is drawn).
fn reference_label(x: f64, text: &str) -> (f64, &'static str) {
    if x + 4.0 + text_width(text, 11.0, true) <= WIDTH {
        (x + 4.0, "start")
    } else {
        (x - 4.0, "end")
    }
}

/// The chart's parts, for a page (`render`) or a file (`document::file`).
pub fn drawn(chart: &BarChart) -> Drawn {
    let g = layout(chart);
    let body = html! {
        (grid(&g.ticks, TOP, g.axis_y))
        @for (b, (y, w)) in chart.bars.iter().zip(&g.bars) {
            text x=(num(g.name_end)) y=(num(y + 12.0)) text-anchor="end" font-size="12" { (b.label) }
            (svg::bar(g.bar_start, *y, *w, BAR, PRIMARY))
        }
        @if let (Some(x), Some((name, value))) = (g.reference_x, &chart.reference) {
            @let text = format!("{name}: {}", number(*value));
            @let (tx, anchor) = reference_label(x, &text);
            line x1=(num(x)) x2=(num(x)) y1=(num(TOP - 8.0)) y2=(num(g.axis_y)) stroke=(BENCHMARK) stroke-width="2" stroke-dasharray="5 3" {}
            text x=(num(tx)) y=(num(TOP - 10.0)) text-anchor=(anchor) font-size="11" fill=(BENCHMARK) font-weight="bold" { (text) }
        }
        // The figures over the line, on a white halo, so it never hides one.
        @for (b, (y, w)) in chart.bars.iter().zip(&g.bars) {
            text x=(num(g.bar_start + w + 4.0)) y=(num(y + 12.0)) font-size="12" font-weight="bold" stroke="#ffffff" stroke-width="3" paint-order="stroke" { (number(b.value)) }
        }
        (value_axis(&g.ticks, g.bar_start, WIDTH - VALUE_ROOM, g.axis_y, 15.0))
    };
    Drawn {
        id: chart.id.clone(),
        title: chart.title.clone(),
        desc: chart.desc.clone(),
        width: WIDTH,
        height: g.height,
        body,
    }
}

pub fn render(chart: &BarChart) -> Markup {
    drawn(chart).inline()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(reference: Option<f64>) -> BarChart {
        BarChart {
            id: "diagram-rankning".into(),
            title: "t".into(),
            desc: "d".into(),
            max: 800.0,
            bars: vec![
                Bar {
                    label: "1. Vallentuna".into(),
                    value: 648.0,
                },
                Bar {
                    label: "2. Kumla".into(),
                    value: 557.0,
                },
            ],
            reference: reference.map(|v| ("Sverigesnitt 2021".to_string(), v)),
        }
    }

    #[test]
    fn bars_start_at_zero_and_scale_to_the_maximum() {
        let g = layout(&chart(None));
        let full = WIDTH - VALUE_ROOM - g.bar_start;
        assert!((g.bars[0].1 - full * 648.0 / 800.0).abs() < 1e-9);
        assert!(g.bars[1].0 > g.bars[0].0 + BAR);
        assert_eq!(g.ticks.first().unwrap().0, 0.0);
        assert_eq!(g.ticks.last().unwrap().0, 800.0);
        assert!(g.reference_x.is_none());
    }

    #[test]
    fn the_reference_is_a_named_line_across_the_bars() {
        let c = chart(Some(517.0));
        let g = layout(&c);
        let x = g.reference_x.unwrap();
        assert!(x > g.bar_start + g.bars[1].1 * 0.9 && x < g.bar_start + g.bars[1].1);
        let svg = render(&c).into_string();
        assert!(svg.contains("Sverigesnitt 2021: 517"));
        assert!(svg.contains("stroke-dasharray"));
        // Wherever the line stands, its name (bold) stays inside the chart:
        // past the edge the page cuts it off.
        let label = "Sverigesnitt 2021: 517";
        let width = text_width(label, 11.0, true);
        for value in (0..=800).step_by(5) {
            let x = layout(&chart(Some(f64::from(value)))).reference_x.unwrap();
            let (tx, anchor) = reference_label(x, label);
            let (left, right) = match anchor {
                "start" => (tx, tx + width),
                _ => (tx - width, tx),
            };
            assert!(left >= 0.0 && right <= WIDTH, "{value}: {left}-{right}");
        }
        assert!(
            !render(&chart(None))
                .into_string()
                .contains("stroke-dasharray")
        );
    }
}
