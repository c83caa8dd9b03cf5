//! The map block of the start page (who was evaluated, and with figures
//! under which criteria) and of the total ranking (the total in a few
//! bins): the map with a link per municipality, its legend in words, the
//! list it stands for, its downloads and the map data's attribution. What
//! colours each municipality is the domain's rule (`answer::map`).

use maud::{Markup, html};

use crate::domain::answer::map::{self, Coverage, RankClass, TOTAL_BINS};
use crate::domain::answer::ranking::Ranking;
use crate::domain::snapshot::Snapshot;
use crate::domain::{Municipality, MunicipalityCode};
use crate::views::chart::map::{ATTRIBUTION, Fill, MapChart, MapRegion, render, swatch};
use crate::views::format::{self, count, municipality_href};
use crate::views::publish::png_href;

/// The start page's classes, in the legend's order.
const COVERAGE_FILLS: [Fill; 4] = [
    Fill::Solid("#1c4e80"),
    Fill::Solid("#8fb3d6"),
    Fill::Hatched("#e6eef6"),
    Fill::Solid("#e3e7eb"),
];
/// The ranking's bins, light to dark, then no total, other criteria,
/// outside the filter and never evaluated.
const BIN_FILLS: [Fill; 5] = [
    Fill::Solid("#dbe7f2"),
    Fill::Solid("#a9c6e0"),
    Fill::Solid("#6f9fc8"),
    Fill::Solid("#3a6f9f"),
    Fill::Solid("#143a60"),
];
const NO_TOTAL: Fill = Fill::Solid("#a3abb3");
const OTHER_CRITERIA: Fill = Fill::Hatched("#ffffff");
const OUTSIDE: Fill = Fill::Solid("#f3f4f6");
const NEVER: Fill = Fill::Solid("#e3e7eb");

#[derive(Debug, Clone, PartialEq)]
pub struct MapBlock {
    pub chart: MapChart,
    /// What the map shows, in a sentence.
    pub lead: String,
    /// The same as a list or table: (sentence, link text, address).
    pub alternative: (String, String, String),
    /// The map as a file (SVG; the PNG beside it).
    pub download: String,
}

/// A municipality's outline from the map data, projected (kilometres east
/// and north); empty when the map data has none for it.
fn outline(data: &Snapshot, code: MunicipalityCode) -> Vec<Vec<(f64, f64)>> {
    data.places.get(code).map_or_else(Vec::new, |p| {
        p.shape
            .rings()
            .map(|ring| ring.iter().map(|pt| pt.projected()).collect())
            .collect()
    })
}

fn region(data: &Snapshot, m: &Municipality, label: String, fill: Fill) -> MapRegion {
    MapRegion {
        code: m.code.to_string(),
        label,
        href: municipality_href(m),
        fill,
        rings: outline(data, m.code),
    }
}

/// The legend's entries that occur, each with how many.
fn legend(entries: Vec<(Fill, String, usize)>) -> Vec<(Fill, String)> {
    entries
        .into_iter()
        .filter(|(_, _, n)| *n > 0)
        .map(|(f, text, n)| (f, format!("{text} ({n})")))
        .collect()
}

