//! One series over time (the total, or one theme): a point per evaluation at
//! its date, lines only between consecutive published points of the same
//! criteria revision, a dashed labelled line at every revision boundary, and
//! evaluations without a published figure marked as having happened.

use maud::{Markup, html};

use super::geometry::{
    LinearScale, boundaries, num, path_d, runs, spread, ticks, year_position, year_scale,
};
use super::svg::{Drawn, GRID, INK, MUTED, PRIMARY, Shape, marker};
use crate::views::format::number;

#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub id: String,
    pub title: String,
    pub desc: String,
    /// The top of the value axis (800 for totals, 100 for a theme).
    pub max: f64,
    pub step: f64,
    /// The drawing's size in its own units: a page draws it at least this
    /// wide (the small per-area charts are `SMALL_WIDTH`, never narrower
    /// than 320 px), so its 12-unit axis labels are never under 12 px.
    pub width: f64,
    pub height: f64,
    /// Oldest first.
    pub points: Vec<TimePoint>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimePoint {
    pub year: i32,
    pub month: Option<u8>,
    /// `None`: the evaluation took place but this figure was not published.
    pub value: Option<f64>,
    /// The criteria revision ("v2020"): lines never cross from one to another.
    pub group: String,
    /// How the revision is labelled on the chart: "kriterier 2019/2020".
    pub group_label: String,
}

/// The total's chart.
pub const WIDTH: f64 = 400.0;
/// A small per-area chart: the narrowest a page draws one (20rem).
pub const SMALL_WIDTH: f64 = 320.0;
const X0: f64 = 40.0;
/// Room right of the plot.
const RIGHT: f64 = 18.0;
/// The axis labels' size (ticks, years below).
const AXIS_FONT: &str = "12";
const TOP: f64 = 46.0;
const LABEL_ROWS: [f64; 2] = [14.0, 30.0];
/// Rough width of a character of 11-px text, for keeping labels apart.
const CHAR_WIDTH: f64 = 6.5;
/// The width of "ej publicerat" in 12-px text, with a little room.
const MISSING_WIDTH: f64 = 92.0;

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineLayout {
    pub bottom: f64,
    pub xs: Vec<f64>,
    pub ys: Vec<Option<f64>>,
    pub runs: Vec<Vec<usize>>,
    /// x of each revision boundary.
    pub boundaries: Vec<f64>,
    /// Each revision's label: x, baseline, text.
    pub regions: Vec<(f64, f64, String)>,
    pub year_labels: Vec<(f64, String)>,
    /// Where "ej publicerat" is written under each evaluation without a
    /// figure (a second row when the one before is close).
    pub missing_labels: Vec<(usize, f64, f64)>,
    pub y_ticks: Vec<(f64, f64)>,
}

pub fn layout(t: &Timeline) -> TimelineLayout {
    let x1 = t.width - RIGHT;
    let bottom = t.height - 52.0;
    let positions: Vec<f64> = t
        .points
        .iter()
        .map(|p| year_position(p.year, p.month))
        .collect();
    let xscale = year_scale(&positions, X0, x1);
    let yscale = LinearScale::new((0.0, t.max), (bottom, TOP));
    let xs: Vec<f64> = positions.iter().map(|p| xscale.map(*p)).collect();
    let ys = t
        .points
        .iter()
        .map(|p| p.value.map(|v| yscale.map(v)))
        .collect();
    let groups: Vec<&str> = t.points.iter().map(|p| p.group.as_str()).collect();
    let values: Vec<Option<f64>> = t.points.iter().map(|p| p.value).collect();
    let cuts = boundaries(&groups);
    let boundary_xs: Vec<f64> = cuts.iter().map(|&i| (xs[i - 1] + xs[i]) / 2.0).collect();
    // A label at the start of each revision's stretch, on a second row when
    // it would run into the one before.
    let starts: Vec<(f64, &str)> = std::iter::once((X0, 0usize))
        .chain(boundary_xs.iter().copied().zip(cuts.iter().copied()))
        .map(|(x, i)| (x + 4.0, t.points[i].group_label.as_str()))
        .collect();
    let mut regions: Vec<(f64, f64, String)> = Vec::new();
    let mut row_ends = [f64::NEG_INFINITY; 2];
    for (x, label) in starts.iter().filter(|_| !t.points.is_empty()) {
        let width = label.chars().count() as f64 * CHAR_WIDTH;
        let x = x.min(x1 - width).max(2.0);
        let row = usize::from(x < row_ends[0] + 6.0);
        row_ends[row] = x + width;
        regions.push((x, LABEL_ROWS[row], (*label).to_string()));
    }
    let mut years: Vec<(f64, i32)> = Vec::new();
    for (x, p) in xs.iter().zip(&t.points) {
        if years.last().is_none_or(|(_, y)| *y != p.year) {
            years.push((*x, p.year));
        }
    }
    let spread_xs = spread(
        &years.iter().map(|(x, _)| *x).collect::<Vec<_>>(),
        34.0,
        X0,
        x1,
    );
    let year_labels = spread_xs
        .into_iter()
        .zip(years)
        .map(|(x, (_, y))| (x, y.to_string()))
        .collect();
    let mut missing_labels: Vec<(usize, f64, f64)> = Vec::new();
    for i in (0..t.points.len()).filter(|&i| t.points[i].value.is_none()) {
        let crowded = missing_labels
            .last()
            .is_some_and(|(_, x, y)| xs[i] - x < MISSING_WIDTH && *y == bottom + 32.0);
        let y = if crowded {
            bottom + 45.0
        } else {
            bottom + 32.0
        };
        missing_labels.push((i, xs[i], y));
    }
    TimelineLayout {
        bottom,
        missing_labels,
        runs: runs(&values, &groups),
        xs,
        ys,
        boundaries: boundary_xs,
        regions,
        year_labels,
        y_ticks: ticks(t.max, t.step)
            .into_iter()
            .map(|v| (v, yscale.map(v)))
            .collect(),
    }
}

