//! Grouped horizontal bars: one group per theme, one bar per municipality,
//! each bar named and filled with its own pattern, so the series can be told
//! apart in greyscale and by screen size alike.

use maud::{Markup, html};

use super::fonts::{name_column_end, text_width, wrap};
use super::geometry::{LinearScale, num, ticks};
use super::svg::{self, Drawn, MUTED, pattern_defs, pattern_fill};
use crate::views::format::{MISSING, number};

#[derive(Debug, Clone, PartialEq)]
pub struct GroupedChart {
    pub id: String,
    pub title: String,
    pub desc: String,
    /// The series' names, in bar order within each group.
    pub series: Vec<String>,
    pub groups: Vec<Group>,
    pub max: f64,
    /// Per series, what a missing bar says ("ej publicerat" when not given:
    /// "ej utvärderad" for a municipality never evaluated).
    pub missing: Vec<String>,
    /// Per series, its fill (see `svg::pattern_fill`); when not given, its
    /// own position. A chart drawn without some series keeps the others'
    /// fills, so a series looks the same in every panel.
    pub fills: Vec<usize>,
}

impl GroupedChart {
    fn fill(&self, prefix: &str, series: usize) -> String {
        pattern_fill(prefix, self.fills.get(series).copied().unwrap_or(series))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub label: String,
    /// One per series; `None` where the figure was not published.
    pub values: Vec<Option<f64>>,
}

pub const WIDTH: f64 = 380.0;
/// Where the names before the bars end at least, and at most: a longer name
/// (measured in the bundled font, wider than most) moves the bars right.
const NAME_END: f64 = 108.0;
const MAX_NAME_END: f64 = 190.0;
const NAME_GAP: f64 = 6.0;
const BAR_END: f64 = WIDTH - 30.0;
const LEGEND_ROW: f64 = 22.0;
const LEGEND_LINE: f64 = 14.0;
const LEGEND_COLUMNS: usize = 2;
/// A legend entry's text starts this far right of its swatch's left edge.
const LEGEND_TEXT: f64 = 24.0;
const HEADING: f64 = 24.0;
const BAR_ROW: f64 = 19.0;
const BAR_HEIGHT: f64 = 14.0;
const GROUP_GAP: f64 = 12.0;

/// A group's heading baseline, and each bar's y and width (`None`: missing).
pub type GroupGeometry = (f64, Vec<(f64, Option<f64>)>);

#[derive(Debug, Clone, PartialEq)]
pub struct GroupedLayout {
    pub height: f64,
    /// The right edge of the names before the bars, and where bars start.
    pub name_end: f64,
    pub bar_start: f64,
    /// Per series: the legend swatch's x and y, and its name in lines that
    /// fit its column.
    pub legend: Vec<(f64, f64)>,
    pub legend_lines: Vec<Vec<String>>,
    /// Per series: its name beside each bar, shortened with "…" when it is
    /// wider than the names may be (the legend and the table say it whole).
    pub bar_names: Vec<String>,
    pub groups: Vec<GroupGeometry>,
    pub axis_y: f64,
    pub ticks: Vec<(f64, f64)>,
}

pub fn layout(chart: &GroupedChart) -> GroupedLayout {
    let name_end = name_column_end(
        chart.series.iter().map(String::as_str),
        NAME_END,
        MAX_NAME_END,
    );
    let bar_start = name_end + NAME_GAP;
    let scale = LinearScale::new((0.0, chart.max), (bar_start, BAR_END));
    let column = WIDTH / LEGEND_COLUMNS as f64;
    let legend_lines: Vec<Vec<String>> = chart
        .series
        .iter()
        .map(|n| wrap(n, 12.0, false, column - LEGEND_TEXT - 6.0))
        .collect();
    let mut legend = Vec::with_capacity(chart.series.len());
    let mut row_y = 6.0;
    for names in legend_lines.chunks(LEGEND_COLUMNS) {
        for col in 0..names.len() {
            legend.push((4.0 + col as f64 * column, row_y));
        }
        let lines = names.iter().map(Vec::len).max().unwrap_or(1).max(1);
        row_y += LEGEND_ROW + (lines - 1) as f64 * LEGEND_LINE;
    }
    let bar_names = chart
        .series
        .iter()
        .map(|n| fit(n, name_end - 4.0))
        .collect();
    let mut y = row_y + 8.0;
    let groups = chart
        .groups
        .iter()
        .map(|group| {
            let heading = y + 16.0;
            let bars = group
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let bar_y = y + HEADING + i as f64 * BAR_ROW;
                    (bar_y, v.map(|v| scale.map(v) - bar_start))
                })
                .collect();
            y += HEADING + group.values.len() as f64 * BAR_ROW + GROUP_GAP;
            (heading, bars)
        })
        .collect();
    GroupedLayout {
        height: y + 20.0,
        name_end,
        bar_start,
        legend,
        legend_lines,
        bar_names,
        groups,
        axis_y: y,
        ticks: ticks(chart.max, chart.max / 4.0)
            .into_iter()
            .map(|t| (t, scale.map(t)))
            .collect(),
    }
}

