//! The latest evaluation's areas as horizontal bars (0-100 points each), with
//! the average of the same revision (a diamond on the bar's upper edge) and a
//! published benchmark (a triangle on its lower edge) as reference markers.

use maud::{Markup, html};

use super::geometry::{LinearScale, num, ticks};
use super::svg::{self, BENCHMARK, Drawn, INK, MUTED, PRIMARY, Shape, marker};

#[derive(Debug, Clone, PartialEq)]
pub struct AreaChart {
    pub id: String,
    pub title: String,
    pub desc: String,
    /// What the bars are: "Kumla 2020".
    pub main_label: String,
    pub average_label: Option<String>,
    pub benchmark_label: Option<String>,
    pub rows: Vec<AreaBar>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AreaBar {
    pub label: String,
    /// `None`: not published (drawn as text, never as an empty bar).
    pub value: Option<f64>,
    pub average: Option<f64>,
    pub benchmark: Option<f64>,
}

pub const WIDTH: f64 = 400.0;
const MAX: f64 = 100.0;
const LEFT: f64 = 4.0;
/// Room right of the longest bar for its value.
const VALUE_ROOM: f64 = 34.0;
const LEGEND_LINE: f64 = 20.0;
const LABEL_HEIGHT: f64 = 20.0;
const BAR_HEIGHT: f64 = 20.0;
const ROW_GAP: f64 = 16.0;
/// The narrowest bar that holds its value inside.
const MIN_INSIDE: f64 = 40.0;

#[derive(Debug, Clone, PartialEq)]
pub struct RowGeometry {
    pub label_y: f64,
    pub bar_y: f64,
    pub bar_width: Option<f64>,
    /// The value is written inside the bar's start (white), where reference
    /// markers near the bar's end cannot cover it; short bars get it after.
    pub value_inside: bool,
    pub value_x: f64,
    pub average_x: Option<f64>,
    pub benchmark_x: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AreaLayout {
    pub height: f64,
    /// Baselines of the legend lines: main, average, benchmark (those present).
    pub legend: Vec<f64>,
    pub rows: Vec<RowGeometry>,
    pub axis_y: f64,
    pub ticks: Vec<(f64, f64)>,
}

pub fn layout(chart: &AreaChart) -> AreaLayout {
    let scale = LinearScale::new((0.0, MAX), (LEFT, WIDTH - VALUE_ROOM));
    let legend_lines = 1
        + usize::from(chart.average_label.is_some())
        + usize::from(chart.benchmark_label.is_some());
    let legend: Vec<f64> = (0..legend_lines)
        .map(|i| 16.0 + i as f64 * LEGEND_LINE)
        .collect();
    let top = 16.0 + legend_lines as f64 * LEGEND_LINE;
    let row_height = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP;
    let rows: Vec<RowGeometry> = chart
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let label_y = top + i as f64 * row_height + 12.0;
            let bar_width = r.value.map(|v| scale.map(v) - LEFT);
            let value_inside = bar_width.is_some_and(|w| w >= MIN_INSIDE);
            RowGeometry {
                label_y,
                bar_y: label_y + 10.0,
                bar_width,
                value_inside,
                value_x: if value_inside {
                    LEFT + 6.0
                } else {
                    LEFT + bar_width.unwrap_or(0.0) + 5.0
                },
                average_x: r.average.map(|v| scale.map(v)),
                benchmark_x: r.benchmark.map(|v| scale.map(v)),
            }
        })
        .collect();
    let axis_y = top + chart.rows.len() as f64 * row_height;
    let ticks = ticks(MAX, 25.0)
        .into_iter()
        .map(|t| (t, scale.map(t)))
        .collect();
    AreaLayout {
        height: axis_y + 22.0,
        legend,
        rows,
        axis_y,
        ticks,
    }
}

