//! The comparison as an image for an article: the totals panel first (the
//! one figure most evaluations have), then the areas in as many columns as
//! keep the image at most twice as tall as it is wide; a municipality
//! without the figures of a panel is named in a footnote with the reason,
//! not drawn as empty rows, and a panel nobody has figures for is left out
//! (said in a footnote too). `?del=totalt|omraden` gives one panel.

use super::{CompareResult, NOT_EVALUATED};
use crate::views::chart::document::{self, Context};
use crate::views::chart::grouped::{self, GroupedChart};
use crate::views::chart::svg::{Direction, Drawn, join};
use crate::views::format::and_list;
use crate::views::publish::frame;

/// Which panels an image shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Part {
    #[default]
    Both,
    Totals,
    Areas,
}

impl Part {
    /// `del`: absent (both), `totalt` or `omraden`.
    pub fn parse(raw: Option<&str>) -> Option<Self> {
        match raw.map(str::trim) {
            None | Some("") => Some(Part::Both),
            Some("totalt") => Some(Part::Totals),
            Some("omraden") => Some(Part::Areas),
            Some(_) => None,
        }
    }
}

/// The most columns the areas are spread over.
const MAX_COLUMNS: usize = 4;
const GAP: f64 = 20.0;

/// The panels drawn, and the footnotes that name who is left out of them.
#[derive(Debug, Clone)]
pub struct Panels {
    pub drawn: Drawn,
    pub notes: Vec<String>,
    /// How many columns the areas took.
    pub columns: usize,
}

/// The chart without the series that have no figure in any group, and
/// the indices of those left out.
fn without_empty(chart: &GroupedChart) -> (GroupedChart, Vec<usize>) {
    let empty: Vec<usize> = (0..chart.series.len())
        .filter(|i| {
            chart
                .groups
                .iter()
                .all(|g| g.values.get(*i).copied().flatten().is_none())
        })
        .collect();
    let keep = |i: &usize| !empty.contains(i);
    let pick = |v: &[String]| {
        v.iter()
            .enumerate()
            .filter(|(i, _)| keep(i))
            .map(|(_, s)| s.clone())
            .collect::<Vec<_>>()
    };
    let mut out = chart.clone();
    out.series = pick(&chart.series);
    out.missing = pick(&chart.missing);
    // Each series keeps its fill: the same municipality looks the same in
    // every panel whoever is left out.
    out.fills = (0..chart.series.len())
        .filter(|i| keep(i))
        .map(|i| chart.fills.get(i).copied().unwrap_or(i))
        .collect();
    for g in &mut out.groups {
        g.values = g
            .values
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(i))
            .map(|(_, v)| *v)
            .collect();
    }
    (out, empty)
}

/// "Mark (bara totalpoäng)": who is left out of a panel, and why.
fn left_out(result: &CompareResult, indices: &[usize], areas: bool) -> Vec<String> {
    indices
        .iter()
        .filter_map(|i| result.columns.get(*i).map(|c| (*i, c)))
        .map(|(i, c)| {
            let why = if !c.evaluated() {
                NOT_EVALUATED
            } else if areas && result.totals.get(i).copied().flatten().is_some() {
                "bara totalpoäng publicerad"
            } else {
                "ej publicerat"
            };
            format!("{} ({why})", c.name)
        })
        .collect()
}

/// The areas' chart in `columns` columns, each its own chart (ids kept
/// apart) with its share of the areas.
fn in_columns(chart: &GroupedChart, columns: usize) -> Drawn {
    let per = chart.groups.len().div_ceil(columns.max(1)).max(1);
    let parts: Vec<Drawn> = chart
        .groups
        .chunks(per)
        .enumerate()
        .map(|(i, groups)| {
            let mut part = chart.clone();
            part.groups = groups.to_vec();
            if i > 0 {
                part.id = format!("{}-{}", chart.id, i + 1);
            }
            grouped::drawn(&part)
        })
        .collect();
    join(
        Direction::Across,
        GAP,
        &parts,
        (&chart.id, &chart.title, &chart.desc),
    )
}

