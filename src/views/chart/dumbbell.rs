//! Before → after per row (a dumbbell): a hollow dot for the earlier
//! figure, a filled one for the later, a line between, and the change
//! written at the end of the row. A change across criteria versions has a
//! dashed line and says so in the legend. The scale spans the figures
//! shown (dots, not bars, so it need not start at zero), in round steps.

use maud::{Markup, html};

use super::fonts::name_column_end;
use super::geometry::{LinearScale, nice_range, num};
use super::svg::{Drawn, GRID, INK, PRIMARY, grid, value_axis};

#[derive(Debug, Clone, PartialEq)]
pub struct DumbbellChart {
    pub id: String,
    pub title: String,
    pub desc: String,
    /// The highest possible figure (800 or 100): the scale never passes it.
    pub max: f64,
    pub rows: Vec<DumbbellRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DumbbellRow {
    /// "Tyresö 2010–2015".
    pub label: String,
    pub before: f64,
    pub after: f64,
    /// "+84".
    pub change: String,
    /// Across criteria versions: drawn dashed.
    pub dashed: bool,
}

pub const WIDTH: f64 = 440.0;
const NAME_MIN: f64 = 100.0;
const NAME_MAX: f64 = 210.0;
const CHANGE_ROOM: f64 = 44.0;
const LEGEND: f64 = 30.0;
const ROW: f64 = 22.0;
const DOT: f64 = 5.0;

#[derive(Debug, Clone, PartialEq)]
pub struct DumbbellLayout {
    pub height: f64,
    pub name_end: f64,
    /// Each row's centre line, and the x of its two dots.
    pub rows: Vec<(f64, f64, f64)>,
    pub axis_y: f64,
    pub ticks: Vec<(f64, f64)>,
}

/// The rows' height in the chart: what a caller needs to keep a file
/// within its proportions.
pub fn height_for(rows: usize) -> f64 {
    LEGEND + rows as f64 * ROW + 26.0
}

pub fn layout(chart: &DumbbellChart) -> DumbbellLayout {
    let name_end = name_column_end(
        chart.rows.iter().map(|r| r.label.as_str()),
        NAME_MIN,
        NAME_MAX,
    );
    let (lo, hi, step) = nice_range(
        chart
            .rows
            .iter()
            .flat_map(|r| [r.before, r.after])
            .fold(f64::INFINITY, f64::min),
        chart
            .rows
            .iter()
            .flat_map(|r| [r.before, r.after])
            .fold(f64::NEG_INFINITY, f64::max),
        chart.max,
    );
    let scale = LinearScale::new((lo, hi), (name_end + 12.0, WIDTH - CHANGE_ROOM));
    let rows = chart
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let y = LEGEND + i as f64 * ROW + ROW / 2.0;
            (y, scale.map(r.before), scale.map(r.after))
        })
        .collect();
    let axis_y = LEGEND + chart.rows.len() as f64 * ROW + 4.0;
    let mut ticks = Vec::new();
    let mut t = lo;
    while t <= hi + 1e-9 {
        ticks.push((t, scale.map(t)));
        t += step;
    }
    DumbbellLayout {
        height: height_for(chart.rows.len()),
        name_end,
        rows,
        axis_y,
        ticks,
    }
}

/// The chart's parts, for a page (`render`) or a file (`document::file`).
pub fn drawn(chart: &DumbbellChart) -> Drawn {
    let g = layout(chart);
    let any_dashed = chart.rows.iter().any(|r| r.dashed);
    let bar_start = g.ticks.first().map_or(g.name_end, |t| t.1);
    let body = html! {
        g {
            circle cx="10" cy="12" r=(num(DOT)) fill="#ffffff" stroke=(PRIMARY) stroke-width="2" {}
            text x="20" y="16" font-size="12" { "före" }
            circle cx="70" cy="12" r=(num(DOT)) fill=(PRIMARY) stroke=(PRIMARY) stroke-width="2" {}
            text x="80" y="16" font-size="12" { "efter" }
            @if any_dashed {
                line x1="130" x2="156" y1="12" y2="12" stroke=(INK) stroke-width="2" stroke-dasharray="4 3" {}
                text x="162" y="16" font-size="12" { "streckat: över versioner av kriterierna" }
            }
        }
        (grid(&g.ticks, LEGEND, g.axis_y))
        @for (row, (y, x0, x1)) in chart.rows.iter().zip(&g.rows) {
            line x1=(num(4.0)) x2=(num(WIDTH)) y1=(num(y + ROW / 2.0)) y2=(num(y + ROW / 2.0)) stroke=(GRID) stroke-width="0.5" {}
            text x=(num(g.name_end)) y=(num(y + 4.0)) text-anchor="end" font-size="12" { (row.label) }
            @if row.dashed {
                line x1=(num(*x0)) x2=(num(*x1)) y1=(num(*y)) y2=(num(*y)) stroke=(INK) stroke-width="2" stroke-dasharray="4 3" {}
            } @else {
                line x1=(num(*x0)) x2=(num(*x1)) y1=(num(*y)) y2=(num(*y)) stroke=(INK) stroke-width="2" {}
            }
            circle cx=(num(*x0)) cy=(num(*y)) r=(num(DOT)) fill="#ffffff" stroke=(PRIMARY) stroke-width="2" {}
            circle cx=(num(*x1)) cy=(num(*y)) r=(num(DOT)) fill=(PRIMARY) stroke=(PRIMARY) stroke-width="2" {}
            text x=(num(WIDTH - 4.0)) y=(num(y + 4.0)) text-anchor="end" font-size="12" font-weight="bold" { (row.change) }
        }
        (value_axis(&g.ticks, bar_start, WIDTH - CHANGE_ROOM, g.axis_y, 15.0))
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

pub fn render(chart: &DumbbellChart) -> Markup {
    drawn(chart).inline()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::chart::fonts::text_width;

    fn chart() -> DumbbellChart {
        DumbbellChart {
            id: "diagram-forandring".into(),
            title: "t".into(),
            desc: "d".into(),
            max: 800.0,
            rows: vec![
                DumbbellRow {
                    label: "Tyresö 2010–2015".into(),
                    before: 452.0,
                    after: 536.0,
                    change: "+84".into(),
                    dashed: false,
                },
                DumbbellRow {
                    label: "Ängelholm 2013–2016".into(),
                    before: 520.0,
                    after: 490.0,
                    change: "\u{2212}30".into(),
                    dashed: true,
                },
            ],
        }
    }

    #[test]
    fn dots_sit_on_a_round_scale_that_spans_the_figures() {
        let g = layout(&chart());
        let (lo, hi) = (g.ticks[0].0, g.ticks.last().unwrap().0);
        assert_eq!((lo, hi), (440.0, 560.0), "round, around 452..536");
        let (_, before, after) = g.rows[0];
        assert!(after > before, "an increase goes right");
        let (_, before, after) = g.rows[1];
        assert!(after < before, "a decrease goes left");
        assert!(g.rows[1].0 > g.rows[0].0);
        assert!(g.name_end >= text_width("Ängelholm 2013–2016", 12.0, false));
        assert_eq!(g.height, height_for(2));
    }

    #[test]
    fn a_change_across_versions_is_dashed_and_the_legend_says_so() {
        let svg = render(&chart()).into_string();
        assert!(svg.contains("över versioner"));
        assert_eq!(svg.matches("stroke-dasharray").count(), 2);
        assert!(svg.contains(">+84<") && svg.contains(">\u{2212}30<"));
        let mut plain = chart();
        plain.rows.truncate(1);
        assert!(!render(&plain).into_string().contains("stroke-dasharray"));
    }
}