/// The chart's parts, for a page (`render`) or a file (`document::file`).
pub fn drawn(t: &Timeline) -> Drawn {
    let g = layout(t);
    let x1 = t.width - RIGHT;
    let body = html! {
        @for (v, y) in &g.y_ticks {
            line x1=(num(X0)) x2=(num(x1)) y1=(num(*y)) y2=(num(*y)) stroke=(GRID) stroke-width="1" {}
            text x=(num(X0 - 6.0)) y=(num(y + 4.0)) text-anchor="end" font-size=(AXIS_FONT) fill=(MUTED) { (num(*v)) }
        }
        @for x in &g.boundaries {
            line x1=(num(*x)) x2=(num(*x)) y1="18" y2=(num(g.bottom)) stroke=(INK) stroke-width="1.5" stroke-dasharray="5 4" {}
        }
        @for (x, y, label) in &g.regions {
            text x=(num(*x)) y=(num(*y)) font-size="12" fill=(MUTED) { (label) }
        }
        @for run in &g.runs {
            @if run.len() > 1 {
                path d=(path_d(&run.iter().filter_map(|&i| g.ys[i].map(|y| (g.xs[i], y))).collect::<Vec<_>>()))
                    fill="none" stroke=(PRIMARY) stroke-width="2.5" {}
            }
        }
        @for (i, p) in t.points.iter().enumerate() {
            @match (p.value, g.ys[i]) {
                (Some(v), Some(y)) => {
                    (marker(Shape::Circle, g.xs[i], y, 4.5, PRIMARY, PRIMARY))
                    text x=(num(g.xs[i])) y=(num(y - 10.0)) text-anchor="middle" font-weight="bold" { (number(v)) }
                }
                _ => {
                    // Not a point on the axis (that would read as zero): a
                    // dotted line through the plot, and words under the year.
                    line x1=(num(g.xs[i])) x2=(num(g.xs[i])) y1=(num(TOP)) y2=(num(g.bottom)) stroke=(MUTED) stroke-width="1.5" stroke-dasharray="1 4" {}
                }
            }
        }
        @for (_, x, y) in &g.missing_labels {
            text x=(num(*x)) y=(num(*y)) text-anchor="middle" font-size=(AXIS_FONT) fill=(MUTED) font-style="italic" { "ej publicerat" }
        }
        line x1=(num(X0)) x2=(num(x1)) y1=(num(g.bottom)) y2=(num(g.bottom)) stroke=(MUTED) stroke-width="1" {}
        @for (x, label) in &g.year_labels {
            text x=(num(*x)) y=(num(g.bottom + 18.0)) text-anchor="middle" font-size="13" { (label) }
        }
    };
    Drawn {
        id: t.id.clone(),
        title: t.title.clone(),
        desc: t.desc.clone(),
        width: t.width,
        // The rows for "ej publicerat" only where something is missing.
        height: if g.missing_labels.is_empty() {
            g.bottom + 28.0
        } else {
            t.height
        },
        body,
    }
}