/// The panels of `result` that `part` asks for, laid out for `ctx` (whose
/// notes get the footnotes); none when the panel asked for has no figures.
pub fn panels(result: &CompareResult, part: Part, ctx: &Context) -> Option<Panels> {
    let mut notes = Vec::new();
    let totals = (part != Part::Areas && result.has_totals()).then(|| {
        let (chart, dropped) = without_empty(&result.total_chart);
        if !dropped.is_empty() {
            notes.push(format!(
                "Utan totalpoäng: {}.",
                and_list(&left_out(result, &dropped, false))
            ));
        }
        grouped::drawn(&chart)
    });
    let areas = (part != Part::Totals && !result.rows.is_empty()).then(|| {
        let (chart, dropped) = without_empty(&result.chart);
        if !dropped.is_empty() {
            notes.push(format!(
                "Utan poäng per område: {}.",
                and_list(&left_out(result, &dropped, true))
            ));
        }
        chart
    });
    match part {
        Part::Both if result.rows.is_empty() => {
            notes.push("Ingen av de jämförda utvärderingarna har publicerat poäng per område: bilden visar totalpoängen.".to_string());
        }
        Part::Both if totals.is_none() => {
            notes.push(
                "Ingen av de jämförda utvärderingarna har publicerat totalpoäng.".to_string(),
            );
        }
        Part::Totals if totals.is_none() => return None,
        Part::Areas if areas.is_none() => return None,
        _ => {}
    }
    if totals.is_none() && areas.is_none() {
        return None;
    }
    let with_notes = Context {
        notes: notes.clone(),
        ..ctx.clone()
    };
    let compose = |columns: usize| -> Drawn {
        let parts: Vec<Drawn> = totals
            .iter()
            .cloned()
            .chain(areas.as_ref().map(|a| in_columns(a, columns)))
            .collect();
        join(
            Direction::Down,
            GAP,
            &parts,
            (
                "diagram-jamfor-fil",
                &ctx.title,
                "Totalpoängen och poängen per område som staplar, en per kommun. Siffrorna finns i tabellen på kompass.",
            ),
        )
    };
    let columns = (1..=MAX_COLUMNS)
        .find(|&n| {
            let d = compose(n);
            document::fits_proportions(d.width, d.height, &with_notes)
        })
        .unwrap_or(MAX_COLUMNS);
    Some(Panels {
        drawn: compose(columns),
        notes,
        columns,
    })
}

/// The embed's title: "Kumla och Vallentuna i Kommunkompassen".
pub fn embed_title(result: &CompareResult) -> String {
    let names: Vec<String> = result.columns.iter().map(|c| c.name.clone()).collect();
    format!("{} i Kommunkompassen", and_list(&names))
}

/// The panels an embed shows (laid out as the file's, without the file's
/// lines around them).
pub fn for_embed(result: &CompareResult) -> Option<Panels> {
    let bare = Context {
        title: embed_title(result),
        subtitle: None,
        notes: vec![],
        source: String::new(),
        licence: String::new(),
        note: None,
    };
    panels(result, Part::Both, &bare)
}

/// What the compare embed says first.
pub const EMBED_LEAD: &str = "Varje kommuns senaste publicerade poäng, som på dess sida (områdena från den senaste utvärdering som publicerade dem), eller den utvärdering som valts: totalpoäng (0–800) och poäng per område (0–100).";

/// The compare embed's frame height.
pub fn embed_height(result: &CompareResult) -> u32 {
    let p = for_embed(result);
    let notes = p.as_ref().map(|p| p.notes.clone()).unwrap_or_default();
    frame::fitted(
        p.as_ref().map(|p| &p.drawn),
        result.columns.len(),
        EMBED_LEAD,
        &notes,
    )
}

#[cfg(test)]
mod tests {
    use super::super::result;
    use super::*;
    use crate::domain::answer::compare::{Choice, compare};
    use crate::views::testdata::bundled;