/// The chart's parts, for a page (`render`) or a file (`document::file`).
pub fn drawn(chart: &AreaChart) -> Drawn {
    let g = layout(chart);
    let mut legend_items: Vec<(Markup, &str)> = vec![(
        html! { rect x="4" y="-11" width="14" height="12" fill=(PRIMARY) {} },
        chart.main_label.as_str(),
    )];
    if let Some(label) = &chart.average_label {
        legend_items.push((
            marker(Shape::Diamond, 11.0, -5.0, 5.0, "#ffffff", INK),
            label,
        ));
    }
    if let Some(label) = &chart.benchmark_label {
        legend_items.push((
            marker(Shape::Triangle, 11.0, -5.0, 5.5, BENCHMARK, INK),
            label,
        ));
    }
    let body = html! {
        @for ((symbol, label), y) in legend_items.iter().zip(&g.legend) {
            g transform=(format!("translate(0 {})", num(*y))) {
                (symbol)
                text x="26" y="0" { (label) }
            }
        }
        (svg::grid(&g.ticks, g.rows.first().map_or(g.axis_y, |r| r.bar_y - 4.0), g.axis_y))
        @for (row, geo) in chart.rows.iter().zip(&g.rows) {
            text x=(num(LEFT)) y=(num(geo.label_y)) { (row.label) }
            @match geo.bar_width {
                Some(w) => {
                    (svg::bar(LEFT, geo.bar_y, w, BAR_HEIGHT, PRIMARY))
                    @if geo.value_inside {
                        text x=(num(geo.value_x)) y=(num(geo.bar_y + 15.0)) font-weight="bold" fill="#ffffff" {
                            (row.value.map(crate::views::format::number).unwrap_or_default())
                        }
                    } @else {
                        text x=(num(geo.value_x)) y=(num(geo.bar_y + 15.0)) font-weight="bold" {
                            (row.value.map(crate::views::format::number).unwrap_or_default())
                        }
                    }
                }
                None => {
                    text x=(num(LEFT)) y=(num(geo.bar_y + 15.0)) fill=(MUTED) font-style="italic" { "ej publicerat" }
                }
            }
            @if let Some(x) = geo.average_x {
                line x1=(num(x)) x2=(num(x)) y1=(num(geo.bar_y - 2.0)) y2=(num(geo.bar_y + BAR_HEIGHT)) stroke=(INK) stroke-width="1.5" {}
                (marker(Shape::Diamond, x, geo.bar_y, 5.0, "#ffffff", INK))
            }
            @if let Some(x) = geo.benchmark_x {
                line x1=(num(x)) x2=(num(x)) y1=(num(geo.bar_y)) y2=(num(geo.bar_y + BAR_HEIGHT + 2.0)) stroke=(BENCHMARK) stroke-width="1.5" {}
                (marker(Shape::Triangle, x, geo.bar_y + BAR_HEIGHT, 5.5, BENCHMARK, INK))
            }
        }
        (svg::value_axis(&g.ticks, LEFT, WIDTH - VALUE_ROOM, g.axis_y, 16.0))
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

pub fn render(chart: &AreaChart) -> Markup {
    drawn(chart).inline()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(rows: Vec<AreaBar>, average: bool, benchmark: bool) -> AreaChart {
        AreaChart {
            id: "omraden".into(),
            title: "t".into(),
            desc: "d".into(),
            main_label: "Kumla 2020".into(),
            average_label: average.then(|| "Snitt".into()),
            benchmark_label: benchmark.then(|| "Sverigesnitt 2021".into()),
            rows,
        }
    }

    fn bar(value: Option<f64>, average: Option<f64>, benchmark: Option<f64>) -> AreaBar {
        AreaBar {
            label: "1 Område".into(),
            value,
            average,
            benchmark,
        }
    }

    #[test]
    fn bars_are_proportional_to_points_out_of_100() {
        let g = layout(&chart(
            vec![
                bar(Some(100.0), None, None),
                bar(Some(50.0), Some(60.0), Some(25.0)),
            ],
            true,
            true,
        ));
        let full = g.rows[0].bar_width.unwrap();
        assert_eq!(full, WIDTH - VALUE_ROOM - LEFT);
        assert_eq!(g.rows[1].bar_width.unwrap(), full / 2.0);
        assert_eq!(g.rows[1].average_x.unwrap(), LEFT + full * 0.6);
        assert_eq!(g.rows[1].benchmark_x.unwrap(), LEFT + full * 0.25);
        assert!(g.rows[1].label_y > g.rows[0].bar_y + BAR_HEIGHT);
        assert!(g.rows[1].value_inside);
        assert_eq!(g.rows[1].value_x, LEFT + 6.0);
        assert_eq!(g.legend.len(), 3);
        assert!(g.height > g.axis_y);
    }

    #[test]
    fn short_bars_carry_their_value_after_the_bar() {
        let g = layout(&chart(vec![bar(Some(5.0), None, None)], false, false));
        let row = &g.rows[0];
        assert!(!row.value_inside);
        assert_eq!(row.value_x, LEFT + row.bar_width.unwrap() + 5.0);
    }

    #[test]
    fn missing_points_draw_no_bar_and_say_so() {
        let c = chart(vec![bar(None, Some(55.0), None)], true, false);
        assert_eq!(layout(&c).rows[0].bar_width, None);
        let svg = render(&c).into_string();
        assert!(svg.contains("ej publicerat"));
        assert_eq!(
            svg.matches("<rect").count(),
            2,
            "background and legend only: {svg}"
        );
    }

    #[test]
    fn the_legend_names_each_series_beside_its_shape() {
        let svg = render(&chart(
            vec![bar(Some(66.0), Some(67.7), Some(63.0))],
            true,
            true,
        ))
        .into_string();
        for text in ["Kumla 2020", "Snitt", "Sverigesnitt 2021", ">66<"] {
            assert!(svg.contains(text), "{text}");
        }
        // One diamond and one triangle in the legend, one of each on the bar.
        assert_eq!(svg.matches(" Z\"").count(), 4);
    }
}