pub fn render(t: &Timeline) -> Markup {
    drawn(t).inline()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(year: i32, value: Option<f64>, group: &str) -> TimePoint {
        TimePoint {
            year,
            month: None,
            value,
            group: group.into(),
            group_label: format!("kriterier {group}"),
        }
    }

    fn timeline(points: Vec<TimePoint>) -> Timeline {
        Timeline {
            id: "totalt".into(),
            title: "Totalpoäng".into(),
            desc: "d".into(),
            max: 800.0,
            step: 200.0,
            width: WIDTH,
            height: 200.0,
            points,
        }
    }

    #[test]
    fn vallentuna_has_a_line_within_2016_and_a_break_before_2020() {
        let t = timeline(vec![
            point(2017, Some(555.0), "v2016"),
            point(2019, Some(603.0), "v2016"),
            point(2021, Some(648.0), "v2020"),
        ]);
        let g = layout(&t);
        assert_eq!(g.runs, vec![vec![0, 1], vec![2]]);
        assert_eq!(g.boundaries, vec![(g.xs[1] + g.xs[2]) / 2.0]);
        assert_eq!(g.regions.len(), 2);
        assert!(
            g.ys[2].unwrap() < g.ys[0].unwrap(),
            "higher values are drawn higher"
        );
        let svg = render(&t).into_string();
        assert_eq!(
            svg.matches("<path d=\"M").count(),
            1,
            "one line, none across the boundary"
        );
        assert!(svg.contains("stroke-dasharray"));
        assert!(svg.contains("kriterier v2020"));
    }

    #[test]
    fn an_unpublished_evaluation_is_shown_but_never_joined() {
        let t = timeline(vec![
            point(2014, Some(500.0), "v2010"),
            point(2015, None, "v2010"),
            point(2016, Some(520.0), "v2010"),
        ]);
        let g = layout(&t);
        assert_eq!(g.runs, vec![vec![0], vec![2]]);
        assert!(g.boundaries.is_empty());
        assert_eq!(g.missing_labels, vec![(1, g.xs[1], g.bottom + 32.0)]);
        let svg = render(&t).into_string();
        assert!(svg.contains("ej publicerat"));
        assert!(
            !svg.contains(&format!("cy=\"{}\"", num(g.bottom))),
            "nothing drawn on the zero line"
        );
        assert!(!svg.contains("<path d=\"M"), "no line across the gap");
    }

    #[test]
    fn close_missing_labels_take_turns_on_two_rows() {
        let g = layout(&timeline(vec![
            point(2005, None, "v2002"),
            point(2006, None, "v2002"),
            point(2015, None, "v2010"),
        ]));
        let rows: Vec<f64> = g
            .missing_labels
            .iter()
            .map(|(_, _, y)| *y - g.bottom)
            .collect();
        assert_eq!(rows, vec![32.0, 45.0, 32.0]);
    }

    #[test]
    fn close_region_labels_move_to_a_second_row() {
        let g = layout(&timeline(vec![
            point(2009, Some(400.0), "v2002"),
            point(2010, Some(450.0), "v2010"),
            point(2020, Some(500.0), "v2020"),
        ]));
        let rows: Vec<f64> = g.regions.iter().map(|r| r.1).collect();
        assert_eq!(rows[0], LABEL_ROWS[0]);
        assert_eq!(rows[1], LABEL_ROWS[1]);
        assert!(
            g.regions
                .iter()
                .all(|(x, _, label)| x + label.len() as f64 * CHAR_WIDTH <= WIDTH - RIGHT + 1.0)
        );
    }

    #[test]
    fn a_small_chart_is_drawn_320_wide_with_12_unit_axis_labels_and_no_empty_rows() {
        let mut t = timeline(vec![
            point(2016, Some(54.0), "v2016"),
            point(2018, Some(71.0), "v2016"),
        ]);
        t.width = SMALL_WIDTH;
        let d = drawn(&t);
        assert_eq!(d.width, 320.0);
        let g = layout(&t);
        assert!(g.xs.iter().all(|x| *x <= SMALL_WIDTH - RIGHT));
        assert_eq!(d.height, g.bottom + 28.0, "no row for a missing figure");
        let svg = render(&t).into_string();
        assert!(!svg.contains("font-size=\"11\""), "no axis label under 12");
        assert!(svg.contains("font-size=\"12\""));
        t.points.push(point(2020, None, "v2016"));
        assert_eq!(drawn(&t).height, t.height, "room for \"ej publicerat\"");
    }

    #[test]
    fn years_are_labelled_once_and_apart() {
        let mut a = point(2020, Some(1.0), "v2020");
        a.month = Some(2);
        let mut b = point(2020, Some(2.0), "v2020");
        b.month = Some(11);
        let g = layout(&timeline(vec![point(2019, Some(3.0), "v2020"), a, b]));
        let labels: Vec<&str> = g.year_labels.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, vec!["2019", "2020"]);
        assert!(g.year_labels[1].0 - g.year_labels[0].0 >= 34.0);
    }
}