    fn result_of(codes: &[&str]) -> CompareResult {
        let data = bundled();
        let choices: Vec<Choice> = codes
            .iter()
            .map(|c| match c.split_once(':') {
                Some((code, year)) => Choice {
                    municipality: code.parse().unwrap(),
                    evaluation: Some(format!("{code}-{year}").parse().unwrap()),
                },
                None => Choice::of(c.parse().unwrap()),
            })
            .collect();
        result(data, &compare(data, &choices))
    }

    fn ctx() -> Context {
        Context {
            title: "Kumla, Vallentuna, Ystad och Mark".into(),
            subtitle: Some("Kommunkompassen".into()),
            notes: vec![],
            source: "Källa: SKR".into(),
            licence: "Licens CC BY 4.0".into(),
            note: None,
        }
    }

    #[test]
    fn the_totals_come_first_and_the_image_keeps_its_proportions() {
        let r = result_of(&["1881", "0115", "1286", "1463"]);
        let p = panels(&r, Part::Both, &ctx()).unwrap();
        let body = p.drawn.body.clone().into_string();
        let totals = body.find("Totalt (av 800)").unwrap();
        let area = body.find("1 Samspel").unwrap();
        assert!(totals < area, "the totals panel first");
        assert!(p.columns > 1, "one column would be too tall");
        let g = document::layout(
            p.drawn.width,
            p.drawn.height,
            &Context {
                notes: p.notes.clone(),
                ..ctx()
            },
        );
        assert!(g.height <= 2.0 * g.width, "{} × {}", g.width, g.height);
        let notes = p.notes.join(" ");
        assert!(notes.contains("Utan poäng per område:"), "{notes}");
        assert!(
            notes.contains("Mark (bara totalpoäng publicerad)"),
            "{notes}"
        );
        assert!(notes.contains("Ystad (ej utvärderad)"), "{notes}");
        assert!(!body.contains(">Ystad<"), "not drawn as empty rows");
        // Vallentuna is striped in both panels, though Ystad and Mark are
        // left out of the areas: a series keeps its fill.
        // A bar's label, then its bar: the fill of the bar after `at`.
        let fill_after = |panel: &str, at: usize| {
            let rect = at + panel[at..].find("<rect").unwrap();
            let fill = panel[rect..].split("fill=\"").nth(1).unwrap();
            let fill = fill.split('"').next().unwrap();
            // A pattern's id starts with its chart's: compare what follows.
            fill.rsplit('-').next().unwrap().to_string()
        };
        // The bars after the totals' heading and after area 1's heading.
        let (totals_part, areas_part) = (&body[totals..], &body[area..]);
        for name in [">Vallentuna 2021<", ">Sverigesnitt 2021<"] {
            let in_totals = totals_part.find(name).unwrap();
            let in_areas = areas_part.find(name).unwrap();
            assert_eq!(
                fill_after(totals_part, in_totals),
                fill_after(areas_part, in_areas),
                "{name}"
            );
        }
    }

    #[test]
    fn one_panel_as_asked_and_the_totals_alone_without_areas() {
        let r = result_of(&["1881", "0115"]);
        let totals = panels(&r, Part::Totals, &ctx()).unwrap();
        assert!(
            !totals
                .drawn
                .body
                .clone()
                .into_string()
                .contains("1 Samspel")
        );
        let areas = panels(&r, Part::Areas, &ctx()).unwrap();
        assert!(!areas.drawn.body.into_string().contains("Totalt (av 800)"));
        let totals_only = result_of(&["1880:2015", "1463"]);
        let both = panels(&totals_only, Part::Both, &ctx()).unwrap();
        assert!(
            both.notes
                .iter()
                .any(|n| n.contains("bilden visar totalpoängen"))
        );
        assert!(panels(&totals_only, Part::Areas, &ctx()).is_none());
        assert_eq!(Part::parse(Some("omraden")), Some(Part::Areas));
        assert_eq!(Part::parse(Some("x")), None);
    }
}