/// The start page's map: every municipality by whether it was evaluated
/// and whether figures were published, by the criteria of its latest.
pub fn coverage(data: &Snapshot) -> MapBlock {
    let all = map::coverage(data);
    let latest = data
        .catalogue
        .revisions
        .iter()
        .map(|r| r.id)
        .max()
        .map(|r| format::revision_short(&data.catalogue, r))
        .unwrap_or_default();
    let mut counts = [0usize; 4];
    let regions = all
        .iter()
        .map(|c| {
            let i = c.coverage.index();
            counts[i] += 1;
            let m = c.municipality;
            let label = match c.coverage {
                Coverage::LatestCriteria(s) | Coverage::OlderCriteria(s) => {
                    let e = &s.evaluation;
                    let what = e.total.map_or_else(
                        || "poäng per område".to_string(),
                        |t| format!("{} poäng", t.to_swedish()),
                    );
                    format!(
                        "{}: {what} {} (kriterier {})",
                        m.name,
                        e.year,
                        format::revision_short(&data.catalogue, e.revision)
                    )
                }
                Coverage::WithoutFigures(s) => format!(
                    "{}: utvärderad {}, poängen inte publicerade",
                    m.name, s.evaluation.year
                ),
                Coverage::Never => format!("{}: ej utvärderad", m.name),
            };
            region(data, m, label, COVERAGE_FILLS[i])
        })
        .collect();
    let legend = legend(vec![
        (
            COVERAGE_FILLS[0],
            format!("Poäng publicerade, kriterierna från {latest}"),
            counts[0],
        ),
        (
            COVERAGE_FILLS[1],
            "Poäng publicerade, äldre kriterier".into(),
            counts[1],
        ),
        (
            COVERAGE_FILLS[2],
            "Utvärderad, poängen inte publicerade".into(),
            counts[2],
        ),
        (COVERAGE_FILLS[3], "Ej utvärderad".into(), counts[3]),
    ]);
    let evaluated = counts[0] + counts[1] + counts[2];
    MapBlock {
        chart: MapChart {
            id: "karta".into(),
            title: "Sveriges kommuner i Kommunkompassen".into(),
            desc: format!(
                "Karta över Sveriges {} kommuner: {} har utvärderats enligt de källor kompass känner till, {} av dem med publicerade poäng.",
                all.len(),
                evaluated,
                counts[0] + counts[1]
            ),
            regions,
            legend,
        },
        lead: format!(
            "{} av {} kommuner har utvärderats enligt de källor kompass känner till; {} med publicerade poäng. Varje kommun på kartan är en länk till dess sida.",
            evaluated,
            all.len(),
            counts[0] + counts[1]
        ),
        alternative: (
            "Samma uppgifter som lista:".into(),
            "alla kommuner, län för län".into(),
            "/kommuner".into(),
        ),
        download: "/karta.svg".into(),
    }
}

/// "under 450", "450–499", ..., "600 och mer".
fn bin_label(i: usize) -> String {
    match (i.checked_sub(1).map(|j| TOTAL_BINS[j]), TOTAL_BINS.get(i)) {
        (None, Some(hi)) => format!("Under {hi} poäng"),
        (Some(lo), Some(hi)) => format!("{lo}–{} poäng", hi - 1),
        (Some(lo), None) => format!("{lo} poäng och mer"),
        (None, None) => String::new(),
    }
}