/// `name` as it fits in `width`: whole, or its first words that fit and
/// "…".
fn fit(name: &str, width: f64) -> String {
    if text_width(name, 12.0, false) <= width {
        return name.to_string();
    }
    let mut short = String::new();
    for word in name.split_whitespace() {
        let longer = if short.is_empty() {
            word.to_string()
        } else {
            format!("{short} {word}")
        };
        if text_width(&format!("{longer}…"), 12.0, false) > width {
            break;
        }
        short = longer;
    }
    format!("{}…", short.trim_end_matches([',', ' ']))
}

/// The chart's parts, for a page (`render`) or a file (`document::file`).
pub fn drawn(chart: &GroupedChart) -> Drawn {
    let g = layout(chart);
    let prefix = chart.id.as_str();
    let body = html! {
        (pattern_defs(prefix))
        @for (i, (lines, (x, y))) in g.legend_lines.iter().zip(&g.legend).enumerate() {
            (svg::bar(*x, *y, 18.0, 13.0, &chart.fill(prefix, i)))
            text x=(num(x + LEGEND_TEXT)) y=(num(y + 11.0)) font-size="12" {
                @for (l, line) in lines.iter().enumerate() {
                    @if l == 0 { (line) } @else {
                        tspan x=(num(x + LEGEND_TEXT)) dy=(num(LEGEND_LINE)) { (line) }
                    }
                }
            }
        }
        (svg::grid(&g.ticks, g.groups.first().map_or(g.axis_y, |(h, _)| h + 4.0), g.axis_y))
        @for (group, (heading, bars)) in chart.groups.iter().zip(&g.groups) {
            text x="4" y=(num(*heading)) font-weight="bold" { (group.label) }
            @for (i, (name, (bar_y, width))) in g.bar_names.iter().zip(bars).enumerate() {
                text x=(num(g.name_end)) y=(num(bar_y + 11.0)) text-anchor="end" font-size="12" { (name) }
                @match (width, group.values.get(i).copied().flatten()) {
                    (Some(w), Some(v)) => {
                        (svg::bar(g.bar_start, *bar_y, *w, BAR_HEIGHT, &chart.fill(prefix, i)))
                        text x=(num(g.bar_start + w + 5.0)) y=(num(bar_y + 11.0)) font-size="12" font-weight="bold" { (number(v)) }
                    }
                    _ => {
                        text x=(num(g.bar_start + 2.0)) y=(num(bar_y + 11.0)) font-size="12" fill=(MUTED) font-style="italic" { (chart.missing.get(i).map_or(MISSING, String::as_str)) }
                    }
                }
            }
        }
        (svg::value_axis(&g.ticks, g.bar_start, BAR_END, g.axis_y, 15.0))
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

pub fn render(chart: &GroupedChart) -> Markup {
    drawn(chart).inline()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(series: usize) -> GroupedChart {
        GroupedChart {
            id: "jamfor".into(),
            title: "t".into(),
            desc: "d".into(),
            series: (0..series).map(|i| format!("Kommun {i}")).collect(),
            groups: vec![
                Group {
                    label: "1 Samspel".into(),
                    values: (0..series)
                        .map(|i| (i != 1).then_some(50.0 + i as f64))
                        .collect(),
                },
                Group {
                    label: "2 Samhällsutveckling".into(),
                    values: vec![Some(100.0); series],
                },
            ],
            max: 100.0,
            missing: vec![],
            fills: vec![],
        }
    }

    #[test]
    fn groups_stack_without_overlap_and_bars_scale() {
        let g = layout(&chart(3));
        let (h1, bars1) = &g.groups[0];
        let (h2, bars2) = &g.groups[1];
        assert!(bars1.iter().all(|(y, _)| y > h1));
        assert!(h2 > &(bars1[2].0 + BAR_HEIGHT));
        assert_eq!(
            g.bar_start,
            NAME_END + NAME_GAP,
            "short names keep the bars where they were"
        );
        assert_eq!(bars2[0].1, Some(BAR_END - g.bar_start));
        assert_eq!(bars1[1].1, None);
        assert!(g.axis_y > bars2[2].0 + BAR_HEIGHT);
    }

    #[test]
    fn long_names_move_the_bars_instead_of_leaving_the_chart() {
        let mut c = chart(2);
        c.series[0] = "Skinnskatteberg 2020".into();
        let g = layout(&c);
        assert!(g.name_end - text_width(&c.series[0], 12.0, false) >= 0.0);
        assert!(g.bar_start > NAME_END + NAME_GAP);
    }

    #[test]
    fn the_legend_wraps_after_two_series() {
        let g = layout(&chart(6));
        assert_eq!(g.legend[0].1, g.legend[1].1);
        assert!(g.legend[2].1 > g.legend[0].1);
        assert_eq!(g.legend[2].0, g.legend[0].0);
    }

    #[test]
    fn a_long_name_wraps_in_the_legend_and_is_shortened_beside_its_bars() {
        let mut c = chart(3);
        c.series[1] = "Genomsnitt, de 40 senaste utvärderingarna 2014 (2010 års kriterier)".into();
        let g = layout(&c);
        assert!(g.legend_lines[1].len() > 1, "{:?}", g.legend_lines[1]);
        assert!(
            g.legend_lines[1]
                .iter()
                .all(|l| { text_width(l, 12.0, false) <= WIDTH / 2.0 - LEGEND_TEXT - 6.0 })
        );
        assert!(g.legend[2].1 >= g.legend[0].1 + LEGEND_ROW + LEGEND_LINE);
        assert!(g.bar_names[1].ends_with('…'));
        assert!(text_width(&g.bar_names[1], 12.0, false) <= g.name_end - 4.0);
        assert_eq!(g.bar_names[0], "Kommun 0");
        let svg = render(&c).into_string();
        assert!(svg.contains("<tspan"));
    }

    #[test]
    fn every_bar_is_named_and_missing_ones_say_so() {
        let svg = render(&chart(3)).into_string();
        // Legend + one label per bar in each of two groups.
        assert_eq!(svg.matches(">Kommun 1<").count(), 3);
        assert_eq!(svg.matches("ej publicerat").count(), 1);
        let mut never = chart(3);
        never.missing = vec![MISSING.into(), "ej utvärderad".into(), MISSING.into()];
        let svg = render(&never).into_string();
        assert_eq!(svg.matches("ej utvärderad").count(), 1);
        assert!(svg.contains("url(#jamfor-m1)"));
    }
}