/// The total ranking's map, for the ranking `r` whose page and file are at
/// `href` (with the page's filters); none for a theme's ranking.
pub fn ranking(data: &Snapshot, r: &Ranking<'_>, download: String) -> Option<MapBlock> {
    let placed = map::ranked(data, r)?;
    let of = r.places.len();
    let mut bins = [0usize; 5];
    let (mut no_total, mut other, mut outside, mut never) = (0, 0, 0, 0);
    let regions = placed
        .iter()
        .map(|p| {
            let m = p.municipality;
            let (fill, label) = match p.class {
                RankClass::Ranked {
                    bin,
                    rank,
                    evaluation,
                    total,
                } => {
                    bins[bin] += 1;
                    (
                        BIN_FILLS[bin],
                        format!(
                            "{}: {} poäng {}, plats {rank} av {of}",
                            m.name,
                            total.to_swedish(),
                            evaluation.evaluation.year
                        ),
                    )
                }
                RankClass::OtherCriteria(s) => {
                    other += 1;
                    let e = &s.evaluation;
                    (
                        OTHER_CRITERIA,
                        format!(
                            "{}: {} poäng {} enligt kriterierna från {}, inte med i rankningen",
                            m.name,
                            e.total.map(|t| t.to_swedish()).unwrap_or_default(),
                            e.year,
                            format::revision_short(&data.catalogue, e.revision)
                        ),
                    )
                }
                RankClass::OutsideFilter => {
                    outside += 1;
                    (OUTSIDE, format!("{}: utanför urvalet", m.name))
                }
                RankClass::NoFigures => {
                    no_total += 1;
                    (
                        NO_TOTAL,
                        format!("{}: utvärderad, ingen totalpoäng publicerad", m.name),
                    )
                }
                RankClass::Never => {
                    never += 1;
                    (NEVER, format!("{}: ej utvärderad", m.name))
                }
            };
            region(data, m, label, fill)
        })
        .collect();
    let mut entries: Vec<(Fill, String, usize)> = (0..BIN_FILLS.len())
        .rev()
        .map(|i| (BIN_FILLS[i], bin_label(i), bins[i]))
        .collect();
    entries.extend([
        (
            OTHER_CRITERIA,
            "Totalpoäng enligt andra kriterier".to_string(),
            other,
        ),
        (
            NO_TOTAL,
            "Utvärderad, ingen totalpoäng publicerad".to_string(),
            no_total,
        ),
        (OUTSIDE, "Utanför urvalet".to_string(), outside),
        (NEVER, "Ej utvärderad".to_string(), never),
    ]);
    let criteria = r.request.filter.revision.map_or_else(
        || "alla versioner av kriterierna".to_string(),
        |rev| format::criteria(&data.catalogue, rev),
    );
    // The file travels without the page: its title names the filters too.
    let mut scope = String::new();
    if let Some(county) = r
        .request
        .filter
        .county
        .and_then(|c| data.derived().county(c))
    {
        scope.push_str(&format!(", {}", county.name));
    }
    if let Some(g) = r.request.filter.group.and_then(|g| data.places.group(g)) {
        scope.push_str(&format!(
            ", kommungrupp {} {} (SKR:s indelning 2023)",
            g.code, g.name
        ));
    }
    Some(MapBlock {
        chart: MapChart {
            id: "karta-rankning".into(),
            title: format!("Totalpoäng på kartan, {criteria}{scope}"),
            desc: format!(
                "Karta över Sveriges kommuner, färgade efter den senaste publicerade totalpoängen enligt {criteria}; {} i rankningen{scope}.",
                count(of, "kommun", "kommuner")
            ),
            regions,
            legend: legend(entries),
        },
        lead: format!(
            "Rankningens {} på kartan, i fem steg av totalpoängen. Grått: ingen publicerad totalpoäng; streckat: totalpoäng enligt andra kriterier än de valda.",
            count(of, "kommun", "kommuner")
        ),
        alternative: (
            "Samma uppgifter med exakta poäng:".into(),
            "rankningens tabell".into(),
            "#rankning".into(),
        ),
        download,
    })
}

/// The block: legend and words beside the map, a way past its links for
/// keyboard users, its downloads and attribution.
pub fn render_block(block: &MapBlock, heading: &str) -> Markup {
    let id = &block.chart.id;
    let after = format!("{id}-efter");
    let (sentence, link, href) = &block.alternative;
    html! {
        section.map-block aria-labelledby=(format!("{id}-rubrik")) {
            h2 id=(format!("{id}-rubrik")) { (heading) }
            div.map-layout {
                div.map-text {
                    p { (block.lead) }
                    ul.map-legend aria-label="Teckenförklaring" {
                        @for (fill, text) in &block.chart.legend {
                            li { (swatch(id, *fill)) " " (text) }
                        }
                    }
                    p.small { (sentence) " " a href=(href) { (link) } "." }
                    a.skip-map href=(format!("#{after}")) { "Hoppa förbi kartans " (block.chart.regions.len()) " länkar" }
                }
                figure.map-figure {
                    (render(&block.chart))
                    figcaption id=(after) tabindex="-1" {
                        span.chart-actions {
                            "Ladda ner kartan: "
                            a href=(png_href(&block.download)) download { "PNG" }
                            " · "
                            a href=(block.download) download { "SVG" }
                        }
                        br;
                        span.small { (ATTRIBUTION) "." }
                    }
                }
            }
        }
    }
}
